"""Output paths: fixed names inside OUTDIR, never outside it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

RECORDS = "records.jsonl"
DATABASE = "vnadmin.db"
PARQUET_DIR = "parquet"
DUPLICATES = "duplicates.tsv"
SUMMARY = "summary.json"
DATASETTE_METADATA = "datasette-metadata.json"
QUARANTINE = "quarantine.jsonl"
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
    """A new temporary name next to ``target`` to write it under before renaming it over.

    Each call gets its own name (process id and a random part), created empty with
    ``O_EXCL``: two writers never share a temporary file, and a symbolic link planted under
    some name is never written through. ``discard`` removes it when the write fails.
    """
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise OutsideOutdir(f"cannot create a temporary file next to {target}")  # pragma: no cover


def discard(tmp: Path) -> None:
    """Remove a temporary file after a failed write (and SQLite's journal beside it)."""
    for p in (tmp, tmp.with_name(tmp.name + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass


def stale_tmps(folder: Path) -> list[Path]:
    """Temporary files left by a writer that was killed (call with the folder's lock held)."""
    try:
        return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith((".tmp", ".tmp-journal"))]
    except OSError:
        return []
