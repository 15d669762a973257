"""Step 3 of the benchmark: the JSON of :mod:`bench.measure` and :mod:`bench.peers` as the
"Build benchmark" section of BENCHMARKS.md (only that section is replaced).

``PYTHONPATH=scripts python -m bench.report measure.json peers.json`` (``--out`` another
file); ``make bench`` runs it through :mod:`bench.__main__`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from bench.common import GENERATOR_STAGES, LANGS, ROOT, SITE_STAGES, read_json

SECTION = "## Build benchmark"


def combine(measured: dict[str, Any], peers: dict[str, Any]) -> dict[str, Any]:
    """One record for :func:`report`: the measurements, and the peers beside the generator's
    share of the same build (the flagship's cold stages; a site scale's full build)."""
    r = {**measured, **{k: v for k, v in peers.items() if k not in ("argv",)}}
    site = {s["scale"]: s for s in measured.get("scale_site", [])}
    rows = []
    for p in peers.get("peers", []):
        p = dict(p)
        if p["scale"] == 1:
            cold = measured["flagship"]["cold"]
            p["generator_seconds"] = sum(cold[n]["seconds"] for n in GENERATOR_STAGES[1:])
            p["generator_cpu"] = sum(cold[n]["cpu"] for n in GENERATOR_STAGES[1:])
        else:
            p["generator_seconds"] = site[p["scale"]]["generator_seconds"]
            p["generator_cpu"] = site[p["scale"]]["generator_cpu"]
        rows.append(p)
    r["peers"] = rows
    # One command (``python -m bench``) gives both the same arguments; steps run apart may not.
    r["argv"] = measured.get("argv", [])
    if peers.get("argv", r["argv"]) != r["argv"]:
        r["argv"] = [*r["argv"], "(peers:", *peers["argv"], ")"]
    r["total_seconds"] = measured.get("measure_seconds", 0) + peers.get("peers_seconds", 0)
    return r


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
        f"Produced by `make bench` (`python -m bench {' '.join(r['argv'])}`)"
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
        "Each repetition runs them one after the other on the same generated Markdown, "
        f"cold (outputs removed first); median of {r['peer_reps']} repetitions at 1×, "
        f"of {r['peer_reps_scale']} at larger scales:"
    )
    add("")
    add(
        "- **ours**: `explainer build --strict --no-offline`: check the content, generate "
        "docs/, then MkDocs with the explainer plugin — every language with its own "
        "navigation, search index and interface language; the handout PDFs come from their "
        "cache (a first build, not timed, rendered them: a MkDocs build makes no PDFs), "
        "everything else is built cold;"
    )
    add(
        "- **ours + bundle**: `explainer build --strict`, the same and the offline bundle "
        "(issue 17 item 1: at most 1.5× plain MkDocs' wall time);"
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
    if any("ours_full" in p for p in r["peers"]):
        add(
            "| content | ours ÷ plain MkDocs, CPU (goal ≤ 1.1×) | ours + bundle ÷ plain MkDocs, "
            "wall (goal ≤ 1.5×) | ours + bundle, wall | ours + bundle, CPU |"
        )
        add("|---|---:|---:|---:|---:|")
        for p in r["peers"]:
            if "ours_full" not in p:
                continue
            o, whole, pl = p["ours"], p["ours_full"], p["plain"]
            add(
                f"| {p['scale']}× | {ratio(o['cpu'], pl['cpu'])} | "
                f"{ratio(whole['seconds'], pl['seconds'])} | {sec(whole['seconds'])} | "
                f"{sec(whole['cpu'])} |"
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

    # Page views
    if f.get("views"):
        add(page_views_table(f["views"]))

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
        f"**Built site**: of its {inc['html_pages']} HTML pages, "
        f"{len(inc['site_changed_html'])} came out different — "
        + ", ".join(f"`{x}`" for x in inc["site_changed_html"][:12])
        + ("…" if len(inc["site_changed_html"]) > 12 else "")
        + "; other files that changed: "
        + (", ".join(f"`{x}`" for x in others) or "none")
        + "."
    )
    add("")
    if "reused" in inc:
        builds = "; ".join(
            f"{lang}: " + ", ".join(f"{n} of {t}" for n, t in runs)
            for lang, runs in sorted(inc["reused"].items(), key=lambda kv: LANGS.index(kv[0]))
        )
        differ = inc["differ_from_cold"]
        add(
            "**Reused** by the incremental build (pages of each language build taken from "
            f"the previous site and bundle, not rendered again; its two builds, the site and "
            f"the bundle): {builds}. "
            "The result against a cold build of the same content: "
            + (
                "**byte-identical** (site/ and the offline zip)."
                if not differ
                else f"{len(differ)} files differ: " + ", ".join(f"`{x}`" for x in differ[:8])
            )
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
        add(f"### Before and after: revision `{b['rev'][:12]}` and this tree")
        add("")
        add(b["note"])
        add("")
        add(
            "What changed between the two is in CHANGELOG.md and in BENCHMARKS.md's issue 17 "
            "section; features added since that revision are measured too (the render stage "
            "writes more since then). *speed-up* is before ÷ after."
        )
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
write stage rewrites only the files whose bytes changed. MkDocs then renders again only the \
pages whose Markdown changed (`engine/reuse.py`): a page whose Markdown, language settings \
and navigation, config, overrides and generator are those of the last build is taken from \
the previous site (and, for the offline bundle, from the previous zip) with its search \
entries; the navigation is checked after the pages are read (a changed title renders every \
page of the language again). The edited topic also changes the side-by-side pages of every \
language and the language's open-data export."""

FIRST_VIEW_GOAL = 250_000
NEXT_VIEW_GOAL = 30_000


def page_views_table(v: dict[str, Any]) -> str:
    """The page views of :mod:`bench.views`: the heaviest first and next views, hosted and
    offline, per language, against issue 17's goals."""

    def kb(n: float) -> str:
        return f"{n / 1000:.1f} kB"

    def heaviest(views: list[dict[str, Any]]) -> dict[str, Any]:
        return max(views, key=lambda x: x["transferred"])

    def without_fonts(view: dict[str, Any]) -> int:
        return int(view["transferred"]) - int(view["by_kind"].get("font", 0))

    def where(view: dict[str, Any]) -> str:
        """The page's path below the site (or below the unzipped bundle's folder)."""
        url = view["url"]
        path = url.split("://", 1)[1].split("/", 1)[1] if "://" in url else url
        return re.sub(r"^.*?-offline/", "", path) if url.startswith("file:") else path

    lines = [
        "### Page views (hosted and offline)",
        "",
        "Chromium's network log (`explainer.tools.pageweight`), on the flagship just built. "
        "**Hosted**: site/ served as a static host serves it (gzip for text, "
        "`Cache-Control: max-age=600`); *transferred* is Chromium's `encodedDataLength`, headers "
        "and compressed bodies, fonts included. A **first view** is each page type opened in "
        "a fresh profile; a **next view** is each page after the one before it in one profile "
        f"({len(v['pages'])} page types: "
        + ", ".join(f"`{p or '/'}`" for p in v["pages"])
        + "). **Offline**: the bundle unzipped and opened from `file://` in the same order; "
        "nothing is transferred there, so the bytes are those read from disk. Goals (issue 17 "
        f"item 5): a first view ≤ {kb(FIRST_VIEW_GOAL)}, a next one ≤ {kb(NEXT_VIEW_GOAL)}.",
        "",
        "A font is fetched once, by the first page that shows its letters (an English "
        "side-by-side page is the first to show Cyrillic): on a next view it is counted apart.",
        "",
        "| language | | requests (first view) | heaviest first view | heaviest next view, "
        "fonts apart | fonts on next views | failed requests |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for mode in ("hosted", "offline"):
        for lang, d in v.get(mode, {}).items():
            first = heaviest(d["first"])
            nxt = max(d["next"], key=without_fonts) if d["next"] else None
            failed = sum(len(x["failed"]) for x in d["first"] + d["next"])
            fonts = first["by_kind"].get("font", 0)
            later_fonts = sum(x["by_kind"].get("font", 0) for x in d["next"])
            lines.append(
                f"| {lang} | {mode} | {first['requests']} | {kb(first['transferred'])} "
                f"(`{where(first)}`; fonts {kb(fonts)}) | "
                + (f"{kb(without_fonts(nxt))} (`{where(nxt)}`)" if nxt else "–")
                + f" | {kb(later_fonts)} | {failed} |"
            )
    hosted = [x for d in v.get("hosted", {}).values() for x in d["first"]]
    nexts = [x for d in v.get("hosted", {}).values() for x in d["next"]]
    if hosted:
        ok_first = max(x["transferred"] for x in hosted) <= FIRST_VIEW_GOAL
        ok_next = not nexts or max(map(without_fonts, nexts)) <= NEXT_VIEW_GOAL
        lines += [
            "",
            f"Hosted, every page type and language: first view "
            f"{'within' if ok_first else '**over**'} {kb(FIRST_VIEW_GOAL)}, next view "
            f"{'within' if ok_next else '**over**'} {kb(NEXT_VIEW_GOAL)} (fonts apart).",
        ]
    lines.append("")
    return "\n".join(lines)


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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("measure", help="the JSON of bench.measure")
    p.add_argument("peers", help="the JSON of bench.peers")
    p.add_argument(
        "--out",
        default=str(ROOT / "BENCHMARKS.md"),
        help=f"report (its '{SECTION}' section is replaced; default: BENCHMARKS.md)",
    )
    args = p.parse_args(argv)
    r = combine(read_json(Path(args.measure)), read_json(Path(args.peers)))
    write_benchmarks(Path(args.out), report(r))
    print(f"report: wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
