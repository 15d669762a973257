"""The synthetic-content generator of the benchmark (scripts/synth.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

_spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts" / "synth.py")
assert _spec and _spec.loader
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "статьи 75 и 76 Конституции 1995 года", "статьи 375 и 376 Конституции 1995 года"),
        ("ru", "Согласно п. 2 ст. 75, суд", "Согласно п. 2 ст. 375, суд"),
        ("ru", "ст. 75–77 и 30 августа", "ст. 375–377 и 30 августа"),
        ("kk", "Конституцияның 75 және 76-баптары", "Конституцияның 375 және 376-баптары"),
        ("kk", "75 бабының 2 тармағына", "375 бабының 2 тармағына"),
        ("kk", "2007 жылы 41-бапқа", "2007 жылы 341-бапқа"),
        ("kk", "жаңа {2026: 43-бап} бойынша", "жаңа {2026: 43-бап} бойынша"),
        ("en", "Article 76(1) and Articles 14 and 16", "Article 376(1) and Articles 314 and 316"),
        ("en", "Art. 1 of the Constitution of 1995", "Art. 301 of the Constitution of 1995"),
        (
            "en",
            "see [[art:76.1]] and [[topic:courts|the courts]]",
            "see [[art:376.1]] and [[topic:courts-s3|the courts]]",
        ),
        ("en", "Article 120 of another law", "Article 120 of another law"),  # not 1–98
    ],
)
def test_copy_moves_citations(lang: str, text: str, expected: str) -> None:
    assert synth.Copy(3).text(text, lang) == expected


def test_copy_zero_is_the_flagship() -> None:
    text = "статья 75 [[art:75]] [[term:justice]]"
    assert synth.Copy(0).text(text, "ru") == text


def _counts(out: str) -> tuple[int, ...]:
    m = re.match(r"ok: (\d+) topics, (\d+) articles, (\d+) events, (\d+) terms in 3 languages", out)
    assert m, out
    return tuple(int(g) for g in m.groups())


@pytest.mark.build  # the whole flagship, checked
def test_scale_two_passes_strict_check_with_twice_the_flagship(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), "--scale", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    flagship = run_cli(ROOT, "check", "--strict")
    assert flagship.code == 0, flagship.err
    copied = run_cli(out, "check", "--strict")
    assert copied.code == 0, copied.err
    assert _counts(copied.out) == tuple(2 * n for n in _counts(flagship.out))
    # The copy is moved along: its own ids, articles and citations.
    kk = (out / "content" / "topics" / "judicial-power-s1" / "kk.md").read_text("utf-8")
    assert re.search(r"\[\[term:justice-s1[\]|]", kk)
    assert not re.search(r"\[\[term:justice[\]|]", kk)
    assert "175 және 176-баптарын" in kk
    art = (out / "content" / "articles" / "175.yml").read_text("utf-8")
    assert "number: 175" in art and "section: 17" in art
    # Deterministic: the same scale gives the same files.
    again = tmp_path / "again"
    synth.make_project(again, 2)
    for p in sorted((out / "content").rglob("*")):
        if p.is_file():
            assert (
                again / "content" / p.relative_to(out / "content")
            ).read_bytes() == p.read_bytes(), p


def test_handouts_follow_their_topics() -> None:
    item = {
        "id": "rights-in-court",
        "title": {"kk": "75-бап", "ru": "статья 75"},
        "topics": [{"topic": "rights-in-court", "sections": [1, 2]}, "courts"],
        "editions": ["kk", "ru"],
    }
    assert synth.handout(item, synth.Copy(2), ["kk", "ru"]) == {
        "id": "rights-in-court-s2",
        "title": {"kk": "275-бап", "ru": "статья 275"},
        "topics": [{"topic": "rights-in-court-s2", "sections": [1, 2]}, "courts-s2"],
        "editions": ["kk", "ru"],
    }
