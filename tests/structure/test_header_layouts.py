"""Header layouts besides the two-column block, on the real lines of corpus-public documents
(issue 13, class 3): run-on type lines, blank forms, Công báo gazette type lines, consolidated
texts certified at the end, "Về ..." subjects, headings as titles, issuers over two lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import cached_record
from vnadmin_extract import extract_text
from vnadmin_extract.evaluation import score_scalar
from vnadmin_extract.structure import header_layouts
from vnadmin_extract.structure.header_layouts import strip_form_label, type_prefix


def test_type_line_that_runs_on_into_the_subject() -> None:
    tp = type_prefix("BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG")
    assert tp is not None and (tp.info.code, tp.info.name, tp.rest) == ("BC", "Báo cáo", "ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG")


@pytest.mark.parametrize("line", ["BÁO CÁO THÀNH TÍCH", "THÔNG TƯ HƯỚNG DẪN"])
def test_type_line_with_a_qualifier_has_no_subject_on_it(line: str) -> None:
    tp = type_prefix(line)
    assert tp is not None and tp.rest == ""


@pytest.mark.parametrize("line", ["QUYẾT ĐỊNH:", "QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ", "Báo cáo kết quả thực hiện",
                                  "BAN QUẢN LÝ DỰ ÁN", "QUYẾT ĐỊNH"])
def test_not_a_run_on_type_line(line: str) -> None:
    assert type_prefix(line) is None


def test_form_labels_are_cut_from_header_lines() -> None:
    assert strip_form_label("TỈNH QUẢNG BÌNH Biểu mẫu số 01") == "TỈNH QUẢNG BÌNH"
    assert strip_form_label("Mẫu số 08") == ""
    assert strip_form_label("SỞ NỘI VỤ") == "SỞ NỘI VỤ"
    assert header_layouts.is_placeholder_issuer("ĐƠN VỊ CẤP TRÊN")
    assert not header_layouts.is_placeholder_issuer("SỞ NỘI VỤ")


# mau-bao-cao-bhld-bqlkcn-dongnai-2009-vni.doc
BHLD = """Mẫu số 5

Tên đơn vị:
Tel:
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc

....., ngày tháng năm

BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG

Kính gửi: Ban Quản lý các Khu công nghiệp Đồng Nai

CÁC CHỈ TIÊU VỀ BHLĐ
SỐ LIỆU
1. Lao động:
"""


def test_run_on_type_line_gives_type_and_title() -> None:
    h = extract_text(BHLD).header
    assert (h.doc_type.code, h.doc_type.name, h.title) == ("BC", "Báo cáo", "ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG")
    assert (h.sources["doc_type"], h.sources["title"]) == ("type_line", "title_block")
    assert h.issuer is None


# mau-08-bao-cao-thanh-tich-de-nghi-tang-thuong.doc (a blank form; "[1]" is a footnote mark)
MAU_08 = """Mẫu số 08

ĐƠN VỊ CẤP TRÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc Tỉnh (thành phố), ngày …. tháng … năm …..

BÁO CÁO THÀNH TÍCH
ĐỀ NGHỊ TẶNG THƯỞNG (TRUY TẶNG) ………[1]

Tên đơn vị hoặc cá nhân và chức vụ, đơn vị đề nghị khen thưởng (Ghi đầy đủ bằng chữ in thường, không viết tắt)

I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH
"""


def test_blank_form_keeps_its_placeholders_and_is_flagged() -> None:
    rec = extract_text(MAU_08)
    h = rec.header
    assert (h.issuer.name, h.issuer.parent, h.place, h.date) == ("ĐƠN VỊ CẤP TRÊN", None, "Tỉnh (thành phố)", None)
    assert (h.doc_type.name, h.title) == ("Báo cáo", "ĐỀ NGHỊ TẶNG THƯỞNG (TRUY TẶNG) ………")
    assert [w.code for w in rec.warnings] == ["W_NO_DATE", "W_ISSUER_PLACEHOLDER"]
    assert rec.review.needed and rec.review.reasons == ["date_missing", "issuer_placeholder"]


def test_template_placeholders_with_note_marks() -> None:
    # Nghị định 30/2020, Phụ lục III: the blank template of a tờ trình
    rec = extract_text("TÊN CQ, TC CHỦ QUẢN (1)\nTÊN CƠ QUAN, TỔ CHỨC (2)\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Độc lập - Tự do - Hạnh phúc\nSố: …/…(3)…\n……(4)…, ngày … tháng … năm 20…\n\nTỜ TRÌNH\n"
                       "Về việc ……………(5)\n\nKính gửi: ………\n")
    h = rec.header
    assert (h.issuer.name, h.issuer.parent, h.place, h.date) == (
        "TÊN CƠ QUAN, TỔ CHỨC (2)", "TÊN CQ, TC CHỦ QUẢN (1)", None, None)
    assert rec.review.reasons == ["date_missing", "issuer_placeholder"]


def test_draft_date_line_without_a_year_gives_the_place_only() -> None:
    rec = extract_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Độc lập - Tự do - Hạnh phúc\nSố:      /TTr-SNV\nThành phố Hồ Chí Minh, ngày      tháng      năm\n\n"
                       "TỜ TRÌNH\nVề việc khen thưởng\n")
    assert (rec.header.place, rec.header.date) == ("Thành phố Hồ Chí Minh", None)
    assert "date_missing" in rec.review.reasons


# qd-ttg-115-2004-quy-bao-lanh-tin-dung-tcvn3-pdf.pdf (Công báo layout)
GAZETTE = """QUYẾT ĐỊNH

CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG
NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC SỬA ĐỔI, BỔ SUNG
QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA
QUỸ BẢO LÃNH TÍN DỤNG CHO DOANH NGHIỆP NHỎ VÀ VỪA
BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 193/2001/QĐ-TTG
NGÀY 20 THÁNG 12 NĂM 2001 CỦA THỦ TƯỚNG CHÍNH PHỦ

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
"""


def test_gazette_type_line_gives_issuer_number_date_and_subject() -> None:
    rec = extract_text(GAZETTE)
    h = rec.header
    assert (h.issuer.name, h.number.number, h.number.year, h.number.symbol) == (
        "THỦ TƯỚNG CHÍNH PHỦ", "115", 2004, "QĐ-TTG")
    assert (h.date.raw, h.date.value, h.place) == ("NGÀY 25 THÁNG 6 NĂM 2004", "2004-06-25", None)
    assert h.title == ("VỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO LÃNH TÍN DỤNG "
                       "CHO DOANH NGHIỆP NHỎ VÀ VỪA BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 193/2001/QĐ-TTG NGÀY 20 THÁNG 12 "
                       "NĂM 2001 CỦA THỦ TƯỚNG CHÍNH PHỦ")
    assert {k: h.sources[k] for k in ("issuer", "date", "title", "doc_type")} == {
        "issuer": "type_line", "date": "type_line", "title": "gazette_line", "doc_type": "type_line"}
    assert "W_NO_DATE" not in [w.code for w in rec.warnings]


@pytest.mark.parametrize(("text", "issuer", "date", "title"), [
    # the gazette's type, issuer, number and date on one line
    ("QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004\nVỀ VIỆC SỬA ĐỔI QUY CHẾ QUỸ\n\n"
     "THỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ;\n",
     "THỦ TƯỚNG CHÍNH PHỦ", "2004-06-25", "VỀ VIỆC SỬA ĐỔI QUY CHẾ QUỸ"),
    # the subject in lower case under the gazette line
    ("THÔNG TƯ\n\nCỦA BỘ TÀI CHÍNH SỐ 08/2001/TT-BTC NGÀY 18 THÁNG 1 NĂM 2001\nHướng dẫn thi hành Nghị định số "
     "30/1998/NĐ-CP\nngày 13/5/1998 của Chính phủ\n\nThi hành Luật Thuế thu nhập doanh nghiệp;\n",
     "BỘ TÀI CHÍNH", "2001-01-18", "Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP ngày 13/5/1998 của Chính phủ"),
    # a minister's decision: the issuer is the ministry
    ("QUYẾT ĐỊNH\n\nCỦA BỘ TRƯỞNG BỘ TÀI CHÍNH SỐ 12/2001/QĐ-BTC NGÀY 13 THÁNG 3 NĂM 2001\nVỀ VIỆC BAN HÀNH CHẾ ĐỘ "
     "KẾ TOÁN\n\nBỘ TRƯỞNG BỘ TÀI CHÍNH\n\nCăn cứ Luật Kế toán;\n",
     "BỘ TÀI CHÍNH", "2001-03-13", "VỀ VIỆC BAN HÀNH CHẾ ĐỘ KẾ TOÁN"),
    ("THÔNG TƯ LIÊN TỊCH\nCỦA BỘ TÀI CHÍNH - BỘ NỘI VỤ SỐ 03/2006/TTLT-BTC-BNV NGÀY 17 THÁNG 01 NĂM 2006\n"
     "Hướng dẫn thực hiện Nghị định số 130/2005/NĐ-CP\n\nThi hành Nghị định số 130/2005/NĐ-CP;\n",
     "BỘ TÀI CHÍNH - BỘ NỘI VỤ", "2006-01-17", "Hướng dẫn thực hiện Nghị định số 130/2005/NĐ-CP"),
    # a date written with dashes
    ("CHỈ THỊ\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 12/2004/CT-TTG NGÀY 25-3-2004\nVỀ TĂNG CƯỜNG CÔNG TÁC THI ĐUA\n\n"
     "Trong những năm qua,\n", "THỦ TƯỚNG CHÍNH PHỦ", "2004-03-25", "VỀ TĂNG CƯỜNG CÔNG TÁC THI ĐUA"),
])
def test_gazette_variants(text: str, issuer: str, date: str, title: str) -> None:
    h = extract_text(text).header
    assert (h.issuer.name, h.date.value, h.title, h.sources["title"]) == (issuer, date, title, "gazette_line")


# vbhn-luat-thi-dua-khen-thuong-cong-bao-2014-broken-spacing.pdf: the identity is at the end
VBHN = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

LUẬT
Thi đua, khen thưởng

Luật thi đua, khen thưởng số 15/2003/QH11 ngày 26 tháng 11 năm 2003 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2004, được sửa đổi, bổ sung bởi:

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1 Luật này quy định về đối tượng, phạm vi, nguyên tắc, hình thức, tiêu chuẩn, thẩm quyền và trình tự, thủ tục thi đua, khen thưởng.
{articles}
Điều 103 Chính phủ quy định chi tiết và hướng dẫn thi hành Luật này./.

VĂN PHÒNG QUỐC HỘI
XÁC THỰC VĂN BẢN HỢP NHẤT

Số: 16/VBHN-VPQH
Hà Nội, ngày 13 tháng 12 năm 2013
CHỦ NHIỆM

Nguyễn Hạnh Phúc
"""


def test_consolidated_text_reads_its_certificate() -> None:
    # 41 pages in the real file: the certificate lies far below the header block
    articles = "\n".join(f"Điều {i} Luật này áp dụng đối với cá nhân, tập thể." for i in range(2, 60))
    rec = extract_text(VBHN.format(articles=articles))
    h = rec.header
    assert (h.issuer.name, h.number.number, h.number.symbol, h.place, h.date.value) == (
        "VĂN PHÒNG QUỐC HỘI", "16", "VBHN-VPQH", "Hà Nội", "2013-12-13")
    assert (h.doc_type.name, h.title) == ("Luật", "Thi đua, khen thưởng")
    assert {h.sources[k] for k in ("issuer", "number", "place", "date")} == {"certification_block"}
    assert "W_NO_DATE" not in [w.code for w in rec.warnings]


# hd-sgddt-hanoi-5155-2025-danh-gia.md: a công văn whose subject starts "Về" instead of "V/v"
VE_SUBJECT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5155/SGDĐT-GDTXNNĐH
Về hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng tại phường, xã và đặc khu từ năm 2025
Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025
Kính gửi: Ủy ban nhân dân phường, xã và đặc khu
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
"""


def test_ve_subject_line_is_the_title_of_a_cong_van() -> None:
    h = extract_text(VE_SUBJECT).header
    assert h.title == ("Về hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng tại phường, xã và đặc khu "
                       "từ năm 2025")
    assert (h.doc_type.name, h.sources["title"], h.sources["doc_type"]) == ("Công văn", "subject_line", "subject_line")


def test_ve_line_in_the_body_is_no_subject() -> None:
    text = VE_SUBJECT.replace("Về hướng dẫn", "Căn cứ hướng dẫn")
    h = extract_text(text).header
    assert h.title is None and h.doc_type is None


# phan-cong-nhiem-vu-phong-tdkt-snv-quangbinh-2021.doc: no type line, the heading is the title
PHAN_CONG = """SỞ NỘI VỤ
PHÒNG THI ĐUA, KHEN THƯỞNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Bình, ngày 04 tháng 5 năm 2021

PHÂN CÔNG NHIỆM VỤ
CÁC THÀNH VIÊN PHÒNG THI ĐUA KHEN THƯỞNG

Căn cứ Quyết định số 135/QĐ-SNV ngày 29/4/2021 của Giám đốc Sở Nội vụ ban hành Quy định chức năng, nhiệm vụ.
A. Phân công nhiệm vụ:
"""

# noi-dung-tap-huan-thi-truong-lao-dong-2022.docx: a heading naming the kind, the subject under it
TAP_HUAN = """NỘI DUNG TẬP HUẤN
Hướng dẫn một số nội dung thu thập, phân tích, dự báo thị trường lao động năm 2022

I. Thông tin địa phương: Điền tên tỉnh, huyện, xã, thôn vào dòng kẻ […].
"""


@pytest.mark.parametrize(("text", "title"), [
    (PHAN_CONG, "PHÂN CÔNG NHIỆM VỤ CÁC THÀNH VIÊN PHÒNG THI ĐUA KHEN THƯỞNG"),
    (TAP_HUAN, "Hướng dẫn một số nội dung thu thập, phân tích, dự báo thị trường lao động năm 2022"),
])
def test_heading_is_the_title_with_a_warning(text: str, title: str) -> None:
    rec = extract_text(text)
    assert (rec.header.title, rec.header.sources["title"], rec.header.doc_type) == (title, "heading", None)
    assert "W_TITLE_FROM_HEADING" in [w.code for w in rec.warnings]
    assert rec.review.needed and "title_inferred" in rec.review.reasons


def test_a_table_row_under_the_heading_is_no_subject() -> None:
    # tests/test_award_tables.py's province form: the table's header row follows the heading
    h = extract_text("TỈNH QUẢNG BÌNH Biểu mẫu số 03\nTỔNG HỢP CÁC HÌNH THỨC KHEN THƯỞNG CẤP TỈNH NĂM 2022\n"
                     "TT │ Hình thức khen thưởng │ Số lượng khen thưởng trong năm\n\n11 │ Bằng khen │ 779\n").header
    assert (h.title, h.sources["title"]) == ("TỔNG HỢP CÁC HÌNH THỨC KHEN THƯỞNG CẤP TỈNH NĂM 2022", "heading")


def test_table_of_contents_is_no_title() -> None:
    # du-an-cntt-lamdong-2004-mixed-tcvn3-vni.doc opens on its table of contents
    h = extract_text("MỤC LỤC\n\nPHẦN THỨ NHẤT: Kế hoạch tổng thể phát triển CNTT tỉnh Lâm Đồng\n").header
    assert h.title is None


def test_issuer_name_continues_on_a_bare_province_line() -> None:
    # qd-bqlkcn-bariavungtau-2007-quy-che-chi-tieu-vni.doc
    text = ("UBND TỈNH BÀ RỊA – VŨNG TÀU\nBQL CÁC KHU CÔNG NGHIỆP\nBÀ RỊA – VŨNG TÀU\nSố : /QĐ. BQL–VP\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nVũng Tàu , ngày tháng năm 2007\n\n"
            "QUYẾT ĐỊNH\n\nV/v : Ban hành Quy chế chi tiêu nội bộ.\n")
    h = extract_text(text).header
    assert (h.issuer.name, h.issuer.parent) == ("BQL CÁC KHU CÔNG NGHIỆP BÀ RỊA – VŨNG TÀU", "UBND TỈNH BÀ RỊA – VŨNG TÀU")


def test_form_label_beside_the_issuer() -> None:
    # bieu-mau-01-tong-hop-khen-thuong-cap-nha-nuoc-2022-quangbinh.docx
    h = extract_text("TỈNH QUẢNG BÌNH Biểu mẫu số 01\n\nBẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG CẤP NHÀ NƯỚC NĂM 2022\n\n"
                     "Số TT │ Hình thức Khen thưởng │ Tổng số\n").header
    assert (h.issuer.name, h.issuer.parent) == ("TỈNH QUẢNG BÌNH", None)
    assert h.title == "BẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG CẤP NHÀ NƯỚC NĂM 2022"


def test_titles_compare_with_tone_placement_normalised() -> None:
    # qd-btc-12-2001: the .doc writes "Văn hóa", the gold "Văn hoá": the same word
    assert score_scalar("Giáo dục, Y tế, Văn hóa, Thể thao", "Giáo dục, Y tế, Văn hoá, Thể thao").tp == 1


def test_symbols_compare_with_dashes_normalised() -> None:
    # hd-hdtdkt-hungyen-2021: the page prints "HD – HĐTĐKT", the record writes "HD-HĐTĐKT"
    from vnadmin_extract.evaluation import _symbol

    assert score_scalar(_symbol("HD-HĐTĐKT"), _symbol("HD – HĐTĐKT")).tp == 1
    assert score_scalar(_symbol("QĐ"), _symbol("QĐ. BQL–VP")).tp == 0


# The real files: header values as a person read them (corpus/public/gold).
REAL = {
    "mau-08-bao-cao-thanh-tich-de-nghi-tang-thuong.doc":
        ("ĐƠN VỊ CẤP TRÊN", None, None, "Tỉnh (thành phố)", None, "Báo cáo", "ĐỀ NGHỊ TẶNG THƯỞNG (TRUY TẶNG) ………"),
    "mau-bao-cao-bhld-bqlkcn-dongnai-2009-vni.doc":
        (None, None, None, None, None, "Báo cáo", "ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG"),
    "phan-cong-nhiem-vu-phong-tdkt-snv-quangbinh-2021.doc":
        ("PHÒNG THI ĐUA, KHEN THƯỞNG", "SỞ NỘI VỤ", None, "Quảng Bình", "2021-05-04", None,
         "PHÂN CÔNG NHIỆM VỤ CÁC THÀNH VIÊN PHÒNG THI ĐUA KHEN THƯỞNG"),
    "qd-ttg-115-2004-quy-bao-lanh-tin-dung-tcvn3-pdf.pdf":
        ("THỦ TƯỚNG CHÍNH PHỦ", None, "115", None, "2004-06-25", "Quyết định", None),
    "vbhn-luat-thi-dua-khen-thuong-cong-bao-2014-broken-spacing.pdf":
        ("VĂN PHÒNG QUỐC HỘI", None, "16", "Hà Nội", "2013-12-13", "Luật", "Thi đua, khen thưởng"),
    "tb-cuc-hai-quan-37693-2025-xac-dinh-truoc-ma-so.md":
        ("CỤC HẢI QUAN", "BỘ TÀI CHÍNH", "37693", "Hà Nội", "2025-11-21", "Thông báo", "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ"),
    "bieu-mau-01-tong-hop-khen-thuong-cap-nha-nuoc-2022-quangbinh.docx":
        ("TỈNH QUẢNG BÌNH", None, None, None, None, None, "BẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG CẤP NHÀ NƯỚC NĂM 2022"),
    "qd-bqlkcn-bariavungtau-2007-quy-che-chi-tieu-vni.doc":
        ("BQL CÁC KHU CÔNG NGHIỆP BÀ RỊA – VŨNG TÀU", "UBND TỈNH BÀ RỊA – VŨNG TÀU", None, "Vũng Tàu", "2007",
         "Quyết định", None),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_file_headers(public_dir: Path, name: str) -> None:
    path = public_dir / name
    if not path.exists():
        pytest.skip(f"{name} is absent")
    h = cached_record(path).header
    issuer, parent, number, place, date, doc_type, title = REAL[name]
    assert (h.issuer.name if h.issuer else None, h.issuer.parent if h.issuer else None) == (issuer, parent)
    assert (h.number.number if h.number else None, h.place, h.date.value if h.date else None) == (number, place, date)
    assert (h.doc_type.name if h.doc_type else None) == doc_type
    if title is not None:
        assert h.title == title
