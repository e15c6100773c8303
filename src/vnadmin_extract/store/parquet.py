"""Parquet tables: OUTDIR/parquet/<table>.parquet, written whole and swapped in atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .paths import PARQUET_DIR, fresh_tmp, inside
from .tables import TABLES

_ARROW = {"str": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a table, from ``TABLES`` (so an empty table keeps its types)."""
    return pa.schema([pa.field(c.name, _ARROW[c.kind]) for c in TABLES[table].columns])


def write_parquet(frames: dict[str, pd.DataFrame], outdir: str | Path) -> dict[str, Path]:
    """Write every frame to ``OUTDIR/parquet/<table>.parquet``; returns the paths."""
    folder = inside(outdir, PARQUET_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, df in frames.items():
        target = inside(outdir, PARQUET_DIR, f"{name}.parquet")
        tmp = fresh_tmp(target)
        table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, target)
        written[name] = target
    return written


def read_parquet(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables written by ``write_parquet``."""
    return {name: pd.read_parquet(inside(outdir, PARQUET_DIR, f"{name}.parquet")) for name in TABLES}
