"""Command line of the explainer generator: build, check, handouts, links, serve, status,
new. It parses arguments and prints; the work is ``pipeline``'s (and MkDocs is imported only
by ``explainer.engine``)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from explainer import __version__
from explainer.pipeline import (
    BuildOptions,
    Project,
    Result,
    build,
    build_handouts,
    check,
    display_path,
    regenerate,
)
from explainer.problems import BuildError, ContentError, Problem, report_lines
from explainer.tools import scaffold

DESCRIPTION = """\
Build a multilingual explainer site from the content in content/ (YAML and Markdown):
the site in every language, an offline zip and printable PDF handouts. Every problem in the
content is reported as path:line, all at once, and then nothing is written.

Run "explainer COMMAND --help" for the options of a command."""


def _err(problems: list[Problem]) -> None:
    for line in report_lines(problems):
        print(line, file=sys.stderr)


def _note(line: str) -> None:
    print(line, file=sys.stderr)


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
    project = Project.at(Path(args.root), site=Path(args.site) if args.site else None)
    options = BuildOptions(
        strict=args.strict,
        config=Path(args.config) if args.config else None,
        offline=not args.no_offline,
        dist=Path(args.dist) if args.dist else None,
        workers=args.jobs,
        notify=_note,
    )
    try:
        built = build(project, options)
    except ContentError as exc:
        _err(exc.problems)
        return 1
    except BuildError as exc:
        print(f"explainer: {exc.message}", file=sys.stderr)
        return 1
    print(
        f"built {display_path(project, project.site)}/ "
        f"({len(built.result.linked.content.site.languages)} languages)"
    )
    if built.bundle is not None:
        zpath = built.bundle
        print(f"built {display_path(project, zpath)} ({zpath.stat().st_size / 1e6:.1f} MB)")
    return 0


def cmd_handouts(args: argparse.Namespace) -> int:
    project = Project.at(Path(args.root))
    try:
        result, pdfs, report = build_handouts(project, args.strict, args.jobs)
    except ContentError as exc:
        _err(exc.problems)
        return 1
    except BuildError as exc:
        print(f"explainer: {exc.message}", file=sys.stderr)
        return 1
    for w in result.warnings:
        print(w, file=sys.stderr)
    rendered = sum(1 for r in pdfs if not r.cached)
    print(
        f"handouts: {len(pdfs)} PDF(s) in {display_path(project, project.handouts)}/ "
        f"({rendered} rendered, {len(pdfs) - rendered} unchanged; "
        f"{len([w for w in report.written if w.endswith('.pdf')])} written)"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from explainer.engine.serve import serve

    _setup_logging(True)
    project = Project.at(Path(args.root))
    regenerate(project.root, _note)
    serve(project.root, args.dev_addr)
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
