"""Parquet tables: OUTDIR/parquet/<table>.parquet, written in row groups and swapped in atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .paths import PARQUET_DIR, discard, fresh_tmp, inside
from .tables import TABLES, frames_from_rows

_ARROW = {"str": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a table, from ``TABLES`` (so an empty table keeps its types)."""
    return pa.schema([pa.field(c.name, _ARROW[c.kind]) for c in TABLES[table].columns])


class ParquetTables:
    """Every table written batch by batch (one row group a batch) to a temporary file;
    ``commit`` renames them all into place, ``abort`` removes them."""

    def __init__(self, outdir: str | Path) -> None:
        self.outdir = outdir
        inside(outdir, PARQUET_DIR).mkdir(parents=True, exist_ok=True)
        self.tmps: dict[str, Path] = {}
        self.writers: dict[str, pq.ParquetWriter] = {}
        for name in TABLES:
            self.tmps[name] = fresh_tmp(inside(outdir, PARQUET_DIR, f"{name}.parquet"))
            self.writers[name] = pq.ParquetWriter(self.tmps[name], arrow_schema(name), compression="zstd")

    def add(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for name, df in frames_from_rows(rows).items():
            if len(df):
                self.writers[name].write_table(pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False))

    def commit(self) -> dict[str, Path]:
        written = {}
        for writer in self.writers.values():
            writer.close()
        for name, tmp in self.tmps.items():
            target = inside(self.outdir, PARQUET_DIR, f"{name}.parquet")
            os.replace(tmp, target)
            written[name] = target
        return written

    def abort(self) -> None:
        for writer in self.writers.values():
            try:
                writer.close()
            except Exception:  # removing the file is what matters
                pass
        for tmp in self.tmps.values():
            discard(tmp)


def write_parquet(frames: dict[str, pd.DataFrame], outdir: str | Path) -> dict[str, Path]:
    """Write whole frames to ``OUTDIR/parquet/<table>.parquet``; returns the paths."""
    folder = inside(outdir, PARQUET_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, df in frames.items():
        target = inside(outdir, PARQUET_DIR, f"{name}.parquet")
        tmp = fresh_tmp(target)
        try:
            table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, target)
        except BaseException:
            discard(tmp)
            raise
        written[name] = target
    return written


def read_parquet(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables written by ``ParquetTables``."""
    return {name: pd.read_parquet(inside(outdir, PARQUET_DIR, f"{name}.parquet")) for name in TABLES}
