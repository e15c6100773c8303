"""The local executor: worker processes, each with a short queue of documents and a deadline.

Each worker is a process with its own pipe. It is sent up to ``prefetch`` tasks at once
(so it never waits for the parent between two documents) and answers them in order.
The parent waits on every pipe and every process sentinel at once, so it sees a result,
a worker that died (killed, segfault, out of memory) or a deadline that passed. The
deadline runs from the moment the worker could start the document (the previous answer,
or the send). On a death or a timeout the document at the head of that worker's queue
gets an error record, the worker is replaced and the rest of its queue is sent again.

Two deadlines: inside the worker the document has ``timeout`` seconds (an alarm stops it
wherever it is and the worker answers E_TIMEOUT itself, with the file's facts); the
parent waits ``grace`` seconds more before it kills a worker stuck where a signal cannot
reach (C code of a converter or a parser). A worker that timed out is replaced either
way: what a document interrupted mid-way leaves behind is not worth keeping.
A ``multiprocessing.Pool`` cannot do this: it loses a task whose worker dies and cannot
stop one task that hangs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from typing import Any

from .. import errors
from ..ingest.limits import Limits
from .tasks import Task, error_record
from .worker import READY, DocResult, worker_main

OnResult = Callable[[DocResult], None]
# A worker that dies before saying it is ready is not a document's fault; after this many
# in a row the run stops instead of failing every document.
MAX_FAILED_STARTS = 3


class WorkerStartError(RuntimeError):
    """Worker processes die before they can take a document."""


def default_context() -> Any:
    """forkserver on POSIX: workers fork from a clean server that preloaded the pipeline,
    so starting or replacing one is cheap and safe even when the parent has threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["vnadmin_extract.batch.worker", "vnadmin_extract.pipeline",
                                    "vnadmin_extract.batch.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


def _result_of(task: Task, code: str, message: str) -> DocResult:
    rec = error_record(task, code, message)
    return DocResult(task.key, rec.doc_id, rec.model_dump_json(), code, 0, 0.0, 0)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
    else:
        how = f"exited with status {exitcode}"
    return f"the worker process {how} while processing this document"


def grace_for(timeout: float) -> float:
    """Seconds the parent waits past the document's own budget before killing its worker."""
    return min(60.0, max(5.0, 0.25 * timeout))


class _Slot:
    def __init__(self, ctx: Any, keep_text: bool, fn_spec: str, timeout: float,
                 limits: Limits | None = None, max_memory: int | None = None) -> None:
        self.ctx, self.keep_text, self.fn_spec, self.timeout = ctx, keep_text, fn_spec, timeout
        self.limits, self.max_memory = limits, max_memory
        self.hard_timeout = timeout + grace_for(timeout)
        self.queue: deque[Task] = deque()
        self.deadline = 0.0
        self.failed_starts = 0
        self.start()

    def start(self) -> None:
        parent, child = self.ctx.Pipe(duplex=True)
        args = (child, self.keep_text, self.fn_spec, self.limits, self.timeout, self.max_memory, os.getpid())
        self.proc = self.ctx.Process(target=worker_main, args=args, name="vnadmin-extract-worker", daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.ready = False

    def stop(self, kill: bool = False) -> None:
        if kill and self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()

    def restart(self) -> list[Task]:
        """Replace the process; returns the queued tasks it never started."""
        self.stop(kill=True)
        unstarted, self.queue = list(self.queue), deque()
        self.start()
        return unstarted

    def give(self, task: Task) -> bool:
        try:
            self.conn.send(task)
        except (BrokenPipeError, OSError):
            return False
        if not self.queue:
            self.deadline = time.monotonic() + self.hard_timeout
        self.queue.append(task)
        return True

    def collect(self, ready: set[Any], on_result: OnResult) -> list[Task]:
        """Hand on every answer that arrived; on a death or timeout, the error record.
        Returns tasks to send again (queued behind the failed one)."""
        alive = self.proc.is_alive()
        timed_out = False
        if self.conn in ready or not alive:  # a dead worker's last answers are still read
            while (result := self._receive()) is not None:
                self.deadline = time.monotonic() + self.hard_timeout
                if isinstance(result, str) and result == READY:
                    self.ready, self.failed_starts = True, 0
                    continue
                self.queue.popleft()
                on_result(result)  # a failure to write it stops the run: never swallowed
                if result.error_code == errors.E_TIMEOUT:
                    timed_out = True
                    break
        if timed_out and alive:
            return self.restart()  # a fresh process for the documents queued behind
        if not self.queue:
            return []
        if not alive:
            self.proc.join(timeout=1)
            if not self.ready:
                return self.failed_start()
            head = self.queue.popleft()
            on_result(_result_of(head, errors.E_INTERNAL, _death(self.proc.exitcode)))
            return self.restart()
        if time.monotonic() >= self.deadline:
            if not self.ready:  # stuck starting up: not the document's fault
                return self.failed_start()
            head = self.queue.popleft()
            on_result(_result_of(head, errors.E_TIMEOUT, f"no result after {self.hard_timeout:g} s (the "
                                                         f"per-document timeout of {self.timeout:g} s and "
                                                         f"{self.hard_timeout - self.timeout:g} s of grace); "
                                                         "the worker was killed"))
            return self.restart()
        return []

    def _receive(self) -> Any:
        """The next answer waiting on the pipe, or None (none yet, or the worker died)."""
        try:
            return self.conn.recv() if self.conn.poll() else None
        except (EOFError, OSError):
            return None  # the worker died: collect() handles it

    def failed_start(self) -> list[Task]:
        self.failed_starts += 1
        if self.failed_starts >= MAX_FAILED_STARTS:
            raise WorkerStartError(
                f"worker processes exit as they start (status {self.proc.exitcode}); see the error above. "
                "A program that starts a run must be importable by its workers: run it from a file or "
                "with 'python -m', not from standard input"
            )
        return self.restart()


def run_local(tasks: Iterable[Task], on_result: OnResult, *, workers: int | None = None,
              timeout: float = 60.0, keep_text: bool = True, fn_spec: str, ctx: Any = None,
              prefetch: int = 2, limits: Limits | None = None, max_memory: int | None = None) -> None:
    """Process ``tasks`` in ``workers`` processes, calling ``on_result`` once per task."""
    pending = deque(tasks)
    if not pending:
        return
    n = max(1, min(workers or os.cpu_count() or 1, len(pending)))
    ctx = ctx or default_context()
    slots = [_Slot(ctx, keep_text, fn_spec, timeout, limits, max_memory) for _ in range(n)]
    try:
        while True:
            for slot in slots:
                while len(slot.queue) < prefetch and pending:
                    if slot.give(pending[0]):
                        pending.popleft()
                    elif not slot.queue:  # it died between two documents: nothing lost
                        slot.restart() if slot.ready else slot.failed_start()
                    else:
                        break  # it died with work queued: collect() will see it
            busy = [s for s in slots if s.queue]
            if not busy:
                return
            wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
            ready = set(wait([x for s in busy for x in (s.conn, s.proc.sentinel)], timeout=wait_for))
            for slot in busy:
                pending.extendleft(reversed(slot.collect(ready, on_result)))
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in slots:
            slot.stop(kill=bool(slot.queue))
