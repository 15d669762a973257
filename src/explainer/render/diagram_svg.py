"""Diagrams from data (``content/diagrams/*.yml``): SVG drawn at build time. Pure.

A diagram has columns side by side (a ladder per period, or the institutions of two
constitutions); each column holds boxes on numbered levels, and arrows join boxes: down a
column between levels, or across to the next column. Boxes are sized and labels wrapped with
the shipped font's own metrics (``text.fonts``), so no label overflows its box. The drawing is
380 units wide, about 1:1 on a phone; it scales on wider screens and on paper. Beside it goes a
text alternative: every column as an ordered list, every arrow across as a sentence.
Output is deterministic: the same diagram gives the same bytes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from explainer.model import Date, Source
from explainer.render.svg import num
from explainer.text import fonts

KINDS = ("steps", "compare")
WIDTH = 380
MARGIN = 4
COL_GAP = 14
FONT = 12
LINE = fonts.line_height(FONT)
HEAD_FONT = 12
HEAD_LINE = fonts.line_height(HEAD_FONT)
EDGE_FONT = 10
EDGE_LINE = fonts.line_height(EDGE_FONT)
PAD = 6
"""Space between a box's border and its label."""
GAP = 22
"""Least vertical space between two levels (room for an arrow)."""
BOLD = 700
SLACK = 0.88
"""Labels are wrapped to this share of the room: a reader's fallback font (DejaVu Sans where
the shipped one is blocked) is up to a tenth wider than Noto Sans."""


@dataclass(frozen=True)
class Node:
    id: str
    column: str
    level: int
    label: dict[str, str]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: dict[str, str] | None = None


@dataclass(frozen=True)
class Column:
    id: str
    label: dict[str, str]


@dataclass(frozen=True)
class Diagram:
    id: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    columns: tuple[Column, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    sources: tuple[Source, ...]
    as_of: Date | None = None


def wrap(text: str, width: float, size: float, weight: int = 400) -> list[str]:
    """Greedy word wrap to ``width`` in the shipped font of ``weight``."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and fonts.text_width(candidate, size, weight) > width * SLACK:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Box:
    """A node placed: its label's lines and its rectangle."""

    node: Node
    lines: tuple[str, ...]
    x: float
    y: float
    w: float
    h: float


def column_width(d: Diagram) -> float:
    n = max(len(d.columns), 1)
    return (WIDTH - 2 * MARGIN - COL_GAP * (n - 1)) / n


def layout(d: Diagram, lang: str) -> tuple[dict[str, Box], list[tuple[float, list[str]]], float]:
    """Boxes by node id, the column headings (x, lines) and the drawing's height."""
    cw = column_width(d)
    xs = {c.id: MARGIN + i * (cw + COL_GAP) for i, c in enumerate(d.columns)}
    heads = [(xs[c.id], wrap(c.label[lang], cw, HEAD_FONT, BOLD)) for c in d.columns]
    top = MARGIN + max((len(lines) for _, lines in heads), default=0) * HEAD_LINE + 8
    lines = {n.id: tuple(wrap(n.label[lang], cw - 2 * PAD, FONT)) for n in d.nodes}
    levels = sorted({n.level for n in d.nodes})
    # The gap above a level holds the labels of the arrows that come down into it.
    by_id = {n.id: n for n in d.nodes}
    gap_lines = dict.fromkeys(levels, 0)
    for e in d.edges:
        a, b = by_id[e.source], by_id[e.target]
        if a.column == b.column and e.label:
            n_lines = len(wrap(e.label[lang], cw - 2 * PAD - 14, EDGE_FONT))
            gap_lines[b.level] = max(gap_lines[b.level], n_lines)
    boxes: dict[str, Box] = {}
    y = top
    for i, level in enumerate(levels):
        if i:
            y += max(GAP, gap_lines[level] * EDGE_LINE + 10)
        row = [n for n in d.nodes if n.level == level]
        h = max(len(lines[n.id]) for n in row) * LINE + 2 * PAD
        for n in row:
            boxes[n.id] = Box(n, lines[n.id], xs[n.column], y, cw, h)
        y += h
    return boxes, heads, y + MARGIN


def _arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        'stroke="#455a64" stroke-width="1.5" marker-end="url(#az-dg-arrow)"/>'
    )


def svg(d: Diagram, lang: str) -> str:
    boxes, heads, height = layout(d, lang)
    tid, did = f"az-dg-{d.id}-title", f"az-dg-{d.id}-desc"
    parts = [
        f'<title id="{tid}">{esc(d.title[lang])}</title>',
        f'<desc id="{did}">{esc(d.description[lang])}</desc>',
        '<defs><marker id="az-dg-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#455a64"/></marker></defs>',
    ]
    for x, lines in heads:
        spans = "".join(
            f'<tspan x="{num(x)}" y="{num(MARGIN + 11 + i * HEAD_LINE)}">{esc(s)}</tspan>'
            for i, s in enumerate(lines)
        )
        parts.append(
            f'<text class="az-dg__head" font-size="{HEAD_FONT}" font-weight="{BOLD}" '
            f'fill="currentColor">{spans}</text>'
        )
    for b in boxes.values():
        spans = "".join(
            f'<tspan x="{num(b.x + PAD)}" y="{num(b.y + PAD + 12 + i * LINE)}">{esc(s)}</tspan>'
            for i, s in enumerate(b.lines)
        )
        parts.append(
            f'<g class="az-dg__node"><rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" '
            f'height="{num(b.h)}" rx="4" fill="#eef3f8" stroke="#455a64" stroke-width="1"/>'
            f'<text font-size="{FONT}" fill="#1a1a1a">{spans}</text></g>'
        )
    for e in d.edges:
        a, b = boxes[e.source], boxes[e.target]
        if a.node.column == b.node.column:
            x = a.x + 12
            parts.append(_arrow(x, a.y + a.h, x, b.y - 1))
            if e.label:
                lines = wrap(e.label[lang], a.w - 2 * PAD - 14, EDGE_FONT)
                spans = "".join(
                    f'<tspan x="{num(x + 8)}" y="{num(a.y + a.h + 11 + i * EDGE_LINE)}">'
                    f"{esc(s)}</tspan>"
                    for i, s in enumerate(lines)
                )
                parts.append(
                    f'<text class="az-dg__edge" font-size="{EDGE_FONT}" fill="#37474f">'
                    f"{spans}</text>"
                )
        else:
            left, right = (a, b) if a.x < b.x else (b, a)
            y1, y2 = left.y + left.h / 2, right.y + right.h / 2
            parts.append(_arrow(left.x + left.w, y1, right.x - 1, y2))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="az-dg__svg" '
        f'viewBox="0 0 {WIDTH} {num(height)}" width="{WIDTH}" height="{num(height)}" '
        'style="display:block;width:100%;max-width:36rem;height:auto" '
        f'font-family="\'{fonts.FAMILY}\', sans-serif" role="img" '
        f'aria-labelledby="{tid} {did}">' + "".join(parts) + "</svg>"
    )


def text_alternative(d: Diagram, lang: str, summary: str) -> str:
    """The diagram in words: each column's boxes in level order, then the arrows across."""
    by_id = {n.id: n for n in d.nodes}
    out = [f'<details class="az-dg__text"><summary>{esc(summary)}</summary>']
    for c in d.columns:
        nodes = sorted((n for n in d.nodes if n.column == c.id), key=lambda n: n.level)
        items = "".join(f"<li>{esc(n.label[lang])}</li>" for n in nodes)
        out.append(f"<p>{esc(c.label[lang])}</p><ol>{items}</ol>")
    across = [e for e in d.edges if by_id[e.source].column != by_id[e.target].column]
    if across:
        items = "".join(
            f"<li>{esc(by_id[e.source].label[lang])} → {esc(by_id[e.target].label[lang])}"
            + (f" ({esc(e.label[lang])})" if e.label else "")
            + "</li>"
            for e in across
        )
        out.append(f"<ul>{items}</ul>")
    out.append("</details>")
    return "".join(out)


def figure(d: Diagram, lang: str, ui: dict[str, str]) -> str:
    """The whole figure, on one line (a raw HTML block in the page's Markdown): the drawing,
    its text alternative, then the caption (HTML allows a figure's caption only first or
    last)."""
    sources = "; ".join(
        f'<a href="{esc(s.url)}">{esc(s.title)}</a>' if s.url else esc(s.title) for s in d.sources
    )
    return (
        f'<figure class="az-dg" id="diagram-{d.id}">'
        + svg(d, lang)
        + text_alternative(d, lang, ui["diagram_text"])
        + f"<figcaption>{esc(d.title[lang])}. {esc(ui['sources'])}: {sources}</figcaption>"
        + "</figure>"
    )
