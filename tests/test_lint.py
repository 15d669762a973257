"""The code passes ruff (lint and format) and mypy, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_ruff_check_passes() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "scripts", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_merge_conflict_markers() -> None:
    """A merge left conflict markers in a stylesheet once, and nothing else noticed."""
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    bad = []
    for name in files:
        path = ROOT / name
        if path.suffix in {".pdf", ".png", ".zip", ".jar"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(text.split("\n"), 1):
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
                bad.append(f"{name}:{n}")
    assert bad == []


def test_ruff_format_check_passes() -> None:
    """The code is formatted by ``ruff format`` (the one formatting commit is in
    ``.git-blame-ignore-revs``)."""
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "src", "scripts", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_passes() -> None:
    """The package type-checks: ``mypy`` with the ``[tool.mypy]`` settings of pyproject.toml
    (``files = src/explainer``) reports no error."""
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""
