"""``vnadmin-extract export OUTDIR --to postgresql://USER@HOST:PORT/DB``: a run's tables into PostgreSQL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import UsageError

NAME = "export"
HELP = ("load OUTDIR's tables into PostgreSQL (keys, indexes, diacritic-free and fuzzy search, the "
        "award_overview view); run it again after more documents: only new or changed ones are written")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a folder with records.jsonl (from 'run')")
    p.add_argument("--to", required=True, metavar="URL",
                   help="postgresql://USER[:PASSWORD]@HOST:PORT/DB (or a libpq key=value string; "
                        "PGPASSWORD and ~/.pgpass work as usual)")
    p.add_argument("--schema", default="vnadmin", metavar="NAME",
                   help="schema to write into (default vnadmin; created if missing; other schemas are never touched)")


def run(args: argparse.Namespace) -> int:
    from ..store.paths import RECORDS, OutsideOutdir
    from ..store.postgres import ExportError, export_run, redact

    outdir = Path(args.outdir)
    if not (outdir / RECORDS).is_file():
        raise UsageError(f"no {RECORDS} in {outdir} (write one with 'vnadmin-extract run ... -o {outdir}')")
    if not (args.to.startswith(("postgresql://", "postgres://")) or "=" in args.to):
        raise UsageError(f"--to must be a postgresql:// URL, not {args.to!r}")
    try:
        report = export_run(outdir, args.to, args.schema)
    except (ExportError, OutsideOutdir) as exc:
        raise UsageError(str(exc)) from None
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for change in report.migrated:
        print(f"migrated: {change}", file=sys.stderr)
    written = sum(report.rows.values())
    rate = f", {written / report.seconds:,.0f} rows/s" if written and report.seconds else ""
    print(f"exported {report.documents} documents to {redact(args.to)} schema {args.schema}: "
          f"{len(report.inserted)} new, {len(report.replaced)} replaced, {report.unchanged} unchanged; "
          f"{written} rows written in {report.seconds:.1f} s{rate}", file=sys.stderr)
    return 0
