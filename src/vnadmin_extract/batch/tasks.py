"""Planning a run: hash every input, group identical files, build error records.

A document is known by the sha256 of its bytes (``Record.source.sha256``), so the same
file under two paths is one document, processed once. A file that cannot be read is
known by the sha256 of ``"path:" + path``, as ``pipeline.process_file`` does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

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


def path_key(path: str) -> str:
    return hashlib.sha256(("path:" + path).encode()).hexdigest()


def file_key(path: str) -> tuple[str, int | None]:
    """(sha256 of the bytes, size), or (path key, None) when the file cannot be read."""
    try:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256")
            return digest.hexdigest(), fh.tell()
    except OSError:
        return path_key(path), None


def plan(files: list[Path]) -> Plan:
    """Tasks for ``files`` in order, the first path of identical files standing for all."""
    out = Plan(inputs=len(files))
    first: dict[str, str] = {}
    for f in files:
        path = str(f)
        key, size = file_key(path)
        if key in first:
            out.duplicates.append(Duplicate(path, first[key], key))
            continue
        first[key] = path
        out.tasks.append(Task(path, key, size))
    return out


def error_record(task: Task, code: str, message: str) -> Record:
    """The record of a document whose processing failed outside the pipeline."""
    suffix = Path(task.path).suffix.lower().lstrip(".")
    source = Source(path=task.path, format=suffix or "txt", sha256=task.key, bytes=task.size or 0)
    return Record(doc_id=task.key[:16], source=source, text=None, error=ErrorInfo(code=code, message=message))
