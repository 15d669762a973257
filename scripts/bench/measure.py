"""Step 1 of the benchmark: measure the stages of a flagship build (cold, warm, memory), the
generator on synthetic content at several scales, MkDocs at the site scales, an incremental
rebuild and, with ``--before REV``, an older revision's generator; write it all as JSON.

``PYTHONPATH=scripts python -m bench.measure --json measure.json`` (``make bench`` runs it
through :mod:`bench.__main__`); :mod:`bench.report` turns the JSON into tables.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import views
from bench.common import (
    GENERATOR_STAGES,
    LANGS,
    ROOT,
    SITE_STAGES,
    child_env,
    clean,
    counts_of,
    explainer_cmd,
    flagship_project,
    machine,
    median_runs,
    run_child,
    run_step,
    synth_project,
    timed,
    tree_size,
)

# -- sizes -------------------------------------------------------------------------------


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
    # And one more: which pages were reused, and is the result a cold build's, byte for byte?
    md.write_text(original + "\nТағы бір абзац.\nЖәне тағы бір.\n", encoding="utf-8")
    check = reuse_check(root, env)
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
        **check,
    }


REUSED_RE = re.compile(r"Reusing (\d+) of (\d+) pages of '(\w+)'")
NAV_RE = re.compile(r"The navigation of '(\w+)' changed")


def outputs(root: Path) -> dict[str, bytes]:
    """site/ and the offline zip."""
    return {
        **{f"site/{k}": v for k, v in snapshot(root / "site").items()},
        **{f"dist/{p.name}": p.read_bytes() for p in sorted((root / "dist").glob("*.zip"))},
    }


def reuse_check(root: Path, env: dict[str, str]) -> dict[str, Any]:
    """An incremental ``explainer build --strict -v`` (its log says what each language
    build reused), then a cold build of the same content: the files that differ."""
    proc = subprocess.run(
        explainer_cmd(root, "build", "--strict", "-v"), cwd=root, env=env, capture_output=True
    )
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"bench: the incremental build failed:\n{err[-2000:]}")
    reused: dict[str, list[list[int]]] = {}
    for n, total, lang in REUSED_RE.findall(err):
        reused.setdefault(lang, []).append([int(n), int(total)])
    for lang in NAV_RE.findall(err):  # every page of it rendered again after all
        reused[lang] = [[0, t] if [n, t] == max(reused[lang]) else [n, t] for n, t in reused[lang]]
    incremental = outputs(root)
    for name in ("docs", "site"):
        shutil.rmtree(root / name, ignore_errors=True)
    for p in (root / "dist").glob("*offline*"):  # the handout cache stays
        p.unlink()
    timed(explainer_cmd(root, "build", "--strict"), root, env)
    cold = outputs(root)
    differ = sorted(k for k in set(cold) | set(incremental) if cold.get(k) != incremental.get(k))
    return {"reused": reused, "differ_from_cold": differ}


# -- before/after ------------------------------------------------------------------------


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
    # the revision's own overrides/ too: its handouts read the shipped fonts from beside the
    # package (overrides/assets/fonts), not from the project
    overrides = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "overrides"], capture_output=True
    )
    if overrides.returncode == 0:
        subprocess.run(["tar", "-x", "-C", str(dest)], input=overrides.stdout, check=True)
    for parent in ("src", "scripts"):
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, f"{parent}/explainer"], capture_output=True
        )
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
            return dest / parent
    return None


BEFORE_NOTE = """\
"before" is the generator of revision `{rev}` (run from `git archive` of that revision, on \
the same content, interleaved with "after" in the same run)."""


# -- the run -----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reps", type=int, default=3, help="repetitions of flagship runs (median)")
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
    p.add_argument(
        "--content",
        help="the content measured (default: the repo's content/; a small one, such as "
        "tests/cases/basic/content, checks the benchmark itself in a few minutes)",
    )
    p.add_argument("--work", help="work folder (default: a temporary folder, removed)")


def before_after(
    args: argparse.Namespace,
    work: Path,
    projects: dict[int, Path],
    site_scales: list[int],
    content: Path | None,
    log: Callable[[str], None],
) -> dict[str, Any] | None:
    """Revision ``args.before`` against this tree, interleaved, at each of
    ``args.before_scales`` (the whole build where the scale is built with MkDocs, else the
    generator's stages); ``None`` if that revision is unknown or cannot build the content."""
    tree = before_tree(args.before, work)
    if tree is None:
        log(f"revision {args.before} not found: no before/after")
        return None
    rows: list[dict[str, Any]] = []
    for scale in (int(x) for x in args.before_scales.split(",")):
        proj = projects.get(scale) or synth_project(work / f"s{scale}", scale, content)[0]
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
    if not rows:
        return None
    return {"rev": args.before, "rows": rows, "note": BEFORE_NOTE.format(rev=args.before[:12])}


def measure(args: argparse.Namespace, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Every measurement but the peers', as the report reads it."""
    content = Path(args.content).resolve() if args.content else None
    r: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "reps": args.reps,
    }
    started = time.perf_counter()
    # 1. Flagship stages, cold and warm; memory.
    flag = flagship_project(work / "flagship", content)
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
    f["views"] = views.page_views(flag)
    log("flagship page views done")
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
    site_scales = [1] + [int(x) for x in args.site_scales.split(",") if x]
    r["scale"] = []
    r["scale_site"] = []
    projects: dict[int, Path] = {1: flag}
    for scale in (int(x) for x in args.scales.split(",")):
        if scale == 1:
            proj, synth_s = synth_project(work / "s1", 1, content)
        else:
            proj, synth_s = synth_project(work / f"s{scale}", scale, content)
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

    # 3. MkDocs at scale (the peers are bench.peers').
    for scale in site_scales:
        if scale == 1:
            continue
        proj = projects.get(scale) or synth_project(work / f"s{scale}", scale, content)[0]
        projects[scale] = proj
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
                # the generator's share of this build, beside the peers in the report
                "generator_seconds": sum(st[n]["seconds"] for n in GENERATOR_STAGES[1:]),
                "generator_cpu": sum(st[n]["cpu"] for n in GENERATOR_STAGES[1:]),
            }
        )
        log(f"scale {scale}: mkdocs {st['mkdocs']['seconds']:.1f}s")
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
    inc = incremental(flagship_project(work / "incremental", content), args.reps, log)
    inc["note"] = (
        "The generator regenerates every page in memory and the write stage rewrites only "
        "the files whose bytes changed; MkDocs renders again only the pages whose inputs "
        "changed (engine/reuse.py) and takes the others from the previous site and bundle."
    )
    r["incremental"] = inc

    # 5. Before/after.
    if args.before:
        before = before_after(args, work, projects, site_scales, content, log)
        if before:
            r["before"] = before
    r["measure_seconds"] = time.perf_counter() - started
    return r


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--json", required=True, help="the JSON file to write")
    add_arguments(p)
    return run_step("measure", measure, p.parse_args(argv), argv)


if __name__ == "__main__":
    sys.exit(main())
