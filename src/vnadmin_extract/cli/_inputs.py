"""Turning PATH arguments into a sorted, stable list of input files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import UsageError

# Files that are never documents: gold annotations, sidecars, hidden files.
_SKIP_SUFFIXES = (".gold.json", ".json", ".jsonl", ".toml", ".yaml", ".yml", ".py", ".pyc")
_SKIP_NAMES = {"README.md", "SOURCES.tsv", "LEADS.md"}


def _walk(root: Path) -> Iterator[Path]:
    # os.walk without following links: a symlink loop cannot trap us.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in _SKIP_NAMES or name.endswith(_SKIP_SUFFIXES):
                continue
            yield Path(dirpath) / name


def expand_inputs(paths: Iterable[str]) -> list[Path]:
    """Files named and files found under folders (recursive, sorted). Unknown path: UsageError."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(_walk(p))
        elif p.exists() or p.is_symlink():
            out.append(p)
        else:
            raise UsageError(f"no such file or folder: {raw!r} (give files or folders of documents)")
    return out
