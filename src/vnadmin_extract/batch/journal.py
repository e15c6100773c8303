"""records.jsonl as the run's manifest: append-only, one fsync'd line per document.

The file is its own manifest: a document is done when a whole line holds a record whose
``source.sha256`` is the document's key. Each record is written with one ``write`` of
the line and its newline on an ``O_APPEND`` descriptor, then ``fsync``'d, so a run
killed at any moment leaves whole lines plus at most one cut last line; ``repair`` cuts
that line off (or restores its newline when the line is whole) before a run appends.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DoneDoc:
    doc_id: str
    error_code: str | None
    awards: int


@dataclass
class Scan:
    done: dict[str, DoneDoc] = field(default_factory=dict)  # key (source.sha256) -> summary
    lines: int = 0
    bad_lines: int = 0
    repaired_bytes: int = 0  # bytes of a cut last line removed


def repair(path: Path) -> int:
    """Make ``path`` end at a line end; returns the number of bytes cut off."""
    if not path.exists():
        return 0
    with open(path, "rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return 0
        pos, tail = size, b""
        while pos > 0 and b"\n" not in tail:
            step = min(65536, pos)
            pos -= step
            fh.seek(pos)
            tail = fh.read(step) + tail
        cut = pos + tail.rfind(b"\n") + 1  # 0 when the file has no newline at all
        fragment = tail[tail.rfind(b"\n") + 1:]
        try:
            whole = isinstance(json.loads(fragment), dict)
        except ValueError:
            whole = False
        if whole:  # killed between the record and its newline: keep the record
            fh.seek(0, os.SEEK_END)
            fh.write(b"\n")
            fh.flush()
            os.fsync(fh.fileno())
            return 0
        fh.truncate(cut)
        fh.flush()
        os.fsync(fh.fileno())
        return size - cut


def scan(path: Path) -> Scan:
    """What records.jsonl already holds, keyed by source sha256 (after ``repair``)."""
    out = Scan()
    if not path.exists():
        return out
    with open(path, "rb") as fh:
        for raw in fh:
            out.lines += 1
            try:
                rec = json.loads(raw)
                key = rec["source"]["sha256"]
                doc = DoneDoc(rec["doc_id"], (rec.get("error") or {}).get("code"), len(rec.get("awards") or []))
            except (ValueError, KeyError, TypeError):
                out.bad_lines += 1
                continue
            out.done.setdefault(key, doc)
    return out


class JournalWriteError(OSError):
    """A record could not be written (a full disk, a read-only folder): the run stops."""


class Journal:
    """Appends record lines durably; holds an exclusive lock on the output folder."""

    _write = staticmethod(os.write)  # the tests put a full disk here

    def __init__(self, path: Path, lock_path: Path, fsync: bool = True) -> None:
        self.path, self.lock_path, self.fsync = path, lock_path, fsync
        self._fd: int | None = None
        self._lock: int | None = None

    def lock(self) -> None:
        """Refuse a second run writing the same folder (the lock dies with the process)."""
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RuntimeError(f"another run is writing to {self.lock_path.parent}") from None
        self._lock = fd

    def open(self) -> None:
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def append(self, line: str) -> None:
        """Write one record line durably, or raise ``JournalWriteError`` having cut off what
        was written of it (the journal keeps only whole lines, so the rerun completes it)."""
        assert self._fd is not None, "Journal.open() first"
        data = (line + "\n").encode("utf-8")
        view = memoryview(data)
        start = os.lseek(self._fd, 0, os.SEEK_END)  # where an O_APPEND write lands (one writer: the lock)
        try:
            while view:  # one write in practice; a short write continues the same line
                written = self._write(self._fd, view)
                view = view[written:]
            if self.fsync:
                os.fsync(self._fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, start)
            raise JournalWriteError(exc.errno, f"cannot write a record to {self.path}: {exc.strerror or exc}; "
                                               "nothing was lost: fix that and run the same command again "
                                               "to finish the documents not yet written") from exc

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            os.close(self._lock)
            self._lock = None
