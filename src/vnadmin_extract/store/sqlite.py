"""The SQLite database OUTDIR/vnadmin.db: the tables, indexes and diacritic-free search.

Full-text search uses FTS5 with ``unicode61 remove_diacritics 2`` over the original
columns and over folded copies (``*_folded``, see ``fold.py``) kept in the base tables,
as external-content indexes (``content=[awards]``) so the text is stored once and
Datasette finds them. Only identifiers from ``TABLES`` are ever put into SQL text; every
value travels as a parameter.

The database is built in a temporary file and renamed over the old one, so a reader
never sees half a database.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .fold import fold_search
from .paths import DATABASE, discard, fresh_tmp, inside
from .tables import TABLES
from .views import SQLITE_VIEWS

TOKENIZE = "unicode61 remove_diacritics 2"
_SQL_TYPE = {"str": "TEXT", "json": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER"}
# table -> (folded copy column, source column) pairs, and the FTS table over them.
FOLDED = {
    "documents": (("title_folded", "title"), ("text_folded", "text")),
    "awards": (("award_folded", "award"), ("statement_folded", "statement")),
    "recipients": (("name_folded", "name"), ("organization_folded", "organization")),
}
FTS = {name: f"{name}_fts" for name in FOLDED}
INDEXES = {
    "documents": (("issuer",), ("province",), ("year",), ("doc_type_code",), ("error_code",), ("sha256",)),
    "awards": (("award",), ("year",), ("status",), ("issuer",), ("province",), ("category",), ("doc_id",)),
    "recipients": (("name",), ("award",), ("kind",), ("year",), ("doc_id", "award_id")),
    "links": (("to_doc",), ("relation",)),
    "sections": (("doc_id",),), "entities": (("type",), ("doc_id",)),
    "legal_refs": (("symbol",), ("doc_type",), ("year",), ("doc_id",)),
    "commemorations": (("doc_id",),), "persons": (("name",), ("doc_id",)), "warnings": (("code",), ("doc_id",)),
}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def q(name: str) -> str:
    """Quote an identifier of ours ("end" is an SQL keyword); refuses anything else."""
    if not _IDENT.match(name):
        raise ValueError(f"not an identifier of the store: {name!r}")
    return f'"{name}"'


def _columns(table: str) -> list[tuple[str, str]]:
    """(column, kind) of a table, the folded copies included."""
    cols = [(c.name, c.kind) for c in TABLES[table].columns]
    cols += [(folded, "str") for folded, _src in FOLDED.get(table, ())]
    return cols


def create_schema(con: sqlite3.Connection) -> None:
    for name, table in TABLES.items():
        cols = ", ".join(f"{q(c)} {_SQL_TYPE[k]}" for c, k in _columns(name))
        key = q("doc_id") if table.key == "doc_id" else f"{q('doc_id')}, {q(table.key)}"
        con.execute(f"CREATE TABLE {q(name)} ({cols}, PRIMARY KEY ({key}))")


def _insert(con: sqlite3.Connection, name: str, rows: Sequence[tuple[Any, ...]]) -> None:
    cols = _columns(name)
    sql = f"INSERT INTO {q(name)} ({', '.join(q(c) for c, _ in cols)}) VALUES ({', '.join('?' * len(cols))})"
    folded = FOLDED.get(name, ())
    if folded:
        names = TABLES[name].names
        where = [names.index(src) for _f, src in folded]
        rows = [row + tuple(fold_search(row[i]) or None for i in where) for row in rows]
    con.executemany(sql, rows)


def create_indexes(con: sqlite3.Connection) -> None:
    for name, indexes in INDEXES.items():
        for cols in indexes:
            idx = q(f"idx_{name}_{'_'.join(cols)}")
            con.execute(f"CREATE INDEX {idx} ON {q(name)} ({', '.join(q(c) for c in cols)})")
    for name, fts in FTS.items():
        searchable = [src for _f, src in FOLDED[name]] + [f for f, _src in FOLDED[name]]
        con.execute(
            f"CREATE VIRTUAL TABLE {q(fts)} USING fts5({', '.join(q(c) for c in searchable)}, "
            f"content={q(name)}, content_rowid='rowid', tokenize='{TOKENIZE}')"
        )
        con.execute(f"INSERT INTO {q(fts)} ({q(fts)}) VALUES ('rebuild')")
        con.execute(f"INSERT INTO {q(fts)} ({q(fts)}) VALUES ('optimize')")
    create_views(con)


def create_views(con: sqlite3.Connection) -> None:
    """``people``, ``units``, ``award_history`` (``views.py``); the people and units views group
    on ``(name_key, org_key)``, which the index below serves."""
    con.execute(f"CREATE INDEX IF NOT EXISTS {q('idx_recipients_keys')} ON {q('recipients')} "
                f"({q('name_key')}, {q('org_key')}, {q('kind')})")
    for name in SQLITE_VIEWS:
        con.execute(f"CREATE VIEW {q(name)} AS {SQLITE_VIEWS[name]}")


class SqliteBuilder:
    """The database built batch by batch in a temporary file; ``commit`` adds the indexes
    and full-text search and renames it into place, ``abort`` removes it."""

    def __init__(self, outdir: str | Path) -> None:
        self.target = inside(outdir, DATABASE)
        self.tmp = fresh_tmp(self.target)
        self.con = sqlite3.connect(self.tmp)
        try:
            self.con.execute("PRAGMA journal_mode = OFF")
            self.con.execute("PRAGMA synchronous = OFF")
            self.con.execute("PRAGMA cache_size = -65536")  # 64 MB, whatever the run's size
            create_schema(self.con)
        except BaseException:
            self.abort()
            raise

    def add(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        with self.con:
            for name in TABLES:
                if rows.get(name):
                    _insert(self.con, name, rows[name])

    def commit(self) -> Path:
        try:
            with self.con:
                create_indexes(self.con)
                self.con.execute("ANALYZE")
        finally:
            self.con.close()
        os.replace(self.tmp, self.target)
        return self.target

    def abort(self) -> None:
        try:
            self.con.close()
        except sqlite3.Error:
            pass
        discard(self.tmp)


def write_sqlite(rows: dict[str, list[tuple[Any, ...]]], outdir: str | Path) -> Path:
    """Build ``OUTDIR/vnadmin.db`` from ``tables.record_rows`` output; returns its path."""
    builder = SqliteBuilder(outdir)
    try:
        builder.add(rows)
        return builder.commit()
    except BaseException:
        builder.abort()
        raise


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (the CLI's search never writes)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    con.row_factory = sqlite3.Row
    return con
