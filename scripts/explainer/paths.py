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


def article(number: int) -> str:
    return f"articles/{number}.md"


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
