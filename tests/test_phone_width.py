"""Phones first: at 360 and 390 px nothing on a page of any type, in any language, is wider
than its container, except inside a marked scroll area (Material's table wrapper, or
``.az-scroll``), which then shows a cue, or in Material's own sideways-scrolling tab strip.
Tables of three or more columns do not scroll at all: they reflow into labelled rows
(render/tables.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

PAGES = [
    "",  # home
    "topics/",  # topics index
    "topics/ladder-of-appeal/",  # topic with tables and diagrams
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
    if (r.right > edge) out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
  }
  const page = document.documentElement.scrollWidth;
  if (page > innerWidth) out.push(`page ${page} > ${innerWidth}`);
  const cues = [...root.querySelectorAll(marked)].filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => [w.classList.contains('az-scrolls'), w.tabIndex, w.getAttribute('role')]);
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
    for path in PAGES:
        page.goto(f"{server}/{LANGS[lang]}{path}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # Material's script wraps tables after load
        wide, cues, tables = page.evaluate(PROBE, MARKED)
        if wide:
            problems[path] = wide
        for marked, tabindex, role in cues:
            # A table that scrolls says so: a cue, reachable by keyboard, named as a region.
            assert (marked, tabindex, role) == (True, 0, "region"), path
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
