"""records.jsonl -> Parquet tables and vnadmin.db (what ``run`` ends with and ``load`` does).

Streaming: a first pass chooses the lines the tables hold (``select``: the newest record of
each path; lines that do not fit are set aside in OUTDIR/quarantine.jsonl), a second pass
turns those lines into rows a batch at a time and appends each batch to the Parquet files
and the database. Memory is a batch (``BATCH_RECORDS`` records or ``BATCH_BYTES`` of lines,
whichever comes first) plus a few fields per document, whatever the size of the run.
Everything is written under temporary names and renamed at the end, under the output
folder's lock (``lock.output_lock``); a failure removes the temporary files.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jsonl import ReadReport, iter_lines
from .lock import output_lock
from .parquet import ParquetTables
from .paths import PARQUET_DIR, QUARANTINE, RECORDS, discard, fresh_tmp, inside, stale_tmps
from .select import Selection, select
from .sqlite import SqliteBuilder
from .tables import TABLES, LinkCollector, rows_of

BATCH_RECORDS = 500
BATCH_BYTES = 32 * 1024 * 1024


@dataclass
class BuildReport:
    records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    read: ReadReport = field(default_factory=ReadReport)
    superseded: int = 0  # older records of a path, kept in records.jsonl but not in the tables
    quarantined: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    parquet_seconds: float = 0.0
    sqlite_seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)  # output file -> bytes


def build_outputs(outdir: str | Path) -> BuildReport:
    """Rebuild ``OUTDIR/parquet/*.parquet`` and ``OUTDIR/vnadmin.db`` from records.jsonl alone."""
    with output_lock(outdir, wait=True):
        for folder in (inside(outdir), inside(outdir, PARQUET_DIR)):
            for tmp in stale_tmps(folder):  # left by a writer that was killed; we hold the lock
                discard(tmp)
        return _build(outdir)


def _build(outdir: str | Path) -> BuildReport:
    records = inside(outdir, RECORDS)
    chosen = select(records)
    report = BuildReport(read=chosen.read, superseded=chosen.superseded, quarantined=chosen.quarantined,
                         rows={name: 0 for name in TABLES})
    _write_quarantine(outdir, records, chosen)
    parquet = ParquetTables(outdir)
    try:
        db = SqliteBuilder(outdir)
    except BaseException:
        parquet.abort()
        raise
    try:
        batch: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        links = LinkCollector()
        n = size = 0
        for number, raw, rec in iter_lines(records):
            if number not in chosen.kept:
                continue
            pairs = rows_of(rec)
            for table, row in pairs:
                batch[table].append(row)
            links.add(pairs[0][1], rec)
            n, size = n + 1, size + len(raw)
            if n >= BATCH_RECORDS or size >= BATCH_BYTES:
                _flush(batch, parquet, db, report)
                n = size = 0
        batch["links"].extend(links.rows())  # they need every document of the run
        _flush(batch, parquet, db, report)
        t0 = time.perf_counter()
        paths = parquet.commit()
        t1 = time.perf_counter()
        target = db.commit()
        report.parquet_seconds += t1 - t0
        report.sqlite_seconds += time.perf_counter() - t1
    except BaseException:
        parquet.abort()
        db.abort()
        raise
    report.records = report.rows["documents"]
    for p in [records, target, *paths.values()]:
        report.sizes[str(Path(p).resolve().relative_to(Path(outdir).resolve()))] = p.stat().st_size
    return report


def _flush(batch: dict[str, list[tuple[Any, ...]]], parquet: ParquetTables, db: SqliteBuilder,
           report: BuildReport) -> None:
    t0 = time.perf_counter()
    parquet.add(batch)
    t1 = time.perf_counter()
    db.add(batch)
    report.parquet_seconds += t1 - t0
    report.sqlite_seconds += time.perf_counter() - t1
    for name, rows in batch.items():
        report.rows[name] += len(rows)
        rows.clear()


def _write_quarantine(outdir: str | Path, records: Path, chosen: Selection) -> None:
    """OUTDIR/quarantine.jsonl: each line set aside, with its number, why, and the line itself."""
    target = inside(outdir, QUARANTINE)
    if not chosen.quarantined:
        target.unlink(missing_ok=True)
        return
    why = dict(chosen.quarantined)
    tmp = fresh_tmp(target)
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            for number, raw, _rec in iter_lines(records, ReadReport()):
                if number in why:
                    text = raw.decode("utf-8", errors="replace").rstrip("\n")
                    out.write(json.dumps({"line": number, "reason": why[number], "text": text},
                                         ensure_ascii=False) + "\n")
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise
