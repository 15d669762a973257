"""The child process of the benchmark: run the stages of one build in this process and
write their times as JSON (``python scripts/bench/stages.py --root DIR --result FILE``).

It imports nothing of the benchmark: the package it measures may be an older revision's
(``--tree``), put first on ``sys.path``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any


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
    values: dict[str, Any] = {}

    def keep(name: str, fn: Any) -> Any:
        values[name] = stage(name, fn)
        return values[name]

    built = pipeline.build(project, pipeline.BuildOptions(strict=True, stage=keep))
    report = values.get("write")  # the write stage's report (incremental: what it rewrote)
    out["docs"] = {
        "files": len(built.result.files),
        "written": getattr(report, "written", None),
        "unchanged": len(getattr(report, "unchanged", ())),
        "removed": getattr(report, "removed", None),
    }
    out["handouts"] = {
        "pdfs": len(built.handouts),
        "rendered": sorted(r.rel for r in built.handouts if not getattr(r, "cached", False)),
    }
    out["stages"].pop("swap", None)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", required=True, help="the project to build")
    p.add_argument("--result", required=True, help="the JSON file to write")
    p.add_argument("--tree", required=True, help="the folder holding the explainer package")
    p.add_argument("--upto", default="all", help="the last stage: write or all")
    p.add_argument("--mem", action="store_true", help="trace Python allocations too")
    args = p.parse_args(argv)
    # The generator to measure: this tree's, or an older revision's (``--before``);
    # it must come before this script's own folder, which Python puts first.
    sys.path.insert(0, args.tree)
    data = child(Path(args.root), args.upto, args.mem)
    Path(args.result).write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
