"""Turning PATH arguments into a sorted, stable list of input files.

Folders are searched recursively. Symbolic links to files inside the folder are inputs
like the files (a link that loops or points nowhere gets its error record when it is
read); links that leave the folder (to ``/etc/passwd``, ``/proc/self/status``) and links to
folders are not followed unless asked (``follow_links``): an archive's links can point
anywhere, up to ``/``. A file named on the command line is read wherever it points. When they are followed, every folder is visited once, known by its
device and inode, so a link to a parent or to itself cannot send the walk round forever.
What was left out (links not followed, loops, folders that cannot be listed) is told in
``notes``.

Files under a folder whose name matches a skip pattern (``DEFAULT_SKIP``: notes, gold
annotations, sidecars, code; ``run --skip GLOB`` adds patterns, ``--no-default-skip`` drops
these) are not inputs and are counted in ``skipped``; files named on the command line are
always inputs. Hidden files and folders (a leading dot) are never searched.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from . import UsageError

# Files in a folder of documents that are not documents: notes, gold annotations, sidecars, code.
DEFAULT_SKIP = ("README.md", "SOURCES.tsv", "LEADS.md", "*.json", "*.jsonl", "*.toml", "*.yaml", "*.yml",
                "*.py", "*.pyc")


def skip_pattern(name: str, patterns: Sequence[str]) -> str | None:
    """The first pattern matching a file name (case-sensitive, as on the file system)."""
    return next((p for p in patterns if fnmatch.fnmatchcase(name, p)), None)


def _leaves(path: str, root: Path) -> bool:
    """A symbolic link under ``root`` whose target is outside it (or cannot be resolved)."""
    try:
        target = Path(path).resolve(strict=False)
    except (OSError, RuntimeError):
        return False  # a loop: kept, its record says why
    return target != root and root not in target.parents


def _walk(root: Path, follow_links: bool, notes: list[str], skip: Sequence[str] = DEFAULT_SKIP,
          skipped: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
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
            if name.startswith("."):
                continue
            pattern = skip_pattern(name, skip)
            if pattern is not None:
                if skipped is not None:
                    skipped.append((Path(dirpath) / name, pattern))
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


def expand_inputs(paths: Iterable[str], follow_links: bool = False, notes: list[str] | None = None,
                  skip: Sequence[str] = DEFAULT_SKIP, skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files named and files found under folders (recursive, sorted). Unknown path: UsageError.

    ``skipped`` receives (file, pattern) for each file of a folder left out by ``skip``."""
    notes = notes if notes is not None else []
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(_walk(p, follow_links, notes, skip, skipped))
        elif p.exists() or p.is_symlink():
            out.append(p)
        else:
            raise UsageError(f"no such file or folder: {raw!r} (give files or folders of documents)")
    return out
