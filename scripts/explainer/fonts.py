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
from pathlib import Path

FAMILY = "Noto Sans"
"""The family name the stylesheet declares and the drawings name."""
WEIGHTS = (300, 400, 700)
"""Every weight the theme uses: headings 300, text 400, bold 700."""
SUBSETS = ("latin", "cyrillic", "cyrillic-ext")
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
"""The letters of Kazakh beyond Russian's: every weight must have them."""

FONT_DIR = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "fonts"


def files(weight: int) -> list[Path]:
    """The font files of one weight, one per subset."""
    return [FONT_DIR / f"noto-sans-{s}-{weight}-normal.woff2" for s in SUBSETS]


@functools.cache
def _metrics(weight: int) -> tuple[dict[int, float], float]:
    """Advance width per code point, in em, and the widest advance (for missing glyphs)."""
    from fontTools.ttLib import TTFont

    widths: dict[int, float] = {}
    widest = 0.0
    for path in files(weight):
        font = TTFont(path)
        upem = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        for cp, glyph in font.getBestCmap().items():
            w = hmtx[glyph][0] / upem
            widths.setdefault(cp, w)
            widest = max(widest, w)
    return widths, widest


def coverage(weight: int) -> set[int]:
    """The code points the shipped files of ``weight`` draw."""
    return set(_metrics(weight)[0])


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The width of ``text`` at ``size`` px in the shipped font (a character it lacks counts
    as its widest glyph)."""
    widths, widest = _metrics(weight)
    return sum(widths.get(ord(ch), widest) for ch in text) * size


@functools.cache
def line_height(size: float) -> int:
    """The height of one line of text at ``size`` px, in whole px: the font's ascent plus
    descent (``hhea``, as browsers use it), so the boxes of two lines never overlap."""
    from fontTools.ttLib import TTFont

    em = 0.0
    for path in files(400):
        font = TTFont(path)
        hhea = font["hhea"]
        em = max(em, (hhea.ascent - hhea.descent) / font["head"].unitsPerEm)
    return math.ceil(size * em)
