"""One term, one concept: the glossary's ``avoid`` words, found per language."""

from __future__ import annotations

import pytest

from explainer.model import Term
from explainer.problems import Loc
from explainer.validate.textcheck import avoid_pattern, language_lines, term_consistency

CODES = ("kk", "ru", "en")


def term(tid: str, names: dict[str, str], avoid: dict[str, tuple[str, ...]]) -> Term:
    return Term(tid, names, names, (), (), Loc("g.yml", 1), {}, avoid)


SUPREME = term(
    "supreme-court",
    {"kk": "Жоғарғы Сот", "ru": "Верховный Суд", "en": "Supreme Court"},
    {"kk": ("Жоғары Сот",)},
)
COUNCIL = term(
    "supreme-judicial-council",
    {"kk": "Жоғары Сот Кеңесі", "ru": "Высший Судебный Совет", "en": "Supreme Judicial Council"},
    {},
)
EARLY = term(
    "early-election",
    {"kk": "кезектен тыс сайлау", "ru": "внеочередные выборы", "en": "early election"},
    {"ru": ("досрочн выбор",), "en": ("snap election",)},
)


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("досрочн выбор", "на досрочных выборах 1999 года", "досрочных выборах"),
        ("досрочн выбор", "Досрочных выборов", None),  # letter case counts
        ("досрочн выбор", "недосрочных выборах", None),  # must start a word
        ("snap election", "a snap  elections", "snap  elections"),
        ("Жоғары Сот", "Жоғары Соттың шешімі", "Жоғары Соттың"),
    ],
)
def test_avoid_pattern(phrase: str, text: str, found: str | None) -> None:
    m = avoid_pattern(phrase).search(text)
    assert (m.group(0) if m else None) == found


def test_language_lines_follow_yaml_keys() -> None:
    text = (
        '- id: x\n  title:\n    kk: "бір"\n    ru: >-\n      два\n      три\n'
        '  sources:\n    - title: "ru: not text"\n  avoid: {ru: [два]}\n'
    )
    assert language_lines("content/events/a.yml", text, CODES) == [
        ("kk", 3, '    kk: "бір"'),
        ("ru", 4, "    ru: >-"),
        ("ru", 5, "      два"),
        ("ru", 6, "      три"),
    ]
    assert language_lines("content/topics/t/ru.md", "a\nb", CODES) == [
        ("ru", 1, "a"),
        ("ru", 2, "b"),
    ]
    assert language_lines("content/topics/t/notes.txt", "a", CODES) == []


def test_term_consistency_per_language_and_masked() -> None:
    texts = {
        "content/topics/t/kk.md": "Жоғары Сот Кеңесі судьяларды ұсынады.\nЖоғары Соттың шешімі.",
        "content/topics/t/ru.md": "Были досрочные выборы. A snap election.",
        "content/topics/t/en.md": "There was a snap election; досрочные выборы in Russian.",
    }
    got = [
        (str(loc), msg) for loc, msg in term_consistency(texts, [SUPREME, COUNCIL, EARLY], CODES)
    ]
    assert got == [
        (
            "content/topics/t/en.md:1",
            "'snap election' is not the glossary's term: write "
            "'early election' (one term, one concept; see term 'early-election')",
        ),
        (
            "content/topics/t/kk.md:2",
            "'Жоғары Соттың' is not the glossary's term: write "
            "'Жоғарғы Сот' (one term, one concept; see term 'supreme-court')",
        ),
        (
            "content/topics/t/ru.md:1",
            "'досрочные выборы' is not the glossary's term: write "
            "'внеочередные выборы' (one term, one concept; see term 'early-election')",
        ),
    ]
