"""``vnadmin-extract load OUTDIR``: rebuild the Parquet tables and vnadmin.db from records.jsonl."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import UsageError

NAME = "load"
HELP = "rebuild OUTDIR/parquet/ and OUTDIR/vnadmin.db from OUTDIR/records.jsonl alone"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a folder with records.jsonl (from 'run' or 'extract -o')")


def run(args: argparse.Namespace) -> int:
    from ..store import build_outputs
    from ..store.paths import RECORDS, OutsideOutdir

    outdir = Path(args.outdir)
    if not (outdir / RECORDS).is_file():
        raise UsageError(f"no {RECORDS} in {outdir} (write one with 'vnadmin-extract run ... -o {outdir}')")
    try:
        report = build_outputs(outdir)
    except (OutsideOutdir, RuntimeError) as exc:
        raise UsageError(str(exc)) from None
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    print(f"loaded {report.records} records: {rows}", file=sys.stderr)
    if report.quarantined:
        shown = ", ".join(f"line {n} ({why})" for n, why in report.quarantined[:5])
        print(f"set aside {len(report.quarantined)} unreadable or invalid lines in {outdir}/quarantine.jsonl: "
              f"{shown}{' ...' if len(report.quarantined) > 5 else ''}; 'vnadmin-extract run' on the same "
              "inputs redoes those documents", file=sys.stderr)
    if report.superseded:
        print(f"{report.superseded} older records of edited or retried files left out (the newest record "
              "of each path is loaded)", file=sys.stderr)
    if report.read.truncated_tail:
        print("skipped a cut last line (run 'vnadmin-extract run' again to finish that document)", file=sys.stderr)
    return 0
