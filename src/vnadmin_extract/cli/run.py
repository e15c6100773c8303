"""``vnadmin-extract run INPUT... -o OUTDIR``: the bulk job (records.jsonl, Parquet, SQLite)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import UsageError
from ._inputs import expand_inputs

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
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--executor dask needs dask[distributed]: pip install 'dask[distributed]'") from None
    return outdir


def _inputs(args: argparse.Namespace, outdir: Path) -> list[Path]:
    # Outputs are never inputs: a run writing into a folder it reads must not read its own files.
    root = outdir.resolve()
    files = [f for f in expand_inputs(args.inputs) if root not in f.resolve().parents]
    if not files:
        raise UsageError("no documents found in the inputs")
    if args.executor == "dask":  # the workers need paths that mean the same on every machine
        files = [f.absolute() for f in files]
    return files


def run(args: argparse.Namespace) -> int:
    from ..batch import DEFAULT_DOC_FN, DOC_FN_ENV, RunConfig, format_summary, run_batch
    from ..store import build_outputs
    from ..store.paths import OutsideOutdir

    outdir = _check(args)
    files = _inputs(args, outdir)
    config = RunConfig(
        workers=args.workers, timeout=args.timeout, keep_text=not args.no_text, executor=args.executor,
        scheduler=args.scheduler, fn_spec=os.environ.get(DOC_FN_ENV) or DEFAULT_DOC_FN,
    )
    try:
        summary = run_batch(files, outdir, config)
        built = build_outputs(outdir)
    except (RuntimeError, OutsideOutdir) as exc:  # another run holds OUTDIR; a link points out
        raise UsageError(str(exc)) from None
    print(format_summary(summary), file=sys.stderr)
    print(f"wrote {outdir}/records.jsonl ({built.records} records), {outdir}/parquet/ "
          f"({len(built.rows)} tables), {outdir}/vnadmin.db", file=sys.stderr)
    return 1 if summary.errors else 0
