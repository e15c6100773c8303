"""Award statements from summary tables (extractors/awards/tables.py), on the rows of a real
filled Biểu mẫu (bieu-mau-01-tong-hop-khen-thuong-cap-nha-nuoc-2022-quangbinh.docx, corpus-public)
as the DOCX reader renders them: one row a line, cells on the table's grid."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_extract import extract_text

from .conftest import cached_record

STATE_FORM = """TỈNH QUẢNG BÌNH Biểu mẫu số 01

BẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG CẤP NHÀ NƯỚC NĂM 2022

Số TT │ Hình thức Khen thưởng │ Tổng số tập thể, cá nhân đã được trình đề nghị khen thưởng │ │ Tổng số tập thể, cá nhân đã có quyết định khen thưởng │ │ Khen thưởng theo công trạng thành tích đạt được │ │ │ Khen thưởng chuyên đề, đột xuất

│ │ SL tập thể │ Số cá nhân │ SL tập thể │ Số cá nhân │ SL tập thể │ SL là cá nhân là lãnh đạo quản lý │ Số lượng cá nhân không là lãnh đạo quản lý │ SL tập thể

1 │ 2 │ 3 │ 4 │ 5 │ 6 │ 7 │ 8 │ 9 │ 10

1 │ Huân chương các loại

│ Huân chương Lao động hạng Ba │ │ 05 │ │ 04 │ │ 03 │ │

2 │ Danh hiệu vinh dự nhà nước

│ Bà mẹ Việt Nam anh hùng │ 05 │ │ │ 03

4 │ Bằng khen của Thủ tướng chính phủ │ 07 │ 19 │ 04 │ 15 │ 04 │ 15

Cộng │ │ 25 │ 24 │ 10 │ 22 │ 10 │ 20

CHỦ TỊCH
Trần Thắng
"""

PROVINCE_FORM = """TỈNH QUẢNG BÌNH Biểu mẫu số 03
TỔNG HỢP CÁC HÌNH THỨC KHEN THƯỞNG CẤP TỈNH NĂM 2022
TT │ Hình thức khen thưởng │ Số lượng khen thưởng trong năm │ │ │ Khen thưởng theo công trạng, thành tích đạt được │ │ │ │ Khen thưởng chuyên đề, đột xuất

│ │ Tổng số │ Trong đó │ │ Tổng số │ Tỷ lệ │ Số lượng cá nhân là lãnh đạo quản lý

│ │ │ Số lượng khen thưởng cho Doanh nghiệp │ Số lượng khen thưởng cho cá nhân

11 │ 2 │ 3 │ 4 │ 5 │ 6 │ 7 (6:3) │ 8

11 │ Bằng khen │ 779 │ 37 │ 379 │ 508 │ 0.65% │ 130

33 │ Cờ thi đua cấp tỉnh │ 70 │ 7

│ Tổng cộng │ 976 │ 82 │ 465 │ 635 │ 1,65% │ 249
"""

FIELDS = ("award", "status", "conferred_by", "collectives", "individuals", "total", "year")


def _rows(text: str) -> list[tuple]:
    return [tuple(getattr(a, f) for f in FIELDS) for a in extract_text(text).awards]


def test_state_awards_proposed_and_conferred_by_column_headings() -> None:
    assert _rows(STATE_FORM) == [
        ("Huân chương Lao động hạng Ba", "proposed", None, None, 5, 5, 2022),
        ("Huân chương Lao động hạng Ba", "conferred", None, None, 4, 4, 2022),
        # typed under "SL tập thể", but the title is for individuals only: the total, kind left open
        ("Bà mẹ Việt Nam anh hùng", "proposed", None, None, None, 5, 2022),
        ("Bà mẹ Việt Nam anh hùng", "conferred", None, None, 3, 3, 2022),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", "Thủ tướng chính phủ", 7, 19, 26, 2022),
        ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng chính phủ", 4, 15, 19, 2022),
    ]
    evidence = extract_text(STATE_FORM).awards[0].evidence
    assert evidence == {"counts": "table_columns", "conferred_by": "none", "status": "table_heading",
                        "year": "table_title"}


def test_breakdown_columns_are_parts_of_the_count_read() -> None:
    assert _rows(PROVINCE_FORM) == [
        ("Bằng khen", "conferred", None, None, 379, 779, 2022),
        ("Cờ thi đua của bộ, ban, ngành, tỉnh", "conferred", None, None, None, 70, 2022),
    ]


def test_a_blank_form_gives_no_statement() -> None:
    blank = "\n".join(line for line in STATE_FORM.splitlines() if "0" not in line.split("│", 2)[-1])
    assert _rows(blank.replace("05", "").replace("04", "")) == []


def test_a_list_of_recipients_is_not_a_summary_table() -> None:
    text = ("DANH SÁCH\nSTT │ Họ và tên │ Chức vụ, đơn vị │ Hình thức khen thưởng\n\n"
            "1 │ Nguyễn Văn An │ Trưởng phòng │ Bằng khen\n\n2 │ Lê Thị Bình │ Chuyên viên │ Giấy khen\n")
    awards = extract_text(text).awards
    assert [a for a in awards if a.evidence.get("counts") == "table_columns"] == []
    assert [(a.award, [r.name for r in a.recipients]) for a in awards] == [  # the list's own statements
        ("Bằng khen", ["Nguyễn Văn An"]), ("Giấy khen", ["Lê Thị Bình"])]


def test_the_real_workbook_gives_the_twelve_statements_of_its_gold(public_dir: Path) -> None:
    rec = cached_record(public_dir / "bieu-mau-01-tong-hop-khen-thuong-cap-nha-nuoc-2022-quangbinh.docx")
    assert len(rec.awards) == 12
    assert {a.evidence["counts"] for a in rec.awards} == {"table_columns"}
    assert sum(a.total or 0 for a in rec.awards if a.status == "conferred") == 4 + 3 + 6 + 19 + 779 + 127 + 70


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
