"""Text checks: mixed Latin/Cyrillic words; one term, one concept."""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[A-Za-z\u0400-\u04FF]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[\u0400-\u04FF]")


def mixed_script_words(line: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters (``Республикасi`` with a Latin ``i``)."""
    return [w for w in _WORD.findall(line) if _LATIN.search(w) and _CYR.search(w)]


def describe(word: str) -> str:
    latin = sorted({c for c in word if _LATIN.match(c)})
    return f"word '{word}' mixes Latin and Cyrillic letters (Latin: {' '.join(latin)})"


# -- one term, one concept -----------------------------------------------------------------

_SKIP_KEYS = frozenset({"sources", "avoid", "url", "id", "date", "number", "category"})
"""YAML keys whose values are not running text of the site (a source's title may quote a
headline in other words; the avoid list names the wrong words on purpose)."""


def avoid_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase whose every word matches any word beginning with it (``досрочн выбор``
    matches ``досрочных выборов``); it must start at a word boundary."""
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(w + r"[\w-]*" for w in words))


def language_lines(path: str, text: str, codes: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """``(language, line number, line)`` for every line of running text in a content file.

    A Markdown file ``<lang>.md`` is all in its language; in YAML, the value of a key named
    after a language is in that language (keys in ``_SKIP_KEYS`` are skipped)."""
    lines = text.split("\n")
    stem = path.rsplit("/", 1)[-1]
    if stem.endswith(".md"):
        lang = stem[: -len(".md")]
        return [(lang, n, line) for n, line in enumerate(lines, 1)] if lang in codes else []
    if not stem.endswith((".yml", ".yaml")):
        return []
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # reported by the loader
    out: list[tuple[str, int, str]] = []

    def walk(node: yaml.Node | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else ""
                if name in _SKIP_KEYS:
                    continue
                if name in codes and isinstance(value, yaml.ScalarNode):
                    first, last = value.start_mark.line, value.end_mark.line
                    if value.end_mark.column == 0 and last > first:
                        last -= 1  # a block scalar ends at the start of the next line
                    for i in range(first, last + 1):
                        out.append((name, i + 1, lines[i]))
                else:
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(root)
    return out


def term_consistency(texts: dict[str, str], terms: list[Any],
                     codes: tuple[str, ...]) -> list[tuple[Any, str]]:
    """Every use of a word that a glossary term lists under ``avoid``: ``(Loc, message)``.

    A match that lies inside another glossary term is not reported, so ``Жоғары Сот``
    (avoided for the Supreme Court) does not fire inside ``Жоғары Сот Кеңесі`` (the Supreme
    Judicial Council)."""
    from .problems import Loc

    checks: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
    names: dict[str, list[str]] = {}
    for tm in terms:
        for lang, phrases in tm.avoid.items():
            for phrase in phrases:
                checks.setdefault(lang, []).append((avoid_pattern(phrase), tm))
        for lang, name in tm.term.items():
            names.setdefault(lang, []).append(name)
    known = {lang: re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(n) for n in sorted(ns, key=len, reverse=True)) + ")")
        for lang, ns in names.items() if ns}
    out: list[tuple[Any, str]] = []
    if not checks:
        return out
    for path in sorted(texts):
        for lang, n, line in language_lines(path, texts[path], codes):
            if lang not in checks:
                continue
            spans = [m.span() for m in known[lang].finditer(line)] if lang in known else []
            for pattern, tm in checks[lang]:
                for m in pattern.finditer(line):
                    if any(a <= m.start() and m.end() <= b for a, b in spans):
                        continue
                    out.append((Loc(path, n), f"'{m.group(0)}' is not the glossary's term: write "
                                f"'{tm.term[lang]}' (one term, one concept; see term '{tm.id}')"))
    return out
