"""`vnadmin-extract export OUTDIR --to postgresql://...` against a real, throwaway PostgreSQL."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from vnadmin_extract.cli import main
from vnadmin_extract.store.fold import fold_search
from vnadmin_extract.store.jsonl import iter_records
from vnadmin_extract.store.parquet import read_parquet
from vnadmin_extract.store.postgres import (
    MISSING_DRIVER,
    ExportError,
    export_rows,
    export_run,
    folded_columns,
)
from vnadmin_extract.store.tables import TABLES, record_rows

psycopg = pytest.importorskip("psycopg")


def _records(run: Path) -> list[dict[str, Any]]:
    return list(iter_records(run / "records.jsonl"))


def _counts(dsn: str, schema: str = "vnadmin") -> dict[str, int]:
    with psycopg.connect(dsn) as con:
        return {t: con.execute(f'select count(*) from "{schema}"."{t}"').fetchone()[0] for t in TABLES}


def _versions(dsn: str) -> dict[str, list[tuple[str, str]]]:
    """Every row's physical version (ctid, xmin): unchanged only if nothing was rewritten."""
    with psycopg.connect(dsn) as con:
        return {t: con.execute(f'select ctid::text, xmin::text from vnadmin."{t}" order by 1').fetchall()
                for t in [*TABLES, "vnadmin_meta", "vnadmin_loaded"]}


def test_every_table_has_the_parquet_row_count_and_a_second_export_changes_nothing(
        corpus_run: Path, pg_dsn: str) -> None:
    assert main(["export", str(corpus_run), "--to", pg_dsn]) == 0
    parquet = {name: len(df) for name, df in read_parquet(corpus_run).items()}
    assert set(parquet) == set(TABLES)
    assert _counts(pg_dsn) == parquet
    n = len(_records(corpus_run))
    assert parquet["documents"] == n >= 18 and parquet["awards"] > 20
    before = _versions(pg_dsn)
    report = export_run(corpus_run, pg_dsn)
    assert (report.inserted, report.replaced, report.unchanged) == ([], [], n)
    assert sum(report.rows.values()) == 0
    assert _versions(pg_dsn) == before


def test_keys_foreign_keys_indexes_and_meta(corpus_run: Path, pg_dsn: str) -> None:
    export_run(corpus_run, pg_dsn)
    with psycopg.connect(pg_dsn) as con:
        pkeys = dict(con.execute(
            "select tc.table_name, string_agg(k.column_name, ',' order by k.ordinal_position) "
            "from information_schema.table_constraints tc join information_schema.key_column_usage k "
            "using (constraint_schema, constraint_name) where tc.constraint_type = 'PRIMARY KEY' "
            "and tc.table_schema = 'vnadmin' group by tc.table_name").fetchall())
        fks = {r[0] for r in con.execute(
            "select table_name from information_schema.table_constraints "
            "where constraint_type = 'FOREIGN KEY' and table_schema = 'vnadmin'").fetchall()}
        indexes = {r[0] for r in con.execute("select indexname from pg_indexes where schemaname = 'vnadmin'")}
        meta = dict(con.execute("select key, value from vnadmin.vnadmin_meta").fetchall())
    for name, table in TABLES.items():
        assert pkeys[name] == ("doc_id" if table.key == "doc_id" else f"doc_id,{table.key}")
    assert fks == (set(TABLES) - {"documents"}) | {"vnadmin_loaded"}
    assert {"awards_year_idx", "awards_status_idx", "awards_award_idx", "documents_issuer_idx",
            "legal_refs_symbol_idx", "persons_name_folded_trgm_idx", "awards_award_folded_trgm_idx"} <= indexes
    assert meta["schema_version"] == "1"
    assert set(json.loads(meta["layout"])) == set(TABLES)


def test_search_without_diacritics_and_fuzzy_names(corpus_run: Path, pg_dsn: str) -> None:
    export_run(corpus_run, pg_dsn)
    with psycopg.connect(pg_dsn) as con:
        # The SQL fold equals the Python fold the folded columns were made with.
        for s in ("Chiến sỹ thi đua", "ĐẢNG BỘ Khối", "Kỹ sư Lý Thị Mỹ, huy chương"):
            assert con.execute("select vnadmin.fold(%s)", (s,)).fetchone()[0] == fold_search(s)
        lao = con.execute("select count(*) from vnadmin.awards where award_folded = vnadmin.fold(%s)",
                          ("lao dong tien tien",)).fetchone()[0]
        assert lao == con.execute("select count(*) from vnadmin.awards where award = 'Lao động tiên tiến'"
                                  ).fetchone()[0] > 0
        name, folded = con.execute("select name, name_folded from vnadmin.persons order by person_id, doc_id "
                                   "limit 1").fetchone()
        typo = folded[:-1] + ("x" if folded[-1] != "x" else "y")  # one letter wrong, no accents
        best = con.execute("select name, similarity(name_folded, vnadmin.fold(%s)) as s from vnadmin.persons "
                           "where name_folded %% vnadmin.fold(%s) order by s desc limit 1", (typo, typo)).fetchone()
        assert best[0] == name and best[1] > 0.5


def test_award_overview_has_every_award_with_its_document(corpus_run: Path, pg_dsn: str) -> None:
    export_run(corpus_run, pg_dsn)
    with psycopg.connect(pg_dsn) as con:
        n = con.execute("select count(*) from vnadmin.awards").fetchone()[0]
        rows = con.execute("select award, status, year, doc_title, doc_date, recipients from vnadmin.award_overview "
                           "where award = 'Bằng khen' and doc_title is not null").fetchall()
        assert con.execute("select count(*) from vnadmin.award_overview").fetchone()[0] == n
    assert rows and all(isinstance(r[5], list) for r in rows)


def test_new_documents_are_added_changed_ones_replaced_and_foreign_data_kept(corpus_run: Path, pg_dsn: str) -> None:
    records = _records(corpus_run)
    first, rest = records[:10], records[10:]
    report = export_rows(record_rows(first), pg_dsn)
    assert len(report.inserted) == 10
    with psycopg.connect(pg_dsn) as con:  # what the export did not write: a table and a document
        con.execute("create table vnadmin.my_notes (doc_id text, note text)")
        con.execute("insert into vnadmin.my_notes values ('x', 'keep me')")
        con.execute("insert into vnadmin.documents (doc_id, title) values ('00000000hand0000', 'by hand')")
    changed = copy.deepcopy(records[0])
    target = next(i for i, a in enumerate(changed["awards"]) if a["status"] != "proposed")
    changed["awards"][target]["status"] = "proposed"
    changed["awards"].pop()
    before = _counts(pg_dsn)
    report = export_rows(record_rows([changed, *records[1:]]), pg_dsn)
    assert report.inserted == sorted(r["doc_id"] for r in rest)
    # Replaced: the changed record, and documents of the first ten whose links to the run's
    # documents appeared with the new ones (a link belongs to the citing document's rows).
    all_rows = record_rows([changed, *records[1:]])
    first_ids = {r["doc_id"] for r in first}
    citing = {row[0] for row in all_rows["links"]} & first_ids
    assert changed["doc_id"] in report.replaced
    assert set(report.replaced) - {changed["doc_id"]} <= citing
    assert report.unchanged == 10 - len(report.replaced)
    after = _counts(pg_dsn)
    assert after["awards"] == before["awards"] + sum(len(r.get("awards") or []) for r in rest) - 1
    with psycopg.connect(pg_dsn) as con:
        status = con.execute("select status from vnadmin.awards where doc_id = %s and award_id = %s",
                             (changed["doc_id"], target)).fetchone()[0]
        assert status == "proposed"
        assert con.execute("select note from vnadmin.my_notes").fetchall() == [("keep me",)]
        assert con.execute("select title from vnadmin.documents where doc_id = '00000000hand0000'"
                           ).fetchone() == ("by hand",)


def test_schema_written_by_a_newer_version_is_refused(corpus_run: Path, pg_dsn: str, capsys) -> None:
    export_run(corpus_run, pg_dsn)
    with psycopg.connect(pg_dsn) as con:
        con.execute("update vnadmin.vnadmin_meta set value = '99' where key = 'schema_version'")
    with pytest.raises(ExportError, match=r"schema version 99\).*upgrade vnadmin-extract"):
        export_run(corpus_run, pg_dsn)
    assert main(["export", str(corpus_run), "--to", pg_dsn]) == 2
    assert "upgrade vnadmin-extract" in capsys.readouterr().err


def test_a_schema_with_tables_of_ours_not_written_by_us_is_refused(corpus_run: Path, pg_dsn: str) -> None:
    with psycopg.connect(pg_dsn) as con:
        con.execute("create schema vnadmin")
        con.execute("create table vnadmin.awards (id int)")
    with pytest.raises(ExportError, match="already has tables awards not written by vnadmin-extract"):
        export_run(corpus_run, pg_dsn)
    report = export_run(corpus_run, pg_dsn, schema="vnadmin2")  # another schema is fine
    assert len(report.inserted) == len(_records(corpus_run))
    with psycopg.connect(pg_dsn) as con:
        assert con.execute("select count(*) from vnadmin.awards").fetchone()[0] == 0


def test_an_older_layout_is_migrated_and_its_documents_rewritten(corpus_run: Path, pg_dsn: str) -> None:
    export_run(corpus_run, pg_dsn)
    with psycopg.connect(pg_dsn) as con:  # as if written before awards.statement_folded existed
        con.execute("alter table vnadmin.awards drop column statement_folded")
        layout = json.loads(con.execute("select value from vnadmin.vnadmin_meta where key = 'layout'").fetchone()[0])
        layout["awards"] = [c for c in layout["awards"] if c[0] != "statement_folded"]
        con.execute("update vnadmin.vnadmin_meta set value = %s where key = 'layout'", (json.dumps(layout),))
        con.execute("update vnadmin.vnadmin_loaded set digest = 'old'")  # rows made by the older version
    report = export_run(corpus_run, pg_dsn)
    assert report.migrated == ["awards.statement_folded added"]
    assert len(report.replaced) == len(_records(corpus_run))
    with psycopg.connect(pg_dsn) as con:
        assert con.execute("select count(*) from vnadmin.awards where statement_folded is null").fetchone()[0] == 0


def test_folded_columns_cover_sqlite_search_and_every_name_column() -> None:
    assert ("award_folded", "award") in folded_columns("awards")
    assert ("name_folded", "name") in folded_columns("persons")
    for name, table in TABLES.items():
        if "name" in table.names:
            assert ("name_folded", "name") in folded_columns(name)


def test_missing_driver_and_bad_target_are_one_line_messages(corpus_run: Path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    assert main(["export", str(corpus_run), "--to", "postgresql://u@127.0.0.1:1/db"]) == 2
    assert capsys.readouterr().err.strip() == f"vnadmin-extract export: error: {MISSING_DRIVER}"
    monkeypatch.undo()
    assert main(["export", str(corpus_run), "--to", "postgresql://u:secret@127.0.0.1:1/db"]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to postgresql://u:***@127.0.0.1:1/db" in err and "secret" not in err
    assert main(["export", str(corpus_run), "--to", "mysql://x"]) == 2
