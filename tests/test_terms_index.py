"""The linear scan of ``term_consistency`` finds exactly what one regular expression per
phrase finds (the plain algorithm, kept here as the reference), on the flagship's texts
with every avoided word planted in them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from explainer.load import load, load_ui
from explainer.model import Term
from explainer.problems import Loc, Problems
from explainer.validate import validate
from explainer.validate.textcheck import (
    _FirstWords,
    _Names,
    avoid_pattern,
    language_lines,
    term_consistency,
)

from .conftest import ROOT


def reference(
    texts: dict[str, str], terms: list[Any], codes: tuple[str, ...]
) -> list[tuple[Any, str]]:
    """The plain algorithm: every avoid pattern tried on every line."""
    checks: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
    names: dict[str, list[str]] = {}
    for tm in terms:
        for lang, phrases in tm.avoid.items():
            for phrase in phrases:
                checks.setdefault(lang, []).append((avoid_pattern(phrase), tm))
        for lang, name in tm.term.items():
            names.setdefault(lang, []).append(name)
    known = {
        lang: re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(n) for n in sorted(ns, key=len, reverse=True))
            + ")"
        )
        for lang, ns in names.items()
        if ns
    }
    out: list[tuple[Any, str]] = []
    for path in sorted(texts):
        for lang, n, line in language_lines(path, texts[path], codes):
            if lang not in checks:
                continue
            spans = [m.span() for m in known[lang].finditer(line)] if lang in known else []
            for pattern, tm in checks[lang]:
                for m in pattern.finditer(line):
                    if any(a <= m.start() and m.end() <= b for a, b in spans):
                        continue
                    out.append(
                        (
                            Loc(path, n),
                            f"'{m.group(0)}' is not the glossary's term: write "
                            f"'{tm.term[lang]}' (one term, one concept; see term '{tm.id}')",
                        )
                    )
    return out


@pytest.mark.build  # the whole flagship, checked
def test_same_findings_as_the_plain_scan_on_the_flagship_with_planted_words() -> None:
    problems = Problems()
    raw = load(ROOT / "content", problems, base=ROOT)
    content = validate(raw, raw.texts, problems, load_ui())
    assert content is not None
    terms, codes = content.terms, content.site.codes
    texts = dict(raw.texts)
    planted = 0
    for lang in codes:
        lines = []
        for tm in terms:
            for phrase in tm.avoid.get(lang, ()):
                inflected = " ".join(w + "ах" for w in phrase.split())
                name = tm.term[lang]
                # alone, inflected, twice in a row, glued to a word, inside a term name
                lines.append(
                    f"{phrase}. {inflected}, {phrase} {phrase}; x{phrase} "
                    f"«{name} {phrase}» {phrase}-{phrase}"
                )
                planted += 1
        texts[f"content/topics/planted/{lang}.md"] = "\n".join(lines)
    assert planted >= 10
    got = term_consistency(texts, terms, codes)
    want = reference(texts, terms, codes)
    assert [(str(loc), msg) for loc, msg in got] == [(str(loc), msg) for loc, msg in want]
    assert len(got) > 3 * planted  # the planted words were found


def test_masking_by_the_longest_term_name_at_a_place() -> None:
    a = Term(
        "a", {"ru": "Верховный Суд"}, {"ru": "x"}, (), (), Loc("g.yml", 1), {}, {"ru": ("Верховн",)}
    )
    b = Term(
        "b",
        {"ru": "Верховный Суд Республики"},
        {"ru": "x"},
        (),
        (),
        Loc("g.yml", 2),
        {},
        {"ru": ("Суд Республ",)},
    )
    texts = {"t/ru.md": "Верховный Суд Республики; Суд Республики; Верховного суда"}
    got = [msg.split("'")[1] for _, msg in term_consistency(texts, [a, b], ("ru",))]
    assert got == ["Верховного", "Суд Республики"]
    assert got == [msg.split("'")[1] for _, msg in reference(texts, [a, b], ("ru",))]


def test_first_words_look_up_words_not_phrases() -> None:
    """A thousand phrases whose first word is not in the line give no candidate at all:
    the scan does not try each phrase at each place."""
    index = _FirstWords([f"слово{i} другое" for i in range(1000)] + ["суд присяжн"])
    line = "Это суды присяжных и суд, но не слово."
    assert index.candidates(line) == [(4, 1000), (21, 1000)]


def test_names_trie_takes_the_longest_name_at_each_place() -> None:
    names = _Names(
        [f"сот билігі {i}" for i in range(1000)] + ["сот", "Жоғары Сот Кеңесі", "«цитата»"]
    )
    line = "сот билігі 12 және соттар; Жоғары Сот Кеңесі, «цитата» сот билігі"
    assert [line[a:b] for a, b in names.spans(line)] == [
        "сот билігі 12",
        "сот",
        "Жоғары Сот Кеңесі",
        "«цитата»",
        "сот",
    ]
