"""The code passes ruff (lint), as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_ruff_check_passes() -> None:
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "scripts", "tests"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
