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

from ..ingest.limits import DEFAULT_MAX_MEMORY, Limits
from ..store.lock import output_lock
from ..store.paths import DUPLICATES, LOCK, RECORDS, SUMMARY, discard, fresh_tmp, inside
from ..store.select import Kept, Selection, select
from . import journal
from .local import default_context, run_local
from .progress import Progress
from .tasks import Duplicate, Plan, Task, display_path, plan
from .worker import DEFAULT_DOC_FN, DocResult


@dataclass
class RunConfig:
    workers: int | None = None  # None: all cores
    timeout: float = 60.0  # seconds per document
    limits: Limits = field(default_factory=Limits)  # sizes and pages (ingest.limits); its timeout unused
    max_memory: int | None = DEFAULT_MAX_MEMORY  # bytes of address space per local worker (None: no cap)
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
    """The output folder as a whole (documents, errors, awards, duplicates: every run that
    wrote it, the newest record of each path) and what this run did (inputs, processed)."""

    inputs: int = 0  # paths given to this run
    documents: int = 0  # distinct documents in the output folder
    duplicates: list[dict[str, str]] = field(default_factory=list)  # in the folder, all runs
    already_done: int = 0  # this run's documents found in records.jsonl from an earlier run
    processed: int = 0  # processed by this run
    errors_by_code: dict[str, int] = field(default_factory=dict)  # over the folder's documents
    awards: int = 0  # over the folder's documents
    seconds: float = 0.0
    docs_per_second: float = 0.0
    peak_worker_rss_mb: float = 0.0
    repaired_bytes: int = 0
    bad_lines: int = 0  # lines of records.jsonl set aside (quarantine.jsonl); their documents redone
    superseded: int = 0  # older records of a path that a newer one replaced in the tables
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM: run the same command again
    slowest: list[dict[str, Any]] = field(default_factory=list)  # this run's slowest documents

    @property
    def errors(self) -> int:
        return sum(self.errors_by_code.values())

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "errors": self.errors}


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal; ``summary`` says what is done (written to summary.json)."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__("interrupted")
        self.summary = summary


class _Sink:
    """Writes each result and keeps the figures (runs in the parent only)."""

    def __init__(self, journal_: journal.Journal, progress: Progress, paths: dict[str, str]) -> None:
        self.journal, self.progress, self.paths = journal_, progress, paths
        self.results: dict[str, tuple[str | None, int]] = {}
        self.peak_rss_kb = 0
        self.slowest: list[tuple[float, str, str | None]] = []  # (seconds, key, error), the worst few

    def __call__(self, result: DocResult) -> None:
        if result.key not in self.results:
            self.journal.append(result.line)  # raises JournalWriteError: the run stops
            self.results[result.key] = (result.error_code, result.awards)
            heapq.heappush(self.slowest, (result.seconds, result.key, result.error_code))
            if len(self.slowest) > 5:
                heapq.heappop(self.slowest)
        self.peak_rss_kb = max(self.peak_rss_kb, result.max_rss_kb)
        self.progress.update(result.error_code is not None)


def _todo(p: Plan, chosen: Selection) -> tuple[list[Task], dict[str, Kept]]:
    """Tasks not done yet. A document is done when the tables hold a record of its key and
    its path has no newer record of other bytes (else the file was edited back, or the
    record of its twin's path was superseded). A record keyed by its path (over a limit,
    unreadable) counts only while the file is still so: once it can be read, its bytes'
    key is new and the document is redone."""
    by_key, by_path = chosen.by_key(), chosen.by_path()
    todo, found = [], {}
    for task in p.tasks:
        prior = by_key.get(task.key)
        newest = by_path.get(display_path(task.path))
        if prior is not None and (newest is None or newest.key == task.key):
            found[task.key] = prior
            if prior.path is not None and prior.path != display_path(task.path):  # a twin from an earlier run
                p.duplicates.append(Duplicate(task.path, prior.path, task.key))
        else:
            todo.append(task)
    return todo, found


def run_batch(files: list[Path], outdir: str | Path, config: RunConfig | None = None) -> RunSummary:
    """Process ``files`` into ``OUTDIR/records.jsonl``; returns the summary (also written to
    OUTDIR/summary.json, with duplicates listed in OUTDIR/duplicates.tsv).

    Holds the output folder's lock (``FolderBusy`` if another process has it). A record
    that cannot be written raises ``JournalWriteError``; Ctrl-C or SIGTERM raises
    ``Interrupted`` after writing the summary of what is done.
    """
    config = config or RunConfig()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with output_lock(out):
        return _run_locked(files, out, config)


def _run_locked(files: list[Path], out: Path, config: RunConfig) -> RunSummary:
    t0 = time.perf_counter()
    if config.executor == "local":
        config.mp_context = config.mp_context or default_context()
        _start_fork_server(config.mp_context)  # it loads the pipeline while this process hashes the inputs
    records = inside(out, RECORDS)
    jr = journal.Journal(records, inside(out, LOCK), fsync=config.fsync)
    summary = RunSummary(repaired_bytes=journal.repair(records))
    chosen = select(records)
    summary.bad_lines, summary.superseded = len(chosen.quarantined), chosen.superseded
    the_plan = plan(files, config.limits.max_bytes)
    todo, found = _todo(the_plan, chosen)
    summary.inputs = the_plan.inputs
    summary.already_done = len(found)
    where = {t.key: display_path(t.path) for t in todo}
    progress = Progress(len(todo), tty=config.progress, interval=config.progress_interval)
    sink = _Sink(jr, progress, where)
    interrupted: KeyboardInterrupt | None = None
    jr.open()
    try:
        _execute(todo, sink, config)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM turned into it by the CLI
        interrupted = exc
    finally:
        progress.close()
        jr.close()
    summary.interrupted = interrupted is not None
    summary.processed = len(sink.results)
    _folder_figures(summary, chosen, sink, where)
    summary.duplicates = _all_duplicates(out, the_plan, chosen, sink, where)
    summary.peak_worker_rss_mb = round(sink.peak_rss_kb / 1024, 1)
    summary.slowest = [{"path": where.get(key, ""), "seconds": round(sec, 2), "error": code}
                       for sec, key, code in sorted(sink.slowest, reverse=True)]
    summary.seconds = round(time.perf_counter() - t0, 3)
    summary.docs_per_second = round(summary.processed / summary.seconds, 2) if summary.seconds else 0.0
    _write_reports(out, summary)
    if interrupted is not None:
        raise Interrupted(summary) from interrupted
    return summary


def _start_fork_server(ctx: Any) -> None:
    if getattr(ctx, "get_start_method", lambda: "")() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _folder_figures(summary: RunSummary, chosen: Selection, sink: _Sink, where: dict[str, str]) -> None:
    """Documents, errors and awards of the whole folder: the records the tables will hold
    (the newest of each path), this run's included."""
    by_path: dict[str, tuple[str | None, str | None, int]] = {}
    pathless: list[tuple[str | None, str | None, int]] = []
    for k in sorted(chosen.kept.values(), key=lambda k: k.line):
        fig = (k.key, k.error_code, k.awards)
        if k.path is None:
            pathless.append(fig)
        else:
            by_path[k.path] = fig
    for key, (code, awards) in sink.results.items():
        by_path[where.get(key) or key] = (key, code, awards)
    figures: dict[str | None, tuple[str | None, int]] = {}
    for doc_key, code, awards in [*by_path.values(), *pathless]:
        figures.setdefault(doc_key, (code, awards))
    summary.documents = len(figures)
    summary.errors_by_code = dict(sorted(Counter(code for code, _ in figures.values() if code).items()))
    summary.awards = sum(n for _, n in figures.values())


def _all_duplicates(out: Path, the_plan: Plan, chosen: Selection, sink: _Sink,
                    where: dict[str, str]) -> list[dict[str, str]]:
    """Duplicates of every run into this folder: the earlier summary's, then this run's; a
    path that has a record of its own is no longer a duplicate."""
    merged: dict[str, dict[str, str]] = {}
    try:
        earlier = json.loads(inside(out, SUMMARY).read_text(encoding="utf-8")).get("duplicates") or []
    except (OSError, ValueError, AttributeError):
        earlier = []
    for d in earlier:
        if isinstance(d, dict) and isinstance(d.get("path"), str):
            merged[d["path"]] = d
    for d in the_plan.duplicates:
        merged[d.path] = asdict(d)
    own = set(chosen.by_path()) | set(where[k] for k in sink.results if k in where)
    return [d for path, d in merged.items() if display_path(path) not in own]


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
    try:
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


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
        f"documents: {s.documents} in the output folder ({len(s.duplicates)} duplicates); this run: "
        f"{s.inputs} input files, {s.processed} processed now, {s.already_done} already done",
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
        lines.append(f"warning: records.jsonl has {s.bad_lines} unreadable or invalid lines, set aside in "
                     "quarantine.jsonl; their documents are redone when they are among the inputs")
    if s.superseded:
        lines.append(f"{s.superseded} older records of edited or retried files are kept in records.jsonl; "
                     "the tables hold the newest record of each path")
    return "\n".join(lines)
