"""The offline bundle: the site built for ``file://``, pruned, and zipped reproducibly.

The offline build is its own MkDocs output (``mkdocs.offline.yml``: ``.html`` URLs, the
search index inlined as a script, a local ``iframe-worker`` shim). Before zipping:

- what a reader without a server or a network never uses goes: source maps, the JSON copy
  of each search index (the inlined ``search_index.js`` is what ``file://`` reads), lunr
  language files that no language of the site loads, sitemaps, 404 pages and the open-data
  export (it is on the hosted site);
- files of a language build that are byte-identical to the root build's (Material's
  JavaScript and CSS, the same in every language) are kept once, at the root, and every
  page that referred to its own copy is pointed at the root one.

The zip has one top folder, entries in sorted order, fixed timestamps (the content's
"as of" date) and fixed permissions: the same site gives the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from explainer import layout

_REF_RE = re.compile(r"""(?P<q>["'(])(?P<path>(?:\.\./|\./)*assets/[^"'()?#\s\\]+)""")
"""A relative reference to a file under ``assets/`` in an HTML attribute, inline style or
Material's ``__config`` JSON."""

_DROP_NAMES = {"sitemap.xml", "sitemap.xml.gz", "404.html"}


@dataclass
class PruneReport:
    removed: list[str] = field(default_factory=list)
    """Files removed as unused offline (relative paths)."""
    shared: list[str] = field(default_factory=list)
    """Per-language copies replaced by the root's identical file."""
    rewritten: int = 0
    """Pages whose asset references were re-pointed at the root."""


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lunr_needed(tree: Path, roots: list[str]) -> set[str]:
    """Lunr files (relative to ``assets/javascripts/lunr/``) that some language loads."""
    needed: set[str] = set()
    for root in roots:
        index = tree / root / "search" / "search_index.json"
        if not index.is_file():
            continue
        langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
        langs = [x for x in langs if x != "en"]
        if langs:
            needed.add("min/lunr.stemmer.support.min.js")
        if len(langs) > 1:
            needed.add("min/lunr.multi.min.js")
        for lang in langs:
            needed.add(f"min/lunr.{lang}.min.js")
            if lang == "ja":
                needed.add("tinyseg.js")
            if lang == "th":
                needed.add("wordcut.js")
    return needed


def prune(tree: Path, languages: list[str], default: str) -> PruneReport:
    """Make the offline tree lean (see the module's docstring). ``languages``: the codes;
    each language's build is at its root (``layout.lang_root``)."""
    report = PruneReport()
    roots = layout.lang_roots(languages, default)
    needed = _lunr_needed(tree, roots)

    def drop(rel: str) -> None:
        (tree / rel).unlink()
        report.removed.append(rel)

    for rel in _files(tree):
        root = next(r for r in sorted(roots, key=len, reverse=True) if rel.startswith(r))
        local = rel[len(root) :]
        lunr = "assets/javascripts/lunr/"
        if (
            rel.endswith(".map")
            or local in _DROP_NAMES
            or local == "search/search_index.json"
            or local.startswith(layout.DATA)
            or (local.startswith(lunr) and local[len(lunr) :] not in needed)
        ):
            drop(rel)

    shared, report.rewritten = share_assets(tree, roots)
    report.shared.extend(shared)
    return report


def share_assets(tree: Path, roots: list[str]) -> tuple[list[str], int]:
    """Keep one copy of what every language build shares: a file under a language's
    ``assets/`` that is byte-identical to the root build's goes, and every page of that
    language that referred to it is pointed at the root one. ``roots``: ``""`` first, then
    each other language's folder (``"ru/"``). Returns the files removed and the number of
    pages rewritten. Used for the offline bundle and the hosted site alike."""
    shared: list[str] = []
    rewritten = 0
    root_assets = {rel: _sha(tree / rel) for rel in _files(tree) if rel.startswith("assets/")}
    moved: dict[str, str] = {}
    for root in roots[1:]:
        for rel in _files(tree / root / "assets"):
            mine = f"{root}assets/{rel}"
            theirs = f"assets/{rel}"
            if root_assets.get(theirs) == _sha(tree / mine):
                (tree / mine).unlink()
                moved[mine] = theirs
                shared.append(mine)
    for root in roots[1:]:
        for rel in _files(tree / root):
            if not rel.endswith(".html"):
                continue
            page = f"{root}{rel}"
            text = (tree / page).read_text(encoding="utf-8")
            here = posixpath.dirname(page)

            def repoint(m: re.Match[str], here: str = here) -> str:
                target = posixpath.normpath(posixpath.join(here, m.group("path")))
                if target not in moved:
                    return m.group(0)
                return m.group("q") + posixpath.relpath(moved[target], here or ".")

            new = _REF_RE.sub(repoint, text)
            if new != text:
                (tree / page).write_text(new, encoding="utf-8")
                rewritten += 1
    _remove_empty_dirs(tree)
    return shared, rewritten


def _remove_empty_dirs(tree: Path) -> None:
    for dirpath in sorted((w[0] for w in os.walk(tree)), key=len, reverse=True):
        p = Path(dirpath)
        if p != tree and not any(p.iterdir()):
            p.rmdir()


def zip_tree(tree: Path, top: str, date: datetime.date) -> bytes:
    """A reproducible zip of ``tree`` under the folder ``top``."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        dirs: set[str] = set()
        for rel in _files(tree):
            parts = rel.split("/")[:-1]
            for i in range(len(parts) + 1):
                d = "/".join([top, *parts[:i]]) + "/"
                if d not in dirs:
                    dirs.add(d)
                    info = zipfile.ZipInfo(d, stamp)
                    info.external_attr = (0o40755 << 16) | 0x10
                    zf.writestr(info, b"")
            info = zipfile.ZipInfo(f"{top}/{rel}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (tree / rel).read_bytes(), compresslevel=9)
    return buf.getvalue()


def sizes(tree: Path) -> dict[str, int]:
    """Bytes per top-level part of the tree (for the build report and the benchmark)."""
    out: dict[str, int] = {}
    for rel in _files(tree):
        key = rel.split("/", 1)[0] if "/" in rel else "(pages at the root)"
        out[key] = out.get(key, 0) + (tree / rel).stat().st_size
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
