"""'X ([[term:id]])' reads 'X (X)': --strict refuses a term reference in brackets right after
the words it shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer import pipeline
from explainer.model import Event, Term
from explainer.problems import ContentError, Loc
from explainer.validate.textcheck import doubled_term_refs

from .conftest import CASES

CODES = ("kk", "ru", "en")
TERMS = [
    Term(
        "judicial-independence",
        {
            "kk": "судьялардың тәуелсіздігі",
            "ru": "независимость судей",
            "en": "judicial independence",
        },
        {},
        (),
        (),
        Loc("g.yml", 1),
    ),
    Term(
        "administrative-justice",
        {
            "kk": "әкімшілік әділет",
            "ru": "административная юстиция",
            "en": "administrative justice",
        },
        {},
        (),
        (),
        Loc("g.yml", 9),
    ),
    Term("jurors", {"kk": "алқабилер", "ru": "присяжные", "en": "jurors"}, {}, (), (), Loc("g", 1)),
]


def found(text: str, path: str = "content/topics/t/en.md") -> list[str]:
    return [f"{loc.line}: {msg}" for loc, msg in doubled_term_refs({path: text}, TERMS, CODES)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "content/topics/t/en.md",
            "This is judicial independence ([[term:judicial-independence]]).",
        ),
        ("content/topics/t/en.md", "Judicial\nindependence ([[term:judicial-independence]])."),
        (
            "content/topics/t/ru.md",
            "Задача административной юстиции ([[term:administrative-justice]])",
        ),
        ("content/topics/t/kk.md", "Әкімшілік әділеттің ([[term:administrative-justice]]) міндеті"),
        ("content/topics/t/en.md", "with jurors ([[term:jurors|jurors]])"),
        # the term a few words before its bracket still reads twice
        (
            "content/topics/t/kk.md",
            "Бұл — судьялардың тәуелсіздігі қағидаты ([[term:judicial-independence]]).",
        ),
        ("content/topics/t/kk.md", "алқабилер қатысатын сот қарайды ([[term:jurors]])"),
        (
            "content/topics/t/en.md",
            "judicial independence, so called ([[term:judicial-independence]])",
        ),
    ],
)
def test_same_words_before_the_bracket_are_found(path: str, text: str) -> None:
    assert len(found(text, path)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "This is the principle of judicial independence: [[term:judicial-independence]].",
        "The principle ([[term:judicial-independence]]) says so.",
        "specialised interdistrict administrative courts ([[term:administrative-justice]])",
        "a court with jurors ([[term:jurors|jury trial]])",
        "jurors\n\n([[term:jurors]]) in the next paragraph",
        "[[term:judicial-independence|judicial independence]] is what we mean.",
        # four words between: far enough to read as a gloss
        "judicial independence in all the courts ([[term:judicial-independence]])",
        # another sentence
        "Jurors decided. The law says so ([[term:jurors]])",
        # a word like the term's but not all of it
        "обжалуется в административном порядке ([[term:administrative-justice]])",
    ],
)
def test_other_words_or_no_bracket_pass(text: str) -> None:
    assert found(text) == []


def test_yaml_text_and_line_of_the_bracket() -> None:
    text = "- id: x\n  text:\n    en: >-\n      Only jurors\n      ([[term:jurors]]) decided.\n"
    assert found(text, "content/events/x.yml") == [
        "5: 'jurors ([[term:jurors]])' shows the same words twice (\"jurors (jurors)\"): "
        "write [[term:jurors|jurors]] instead, or just [[term:jurors]]"
    ]


def test_near_repeat_names_the_words_to_link() -> None:
    text = "Осы қағида әкімшілік әділет деп аталады ([[term:administrative-justice]])."
    assert found(text, "content/topics/t/kk.md") == [
        "1: 'әкімшілік әділет деп аталады ([[term:administrative-justice]])' shows the same "
        'words twice ("әкімшілік әділет деп аталады (әкімшілік әділет)"): link the words where '
        "they stand, [[term:administrative-justice|әкімшілік әділет]], and drop the bracket"
    ]


def test_an_event_whose_title_stands_before_its_bracket() -> None:
    event = Event(
        "court-2023",
        None,  # type: ignore[arg-type]
        "courts",
        {"en": "Constitutional Court opens", "kk": "Конституциялық Сот ашылды"},
        {},
        (),
        (),
        None,
        (),
        Loc("e.yml", 1),
    )
    text = "Then the Constitutional Court opened ([[event:court-2023]]); it sat in Astana."
    assert [
        f"{loc.line}: {msg}"
        for loc, msg in doubled_term_refs({"content/topics/t/en.md": text}, TERMS, CODES, [event])
    ] == [
        "1: 'Constitutional Court opened ([[event:court-2023]])' shows the same words twice "
        '("Constitutional Court opened (Constitutional Court opens)"): write '
        "[[event:court-2023|Constitutional Court opened]] instead, or just [[event:court-2023]]"
    ]
    assert (
        doubled_term_refs(
            {"content/topics/t/en.md": "The court opened ([[event:court-2023]])."},
            TERMS,
            CODES,
            [event],
        )
        == []
    )


def test_strict_check_refuses_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CASES / "basic" / "content", content)
    en = content / "topics/courts/en.md"
    text = en.read_text(encoding="utf-8")
    old = "Term: [[term:justice]]."
    assert old in text
    en.write_text(text.replace(old, "Term: justice ([[term:justice]]).", 1), encoding="utf-8")
    project = pipeline.Project.at(tmp_path, content)
    pipeline.check(project)  # a warning: the build goes on without --strict
    with pytest.raises(ContentError) as exc:
        pipeline.check(project, strict=True)
    assert [str(p) for p in exc.value.problems] == [
        "content/topics/courts/en.md:9: warning: 'justice ([[term:justice]])' shows the same "
        'words twice ("justice (justice)"): write [[term:justice|justice]] instead, or just '
        "[[term:justice]]"
    ]
