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
import os
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
from ..ingest.limits import DocumentTimeout, Limits, time_budget
from ..ingest.limits import current as current_limits
from ..ingest.limits import set_default as set_default_limits
from ..ingest.limits import use as use_limits
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
    except MemoryError:
        return error_record(task, errors.E_TOO_LARGE, "out of memory (see --max-memory and the size limits)")
    except Exception as exc:  # a bug in one document must not stop the run
        return error_record(task, errors.E_INTERNAL, _describe(exc))


def _budgeted_record(task: Task, keep_text: bool, fn_spec: str, timeout: float) -> Record:
    # In a process's main thread (a local worker): the time budget's alarm interrupts the
    # document wherever it is (limits.time_budget); the record says E_TIMEOUT.
    try:
        with time_budget(timeout):
            return _make_record(task, keep_text, fn_spec)
    except DocumentTimeout as exc:
        return error_record(task, errors.E_TIMEOUT, str(exc))


def _record_with_timeout(task: Task, keep_text: bool, fn_spec: str, timeout: float,
                         lim: Limits | None = None) -> Record:
    # Where the caller cannot kill a process (a Dask worker thread), a document that hangs
    # is abandoned in a daemon thread and recorded as timed out. The readers in the thread
    # still see the budget and stop early (no alarm outside the main thread).
    box: list[Record] = []

    def target() -> None:
        with use_limits(lim or current_limits()), time_budget(timeout):
            box.append(_make_record(task, keep_text, fn_spec))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if box:
        return box[0]
    return error_record(task, errors.E_TIMEOUT, f"no result after {timeout:g} s; the document was abandoned")


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def process_document(task: Task, keep_text: bool = True, fn_spec: str = DEFAULT_DOC_FN,
                     timeout: float | None = None, limits: Limits | None = None) -> DocResult:
    """One document, whatever happens: the record line and its summary figures.

    ``limits`` are the run's (``ingest.limits``); ``timeout`` the seconds the document may
    take: an alarm in a process's main thread, an abandoned thread elsewhere.
    """
    t0 = time.perf_counter()
    with use_limits(limits or current_limits()):
        if timeout and _main_thread():
            rec = _budgeted_record(task, keep_text, fn_spec, timeout)
        elif timeout:
            rec = _record_with_timeout(task, keep_text, fn_spec, timeout, limits)
        else:
            rec = _make_record(task, keep_text, fn_spec)
    try:
        line = rec.model_dump_json()
    except Exception as exc:  # a value the JSON encoder refuses must not lose the document
        rec = error_record(task, errors.E_INTERNAL, f"the record could not be written as JSON: {_describe(exc)}")
        line = rec.model_dump_json()
    return DocResult(
        key=task.key, doc_id=rec.doc_id, line=line, error_code=rec.error.code if rec.error else None,
        awards=len(rec.awards), seconds=time.perf_counter() - t0,
        max_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


def worker_main(conn: Any, keep_text: bool, fn_spec: str, limits: Limits | None = None,
                timeout: float | None = None, max_memory: int | None = None,
                parent_pid: int | None = None) -> None:
    """A local worker: receive a Task, send back its DocResult, until told to stop (None).

    The run's limits become the process default; ``timeout`` is the document's budget
    inside the worker (the parent kills the worker a little later, for code a signal
    cannot interrupt); ``max_memory`` caps the process's address space (bytes). The
    worker exits when ``parent_pid`` (the run) is gone, even in the middle of a document.
    """
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the workers itself, so a
    # signal sent to the whole process group does not turn queued documents into failures.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if parent_pid:
        exit_with_parent(parent_pid)
    if limits is not None:
        set_default_limits(limits)
    if max_memory:
        _limit_memory(max_memory)
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
            conn.send(process_document(task, keep_text, fn_spec, timeout=timeout, limits=limits))
        except (BrokenPipeError, OSError):
            return


def _limit_memory(max_bytes: int) -> None:
    """Cap the address space: a document that needs more gets MemoryError (its record says
    E_TOO_LARGE) or kills its worker (E_INTERNAL), instead of the machine swapping."""
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - platform without it
        pass


_PR_SET_PDEATHSIG = 1


def exit_with_parent(parent_pid: int, interval: float = 0.5) -> None:
    """Die when the run that started this worker dies (``kill -9`` of the parent alone).

    The kernel sends SIGKILL when this process's parent exits (``PR_SET_PDEATHSIG``; with
    the fork server that parent is the server, which exits with the run). A thread also
    checks every ``interval`` seconds that ``parent_pid`` lives, for a parent that died
    before the first check and for platforms without prctl.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass

    def watch() -> None:
        while True:
            if not _alive(parent_pid):
                os._exit(3)
            time.sleep(interval)

    threading.Thread(target=watch, name="vnadmin-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a pid reused by another user's process
        return False
    return True
