"""Tables that reflow on a phone: each body cell carries its column's label.

A table of three or more columns written in Markdown (``| a | b | c |``) is wider than a
phone's screen, and the columns cut off are the ones that matter (the current state, the
result). Here, at build time, every body cell gets ``data-label`` with the text of its
column's header cell, and the table ``data-stack``; on a narrow screen explainer.css shows
each row as a block of labelled lines (no JavaScript). Tables with fewer columns, and tables
the generator writes with a class of their own (editions, the 2026 concordance, side-by-side
rows), are left as they are.
"""

from __future__ import annotations

import html
import re

from explainer.text.markdown import TAG_RE

MIN_COLUMNS = 3
"""Narrower tables fit a phone; they keep the sideways scroll with its cue (scroll-cue.js)."""

TABLE_RE = re.compile(r"<table>(?P<body>(?:(?!<table\b).)*?)</table>", re.S)
"""A table as Python-Markdown writes it (no attributes), with no table inside it."""
HEAD_RE = re.compile(r"<thead>(?P<head>.*?)</thead>", re.S)
TH_RE = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
ROW_RE = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
TD_RE = re.compile(r"<td\b")


def label(cell_html: str) -> str:
    """The plain text of a header cell, as an attribute value."""
    return html.escape(" ".join(html.unescape(TAG_RE.sub("", cell_html)).split()), quote=True)


def stack(page: str) -> str:
    """``page`` with its wide Markdown tables marked to reflow, body cells labelled."""

    def table(m: re.Match[str]) -> str:
        body = m.group("body")
        head = HEAD_RE.search(body)
        if head is None:
            return m.group(0)
        labels = [label(th.group("text")) for th in TH_RE.finditer(head.group("head"))]
        if len(labels) < MIN_COLUMNS:
            return m.group(0)

        def row(r: re.Match[str]) -> str:
            cells = iter(labels)
            return TD_RE.sub(lambda _: f'<td data-label="{next(cells, "")}"', r.group(0))

        rest = ROW_RE.sub(row, body[head.end() :])
        return f"<table data-stack>{body[: head.end()]}{rest}</table>"

    return TABLE_RE.sub(table, page)
