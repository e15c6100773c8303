"""Storing records: relational tables as pandas DataFrames, Parquet files, an SQLite
database with diacritic-free full-text search, and Datasette metadata.

``build_outputs(OUTDIR)`` turns OUTDIR/records.jsonl into OUTDIR/parquet/<table>.parquet
and OUTDIR/vnadmin.db; ``search(db, query)`` queries the database.
"""

from __future__ import annotations

from .build import BuildReport, build_outputs
from .search import Hit, search
from .tables import TABLES, record_frames

__all__ = ["TABLES", "BuildReport", "Hit", "build_outputs", "record_frames", "search"]
