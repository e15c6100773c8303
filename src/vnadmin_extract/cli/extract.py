"""``vnadmin-extract extract PATH... [-o OUT.jsonl] [--no-text]``: one JSON line per document.

Each document is processed in a worker process with the same budget as ``run`` (60 s,
then the worker is killed; 2 GB of address space), so one hostile file cannot hang the
command or take the machine's memory. ``--in-process`` processes in this process (no hard
limits: the time budget's alarm only).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..ingest.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT
from . import UsageError
from ._inputs import expand_inputs
from .run import parse_memory

NAME = "extract"
HELP = "extract records from files or folders; one JSON line per document, in input order"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    p.add_argument("--no-text", action="store_true", help="omit the normalized text from records")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"seconds one document may take before it is recorded as E_TIMEOUT (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-memory", type=parse_memory, default=DEFAULT_MAX_MEMORY, metavar="SIZE",
                   help="address space of the worker process, e.g. 4G; 'none' for no cap (default 2G)")
    p.add_argument("--in-process", action="store_true",
                   help="no worker process: faster to start, but no memory cap and no kill past the timeout")
    p.add_argument("--follow-links", action="store_true",
                   help="also read symbolic links that leave the input folders, and links to folders")


def run(args: argparse.Namespace) -> int:
    from ..batch import DOC_FN_ENV
    from ..batch.worker import DEFAULT_DOC_FN

    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    notes: list[str] = []
    files = expand_inputs(args.paths, follow_links=args.follow_links, notes=notes)
    for note in notes:
        print(f"vnadmin-extract extract: {note}", file=sys.stderr)
    if not files:
        raise UsageError("no documents found in the inputs")
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    try:
        if args.in_process:
            from ..pipeline import process_file

            for path in files:
                rec = process_file(path, keep_text=not args.no_text, timeout=args.timeout)
                failed += rec.error is not None
                out.write(rec.model_dump_json() + "\n")
                out.flush()
        else:
            from ..batch.isolated import process_in_workers

            def write(result) -> None:
                nonlocal failed
                failed += result.error_code is not None
                out.write(result.line + "\n")
                out.flush()

            process_in_workers(files, write, keep_text=not args.no_text, timeout=args.timeout,
                               max_memory=args.max_memory, fn_spec=os.environ.get(DOC_FN_ENV) or DEFAULT_DOC_FN)
    finally:
        if out is not sys.stdout:
            out.close()
    if failed:
        print(f"{failed} of {len(files)} documents failed; their records carry 'error'", file=sys.stderr)
    if args.output:
        print(f"wrote {len(files)} records to {Path(args.output)}", file=sys.stderr)
    return 1 if failed else 0
