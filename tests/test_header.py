"""Header, signers and recipients on real sentences and layouts (Nghị định 30/2020)."""

import pytest

from vnadmin_extract import extract_text


def _doc(header: str, tail: str = "") -> str:
    return header + "\n\nI. KẾT QUẢ\n\n1. Nội dung thứ nhất.\n\nTrên đây là báo cáo./.\n" + tail


def test_two_column_header_with_motto_interleaved() -> None:
    rec = extract_text(_doc(
        "UBND TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ TÀI CHÍNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 05/CTr-STC Quảng Nam, ngày 10 tháng 02 năm 2025\n\n"
        "CHƯƠNG TRÌNH\nCông tác thi đua, khen thưởng năm 2025"))
    h = rec.header
    assert (h.issuer.parent, h.issuer.name) == ("UBND TỈNH QUẢNG NAM", "SỞ TÀI CHÍNH")
    assert h.number.model_dump(exclude={"raw"}) == {
        "number": "05", "year": None, "symbol": "CTr-STC", "type_code": "CTr", "issuer_code": "STC", "unit": None}
    assert (h.place, h.date.value, h.date.raw) == ("Quảng Nam", "2025-02-10", "ngày 10 tháng 02 năm 2025")
    assert (h.doc_type.code, h.doc_type.name) == ("CTr", "Chương trình")
    assert h.title == "Công tác thi đua, khen thưởng năm 2025"


@pytest.mark.parametrize(("line", "expected"), [
    ("Số: 15/KH-UBND", ("15", None, "KH-UBND", "KH", "UBND", None)),
    ("Số: /BC-SKHCN", (None, None, "BC-SKHCN", "BC", "SKHCN", None)),
    ("Số 48-BC/ĐU", ("48", None, "BC/ĐU", "BC", "ĐU", None)),
    ("Số: 98/2023/NĐ-CP", ("98", 2023, "NĐ-CP", "NĐ", "CP", None)),
    ("Số: 2457/UBND-VX", ("2457", None, "UBND-VX", None, "UBND", "VX")),
    ("Số: 25-KH/TĐTN-TNXP", ("25", None, "KH/TĐTN-TNXP", "KH", "TĐTN", "TNXP")),
])
def test_number_forms(line: str, expected: tuple) -> None:
    rec = extract_text(f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n{line}\nQuảng Ngãi, ngày 05 tháng 3 năm 2024\n")
    n = rec.header.number
    assert (n.number, n.year, n.symbol, n.type_code, n.issuer_code, n.unit) == expected


def test_issuer_wrapped_over_two_lines_is_one_name() -> None:
    rec = extract_text("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
                       "Độc lập - Tự do - Hạnh phúc\nSố: 0124/KH-UBND\nĐắk Lắk, ngày 18 tháng 11 năm 2025\n")
    assert rec.header.issuer.model_dump(exclude={"inferred"}) == {"name": "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "parent": None}


def test_missing_header_is_inferred_from_symbol_with_warning(seeds_dir) -> None:
    from vnadmin_extract import extract_file

    rec = extract_file(seeds_dir / "000_ff6a27539d3b0b29.txt")
    assert rec.header.issuer.model_dump() == {
        "name": "Sở Khoa học và Công nghệ", "parent": "UBND tỉnh Quảng Ngãi", "inferred": True}
    assert "W_ISSUER_INFERRED" in {w.code for w in rec.warnings}
    assert "W_BLANK_NUMBER" in {w.code for w in rec.warnings}


def test_cong_van_with_vv_and_addressees() -> None:
    rec = extract_text(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2457/SGDĐT-TĐKT\nV/v hướng dẫn tổng kết công tác\nthi đua năm học 2024-2025\n"
        "Gia Lai, ngày 02 tháng 6 năm 2025\n\nKính gửi:\n- Các phòng Giáo dục và Đào tạo;\n- Các trường THPT.\n\n"
        "1. Nội dung.\n")
    h = rec.header
    assert (h.doc_type.code, h.doc_type.name) == (None, "Công văn")
    assert h.title == "V/v hướng dẫn tổng kết công tác thi đua năm học 2024-2025"
    assert h.addressees == ["Các phòng Giáo dục và Đào tạo", "Các trường THPT"]
    assert [s.id for s in rec.sections] == ["1"]


def test_stacked_signer_and_recipients() -> None:
    rec = extract_text(_doc(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 210/TB-UBND\nBình Định, ngày 05 tháng 3 năm 2024\n\nTHÔNG BÁO\nKết luận",
        "\nNơi nhận:\n- Như trên;\n- Lưu: VT, NC.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nLê Văn Hùng\n"))
    assert [s.model_dump(include={"name", "position", "authority", "on_behalf_of"}) for s in rec.signers] == [
        {"name": "Lê Văn Hùng", "position": "Phó Chủ tịch", "authority": "KT", "on_behalf_of": "Chủ tịch"}]
    assert rec.signers[0].chain == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
    assert rec.recipients == ["Như trên", "Lưu: VT, NC"]
    s = rec.signers[0]
    assert rec.text[s.end - len("Lê Văn Hùng"):s.end] == "Lê Văn Hùng"


def test_news_page_header(seeds_dir) -> None:
    from vnadmin_extract import extract_file

    rec = extract_file(seeds_dir / "003_0c92ae88f08ac5b2.txt")
    h = rec.header
    assert (h.genre, h.doc_type, h.number) == ("news", None, None)
    assert h.date.value == "2024-01-17"
    assert h.title == "Đoàn kết, đổi mới sáng tạo, thi đua đưa nhanh KH&CN vào cuộc sống"
    assert h.source_name == "Trung tâm Nghiên cứu và Phát triển truyền thông KH&CN"
    assert not any(s.heading.startswith("Lượt xem") for s in rec.sections)


def test_portal_page_banner_is_not_the_header(public_dir) -> None:
    from vnadmin_extract import extract_file

    rec = extract_file(public_dir / "kh-ubnd-daklak-0124-2025-thi-dua-chao-mung-dai-hoi-xiv.md")
    h = rec.header
    assert (h.number.symbol, h.place, h.date.value) == ("KH-UBND", "Đắk Lắk", "2025-11-18")
    assert [(s.name, s.position, s.authority) for s in rec.signers] == [("Đào Mỹ", "Phó Chủ tịch", "KT")]
    assert rec.recipients[-1] == "Lưu: VT, NV (V-10b)"


def test_an_issuer_wrapped_before_va_is_one_name() -> None:
    # tt-bldtbxh-01-2022 (corpus-public): the ministry's name wraps before "VÀ XÃ HỘI".
    rec = extract_text("BỘ LAO ĐỘNG – THƯƠNG BINH\nVÀ XÃ HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Độc lập - Tự do - Hạnh phúc\nSố: 01/2022/TT-BLĐTBXH\nHà Nội, ngày 25 tháng 01 năm 2022\n"
                       "THÔNG TƯ\nHướng dẫn thu thập, lưu trữ, tổng hợp, cung cấp, công bố, sử dụng thông tin "
                       "thị trường lao động\n\nCăn cứ Luật Việc làm ngày 16 tháng 11 năm 2013;\n")
    assert (rec.header.issuer.name, rec.header.issuer.parent) == ("BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", None)
    assert rec.header.title == ("Hướng dẫn thu thập, lưu trữ, tổng hợp, cung cấp, công bố, sử dụng thông tin "
                                "thị trường lao động")


def test_the_deciding_authority_line_is_not_part_of_the_title() -> None:
    # tb-cuc-hai-quan-37693-2025 (corpus-public): "CỤC TRƯỞNG CỤC HẢI QUAN" under the title.
    rec = extract_text("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 37693/TB-CHQ\n"
                       "Hà Nội, ngày 21 tháng 11 năm 2025\nTHÔNG BÁO\nVỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ\n"
                       "CỤC TRƯỞNG CỤC\nHẢI QUAN\nCăn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;\n")
    assert rec.header.title == "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ"
    assert (rec.header.issuer.name, rec.header.issuer.parent) == ("CỤC HẢI QUAN", "BỘ TÀI CHÍNH")
