"""The flagship explainer: counts, key dates, sources, length — read from the open data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.validate.textcheck import mixed_script_words

from .conftest import ROOT, run_cli

LANGS = ("kk", "ru", "en")
ARTICLES = [1, 2, 3, 7, 12, 13, 14, 16, 40, 41, 42, 44, 49, 72, 75, 76, 77, 79, 81, 91]
KEY_DATES = [
    "1995-08-30",
    "1995-09-05",
    "2015-04-26",
    "2022-06-05",
    "2022-09-17",
    "2026-03-15",
    "2026-07-01",
]


@pytest.fixture(scope="module")
def data(built_flagship: Path) -> dict[str, dict]:
    return {
        lang: json.loads((built_flagship / f"site/data/{lang}.json").read_text("utf-8"))
        for lang in LANGS
    }


@pytest.mark.build  # the whole flagship, checked
def test_check_strict_passes_on_the_flagship() -> None:
    r = run_cli(ROOT, "check", "--strict")
    assert r.code == 0, r.err
    assert r.err == ""


@pytest.mark.parametrize("lang", LANGS)
def test_minimum_counts(data: dict[str, dict], lang: str) -> None:
    d = data[lang]
    assert len(d["topics"]) >= 12
    assert len(d["articles"]) >= 20
    assert len(d["events"]) >= 30
    assert len(d["terms"]) >= 40
    assert all(t["translated"] for t in d["topics"])


@pytest.mark.parametrize("lang", LANGS)
def test_listed_articles_and_key_dates(data: dict[str, dict], lang: str) -> None:
    d = data[lang]
    assert set(ARTICLES) <= {a["number"] for a in d["articles"]}
    dates = {e["date"] for e in d["events"]}
    assert set(KEY_DATES) <= dates
    for e in d["events"]:
        assert e["sources"], e["id"]
        assert e["category"] in {
            "adoption",
            "amendment",
            "election",
            "courts",
            "anniversary",
            "new-constitution",
        }
    for a in d["articles"]:
        assert a["sources"] and a["history"], a["number"]
        assert a["status"] == "superseded"
        assert a["history"][-1]["date"] == "2026-07-01"


@pytest.mark.parametrize("lang", LANGS)
def test_every_topic_has_400_words(data: dict[str, dict], lang: str) -> None:
    short = {t["id"]: t["words"] for t in data[lang]["topics"] if t["words"] < 400}
    assert short == {}


def test_same_ids_in_every_language(data: dict[str, dict]) -> None:
    def ids(d: dict) -> tuple:
        return (
            [t["id"] for t in d["topics"]],
            [a["number"] for a in d["articles"]],
            [e["id"] for e in d["events"]],
            sorted(t["id"] for t in d["terms"]),
        )

    assert ids(data["kk"]) == ids(data["ru"]) == ids(data["en"])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Қазақстан Республикасi", ["Республикасi"]),  # Latin i for Kazakh і
        ("Конститyция", ["Конститyция"]),  # Latin y
        ("сот төрелігі", []),
        ("Қазақстан Республикасы, Article 75", []),
        ("ҚР Конституциясының 75 бабы", []),
    ],
)
def test_mixed_script_check(text: str, bad: list[str]) -> None:
    assert mixed_script_words(text) == bad


@pytest.mark.build  # the whole flagship, checked
def test_status_shows_counts_and_no_missing_translation() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "explainer.cli", "--root", str(ROOT), "status"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["lang", "topics", "articles", "events", "terms", "words", "missing"]
    for lang, line in zip(LANGS, lines[1:4], strict=True):
        cols = line.split()
        assert cols[0] == lang
        assert int(cols[1]) >= 12 and int(cols[2]) >= 20 and int(cols[3]) >= 30
        assert int(cols[4]) >= 40 and cols[6] == "0"
    assert "no missing translation" in r.stdout
