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

_QUOTED = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TOKEN = re.compile(
    r"<!--.*?-->"
    rf"|<(?P<raw>script|style)\b{_QUOTED}>.*?</(?P=raw)\s*>"
    rf"|<(?P<end>/)?(?P<tag>[a-zA-Z][^\t\n\r\f />\x00]*)(?P<attrs>{_QUOTED})>"
    r"|<[!?][^>]*>",
    re.S | re.I,
)
"""The markup of a page, in one pass: a comment, a ``<script>`` or ``<style>`` element with
its raw text, a start or end tag (a quoted attribute value may hold ``>``), a doctype or
processing instruction. What lies between two of them is text."""


def _lang_attr(attrs: str) -> str | None | bool:
    """The ``lang`` of a start tag: its value (``""`` if empty), or False without one."""
    found: str | None | bool = False
    for m in _ONE_ATTR.finditer(attrs):
        if m.group("name").lower() == "lang":
            value = m.group("value")
            if value is None:
                found = None
            else:
                found = html.unescape(value[1:-1] if value[:1] in "\"'" else value)
    return found


_LANG = re.compile("lang", re.I)


def _spans(page: str, unique: dict[str, re.Pattern[str]]) -> list[tuple[int, int, str]]:
    """Offsets of the text runs to wrap, with the language each is in.

    One scan of the markup (:data:`_TOKEN`) keeps the stack of open elements with the
    language of each (its ``lang``, or its parent's); a run of text is looked at only when it
    holds a letter of some language (:data:`UNIQUE_LETTERS`), is inside an element, not
    inside one of :data:`_SKIP`, and that element is not in that language already."""
    any_letter = re.compile("|".join(p.pattern for p in unique.values()))
    found = any_letter.search(page)
    if found is None:
        return []
    stack: list[tuple[str, str | None]] = []
    skipping = 0
    spans: list[tuple[int, int, str]] = []
    others: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}

    def text(start: int, end: int) -> None:
        """Wrap the runs of ``page[start:end]``, text that holds a letter of some language."""
        if not stack or skipping:
            return
        here = stack[-1][1]
        langs = others.get(here)
        if langs is None:
            base = (here or "").split("-")[0]
            langs = others[here] = [(c, p) for c, p in unique.items() if c not in (here, base)]
        for run in _RUN.finditer(page, start, end) if langs else ():
            for code, letters in langs:
                if letters.search(run.group(0)):
                    spans.append((run.start(), run.end(), code))
                    break

    end = len(page)
    nxt = found.start()  # the next letter of some language at or after the scan
    last = 0
    for m in _TOKEN.finditer(page):
        if nxt < m.start():  # the text before this token holds a letter
            text(last, m.start())
            found = any_letter.search(page, m.end())
            nxt = found.start() if found is not None else end
        last = m.end()
        tag, closing, attrs = m.group("tag", "end", "attrs")
        if tag is None:  # comment, doctype, or a script/style element as a whole
            continue
        tag = tag.lower()
        if closing:
            if any(t == tag for t, _ in stack):
                while stack:
                    t, _ = stack.pop()
                    skipping -= t in _SKIP
                    if t == tag:
                        break
            continue
        if tag in _VOID or attrs.rstrip().endswith("/"):  # nothing opens
            continue
        attr = _lang_attr(attrs) if _LANG.search(attrs) else False
        lang: str | None
        if attr is False:
            lang = stack[-1][1] if stack else None
        else:
            lang = (attr if isinstance(attr, str) else "").lower() or None
        stack.append((tag, lang))
        skipping += tag in _SKIP
    if nxt < end:
        text(last, end)
    return spans


def mark_language(page: str, unique: dict[str, str] | None = None) -> str:
    """Wrap each run of words written in another language of the site in ``<span lang>``.

    A run is in language X when one of its words has a letter only X writes
    (:data:`UNIQUE_LETTERS`) and the element it is in is not already in X.
    """
    letters = {
        code: re.compile(f"[{re.escape(chars)}]")
        for code, chars in (UNIQUE_LETTERS if unique is None else unique).items()
    }
    out = []
    last = 0
    for start, end, code in _spans(page, letters):
        out.append(page[last:start])
        out.append(f'<span lang="{code}">{page[start:end]}</span>')
        last = end
    out.append(page[last:])
    return "".join(out)


def finish(page: str) -> str:
    """Every finishing touch, in order."""
    return mark_language(external_links(page))
