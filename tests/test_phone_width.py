"""Phones first: at 360 and 390 px nothing on a page of any type, in any language, is wider
than its container, except inside a marked scroll area (Material's table wrapper, or
``.az-scroll``), which then shows a cue, or in Material's own sideways-scrolling tab strip.
Tables of three or more columns do not scroll at all: they reflow into labelled rows
(render/tables.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from explainer.load import load_ui

PAGES = [
    "",  # home
    "topics/",  # topics index
    "topics/ladder-of-appeal/",  # topic with tables and diagrams
    "topics/constitution-2026/",  # topic with the diagram of the institutions, 1995 and 2026
    "topics/presidential-election/",  # topic with the widest table (5 columns)
    "articles/",  # articles index
    "articles/41/",  # article
    "preamble/",
    "sections/7/",  # section
    "editions/",  # editions index
    "editions/2022-06-08/",  # edition
    "to-2026/",  # the 1995 articles beside the 2026 ones
    "timeline/",
    "timeline/reform-2022/",  # milestone
    "glossary/",
    "parallel/articles/41/",
    "parallel/topics/ladder-of-appeal/",
    "404.html",
]
LANGS = {"kk": "", "ru": "ru/", "en": "en/"}

MARKED = ".md-typeset__scrollwrap, .az-scroll"

PROBE = """(marked) => {
  const root = document.querySelector('article.md-content__inner');
  const edge = root.getBoundingClientRect().right + 1;
  const out = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.closest(marked) || el.closest('.md-tooltip2')) continue;
    // Material's tab strip (pymdownx.tabbed, one tab per wording of an article) scrolls
    // sideways by design: its labels may run past the edge if the strip itself scrolls.
    const strip = el.closest('.tabbed-labels');
    if (strip && ['auto', 'scroll'].includes(getComputedStyle(strip).overflowX)) continue;
    if (el.closest('.tabbed-control')) continue;  // the strip's own scroll button
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const cls = el.getAttribute('class') || '';  // also on SVG elements (no string className)
    if (r.right > edge) out.push(`${el.tagName}.${cls} ${Math.round(r.right)}`);
  }
  const page = document.documentElement.scrollWidth;
  if (page > innerWidth) out.push(`page ${page} > ${innerWidth}`);
  const cues = [...root.querySelectorAll(marked)].filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => {
      const hint = document.getElementById(w.getAttribute('aria-describedby'));
      return [w.classList.contains('az-scrolls'), w.tabIndex, w.getAttribute('role'),
              hint ? hint.textContent : null, hint ? hint.getBoundingClientRect().width > 0 : null];
    });
  // A reflowed table: shown as blocks, each body cell with its column's label before it.
  const stacked = [...root.querySelectorAll('table[data-stack]')].map(t => {
    const td = t.querySelector('tbody td');
    return [getComputedStyle(t).display, getComputedStyle(td, '::before').content,
            td.getAttribute('data-label')];
  });
  return [out.slice(0, 5), cues, stacked];
}"""


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("lang", sorted(LANGS))
def test_nothing_is_cut_off_on_a_phone(
    server: str, browser: Browser, lang: str, width: int
) -> None:
    ctx = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    problems: dict[str, list[str]] = {}
    stacked: dict[str, int] = {}
    hint = load_ui()[lang]["scroll_hint"]
    for path in PAGES:
        page.goto(f"{server}/{LANGS[lang]}{path}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # Material's script wraps tables after load
        wide, cues, tables = page.evaluate(PROBE, MARKED)
        if wide:
            problems[path] = wide
        for marked, tabindex, role, said, shown in cues:
            # A table that scrolls says so: a cue, reachable by keyboard, named as a region,
            # with the hint in words shown and given as its description (ui.yml scroll_hint).
            assert (marked, tabindex, role, said, shown) == (True, 0, "region", hint, True), path
        for display, before, label in tables:
            assert display == "block" and label and before == f'"{label}"', path
        stacked[path] = len(tables)
    ctx.close()
    assert problems == {}
    # The ladder's two tables (3 and 4 columns) and the elections (5 columns) reflow; the
    # side-by-side page of the ladder holds its two tables once per language column.
    assert stacked["topics/ladder-of-appeal/"] == 2
    assert stacked["topics/presidential-election/"] == 1
    assert stacked["parallel/topics/ladder-of-appeal/"] == 4


def test_a_diagram_wider_than_the_screen_is_found(server: str, browser: Browser) -> None:
    """The check can fail: the ladder's diagram drawn at a fixed 600 px on a 360 px phone."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = ctx.new_page()
    page.goto(f"{server}/topics/ladder-of-appeal/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    assert page.evaluate(PROBE, MARKED)[0] == []
    page.add_style_tag(
        content=".md-typeset .az-dg svg { width: 600px !important; max-width: none !important; }"
    )
    wide = page.evaluate(PROBE, MARKED)[0]
    ctx.close()
    assert any(w.startswith("svg.") for w in wide), wide


WIDE = """
| Code | Meaning |
|---|---|
| K950001000_K950001000_K950001000_K950001000 | Q950002000_Q950002000_Q950002000 |
"""


@pytest.fixture(scope="module")
def built_wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture with a two-column table too wide for a phone in every language."""
    from .conftest import CASES, make_project, run_cli

    root = make_project(tmp_path_factory.mktemp("wide") / "p", CASES / "basic" / "content")
    for lang in LANGS:
        md = root / "content/topics/courts" / f"{lang}.md"
        md.write_text(md.read_text(encoding="utf-8") + WIDE, encoding="utf-8")
    r = run_cli(root, "build", "--strict", "--no-offline")
    assert r.code == 0, r.err
    return root


def test_a_table_that_scrolls_says_so_in_words(built_wide: Path, browser: Browser) -> None:
    """Two columns do not reflow: the table scrolls, and its cue says so in the page's
    language, shown and as the scrolling region's description (ui.yml scroll_hint)."""
    ui = load_ui()
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = ctx.new_page()
    for lang, prefix in LANGS.items():
        page.goto((built_wide / "site" / prefix / "topics/courts/index.html").as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        wide, cues, _ = page.evaluate(PROBE, MARKED)
        assert wide == [], lang
        assert cues == [[True, 0, "region", ui[lang]["scroll_hint"], True]], lang
    ctx.close()
