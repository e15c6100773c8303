"""The recipients table: one row per (statement, recipient), searchable without diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_testlib import write_records

from vnadmin_extract import extract_file
from vnadmin_extract.store import build_outputs, record_frames, search

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "corpus/documents/qd-ubnd-huyen-dong-son-312-2025-bang-khen-chien-si-thi-dua-hai-danh-sach.txt"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("recipients")
    write_records(out, [extract_file(DOC)])
    build_outputs(out)
    return out


def test_one_row_per_statement_and_recipient() -> None:
    rec = extract_file(DOC)
    frame = record_frames([rec.model_dump(mode="json")])["recipients"]
    assert len(frame) == 8
    row = frame.iloc[3].to_dict()
    assert {k: row[k] for k in ("recipient_id", "award_id", "award", "status", "year", "kind", "name", "position",
                                "organization", "note", "doc_number", "doc_symbol", "doc_date")} == {
        "recipient_id": 3, "award_id": 0, "award": "Giấy khen", "status": "conferred", "year": 2024,
        "kind": "individual", "name": "Trịnh Thị Thu Hằng", "position": "Giáo viên",
        "organization": "Trường Mầm non Đông Tiến", "note": "Bà", "doc_number": "312", "doc_symbol": "QĐ-UBND",
        "doc_date": "2025-01-15"}
    assert frame["award_id"].tolist() == [0, 0, 0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize("query", ["trinh thi thu hang", "Trịnh Thị Thu Hằng", "TRINH THI THU HANG"])
def test_search_recipients_with_or_without_diacritics(outdir: Path, query: str) -> None:
    hits = search(outdir / "vnadmin.db", query, table="recipients")
    assert [(h.fields["name"], h.fields["award"], h.row_id) for h in hits] == [("Trịnh Thị Thu Hằng", "Giấy khen", 3)]
    assert hits[0].snippet.startswith("«Trịnh» «Thị» «Thu» «Hằng», Giáo viên")


def test_search_by_unit_finds_collectives_and_members(outdir: Path) -> None:
    hits = search(outdir / "vnadmin.db", "van phong hdnd", table="recipients")
    assert [h.fields["name"] for h in hits] == ["Đỗ Thị Hạnh"]


def test_links_between_documents_of_a_run(tmp_path: Path) -> None:
    docs = REPO / "corpus/documents"
    names = ["ttr-snv-ha-nam-45-2025-de-nghi-bang-khen-danh-sach.txt",
             "qd-ubnd-ha-nam-512-2025-tang-bang-khen-cai-cach-hanh-chinh.txt",
             "bc-snv-ha-nam-88-2025-ket-qua-khen-thuong-quy-1.txt"]
    recs = [extract_file(docs / n).model_dump(mode="json") for n in names]
    ttr, qd, bc = (r["doc_id"] for r in recs)
    links = record_frames(recs)["links"]
    got = sorted(zip(links["doc_id"], links["to_doc"], links["relation"], links["raw"], strict=True))
    assert got == sorted([(qd, ttr, "confers", "Tờ trình số 45/TTr-SNV ngày 03/3/2025"),
                          (bc, qd, "reports", "Quyết định số 512/QĐ-UBND ngày 20/3/2025")])
