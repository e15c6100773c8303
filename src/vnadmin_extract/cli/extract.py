"""``vnadmin-extract extract PATH... [-o OUT.jsonl] [--no-text]``: one JSON line per document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..pipeline import process_file
from ._inputs import expand_inputs

NAME = "extract"
HELP = "extract records from files or folders; one JSON line per document, in input order"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    p.add_argument("--no-text", action="store_true", help="omit the normalized text from records")


def run(args: argparse.Namespace) -> int:
    files = expand_inputs(args.paths)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    try:
        for path in files:
            rec = process_file(path, keep_text=not args.no_text)
            failed += rec.error is not None
            out.write(rec.model_dump_json(exclude_none=False) + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    if failed:
        print(f"{failed} of {len(files)} documents failed; their records carry 'error'", file=sys.stderr)
    if args.output:
        print(f"wrote {len(files)} records to {Path(args.output)}", file=sys.stderr)
    return 1 if failed else 0
