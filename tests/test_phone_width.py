"""Phones first: at 360 px nothing on a page is wider than its container, except inside a
marked scroll area (Material's table wrapper, or ``.az-scroll``), which then shows a cue, or
in Material's own sideways-scrolling tab strip."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

PAGES = [
    "",
    "topics/",
    "topics/ladder-of-appeal/",
    "topics/presidential-election/",
    "articles/",
    "articles/41/",
    "timeline/",
    "timeline/reform-2022/",
    "glossary/",
    "parallel/articles/41/",
    "parallel/topics/ladder-of-appeal/",
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
  return [out.slice(0, 5), cues];
}"""


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_nothing_is_cut_off_at_360_px(server: str, browser: Browser, lang: str) -> None:
    ctx = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    problems: dict[str, list[str]] = {}
    scrolling = 0
    for path in PAGES:
        page.goto(f"{server}/{LANGS[lang]}{path}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # Material's script wraps tables after load
        wide, cues = page.evaluate(PROBE, MARKED)
        if wide:
            problems[path] = wide
        for marked, tabindex, role in cues:
            # A table that scrolls says so: a cue, reachable by keyboard, named as a region.
            scrolling += 1
            assert (marked, tabindex, role) == (True, 0, "region"), path
    ctx.close()
    assert problems == {}
    assert scrolling > 0  # the election table and the ladder tables do scroll at 360 px
