"""Output paths: fixed names inside OUTDIR, never outside it."""

from __future__ import annotations

from pathlib import Path

RECORDS = "records.jsonl"
DATABASE = "vnadmin.db"
PARQUET_DIR = "parquet"
DUPLICATES = "duplicates.tsv"
SUMMARY = "summary.json"
DATASETTE_METADATA = "datasette-metadata.json"
LOCK = ".vnadmin-extract.lock"


class OutsideOutdir(ValueError):
    """A path under OUTDIR resolves outside it (a symbolic link pointing out)."""


def inside(outdir: str | Path, *parts: str) -> Path:
    """``OUTDIR/parts...``, refusing anything that resolves outside OUTDIR.

    >>> inside("/tmp/out", "parquet", "awards.parquet").name
    'awards.parquet'
    """
    root = Path(outdir).resolve()
    target = root.joinpath(*parts)
    resolved = target.resolve()
    if resolved != root and root not in resolved.parents:
        raise OutsideOutdir(f"{target} resolves to {resolved}, outside the output folder {root}")
    return target
