"""Incremental builds (issue 17 item 3, ``engine/reuse.py``): after an edit only the pages
whose inputs changed are rendered again, and the result is byte for byte a cold build's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, make_project, run_cli, snapshot

REUSED_RE = re.compile(r"Reusing (\d+) of (\d+) pages of '(\w+)'")
NAV_RE = re.compile(r"The navigation of '(\w+)' changed: every page is rendered again")
LANGS = ("kk", "ru", "en")

# Eight whole builds (site and bundle) of a small project: minutes, not the inner loop.
pytestmark = pytest.mark.build


def outputs(root: Path) -> dict[str, bytes]:
    """site/ and the offline zip (and the generator's records beside them)."""
    return {
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
        **{f"dist/{k}": v for k, v in snapshot(root / "dist").items()},
    }


def build(root: Path) -> dict[str, list[tuple[int, int]]]:
    """``explainer build --strict``; per language, (reused, pages) of its two builds (the
    hosted site and the offline bundle); none reused in a build whose navigation changed."""
    r = run_cli(root, "build", "--strict", "-v")
    assert r.code == 0, r.err
    reused: dict[str, list[tuple[int, int]]] = {}
    for n, total, lang in REUSED_RE.findall(r.err):
        reused.setdefault(lang, []).append((int(n), int(total)))
    for lang in NAV_RE.findall(r.err):
        n, total = max(reused[lang])
        reused[lang].remove((n, total))
        reused[lang].append((0, total))
    return {k: sorted(v) for k, v in sorted(reused.items())}


def cold(root: Path) -> dict[str, bytes]:
    """The outputs of a cold build of the same project (built in the same folder)."""
    for folder in ("site", "dist", "docs"):
        shutil.rmtree(root / folder, ignore_errors=True)
    counts = build(root)
    assert all(n == 0 for v in counts.values() for n, _ in v), counts
    return outputs(root)


def changed_pages(before: dict[str, str], after: dict[str, str], lang: str) -> set[str]:
    """The Markdown pages of ``lang`` whose bytes changed (docs/ manifests)."""
    return {
        k
        for k in set(before) | set(after)
        if k.startswith(f"{lang}/") and k.endswith(".md") and before.get(k) != after.get(k)
    }


def manifest(root: Path) -> dict[str, str]:
    data = json.loads((root / "docs" / ".explainer-manifest.json").read_text(encoding="utf-8"))
    return dict(data["files"])


def diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("inc") / "basic", CASES / "basic" / "content")
    first = build(root)
    assert sorted(first) == sorted(LANGS)
    assert all(n == 0 for v in first.values() for n, _ in v)  # nothing to reuse yet
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """The basic fixture, built once (a copy for each test)."""
    return Path(shutil.copytree(built_once, tmp_path / "basic", symlinks=True))


def test_a_rebuild_after_no_change_reuses_every_page_and_gives_the_same_bytes(
    built: Path,
) -> None:
    basic = built
    before = outputs(basic)
    assert any(k.endswith("-offline.zip") for k in before)
    again = build(basic)
    for lang in LANGS:  # every page of the site and of the bundle, in every language
        assert len(again[lang]) == 2 and all(n == total > 0 for n, total in again[lang]), again
    assert diff(before, outputs(basic)) == []


def test_a_nav_title_edited_in_one_language_gives_a_cold_builds_bytes(built: Path) -> None:
    basic = built
    docs_before = manifest(basic)
    topic = basic / "content" / "topics" / "courts" / "en.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("title: Courts\n", "title: Courts of law\n"), encoding="utf-8")
    counts = build(basic)
    docs_after = manifest(basic)
    incremental = outputs(basic)
    # The title (the page's front matter) is in the English navigation: every English page
    # again, in both builds (with navigation.prune a page shows the links of its own tab,
    # the topics' pages this title; the language's key does not tell pages apart by tab).
    assert all(n == 0 for n, _ in counts["en"]), counts
    for lang in ("kk", "ru"):  # only the pages whose Markdown changed (the side by side)
        changed = changed_pages(docs_before, docs_after, lang)
        assert all(n == total - len(changed) and n > 0 for n, total in counts[lang]), (
            lang,
            changed,
            counts,
        )
    en_pages = [k for k in incremental if k.startswith("site/en/topics/") and k.endswith(".html")]
    assert len(en_pages) >= 3
    assert all(b"Courts of law" in incremental[k] for k in en_pages)
    assert diff(incremental, cold(basic)) == []


def test_an_edit_in_one_language_renders_only_its_changed_pages(built: Path) -> None:
    basic = built
    docs_before = manifest(basic)
    topic = basic / "content" / "topics" / "elections" / "ru.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.rstrip("\n") + "\n\nЕщё одно предложение.\n", encoding="utf-8")
    counts = build(basic)
    docs_after = manifest(basic)
    incremental = outputs(basic)
    changed = {lang: changed_pages(docs_before, docs_after, lang) for lang in LANGS}
    assert "ru/topics/elections.md" in changed["ru"]
    for lang in LANGS:
        assert all(n == total - len(changed[lang]) for n, total in counts[lang]), (
            changed,
            counts,
        )
    assert "Ещё одно предложение".encode() in incremental["site/ru/topics/elections/index.html"]
    assert diff(incremental, cold(basic)) == []


def test_a_failed_incremental_build_leaves_the_previous_outputs(built: Path) -> None:
    basic = built
    before = outputs(basic)
    topic = basic / "content" / "topics" / "courts" / "kk.md"
    topic.write_text(
        topic.read_text(encoding="utf-8").rstrip("\n") + "\n\nТағы бір сөйлем.\n",
        encoding="utf-8",
    )
    config = basic / "mkdocs.offline.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\nmarkdown_extensions:\n  - no_such_extension\n", encoding="utf-8")
    r = run_cli(basic, "build", "--strict")
    assert r.code == 1 and "no_such_extension" in r.err
    assert diff(before, outputs(basic)) == []  # site/, the zip and the records as they were
    config.write_text(good, encoding="utf-8")
    counts = build(basic)
    assert all(n > 0 for v in counts.values() for n, _ in v), counts
    assert diff(outputs(basic), cold(basic)) == []
