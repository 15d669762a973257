"""Where each page lives in a language's docs folder (stable URLs: these are citations)."""

from __future__ import annotations

import posixpath

HOME = "index.md"
TOPICS = "topics/index.md"
ARTICLES = "articles/index.md"
TIMELINE = "timeline.md"
GLOSSARY = "glossary.md"


def topic(tid: str) -> str:
    return f"topics/{tid}.md"


def article(number: int | str) -> str:
    return f"articles/{number}.md"


EDITIONS = "editions/index.md"
PREAMBLE = "preamble.md"
TO_2026 = "to-2026.md"
"""Every article of the 1995 text beside its counterparts in the 2026 Constitution."""


def edition(iso: str) -> str:
    """The page of one edition of the document (``editions/2007-05-21/``)."""
    return f"editions/{iso}.md"


def section(number: int) -> str:
    """The page of one section of the document (``sections/7/``)."""
    return f"sections/{number}/index.md"


def term_anchor(tid: str) -> str:
    return f"{GLOSSARY}#{tid}"


def milestone(mid: str) -> str:
    """A focused timeline's page, beside the whole timeline."""
    return f"timeline/{mid}.md"


def event_anchor(eid: str) -> str:
    return f"{TIMELINE}#{eid}"


def url_of(md_path: str) -> str:
    """The clean URL (relative to a language root) of a generated Markdown page."""
    path, _, anchor = md_path.partition("#")
    if path == HOME:
        url = ""
    elif path.endswith("/index.md"):
        url = path[: -len("index.md")]
    else:
        url = path[: -len(".md")] + "/"
    return url + (f"#{anchor}" if anchor else "")


def rel(from_page: str, to: str) -> str:
    """Relative Markdown link from one generated page to another (MkDocs resolves it)."""
    path, _, anchor = to.partition("#")
    if path == from_page:
        target = ""
    else:
        target = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


PARALLEL = "parallel/"
"""Folder of the side-by-side pages (kept out of the navigation and the search index)."""


def parallel_topic(tid: str) -> str:
    return f"{PARALLEL}topics/{tid}.md"


def parallel_article(number: int | str) -> str:
    return f"{PARALLEL}articles/{number}.md"


def lang_root(lang: str, default: str) -> str:
    """Where a language's build lives below the site root: the default language at the root,
    every other one in ``<lang>/``."""
    return "" if lang == default else f"{lang}/"


XLINK = "explainer:"
"""Prefix of a link that leaves the page's language build, or points at a file at the site's
root (a handout PDF): ``explainer:<lang>/<docs path>#anchor`` or ``explainer:/<path>``. Raw
HTML links are not rewritten by MkDocs, and only the site engine knows its URL layout (clean
URLs on the hosted site, ``.html`` files offline), so the engine adapter turns these into
relative URLs (``mkdocs_plugin.resolve_xlink``)."""


def cross(from_page: str, from_lang: str, to: str, to_lang: str, default: str) -> str:
    """A link from a page of one language's build to a page of another language's build
    (or of its own, from raw HTML): see ``XLINK``. ``from_page``, ``from_lang`` and
    ``default`` are kept for the callers' sake: the adapter knows where the page is."""
    path, _, anchor = to.partition("#")
    return f"{XLINK}{to_lang}/{path}" + (f"#{anchor}" if anchor else "")


def site_file(path: str) -> str:
    """A link to a file at the site's root (not a page), e.g. ``handouts/kk/x.pdf``."""
    return f"{XLINK}/{path}"
