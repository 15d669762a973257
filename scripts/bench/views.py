"""The benchmark's page views (issue 17 item 5): what a reader's browser transfers for a first
page view and for each page after it, hosted (gzip, cache headers: as a static host serves
it) and offline (the bundle unzipped, from ``file://``: the bytes read), from Chromium's
network log (:mod:`explainer.tools.pageweight`)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import Any

from bench.common import LANGS

# the page types a reader lands on (hosted paths below a language root)
PAGES = [
    "",
    "topics/ladder-of-appeal/",
    "articles/",
    "articles/41/",
    "sections/7/",
    "editions/2022-06-08/",
    "to-2026/",
    "timeline/",
    "glossary/",
    "parallel/articles/41/",
]


def offline_file(bundle: Path, path: str) -> Path:
    """The bundle's file of a hosted path: ``x/y/`` is ``x/y.html``, or ``x/y/index.html`` for
    a folder's own page (an ``index.md``)."""
    leaf = bundle / (path[:-1] + ".html") if path else bundle / "index.html"
    return leaf if leaf.is_file() else bundle / path / "index.html"


def page_views(root: Path, pages: list[str] | None = None) -> dict[str, Any]:
    """Every page of ``pages`` (those above by default) in every language: a first view in a
    fresh profile, and the same pages one after the other in one profile (a first view, then
    next views); hosted and offline."""
    from playwright.sync_api import sync_playwright

    from explainer import layout
    from explainer.tools import pageweight

    pages = [p for p in (pages or PAGES) if (root / "site" / p).exists()]
    roots = [layout.lang_root(lang, LANGS[0]) for lang in LANGS]
    out: dict[str, Any] = {"pages": pages, "hosted": {}, "offline": {}}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = pageweight.launch(p)
        with pageweight.serve(root / "site") as base:
            for lang, lroot in zip(LANGS, roots, strict=True):
                urls = [f"{base}/{lroot}{page}" for page in pages]
                first = [pageweight.views(browser, [u])[0].summary() for u in urls]
                chain = [v.summary() for v in pageweight.views(browser, urls)]
                out["hosted"][lang] = {"first": first, "next": chain[1:]}
        zips = sorted((root / "dist").glob("*-offline.zip"))
        if zips:
            with zipfile.ZipFile(zips[0]) as z:
                z.extractall(tmp)
            index = min(Path(tmp).rglob("index.html"), key=lambda q: len(q.parts))
            for lang, lroot in zip(LANGS, roots, strict=True):
                urls = [offline_file(index.parent / lroot, page).as_uri() for page in pages]
                chain = [v.summary() for v in pageweight.views(browser, urls)]
                out["offline"][lang] = {"first": chain[:1], "next": chain[1:]}
        browser.close()
    return out
