"""Turning PATH arguments into a sorted, stable list of input files.

Folders are searched recursively. Symbolic links to files inside the folder are inputs
like the files (a link that loops or points nowhere gets its error record when it is
read); links that leave the folder (to ``/etc/passwd``, ``/proc/self/status``) and links to
folders are not followed unless asked (``follow_links``): an archive's links can point
anywhere, up to ``/``. A file named on the command line is read wherever it points. When they are followed, every folder is visited once, known by its
device and inode, so a link to a parent or to itself cannot send the walk round forever.
What was left out (links not followed, loops, folders that cannot be listed) is told in
``notes``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import UsageError

# Files that are never documents: gold annotations, sidecars, hidden files.
_SKIP_SUFFIXES = (".gold.json", ".json", ".jsonl", ".toml", ".yaml", ".yml", ".py", ".pyc")
_SKIP_NAMES = {"README.md", "SOURCES.tsv", "LEADS.md"}


def _leaves(path: str, root: Path) -> bool:
    """A symbolic link under ``root`` whose target is outside it (or cannot be resolved)."""
    try:
        target = Path(path).resolve(strict=False)
    except (OSError, RuntimeError):
        return False  # a loop: kept, its record says why
    return target != root and root not in target.parents


def _walk(root: Path, follow_links: bool, notes: list[str]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    skipped_links: list[str] = []
    leaving: list[str] = []
    real_root = root.resolve()

    def cannot_list(err: OSError) -> None:
        notes.append(f"cannot list {err.filename}: {err.strerror or err}; its files are not inputs")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_links, onerror=cannot_list):
        if follow_links:
            try:
                st = os.stat(dirpath)
            except OSError as exc:
                notes.append(f"cannot list {dirpath}: {exc.strerror or exc}")
                dirnames[:] = []
                continue
            if (st.st_dev, st.st_ino) in seen:
                notes.append(f"skipped {dirpath}: a folder already searched (a loop of symbolic links)")
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
        else:
            skipped_links += [os.path.join(dirpath, d) for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in _SKIP_NAMES or name.endswith(_SKIP_SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            if not follow_links and os.path.islink(path) and _leaves(path, real_root):
                leaving.append(path)  # /etc/passwd, /proc/self/status: not the archive's to give
                continue
            yield Path(path)
    if leaving:
        shown = ", ".join(leaving[:3]) + (f" and {len(leaving) - 3} more" if len(leaving) > 3 else "")
        notes.append(f"not followed: {len(leaving)} symbolic link(s) to files outside {root} ({shown}); "
                     "give --follow-links to read them")
    if skipped_links:
        shown = ", ".join(skipped_links[:3]) + (f" and {len(skipped_links) - 3} more" if len(skipped_links) > 3 else "")
        notes.append(f"not followed: {len(skipped_links)} symbolic link(s) to folders ({shown}); "
                     "give --follow-links to search them")


def expand_inputs(paths: Iterable[str], follow_links: bool = False, notes: list[str] | None = None) -> list[Path]:
    """Files named and files found under folders (recursive, sorted). Unknown path: UsageError."""
    notes = notes if notes is not None else []
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(_walk(p, follow_links, notes))
        elif p.exists() or p.is_symlink():
            out.append(p)
        else:
            raise UsageError(f"no such file or folder: {raw!r} (give files or folders of documents)")
    return out
