"""The per-document function every executor runs, and the local worker process loop.

``process_document(task, ...)`` turns one ``Task`` into a ``DocResult`` (the record as a
JSON line plus what the summary needs) and never raises. The function that makes the
record is named by a ``"module:function"`` string (default ``pipeline.process_file``),
so that it can travel to worker processes and Dask workers; the ``VNADMIN_EXTRACT_DOC_FN``
environment variable read by the CLI is the injection point for instrumenting runs (the
tests use it to make documents fail, hang or kill their worker).
"""

from __future__ import annotations

import functools
import importlib
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import errors
from ..schema import Record
from .tasks import Task, error_record

DEFAULT_DOC_FN = "vnadmin_extract.pipeline:process_file"
READY = "ready"  # a local worker's first message: it started and can take documents
DOC_FN_ENV = "VNADMIN_EXTRACT_DOC_FN"


@dataclass(frozen=True)
class DocResult:
    key: str  # the task's key (what the manifest knows the document by)
    doc_id: str
    line: str  # the record as one JSON line, without the newline
    error_code: str | None
    awards: int
    seconds: float
    max_rss_kb: int  # peak resident memory of the process that made it


@functools.cache
def resolve(spec: str) -> Callable[..., Any]:
    """``"package.module:function"`` -> the function."""
    module, _, name = spec.partition(":")
    if not module or not name:
        raise ValueError(f"a document function is named 'module:function', not {spec!r}")
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def _make_record(task: Task, keep_text: bool, fn_spec: str) -> Record:
    try:
        rec = resolve(fn_spec)(task.path, keep_text=keep_text)
        if not isinstance(rec, Record):
            raise TypeError(f"{fn_spec} returned {type(rec).__name__}, not a Record")
        return rec
    except Exception as exc:  # a bug in one document must not stop the run
        return error_record(task, errors.E_INTERNAL, _describe(exc))


def _record_with_timeout(task: Task, keep_text: bool, fn_spec: str, timeout: float) -> Record:
    # Where the caller cannot kill a process (a Dask worker thread), a document that hangs
    # is abandoned in a daemon thread and recorded as timed out.
    box: list[Record] = []
    thread = threading.Thread(target=lambda: box.append(_make_record(task, keep_text, fn_spec)), daemon=True)
    thread.start()
    thread.join(timeout)
    if box:
        return box[0]
    return error_record(task, errors.E_TIMEOUT, f"no result after {timeout:g} s; the document was abandoned")


def process_document(task: Task, keep_text: bool = True, fn_spec: str = DEFAULT_DOC_FN,
                     timeout: float | None = None) -> DocResult:
    """One document, whatever happens: the record line and its summary figures."""
    t0 = time.perf_counter()
    if timeout:
        rec = _record_with_timeout(task, keep_text, fn_spec, timeout)
    else:
        rec = _make_record(task, keep_text, fn_spec)
    line = rec.model_dump_json()
    return DocResult(
        key=task.key, doc_id=rec.doc_id, line=line, error_code=rec.error.code if rec.error else None,
        awards=len(rec.awards), seconds=time.perf_counter() - t0,
        max_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


def worker_main(conn: Any, keep_text: bool, fn_spec: str) -> None:
    """A local worker: receive a Task, send back its DocResult, until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        conn.send(READY)
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        try:
            conn.send(process_document(task, keep_text, fn_spec))
        except (BrokenPipeError, OSError):
            return
