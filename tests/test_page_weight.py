"""Light for a slow line (issue 17 item 5): on the built flagship, served as a static host serves
it (gzip, ``Cache-Control: max-age``), a first page view transfers at most 250 kB with its
fonts, and each page viewed after it at most 30 kB besides a font it is the first to need; no
request fails. Read from Chromium's network log (``explainer.tools.pageweight``); the
benchmark reports the same views in full (``scripts/bench/views.py``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from explainer.tools import pageweight

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from bench import views  # noqa: E402

FIRST_VIEW = 250_000
NEXT_VIEW = 30_000

# a reader arrives anywhere (a search engine sends them to an article): every page type the
# benchmark weighs is a first view in a fresh profile, and a next view after the home page
PAGES = views.PAGES
LANGS = ["", "ru/", "en/"]


@pytest.fixture(scope="module")
def host(built_flagship: Path) -> Iterator[str]:
    with pageweight.serve(built_flagship / "site") as base:
        yield base


def kb(n: int) -> str:
    return f"{n / 1000:.1f} kB"


@pytest.mark.parametrize("lang", LANGS)
def test_a_first_view_is_light(host: str, browser: object, lang: str) -> None:
    heavy = []
    for path in PAGES:
        (view,) = pageweight.views(browser, [f"{host}/{lang}{path}"])
        assert view.failed == [], view.url
        assert any(r.kind == "font" and r.transferred for r in view.requests), (
            "the shipped font is part of a first view"
        )
        if view.transferred > FIRST_VIEW:
            heavy.append(f"{view.url}: {kb(view.transferred)} {view.by_kind()}")
    assert heavy == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_next_pages_are_light(host: str, browser: object, lang: str) -> None:
    # a next page costs its HTML: the CSS, the scripts and the fonts come from the cache. A
    # font is fetched once, by the first page that shows its letters (an English side-by-side
    # page is the first to show Kazakh and Russian text): its bytes are counted apart
    views = pageweight.views(browser, [f"{host}/{lang}{p}" for p in PAGES])
    heavy, fetched = [], []
    for view in views[1:]:
        assert view.failed == [], view.url
        kinds = view.by_kind()
        assert kinds.get("script", 0) == 0 and kinds.get("stylesheet", 0) == 0, view.url
        fonts = kinds.get("font", 0)
        if view.transferred - fonts > NEXT_VIEW:
            heavy.append(f"{view.url}: {kb(view.transferred - fonts)} {kinds}")
    for view in views:
        fetched += [r.url for r in view.requests if r.transferred and r.kind != "document"]
    assert heavy == []
    assert len(fetched) == len(set(fetched)), "an asset was fetched twice: not cached"


def test_the_host_compresses_and_caches(built_basic: Path, browser: object) -> None:
    """The measure itself: text is gzipped, a second view takes the assets from the cache —
    without which the goals above would be measured against the wrong thing."""
    site = built_basic / "site"
    with pageweight.serve(site) as base:
        first, second = pageweight.views(browser, [f"{base}/", f"{base}/topics/courts/"])
    html = next(r for r in first.requests if r.kind == "document")
    assert html.transferred < (site / "index.html").stat().st_size
    assert first.by_kind()["script"] > 0 and second.by_kind().get("script", 0) == 0
    assert second.transferred < first.transferred / 5
