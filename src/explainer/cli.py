"""Command line of the explainer generator: build, check, handouts, links, serve, status,
new."""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from explainer import __version__, swap
from explainer.pipeline import Project, Result, check, display_path, write_docs
from explainer.problems import ContentError, Loc, Problem
from explainer.tools import scaffold
from explainer.write import atomic_write, plan_conflicts

DESCRIPTION = """\
Build a multilingual explainer site from the content in content/ (YAML and Markdown):
the site in every language, an offline zip and printable PDF handouts. Every problem in the
content is reported as path:line, all at once, and then nothing is written.

Run "explainer COMMAND --help" for the options of a command."""

SITE_MARK = ".explainer-site"


def _err(problems: list[Problem]) -> None:
    for p in problems:
        print(p, file=sys.stderr)
    n_err = sum(1 for p in problems if p.severity == "error")
    n_warn = len(problems) - n_err
    parts = [f"{n_err} error(s)"] + ([f"{n_warn} warning(s) (--strict)"] if n_warn else [])
    print(f"explainer: {', '.join(parts)}; nothing was written", file=sys.stderr)


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False


def _run_checks(project: Project, strict: bool) -> Result | None:
    try:
        result = check(project, strict=strict)
    except ContentError as exc:
        _err(exc.problems)
        return None
    for w in result.warnings:
        print(w, file=sys.stderr)
    return result


def regenerate(root: Path) -> None:
    """Used by the live preview: regenerate docs/ from content/, report problems, go on."""
    project = Project.at(root)
    result = _run_checks(project, strict=False)
    if result is not None:
        try:
            write_docs(project, result.files)
        except ContentError as exc:
            _err(exc.problems)


OFFLINE_MANIFEST = ".explainer-offline.json"
"""Which offline bundle in ``dist/`` explainer wrote (it never replaces another file)."""


def make_handouts(project: Project, result: Result, workers: int | None) -> list[Any] | None:
    """Render every handout edition (unchanged ones come from the cache); nothing is written.
    ``None`` (after reporting why) if one failed or is longer than its page limit."""
    from explainer.outputs import handout_pdf, handouts

    jobs = handouts.jobs(result.linked)
    if not jobs:
        return []
    display = display_path(project, project.handouts)
    conflicts = plan_conflicts(
        project.handouts, handout_pdf.files_of([]) | {j.rel: b"" for j in jobs}, display
    )
    if conflicts:
        _err(conflicts)
        return None
    try:
        results = handout_pdf.render_all(
            jobs, project.handouts, workers, handout_pdf.Progress(len(jobs))
        )
    except ContentError as exc:  # a handout asked for something not the build's own
        _err(exc.problems)
        return None
    except Exception as exc:  # WeasyPrint failed: report it, keep every output as it was
        print(
            f"explainer: rendering the handouts failed: {type(exc).__name__}: {exc}; "
            "nothing was replaced",
            file=sys.stderr,
        )
        return None
    problems = handout_pdf.page_problems(jobs, results)
    if problems:
        _err(problems)
        return None
    return results


def build_site(
    project: Project,
    result: Result,
    strict: bool,
    config: Path,
    offline_config: Path | None = None,
    dist: Path | None = None,
    workers: int | None = None,
) -> bool:
    """Build docs and site (and the offline bundle, if ``offline_config`` is given) in a
    staging area; replace docs/, site/ and the bundle together, only if everything went
    well (swap.py). A build that died first is cleaned up (and undone) here."""
    for note in swap.recover(project.root):
        print(f"explainer: {note}", file=sys.stderr)
    site = result.linked.content.site
    if (
        project.site.exists()
        and any(project.site.iterdir())
        and not (project.site / SITE_MARK).exists()
    ):
        _err(
            [
                Problem(
                    Loc(display_path(project, project.site), 1),
                    "exists and was not built by explainer; refusing to replace it",
                )
            ]
        )
        return False
    dist = dist or project.root / "dist"
    zip_name = f"{site.slug}-offline.zip"
    if offline_config is not None:
        conflicts = plan_conflicts(
            dist, {zip_name: b""}, display_path(project, dist), OFFLINE_MANIFEST
        )
        if conflicts:
            _err(conflicts)
            return False
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=swap.STAGING_PREFIX, dir=project.root))
        swap.start(staging)
        return _stage_and_swap(
            project, result, strict, config, offline_config, dist, workers, staging, zip_name
        )
    except OSError as exc:  # read-only or full disk: one line, the old outputs stay
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"explainer: writing the outputs failed: {exc.strerror or exc}{where}; "
            "nothing was replaced (docs/, site/ and the offline zip are as they were)",
            file=sys.stderr,
        )
        return False
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _stage_and_swap(
    project: Project,
    result: Result,
    strict: bool,
    config: Path,
    offline_config: Path | None,
    dist: Path,
    workers: int | None,
    staging: Path,
    zip_name: str,
) -> bool:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from explainer.engine import offline
    from explainer.engine.mkdocs_build import run_mkdocs
    from explainer.write import read_manifest, write_tree

    site = result.linked.content.site
    sdocs, ssite = staging / "docs", staging / "site"
    if project.docs.exists():
        shutil.copytree(project.docs, sdocs, symlinks=True)
    try:
        write_docs(Project(project.root, project.content, sdocs, ssite), result.files)
    except ContentError as exc:
        staged, real = display_path(project, sdocs), display_path(project, project.docs)
        for i, p in enumerate(exc.problems):  # report the real docs path, not staging
            exc.problems[i] = Problem(
                Loc(p.loc.path.replace(staged, real, 1), p.loc.line), p.message
            )
        _err(exc.problems)
        return False
    owned = read_manifest(sdocs)
    for page in sorted(sdocs.glob("*/**/*.md")):
        rel = page.relative_to(sdocs).as_posix()
        if rel not in owned:
            print(
                f"explainer: {display_path(project, project.docs)}/{rel} was not written by "
                "explainer: not published (write pages in content/)",
                file=sys.stderr,
            )
    pdfs = make_handouts(project, result, workers)
    if pdfs is None:
        return False
    bundle = None
    try:
        cfg = load_config(
            config_file=str(config),
            docs_dir=str(sdocs / site.default),
            site_dir=str(ssite),
            strict=strict,
        )
        run_mkdocs(cfg)
        for r in pdfs:  # the hosted site and the offline bundle serve them from site/
            atomic_write(ssite / "handouts" / r.rel, r.data)
        if offline_config is not None:
            soff = staging / "offline"
            cfg = load_config(
                config_file=str(offline_config),
                docs_dir=str(sdocs / site.default),
                site_dir=str(soff),
                strict=strict,
            )
            run_mkdocs(cfg)
            if (ssite / "handouts").is_dir():
                shutil.copytree(ssite / "handouts", soff / "handouts")
            offline.prune(soff, list(site.codes), site.default)
            from explainer.outputs import offline_start  # the start page (issue 15)

            (soff / offline_start.NAME).write_text(
                offline_start.start_page(site, result.linked.content.ui), encoding="utf-8"
            )
            bundle = offline.zip_tree(soff, zip_name.removesuffix(".zip"), site.as_of.as_date())
    except (MkDocsException, SystemExit) as exc:
        print(f"explainer: mkdocs build failed: {exc}; nothing was replaced", file=sys.stderr)
        return False
    generated = sorted(p.relative_to(ssite).as_posix() for p in ssite.rglob("*") if p.is_file())
    conflicts = carry_hand_written(project.site, ssite, display_path(project, project.site))
    if conflicts:
        _err(conflicts)
        return False
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
        write_tree(dist, {zip_name: bundle}, OFFLINE_MANIFEST)  # the zip is there: the list
    return True


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


def cmd_check(args: argparse.Namespace) -> int:
    project = Project.at(Path(args.root))
    result = _run_checks(project, args.strict)
    if result is None:
        return 1
    c = result.linked.content
    print(
        f"ok: {len(c.topics)} topics, {len(c.articles)} articles, {len(c.events)} events, "
        f"{len(c.terms)} terms in {len(c.site.languages)} languages"
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    _setup_logging(args.verbose)
    root = Path(args.root)
    project = Project.at(root, site=Path(args.site) if args.site else None)
    result = _run_checks(project, args.strict)
    if result is None:
        return 1
    config = Path(args.config) if args.config else project.root / "mkdocs.yml"
    offline_config = None
    if not args.no_offline:
        offline_config = config.with_name(config.stem + ".offline" + config.suffix)
        if not offline_config.is_file():
            offline_config = None
    # Reproducible output: MkDocs dates the sitemap from SOURCE_DATE_EPOCH when it is set.
    as_of = result.linked.content.site.as_of.as_date()
    os.environ.setdefault(
        "SOURCE_DATE_EPOCH",
        str(
            int(
                datetime.datetime(
                    as_of.year, as_of.month, as_of.day, tzinfo=datetime.UTC
                ).timestamp()
            )
        ),
    )
    dist = Path(args.dist).resolve() if args.dist else project.root / "dist"
    if not build_site(project, result, args.strict, config, offline_config, dist, args.jobs):
        return 1
    print(
        f"built {display_path(project, project.site)}/ "
        f"({len(result.linked.content.site.languages)} languages)"
    )
    if offline_config is not None:
        zpath = dist / f"{result.linked.content.site.slug}-offline.zip"
        print(f"built {display_path(project, zpath)} ({zpath.stat().st_size / 1e6:.1f} MB)")
    return 0


def cmd_handouts(args: argparse.Namespace) -> int:
    from explainer.outputs.handout_pdf import write_handouts

    project = Project.at(Path(args.root))
    result = _run_checks(project, args.strict)
    if result is None:
        return 1
    pdfs = make_handouts(project, result, args.jobs)
    if pdfs is None:
        return 1
    report = write_handouts(project.handouts, pdfs, display_path(project, project.handouts))
    rendered = sum(1 for r in pdfs if not r.cached)
    print(
        f"handouts: {len(pdfs)} PDF(s) in {display_path(project, project.handouts)}/ "
        f"({rendered} rendered, {len(pdfs) - rendered} unchanged; "
        f"{len([w for w in report.written if w.endswith('.pdf')])} written)"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _setup_logging(True)
    project = Project.at(Path(args.root))
    regenerate(project.root)
    serve(config_file=str(project.root / "mkdocs.yml"), livereload=True, dev_addr=args.dev_addr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from explainer.outputs.opendata import words

    project = Project.at(Path(args.root))
    try:
        result = check(project, strict=False)
    except ContentError as exc:
        _err(exc.problems)
        return 1
    c = result.linked.content
    print(
        f"{'lang':<6}{'topics':>8}{'articles':>10}{'events':>8}{'terms':>7}{'words':>8}"
        f"{'missing':>9}"
    )
    missing_total = 0
    for lang in c.site.codes:
        missing = [t.id for t in c.topics if t.texts[lang].fallback]
        missing_total += len(missing)
        n_words = sum(words(t.texts[lang].body) for t in c.topics if not t.texts[lang].fallback)
        print(
            f"{lang:<6}{len(c.topics) - len(missing):>8}{len(c.articles):>10}"
            f"{len(c.events):>8}{len(c.terms):>7}{n_words:>8}{len(missing):>9}"
        )
    if result.warnings:
        print("\nmissing translations:")
        for w in result.warnings:
            print(f"  {w}")
    else:
        print("\nno missing translation")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from explainer.tools.linkcheck import check_tree

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"explainer: {folder}: no such folder", file=sys.stderr)
        return 1
    report = check_tree(folder, offline=args.offline)
    for line in report.broken:
        print(line, file=sys.stderr)
    print(
        f"{report.pages} pages, {report.links} links, {len(report.broken)} broken, "
        f"{len(report.external)} links to other sites (not fetched)"
    )
    return 1 if report.broken else 0


def cmd_new(args: argparse.Namespace) -> int:
    project = Project.at(Path(args.root))
    try:
        created = scaffold.new(project.content, args.kind, args.id, project.root)
    except scaffold.ScaffoldError as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="explainer",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"explainer {__version__}")
    p.add_argument("--root", default=".", help="project folder (default: current)")
    sub = p.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")
    b = sub.add_parser("build", help="check content, generate docs/ and build site/")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--site", help="output folder (default: site)")
    b.add_argument(
        "--config",
        help="MkDocs config (default: mkdocs.yml); the offline bundle "
        "is built from <config>.offline.yml beside it, when it exists",
    )
    b.add_argument("--dist", help="folder for the offline bundle (default: dist)")
    b.add_argument(
        "--no-offline",
        action="store_true",
        help="skip the offline bundle (a quicker preview build)",
    )
    b.add_argument("-v", "--verbose", action="store_true")
    b.add_argument(
        "-j", "--jobs", type=int, help="processes rendering handouts (default: one per core)"
    )
    b.set_defaults(func=cmd_build)
    ho = sub.add_parser(
        "handouts", help="render the printable handouts to dist/handouts/ (unchanged ones are kept)"
    )
    ho.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ho.add_argument("-j", "--jobs", type=int, help="processes (default: one per core)")
    ho.set_defaults(func=cmd_handouts)
    ch = sub.add_parser("check", help="check content only; write nothing")
    ch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ch.set_defaults(func=cmd_check)
    s = sub.add_parser("serve", help="live preview; regenerates when content/ changes")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    st = sub.add_parser("status", help="per-language counts and missing translations")
    st.set_defaults(func=cmd_status)
    lk = sub.add_parser("links", help="check every local link and anchor of a built site")
    lk.add_argument("folder", nargs="?", default="site", help="the built site (default: site)")
    lk.add_argument(
        "--offline",
        action="store_true",
        help="the unzipped offline bundle: links to folders count as broken",
    )
    lk.set_defaults(func=cmd_links)
    n = sub.add_parser("new", help="scaffold a content item in every language")
    n.add_argument("kind", choices=["topic", "article", "event", "term"])
    n.add_argument("id", help="id (an article number for 'article')")
    n.set_defaults(func=cmd_new)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
