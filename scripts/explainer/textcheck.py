"""Text checks that need no model: mixed Latin/Cyrillic words."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z\u0400-\u04FF]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[\u0400-\u04FF]")


def mixed_script_words(line: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters (``Республикасi`` with a Latin ``i``)."""
    return [w for w in _WORD.findall(line) if _LATIN.search(w) and _CYR.search(w)]


def describe(word: str) -> str:
    latin = sorted({c for c in word if _LATIN.match(c)})
    return f"word '{word}' mixes Latin and Cyrillic letters (Latin: {' '.join(latin)})"
