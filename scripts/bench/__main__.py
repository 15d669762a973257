"""``make bench``: the whole benchmark — :mod:`bench.measure`, then :mod:`bench.peers`, their
JSON in the work folder, then :mod:`bench.report` into BENCHMARKS.md.

``PYTHONPATH=scripts python -m bench [--reps N] [--scales 1,10,100] [--site-scales 10]
[--peer-reps N] [--before REV] [--content DIR] [--json ALL.json] [--out BENCHMARKS.md]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench import measure, peers, report
from bench.common import ROOT, logger, shown_argv, work_folder, write_json


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--out",
        default=str(ROOT / "BENCHMARKS.md"),
        help=f"report (its '{report.SECTION}' section is replaced; default: BENCHMARKS.md)",
    )
    p.add_argument("--json", help="also write every measurement here (measure and peers)")
    measure.add_arguments(p)
    peers.add_arguments(p)
    args = p.parse_args(argv)
    started = time.perf_counter()
    log = logger()
    shown = shown_argv(sys.argv[1:] if argv is None else argv)
    with work_folder(args.work) as work:
        log(f"work folder {work}")
        measured = measure.measure(args, work, log)
        measured["argv"] = shown
        write_json(work / "measure.json", measured)
        compared = peers.run(args, work, log)
        compared["argv"] = shown
        write_json(work / "peers.json", compared)
        r = report.combine(measured, compared)
    r["total_seconds"] = time.perf_counter() - started
    if args.json:
        write_json(Path(args.json), r)
    report.write_benchmarks(Path(args.out), report.report(r))
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
