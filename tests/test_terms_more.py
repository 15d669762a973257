"""Glossary definitions are tooltips: one sentence of at most 30 words; ``more:`` holds the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer import pipeline
from explainer.problems import ContentError
from explainer.validate.textcheck import DEFINITION_WORDS, definition_sentences, definition_words

from .conftest import CASES, ROOT

GLOSSARY = "glossary/terms.yml"
JUSTICE_EN = "en: The hearing of cases by courts.}"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(CASES / "basic" / "content", dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(content: Path) -> pipeline.Result:
    return pipeline.check(pipeline.Project.at(content.parent, content), strict=True)


def messages(content: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        check(content)
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The hearing of cases by courts.", 6),
        ("Set by [[term:constitutional-law|a constitutional law]] (Article 62).", 7),
        ("Kept in [[term:constitution]] and [[art:91.2]].", 5),
        ("  spaced \n out  words ", 3),
    ],
)
def test_definition_words_count_what_the_reader_sees(text: str, words: int) -> None:
    assert definition_words(text) == words


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One sentence; with a clause, and (Article 76).", 1),
        ("Decree No. 2389 of 28 July 1995 (ст. 41, п. 3-1).", 1),
        ("Named after N. Nazarbayev in 2019.", 1),
        ("Согласно ст. 77 Конституции. Потом — другое.", 2),
        ("It was a court. It is not one now! Is it? Yes.", 4),
        ("Сот. «Жоғарғы Сот» болды.", 2),
    ],
)
def test_definition_sentences(text: str, sentences: int) -> None:
    assert definition_sentences(text) == sentences


def test_the_flagship_glossary_fits_in_tooltips() -> None:
    """Every definition of the real glossary passes; a longer text is in ``more:``."""
    import yaml

    files = sorted((ROOT / "content" / "glossary").glob("*.yml"))
    assert files
    longest = 0
    for f in files:
        for term in yaml.safe_load(f.read_text(encoding="utf-8")):
            for lang, text in term["definition"].items():
                assert definition_sentences(text) == 1, (term["id"], lang, text)
                longest = max(longest, definition_words(text))
    assert 20 < longest <= DEFINITION_WORDS


def test_long_definition_is_refused_under_strict(content: Path) -> None:
    long_en = " ".join(["word"] * 31)
    edit(content / GLOSSARY, JUSTICE_EN, f"en: {long_en}.}}")
    assert messages(content) == [
        "content/glossary/terms.yml:3: warning: definition of 'justice' (en) has 31 words; "
        "at most 30 — move the rest to 'more:'"
    ]


def test_two_sentences_are_refused_under_strict(content: Path) -> None:
    edit(content / GLOSSARY, JUSTICE_EN, "en: The hearing of cases. Only courts did it.}")
    assert messages(content) == [
        "content/glossary/terms.yml:3: warning: definition of 'justice' (en) has 2 sentences; "
        "one sentence — move the rest to 'more:'"
    ]


def test_exactly_thirty_words_pass(content: Path) -> None:
    edit(content / GLOSSARY, JUSTICE_EN, f"en: {' '.join(['word'] * 30)}.}}")
    check(content)


def test_more_is_on_the_glossary_page_but_not_in_tooltips(content: Path) -> None:
    edit(
        content / GLOSSARY,
        JUSTICE_EN + "\n",
        JUSTICE_EN + "\n  more:\n"
        "    kk: Толығырақ [[art:75]] қараңыз. Екінші сөйлем.\n"
        "    ru: Подробнее см. [[art:75]]. Второе предложение.\n"
        "    en: See [[art:75]] for more. A second sentence is fine here.\n",
    )
    files = check(content).files
    page = files["en/glossary.md"].decode()
    assert (
        "## justice {#justice}\n\nThe hearing of cases by courts.\n\n"
        "See [Article 75](articles/75.md) for more. A second sentence is fine here.\n"
    ) in page
    assert "Второе предложение." in (files["ru/glossary.md"].decode())
    topic = files["en/topics/courts.md"].decode()
    assert '[justice](../glossary.md#justice "The hearing of cases by courts.")' in topic
    assert "second sentence" not in topic
    assert "Второе" not in files["ru/topics/courts.md"].decode()


def test_more_is_checked_like_any_text(content: Path) -> None:
    edit(
        content / GLOSSARY,
        JUSTICE_EN + "\n",
        JUSTICE_EN + "\n  more:\n    kk: Толығырақ [[term:nope]].\n    ru: Подробнее.\n"
        "    fr: Plus.\n",
    )
    # A mapping's problems stand at its first line; unknown references in 'more' there too.
    assert messages(content) == [
        "content/glossary/terms.yml:5: warning: missing translation 'en' of 'more' in term "
        "'justice'",
        "content/glossary/terms.yml:5: unknown term 'nope' in [[term:nope]]",
        "content/glossary/terms.yml:7: unknown language 'fr' in 'more' of term 'justice' "
        "(site languages: kk, ru, en)",
    ]
