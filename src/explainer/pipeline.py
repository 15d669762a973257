"""The whole build, in one place: check (load -> validate -> link) -> generate the docs ->
write them -> handouts -> the engine's site builds -> the offline bundle -> swap the outputs in.

``build()`` owns that chain; the CLI, the live preview, the benchmark and the tests call it (or
``check()`` alone) and see each stage through the ``stage`` hook instead of copying the chain.
Nothing is written unless every check passed, and the previous outputs stay as they were when a
later stage fails (``swap``). This module prints nothing: problems are raised
(``ContentError``, ``BuildError``), notes go to ``notify``. The engine (MkDocs) is imported
only when a site is built (``explainer.engine``)."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from explainer import layout, render, swap
from explainer.link import Linked, link
from explainer.load import load, load_ui
from explainer.outputs import offline_start, opendata
from explainer.problems import BuildError, ContentError, Loc, Problem, Problems
from explainer.render import banner
from explainer.validate import declared, validate
from explainer.write import WriteReport, atomic_write, plan_conflicts, read_manifest, write_tree

T = TypeVar("T")
Stage = Callable[[str, Callable[[], Any]], Any]
"""The stage hook: ``stage(name, run)`` must call ``run()`` once and return its value. The
stages, in order: ``load``, ``validate``, ``link``, ``render`` (the docs in memory),
``write`` (the docs, staged), ``handouts``, ``mkdocs`` (the site, every language),
``offline`` (the bundle), ``swap``."""


def run_stage(name: str, run: Callable[[], T]) -> T:
    """The default stage hook: just run it."""
    return run()


def _ignore(line: str) -> None:
    pass


SETTINGS = "explainer.yml"
"""Per-language settings for the MkDocs adapter, written into the docs folder."""
ENGINE_UI = (
    "permalink",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "not_found_search",
    "scroll_hint",
)
"""The UI strings the MkDocs adapter puts on pages itself (heading links, the 404 page, the
hint on a table that scrolls sideways)."""


@dataclass
class Project:
    """Where things are. All paths are absolute."""

    root: Path
    content: Path
    docs: Path
    site: Path

    @classmethod
    def at(
        cls,
        root: Path,
        content: Path | None = None,
        docs: Path | None = None,
        site: Path | None = None,
    ) -> Project:
        root = root.resolve()
        return cls(
            root,
            (content or root / "content").resolve(),
            (docs or root / "docs").resolve(),
            (site or root / "site").resolve(),
        )

    @property
    def handouts(self) -> Path:
        """Where the handout PDFs are kept between builds (their cache): ``dist/handouts``."""
        return self.root / "dist" / layout.HANDOUTS


@dataclass
class Result:
    linked: Linked
    files: dict[str, bytes]
    warnings: list[Problem]


def check(project: Project, strict: bool = False, stage: Stage = run_stage) -> Result:
    """Read and check everything and generate the docs in memory; raise ``ContentError``
    with every problem found."""
    problems = Problems()
    raw = stage("load", lambda: load(project.content, problems, base=project.root))
    content = stage("validate", lambda: validate(raw, raw.texts, problems, load_ui()))

    def linking() -> Linked | None:
        linked = link(content, problems, declared(raw)) if content is not None else None
        unchecked(problems)
        if content is not None:
            banner.check(content, problems)
        return linked

    linked = stage("link", linking)
    fatal = problems.fatal(strict)
    if fatal or linked is None:
        raise ContentError([p for p in problems.sorted() if p in fatal] or problems.sorted())
    files = stage("render", lambda: generate(linked))
    return Result(linked, files, [p for p in problems.sorted() if p.severity == "warning"])


FOLLOW_ON = re.compile(r"^unknown (article|topic|term|event|section|category|milestone)\b")
"""Errors that a file which did not load causes elsewhere (a reference to what it held)."""


def unchecked(problems: Problems) -> None:
    """When a file could not be read, references elsewhere cannot be checked: they are not
    listed (they would bury the cause); one line says how many were left unchecked."""
    if not problems.unreadable:
        return
    kept = [p for p in problems.items if p.severity != "error" or not FOLLOW_ON.match(p.message)]
    dropped = len(problems.items) - len(kept)
    if dropped:
        files = sorted({p.loc.path for p in problems.unreadable})
        note = Problem(
            problems.unreadable[0].loc,
            f"{dropped} reference(s) to articles, topics, terms or events were not "
            f"checked, because {', '.join(files)} could not be read: "
            f"fix {'it' if len(files) == 1 else 'them'} and check again",
        )
        kept.append(note)
        problems.unreadable.append(note)
    problems.items = kept


def generate(linked: Linked) -> dict[str, bytes]:
    """Every file of the docs folder, by path relative to it. Pure."""
    c = linked.content
    files: dict[str, bytes] = {}
    settings: dict[str, Any] = {
        "default": c.site.default,
        "site_url": c.site.base_url,
        "not_in_nav": ["/" + layout.PARALLEL],
        "languages": [],
    }
    for lang in c.site.languages:
        for path, text in render.render(linked, lang.code).items():
            files[layout.docs_file(lang.code, path)] = text.encode("utf-8")
        files[layout.docs_file(c.site.default, layout.data_file(lang.code))] = opendata.dumps(
            opendata.export(linked, lang.code)
        )
        settings["languages"].append(
            {
                "code": lang.code,
                "name": lang.name,
                "site_name": lang.title,
                "site_description": lang.description,
                "nav": render.nav(linked, lang.code),
                "ui": {k: c.ui[lang.code][k] for k in ENGINE_UI}
                # The 404 page's "as of" line, formatted here like every other page's.
                | {"not_found_as_of": render.as_of_line(c.site.as_of, c.ui[lang.code])},
            }
        )
    header = "# Generated by explainer: settings per language for MkDocs.\n"
    body = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    files[SETTINGS] = (header + body).encode("utf-8")
    return files


def write_docs(project: Project, files: dict[str, bytes]) -> WriteReport:
    conflicts = plan_conflicts(project.docs, files, display_path(project, project.docs))
    if conflicts:
        raise ContentError(conflicts)
    return write_tree(project.docs, files)


def display_path(project: Project, path: Path) -> str:
    """``path`` relative to the project root, for messages."""
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


SITE_MARK = ".explainer-site"
"""The file in ``site/`` that says explainer built it, and lists what it wrote."""
OFFLINE_MANIFEST = ".explainer-offline.json"
"""Which offline bundle in ``dist/`` explainer wrote (it never replaces another file)."""


@dataclass
class BuildOptions:
    strict: bool = False
    """Warnings (missing translations) stop the build too."""
    config: Path | None = None
    """The MkDocs config (default: ``<root>/mkdocs.yml``)."""
    offline: bool = True
    """Build the offline bundle too, from ``<config>.offline.yml`` beside it, if it exists."""
    dist: Path | None = None
    """Where the offline bundle goes (default: ``<root>/dist``)."""
    workers: int | None = None
    """Processes rendering handouts (default: one per core)."""
    stage: Stage = run_stage
    """Called around each stage (timing in the benchmark, progress)."""
    notify: Callable[[str], None] = _ignore
    """Receives each note and warning, one line each (the CLI prints them)."""


@dataclass
class Built:
    """What a build made."""

    result: Result
    site: Path
    bundle: Path | None = None
    handouts: list[Any] = field(default_factory=list)


def build(project: Project, options: BuildOptions | None = None) -> Built:
    """Check, then build the docs, the handouts, the site and the offline bundle in a
    staging area, and replace docs/, site/ and the bundle together only if everything went
    well. Raises ``ContentError`` (problems with a place) or ``BuildError`` (one line)."""
    o = options or BuildOptions()
    result = check(project, o.strict, o.stage)
    for w in result.warnings:
        o.notify(str(w))
    config = o.config or project.root / "mkdocs.yml"
    offline_config = None
    if o.offline:
        offline_config = config.with_name(config.stem + ".offline" + config.suffix)
        if not offline_config.is_file():
            offline_config = None
    # Reproducible output: MkDocs dates the sitemap from SOURCE_DATE_EPOCH when it is set.
    as_of = result.linked.content.site.as_of.as_date()
    midnight = datetime.datetime(as_of.year, as_of.month, as_of.day, tzinfo=datetime.UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    dist = o.dist.resolve() if o.dist else project.root / "dist"
    return _build_outputs(project, result, o, config, offline_config, dist)


def _build_outputs(
    project: Project,
    result: Result,
    o: BuildOptions,
    config: Path,
    offline_config: Path | None,
    dist: Path,
) -> Built:
    for note in swap.recover(project.root):
        o.notify(f"explainer: {note}")
    site = result.linked.content.site
    if (
        project.site.exists()
        and any(project.site.iterdir())
        and not (project.site / SITE_MARK).exists()
    ):
        raise ContentError(
            [
                Problem(
                    Loc(display_path(project, project.site), 1),
                    "exists and was not built by explainer; refusing to replace it",
                )
            ]
        )
    zip_name = layout.offline_zip(site.slug)
    if offline_config is not None:
        conflicts = plan_conflicts(
            dist,
            {zip_name: b"", reuse_record(zip_name): b""},
            display_path(project, dist),
            OFFLINE_MANIFEST,
        )
        if conflicts:
            raise ContentError(conflicts)
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=swap.STAGING_PREFIX, dir=project.root))
        swap.start(staging)
        return _stage_and_swap(project, result, o, config, offline_config, dist, staging, zip_name)
    except OSError as exc:  # read-only or full disk: one line, the old outputs stay
        where = f" ({exc.filename})" if exc.filename else ""
        raise BuildError(
            f"writing the outputs failed: {exc.strerror or exc}{where}; "
            "nothing was replaced (docs/, site/ and the offline zip are as they were)"
        ) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _stage_and_swap(
    project: Project,
    result: Result,
    o: BuildOptions,
    config: Path,
    offline_config: Path | None,
    dist: Path,
    staging: Path,
    zip_name: str,
) -> Built:
    from explainer.engine import mkdocs_build, reuse

    site = result.linked.content.site
    sdocs, ssite = staging / "docs", staging / "site"
    if project.docs.exists():
        shutil.copytree(project.docs, sdocs, symlinks=True)
    try:
        staged = Project(project.root, project.content, sdocs, ssite)
        o.stage("write", lambda: write_docs(staged, result.files))
    except ContentError as exc:
        shown, real = display_path(project, sdocs), display_path(project, project.docs)
        raise ContentError(  # report the real docs path, not staging
            [
                Problem(Loc(p.loc.path.replace(shown, real, 1), p.loc.line), p.message)
                for p in exc.problems
            ]
        ) from None
    owned = read_manifest(sdocs)
    for page in sorted(sdocs.glob("*/**/*.md")):
        rel = page.relative_to(sdocs).as_posix()
        if rel not in owned:
            o.notify(
                f"explainer: {display_path(project, project.docs)}/{rel} was not written by "
                "explainer: not published (write pages in content/)"
            )
    pdfs = o.stage("handouts", lambda: make_handouts(project, result, o.workers))
    docs_dir = sdocs / site.default

    # Incremental: pages whose inputs did not change come from the previous outputs.
    site_prev = reuse.site_previous(project.site, SITE_MARK)
    off_prev = reuse.bundle_previous(
        dist / zip_name, dist / reuse_record(zip_name), zip_name.removesuffix(".zip")
    )
    off_records = staging / "offline-reuse"

    def site_build() -> None:
        mkdocs_build.build_site(
            config, docs_dir, ssite, o.strict, site_prev, ssite / reuse.STATE_DIR
        )
        for r in pdfs:  # the hosted site and the offline bundle serve them from site/
            atomic_write(ssite / layout.HANDOUTS / r.rel, r.data)

    pending = None  # the offline MkDocs build, on the other core beside the site build
    if offline_config is not None:
        pending = mkdocs_build.start_offline(
            offline_config,
            docs_dir,
            staging / "offline",
            o.strict,
            o.workers,
            off_prev,
            off_records,
        )
    try:
        o.stage("mkdocs", site_build)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    bundle = None
    if offline_config is not None:
        off_config = offline_config

        def offline_build() -> bytes:
            start = offline_start.start_page(site, result.linked.content.ui)
            return mkdocs_build.build_offline(
                off_config,
                docs_dir,
                ssite,
                staging / "offline",
                site,
                zip_name,
                o.strict,
                top_files={offline_start.NAME: start},
                pending=pending,
                previous=off_prev,
                records=off_records,
            )

        bundle = o.stage("offline", offline_build)
    record = None
    if bundle is not None:
        record = reuse.bundle_record(reuse.read_states(off_records), bundle)
    return o.stage(
        "swap",
        lambda: _swap(project, result, ssite, sdocs, staging, dist, zip_name, bundle, pdfs, record),
    )


def reuse_record(zip_name: str) -> str:
    """The offline bundle's record of what its pages were built from (``engine/reuse.py``),
    beside it in ``dist/``."""
    return f".{zip_name.removesuffix('.zip')}.reuse.json"


def _swap(
    project: Project,
    result: Result,
    ssite: Path,
    sdocs: Path,
    staging: Path,
    dist: Path,
    zip_name: str,
    bundle: bytes | None,
    pdfs: list[Any],
    record: bytes | None = None,
) -> Built:
    generated = sorted(p.relative_to(ssite).as_posix() for p in ssite.rglob("*") if p.is_file())
    conflicts = carry_hand_written(project.site, ssite, display_path(project, project.site))
    if conflicts:
        raise ContentError(conflicts)
    mark = {"generator": "explainer", "files": generated}
    (ssite / SITE_MARK).write_text(json.dumps(mark, indent=0) + "\n", encoding="utf-8")
    # All good. The handout cache (dist/handouts) is written file by file, atomically;
    # then docs/, site/ and the zip are swapped in together (swap.py).
    if pdfs:
        from explainer.outputs.handout_pdf import write_handouts

        write_handouts(project.handouts, pdfs, display_path(project, project.handouts))
    swaps = [
        swap.Swap(project.docs, sdocs, staging / "old-docs"),
        swap.Swap(project.site, ssite, staging / "old-site"),
    ]
    if bundle is not None:
        staged_zip = dist / f".{zip_name}.new"
        atomic_write(staged_zip, bundle)
        swaps.append(swap.Swap(dist / zip_name, staged_zip, dist / f".{zip_name}.old"))
    try:
        swap.commit(staging, swaps)
    except OSError:
        if bundle is not None:
            staged_zip.unlink(missing_ok=True)
        raise
    if bundle is not None:
        # the zip is there: the list, and the record of what it was built from
        listed = {zip_name: bundle} | ({reuse_record(zip_name): record} if record else {})
        write_tree(dist, listed, OFFLINE_MANIFEST)
    return Built(result, project.site, dist / zip_name if bundle is not None else None, pdfs)


def make_handouts(project: Project, result: Result, workers: int | None) -> list[Any]:
    """Render every handout edition (unchanged ones come from the cache); nothing is
    written. Raises ``ContentError`` or ``BuildError`` if one failed or is longer than its
    page limit."""
    from explainer.outputs import handout_pdf, handouts

    jobs = handouts.jobs(result.linked)
    if not jobs:
        return []
    display = display_path(project, project.handouts)
    conflicts = plan_conflicts(
        project.handouts, handout_pdf.files_of([]) | {j.rel: b"" for j in jobs}, display
    )
    if conflicts:
        raise ContentError(conflicts)
    try:
        results = handout_pdf.render_all(
            jobs, project.handouts, workers, handout_pdf.Progress(len(jobs))
        )
    except ContentError:  # a handout asked for something not the build's own
        raise
    except Exception as exc:  # WeasyPrint failed: report it, keep every output as it was
        raise BuildError(
            f"rendering the handouts failed: {type(exc).__name__}: {exc}; nothing was replaced"
        ) from None
    problems = handout_pdf.page_problems(jobs, results)
    if problems:
        raise ContentError(problems)
    return results


def build_handouts(
    project: Project, strict: bool = False, workers: int | None = None
) -> tuple[Result, list[Any], WriteReport]:
    """Check, render the handouts and write them to their folder (``dist/handouts``)."""
    from explainer.outputs.handout_pdf import write_handouts

    result = check(project, strict=strict)
    pdfs = make_handouts(project, result, workers)
    report = write_handouts(project.handouts, pdfs, display_path(project, project.handouts))
    return result, pdfs, report


def regenerate(root: Path, notify: Callable[[str], None]) -> None:
    """The live preview: regenerate docs/ from content/; problems go to ``notify``, and the
    preview goes on with the docs as they were."""
    from explainer.problems import report_lines

    project = Project.at(root)
    try:
        result = check(project, strict=False)
        for w in result.warnings:
            notify(str(w))
        write_docs(project, result.files)
    except ContentError as exc:
        for line in report_lines(exc.problems):
            notify(line)


def carry_hand_written(old: Path, new: Path, display: str) -> list[Problem]:
    """Copy into the new site the files of the old one that explainer did not write (its
    mark lists what it wrote); one the new build also writes is a conflict."""
    try:
        mark = json.loads((old / SITE_MARK).read_text(encoding="utf-8"))
        generated = set(mark["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return []  # no site yet, or one marked before the list was kept: all generated
    problems = []
    for p in sorted(old.rglob("*")):
        if p.is_dir() and not p.is_symlink():
            continue
        rel = p.relative_to(old).as_posix()
        if rel == SITE_MARK or rel in generated:
            continue
        dest = new / rel
        if os.path.lexists(dest):
            problems.append(
                Problem(
                    Loc(f"{display}/{rel}", 1),
                    "exists and was not generated by explainer; refusing to overwrite it "
                    "(move it away or rename the content item)",
                )
            )
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, dest, follow_symlinks=False)
    return problems
