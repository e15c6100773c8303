"""Batch runs: many documents -> OUTDIR/records.jsonl, in parallel, resumable.

``run_batch(files, outdir, config)`` hashes every input, skips documents that
records.jsonl already holds (resume, idempotence) and identical files under other paths
(duplicates), processes the rest with the chosen executor and appends one record line
per document as each finishes. Building the tables from records.jsonl is the store's
job (``store.build_outputs``).
"""

from __future__ import annotations

import heapq
import json
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..ingest.limits import Limits
from ..store.paths import DUPLICATES, LOCK, RECORDS, SUMMARY, fresh_tmp, inside
from . import journal
from .local import default_context, run_local
from .progress import Progress
from .tasks import Plan, Task, display_path, plan
from .worker import DEFAULT_DOC_FN, DocResult


@dataclass
class RunConfig:
    workers: int | None = None  # None: all cores
    timeout: float = 60.0  # seconds per document
    limits: Limits = field(default_factory=Limits)  # sizes and pages (ingest.limits); its timeout unused
    max_memory: int | None = None  # bytes of address space per local worker (None: no cap)
    keep_text: bool = True
    executor: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # Dask scheduler address
    fn_spec: str = DEFAULT_DOC_FN
    progress: bool | None = None  # None: a bar on a terminal, log lines otherwise
    progress_interval: float = 10.0
    fsync: bool = True
    mp_context: Any = None
    dask_client: Any = None  # an existing distributed.Client (tests, notebooks)


@dataclass
class RunSummary:
    inputs: int = 0  # paths given
    documents: int = 0  # distinct documents among them
    duplicates: list[dict[str, str]] = field(default_factory=list)
    already_done: int = 0  # found in records.jsonl from an earlier run
    processed: int = 0  # processed by this run
    errors_by_code: dict[str, int] = field(default_factory=dict)  # over all the documents
    awards: int = 0  # over all the documents
    seconds: float = 0.0
    docs_per_second: float = 0.0
    peak_worker_rss_mb: float = 0.0
    repaired_bytes: int = 0
    bad_lines: int = 0
    slowest: list[dict[str, Any]] = field(default_factory=list)  # this run's slowest documents

    @property
    def errors(self) -> int:
        return sum(self.errors_by_code.values())

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "errors": self.errors}


class _Sink:
    """Writes each result and keeps the figures (runs in the parent only)."""

    def __init__(self, journal_: journal.Journal, progress: Progress) -> None:
        self.journal, self.progress = journal_, progress
        self.results: dict[str, tuple[str | None, int]] = {}
        self.doc_ids: set[str] = set()
        self.peak_rss_kb = 0
        self.slowest: list[tuple[float, str, str | None]] = []  # (seconds, key, error), the worst few
        self.paths: dict[str, str] = {}

    def __call__(self, result: DocResult) -> None:
        if result.key not in self.results:
            self.journal.append(result.line)
            self.results[result.key] = (result.error_code, result.awards)
            self.doc_ids.add(result.doc_id)
            heapq.heappush(self.slowest, (result.seconds, result.key, result.error_code))
            if len(self.slowest) > 5:
                heapq.heappop(self.slowest)
        self.peak_rss_kb = max(self.peak_rss_kb, result.max_rss_kb)
        self.progress.update(result.error_code is not None)


def _todo(p: Plan, done: dict[str, journal.DoneDoc]) -> tuple[list[Task], dict[str, journal.DoneDoc]]:
    todo, found = [], {}
    for task in p.tasks:
        prior = done.get(task.key) or done.get(task.path_key)
        if prior is None:
            todo.append(task)
        else:
            found[task.key] = prior
    return todo, found


def run_batch(files: list[Path], outdir: str | Path, config: RunConfig | None = None) -> RunSummary:
    """Process ``files`` into ``OUTDIR/records.jsonl``; returns the summary (also written to
    OUTDIR/summary.json, with duplicates listed in OUTDIR/duplicates.tsv)."""
    config = config or RunConfig()
    t0 = time.perf_counter()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    records = inside(out, RECORDS)
    jr = journal.Journal(records, inside(out, LOCK), fsync=config.fsync)
    jr.lock()
    try:
        summary = RunSummary(repaired_bytes=journal.repair(records))
        prior = journal.scan(records)
        summary.bad_lines = prior.bad_lines
        the_plan = plan(files, config.limits.max_bytes)
        todo, found = _todo(the_plan, prior.done)
        summary.inputs, summary.documents = the_plan.inputs, len(the_plan.tasks)
        summary.duplicates = [asdict(d) for d in the_plan.duplicates]
        summary.already_done = len(found)
        progress = Progress(len(todo), tty=config.progress, interval=config.progress_interval)
        sink = _Sink(jr, progress)
        jr.open()
        try:
            _execute(todo, sink, config)
        finally:
            progress.close()
        summary.processed = len(sink.results)
        figures = [(d.error_code, d.awards) for d in found.values()] + list(sink.results.values())
        summary.errors_by_code = dict(sorted(Counter(code for code, _ in figures if code).items()))
        summary.awards = sum(n for _, n in figures)
        summary.peak_worker_rss_mb = round(sink.peak_rss_kb / 1024, 1)
        where = {t.key: t.path for t in todo}
        summary.slowest = [{"path": display_path(where.get(key, "")), "seconds": round(sec, 2), "error": code}
                           for sec, key, code in sorted(sink.slowest, reverse=True)]
    finally:
        jr.close()
    summary.seconds = round(time.perf_counter() - t0, 3)
    summary.docs_per_second = round(summary.processed / summary.seconds, 2) if summary.seconds else 0.0
    _write_reports(out, summary)
    return summary


def _execute(todo: list[Task], sink: _Sink, config: RunConfig) -> None:
    if config.executor == "dask":
        from .dask_exec import run_dask

        run_dask(todo, sink, scheduler=config.scheduler or "", timeout=config.timeout,
                 keep_text=config.keep_text, fn_spec=config.fn_spec, client=config.dask_client,
                 limits=config.limits)
    elif config.executor == "local":
        run_local(todo, sink, workers=config.workers, timeout=config.timeout, keep_text=config.keep_text,
                  fn_spec=config.fn_spec, ctx=config.mp_context or default_context(), limits=config.limits,
                  max_memory=config.max_memory)
    else:
        raise ValueError(f"unknown executor {config.executor!r} (local or dask)")


def _atomic_write(path: Path, text: str) -> None:
    tmp = fresh_tmp(path)
    with open(tmp, "x", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def tsv_field(value: str) -> str:
    """A path as one TSV field: backslash, tab, newline and carriage return escaped (a file
    name may hold any of them), bytes that are not UTF-8 as ``\\xff``."""
    value = display_path(value)
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _write_reports(out: Path, summary: RunSummary) -> None:
    rows = ["path\tduplicate_of\tsha256"] + [
        f"{tsv_field(d['path'])}\t{tsv_field(d['duplicate_of'])}\t{d['key']}" for d in summary.duplicates
    ]
    _atomic_write(inside(out, DUPLICATES), "\n".join(rows) + "\n")
    _atomic_write(inside(out, SUMMARY), json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")


def format_summary(s: RunSummary) -> str:
    """The end-of-run report, for people."""
    errors = ", ".join(f"{code} {n}" for code, n in s.errors_by_code.items()) or "none"
    lines = [
        f"documents: {s.documents} ({s.inputs} input files, {len(s.duplicates)} duplicates; "
        f"{s.processed} processed now, {s.already_done} already done)",
        f"errors: {s.errors} ({errors})",
        f"awards found: {s.awards}",
        f"time: {s.seconds:.1f} s, {s.docs_per_second:.1f} docs/s"
        + (f", peak worker memory {s.peak_worker_rss_mb:.0f} MB" if s.peak_worker_rss_mb else ""),
    ]
    if s.slowest and s.slowest[0]["seconds"] >= 5:
        worst = s.slowest[0]
        lines.append(f"slowest: {worst['path']} ({worst['seconds']:.1f} s"
                     + (f", {worst['error']})" if worst["error"] else ")"))
    for d in s.duplicates[:10]:
        lines.append(f"duplicate: {d['path']} is identical to {d['duplicate_of']}")
    if len(s.duplicates) > 10:
        lines.append(f"... {len(s.duplicates) - 10} more duplicates in {DUPLICATES}")
    if s.repaired_bytes:
        lines.append(f"repaired records.jsonl: removed a cut last line ({s.repaired_bytes} bytes)")
    if s.bad_lines:
        lines.append(f"warning: records.jsonl has {s.bad_lines} unreadable lines; those documents were redone")
    return "\n".join(lines)
