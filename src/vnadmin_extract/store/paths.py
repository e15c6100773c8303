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
    for part in parts:
        if Path(part).is_absolute() or ".." in Path(part).parts:
            raise OutsideOutdir(f"{part!r} is not a name inside the output folder {root}")
    target = root.joinpath(*parts)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise OutsideOutdir(f"{target} cannot be resolved: {exc}") from exc
    if resolved != root and root not in resolved.parents:
        raise OutsideOutdir(f"{target} resolves to {resolved}, outside the output folder {root}")
    return target


def fresh_tmp(target: Path) -> Path:
    """The temporary name a file is written under before it is renamed to ``target``.

    A leftover of that name (a run killed while writing, or a symbolic link planted there)
    is removed first: writing through a link would put the bytes wherever it points, and
    the rename would then make ``target`` itself that link.
    """
    tmp = target.with_name(f".{target.name}.tmp")
    if tmp.is_symlink() or tmp.is_file():
        tmp.unlink()
    elif tmp.exists():
        raise OutsideOutdir(f"{tmp} is in the way (not a file); remove it")
    return tmp
