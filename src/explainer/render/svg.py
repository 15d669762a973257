"""The drawn timeline: SVG made from the events at build time. Pure: no disk, no globals.

The axis runs down the page, which reads on a phone and on A4 alike. Every year from the first
to the last is a band on the axis: a year with events is as tall as its labels need (so labels
never overlap, however many events share a year), an empty year is a short step. Each event
is a mark on the axis and a label beside it, both one link to the event's anchor. A mark's
shape and colour come from its category, so categories stay apart in black and white.

A long drawing is cut at year boundaries into several SVGs, each short enough for a printed
page; on screen they stack into one continuous axis. Output is deterministic: the same items
give the same bytes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from explainer.text import fonts

WIDTH = 380
"""Width of the drawing (viewBox units); the page scales it (about 1:1 on a phone)."""
AXIS_X = 56
YEAR_X = 44
LABEL_X = 74
LABEL_WIDTH = WIDTH - LABEL_X - 6
FONT = 13
LINE = fonts.line_height(13)  # FONT; from the shipped font's metrics
DATE_FONT = 11
DATE_LINE = fonts.line_height(11) + 2  # DATE_FONT, and a gap before the label
EVENT_GAP = 6
YEAR_PAD = 6
EVENT_YEAR_MIN = 28
EMPTY_YEAR = 8
LABELLED_EMPTY_YEAR = 20
LEGEND_ROW = 20
TOP = 6
MAX_CHUNK = 300
"""Tallest SVG (viewBox units) before the drawing is cut at a year boundary."""

SHAPES = {
    "circle": "#0072b2",
    "square": "#d55e00",
    "triangle": "#007d5c",
    "diamond": "#882255",
    "star": "#a67c00",
    "ring": "#332288",
}
"""The marks a category can have (content/site.yml ``categories: … shape:``) and each one's
default colour. Shapes differ, so the drawing reads without colour too."""
Mark = tuple[str, str]
"""A category's mark: (shape, colour)."""
FALLBACK_SHAPE: Mark = ("circle", "#555555")


@dataclass(frozen=True)
class Item:
    """One event as the drawing shows it (all text plain, in the page's language)."""

    id: str
    """The event's anchor on the page the drawing links to."""
    year: int
    category: str
    label: str
    """Text beside the mark (the event's title)."""
    tooltip: str
    """The mark's ``<title>``: date and title."""
    date: str = ""
    """Shown above the label when not empty (focused timelines)."""
    href: str = ""
    """Where the mark leads; ``#<id>`` when empty."""
    mark: Mark = FALLBACK_SHAPE
    """Its category's shape and colour."""


text_width = fonts.text_width
"""The width of a text at a size in px, from the shipped font's own metrics."""


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to ``width`` units (a word longer than the line stands alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def num(v: float) -> str:
    """A coordinate, written the same way every time."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def shape(kind: str, colour: str, cx: float, cy: float, scale: float = 1.0) -> str:
    """One mark, centred on (cx, cy), with a white outline that keeps it off the axis."""
    outline = 'stroke="#ffffff" stroke-width="1.5"'
    s = scale
    if kind == "square":
        return (
            f'<rect x="{num(cx - 5.5 * s)}" y="{num(cy - 5.5 * s)}" width="{num(11 * s)}" '
            f'height="{num(11 * s)}" fill="{colour}" {outline}/>'
        )
    if kind in ("triangle", "diamond", "star"):
        pts: list[tuple[float, float]]
        if kind == "triangle":
            pts = [(0, -7.5), (7, 5), (-7, 5)]
        elif kind == "diamond":
            pts = [(0, -7.5), (7.5, 0), (0, 7.5), (-7.5, 0)]
        else:
            pts = []
            for i in range(10):
                r = 8 if i % 2 == 0 else 3.4
                a = math.pi * i / 5 - math.pi / 2
                pts.append((r * math.cos(a), r * math.sin(a)))
        points = " ".join(f"{num(cx + x * s)},{num(cy + y * s)}" for x, y in pts)
        return f'<polygon points="{points}" fill="{colour}" {outline}/>'
    if kind == "ring":
        return (
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(5 * s)}" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="{num(2.6 * s)}"/>'
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(1.8 * s)}" fill="{colour}"/>'
        )
    return f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(6 * s)}" fill="{colour}" {outline}/>'


@dataclass
class _Band:
    year: int
    top: float
    bottom: float
    parts: list[str]


def draw(
    items: Sequence[Item],
    *,
    first_year: int,
    last_year: int,
    title: str,
    legend: Sequence[tuple[str, str, Mark]],
    max_height: float = MAX_CHUNK,
) -> list[str]:
    """The drawing as one or more ``<svg>`` elements (strings), top to bottom.

    ``items`` are in timeline order; ``legend`` is ``(category, name, mark)`` for those to
    explain; ``title`` names the drawing (its accessible name, with the years of each part
    when it is cut)."""
    by_year: dict[int, list[Item]] = {}
    for it in items:
        by_year.setdefault(it.year, []).append(it)
    first_year = min([first_year, *by_year])
    last_year = max([last_year, *by_year])

    head: list[str] = []
    y = float(TOP)
    col_w = (WIDTH - 16) / 2
    for i, (cat, name, (kind, colour)) in enumerate(legend):
        x = 16 + (i % 2) * col_w
        cy = y + (i // 2) * LEGEND_ROW + LEGEND_ROW / 2
        head.append(
            f'<g class="az-tl__key" data-category="{esc(cat)}">'
            f"{shape(kind, colour, x + 6, cy, 0.85)}"
            f'<text x="{num(x + 18)}" y="{num(cy + 4.5)}" font-size="12" '
            f'fill="currentColor">{esc(name)}</text></g>'
        )
    if legend:
        y += math.ceil(len(legend) / 2) * LEGEND_ROW + 10

    bands: list[_Band] = []
    for year in range(first_year, last_year + 1):
        top = y
        events = by_year.get(year, [])
        reach = 7 if events or year % 5 == 0 else 4
        parts = [
            f'<line class="az-tl__tick" x1="{AXIS_X - reach}" y1="{num(top)}" '
            f'x2="{AXIS_X + reach}" y2="{num(top)}" stroke="#9e9e9e" stroke-width="1.5"/>'
        ]
        if events:
            parts.append(
                f'<text class="az-tl__year" x="{YEAR_X}" y="{num(top + YEAR_PAD + 12)}" '
                f'text-anchor="end" font-size="{FONT}" font-weight="700" '
                f'fill="currentColor">{year}</text>'
            )
            cursor = top + YEAR_PAD
            for it in events:
                parts.append(_event(it, cursor))
                cursor += _event_height(it) + EVENT_GAP
            y = max(cursor - EVENT_GAP + YEAR_PAD, top + EVENT_YEAR_MIN)
        elif year in (first_year, last_year) or year % 5 == 0:
            parts.append(
                f'<text class="az-tl__year" x="{YEAR_X}" y="{num(top + 14)}" '
                f'text-anchor="end" font-size="11" fill="#757575">{year}</text>'
            )
            y = top + LABELLED_EMPTY_YEAR
        else:
            y = top + EMPTY_YEAR
        bands.append(_Band(year, top, y, parts))

    chunks: list[list[_Band]] = [[]]
    start = 0.0
    for band in bands:
        if chunks[-1] and band.bottom - start > max_height:
            chunks.append([])
            start = band.top
        chunks[-1].append(band)

    out = []
    for n, chunk in enumerate(chunks):
        y0 = 0.0 if n == 0 else chunk[0].top
        y1 = chunk[-1].bottom + (8 if n == len(chunks) - 1 else 0)
        axis_top = chunk[0].top
        # Cut in parts, each is named by its years (the figure holding them by ``title``).
        name = title if len(chunks) == 1 else f"{chunk[0].year}–{chunk[-1].year}"
        body = [f"<title>{esc(title)}</title>"]
        if n == 0:
            body.append(f'<g class="az-tl__legend">{"".join(head)}</g>')
        body.append(
            f'<line class="az-tl__axis" x1="{AXIS_X}" y1="{num(axis_top)}" '
            f'x2="{AXIS_X}" y2="{num(y1)}" stroke="#9e9e9e" stroke-width="2"/>'
        )
        body.extend(part for band in chunk for part in band.parts)
        h = y1 - y0
        out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="az-tl__svg" '
            f'viewBox="0 {num(y0)} {WIDTH} {num(h)}" width="{WIDTH}" height="{num(h)}" '
            f'font-family="\'{fonts.FAMILY}\', sans-serif" role="group" aria-label="{esc(name)}">'
            + "".join(body)
            + "</svg>"
        )
    return out


def figure(parts: Sequence[str], title: str) -> str:
    """The parts of a drawing in one HTML ``<figure>``, named ``title``."""
    return (
        f'<figure class="az-tl" role="group" aria-label="{esc(title)}">'
        + "".join(parts)
        + "</figure>"
    )


def _lines(it: Item) -> list[str]:
    return wrap(it.label, LABEL_WIDTH, FONT)


def _event_height(it: Item) -> float:
    return (DATE_LINE if it.date else 0) + len(_lines(it)) * LINE


def _event(it: Item, top: float) -> str:
    kind, colour = it.mark
    spans = []
    baseline = top + 12
    if it.date:
        spans.append(
            f'<tspan class="az-tl__date" x="{LABEL_X}" y="{num(top + 10)}" '
            f'font-size="{DATE_FONT}" fill="#616161">{esc(it.date)}</tspan>'
        )
        baseline = top + DATE_LINE + 12
    for i, line in enumerate(_lines(it)):
        spans.append(f'<tspan x="{LABEL_X}" y="{num(baseline + i * LINE)}">{esc(line)}</tspan>')
    href = it.href or f"#{it.id}"
    right = min(WIDTH, LABEL_X + max(text_width(x, FONT) for x in [*_lines(it), it.date]))
    return (
        f'<a class="az-tl__ev" href="{esc(href)}" data-category="{esc(it.category)}">'
        f"<title>{esc(it.tooltip)}</title>"
        # the whole row takes clicks and taps, not only the painted strokes
        f'<rect x="{AXIS_X - 9}" y="{num(top - 1)}" width="{num(right - AXIS_X + 9)}" '
        f'height="{num(_event_height(it) + 2)}" fill="transparent"/>'
        f'<line x1="{AXIS_X + 8}" y1="{num(top + 8)}" x2="{LABEL_X - 4}" y2="{num(top + 8)}" '
        f'stroke="{colour}" stroke-width="1.5"/>'
        f'<g class="az-tl__mark">{shape(kind, colour, AXIS_X, top + 8)}</g>'
        f'<text class="az-tl__label" font-size="{FONT}" fill="currentColor">'
        + "".join(spans)
        + "</text></a>"
    )


def icon(mark: Mark) -> str:
    """A category's mark on its own, for buttons and labels in running text."""
    kind, colour = mark
    return (
        f'<svg class="az-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" '
        f'width="14" height="14" aria-hidden="true" focusable="false">'
        f"{shape(kind, colour, 10, 10.5, 1.1)}</svg>"
    )
