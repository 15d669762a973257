"""Side-by-side pages: cutting text into blocks, aligning them, links, and the built pages."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from explainer import layout
from explainer.pipeline import Project, check
from explainer.render import parallel
from explainer.render.parallel import Row, Section

# -- pure functions ----------------------------------------------------------------------

BODY = """Intro line one
intro line two.

## First {#first}

Para A.

- item 1
  continued
- item 2

1. Numbered one
   more of one.
2. Numbered two

| a | b |
|---|---|
| 1 | 2 |
!!! note "N"
    inside the note

### Sub

Last para.
"""


def test_split_cuts_sections_and_blocks() -> None:
    assert parallel.split(BODY) == [
        Section(None, ("Intro line one\nintro line two.",)),
        Section(
            "## First",
            (
                "Para A.",
                "- item 1\n  continued",
                "- item 2",
                "1. Numbered one\n   more of one.",
                "2. Numbered two",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                '!!! note "N"\n    inside the note',
            ),
        ),
        Section("### Sub", ("Last para.",)),
    ]


def test_split_keeps_a_list_item_with_its_indented_paragraph() -> None:
    assert parallel.split("- one\n\n  still one\n\nnew para\n") == [
        Section(None, ("- one\n\n  still one", "new para"))
    ]


def test_split_keeps_fenced_code_whole() -> None:
    assert parallel.split("```\na\n\n## not a heading\n```\nafter\n") == [
        Section(None, ("```\na\n\n## not a heading\n```", "after"))
    ]


def test_align_pairs_by_index_within_sections() -> None:
    kk = [Section(None, ("k0",)), Section("## K1", ("k1a", "k1b")), Section("## K2", ("k2",))]
    ru = [Section(None, ("r0",)), Section("## R1", ("r1a",)), Section("## R2", ("r2", "r2b"))]
    assert parallel.align(kk, ru) == [
        Row(False, ("k0", "r0")),
        Row(True, ("## K1", "## R1")),
        Row(False, ("k1a", "r1a")),
        Row(False, ("k1b", None)),  # missing in ru: an empty cell, nothing shifts
        Row(True, ("## K2", "## R2")),
        Row(False, ("k2", "r2")),
        Row(False, (None, "r2b")),
    ]


def test_align_with_a_missing_section() -> None:
    assert parallel.align(
        [Section(None, ("a",))], [Section(None, ("b",)), Section("## X", ("c",))]
    ) == [Row(False, ("a", "b")), Row(True, (None, "## X")), Row(False, (None, "c"))]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ('2. <span class="az-para" id="p2"></span>Two\n   more', "2\\. Two\nmore"),
        ("10. Ten\n    more", "10\\. Ten\nmore"),
        ("- bullet\n  more", "- bullet\n  more"),
        ("Plain.", "Plain."),
    ],
)
def test_standalone(block: str, expected: str) -> None:
    assert parallel.standalone(block) == expected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("kk",), {"kk": []}),
        (("kk", "ru"), {"kk": [("kk", "ru")], "ru": [("kk", "ru")]}),
        (
            ("kk", "ru", "en"),
            {"kk": [("kk", "ru")], "ru": [("kk", "ru")], "en": [("en", "kk"), ("kk", "ru")]},
        ),
    ],
)
def test_pairs(codes: tuple[str, ...], expected: dict[str, list[tuple[str, str]]]) -> None:
    assert parallel.pairs(codes) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("ru", "topics/x.md"), "explainer:ru/topics/x.md"),
        (("kk", "topics/x.md#a"), "explainer:kk/topics/x.md#a"),
        (("ru", "index.md"), "explainer:ru/index.md"),
    ],
)
def test_cross(args: tuple[str, str], expected: str) -> None:
    assert layout.cross(*args) == expected


# -- the built flagship ------------------------------------------------------------------


class Cells(HTMLParser):
    """Rows of a side-by-side page: the ``lang`` and text of each cell, per row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self.stack: list[str] = []
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "div":
            if "az-par__row" in cls:
                self.rows.append((" ".join(cls), []))
                self.stack.append("row")
            elif "az-par__cell" in cls:
                self.rows[-1][1].append((a.get("lang") or "", ""))
                self.text = []
                self.stack.append("cell")
            else:
                self.stack.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.stack:
            kind = self.stack.pop()
            if kind == "cell" and self.text is not None:
                lang, _ = self.rows[-1][1][-1]
                self.rows[-1][1][-1] = (lang, " ".join("".join(self.text).replace("¶", "").split()))
                self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def cells(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = Cells()
    parser.feed(html)
    return parser.rows


@pytest.fixture(scope="module")
def flagship(built_flagship: Path) -> tuple[Path, object]:
    return built_flagship, check(Project.at(built_flagship), strict=True).linked


def page_path(lang: str, md: str) -> str:
    return layout.site_path(lang, "kk", md) + "index.html"


def url_rel(from_md: str, to_md: str) -> str:
    """The link MkDocs writes (directory URLs) from one page to another of the same build."""
    return posixpath.relpath("/" + layout.page_url(to_md), "/" + layout.page_url(from_md)) + "/"


BUILDS = {"kk": ("kk", "ru"), "ru": ("kk", "ru"), "en": ("en", "kk")}


def items(linked: object) -> list[tuple[str, str]]:
    c = linked.content  # type: ignore[attr-defined]
    return [(layout.topic(t.id), layout.parallel_topic(t.id)) for t in c.topics] + [
        (layout.article(a.number), layout.parallel_article(a.number)) for a in c.articles
    ]


@pytest.mark.parametrize("lang", sorted(BUILDS))
def test_every_topic_and_article_has_its_parallel_page(
    flagship: tuple[Path, object], lang: str
) -> None:
    root, linked = flagship
    c = linked.content  # type: ignore[attr-defined]
    assert len(items(linked)) == len(c.topics) + len(c.articles) > 20
    for original, par in items(linked):
        site = root / "site"
        html = (site / page_path(lang, par)).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        rows = cells(html)
        assert rows, par
        for classes, row in rows:
            assert [cell_lang for cell_lang, _ in row] == list(BUILDS[lang]), (par, classes)
        # The flagship says the same things in every language, block for block.
        empty = [(classes, row) for classes, row in rows if any(not t for _, t in row)]
        assert not empty, (lang, par, empty[:2])
        # …and the page and its parallel page link each other.
        page = (site / page_path(lang, original)).read_text(encoding="utf-8")
        assert f'href="{url_rel(original, par)}"' in page, (lang, original)
        assert f'href="{url_rel(par, original)}"' in html, (lang, par)


@pytest.mark.parametrize("lang", sorted(BUILDS))
def test_rows_are_aligned(flagship: tuple[Path, object], lang: str) -> None:
    """As many rows as the longer text has blocks, section by section (plus headings)."""
    root, linked = flagship
    c = linked.content  # type: ignore[attr-defined]
    a, b = BUILDS[lang]
    for t in c.topics:
        secs = [parallel.split(linked.bodies[("topic", t.id, x)]) for x in (a, b)]  # type: ignore[attr-defined]
        expected = 1 + 2  # the language header, then title and summary
        for i in range(max(len(s) for s in secs)):
            pair = [s[i] for s in secs if i < len(s)]
            expected += any(p.heading for p in pair) + max(len(p.blocks) for p in pair)
        html = (root / "site" / page_path(lang, layout.parallel_topic(t.id))).read_text(
            encoding="utf-8"
        )
        assert len(cells(html)) == expected, t.id


def test_parallel_article_page_content(flagship: tuple[Path, object]) -> None:
    root, _ = flagship
    rows = cells((root / "site/parallel/articles/41/index.html").read_text(encoding="utf-8"))
    texts = [row for _, row in rows]
    assert texts[0] == [("kk", "Қазақша · Түпнұсқа бет"), ("ru", "Русский · Исходная страница")]
    assert texts[1] == [
        ("kk", "41-бап. Президентті сайлау"),
        ("ru", "Статья 41. Выборы Президента"),
    ]
    assert [("kk", "Өзгерістер тарихы"), ("ru", "История изменений")] in texts
    assert any(
        row[0][1].startswith("1998 жылғы 7 қазан · Өзгертілді.")
        and row[1][1].startswith("7 октября 1998 г. · Изменена.")
        for row in texts
    )


def test_parallel_pages_are_not_searched_nor_in_the_nav(flagship: tuple[Path, object]) -> None:
    root, _ = flagship
    for prefix in ("", "ru/", "en/"):
        index = json.loads(
            (root / "site" / prefix / "search/search_index.json").read_text(encoding="utf-8")
        )
        locations = [d["location"] for d in index["docs"]]
        assert any(loc.startswith("articles/41/") for loc in locations)
        assert not [loc for loc in locations if loc.startswith("parallel/")], prefix
        home = (root / "site" / prefix / "index.html").read_text(encoding="utf-8")
        assert "parallel/" not in home


def test_en_pages_link_both_pairs(flagship: tuple[Path, object]) -> None:
    root, _ = flagship
    page = (root / "site/en/topics/judicial-power/index.html").read_text(encoding="utf-8")
    assert '<a href="../../parallel/topics/judicial-power/">en | kk</a>' in page
    assert '<a href="../../../parallel/topics/judicial-power/" hreflang="kk">kk | ru</a>' in page
    par = (root / "site/en/parallel/topics/judicial-power/index.html").read_text(encoding="utf-8")
    assert '<a href="../../../../parallel/topics/judicial-power/" hreflang="kk">kk | ru</a>' in par


@pytest.mark.parametrize(
    ("target", "here", "dirs", "expected"),
    [
        ("ru/topics/x.md", "/parallel/topics/x/", True, "../../../ru/topics/x/"),
        ("ru/topics/x.md", "/parallel/topics/x.html", False, "../../ru/topics/x.html"),
        ("kk/topics/x.md#a", "/ru/parallel/topics/x/", True, "../../../../topics/x/#a"),
        ("kk/topics/x.md#a", "/ru/parallel/topics/x.html", False, "../../../topics/x.html#a"),
        ("ru/index.md", "/", True, "ru/"),
        ("ru/index.md", "/index.html", False, "ru/index.html"),
        ("kk/index.md", "/ru/topics/x/", True, "../../../"),
        ("kk/topics/index.md", "/ru/topics/x.html", False, "../../topics/index.html"),
        ("/handouts/kk/x.pdf", "/topics/x/", True, "../../handouts/kk/x.pdf"),
        ("/handouts/kk/x.pdf", "/en/topics/x.html", False, "../../handouts/kk/x.pdf"),
    ],
)
def test_cross_links_resolved_per_layout(target: str, here: str, dirs: bool, expected: str) -> None:
    assert (
        layout.resolve_xlink(target, here, dirs, {"kk": "", "ru": "ru/", "en": "en/"}) == expected
    )
