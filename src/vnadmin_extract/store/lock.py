"""One lock per output folder: the journal's appends and the build of the tables under it.

``run`` holds it from planning to the end of the build, ``load`` while it builds, so two
builds never write the same files at once and a build never reads a journal being written.
The lock is an ``flock`` on OUTDIR/.vnadmin-extract.lock: it dies with the process (a
``kill -9`` never leaves a stale lock). It is re-entrant inside one process: a build
started by a run that already holds the folder does not wait for itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .paths import LOCK, inside


class FolderBusy(RuntimeError):
    """Another process is writing the output folder."""


_held: dict[Path, int] = {}  # resolved OUTDIR -> nesting depth, in this process


@contextlib.contextmanager
def output_lock(outdir: str | Path, *, wait: bool = False) -> Iterator[None]:
    """Hold OUTDIR's lock for the block. ``wait``: block until it is free (saying so on
    stderr); otherwise ``FolderBusy`` at once."""
    root = Path(outdir).resolve()
    if root in _held:
        _held[root] += 1
        try:
            yield
        finally:
            _held[root] -= 1
        return
    fd = os.open(inside(root, LOCK), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise FolderBusy(f"another run (or load) is writing to {root}; "
                                 "wait until it finishes") from None
            print(f"waiting for the run (or load) writing to {root} ...", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held[root] = 1
        try:
            yield
        finally:
            del _held[root]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
