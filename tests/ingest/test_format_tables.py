"""Recipient tables in binary formats: the corpus documents made by corpus/tools/make_format_docs.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_extract import extract_file as extract

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
PDF = DOCS / "qd-ubnd-huyen-yen-the-2136-2024-chien-si-thi-dua-co-so-bang-pdf.pdf"
DOCX = DOCS / "qd-sgddt-lam-dong-1207-2025-tang-giay-khen-bang-word.docx"
XLSX = DOCS / "ds-stnmt-quang-tri-2024-de-nghi-khen-thuong-bang-tinh.xlsx"


def test_pdf_ruled_table_reads_row_by_row() -> None:
    rec = extract(PDF)
    lines = rec.text.split("\n")
    assert "STT │ Họ và tên │ Chức vụ │ Đơn vị" in lines
    # a cell wrapped over two baselines ("Phó Trưởng / phòng") is one cell
    assert "3 │ Lương Văn Dũng │ Phó Trưởng phòng │ Phòng Tài chính - Kế hoạch" in lines
    assert "4 │ Dương Thị Thanh Huyền │ Điều dưỡng trưởng │ Trung tâm Y tế huyện Yên Thế" in lines
    (award,) = rec.awards
    assert [(r.name, r.kind, r.position, r.organization) for r in award.recipients][:2] == [
        ("Hoàng Văn Thắng", "individual", "Phó Chủ tịch", "UBND xã Đồng Tâm"),
        ("Nguyễn Thị Lệ", "individual", "Giáo viên", "Trường Tiểu học Bố Hạ"),
    ]
    assert len(award.recipients) == 7


def test_docx_table_kept_apart_from_paragraphs_around_it() -> None:
    rec = extract(DOCX)
    lines = rec.text.split("\n")
    assert "STT │ Họ và tên │ Chức vụ, đơn vị" in lines
    assert "Danh sách có 03 tập thể và 05 cá nhân./." in lines
    (award,) = rec.awards
    assert [(r.name, r.kind) for r in award.recipients][:3] == [
        ("Tổ Toán - Tin", "collective"),
        ("Trường Phổ thông Dân tộc nội trú tỉnh", "collective"),
        ("Phòng Giáo dục Trung học", "collective"),
    ]
    assert [r.name for r in award.recipients if r.kind == "individual"] == [
        "Nguyễn Thị Thu Hà", "Trần Văn Lộc", "Đỗ Minh Tâm", "Lê Hoàng Phúc", "Phạm Ngọc Bích Trâm"]


def test_table_rows_are_persons_and_a_school_name_is_not() -> None:
    rec = extract(DOCX)
    people = {(p.name, p.position, p.organization) for p in rec.persons}
    assert ("Nguyễn Thị Thu Hà", "Giáo viên", "Trường THPT Chuyên Thăng Long") in people
    assert ("Trần Văn Lộc", "Hiệu trưởng", "Trường THPT Bùi Thị Xuân") in people
    assert not any(p.name == "Bùi Thị Xuân" for p in rec.persons)  # "Trường THPT Bùi Thị Xuân"
    assert len(rec.persons) == 6


def test_award_column_names_the_giver() -> None:
    rec = extract(XLSX)
    got = {(a.award, a.status, a.conferred_by, a.total) for a in rec.awards}
    assert got == {("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", 5),
                   ("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "proposed", None, 2)}
    assert {p.name for p in rec.persons} >= {"Hồ Xuân Trường", "Lê Thị Diệu Linh", "Nguyễn Hữu Quý"}


@pytest.mark.parametrize("path", [PDF, DOCX, XLSX])
def test_generated_documents_present(path: Path) -> None:
    assert path.stat().st_size > 1000


def test_list_title_is_the_title_of_an_untyped_list() -> None:
    rec = extract(XLSX)
    assert rec.header.title == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert rec.header.sources["title"] == "list_title"
    assert rec.header.doc_type is None


def _grid(rows: int, ruled_rows: set[int]) -> list:
    """Rules of a 3-column table of ``rows`` rows 20 pt high; inner verticals only on ``ruled_rows``."""
    from vnadmin_extract.ingest.pdf_tables import Rule

    out = [Rule(True, 100 + 20 * r, 50, 350) for r in range(rows + 1)]
    out += [Rule(False, x, 100, 100 + 20 * rows) for x in (50, 350)]
    for r in ruled_rows:
        out += [Rule(False, x, 100 + 20 * r, 120 + 20 * r) for x in (150, 250)]
    return out


def test_pdf_grid_needs_most_rows_ruled() -> None:
    from vnadmin_extract.ingest.pdf_tables import tables

    (table,) = tables(_grid(5, {0, 2, 3, 4}))  # row 1 merged over the width: "I. TẬP THỂ"
    assert table.xs == [50, 150, 250, 350]
    assert table.spans(1) == [(0, 2)]
    assert table.spans(2) == [(0, 0), (1, 1), (2, 2)]
    assert tables(_grid(5, {0})) == []  # columns set by tab stops under a ruled heading
