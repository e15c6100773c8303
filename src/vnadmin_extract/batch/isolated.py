"""Documents processed one at a time in a worker process, in order: ``extract``'s default and
the API's ``extract_file(..., timeout=..., max_memory=...)``.

A worker process (``local.run_local``) is what makes the limits hard: the parent kills a
worker stuck where no signal reaches (inside PDFium, a converter) after the time budget and
a grace, and the worker's address space is capped (``RLIMIT_AS``), so a document that
would take the machine's memory gets an error record instead. The records come back in
input order, each as soon as it is ready.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from pathlib import Path

from ..ingest.limits import DEFAULT_MAX_MEMORY, Limits
from ..ingest.limits import current as current_limits
from .local import default_context, run_local
from .tasks import Task, file_key
from .worker import DEFAULT_DOC_FN, DocResult


def process_in_workers(paths: Iterable[str | Path], on_line: Callable[[DocResult], None], *,
                       keep_text: bool = True, timeout: float | None = 60.0,
                       max_memory: int | None = DEFAULT_MAX_MEMORY, limits: Limits | None = None,
                       fn_spec: str = DEFAULT_DOC_FN, workers: int = 1) -> None:
    """Call ``on_line`` with each document's result, in the order of ``paths``."""
    lim = limits or current_limits()
    tasks = []
    for p in paths:
        key, size = file_key(str(p), lim.max_bytes)
        tasks.append(Task(str(p), key, size))
    waiting: dict[str, deque[int]] = defaultdict(deque)  # key -> positions not yet answered
    for i, t in enumerate(tasks):
        waiting[t.key].append(i)
    ready: dict[int, DocResult] = {}
    next_out = 0

    def collect(result: DocResult) -> None:
        nonlocal next_out
        ready[waiting[result.key].popleft()] = result
        while next_out in ready:
            on_line(ready.pop(next_out))
            next_out += 1

    run_local(tasks, collect, workers=workers, timeout=timeout or 1e7, keep_text=keep_text, fn_spec=fn_spec,
              ctx=default_context(), limits=lim, max_memory=max_memory)
