"""The validator stays in small modules (issue 12 item 4): none over 400 lines, and the
list-of-mappings loop is written once (``Fields.each_mapping`` / ``each_item``)."""

from __future__ import annotations

from .conftest import ROOT

VALIDATE = ROOT / "src/explainer/validate"
MAX_LINES = 400


def test_no_validation_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in VALIDATE.glob("*.py")}
    assert len(sizes) >= 8  # the split happened: fields, settings, records, crossrefs, …
    assert {k: n for k, n in sizes.items() if n > MAX_LINES} == {}


def test_the_list_loop_is_written_once() -> None:
    pasted = {
        p.name: p.read_text(encoding="utf-8").count(".item_locs") for p in VALIDATE.glob("*.py")
    }
    assert {k: n for k, n in pasted.items() if n} == {"fields.py": 1}
