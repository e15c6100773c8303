"""The Dask executor: the same per-document function on a Dask distributed cluster.

Workers must reach the input paths (a shared file system or the same folder layout on
every machine); the results come back to this process, which writes every output, so
OUTDIR only needs to exist here. A worker that dies is retried by Dask on another
worker (``distributed.scheduler.allowed-failures``); a document that keeps killing
workers ends as ``KilledWorker`` and gets an E_INTERNAL record. A document that hangs is
abandoned after the timeout inside the worker (``process_document(timeout=...)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import errors
from ..ingest.limits import Limits
from .local import OnResult, _result_of
from .tasks import Task
from .worker import process_document

# Futures in flight at once, per worker thread: enough to keep workers busy, few enough
# that the results (whole records with text) do not pile up in memory.
_IN_FLIGHT_PER_THREAD = 4


def run_dask(tasks: Iterable[Task], on_result: OnResult, *, scheduler: str, timeout: float = 60.0,
             keep_text: bool = True, fn_spec: str, client: Any = None, limits: Limits | None = None) -> None:
    """Process ``tasks`` on the cluster at ``scheduler``, calling ``on_result`` once per task."""
    from distributed import Client, as_completed

    own = client is None
    if client is None:
        try:
            client = Client(scheduler, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        pending = iter(tasks)
        submitted: dict[Any, Task] = {}

        def submit(n: int) -> list[Any]:
            futures = []
            for task in pending:
                fut = client.submit(process_document, task, keep_text, fn_spec, timeout, limits,
                                    key=f"vnadmin-{task.key}", pure=False)
                submitted[fut] = task
                futures.append(fut)
                if len(futures) >= n:
                    break
            return futures

        queue = as_completed(submit(threads * _IN_FLIGHT_PER_THREAD), loop=client.loop)
        for fut in queue:
            task = submitted.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:  # KilledWorker, a lost connection, ...
                result = _result_of(task, errors.E_INTERNAL, f"on the Dask cluster: {type(exc).__name__}: {exc}")
            fut.release()
            on_result(result)
            for new in submit(1):
                queue.add(new)
    finally:
        if own:
            client.close()
