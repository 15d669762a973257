"""The offline bundle's MkDocs build runs in another process beside the site build (issue 17
item 2): the outputs are the same bytes as one process building both, and run to run."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run_cli, snapshot


def outputs(root: Path) -> dict[str, bytes]:
    return {
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
        **{f"dist/{k}": v for k, v in snapshot(root / "dist").items() if k.endswith(".zip")},
    }


def test_parallel_build_gives_the_bytes_of_one_process(basic: Path) -> None:
    runs = []
    for jobs in ("2", "2", "1"):  # --jobs 1: both builds in this process, one after the other
        for folder in ("site", "dist", "docs"):
            shutil.rmtree(basic / folder, ignore_errors=True)
        r = run_cli(basic, "build", "--strict", "--jobs", jobs)
        assert r.code == 0, r.err
        runs.append(outputs(basic))
    assert any(k.endswith("-offline.zip") for k in runs[0])
    assert runs[0] == runs[1] == runs[2]


def test_a_failing_offline_build_fails_the_build(basic: Path) -> None:
    (basic / "mkdocs.offline.yml").write_text(
        (basic / "mkdocs.offline.yml").read_text(encoding="utf-8")
        + "\nmarkdown_extensions:\n  - no_such_extension\n",
        encoding="utf-8",
    )
    r = run_cli(basic, "build", "--strict", "--jobs", "2")
    assert r.code == 1
    assert "mkdocs build failed" in r.err and "no_such_extension" in r.err
    assert not (basic / "site").exists()
