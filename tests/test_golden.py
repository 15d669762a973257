"""Golden files: the generated Markdown of each fixture, compared exactly.

Refresh on purpose with `make golden`, then review `git diff tests/golden`."""

from __future__ import annotations

import pytest

from .refresh_golden import CASES, GOLDEN, generated

CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_NAMES)
def test_generated_markdown_matches_golden(case: str) -> None:
    files = generated(case)
    golden_dir = GOLDEN / case
    expected = {
        str(p.relative_to(golden_dir)): p.read_bytes()
        for p in sorted(golden_dir.rglob("*"))
        if p.is_file()
    }
    assert expected, f"no golden files for {case}: run `make golden`"
    assert sorted(files) == sorted(expected)
    for rel in sorted(files):
        assert files[rel].decode() == expected[rel].decode(), rel


def test_there_is_at_least_one_case() -> None:
    assert "basic" in CASE_NAMES
