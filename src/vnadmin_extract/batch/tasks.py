"""Planning a run: hash every input, group identical files, build error records.

A document is known by the sha256 of its bytes (``Record.source.sha256``), so the same
file under two paths is one document, processed once. A file that cannot be read, or
that is over ``--max-bytes`` (it is not read, so not hashed either), is known by the
sha256 of ``"path:" + path``, as ``pipeline.process_file`` does. Only regular files are
opened, without blocking: a named pipe or a link to ``/dev/zero`` in an input folder
cannot stall the planning.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VnAdminError
from ..ingest import open_regular
from ..ingest.limits import DEFAULT
from ..paths import display_path, path_key
from ..schema import ErrorInfo, Record, Source


@dataclass(frozen=True)
class Task:
    """One document to process: where it is and the key it will be recorded under."""

    path: str
    key: str  # sha256 hex of the bytes, or of "path:<path>" when unreadable
    size: int | None = None

    @property
    def path_key(self) -> str:
        return path_key(self.path)


@dataclass(frozen=True)
class Duplicate:
    path: str
    duplicate_of: str
    key: str


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)  # one per distinct document, input order
    duplicates: list[Duplicate] = field(default_factory=list)
    inputs: int = 0




def file_key(path: str, max_bytes: int | None = None) -> tuple[str, int | None]:
    """(sha256 of the bytes, size); (path key, size) for a file over ``max_bytes``, which is
    not read; (path key, None) when the file cannot be read or is not a regular file."""
    limit = DEFAULT.max_bytes if max_bytes is None else max_bytes
    try:
        fd, size = open_regular(path)
    except VnAdminError:
        return path_key(path), None
    try:
        if size > limit:
            return path_key(path), size
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            digest = hashlib.file_digest(fh, "sha256")
            return digest.hexdigest(), fh.tell()
    except OSError:
        return path_key(path), None
    finally:
        if fd >= 0:
            os.close(fd)


def plan(files: list[Path], max_bytes: int | None = None) -> Plan:
    """Tasks for ``files`` in order, the first path of identical files standing for all."""
    out = Plan(inputs=len(files))
    first: dict[str, str] = {}
    for f in files:
        path = str(f)
        key, size = file_key(path, max_bytes)
        if key in first:
            out.duplicates.append(Duplicate(path, first[key], key))
            continue
        first[key] = path
        out.tasks.append(Task(path, key, size))
    return out


def error_record(task: Task, code: str, message: str) -> Record:
    """The record of a document whose processing failed outside the pipeline."""
    suffix = Path(task.path).suffix.lower().lstrip(".")
    source = Source(path=display_path(task.path), format=suffix or "txt", sha256=task.key, bytes=task.size or 0)
    message = message.encode("utf-8", errors="replace").decode("utf-8")  # no lone surrogates
    return Record(doc_id=task.key[:16], source=source, text=None, error=ErrorInfo(code=code, message=message))
