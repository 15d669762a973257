"""The shipped font (Noto Sans, SIL OFL 1.1): where its files are and how wide a text is in it.

The site, the offline bundle and the drawn timeline use the same files
(``overrides/assets/fonts/``, from the npm package ``@fontsource/noto-sans``, checked against
``SHA256SUMS``). Widths come from the font's own horizontal metrics (``hmtx``), read with
fontTools, so a drawing laid out here fits whatever fonts the reader's machine has.
Kerning is not applied: it only narrows a line, so the widths are an upper bound.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

FAMILY = "Noto Sans"
"""The family name the stylesheet declares and the drawings name."""
WEIGHTS = (300, 400, 700)
"""Every weight the theme uses: headings 300, text 400, bold 700."""
SUBSETS = ("latin", "cyrillic", "cyrillic-ext")
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
"""The letters of Kazakh beyond Russian's: every weight must have them."""

FONT_DIR = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "fonts"
"""The shipped fonts (``overrides/assets/fonts/`` of the generator's own checkout)."""


def files(weight: int) -> list[Path]:
    """The font files of one weight, one per subset."""
    return [FONT_DIR / f"noto-sans-{s}-{weight}-normal.woff2" for s in SUBSETS]


@dataclass(frozen=True)
class _Metrics:
    widths: dict[int, float]
    """Advance width per code point, in em."""
    widest: float
    """The widest advance, in em (stands in for a glyph the font lacks)."""
    line: float
    """Ascent plus descent (``hhea``, as browsers use it), in em."""


@functools.cache
def _metrics(weight: int) -> _Metrics:
    """The metrics of one weight, read once from its files."""
    from fontTools.ttLib import TTFont

    widths: dict[int, float] = {}
    widest = line = 0.0
    for path in files(weight):
        font = TTFont(path)
        upem = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        hhea = font["hhea"]
        line = max(line, (hhea.ascent - hhea.descent) / upem)
        for cp, glyph in font.getBestCmap().items():
            w = hmtx[glyph][0] / upem
            widths.setdefault(cp, w)
            widest = max(widest, w)
    return _Metrics(widths, widest, line)


def coverage(weight: int) -> set[int]:
    """The code points the shipped files of ``weight`` draw."""
    return set(_metrics(weight).widths)


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The width of ``text`` at ``size`` px in the shipped font (a character it lacks counts
    as its widest glyph)."""
    m = _metrics(weight)
    return sum(m.widths.get(ord(ch), m.widest) for ch in text) * size


def line_height(size: float) -> int:
    """The height of one line of text at ``size`` px, in whole px, so the boxes of two lines
    never overlap."""
    return math.ceil(size * _metrics(400).line)
