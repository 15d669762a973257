from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from explainer.tools import pageweight, project

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@dataclass
class Run:
    code: int
    out: str
    err: str


# -- markers: build, browser, pdf (pyproject.toml); `make test-fast` runs the tests with none --

MARK_BY_FIXTURE = {
    "built_flagship": "build",
    "playwright": "browser",
    "built_charter": "pdf",  # tests/test_second_explainer.py: the charter has handouts
    # the flagship checked whole, in-process (tens of seconds each)
    "tests/test_handouts.py::model": "build",
    "tests/test_handouts.py::addressed": "build",
    "tests/test_timeline.py::flagship": "build",
}
"""A test that uses one of these fixtures (``module::name`` for one module's fixture),
directly or through another fixture (``server``, ``browser``, ``page``…), or names one as a
parameter (for ``request.getfixturevalue``), gets the marker. ``built_flagship``,
``playwright``, a check of the flagship (``Project.at`` of the repo, ``run_cli`` in it) and
a build that renders handout PDFs fail a test that reaches them unmarked."""

SLOW_MARKS = ("build", "browser", "pdf")

_current: list[pytest.Item] = []
"""The test being set up or run (for :func:`run_cli`'s check)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        info = getattr(item, "_fixtureinfo", None)
        for name, defs in info.name2fixturedefs.items() if info else ():
            names |= {f"{d.baseid}::{name}" for d in defs if d.baseid}
        callspec = getattr(item, "callspec", None)
        if callspec is not None:
            names |= {v for v in callspec.params.values() if isinstance(v, str)}
        for fixture, mark in MARK_BY_FIXTURE.items():
            if fixture in names:
                item.add_marker(mark)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _current[:] = [item]


def _require_mark(mark: str, what: str) -> None:
    """Fail the current test if it lacks ``mark`` (it reached a slow fixture some other way)."""
    if _current and not _current[0].get_closest_marker(mark):
        pytest.fail(
            f"{_current[0].nodeid} {what} but is not marked {mark}: mark it "
            f"@pytest.mark.{mark} (so that `make test-fast` leaves it out)",
            pytrace=False,
        )


def _renders_pdfs_unmarked(root: Path, since: float) -> str | None:
    """The test that just rendered handout PDFs under ``root`` without a slow marker."""
    if not _current or any(_current[0].get_closest_marker(m) for m in SLOW_MARKS):
        return None
    fresh = [p for p in (root / "dist").rglob("*.pdf") if p.stat().st_mtime >= since]
    return _current[0].nodeid if fresh else None


@pytest.fixture(scope="session", autouse=True)
def _flagship_checks_are_marked() -> Iterator[None]:
    """``Project.at`` of the repo itself (a check of the whole flagship) needs ``build``."""
    from explainer import pipeline

    at = pipeline.Project.at

    def guarded(root: Path, *args: object, **kwargs: object) -> pipeline.Project:
        if Path(root).resolve() == ROOT:
            _require_mark("build", "checks the whole flagship")
        return at(root, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline.Project, "at", staticmethod(guarded))
        yield


def run_cli(root: Path, *args: str) -> Run:
    if root.resolve() == ROOT:
        _require_mark("build", "runs the CLI on the whole flagship")
    start = time.time() - 1
    proc = subprocess.run(
        [sys.executable, "-m", "explainer.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
    )
    unmarked = _renders_pdfs_unmarked(root, start)
    if unmarked:
        pytest.fail(
            f"{unmarked} renders handout PDFs: mark it @pytest.mark.pdf (so that "
            "`make test-fast` leaves it out)",
            pytrace=False,
        )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_project(dest: Path, content: Path) -> Path:
    """A throwaway project: the given content plus the repo's MkDocs configs and overrides
    (:func:`explainer.tools.project.make_project`, which the benchmark and synth use too)."""
    return project.make_project(dest, content, source=ROOT)


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    """A copy of the small fixture project, not yet built."""
    return make_project(tmp_path / "basic", CASES / "basic" / "content")


@pytest.fixture(scope="session")
def built_basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture, built once per session (read-only for tests)."""
    root = make_project(tmp_path_factory.mktemp("built") / "basic", CASES / "basic" / "content")
    r = run_cli(root, "build", "--strict")
    assert r.code == 0, r.err
    return root


@pytest.fixture(scope="session")
def built_flagship(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flagship content, built once per session in a temp dir (never in the repo)."""
    _require_mark("build", "uses the built flagship")
    root = make_project(tmp_path_factory.mktemp("flagship") / "p", ROOT / "content")
    r = run_cli(root, "build", "--strict")
    assert r.code == 0, r.err
    return root


# -- a real browser (Debian's chromium driven by Playwright), and the built site served --------

# Debian's Chromium and the flags that keep it off the network: one definition, shared with
# the benchmark's page-weight step
CHROMIUM, ARGS = pageweight.CHROMIUM, pageweight.CHROMIUM_ARGS


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_flagship: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(built_flagship / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright driver per run (a second one cannot start beside it)."""
    assert Path(CHROMIUM).exists(), "chromium is missing: run `make system`"
    _require_mark("browser", "drives the browser")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()
