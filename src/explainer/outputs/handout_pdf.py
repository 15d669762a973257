"""Handouts, the disk part: HTML to PDF with WeasyPrint, in parallel, with a cache.

``handouts.jobs()`` gives the HTML of every handout edition (pure). Here each one is turned
into a PDF in a pool of processes (one per core), except those whose input did not change
since the last build: the cache (``.explainer-handouts.json`` beside the PDFs) keeps, per PDF,
a hash of everything that goes into it (the HTML, which holds the text, the stylesheet and
the QR code, plus the WeasyPrint version and this module's ``RENDERER``); when the hash is
the same and the PDF on disk is still the one written, it is reused as it is. WeasyPrint's
output is deterministic (no dates, stable font subset names), so a re-rendered PDF of the same
input is byte-identical as well.

Writing goes through ``write.write_tree`` (atomic, manifest): a file the generator did not
write is never overwritten or removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TextIO

from explainer.outputs.handouts import Job
from explainer.problems import ContentError, Problem
from explainer.text import fonts
from explainer.write import WriteReport, plan_conflicts, read_manifest, write_tree

RENDERER = "2"
"""Bump when a change of this module or of WeasyPrint's settings changes the PDFs for the
same HTML (the cache would otherwise keep the old ones)."""
CACHE = ".explainer-handouts.json"


@dataclass
class Rendered:
    rel: str
    data: bytes
    pages: int
    key: str
    cached: bool
    seconds: float = 0.0


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_key(job: Job) -> str:
    """A hash of everything that makes the PDF."""
    import weasyprint

    return _sha(f"{RENDERER}\n{weasyprint.__version__}\n{job.html}".encode())


OWN_FILES = (
    Path(__file__).resolve().parent.parent / "templates",
    fonts.FONT_DIR,
)
"""The only folders a handout may read files from: the generator's own templates and
stylesheet, and the project's shipped fonts. QR codes are ``data:`` URLs made here."""


class ForeignURL(Exception):  # noqa: N818 - a refusal, not a crash
    """A handout asked WeasyPrint for something that is not one of the build's own files."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__(urls)
        self.urls = urls


def own_file(url: str) -> bool:
    """Whether ``url`` is a ``data:`` URL or a ``file:`` URL inside :data:`OWN_FILES`."""
    if url.startswith("data:"):
        return True
    if not url.startswith("file://"):
        return False
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path.is_relative_to(root) for root in OWN_FILES) and path.is_file()


def render_pdf(html: str) -> tuple[bytes, int]:
    """One PDF and its number of pages (runs in a worker process). WeasyPrint fetches
    nothing but the build's own files (:func:`own_file`): no address on the network, no
    file of the build machine; anything else asked for raises :class:`ForeignURL`."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    refused: list[str] = []

    class OwnFiles(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if not own_file(url):
                refused.append(url)
                raise ValueError(f"not one of the build's own files: {url}")
            return super().fetch(url, headers)

    fetcher = OwnFiles(allowed_protocols={"data", "file"}, allow_redirects=False)
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    data = doc.write_pdf()
    if refused:
        raise ForeignURL(sorted(set(refused)))
    return data, len(doc.pages)


def _render_timed(html: str) -> tuple[bytes, int, float]:
    start = time.perf_counter()
    data, pages = render_pdf(html)
    return data, pages, time.perf_counter() - start


def read_cache(out: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out / CACHE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


class Progress:
    """A progress line on a terminal (redrawn), one line per PDF otherwise (logs, CI)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.todo = total

    def start(self, cached: int, workers: int) -> None:
        self.todo = todo = self.total - cached
        msg = f"handouts: {self.total} PDF(s), {cached} unchanged"
        if todo:
            msg += f", rendering {todo} on {workers} process(es)"
        print(msg, file=self.stream, flush=True)

    def step(self, r: Rendered) -> None:
        self.done += 1
        todo = self.todo
        if self.tty:
            width = 24
            filled = width * self.done // max(todo, 1)
            bar = "#" * filled + "." * (width - filled)
            end = "\n" if self.done == todo else ""
            print(
                f"\r  [{bar}] {self.done}/{todo} {r.rel:<48.48}",
                end=end,
                file=self.stream,
                flush=True,
            )
        else:
            print(
                f"  {self.done}/{todo} {r.rel} ({r.pages} page(s), {r.seconds:.1f} s)",
                file=self.stream,
                flush=True,
            )


def render_all(
    jobs: Iterable[Job],
    out: Path,
    workers: int | None = None,
    progress: Progress | None = None,
    renderer: Callable[[str], tuple[bytes, int, float]] = _render_timed,
) -> list[Rendered]:
    """Every PDF of ``jobs``: reused from ``out`` when its input is unchanged, else rendered
    (in parallel). Nothing is written here."""
    jobs = list(jobs)
    cache = read_cache(out)
    owned = read_manifest(out)
    results: dict[str, Rendered] = {}
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        key = input_key(job)
        entry = cache.get(job.rel)
        target = out / job.rel
        if (
            isinstance(entry, dict)
            and entry.get("key") == key
            and job.rel in owned
            and target.is_file()
        ):
            data = target.read_bytes()
            if _sha(data) == entry.get("sha256") == owned[job.rel]:
                results[job.rel] = Rendered(
                    job.rel, data, int(str(entry.get("pages", 0))), key, cached=True
                )
                continue
        todo.append((job, key))
    n = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    if progress:
        progress.start(len(results), n)
    refusals: list[Problem] = []

    def refuse(job: Job, exc: ForeignURL) -> None:
        for url in exc.urls:
            shown = url if len(url) <= 80 else url[:79] + "…"
            refusals.append(
                Problem(
                    job.loc,
                    f"handout '{job.handout}', edition '{job.edition}', asks for '{shown}': "
                    "a handout may use only the build's own files (its HTML, stylesheet, "
                    "fonts and QR codes); remove that link or image from its content",
                )
            )

    if n == 1:
        for job, key in todo:
            try:
                data, pages, secs = renderer(job.html)
            except ForeignURL as exc:
                refuse(job, exc)
                continue
            results[job.rel] = Rendered(job.rel, data, pages, key, False, secs)
            if progress:
                progress.step(results[job.rel])
    else:
        with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(renderer, job.html): (job, key) for job, key in todo}
            for fut in as_completed(futures):
                job, key = futures[fut]
                try:
                    data, pages, secs = fut.result()
                except ForeignURL as exc:
                    refuse(job, exc)
                    continue
                results[job.rel] = Rendered(job.rel, data, pages, key, False, secs)
                if progress:
                    progress.step(results[job.rel])
    if refusals:
        raise ContentError(refusals)
    return [results[j.rel] for j in sorted(jobs, key=lambda j: j.rel)]


def page_problems(jobs: Iterable[Job], results: Iterable[Rendered]) -> list[Problem]:
    """A handout edition longer than its limit is an error at the handout's definition."""
    by_rel = {r.rel: r for r in results}
    out = []
    for job in jobs:
        r = by_rel[job.rel]
        if r.pages > job.limit:
            out.append(
                Problem(
                    job.loc,
                    f"handout '{job.handout}', edition '{job.edition}', "
                    f"takes {r.pages} pages, more than its limit of {job.limit}: "
                    "choose fewer sections or shorten the text",
                )
            )
    return out


def files_of(results: Iterable[Rendered]) -> dict[str, bytes]:
    """The PDFs plus the cache file, by path under ``dist/handouts/``."""
    results = list(results)
    files = {r.rel: r.data for r in results}
    cache = {r.rel: {"key": r.key, "pages": r.pages, "sha256": _sha(r.data)} for r in results}
    files[CACHE] = (json.dumps(cache, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files


def write_handouts(out: Path, results: Iterable[Rendered], display: str) -> WriteReport:
    """Write the PDFs under ``out`` (``dist/handouts``), owning only what it wrote."""
    files = files_of(results)
    conflicts = plan_conflicts(out, files, display)
    if conflicts:
        raise ContentError(conflicts)
    return write_tree(out, files)
