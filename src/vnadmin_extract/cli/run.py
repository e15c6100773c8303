"""``vnadmin-extract run INPUT... -o OUTDIR``: the bulk job (records.jsonl, Parquet, SQLite)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..extras import require
from ..ingest.limits import DEFAULT_MAX_MEMORY, Limits
from . import UsageError
from ._inputs import DEFAULT_SKIP, expand_inputs

NAME = "run"
HELP = ("process many documents in parallel into OUTDIR: records.jsonl, parquet/ tables and "
        "vnadmin.db; resumable (run it again to finish an interrupted run)")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (searched recursively)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder (created if missing)")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds one document may take before it is recorded as E_TIMEOUT (default 60)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local worker processes (default) or a Dask distributed cluster")
    p.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--no-text", action="store_true", help="omit the normalized text from records")
    d = Limits()
    g = p.add_argument_group("limits (what one document may cost; over a limit the record says why)")
    g.add_argument("--max-bytes", type=parse_size, default=d.max_bytes, metavar="SIZE",
                   help=f"larger files get E_TOO_LARGE unread (default {_size(d.max_bytes)}; K, M, G suffixes)")
    g.add_argument("--max-chars", type=_positive_int, default=d.max_chars, metavar="N",
                   help=f"longer decoded texts get E_TOO_LARGE (default {d.max_chars:,})")
    g.add_argument("--max-pages", type=_positive_int, default=d.max_pages, metavar="N",
                   help=f"PDF pages read; the rest are left out with W_TRUNCATED (default {d.max_pages})")
    g.add_argument("--max-ocr-pages", type=_non_negative_int, default=d.max_ocr_pages, metavar="N",
                   help=f"pages OCR'd per document; the rest with W_TRUNCATED (default {d.max_ocr_pages})")
    g.add_argument("--max-memory", type=parse_memory, default=DEFAULT_MAX_MEMORY, metavar="SIZE",
                   help="address space per worker process, e.g. 4G; 'none' for no cap (default 2G)")
    p.add_argument("--follow-links", action="store_true",
                   help="search symbolic links to folders too (each folder once: loops are skipped)")
    p.add_argument("--skip", action="append", default=[], metavar="GLOB",
                   help="in folders, leave out files whose name matches GLOB (repeatable), besides the "
                        f"defaults: {' '.join(DEFAULT_SKIP)}; files named on the command line are always read")
    p.add_argument("--no-default-skip", action="store_true",
                   help="read every file of the folders (hidden ones aside), not leaving out the defaults")


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}


def parse_size(text: str) -> int:
    """A size with an optional unit: "100M" -> 104857600; a plain number is bytes."""
    raw = text.strip().upper()
    num = raw.rstrip("KMGB")
    unit = raw[len(num):]
    try:
        value = float(num) * _UNITS[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100M, 2G, 500000)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"a size must be positive, not {text!r}")
    return int(value)


def parse_memory(text: str) -> int | None:
    """A memory cap: a size, or "none" (also "0") for no cap."""
    if text.strip().lower() in ("none", "0", "off"):
        return None
    return parse_size(text)


def _size(n: int) -> str:
    return f"{n // 1024**3}G" if n % 1024**3 == 0 else f"{n // 1024**2}M"


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _check(args: argparse.Namespace) -> Path:
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://scheduler:8786)")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler is for --executor dask")
    if args.executor == "dask" and args.workers is not None:
        raise UsageError("--workers is for the local executor; the Dask cluster has its own workers")
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir} exists and is not a folder")
    if args.executor == "dask":
        require("distributed")
    return outdir


def _inputs(args: argparse.Namespace, outdir: Path) -> list[Path]:
    # Outputs are never inputs: a run writing into a folder it reads must not read its own files.
    root = outdir.resolve()
    notes: list[str] = []
    skip = [*([] if args.no_default_skip else DEFAULT_SKIP), *args.skip]
    skipped: list[tuple[Path, str]] = []
    found = expand_inputs(args.inputs, follow_links=args.follow_links, notes=notes, skip=skip, skipped=skipped)
    for note in notes:
        print(f"vnadmin-extract run: {note}", file=sys.stderr)
    args.skipped = skipped
    files = [f for f in found if root not in _parents(f)]
    if not files:
        raise UsageError("no documents found in the inputs")
    if args.executor == "dask":  # the workers need paths that mean the same on every machine
        files = [f.absolute() for f in files]
    return files


def skipped_line(skipped: list[tuple[Path, str]]) -> str:
    """How many files of the folders were left out, by pattern (--skip, --no-default-skip)."""
    if not skipped:
        return "skipped: none"
    counts: dict[str, int] = {}
    for _path, pattern in skipped:
        counts[pattern] = counts.get(pattern, 0) + 1
    return f"skipped: {len(skipped)} files (" + ", ".join(f"{p} {n}" for p, n in sorted(counts.items())) + ")"


def _parents(f: Path) -> list[Path]:
    try:
        return list(f.resolve().parents)
    except (OSError, RuntimeError):  # a loop of symbolic links: not inside OUTDIR, its record says why
        return list(f.absolute().parents)


def run(args: argparse.Namespace) -> int:
    from ..batch import DEFAULT_DOC_FN, DOC_FN_ENV, RunConfig, format_summary, run_batch
    from ..store import build_outputs
    from ..store.lock import output_lock
    from ..store.paths import OutsideOutdir

    outdir = _check(args)
    files = _inputs(args, outdir)
    config = RunConfig(
        workers=args.workers, timeout=args.timeout, keep_text=not args.no_text, executor=args.executor,
        scheduler=args.scheduler, fn_spec=os.environ.get(DOC_FN_ENV) or DEFAULT_DOC_FN,
        limits=Limits(max_bytes=args.max_bytes, max_chars=args.max_chars, max_pages=args.max_pages,
                      max_ocr_pages=args.max_ocr_pages),
        max_memory=args.max_memory,
    )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with output_lock(outdir):  # one lock over the run and the build: no load in between
            summary = run_batch(files, outdir, config)
            built = build_outputs(outdir)
    except (RuntimeError, OutsideOutdir) as exc:  # FolderBusy, WorkerStartError, no Dask scheduler
        raise UsageError(str(exc)) from None
    print(format_summary(summary), file=sys.stderr)
    print(skipped_line(getattr(args, "skipped", [])), file=sys.stderr)
    print(f"wrote {outdir}/records.jsonl ({built.records} records), {outdir}/parquet/ "
          f"({len(built.rows)} tables), {outdir}/vnadmin.db", file=sys.stderr)
    return 1 if summary.errors else 0
