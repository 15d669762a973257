"""A second explainer (tests/cases/charter) that differs from the flagship in every setting:
Russian default and Kazakh second, no English, a document without sections, its own event
categories and article statuses, no base_url. Built end to end (site, offline bundle,
handouts): nothing of the flagship, no made-up domain and no English interface text reaches
its output."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from explainer.load import load_ui

from .conftest import CASES, ROOT, make_project, run_cli

FLAGSHIP = ("Ата Заң", "Ata Zan", "ata-zan", "Конституц", "example.org", "Қабылдау", "Суды")
"""Words of the flagship (its name, its document, its categories) and the old domain."""


@pytest.fixture(scope="module")
def built_charter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("charter") / "p", CASES / "charter" / "content")
    r = run_cli(root, "build", "--strict")
    assert r.code == 0, r.err
    return root


def _outputs(root: Path) -> dict[str, str]:
    """Every page and data file as text, the PDFs through pdftotext, the zip's members."""
    out: dict[str, str] = {}
    for p in sorted((root / "site").rglob("*")) + sorted((root / "dist").rglob("*")):
        rel = str(p.relative_to(root))
        if not p.is_file() or p.suffix in (".woff2", ".js", ".map", ".css", ".gz", ".json"):
            if p.suffix == ".json" and "/data/" in rel:  # the open data (its format's name
                # is the generator's: "ata-zan-explainer/1", see DATA.md)
                out[rel] = p.read_text(encoding="utf-8").replace('"ata-zan-explainer/1"', "")
            continue
        if p.suffix == ".pdf":
            out[rel] = subprocess.run(
                ["pdftotext", str(p), "-"], capture_output=True, text=True, check=True
            ).stdout
        elif p.suffix == ".zip":
            with zipfile.ZipFile(p) as z:
                for name in z.namelist():
                    if name.endswith(".html"):
                        out[f"{rel}!{name}"] = z.read(name).decode("utf-8")
        else:
            out[rel] = p.read_bytes().decode("utf-8", "replace")
    return out


def test_languages_and_outputs(built_charter: Path) -> None:
    site = built_charter / "site"
    assert '<html lang="ru"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="kk"' in (site / "kk/index.html").read_text(encoding="utf-8")
    assert not (site / "en").exists() and not (site / "ru").exists()
    assert (built_charter / "dist/un-charter-offline.zip").is_file()
    assert sorted(
        str(p.relative_to(built_charter / "dist/handouts"))
        for p in (built_charter / "dist/handouts").rglob("*.pdf")
    ) == [
        "kk/membership.pdf",
        "ru-kk/membership.pdf",
        "ru/membership.pdf",
    ]
    assert not list(site.rglob("sitemap.xml*"))


def test_no_section_and_its_own_statuses(built_charter: Path) -> None:
    page = (built_charter / "docs/ru/articles/23.md").read_text(encoding="utf-8")
    assert "Раздел" not in page and "section" not in page.lower()
    assert "- **Статус:** С поправками — Действует с 24 октября 1945 года." in page
    page = (built_charter / "docs/kk/articles/4.md").read_text(encoding="utf-8")
    assert "- **Мәртебесі:** Бастапқы редакцияда\n" in page


def test_its_own_categories(built_charter: Path) -> None:
    page = (built_charter / "site/timeline/index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="az-filter__btn" data-category="([^"]+)"', page) == [
        "signing",
        "membership",
    ]
    assert "Подписание" in page and "Членство" in page
    assert 'fill="#117733"' in page  # its own colour, in the drawing
    kk = (built_charter / "site/kk/timeline/index.html").read_text(encoding="utf-8")
    assert "Қол қою" in kk and "Мүшелік" in kk


def _english_ui() -> set[str]:
    """Every English interface string: the generator's, and Material's own."""
    ui = load_ui()
    ours = {
        str(v)
        for k, v in ui["en"].items()
        if isinstance(v, str) and "{" not in v and v not in (ui["ru"].get(k), ui["kk"].get(k))
    }
    material = Path(yaml.__file__).parents[1] / "material/templates/partials/languages/en.html"
    theirs = set(re.findall(r'^\s*"[^"]+": "([^"]+)"', material.read_text(encoding="utf-8"), re.M))
    return {s for s in ours | theirs if re.search(r"[A-Za-z]{3}", s) and " " in s}


def test_no_flagship_text_domain_or_english_interface(built_charter: Path) -> None:
    english = _english_ui()
    assert "Permanent link to this section" in english and "Skip to content" in english
    outputs = _outputs(built_charter)
    assert any(k.endswith(".pdf") for k in outputs) and any("!" in k for k in outputs)
    for rel, text in outputs.items():
        for word in FLAGSHIP:
            assert word not in text, (rel, word)
        visible = html.unescape(re.sub(r"<script.*?</script>", "", text, flags=re.S))
        for s in english:
            assert s not in visible, (rel, s)


def test_golden_markdown_exists() -> None:
    assert (ROOT / "tests/golden/charter/ru/index.md").is_file()
    assert not (ROOT / "tests/golden/charter/en").exists()


def test_scaffolds_use_its_own_settings(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", CASES / "charter" / "content")
    assert run_cli(root, "new", "article", "5").code == 0
    article = (root / "content/articles/5.yml").read_text(encoding="utf-8")
    assert "section:" not in article and "status: original\n" in article
    assert "en:" not in article
    assert run_cli(root, "new", "event", "un-day").code == 0
    event = (root / "content/events/un-day.yml").read_text(encoding="utf-8")
    assert "  category: signing\n" in event
    r = run_cli(root, "check", "--strict")
    assert r.code == 1
    assert "content/articles/5.yml:10: warning: placeholder 'https://example.org/TODO'" in r.err
