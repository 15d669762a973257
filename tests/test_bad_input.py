"""Bad input: exact `path:line: message`, exit code 1, no traceback, outputs untouched."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_cli, snapshot

C = "content"


@pytest.fixture
def prebuilt(built_basic: Path, tmp_path: Path) -> Path:
    """A copy of the built fixture: content, docs/ and site/ from a good build."""
    dest = tmp_path / "p"
    shutil.copytree(built_basic, dest, symlinks=True)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_fails(root: Path, expected: list[str], *args: str) -> None:
    before_docs, before_site = snapshot(root / "docs"), snapshot(root / "site")
    r = run_cli(root, "build", "--strict", *args)
    lines = r.err.strip().splitlines()
    assert r.code == 1, r.err
    assert "Traceback" not in r.err
    assert lines[:-1] == expected
    assert lines[-1].startswith("explainer: ") and lines[-1].endswith("nothing was written")
    assert snapshot(root / "docs") == before_docs
    assert snapshot(root / "site") == before_site


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "malformed-yaml": (
        lambda r: edit(r / C / "topics/courts/topic.yml", "articles: [75]", "articles: [75"),
        ["content/topics/courts/topic.yml:4: malformed YAML: expected ',' or ']', but got ':'"],
    ),
    "missing-field": (
        lambda r: edit(r / C / "articles/76.yml", "section: 7\n", ""),
        ["content/articles/76.yml:1: missing required field 'section' in article 76"],
    ),
    "missing-translation": (
        lambda r: (r / C / "topics/elections/ru.md").unlink(),
        [
            "content/topics/elections/topic.yml:1: warning: missing translation 'ru' of topic "
            "'elections': add content/topics/elections/ru.md"
        ],
    ),
    "missing-translation-field": (
        lambda r: edit(r / C / "glossary/terms.yml", " ru: суд,", ""),
        [
            "content/glossary/terms.yml:7: warning: missing translation 'ru' of 'term' in term "
            "'court'"
        ],
    ),
    "duplicate-id": (
        lambda r: edit(r / C / "events/all.yml", "id: in-force-1995", "id: referendum-1995"),
        [
            "content/events/all.yml:9: duplicate event id 'referendum-1995' (first defined at "
            "content/events/all.yml:1)"
        ],
    ),
    "unknown-reference": (
        lambda r: edit(r / C / "topics/courts/en.md", "[[art:75]]", "[[art:175]]"),
        ["content/topics/courts/en.md:8: unknown article 175 in [[art:175]]"],
    ),
    "invalid-date": (
        lambda r: edit(r / C / "events/all.yml", "date: 1995-08-30", "date: 1995-8-30"),
        ["content/events/all.yml:2: invalid date '1995-8-30': write YYYY-MM-DD, YYYY-MM or YYYY"],
    ),
    "impossible-date": (
        lambda r: edit(r / C / "events/all.yml", "date: 1995-08-30", "date: 1995-02-30"),
        ["content/events/all.yml:2: invalid date '1995-02-30': day is out of range for month"],
    ),
    "not-utf8": (
        lambda r: (r / C / "topics/courts/ru.md").write_bytes(
            (r / C / "topics/courts/ru.md").read_text(encoding="utf-8").encode("cp1251")
        ),
        [
            "content/topics/courts/ru.md:2: file is not UTF-8 (byte 0xd1 at offset 11); save it "
            "as UTF-8"
        ],
    ),
    "id-escapes-folder": (
        lambda r: edit(r / C / "glossary/terms.yml", "id: court", "id: ../x"),
        [
            "content/glossary/terms.yml:6: invalid term id '../x': use lowercase Latin letters, "
            "digits and single hyphens, starting with a letter (e.g. 'judicial-power')"
        ],
    ),
    "mixed-script": (
        lambda r: edit(r / C / "topics/courts/kk.md", "Негізгі ереже", "Негiзгi ереже"),
        [
            "content/topics/courts/kk.md:6: word 'Негiзгi' mixes Latin and Cyrillic letters "
            "(Latin: i)"
        ],
    ),
    "unsafe-html": (
        lambda r: edit(r / C / "topics/courts/en.md", "## The rule", "## The <script>x</script>"),
        [
            "content/topics/courts/en.md:6: unsafe HTML: tag <script> is not allowed in content "
            '(allowed: Markdown and the tags listed in README, "Safety")'
        ],
    ),
    "term-not-from-glossary": (
        lambda r: edit(
            r / C / "topics/courts/ru.md", "[[art:75]] правосудие", "[[art:75]] судоговорение"
        ),
        [
            "content/topics/courts/ru.md:8: 'судоговорение' is not the glossary's term: write "
            "'правосудие' (one term, one concept; see term 'justice')"
        ],
    ),
    "avoid-matches-own-term": (
        lambda r: edit(r / C / "glossary/terms.yml", "en: [adjudication]", "en: [just]"),
        [
            "content/glossary/terms.yml:5: 'avoid' word 'just' of term 'justice' matches the term "
            "'justice' itself"
        ],
    ),
    "unknown-field": (
        lambda r: edit(r / C / "articles/76.yml", "status:", "statuss: x\nstatus:"),
        [
            "content/articles/76.yml:17: unknown field 'statuss' in article 76 (expected one of: "
            "number, section, title, summary, status, history, versions, topics, terms, official, "
            "sources, paragraphs, unchanged, successor, repealed)"
        ],
    ),
    "version-until-too-early": (
        lambda r: edit(r / C / "articles/75.yml", "until: 2026-06-30", "until: 2014"),
        [
            "content/articles/75.yml:28: 'until' (2014) must be later than 'as_of' (2015) in a "
            "version of article 75"
        ],
    ),
    "version-unchanged-but-amended": (
        lambda r: edit(
            r / C / "articles/76.yml",
            "  - as_of: 2015\n",
            "  - as_of: 2015\n    until: 2026-06-30\n",
        ),
        [
            "content/articles/76.yml:28: the version of article 76 as of 2015 says the wording did "
            "not change until 2026-06-30, but its history records an amendment on 2017-03-10"
        ],
    ),
    "versions-without-amendment": (
        lambda r: edit(r / C / "articles/76.yml", "date: 2017-03-10", "date: 2014-03-10"),
        [
            "content/articles/76.yml:31: versions of article 76 as of 2015 and 2026-06-30 differ, "
            "but its history records no amendment between them (add it to 'history', or give the "
            "first version 'until: 2026-06-30')"
        ],
    ),
    "version-twice": (
        lambda r: edit(r / C / "articles/76.yml", "as_of: 2026-06-30", "as_of: 2015"),
        [
            "content/articles/76.yml:31: two versions of article 76 as of 2015 (first at "
            "content/articles/76.yml:28)"
        ],
    ),
    "version-without-sources": (
        lambda r: edit(
            r / C / "articles/76.yml",
            "    sources: [{title: Constitution (1995), "
            'url: "https://adilet.zan.kz/eng/docs/K950001000_"}]\n  - as_of',
            "  - as_of",
        ),
        [
            "content/articles/76.yml:28: missing required field 'sources' in a version of article "
            "76: every fact needs a source"
        ],
    ),
    "unknown-version-field": (
        lambda r: edit(
            r / C / "articles/76.yml", "  - as_of: 2015\n", "  - as_of: 2015\n    label: x\n"
        ),
        [
            "content/articles/76.yml:29: unknown field 'label' in a version of article 76 "
            "(expected one of: as_of, until, text, sources)"
        ],
    ),
    "unknown-reference-in-version": (
        lambda r: edit(
            r / C / "articles/76.yml",
            "The last text, [[term:justice]]",
            "The last text, [[term:nope]]",
        ),
        ["content/articles/76.yml:31: unknown term 'nope' in [[term:nope]]"],
    ),
    "unknown-event-in-history": (
        lambda r: edit(
            r / C / "articles/76.yml",
            "    kind: amended\n",
            "    kind: amended\n    event: no-such-event\n",
        ),
        [
            "content/articles/76.yml:23: unknown event 'no-such-event' in a history entry of "
            "article 76"
        ],
    ),
    "milestone-unknown-event": (
        lambda r: edit(
            r / C / "milestones/all.yml",
            "events: [referendum-1995]",
            "events: [referendum-1995, no-such-event]",
        ),
        [
            "content/milestones/all.yml:5: unknown event 'no-such-event' in 'events' of milestone "
            "'adoption'"
        ],
    ),
    "milestone-invalid-date": (
        lambda r: edit(r / C / "milestones/all.yml", "from: 1995-09", "from: 1995-13"),
        ["content/milestones/all.yml:3: invalid date '1995-13': month must be in 1..12"],
    ),
    "milestone-reversed-range": (
        lambda r: edit(r / C / "milestones/all.yml", "to: 1995-12", "to: 1994"),
        [
            "content/milestones/all.yml:4: 'to' (1994) is before 'from' (1995-09) in milestone "
            "'adoption'"
        ],
    ),
    "milestone-selects-nothing": (
        lambda r: edit(
            r / C / "milestones/all.yml",
            "from: 1995-09\n  to: 1995-12\n  events: [referendum-1995]",
            "from: 2001\n  to: 2002-03",
        ),
        [
            "content/milestones/all.yml:1: milestone 'adoption' selects no events: check its "
            "'from', 'to' and 'events'"
        ],
    ),
    "milestone-no-selection": (
        lambda r: edit(
            r / C / "milestones/all.yml",
            "  from: 1995-09\n  to: 1995-12\n  events: [referendum-1995]\n",
            "",
        ),
        [
            "content/milestones/all.yml:1: milestone 'adoption' needs a date range ('from', 'to') "
            "or a list of 'events'"
        ],
    ),
    "milestone-unknown-reference": (
        lambda r: edit(
            r / C / "milestones/all.yml",
            "[[event:referendum-1995]] және",
            "[[event:referendum-1996]] және",
        ),
        [
            "content/milestones/all.yml:6: unknown event 'referendum-1996' in "
            "[[event:referendum-1996]]"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(prebuilt: Path, name: str) -> None:
    mutate, expected = CASES[name]
    mutate(prebuilt)
    assert_fails(prebuilt, expected)


def test_all_problems_reported_at_once(prebuilt: Path) -> None:
    # (the malformed topic.yml drops that topic, so its own references are not checked)
    names = (
        "malformed-yaml",
        "duplicate-id",
        "impossible-date",
        "not-utf8",
        "missing-field",
        "id-escapes-folder",
    )
    for name in names:
        CASES[name][0](prebuilt)
    before = snapshot(prebuilt / "site")
    r = run_cli(prebuilt, "build", "--strict")
    assert r.code == 1
    for name in names:
        for line in CASES[name][1]:
            assert line in r.err.splitlines(), name
    assert snapshot(prebuilt / "site") == before


def test_missing_translation_is_a_warning_without_strict(prebuilt: Path) -> None:
    (prebuilt / C / "topics/elections/ru.md").unlink()
    r = run_cli(prebuilt, "build")
    assert r.code == 0, r.err
    assert (
        "content/topics/elections/topic.yml:1: warning: missing translation 'ru' of topic "
        "'elections': add content/topics/elections/ru.md"
    ) in r.err
    page = (prebuilt / "site/ru/topics/elections/index.html").read_text(encoding="utf-8")
    # the stand-in's language named as the sentence needs it, not «Қазақша» (review K15/E5)
    assert "Эта страница ещё не переведена: ниже текст на казахском языке." in page
    assert "Қазақша" not in page.split("ещё не переведена", 1)[1].split("</p>", 1)[0]
    assert "Сайлау мәтіні" in page  # the Kazakh text stands in


def test_hand_written_file_in_docs_survives(prebuilt: Path) -> None:
    extra = prebuilt / "docs" / "kk" / "extra" / "notes.md"
    extra.parent.mkdir(parents=True)
    extra.write_text("# Қолмен жазылған\n", encoding="utf-8")
    edit(prebuilt / C / "topics/courts/en.md", "Only courts", "Only the courts")
    r = run_cli(prebuilt, "build")
    assert r.code == 0, r.err
    assert extra.read_text(encoding="utf-8") == "# Қолмен жазылған\n"
    # Kept, but not published (security review, row 25): pages belong in content/.
    assert not (prebuilt / "site/extra").exists()
    assert "docs/kk/extra/notes.md was not written by explainer: not published" in r.err


def test_refuses_to_overwrite_a_file_it_did_not_write(prebuilt: Path) -> None:
    target = prebuilt / "docs/kk/topics/hand.md"
    target.write_text("hand-written\n", encoding="utf-8")
    shutil.copytree(prebuilt / C / "topics/elections", prebuilt / C / "topics/hand")
    before = snapshot(prebuilt / "site")
    r = run_cli(prebuilt, "build")
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        "docs/kk/topics/hand.md:1: exists and was not generated by explainer; refusing to "
        "overwrite it (move it away or rename the content item)"
    )
    assert target.read_text(encoding="utf-8") == "hand-written\n"
    assert snapshot(prebuilt / "site") == before


def test_stale_generated_file_is_removed_but_nothing_else(prebuilt: Path) -> None:
    shutil.rmtree(prebuilt / C / "topics/elections")
    for lang in ("kk", "ru", "en"):
        edit(prebuilt / C / "topics/courts" / f"{lang}.md", "[[topic:elections]]", "x")
    keep = prebuilt / "docs/notes.txt"
    keep.write_text("keep me\n", encoding="utf-8")
    r = run_cli(prebuilt, "build", "--strict")
    assert r.code == 0, r.err
    assert not (prebuilt / "docs/kk/topics/elections.md").exists()
    assert keep.read_text(encoding="utf-8") == "keep me\n"
