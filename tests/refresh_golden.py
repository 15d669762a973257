"""Refresh the golden files on purpose: `make golden` (then review `git diff tests/golden`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.pipeline import Project, check

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
GOLDEN = ROOT / "tests" / "golden"


def generated(case: str) -> dict[str, bytes]:
    root = CASES / case
    return check(Project.at(root), strict=True).files


def main() -> None:
    for case in sorted(p.name for p in CASES.iterdir() if p.is_dir()):
        out = GOLDEN / case
        shutil.rmtree(out, ignore_errors=True)
        for rel, data in generated(case).items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
        print(f"refreshed {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
