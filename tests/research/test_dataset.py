"""``vnadmin_extract.dataset``: the tables of a run as typed DataFrames."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vnadmin_extract import dataset, extract_text
from vnadmin_extract.store import build_outputs

from .conftest import BINH_DINH, CDCS_HA_TINH, N_CORPUS, doc_id_of


def test_load_gives_every_table_with_its_rows(ds: dataset.Dataset, run_dir: Path) -> None:
    lines = [json.loads(x) for x in (run_dir / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(ds.documents) == len(lines) == N_CORPUS
    assert len(ds.awards) == sum(len(r["awards"]) for r in lines)
    assert len(ds.entities) == sum(len(r["entities"]) for r in lines)
    assert set(ds.tables) == {"documents", "sections", "entities", "awards", "recipients", "links", "commemorations", "legal_refs",
                              "persons", "warnings"}
    assert ds["awards"] is ds.awards
    with pytest.raises(KeyError, match="the tables are"):
        ds["award"]


def test_column_types(ds: dataset.Dataset) -> None:
    docs, awards, com = ds.documents, ds.awards, ds.commemorations
    assert docs["date"].dtype == np.dtype("datetime64[s]")
    assert str(docs["year"].dtype) == "Int64"
    assert str(docs["issuer"].dtype) == "string"
    for col in ("collectives", "individuals", "total", "year", "start", "end"):
        assert str(awards[col].dtype) == "Int64", col
    assert awards["doc_date"].dtype == np.dtype("datetime64[s]")
    assert str(com["consistent"].dtype) == "boolean"
    assert list(awards["category"].cat.categories[:4]) == ["emulation_title", "commendation", "rating", "other"]
    assert list(awards["status"].cat.categories[:4]) == ["conferred", "registered", "proposed", "target"]
    assert awards["level"].cat.ordered and awards["level"].cat.categories[0] == "nha_nuoc"
    # JSON columns come decoded.
    assert all(isinstance(v, list) for v in awards["recipients"])
    assert all(isinstance(v, list) for v in docs["signers"])


def test_counts_are_nullable_not_zero(ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    award = ds.awards[ds.awards["doc_id"] == bd].iloc[0]
    assert (award["award"], award["collectives"], award["individuals"], award["total"]) == ("Bằng khen", 5, 4, 9)
    cdcs = ds.awards[ds.awards["doc_id"] == doc_id_of(ds, CDCS_HA_TINH)]
    first = cdcs.iloc[0]  # "Hoàn thành xuất sắc nhiệm vụ" for one collective, kind not given
    assert first["total"] == 1
    assert pd.isna(first["collectives"]) and pd.isna(first["individuals"])


def test_partial_and_impossible_dates(ds: dataset.Dataset) -> None:
    com = ds.commemorations.set_index("raw")
    phu_cat = com.loc["50 năm Ngày giải phóng huyện Phù Cát (1975-2025)"]
    assert phu_cat["start_date_iso"] == "1975" and phu_cat["start_date_precision"] == "year"
    assert phu_cat["start_date"] == pd.Timestamp("1975-01-01")
    day_month = com.loc["Ngày Thương binh - Liệt sĩ (27/7)"]  # no year: kept as text, no datetime
    assert day_month["anniversary_date_iso"] == "--07-27"
    assert pd.isna(day_month["anniversary_date"]) and pd.isna(day_month["anniversary_date_precision"])
    bad = com.loc["50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 31/4/2025)"]
    assert pd.isna(bad["anniversary_date"]) and pd.isna(bad["anniversary_date_iso"])  # 31/4 does not exist
    assert ds.documents.loc[ds.documents["path"].str.endswith(BINH_DINH), "date"].iloc[0] == pd.Timestamp("2024-12-18")


def test_evidence_and_join(ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    refs = ds.legal_refs[ds.legal_refs["doc_id"] == bd]
    row = refs[refs["symbol"] == "NĐ-CP"].iloc[0]
    assert ds.evidence("legal_refs", row) == "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"
    joined = ds.with_documents("awards")
    assert {"doc_year", "doc_issuer", "doc_province", "doc_doc_type"} <= set(joined.columns)
    assert len(joined) == len(ds.awards)
    assert joined.loc[joined["doc_id"] == bd, "doc_province"].iloc[0] == "Bình Định"


def test_describe_lists_types_and_meanings() -> None:
    table = dataset.describe("awards").set_index("column")
    assert table.loc["total", "dtype"] == "Int64"
    assert table.loc["doc_date", "dtype"] == "datetime64[s]"
    assert table.loc["status", "dtype"] == "category"
    assert table.loc["total", "vi"] == "tổng số"
    assert "precision" in table.loc["doc_date_precision", "en"]


def test_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(dataset.NotARunError, match="does not exist"):
        dataset.load(tmp_path / "missing")
    with pytest.raises(dataset.NotARunError, match="not a vnadmin-extract run"):
        dataset.load(tmp_path)
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(dataset.NotARunError, match="vnadmin-extract load"):
        dataset.load(tmp_path)
    assert issubclass(dataset.NotARunError, FileNotFoundError)


def test_run_without_text_loads_and_the_corpus_says_why(tmp_path: Path) -> None:
    with_text = extract_text("Quảng Ngãi, ngày 23 tháng 01 năm 2024\n\nBÁO CÁO\nTặng Bằng khen cho 05 tập thể.",
                             path="a.txt")
    without = extract_text("Hà Nội, ngày 02 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhong trào thi đua.", path="b.txt",
                           keep_text=False)
    (tmp_path / "records.jsonl").write_text(
        with_text.model_dump_json() + "\n" + without.model_dump_json() + "\n", encoding="utf-8")
    build_outputs(tmp_path)
    ds = dataset.load(tmp_path)
    assert len(ds.documents) == 2
    corpus = ds.corpus()
    assert list(corpus.docs["doc_id"]) == [with_text.doc_id]
    assert "no text" in corpus.skipped[without.doc_id]
    with pytest.raises(ValueError, match="no-text"):
        ds.text(without.doc_id)


def test_load_only_some_tables(run_dir: Path) -> None:
    small = dataset.load(run_dir, tables=["documents"])
    assert len(small.documents) == N_CORPUS and small.awards.empty
    assert str(small.awards["total"].dtype) == "Int64"  # empty but typed
    with pytest.raises(KeyError):
        dataset.load(run_dir, tables=["nope"])
