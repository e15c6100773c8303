"""Header fields on real-file shapes: blank dates, borrowed dates, fragments as issuer, and the
review flag that says when a value is a guess (issue 13, classes 1-3)."""

from __future__ import annotations

import pytest

from vnadmin_extract import extract_text

# hd-hdtdkt-hungyen-2021 (corpus-public): a draft with day and month left blank, and a "Căn cứ"
# line with a full date just below.
DRAFT = """HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG
TỈNH HƯNG YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:            /HD – HĐTĐKT
(Dự thảo)
Hưng Yên, ngày      tháng      năm 2021
HƯỚNG DẪN
Tổ chức và hoạt động của các Cụm, Khối thi đua thuộc tỉnh

Căn cứ Quyết định số 18/2020/QĐ-UBND ngày 20/7/2020 của UBND tỉnh Hưng Yên về việc ban hành Quy chế;
"""


def test_a_blank_date_line_gives_the_year_and_never_a_cited_date() -> None:
    rec = extract_text(DRAFT)
    h = rec.header
    assert (h.date.raw, h.date.value, h.place) == ("ngày tháng năm 2021", "2021", "Hưng Yên")
    assert h.sources["date"] == "date_line"
    assert (h.issuer.name, h.issuer.parent) == ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH HƯNG YÊN", None)
    assert h.number.number is None
    codes = [w.code for w in rec.warnings]
    assert "W_BLANK_DATE" in codes and "W_BLANK_NUMBER" in codes
    assert rec.review.needed and rec.review.reasons[:2] == ["number_blank", "date_partial"]


def test_without_a_date_line_the_date_stays_unknown() -> None:
    # The body's dates are not the document's (ttr-bldtbxh-2015: "Ngày 14/5/2013, Chính phủ ...").
    rec = extract_text("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 15/TTr-BLĐTBXH\nTỜ TRÌNH\n"
                       "Về dự thảo Nghị định\n\n1. Ngày 14/5/2013, Chính phủ đã ban hành Nghị định số "
                       "51/2013/NĐ-CP quy định chế độ tiền lương.\n")
    assert rec.header.date is None
    assert "W_NO_DATE" in [w.code for w in rec.warnings]
    assert "date_missing" in rec.review.reasons


def test_header_fragments_are_refused_as_issuer() -> None:
    # bb-stp-quangbinh-02-2022 (a scan of council minutes): OCR puts "THƯ KÝ" and "NỘI DUNG:"
    # near the header; only the lines that name a body are the issuer.
    rec = extract_text("UBND TỈNH QUẢNG BÌNH\nSỞ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "NỘI DUNG:\nTHƯ KÝ\nSố: 02/BB-STP\nBIÊN BẢN\nHọp Hội đồng Thi đua - Khen thưởng Sở\n")
    assert (rec.header.issuer.name, rec.header.issuer.parent) == ("SỞ TƯ PHÁP", "UBND TỈNH QUẢNG BÌNH")
    rejected = [w.message for w in rec.warnings if w.code == "W_ISSUER_REJECTED"]
    assert rejected and "'THƯ KÝ'" in rejected[0] and "'NỘI DUNG:'" in rejected[0]


def test_a_vv_subject_makes_a_cong_van_whatever_the_symbol_looks_like() -> None:
    # cv-cuc-thue-5317-2025: "CT" is Cục Thuế's code here, not Chỉ thị.
    rec = extract_text("BỘ TÀI CHÍNH\nCỤC THUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5317/CT-CS\n"
                       "V/v chính sách thuế\nHà Nội, ngày 25 tháng 11 năm 2025\nKính gửi: Công ty ABC\n")
    assert (rec.header.doc_type.code, rec.header.doc_type.name) == (None, "Công văn")
    assert rec.header.sources["doc_type"] == "vv_line"


def test_a_complete_header_needs_no_review() -> None:
    rec = extract_text("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1234/QĐ-UBND\n"
                       "Bình Định, ngày 18 tháng 12 năm 2024\nQUYẾT ĐỊNH\nVề việc tặng Bằng khen\n\n"
                       "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 05 tập thể.\n")
    assert rec.review.needed is False and rec.review.reasons == []
    assert rec.header.sources == {"number": "header_block", "place": "date_line", "date": "date_line",
                                  "doc_type": "type_line", "title": "title_block", "issuer": "header_block"}


# qd-ubnd-quangbinh-2871-2022 (corpus-public), as Tesseract reads the scan: the number and the
# day were handwritten, and the column layout puts "Số:" between the issuer and the motto.
SCANNED_DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
Số: Sý 7i QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Bình, ngày \\J tháng năm 2022

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch UBND tỉnh
"""


def test_an_illegible_handwritten_number_keeps_the_symbol_and_says_so() -> None:
    rec = extract_text(SCANNED_DECISION)
    h = rec.header
    assert (h.issuer.name, h.issuer.parent) == ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", None)
    assert (h.number.number, h.number.symbol, h.number.type_code) == (None, "QĐ-UBND", "QĐ")
    assert (h.date.value, h.place) == ("2022", "Quảng Bình")
    assert [w.code for w in rec.warnings] == ["W_NUMBER_ILLEGIBLE", "W_DATE_ILLEGIBLE"]
    assert rec.review.reasons == ["number_illegible", "date_partial"]


def test_a_name_after_so_is_not_a_number() -> None:
    assert extract_text("SỞ Y TẾ\nSố: Nguyễn Văn-A\nBÁO CÁO\n").header.number is None


# The header of an OCR'd plan (kh-dhcongthuong-hcm-753-2026, scan): number and day written by hand,
# read by OCR as letters; the place and the printed month and year are kept.
HANDWRITTEN_PLAN = """BỘ CÔNG THƯƠNG
TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG
THÀNH PHỐ HỒ CHÍ MINH
số: ÁŠ/KH-DCT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thành phố Hồ Chí Minh, ngày kỖ tháng 6 năm 2026

KẾ HOẠCH
Khảo sát, xác định chỉ số hài lòng của người dân đối với dịch vụ giáo dục công năm 2026

Căn cứ Quyết định số 2034/QĐ-BGDĐT ngày 13 tháng 7 năm 2023 của Bộ Giáo dục và Đào tạo;
"""


def test_a_handwritten_day_read_as_letters_keeps_place_month_and_year() -> None:
    rec = extract_text(HANDWRITTEN_PLAN)
    h = rec.header
    assert (h.place, h.date.value) == ("Thành phố Hồ Chí Minh", "2026-06")
    assert (h.number.number, h.number.symbol) == (None, "KH-DCT")
    assert [w.code for w in rec.warnings] == ["W_NUMBER_ILLEGIBLE", "W_DATE_ILLEGIBLE"]
    assert "day 'kỖ'" in rec.warnings[1].message


@pytest.mark.parametrize(("line", "value", "code"), [
    ("Quảng Bình, ngày ⁄7 tháng năm 2024", "2024", "W_DATE_ILLEGIBLE"),  # kh-ubnd-quangbinh-672-2024
    ("Đà Nẵng, ngày 4Ÿtháng 10 năm 2023", "2023-10", "W_DATE_ILLEGIBLE"),  # cv-ubnd-danang-5710-2023
    # cv-sgddt-danang-1595-2019 (the dates stage also says the day does not exist)
    ("Đà Nẵng, ngày 84 tháng 5 năm 2019", "2019-05", "W_DATE_ILLEGIBLE W_INVALID_DATE"),
    ("Hưng Yên, ngày      tháng      năm 2021", "2021", "W_BLANK_DATE"),
    ("Hà Nội, ngày    tháng 02 năm 2026", "2026-02", "W_BLANK_DAY"),
])
def test_a_partial_date_line_keeps_what_is_printed(line: str, value: str, code: str) -> None:
    rec = extract_text(f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 12/KH-UBND\n{line}\n\nKẾ HOẠCH\nVề việc thử\n")
    assert (rec.header.date.value, rec.header.place) == (value, line.split(",")[0])
    assert [w.code for w in rec.warnings] == code.split()


def test_a_number_cited_in_an_upper_case_line_is_not_the_documents() -> None:
    # cv-ubnd-danang-5710-2023: the document's own number is handwritten; an appendix title in
    # capitals cites another document's number, which must not stand in for it.
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 14. /UBND-SGDĐT\n"
            "TRIỂN KHAI NHIỆM VỤ THEO THÔNG BÁO SỐ 496-TB/TU\n")
    assert extract_text(text).header.number is None


def _ocr_record(text: str):  # type: ignore[no-untyped-def]
    """The record of ``text`` as an OCR'd page gives it."""
    from vnadmin_extract.ingest.base import RawText
    from vnadmin_extract.pipeline import process_raw
    from vnadmin_extract.schema import Source

    return process_raw(RawText(text=text, format="pdf", ocr=True), Source(path="<scan>", format="pdf", sha256="", bytes=0))


def test_an_ocr_read_vv_line_under_handwriting_marks_a_cong_van() -> None:
    # cv-ca-danang-pa83-115-2018 (scan with handwritten notes over the subject line)
    text = ("CÔNG AN TP ĐÀ NẴNG\nPHÒNG AN CHÍNH TRỊ NỘI BỘ\nSố: 115 /CV-PA83\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nĐà Nẵng, ngày 26 tháng 4 năm 2018\n\n"
            "—> vív thông báo hoạt động của tà đạo I`SYš Hội thánh Đức Chúa trời tạ s x E` d3 so y8\n"
            "Kính gửi: - Sở Giáo dục và Đào tạo thành phố Đà Nẵng;\n")
    rec = _ocr_record(text)
    assert (rec.header.doc_type.name, rec.header.title) == ("Công văn", None)
    assert extract_text(text).header.doc_type is None  # typed text says "V/v" when it means it


def test_an_ocr_read_vv_line_that_lost_its_second_v_marks_a_cong_van() -> None:
    # cv-sgddt-danang-1595-2019 (bilevel scan): "V/v bảo đảm ..." reads "V/ bảo đảm ...".
    text = ("UBND THÀNH PHỐ ĐÀ NẴNG\n- SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 635 /SGDĐT-CTrTT\n"
            "V/ bảo đảm TTATGT cho HS, SV trong địp nghỉ hè và kỳ thì THPT quôc gia năm 2019\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐà Nẵng, ngày 84 tháng 5 năm 2019\n\n"
            "Kính gửi:\n- Trưởng phòng GD&ĐĐT các quận, huyện;\n")
    rec = _ocr_record(text)
    assert rec.header.doc_type is not None and rec.header.doc_type.name == "Công văn"
    assert rec.header.sources["doc_type"] == "vv_line"
