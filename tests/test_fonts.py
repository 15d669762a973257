"""The shipped font: the files are the ones recorded, and every weight draws Kazakh."""

from __future__ import annotations

import hashlib

import pytest

from explainer.text import fonts


def test_font_files_match_their_recorded_hashes() -> None:
    recorded = {}
    for line in (fonts.FONT_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        recorded[name] = digest
    expected = {p.name for w in fonts.WEIGHTS for p in fonts.files(w)}
    assert set(recorded) == expected
    for name, digest in recorded.items():
        assert hashlib.sha256((fonts.FONT_DIR / name).read_bytes()).hexdigest() == digest, name
    assert "SIL Open Font License" in (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("weight", fonts.WEIGHTS)
def test_every_weight_has_every_kazakh_letter(weight: int) -> None:
    have = fonts.coverage(weight)
    assert [c for c in fonts.KAZAKH if ord(c) not in have] == []
    assert all(ord(c) in have for c in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCxyz0123456789«»—")


def test_widths_come_from_the_font() -> None:
    # "ш" is wider than "і" in Noto Sans; an unknown character counts as the widest glyph
    assert fonts.text_width("ш", 10) > fonts.text_width("і", 10) > 0
    assert fonts.text_width("\U0001f600", 10) >= fonts.text_width("ш", 10)
    assert fonts.text_width("Сот", 13, 700) > fonts.text_width("Сот", 13, 400)


def test_stylesheet_declares_every_shipped_file() -> None:
    css = (fonts.FONT_DIR.parent / "stylesheets" / "explainer.css").read_text(encoding="utf-8")
    for w in fonts.WEIGHTS:
        for p in fonts.files(w):
            assert f'url("../fonts/{p.name}")' in css
    assert '--md-text-font: "Noto Sans"' in css
