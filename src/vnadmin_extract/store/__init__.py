"""Storing records: relational tables as pandas DataFrames, Parquet files, an SQLite
database with diacritic-free full-text search, and Datasette metadata.

``build_outputs(OUTDIR)`` turns OUTDIR/records.jsonl into OUTDIR/parquet/<table>.parquet
and OUTDIR/vnadmin.db; ``search(db, query)`` queries the database.
"""

from __future__ import annotations

from typing import Any

from .search import Hit, search  # light (sqlite3); its name is also a submodule's, so not lazy

__all__ = ["TABLES", "BuildReport", "Hit", "build_outputs", "record_frames", "search"]

# Imported on first use: a run must not wait for pandas and pyarrow before its first
# document (they matter only for the build at its end).
_WHERE = {"BuildReport": "build", "build_outputs": "build", "TABLES": "tables", "record_frames": "tables"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
