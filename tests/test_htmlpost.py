"""The language marking's one-pass scan gives what Python's html.parser gave (issue 17)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from explainer.engine import htmlpost


class _Reference(HTMLParser):
    """The marking as it was before issue 17: html.parser over the whole page."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.letters = re.compile("[" + htmlpost.UNIQUE_LETTERS["kk"] + "]")
        self.stack: list[tuple[str, str | None]] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.spans: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in htmlpost._VOID:
            return
        lang = dict(attrs).get("lang")
        if lang is None:
            lang = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, (lang or "").lower() or None))

    def handle_endtag(self, tag: str) -> None:
        if any(t == tag for t, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.stack or any(t in htmlpost._SKIP for t, _ in self.stack):
            return
        here = self.stack[-1][1]
        line, col = self.getpos()
        offset = self.line_starts[line - 1] + col
        for m in htmlpost._RUN.finditer(data):
            if "kk" != here and (here or "").split("-")[0] != "kk" and self.letters.search(m[0]):
                self.spans.append((offset + m.start(), offset + m.end()))


def reference(page: str) -> str:
    parser = _Reference(page)
    parser.feed(page)
    parser.close()
    out, last = [], 0
    for start, end in parser.spans:
        out += [page[last:start], f'<span lang="kk">{page[start:end]}</span>']
        last = end
    return "".join([*out, page[last:]])


PAGES = [
    # a quoted attribute value holding ">" and Kazakh letters, an unquoted one
    '<html lang="ru"><p title="a > Қазақ" data-x=Заң>Ата Заң</p></html>',
    # comments, a doctype, script and style with markup-like text
    '<!DOCTYPE html>\n<html lang="en"><!-- Ата Заң <p> -->\n<script>var s = "<p>Қ</p>";'
    "</script><style>p::after{content:'Қ'}</style><p>Халық\nКеңесі</p></html>",
    # self-closing and void elements, upper-case tags, svg and code
    '<HTML LANG="ru"><P>Сот<br>төрелігі<img src="x.png" alt="Қ"/></P><svg><path d="M0"/>'
    "<text>Қазақ</text></svg><pre><code>Заң</code></pre><p>Заң</p></HTML>",
    # a language attribute: empty, without a value, a region, nested
    '<html lang="ru"><p lang="">Заң</p><p lang>Заң</p><p lang="kk-KZ">Заң</p>'
    '<div lang="kk"><span lang="en">Заң <b>Қазақ</b></span></div></html>',
    # an end tag without a start tag, an element left open, entities inside a run
    '<html lang="ru"></span><p>Ата&nbsp;Заң &amp; Нұр-Сұлтан &#1179;<div>Қазақ</html>',
    # text before <html> and after it
    "Қазақ<html lang='ru'>Заң</html>Қазақ",
    # a run with numbers and a non-breaking space
    '<html lang="en"><p>2006 жылғы 16\u00a0қаңтардағы № 121 Заң</p></html>',
]


@pytest.mark.parametrize("page", PAGES)
def test_one_pass_scan_gives_what_html_parser_gave(page: str) -> None:
    assert htmlpost.mark_language(page) == reference(page)


def test_pages_that_need_no_marking_are_returned_as_they_are() -> None:
    page = '<html lang="kk"><p>Ата Заң</p><p lang="ru">Суд</p></html>'
    assert htmlpost.mark_language(page) == page
    assert htmlpost.mark_language('<html lang="en"><p>Court</p></html>') == (
        '<html lang="en"><p>Court</p></html>'
    )


def test_marking_wraps_only_text_in_another_language() -> None:
    page = '<html lang="ru"><p title="Қ">Суд (Сот төрелігі)</p><p lang="kk">Сот</p></html>'
    assert htmlpost.mark_language(page) == (
        '<html lang="ru"><p title="Қ">Суд (<span lang="kk">Сот төрелігі</span>)</p>'
        '<p lang="kk">Сот</p></html>'
    )
