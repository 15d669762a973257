"""Alphabetical order in a language's own alphabet (the glossary page).

The alphabet is an interface string (``alphabet`` in ui.yml, or ``ui:`` in site.yml): the
language's letters, lowercase, in order, separated by spaces. Code-point order puts the
Kazakh letters ә ғ қ ң ө ұ ү һ і after я; this order puts them where a Kazakh reader looks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SKIP = set("-‐–—«»\"'“”„().,")
"""Marks that do not take part in the order ("жалпыға бірдей" and "жалпыға-бірдей" sort alike)."""


def sort_key(text: str, alphabet: str) -> tuple[tuple[int, int], ...]:
    """Letters of ``alphabet`` in its order; a space before any letter (word by word);
    characters outside the alphabet after its letters, by code point."""
    order = {letter: i for i, letter in enumerate(alphabet.split())}
    key = []
    for ch in text.casefold():
        if ch in SKIP:
            continue
        if ch.isspace():
            key.append((0, 0))
        elif ch in order:
            key.append((1, order[ch]))
        else:
            key.append((2, ord(ch)))
    return tuple(key)


def initial(text: str, alphabet: str) -> str:
    """The letter a term is filed under: its first letter, uppercase."""
    for ch in text:
        if ch not in SKIP and not ch.isspace():
            return ch.upper()
    return ""


def alphabetical(terms: Iterable[Any], lang: str, alphabet: str) -> list[tuple[str | None, Any]]:
    """``terms`` in order of ``term[lang]``, each with its letter if it is the first term
    filed under that letter (else ``None``): the anchors of the letter index."""
    ordered = sorted(terms, key=lambda tm: (sort_key(tm.term[lang], alphabet), tm.term[lang]))
    out: list[tuple[str | None, Any]] = []
    seen: set[str] = set()
    for tm in ordered:
        letter = initial(tm.term[lang], alphabet)
        out.append((letter if letter not in seen else None, tm))
        seen.add(letter)
    return out
