"""Finishing touches on a built HTML page. Pure string functions, no engine dependency.

The MkDocs adapter applies them to every page it writes (``on_post_page``); another engine's
adapter would call them the same way.

- :func:`external_links`: every link to another site carries ``rel="noopener"``.
- :func:`mark_language`: text in a language that has letters of its own (Kazakh: ә ғ қ ң ө
  ұ ү һ і) quoted on a page in another language is wrapped in ``<span lang="kk">``, so that
  screen readers switch voice and browsers hyphenate it correctly.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

UNIQUE_LETTERS = {"kk": "ӘәҒғҚқҢңӨөҰұҮүҺһІі"}
"""Letters that, among the site's languages, only this language writes: a run of words with
one of them is in this language. A language with no such letters is never detected."""

_ATTR = r"""\s+[^\s"'=<>/`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_A_TAG = re.compile(rf"<a(?P<attrs>(?:{_ATTR})*)\s*(?P<end>/?>)", re.I)
_ONE_ATTR = re.compile(
    r"""\s+(?P<name>[^\s"'=<>/`]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|"""
    r"""[^\s"'=<>`]+))?"""
)


def _attrs(text: str) -> dict[str, tuple[str, re.Match[str]]]:
    out: dict[str, tuple[str, re.Match[str]]] = {}
    for m in _ONE_ATTR.finditer(text):
        value = m.group("value") or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        out.setdefault(m.group("name").lower(), (html.unescape(value), m))
    return out


def is_external(href: str) -> bool:
    """A link to another site: an absolute ``http(s)://`` or protocol-relative URL."""
    return re.match(r"(?:https?:)?//", href.strip(), re.I) is not None


def external_links(page: str) -> str:
    """Add ``noopener`` to the ``rel`` of every ``<a href>`` that leads to another site."""

    def fix(m: re.Match[str]) -> str:
        attrs = _attrs(m.group("attrs"))
        href = attrs.get("href")
        if href is None or not is_external(href[0]):
            return m.group(0)
        rel = attrs.get("rel")
        if rel is None:
            return f'<a{m.group("attrs")} rel="noopener"{m.group("end")}'
        words = rel[0].split()
        if "noopener" in (w.lower() for w in words):
            return m.group(0)
        a = m.group("attrs")
        rm = rel[1]
        start, end = rm.start(), rm.end()
        new_rel = f' rel="{html.escape(" ".join([*words, "noopener"]))}"'
        return f"<a{a[:start]}{new_rel}{a[end:]}{m.group('end')}"

    return _A_TAG.sub(fix, page)


_WORD = r"[\u0400-\u04FF]+(?:[-\u2010\u2011][\u0400-\u04FF]+)*"
_RUN = re.compile(rf"{_WORD}(?:[ \u00a0]+(?:\d+[ \u00a0]+)*{_WORD})*")
"""Cyrillic words separated by spaces (and numbers between them): punctuation and Latin text
end a run, so ``Народный совет (Халық Кеңесі)`` gives two runs."""

_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_SKIP = frozenset({"script", "style", "title", "textarea", "svg", "code", "pre"})
"""Elements whose text is never wrapped (not rendered as text, or cannot hold markup)."""


class _Texts(HTMLParser):
    """Offsets of the text runs to wrap, with the language each is in."""

    def __init__(self, source: str, unique: dict[str, re.Pattern[str]]) -> None:
        super().__init__(convert_charrefs=False)
        self.unique = unique
        self.stack: list[tuple[str, str | None]] = []
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.spans: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang")
        if lang is None:
            lang = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, (lang or "").lower() or None))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not self.stack or any(t in _SKIP for t, _ in self.stack):
            return
        here = self.stack[-1][1]
        line, col = self.getpos()
        offset = self.line_starts[line - 1] + col
        for m in _RUN.finditer(data):
            for code, letters in self.unique.items():
                if (
                    code != here
                    and (here or "").split("-")[0] != code
                    and letters.search(m.group(0))
                ):
                    self.spans.append((offset + m.start(), offset + m.end(), code))
                    break


def mark_language(page: str, unique: dict[str, str] | None = None) -> str:
    """Wrap each run of words written in another language of the site in ``<span lang>``.

    A run is in language X when one of its words has a letter only X writes
    (:data:`UNIQUE_LETTERS`) and the element it is in is not already in X.
    """
    letters = {
        code: re.compile(f"[{re.escape(chars)}]")
        for code, chars in (UNIQUE_LETTERS if unique is None else unique).items()
    }
    parser = _Texts(page, letters)
    parser.feed(page)
    parser.close()
    out = []
    last = 0
    for start, end, code in parser.spans:
        out.append(page[last:start])
        out.append(f'<span lang="{code}">{page[start:end]}</span>')
        last = end
    out.append(page[last:])
    return "".join(out)


def finish(page: str) -> str:
    """Every finishing touch, in order."""
    return mark_language(external_links(page))
