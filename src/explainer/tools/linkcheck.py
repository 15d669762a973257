"""A link checker for a built site: every local link, script, stylesheet and image leads to a
file that exists, and every ``#anchor`` to an element with that id.

Two modes: the hosted site (a link to ``folder/`` means ``folder/index.html``, as a web
server serves it) and the offline bundle opened from ``file://`` (a link to a folder opens a
file listing, so it counts as broken). Links to other sites are not fetched: this runs
without a network; they are listed separately.
"""

from __future__ import annotations

import html.parser
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRS = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "area": "href",
    "use": "href",
}


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if d.get(key):
                self.ids.add(str(d[key]))
        want = _ATTRS.get(tag)
        if want is None:
            return
        value = d.get(want) or (d.get("xlink:href") if tag == "use" else None)
        if value is None:
            return
        if tag == "link" and (d.get("rel") or "") in ("canonical", "preconnect", "dns-prefetch"):
            return
        self.links.append((value, self.getpos()[0]))


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    """``page:line: link — what is wrong``"""
    external: set[str] = field(default_factory=set)


def check_tree(root: Path, offline: bool = False) -> Report:
    """Check every HTML page under ``root``."""
    report = Report()
    parsed: dict[str, _Page] = {}

    def page(rel: str) -> _Page:
        if rel not in parsed:
            p = _Page()
            p.feed((root / rel).read_text(encoding="utf-8"))
            parsed[rel] = p
        return parsed[rel]

    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        report.pages += 1
        for link, line in page(rel).links:
            report.links += 1
            problem = _check(root, rel, link, offline, page)
            if problem == "external":
                report.external.add(link)
            elif problem:
                report.broken.append(f"{rel}:{line}: {link} — {problem}")
    return report


def _check(root: Path, here: str, link: str, offline: bool, page: object) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        return "external"
    if parts.scheme in ("mailto", "tel", "data"):
        return None
    if parts.scheme or link.startswith("//"):
        return f"unexpected link scheme '{parts.scheme or '//'}'"
    path = unquote(parts.path)
    if path.startswith("/"):
        if posixpath.basename(here) != "404.html" or offline:
            return "absolute path: breaks under a sub-path and from file://"
        # A server shows 404.html at any address, so its links start at the site's root.
        path = posixpath.relpath(path, "/" + posixpath.dirname(here)) + (
            "/" if path.endswith("/") else ""
        )
    target = here
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if target.startswith("../") or target == "..":
            return "leads outside the site"
        is_dir = path.endswith("/") or (root / target).is_dir()
        if is_dir:
            if offline:
                return "a folder: from file:// this opens a file listing, not a page"
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
        if not (root / target).is_file():
            return "no such file"
    if parts.fragment and target.endswith(".html"):
        anchor = unquote(parts.fragment)
        if anchor not in page(target).ids:  # type: ignore[operator]
            return f"no element with id '{anchor}' in {target}"
    return None
