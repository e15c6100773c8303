"""Export a run's tables into PostgreSQL: ``vnadmin-extract export OUTDIR --to postgresql://...``.

Every table of ``TABLES`` becomes a table of the target schema (default ``vnadmin``) with
the same columns, plus the folded search copies (``*_folded``, the fold of ``fold.py``,
computed here in Python so that PostgreSQL finds what SQLite finds), so a table added to
``TABLES`` is exported without code here. Keys: ``documents(doc_id)``; every other table
``(doc_id, <own id>)`` with ``doc_id`` referencing ``documents`` (ON DELETE CASCADE).

Idempotent and incremental: each document's rows (all tables) are hashed; the digest is
kept in ``vnadmin_loaded``. An export loads new documents, replaces the rows of documents
whose digest changed (delete, cascade, COPY again) and leaves the others untouched, all in
one transaction under an advisory lock. Documents that are in the database but not in the
run are left alone: an export never deletes what it did not write itself.

Schema versioning: ``vnadmin_meta`` holds ``schema_version`` and the column layout. An
older layout is migrated in place when the change is additive (new tables, new columns:
then every document's digest changes and its rows are rewritten); anything else, or a
schema written by a newer version, is refused with a message that says what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .fold import fold_search
from .jsonl import ReadReport, iter_records
from .paths import RECORDS, inside
from .sqlite import FOLDED, INDEXES, q
from .tables import TABLES, record_rows
from .views import POSTGRES_VIEWS, VIEWS

# 1: the tables of TABLES, their folded copies, vnadmin_meta, vnadmin_loaded, award_overview.
SCHEMA_VERSION = 1
META = "vnadmin_meta"
LOADED = "vnadmin_loaded"
VIEW = "award_overview"
_PG_TYPE = {"str": "text", "json": "jsonb", "int": "bigint", "float": "double precision", "bool": "boolean"}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
MISSING_DRIVER = "export to PostgreSQL needs psycopg 3: pip install 'vnadmin-extract[postgres]'"


class ExportError(RuntimeError):
    """The target cannot take this export (newer schema, foreign tables, no driver): the message says why."""


@dataclass
class ExportReport:
    documents: int = 0  # documents in the run
    inserted: list[str] = field(default_factory=list)  # doc_ids loaded for the first time
    replaced: list[str] = field(default_factory=list)  # doc_ids whose rows were rewritten
    unchanged: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table by this export
    migrated: list[str] = field(default_factory=list)  # what the schema migration did
    notes: list[str] = field(default_factory=list)  # e.g. an extension that could not be created
    seconds: float = 0.0
    read: ReadReport = field(default_factory=ReadReport)


def folded_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(folded copy, source column) pairs: SQLite's, plus every ``name`` column (fuzzy person search)."""
    pairs = list(FOLDED.get(table, ()))
    names = TABLES[table].names
    if "name" in names and ("name_folded", "name") not in pairs:
        pairs.append(("name_folded", "name"))
    return tuple(pairs)


def columns(table: str) -> list[tuple[str, str]]:
    """(column, PostgreSQL type) in COPY order: ``TABLES`` columns, then the folded copies."""
    cols = [(c.name, _PG_TYPE[c.kind]) for c in TABLES[table].columns]
    return cols + [(f, "text") for f, _src in folded_columns(table)]


def layout() -> dict[str, list[list[str]]]:
    """The column layout stored in ``vnadmin_meta`` (what a later version migrates from)."""
    return {name: [list(c) for c in columns(name)] for name in TABLES}


def _layout_text() -> str:
    return json.dumps(layout(), sort_keys=True)


def _key(table: str) -> list[str]:
    t = TABLES[table]
    return ["doc_id"] if t.key == "doc_id" else ["doc_id", t.key]


def _clean(v: Any) -> Any:
    # PostgreSQL text (and jsonb) cannot hold NUL; nothing else is changed.
    if isinstance(v, str) and "\x00" in v:
        return v.replace("\x00", "").replace("\\u0000", "")
    return v


def pg_rows(table: str, rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """``record_rows`` tuples with the folded copies appended, ready for COPY."""
    names = TABLES[table].names
    where = [names.index(src) for _f, src in folded_columns(table)]
    if not where:
        return [tuple(map(_clean, row)) for row in rows]
    return [(*map(_clean, row), *[fold_search(row[i]) or None for i in where]) for row in rows]


def digests(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, str]:
    """doc_id -> sha256 of all its rows in every table, after the column layout (so a new column changes it)."""
    prefix = _layout_text().encode()
    hashes: dict[str, Any] = {}
    for table in TABLES:
        tag = f"\x1e{table}\x1f".encode()
        for row in rows.get(table, []):
            h = hashes.get(row[0])
            if h is None:
                h = hashes[row[0]] = hashlib.sha256(prefix)
            # repr of a tuple of str/int/float/bool/None is exact and stable, and far cheaper than JSON
            h.update(tag + repr(row).encode("utf-8", "surrogatepass"))
    return {doc_id: h.hexdigest() for doc_id, h in hashes.items()}


def _connect(dsn: str) -> Any:
    try:
        import psycopg
    except ImportError:
        raise ExportError(MISSING_DRIVER) from None
    try:
        return psycopg.connect(dsn, autocommit=False)
    except psycopg.OperationalError as exc:
        raise ExportError(f"cannot connect to {redact(dsn)}: {str(exc).strip().splitlines()[0]}") from None


def redact(dsn: str) -> str:
    """The DSN without its password (for messages)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", dsn)


def _exists(cur: Any, schema: str, name: str) -> bool:
    cur.execute("select to_regclass(%s) is not null", (f"{q(schema)}.{q(name)}",))
    return bool(cur.fetchone()[0])


def _read_meta(cur: Any, schema: str) -> dict[str, str] | None:
    if not _exists(cur, schema, META):
        return None
    cur.execute(f"select key, value from {q(schema)}.{q(META)}")
    return dict(cur.fetchall())


def _foreign_tables(cur: Any, schema: str) -> list[str]:
    cur.execute("select table_name from information_schema.tables where table_schema = %s", (schema,))
    ours = set(TABLES) | {META, LOADED, VIEW} | set(VIEWS)
    return sorted(r[0] for r in cur.fetchall() if r[0] in ours)


def _extensions(cur: Any, report: ExportReport) -> dict[str, str]:
    """Create unaccent and pg_trgm when allowed; returns extension -> schema of those present."""
    found = {}
    for ext in ("unaccent", "pg_trgm"):
        cur.execute("savepoint ext")
        try:
            cur.execute(f"create extension if not exists {q(ext)}")
            cur.execute("release savepoint ext")
        except Exception as exc:  # no privilege, or contrib not installed: search still works on *_folded
            cur.execute("rollback to savepoint ext")
            report.notes.append(f"extension {ext} not available ({str(exc).strip().splitlines()[0]})")
        cur.execute("select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace "
                    "where e.extname = %s", (ext,))
        row = cur.fetchone()
        if row:
            found[ext] = row[0]
    return found


def _create_table(cur: Any, schema: str, table: str) -> None:
    cols = (", ".join(f"{q(c.name)} {_PG_TYPE[c.kind]}" for c in TABLES[table].columns)
            + "".join(f", {q(f)} text" for f, _src in folded_columns(table)))
    key = ", ".join(q(c) for c in _key(table))
    fk = "" if table == "documents" else (
        f", foreign key ({q('doc_id')}) references {q(schema)}.{q('documents')} ({q('doc_id')}) on delete cascade")
    cur.execute(f"create table if not exists {q(schema)}.{q(table)} ({cols}, primary key ({key}){fk})")


def _create_indexes(cur: Any, schema: str, table: str, trgm: bool) -> None:
    wanted: list[tuple[str, ...]] = [cols for cols in INDEXES.get(table, ())
                                     if all(c in TABLES[table].names for c in cols)]
    if table != "documents" and ("doc_id",) not in wanted:
        wanted.append(("doc_id",))  # the cascade and every join back to documents use it
    for cols in wanted:
        idx = q(f"{table}_{'_'.join(cols)}_idx")
        cur.execute(f"create index if not exists {idx} on {q(schema)}.{q(table)} ({', '.join(q(c) for c in cols)})")
    if trgm:
        for folded, _src in folded_columns(table):
            if folded in ("text_folded",):
                continue  # a trigram index over full texts is large; documents are found by their title
            idx = q(f"{table}_{folded}_trgm_idx")
            cur.execute(f"create index if not exists {idx} on {q(schema)}.{q(table)} "
                        f"using gin ({q(folded)} gin_trgm_ops)")


def _create_fold_function(cur: Any, schema: str, unaccent_schema: str | None, report: ExportReport) -> None:
    """``<schema>.fold(text)``: the fold of ``fold.py`` in SQL, for queries typed with diacritics."""
    if unaccent_schema is None:
        return
    try:
        ua = q(unaccent_schema)
    except ValueError:
        report.notes.append(f"unaccent is in schema {unaccent_schema!r}: no fold() function (use the *_folded columns)")
        return
    # unaccent(regdictionary, text) is immutable in effect; the one-argument form depends on search_path.
    cur.execute(
        f"create or replace function {q(schema)}.fold(t text) returns text language sql immutable parallel safe as "
        f"$$ select regexp_replace(lower({ua}.unaccent('{ua}.unaccent'::regdictionary, t)), "
        r"'\m([b-df-hj-np-tv-xz]+)y\M', '\1i', 'g') $$"
    )


def _create_view(cur: Any, schema: str) -> None:
    """``award_overview``: awards with their document (and their recipients when that table exists)."""
    s = q(schema)
    doc_cols = [c for c in ("title", "doc_type", "number_raw", "date", "path") if c in TABLES["documents"].names]
    award_cols = [c for c in TABLES["awards"].names if c != "recipients"]
    select = [f"a.{q(c)}" for c in award_cols]
    select += [f"d.{q(c)} as {q('doc_' + c)}" for c in doc_cols if "doc_" + c not in award_cols]
    rec = TABLES.get("recipients")
    if rec is not None and {"doc_id", "award_id", "name"} <= set(rec.names):
        select.append(f"coalesce((select jsonb_agg(r.{q('name')} order by r.{q(rec.key)}) "
                      f"from {s}.{q('recipients')} r where r.{q('doc_id')} = a.{q('doc_id')} "
                      f"and r.{q('award_id')} = a.{q('award_id')}), '[]'::jsonb) as {q('recipients')}")
    else:
        select.append(f"a.{q('recipients')}")
    cur.execute(f"drop view if exists {s}.{q(VIEW)}")
    cur.execute(f"create view {s}.{q(VIEW)} as select {', '.join(select)} from {s}.{q('awards')} a "
                f"join {s}.{q('documents')} d on d.{q('doc_id')} = a.{q('doc_id')}")
    if {"name_key", "org_key"} <= set(rec.names if rec is not None else ()):
        # people, units, award_history (views.py): the same SELECTs as in SQLite.
        cur.execute(f"create index if not exists {q('recipients_keys_idx')} on {s}.{q('recipients')} "
                    f"({q('name_key')}, {q('org_key')}, {q('kind')})")
        # The SELECTs name no schema: they are created with the target schema as the search path
        # (a view keeps the tables it resolved), then the transaction's search path is restored.
        cur.execute("select current_setting('search_path')")
        old_path = cur.fetchone()[0]
        cur.execute("select set_config('search_path', %s, true)", (s,))
        for name in POSTGRES_VIEWS:
            cur.execute(f"drop view if exists {s}.{q(name)}")
            cur.execute(f"create view {s}.{q(name)} as {POSTGRES_VIEWS[name]}")
        cur.execute("select set_config('search_path', %s, true)", (old_path,))


def _migrate(cur: Any, schema: str, meta: dict[str, str], report: ExportReport) -> None:
    """Bring an older schema written by this project up to ``layout()``, or refuse."""
    version = int(meta.get("schema_version", "0") or 0)
    if version > SCHEMA_VERSION:
        raise ExportError(
            f"schema {schema!r} was written by vnadmin-extract {meta.get('project_version', '?')} "
            f"(schema version {version}); this is {__version__} (schema version {SCHEMA_VERSION}): "
            "upgrade vnadmin-extract, or export into another --schema")
    old = json.loads(meta.get("layout", "{}"))
    for table in TABLES:
        have = {c: t for c, t in old.get(table, [])}
        if not have:
            continue  # a new table: created below
        for c in TABLES[table].columns:
            if c.name not in have:
                cur.execute(f"alter table {q(schema)}.{q(table)} add column if not exists {q(c.name)} {_PG_TYPE[c.kind]}")
                report.migrated.append(f"{table}.{c.name} added")
        for folded, _src in folded_columns(table):
            if folded not in have:
                cur.execute(f"alter table {q(schema)}.{q(table)} add column if not exists {q(folded)} text")
                report.migrated.append(f"{table}.{folded} added")
        for col, typ in columns(table):
            if col in have and have[col] != typ:
                raise ExportError(
                    f"{schema}.{table}.{col} is {have[col]} in the database but {typ} in this version: "
                    "no automatic migration for a changed type; export into a new --schema")


def _write_meta(cur: Any, schema: str) -> None:
    values = {"schema_version": str(SCHEMA_VERSION), "project_version": __version__,
              "layout": _layout_text()}
    for k, v in values.items():
        cur.execute(f"insert into {q(schema)}.{q(META)} (key, value) values (%s, %s) "
                    "on conflict (key) do update set value = excluded.value", (k, v))


def prepare_schema(cur: Any, schema: str, report: ExportReport) -> None:
    """Create or migrate the schema; refuses a schema holding tables of our names that we did not write."""
    cur.execute("select 1 from information_schema.schemata where schema_name = %s", (schema,))
    meta = _read_meta(cur, schema) if cur.fetchone() else None
    if meta is None:
        cur.execute("select 1 from information_schema.schemata where schema_name = %s", (schema,))
        if cur.fetchone():
            clash = _foreign_tables(cur, schema)
            if clash:
                raise ExportError(f"schema {schema!r} already has tables {', '.join(clash)} not written by "
                                  "vnadmin-extract (no vnadmin_meta): export into another --schema")
        cur.execute(f"create schema if not exists {q(schema)}")
        cur.execute(f"create table {q(schema)}.{q(META)} (key text primary key, value text not null)")
    else:
        if meta.get("schema_version") == str(SCHEMA_VERSION) and meta.get("layout") == _layout_text():
            return  # up to date: an export of an unchanged run writes nothing at all
        _migrate(cur, schema, meta, report)
    exts = _extensions(cur, report)
    for table in TABLES:
        _create_table(cur, schema, table)
        _create_indexes(cur, schema, table, trgm="pg_trgm" in exts)
    cur.execute(f"create table if not exists {q(schema)}.{q(LOADED)} ("
                f"doc_id text primary key references {q(schema)}.{q('documents')} (doc_id) on delete cascade, "
                "digest text not null, exported_at timestamptz not null default now())")
    _create_fold_function(cur, schema, exts.get("unaccent"), report)
    _create_view(cur, schema)
    _write_meta(cur, schema)


def _copy(cur: Any, schema: str, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    cols = ", ".join(q(c) for c, _t in columns(table))
    with cur.copy(f"copy {q(schema)}.{q(table)} ({cols}) from stdin") as copy:
        for row in rows:
            copy.write_row(row)


def export_rows(rows: dict[str, list[tuple[Any, ...]]], dsn: str, schema: str = "vnadmin",
                report: ExportReport | None = None) -> ExportReport:
    """Load ``record_rows`` output into ``schema`` of the database at ``dsn`` (one transaction)."""
    import time

    report = report if report is not None else ExportReport()
    if not _IDENT.match(schema):
        raise ExportError(f"--schema must be a lower-case SQL name (letters, digits, _), not {schema!r}")
    t0 = time.perf_counter()
    wanted = digests(rows)
    report.documents = len(rows.get("documents", []))
    con = _connect(dsn)
    try:
        with con.transaction(), con.cursor() as cur:
            # One export at a time per schema; a second waits instead of interleaving.
            cur.execute("select pg_advisory_xact_lock(hashtext(%s))", (f"vnadmin-extract:{schema}",))
            prepare_schema(cur, schema, report)
            cur.execute(f"select doc_id, digest from {q(schema)}.{q(LOADED)}")
            have = dict(cur.fetchall())
            todo = {d for d, h in wanted.items() if have.get(d) != h}
            report.replaced = sorted(d for d in todo if d in have)
            cur.execute(f"select doc_id from {q(schema)}.{q('documents')} where doc_id = any(%s)",
                        (sorted(todo - set(have)),))
            # A document row without a digest (loaded by hand) is ours to replace only if the run has it.
            orphans = [r[0] for r in cur.fetchall()]
            report.inserted = sorted(todo - set(have) - set(orphans))
            report.replaced = sorted(set(report.replaced) | set(orphans))
            report.unchanged = len(wanted) - len(todo)
            if report.replaced:
                cur.execute(f"delete from {q(schema)}.{q('documents')} where doc_id = any(%s)", (report.replaced,))
            for table in TABLES:
                selected = [r for r in rows.get(table, []) if r[0] in todo]
                if selected:
                    _copy(cur, schema, table, pg_rows(table, selected))
                report.rows[table] = len(selected)
            if todo:
                with cur.copy(f"copy {q(schema)}.{q(LOADED)} (doc_id, digest) from stdin") as copy:
                    for d in sorted(todo):
                        copy.write_row((d, wanted[d]))
                cur.execute(f"analyze {q(schema)}.{q('documents')}")
    finally:
        con.close()
    report.seconds = time.perf_counter() - t0
    return report


def export_run(outdir: str | Path, dsn: str, schema: str = "vnadmin") -> ExportReport:
    """Export OUTDIR/records.jsonl (the same rows as the Parquet tables) into PostgreSQL."""
    report = ExportReport()
    rows = record_rows(iter_records(inside(outdir, RECORDS), report.read))
    return export_rows(rows, dsn, schema, report)
