"""Spreadsheet reader: .xlsx and .xls sheets as rows of " │ "-joined cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_extract import extract_file
from vnadmin_extract.ingest.spreadsheet import render

openpyxl = pytest.importorskip("openpyxl")


def test_render_keeps_columns_and_drops_empty_ones() -> None:
    text = render([("Sheet1", [["STT", "", "Họ và tên"], ["1", "", "Lê An"], ["", "", ""], ["Tiêu đề", "", ""]])])
    assert text == "[Sheet1]\n\nSTT │ Họ và tên\n\n1 │ Lê An\n\nTiêu đề"


def test_xlsx_list_gives_recipients(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sach"
    ws.append(["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN NĂM 2024"])
    ws.append(["STT", "Họ và tên", "Chức vụ, đơn vị"])
    ws.append([1, "Ông Phạm Văn Khải", "Trưởng phòng Nội vụ huyện Tam Nông"])
    ws.append([2, "Phòng Văn hóa và Thông tin huyện Tam Nông", None])
    ws.append([3, 12.5, None])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    rec = extract_file(path)
    assert rec.error is None and rec.source.format == "xlsx"
    assert "1 │ Ông Phạm Văn Khải │ Trưởng phòng Nội vụ huyện Tam Nông" in rec.text
    [award] = rec.awards
    assert (award.award, award.status, award.year, award.total) == ("Bằng khen", "proposed", 2024, 2)
    got = [(r.name, r.kind, r.position, r.organization, r.note) for r in award.recipients]
    assert got == [("Phạm Văn Khải", "individual", "Trưởng phòng", "phòng Nội vụ huyện Tam Nông", "Ông"),
                   ("Phòng Văn hóa và Thông tin huyện Tam Nông", "collective", None, None, None)]
    r0 = award.recipients[0]
    assert rec.text[r0.start:r0.end].startswith("1 │ Ông Phạm Văn Khải")


def test_damaged_xlsx_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    assert extract_file(path).error is not None


def test_real_xls_mixing_tcvn3_and_vni(public_dir: Path) -> None:
    path = public_dir / "bang-tong-hop-dau-tu-kem-qd-141-2006-ubnd-hcm-tcvn3-vni.xls"
    if not path.exists():
        pytest.skip("corpus-public absent")
    rec = extract_file(path, keep_text=True)
    assert rec.error is None and rec.source.encoding == "tcvn3+vni"
    lines = rec.text.split("\n")
    assert lines[:3] == ["[bang 1]", "", "BẢNG TỔNG HỢP DANH MỤC ĐẦU TƯ NĂM 2006"]
    assert ("(Ban hành kèm theo Quyết định số 141/2006/QĐ-UBND ngày 22 tháng 9 năm 2006 "
            "của Ủy ban nhân dân thành phố)") in lines
    assert ("Stt │ Tên công trình, dự án │ Chủ đầu tư │ Địa điểm thực hiện │ Thời gian KC-HT │ Năng lực thiết kế │ "
            "Tổng vốn đầu tư │ Kế hoạch năm 2006 đã giao │ Kế hoạch điều chỉnh │ Ghi chú") in lines
    assert sum(line.lower().startswith("[bang ") for line in lines) == 12  # every sheet


def test_real_xlsx_award_list(public_dir: Path) -> None:
    path = public_dir / "danh-muc-hinh-thuc-khen-thuong-danh-hieu-thi-dua-mau-tdkt.xlsx"
    if not path.exists():
        pytest.skip("corpus-public absent")
    rec = extract_file(path)
    assert rec.error is None and rec.source.format == "xlsx"
    by_award = {a.award: a for a in rec.awards}
    assert by_award["Tập thể lao động tiên tiến"].total == 370
    first = by_award["Tập thể lao động tiên tiến"].recipients[0]
    assert (first.name, first.kind, first.organization) == ("Thanh tra sở Y tế", "collective", "Sở Y tế")
    bk = by_award["Bằng khen"].recipients[0]
    assert (bk.name, bk.kind, bk.organization, bk.note) == ("Nguyễn Anh Đại", "individual", "Sở Tài Chính", "Ông")
