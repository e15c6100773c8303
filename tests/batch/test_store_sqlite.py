"""The store: tables keyed by doc_id, Parquet, SQLite with diacritic-free search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from batch_testlib import award_record, write_records

from vnadmin_extract.schema import Header, Issuer, Record, Source
from vnadmin_extract.store import TABLES, build_outputs, record_frames, search
from vnadmin_extract.store.datasette import FACETS, QUERIES, metadata, register_functions
from vnadmin_extract.store.fold import fold_search, query_tokens
from vnadmin_extract.store.parquet import read_parquet
from vnadmin_extract.store.provinces import province_of


def _other(doc_id: str = "0f0f0f0f0f0f0f0f") -> Record:
    return Record(doc_id=doc_id, source=Source(path="/data/x.txt", format="txt", sha256=doc_id * 4, bytes=3),
                  text="Báo cáo về phong trào lao động sản xuất.",
                  header=Header(issuer=Issuer(name="UBND HUYỆN TƯ NGHĨA")))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("store")
    write_records(out, [award_record(), _other()])
    build_outputs(out)
    return out


@pytest.mark.parametrize("query", [
    "lao dong tien tien", "Lao động tiên tiến", "LAO DONG TIEN TIEN", "chien si thi dua", "chiến sĩ thi đua",
])
def test_diacritic_free_search_finds_the_award_row(outdir: Path, query: str) -> None:
    hits = search(outdir / "vnadmin.db", query, table="awards")
    assert hits, query
    assert hits[0].doc_id == "a1b2c3d4e5f60718"
    assert hits[0].fields["award"] in {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}
    assert "«" in hits[0].snippet


def test_search_ranks_and_highlights_documents(outdir: Path) -> None:
    hits = search(outdir / "vnadmin.db", "chien sy thi dua", table="documents")
    assert [h.doc_id for h in hits] == ["a1b2c3d4e5f60718"]
    assert "«Chiến» «sỹ» «thi» «đua»" in hits[0].snippet
    assert search(outdir / "vnadmin.db", "lao dong xuat sac", table="awards") == []
    assert [h.doc_id for h in search(outdir / "vnadmin.db", "lao dong")][:2] != []


@pytest.mark.parametrize("query", ["'); DROP TABLE awards; --", '" OR 1=1 --', "NEAR(", "*", "award:x", ""])
def test_hostile_queries_are_words_not_sql(outdir: Path, query: str) -> None:
    search(outdir / "vnadmin.db", query, table="awards")
    con = sqlite3.connect(outdir / "vnadmin.db")
    assert con.execute("select count(*) from awards").fetchone()[0] == 2
    text = con.execute("select text from documents where doc_id = ?", ("a1b2c3d4e5f60718",)).fetchone()[0]
    assert text.endswith("'); DROP TABLE awards; --")  # content stored verbatim, as a value
    con.close()


def test_database_has_indexes_and_fts_with_remove_diacritics(outdir: Path) -> None:
    con = sqlite3.connect(outdir / "vnadmin.db")
    indexed = {(t, c) for t, name in con.execute("select tbl_name, name from sqlite_master where type='index'")
               for c in [r[2] for r in con.execute(f"pragma index_info('{name}')")]}
    for col in ("award", "year", "status", "issuer", "province"):
        assert ("awards", col) in indexed
    for table in ("documents_fts", "awards_fts"):
        sql = con.execute("select sql from sqlite_master where name = ?", (table,)).fetchone()[0]
        assert "remove_diacritics 2" in sql and "fts5" in sql.lower()
    # The tokenizer alone folds tones (not đ); the folded column handles đ and sỹ/sĩ.
    assert con.execute("select count(*) from awards_fts where awards_fts match 'tien tien'").fetchone()[0] == 1
    assert con.execute("select count(*) from awards_fts where awards_fts match ?", ("dong",)).fetchone()[0] == 1
    assert set(TABLES) <= {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()


def test_tables_are_keyed_by_doc_id_and_own_id(outdir: Path) -> None:
    frames = read_parquet(outdir)
    assert set(frames) == set(TABLES)
    for name, df in frames.items():
        table = TABLES[name]
        assert list(df.columns) == table.names, name
        assert not df.duplicated(["doc_id", table.key] if table.key != "doc_id" else ["doc_id"]).any()
    awards = frames["awards"]
    assert list(awards["award_id"]) == [0, 1]
    assert set(awards["province"]) == {"Quảng Ngãi"}
    assert frames["documents"].set_index("doc_id").loc["a1b2c3d4e5f60718", "province"] == "Quảng Ngãi"
    assert frames["documents"].set_index("doc_id").loc["a1b2c3d4e5f60718", "year"] == 2024
    assert len(frames["persons"]) == 0 and str(frames["persons"]["start"].dtype).lower() == "int64"


def test_record_frames_keep_first_of_a_doc_id_and_tolerate_new_fields() -> None:
    rec = json.loads(award_record().model_dump_json())
    later = {**rec, "future_field": 1, "awards": []}
    frames = record_frames([rec, later, {"doc_id": "zz", "sections": [{"id": "I"}, {"id": "I"}]}])
    assert len(frames["documents"]) == 2 and len(frames["awards"]) == 2
    assert list(frames["sections"]["section_id"]) == ["I", "I#2"]


@pytest.mark.parametrize(("header", "province"), [
    ({"issuer": {"name": "Sở Khoa học và Công nghệ", "parent": "UBND TỈNH QUẢNG NGÃI"}}, "Quảng Ngãi"),
    ({"issuer": {"name": "SỞ TƯ PHÁP TỈNH QUẢNG BÌNH"}}, "Quảng Bình"),
    ({"issuer": {"name": "UBND TP. Hồ Chí Minh"}}, "Hồ Chí Minh"),
    ({"issuer": {"parent": "UBND tỉnh Thanh Hoá"}}, "Thanh Hóa"),
    ({"place": "Đà Nẵng"}, "Đà Nẵng"),
    ({"place": "An Phú", "issuer": {"name": "BỘ KHOA HỌC VÀ CÔNG NGHỆ"}}, None),
    (None, None),
])
def test_province_from_header_and_place(header: dict | None, province: str | None) -> None:
    assert province_of(header) == province


@pytest.mark.parametrize("text", ["Chiến sỹ thi đua", "ĐẢNG ỦY", "Kỹ thuật İ ﬁ e\u0301", "", "huy, tuy, quý"])
def test_fold_keeps_length(text: str) -> None:
    assert len(fold_search(text)) == len(text)


def test_query_folding() -> None:
    assert query_tokens("Chiến sỹ thi đua!") == ["chien", "si", "thi", "dua"]
    assert fold_search("Huy chương, quý") == "huy chuong, quy"


def test_datasette_metadata_and_canned_queries_run(outdir: Path) -> None:
    meta = metadata()
    tables = meta["databases"]["vnadmin"]["tables"]
    assert {"award", "year", "status", "issuer", "province"} <= set(tables["awards"]["facets"])
    assert tables["awards"]["fts_table"] == "awards_fts" and tables["documents"]["fts_table"] == "documents_fts"
    assert " / " in tables["awards"]["description"] and " / " in tables["awards"]["columns"]["status"]
    assert FACETS["awards"] == tables["awards"]["facets"]
    con = sqlite3.connect(outdir / "vnadmin.db")
    register_functions(con)  # fold(), as the Datasette plugin does
    rows = con.execute(QUERIES["awards_by_year_and_level"]["sql"]).fetchall()
    assert sum(r[5] for r in rows) == 2
    con.execute(QUERIES["documents_citing_legal_reference"]["sql"], {"reference": "NĐ-CP"}).fetchall()
    found = con.execute(QUERIES["awards_of_person"]["sql"], {"name": "giam doc so"}).fetchall()
    assert len(found) == 2  # both statements' sentence names the authority, accents ignored
    con.close()


def test_empty_records_build_empty_typed_tables(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    report = build_outputs(tmp_path)
    assert report.records == 0 and (tmp_path / "vnadmin.db").exists()
    assert all(len(df) == 0 for df in read_parquet(tmp_path).values())
