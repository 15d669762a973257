"""The article format of issue 14 (design/article-format.md): numbers like 83-1, paragraphs,
unchanged, successor, repealed and the document's editions — exact errors for bad input, and
what the pages show for good input (fixture tests/cases/editions)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.pipeline import Project, check
from explainer.problems import ContentError
from explainer.text import autolink
from explainer.validate import articles as validate_articles

CASE = Path(__file__).parent / "cases" / "editions"
A76 = "content/articles/76.yml"
A831 = "content/articles/83-1.yml"
DOC = "content/document.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(CASE, root)
    return root


def problems(root: Path) -> list[str]:
    try:
        check(Project.at(root), strict=True)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_is_valid(project: Path) -> None:
    assert problems(project) == []


P2_NEW = """  - n: "2"
    since: 2017-03-10"""
EDITIONS = (
    "(content/document.yml 'editions': 1995-08-30, 2007-05-21, 2017-03-10, 2022-06-08, 2022-09-17)"
)
NO_AMENDED = "says that edition changed the article, but its history has no 'amended' entry for"

BAD: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "number-not-an-article-number": (
        lambda r: edit(r, A831, 'number: "83-1"', 'number: "83-x"'),
        [
            f"{A831}:1: field 'number' in an article must be a whole number (15) or an "
            "inserted article's number in quotes (\"83-1\"), not '83-x'",
        ],
    ),
    "number-and-file-name": (
        lambda r: edit(r, A831, 'number: "83-1"', 'number: "83-2"'),
        [
            f"{A831}:1: article number 83-2 does not match its file name '83-1.yml' "
            "(name it 83-2.yml)",
        ],
    ),
    "paragraph-number": (
        lambda r: edit(r, A76, 'n: "3-1"', 'n: "3a"'),
        [f'{A76}:27: invalid paragraph number \'3a\' in article 76: write "1", "2" or "3-1"'],
    ),
    "paragraph-unknown-field": (
        lambda r: edit(r, A76, 'n: "3-1"', 'n: "3-1"\n    sinse: 2007-05-21'),
        [
            f"{A76}:28: unknown field 'sinse' in paragraph 3-1 of article 76 (expected one "
            "of: n, text, since, until, repealed)",
        ],
    ),
    "paragraph-date-not-an-edition": (
        lambda r: edit(r, A76, P2_NEW, '  - n: "2"\n    since: 2016-03-10'),
        [
            f"{A76}:25: 2016-03-10 in 'since' of paragraph 2 of article 76 is not an edition "
            f"of the document {EDITIONS}",
        ],
    ),
    "paragraph-changed-without-history": (
        lambda r: edit(r, A76, P2_NEW, '  - n: "2"\n    since: 2022-06-08'),
        [f"{A76}:25: 'since: 2022-06-08' in paragraph 2 of article 76 {NO_AMENDED} 2022-06-08"],
    ),
    "paragraph-wordings-overlap": (
        lambda r: edit(
            r, A76, "    until: 2017-03-10\n    text: {kk: Бұрынғы", "    text: {kk: Бұрынғы"
        ),
        [
            f"{A76}:23: two wordings of paragraph 2 of article 76 are valid at the same time "
            "(lines 21 and 23): give the earlier one 'until' and the later one 'since' (the "
            "same edition date)",
        ],
    ),
    "paragraph-until-before-since": (
        lambda r: edit(r, A76, P2_NEW, P2_NEW + "\n    until: 2007-05-21"),
        [
            f"{A76}:26: 'until' (2007-05-21) must be later than 'since' (2017-03-10) in "
            "paragraph 2 of article 76",
            f"{A76}:26: 'until: 2007-05-21' in paragraph 2 of article 76 {NO_AMENDED} 2007-05-21",
        ],
    ),
    "paragraph-repealed-without-until": (
        lambda r: edit(r, A76, "    until: 2017-03-10\n    repealed: true", "    repealed: true"),
        [
            f"{A76}:28: 'repealed: true' in paragraph 3-1 of article 76 needs 'until' (the "
            "edition that removed it)",
        ],
    ),
    "paragraph-reference": (
        lambda r: edit(r, A831, "{kk: Жалғыз тармақ.,", '{kk: "Жалғыз тармақ, [[art:76.5]].",'),
        [f"{A831}:10: article 76 has no paragraph 5 in [[art:76.5]] (it has 1, 2, 3-1)"],
    ),
    "unchanged-and-amended": (
        lambda r: edit(r, A76, "unchanged: [2007-05-21]", "unchanged: [2007-05-21, 2017-03-10]"),
        [
            f"{A76}:31: 2017-03-10 in 'unchanged' of article 76 is also an 'amended' entry "
            "of its history (line 42): an edition either changed the article or left it "
            "unchanged",
        ],
    ),
    "unchanged-not-an-edition": (
        lambda r: edit(r, A76, "unchanged: [2007-05-21]", "unchanged: [2007-05-21, 2011-02-02]"),
        [
            f"{A76}:31: 2011-02-02 in 'unchanged' of article 76 is not an edition of the "
            f"document {EDITIONS}",
        ],
    ),
    "unchanged-adoption": (
        lambda r: edit(r, A76, "unchanged: [2007-05-21]", "unchanged: [1995-08-30]"),
        [
            f"{A76}:31: 1995-08-30 in 'unchanged' of article 76 is the adopted text: "
            "'unchanged' lists later editions only",
        ],
    ),
    "amended-not-an-edition": (
        lambda r: edit(
            r,
            A76,
            "  - date: 2017-03-10\n    kind: amended",
            "  - date: 2023-01-01\n    kind: amended",
        ),
        [
            f"{A76}:22: 'until: 2017-03-10' in paragraph 2 of article 76 {NO_AMENDED} 2017-03-10",
            f"{A76}:25: 'since: 2017-03-10' in paragraph 2 of article 76 {NO_AMENDED} 2017-03-10",
            f"{A76}:28: 'until: 2017-03-10' in paragraph 3-1 of article 76 {NO_AMENDED} 2017-03-10",
            f"{A76}:42: 2023-01-01 in an 'amended' history entry of article 76 is not an "
            f"edition of the document {EDITIONS}",
        ],
    ),
    "two-amended-entries-for-one-edition": (
        lambda r: edit(
            r,
            A76,
            "versions:",
            "  - date: 2017-03-10\n    kind: amended\n    text: {kk: Тағы., ru: Ещё., en: Again.}\n"
            '    sources: [{title: adilet.zan.kz, url: "https://adilet.zan.kz/eng/docs/Z1700000051"}]\n'
            "versions:",
        ),
        [
            f"{A76}:46: two 'amended' history entries of article 76 for the edition of "
            "2017-03-10 (first at line 42): write one per edition",
        ],
    ),
    "successor-status": (
        lambda r: edit(r, A76, "status: carried", "status: moved"),
        [
            f"{A76}:33: invalid status 'moved' in the successor of article 76 (expected one "
            "of: carried, not-carried, unknown)",
        ],
    ),
    "successor-carried-without-articles": (
        lambda r: edit(r, A76, '  articles: [12, "12-1"]\n', ""),
        [
            f"{A76}:33: the successor of article 76 is 'carried' but gives no 'articles' "
            "(the 2026 article numbers)",
        ],
    ),
    "successor-articles-when-not-carried": (
        lambda r: edit(r, A76, "status: carried", "status: not-carried"),
        [
            f"{A76}:34: 'articles' in the successor of article 76 must be left out when the "
            "status is 'not-carried'",
        ],
    ),
    "successor-bad-article": (
        lambda r: edit(r, A76, '[12, "12-1"]', '[12, "twelve", 12]'),
        [
            f"{A76}:34: 'twelve' in 'articles' of the successor of article 76 is not an "
            'article number (12, or "12-1" in quotes)',
            f"{A76}:34: article 12 is listed twice in 'articles' of the successor of article 76",
        ],
    ),
    "successor-without-sources": (
        lambda r: edit(
            r, A76, '  sources: [{title: Kazinform, url: "https://kaz.inform.kz/news/x"}]\n', ""
        ),
        [
            f"{A76}:33: missing required field 'sources' in the successor of article 76: "
            "every fact needs a source",
        ],
    ),
    "successor-links-a-1995-article": (
        lambda r: edit(
            r,
            A76,
            "en: The rule went to Article 12 of the 2026 Constitution.",
            'en: "The rule of [[art:75]] went to Article 12 of the 2026 Constitution."',
        ),
        [
            f"{A76}:35: the 'en' text of the successor of article 76 uses [[art:…]], which "
            "links to the 1995 articles: write the 2026 article numbers plainly",
        ],
    ),
    "edition-twice": (
        lambda r: edit(r, DOC, "  - date: 2022-09-17", "  - date: 2017-03-10"),
        [f"{DOC}:53: duplicate edition 2017-03-10 (first at line 46)"],
    ),
    "edition-without-sources": (
        lambda r: edit(
            r,
            DOC,
            '    sources: [{title: Interfax, url: "https://interfax.com/newsroom/top-stories/79988/"}]\n',
            "",
        ),
        [
            f"{DOC}:50: missing required field 'sources' in the edition of 2022-06-08: every "
            "fact needs a source",
        ],
    ),
    "section-summary-reference": (
        lambda r: edit(r, DOC, "en: The section was about the courts.", "en: See [[art:500]]."),
        [f"{DOC}:28: unknown article 500 in [[art:500]]"],
    ),
    "preamble-reference": (
        lambda r: edit(r, DOC, "ru: Преамбула говорила", "ru: Преамбула [[term:nope]] говорила"),
        [f"{DOC}:34: unknown term 'nope' in [[term:nope]]"],
    ),
    "repealed-not-an-edition": (
        lambda r: edit(r, A831, "status: superseded", "status: superseded\nrepealed: 2020-01-01"),
        [
            f"{A831}:9: 2020-01-01 in 'repealed' of article 83-1 is not an edition of the "
            f"document {EDITIONS}",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_article_format(project: Path, case: str) -> None:
    mutate, expected = BAD[case]
    mutate(project)
    assert problems(project) == expected


def test_paragraphs_and_successor_are_required_once_complete(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert validate_articles.REQUIRED_WHEN_COMPLETE == ("paragraphs", "successor")
    assert validate_articles.COMPLETE is True  # every article of the flagship has them
    text = (project / A831).read_text(encoding="utf-8")
    start, end = text.index("paragraphs:"), text.index("history:")
    (project / A831).write_text(
        text[:start] + text[end:].split("successor:")[0] + "sources:" + text.split("sources:")[-1],
        encoding="utf-8",
    )
    assert problems(project) == [
        f"{A831}:1: missing required field 'paragraphs' in article 83-1",
        f"{A831}:1: missing required field 'successor' in article 83-1",
    ]
    # While articles are being converted, both are optional.
    monkeypatch.setattr(validate_articles, "COMPLETE", False)
    assert problems(project) == []


@pytest.mark.parametrize(
    ("lang", "text", "cited"),
    [
        ("kk", "83-1-бабында айтылды", [("83-1", None)]),
        ("kk", "83-1-бабының 2-тармағы", [("83-1", "2")]),
        ("kk", "75-77-баптар", [(75, None), (76, None), (77, None)]),
        ("ru", "статья 94-2 гласила", [("94-2", None)]),
        ("ru", "п. 2 ст. 83-1", [("83-1", "2")]),
        ("en", "Article 83-1 said", [("83-1", None)]),
        ("en", "Articles 94-1 and 95", [("94-1", None), (95, None)]),
    ],
)
def test_inserted_articles_are_cited(
    lang: str, text: str, cited: list[tuple[object, object]]
) -> None:
    assert [(c.number, c.para) for c in autolink.find(text, lang)] == cited


def test_pages(project: Path) -> None:
    files = check(Project.at(project), strict=True).files
    page = files["en/articles/76.md"].decode()
    # Paragraphs with their anchors; the earlier wording under the current one.
    assert '<li class="az-para" id="p1" markdown="block">' in page
    assert '<li class="az-para" id="p3-1" markdown="block">' in page
    assert "Earlier wording (30 August 1995 — 10 March 2017):" in page
    assert "Removed: 10 March 2017" in page
    # One tab per wording.
    assert '=== "30 August 1995 — 10 March 2017"' in page
    assert '=== "10 March 2017 — 8 June 2022"' in page
    # Paragraph 1 has one wording and the article changed in 2017, and no source says what
    # the two editions of 2022 did to it (a tab each): before the last of them, its text is
    # not known, and each tab says so; each tab names its editions and what they did.
    marker = "*(the last wording: no source we found shows the text for this period)*"
    tabs = page[page.index("{#wordings}") : page.index("{#successor}")]
    assert tabs.count(marker) == 3
    assert tabs.index(marker) < tabs.index('=== "10 March 2017 — 8 June 2022"')
    assert marker not in tabs[tabs.index('=== "17 September 2022"') :]
    assert "Editions in this period: 10 March 2017 — Changed" in tabs
    # The history by edition: changed, unchanged (a source says), not known.
    rows = re.findall(r'data-state="([a-z-]+)"', page)
    assert rows == ["adopted", "unchanged", "amended", "unknown", "unknown"]
    # The successor: the 2026 numbers are never links to the 1995 articles.
    start = page.index("{#successor}")
    succ = page[start : page.index("</div>", start)]
    assert "Article 12, Article 12-1" in succ
    assert "](" not in succ
    assert '<span class="cite-other" data-doc="2026">' in succ
    # An inserted article has its page, and is linked.
    assert "en/articles/83-1.md" in files
    inserted = files["en/articles/83-1.md"].decode()
    assert re.findall(r'data-state="([a-z-]+)"', inserted) == [
        "absent",
        "inserted",
        "unknown",
        "unknown",
        "unknown",
    ]
    assert "[Article 83-1](83-1.md)" in page
    # The edition page lists the change and links the article its text names.
    ed = files["en/editions/2017-03-10.md"].decode()
    assert "[Article 76](../articles/76.md) was amended" in ed
    assert "en/editions/2007-05-21.md" in files
    index = files["en/articles/index.md"].decode()
    assert "[2017](../editions/2017-03-10.md)" in index
    # Two editions in one year are told apart by their month.
    eds = files["en/editions/index.md"].decode()
    assert "The amendments of June 2022" in eds and "The amendments of September 2022" in eds
    to = files["en/to-2026.md"].decode()
    assert '<span class="cite-other" data-doc="2026">Article 12, Article 12-1</span>' in to
    assert "84 — *this article is not yet written up on the site*" in to
    assert "en/sections/7/index.md" in files and "en/preamble.md" in files
    for path in ("articles/76.md", "editions/2017-03-10.md", "to-2026.md", "sections/7/index.md"):
        for lang, word in (
            ("kk", "Мәліметтер күні"),
            ("ru", "Сведения по состоянию на"),
            ("en", "Information as of"),
        ):
            assert word in files[f"{lang}/{path}"].decode(), (lang, path)


@pytest.mark.build  # the whole flagship, checked
def test_flagship_handout_lines_are_not_empty() -> None:
    """The one-page handout prints each article's first sentence: with the short summaries
    of this format, it says what the article was about (issue 14: "Article 49 opened the
    part on Parliament" said nothing)."""
    from explainer.outputs.handouts import first_sentence

    result = check(Project.at(Path(__file__).resolve().parent.parent), strict=True)
    c = result.linked.content
    assert len(c.articles) >= 98
    weak = [
        (a.number, lang, line)
        for a in c.articles
        for lang in c.site.codes
        if len((line := first_sentence(result.linked.bodies[("article", a.key, lang)])).split()) < 4
        or re.search(r"opened the part|открывала раздел", line)
    ]
    assert weak == []
