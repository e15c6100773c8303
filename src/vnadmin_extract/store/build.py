"""records.jsonl -> Parquet tables and vnadmin.db (what ``run`` ends with and ``load`` does)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .jsonl import ReadReport, iter_records
from .parquet import write_parquet
from .paths import RECORDS, inside
from .sqlite import write_sqlite
from .tables import frames_from_rows, record_rows


@dataclass
class BuildReport:
    records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    read: ReadReport = field(default_factory=ReadReport)
    parquet_seconds: float = 0.0
    sqlite_seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)  # output file -> bytes


def build_outputs(outdir: str | Path) -> BuildReport:
    """Rebuild ``OUTDIR/parquet/*.parquet`` and ``OUTDIR/vnadmin.db`` from records.jsonl alone."""
    report = BuildReport()
    rows = record_rows(iter_records(inside(outdir, RECORDS), report.read))
    report.records = len(rows["documents"])
    report.rows = {name: len(r) for name, r in rows.items()}
    t0 = time.perf_counter()
    paths = write_parquet(frames_from_rows(rows), outdir)
    t1 = time.perf_counter()
    db = write_sqlite(rows, outdir)
    t2 = time.perf_counter()
    report.parquet_seconds, report.sqlite_seconds = t1 - t0, t2 - t1
    for p in [inside(outdir, RECORDS), db, *paths.values()]:
        report.sizes[str(Path(p).resolve().relative_to(Path(outdir).resolve()))] = p.stat().st_size
    return report
