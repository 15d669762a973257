#!/usr/bin/env python3
"""Measure the site's search on a fixed query set, side by side with Material's default search.

Runs the real search code of the built site: Material for MkDocs' search worker
(``assets/javascripts/workers/search.*.min.js``) executed in Node (scripts/search_worker_node.js)
with the lunr language files it loads, on each language's own search index. Two variants:

* **Ata Zan** — the site as built: the search worker its pages start (``__config.search``:
  ``explainer-search.js``, which runs Material's worker with query-word stemming and the
  every-word ranking), its index settings and its lunr files (Kazakh stemmer and folding);
* **Material default** — the same index documents with the search settings Material ships for
  that language (its ``partials/languages/<lang>.html``, English where Material has no such
  file, as for Kazakh) and Material's own, unmodified lunr files.

Per language it reports recall@5 (an expected page among the first five result pages), MRR,
the share of queries with no result at all, the precision traps passed, and how many result
pages belong to another language (checked against the ``<html lang>`` of the page file); and
recall@5 and MRR per kind of query (inflected, multiword, folded). A query none of whose
expected pages is in the built index (an article not written yet) is counted as "not built"
and not scored.

    .venv/bin/python scripts/search_eval.py [--site site] [--queries tests/search/queries.yml]
                                            [--json] [--details] [--lang kk] [--kind folded]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "search_worker_node.js"
TOP = 5


@dataclass
class Query:
    lang: str
    q: str
    kind: str
    expect: list[str]
    forbid: list[str]


@dataclass
class Score:
    language: str
    variant: str
    queries: int = 0
    hits: int = 0
    reciprocal: float = 0.0
    zero: int = 0
    traps: int = 0
    traps_passed: int = 0
    other_language: int = 0
    unbuilt: int = 0
    precision: float = 0.0
    """sum over scored queries of the share of the first five result pages that are expected"""
    results: int = 0
    """result pages of all scored queries"""
    kinds: dict[str, list[float]] = field(default_factory=dict)
    """kind -> [queries, hits, sum of reciprocal ranks]"""
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, object]:
        n = self.queries or 1
        return {
            "language": self.language,
            "variant": self.variant,
            "queries": self.queries,
            "recall_at_5": round(self.hits / n, 3),
            "mrr": round(self.reciprocal / n, 3),
            "zero_result_rate": round(self.zero / n, 3),
            "precision_at_5": round(self.precision / n, 3),
            "results_per_query": round(self.results / n, 1),
            "traps": self.traps,
            "traps_passed": self.traps_passed,
            "other_language": self.other_language,
            "not_built": self.unbuilt,
            "kinds": {
                kind: {
                    "queries": int(q),
                    "recall_at_5": round(h / q, 3),
                    "mrr": round(r / q, 3),
                }
                for kind, (q, h, r) in sorted(self.kinds.items())
            },
            "misses": self.misses,
        }


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(
            lang=x["lang"],
            q=x["q"],
            kind=x.get("kind", "inflected"),
            expect=list(x.get("expect") or []),
            forbid=list(x.get("not") or []),
        )
        for x in data["queries"]
    ]


def language_root(site: Path, lang: str) -> Path:
    """The folder of one language's build: ``site/<lang>/`` or, for the default, ``site/``."""
    nested = site / lang
    return nested if (nested / "search" / "search_index.json").is_file() else site


def material_lunr() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr"


def material_settings(lang: str) -> dict[str, object]:
    """The search settings Material for MkDocs ships for ``lang`` (English as the fallback)."""
    folder = Path(material_lunr()).parent.parent.parent / "partials" / "languages"

    def read(code: str) -> dict[str, str]:
        path = folder / f"{code}.html"
        if not path.is_file():
            return {}
        pairs = re.findall(
            r'"search\.config\.(\w+)":\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")
        )
        return {k: json.loads(f'"{v}"') for k, v in pairs}

    found = {**read("en"), **read(lang)}
    lang_code = found.get("lang", "en")
    if not (material_lunr() / "min" / f"lunr.{lang_code}.min.js").is_file():
        lang_code = "en"
    return {
        "lang": [lang_code],
        "pipeline": [x for x in re.split(r"\s*,\s*", found.get("pipeline", "").strip()) if x],
        "separator": found.get("separator", r"[\s\-]+"),
    }


def page_worker(root: Path) -> str:
    """The search worker the built pages start (``__config.search`` of the home page), as a
    path with the query string the page gives it."""
    html = (root / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)
    if not match:
        raise SystemExit(f"search_eval: {root / 'index.html'}: no __config")
    url = json.loads(match.group(1))["search"]
    path, _, query = url.partition("?")
    return str((root / path).resolve()) + (f"?{query}" if query else "")


def load_index(root: Path) -> dict[str, object]:
    """A language's search index: ``search/search_index.json`` (hosted) or the
    ``search/search_index.js`` the offline bundle inlines (``var __index = {...}``)."""
    hosted = root / "search" / "search_index.json"
    if hosted.is_file():
        return json.loads(hosted.read_text(encoding="utf-8"))
    text = (root / "search" / "search_index.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{") :])


def page_of(location: str) -> str:
    """A result location in the hosted form: ``articles/76.html`` (offline) is ``articles/76/``."""
    location = re.sub(r"(^|/)index\.html$", r"\1", location)
    return re.sub(r"\.html$", "/", location)


def site_results(root: Path, queries: list[str]) -> list[list[str]]:
    """The result pages of each query in one language build (hosted or offline), as the
    search dialog of its pages lists them: its own worker, lunr files and index."""
    worker = page_worker(root)
    lunr = Path(worker.split("?")[0]).parent.parent / "lunr"
    results = run_worker(worker, lunr, load_index(root), queries)
    return [[page_of(p[0]) for p in pages] for pages in results]


def run_worker(
    worker: str, lunr: Path, index: dict[str, object], queries: list[str]
) -> list[list[list[str]]]:
    node = shutil.which("node")
    if not node:
        raise SystemExit("search_eval: node is not installed (scripts/install-system-deps.sh)")
    payload = {"worker": worker, "lunr": str(lunr), "index": index, "queries": queries}
    proc = subprocess.run(
        [node, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        raise SystemExit(f"search_eval: the search worker failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def page_language(root: Path, location: str) -> str | None:
    """``<html lang>`` of the page a result links to (relative to its language root)."""
    path = root / location
    path = path / "index.html" if location == "" or location.endswith("/") else path
    if not path.is_file():
        return None
    match = re.search(r'<html[^>]*\slang="([^"]+)"', path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def evaluate(site: Path, queries: list[Query]) -> list[Score]:
    scores: list[Score] = []
    languages = sorted({q.lang for q in queries}, key=lambda x: [q.lang for q in queries].index(x))
    for lang in languages:
        root = language_root(site, lang)
        built = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        site_worker = page_worker(root)
        # the assets every language shares (at the site's root) or the language's own
        assets = Path(site_worker.split("?")[0]).parent.parent
        workers = sorted((assets / "workers").glob("search.*.min.js"))
        if not workers:
            raise SystemExit(f"search_eval: no search worker under {assets}")
        built_pages = {d["location"].split("#")[0] for d in built["docs"]}
        mine = [q for q in queries if q.lang == lang]
        variants = {
            "Ata Zan": (site_worker, assets / "lunr", built["config"]),
            "Material default": (
                str(workers[0]),
                material_lunr(),
                {**built["config"], **material_settings(lang)},
            ),
        }
        for variant, (worker, lunr, config) in variants.items():
            results = run_worker(
                worker, lunr, {"config": config, "docs": built["docs"]}, [q.q for q in mine]
            )
            score = Score(lang, variant)
            for query, pages in zip(mine, results, strict=True):
                locations = [p[0] for p in pages]
                score.other_language += sum(
                    1 for loc in locations if page_language(root, loc) != lang
                )
                top = locations[:TOP]
                if query.kind == "language":
                    continue
                if query.expect and not set(query.expect) & built_pages:
                    score.unbuilt += 1
                    continue
                if query.kind == "trap":
                    score.traps += 1
                    ok = (
                        not locations
                        if not query.expect and not query.forbid
                        else not set(top) & set(query.forbid)
                        and (not query.expect or bool(set(top) & set(query.expect)))
                    )
                    score.traps_passed += ok
                    if not ok:
                        score.misses.append(f"trap {query.q!r}: {top}")
                    continue
                score.queries += 1
                score.results += len(locations)
                if top:
                    score.precision += len(set(top) & set(query.expect)) / len(top)
                if not locations:
                    score.zero += 1
                rank = next((i + 1 for i, loc in enumerate(locations) if loc in query.expect), 0)
                if rank:
                    score.reciprocal += 1 / rank
                kind = score.kinds.setdefault(query.kind, [0, 0, 0.0])
                kind[0] += 1
                kind[2] += 1 / rank if rank else 0.0
                if rank and rank <= TOP:
                    score.hits += 1
                    kind[1] += 1
                else:
                    score.misses.append(f"{query.q!r}: rank {rank or '-'}, top {top}")
            scores.append(score)
    return scores


def table(scores: list[Score]) -> str:
    lines = [
        "| language | search | queries | recall@5 | MRR | P@5 | results per query "
        "| zero results | traps passed | other-language results | not built |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        r = s.row()
        lines.append(
            f"| {s.language} | {s.variant} | {s.queries} | {r['recall_at_5']:.2f} "
            f"| {r['mrr']:.2f} | {r['precision_at_5']:.2f} | {r['results_per_query']:.1f} "
            f"| {r['zero_result_rate']:.2f} "
            f"| {s.traps_passed}/{s.traps} | {s.other_language} | {s.unbuilt} |"
        )
    lines += [
        "",
        "| language | kind | search | queries | recall@5 | MRR |",
        "|---|---|---|---:|---:|---:|",
    ]
    languages = list(dict.fromkeys(s.language for s in scores))
    for lang in languages:
        mine = [s for s in scores if s.language == lang]
        kinds = list(dict.fromkeys(k for s in mine for k in s.kinds))
        for kind in kinds:
            for s in mine:
                k = s.row()["kinds"].get(kind)  # type: ignore[union-attr]
                if k:
                    lines.append(
                        f"| {lang} | {kind} | {s.variant} | {k['queries']} "
                        f"| {k['recall_at_5']:.2f} | {k['mrr']:.2f} |"
                    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search" / "queries.yml")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="list the missed queries")
    parser.add_argument("--lang", action="append", help="only queries in this language")
    parser.add_argument("--kind", action="append", help="only queries of this kind")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "search_index.json").is_file():
        print(f"search_eval: {args.site}: no built site (run `make site`)", file=sys.stderr)
        return 1
    queries = [
        q
        for q in load_queries(args.queries)
        if (not args.lang or q.lang in args.lang) and (not args.kind or q.kind in args.kind)
    ]
    scores = evaluate(args.site, queries)
    if args.json:
        print(json.dumps([s.row() for s in scores], ensure_ascii=False, indent=2))
        return 0
    print(table(scores))
    if args.details:
        for s in scores:
            for miss in s.misses:
                print(f"{s.language} / {s.variant}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
