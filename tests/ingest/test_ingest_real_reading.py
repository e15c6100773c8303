"""Reading real archive files (issue 13): text layers that lie, e-signature fields, OCR by
layout with header repair, rotated scans, legal-portal tables.

Real files come from ``../shared/corpus-public`` (skipped when absent); tests that run
Tesseract skip without it on a developer machine and run in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_testkit import font_path, need_ocr

from vnadmin_extract.errors import W_OCR_REPAIRED, W_PDF_FIELDS, W_TEXT_LAYER_REJECTED
from vnadmin_extract.ingest import ocr_repair, orient, read_path, textlayer
from vnadmin_extract.ingest.html import read_html_text
from vnadmin_extract.ingest.pdf import read_pdf
from vnadmin_extract.normalize import normalize

# ------------------------------------------------------------------ text layers that lie

# The first lines of the OmniPage text layer of cv-ubnd-danang-5710-2023 (page 1), as PDFium
# reads them, and the same passage as printed.
_LYING_LAYER = (
    "UY BAN NHAN DAN CONG HOA xA HQI CilU NGHIA VIT NAM THANH PHO BA NANG Dc Ip - Tir do - "
    "Hnh phiic Dà Näng, ngày ,gtháng 10 nàm 2023 V/v thrc hin Thông báo sf3 496-TB/TIJ ngy "
    "17/8/2023 ye Két 1un cüa ThuOrig trrc Thành üy ti Hi nghj tf3ng kt 10 näm thuc hin Nghj "
    "quyf3t s 29-NQ/TW Kinh giri: Các sâ, ban, ngành; Thành Doàn Dà Nng; NGAY 17/812023 CUA "
    "TITUNG TRIJ'C TILANJI UY thrc hin cac nhim vi trçng tam"
)
_PRINTED = (
    "Thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường trực Thành ủy tại "
    "Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp "
    "hành Trung ương Đảng về đổi mới căn bản, toàn diện giáo dục và đào tạo, UBND thành phố "
    "yêu cầu thủ trưởng các sở, ban, ngành triển khai thực hiện các nhiệm vụ như sau"
)


def test_lying_layer_is_rejected_and_printed_text_kept():
    lying = textlayer.judge(_LYING_LAYER)
    assert lying.rejected and lying.reason is not None and lying.reason.startswith("not Vietnamese")
    assert lying.valid < textlayer.MIN_VALID
    printed = textlayer.judge(_PRINTED)
    # Only the abbreviations (TB, TU, NQ, TW) are not syllables.
    assert not printed.rejected and printed.valid == 65 / 69


def test_layer_without_diacritics_is_rejected():
    bare = ("CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap - Tu do - Hanh phuc So 1595 SGDDT-CTrTT "
            "Da Nang ngay 31 thang 5 nam 2019 V/v bao dam trat tu an toan giao thong cho hoc sinh "
            "sinh vien Kinh gui cac truong dai hoc cao dang trung cap tren dia ban thanh pho")
    verdict = textlayer.judge(bare)
    assert verdict.rejected and verdict.reason is not None and "without diacritics" in verdict.reason


def test_legacy_layer_is_judged_after_conversion():
    # TCVN3 bytes read as Latin-1 score low as they are; converted, they are Vietnamese.
    tcvn3 = ("Bé tr­ëng Bé Tµi chÝnh quyÕt ®Þnh ban hµnh chÕ ®é kÕ to¸n hµnh chÝnh sù nghiÖp "
             "¸p dông cho c¸c ®¬n vÞ hµnh chÝnh sù nghiÖp trong c¶ n­íc kÓ tõ ngµy ký ban hµnh "
             "c¸c Bé c¬ quan ngang Bé c¬ quan thuéc ChÝnh phñ chÞu tr¸ch nhiÖm thi hµnh QuyÕt ®Þnh nµy")
    assert not textlayer.judge(tcvn3).rejected


def test_pages_in_another_language_are_kept():
    english = " ".join(f"page {k} line {j} of the annual report on emulation and rewards" for k in range(3)
                       for j in range(3))
    verdict = textlayer.judge(english)
    assert not verdict.rejected and verdict.marked == 0.0


def test_short_pages_are_not_judged():
    assert not textlayer.judge("TITUNG TRIJ'C TILANJI").rejected


@pytest.mark.parametrize("name,pages", [
    ("cv-ubnd-danang-5710-2023-nq29-scan-encrypted-ocr.pdf", 6),
    ("cv-sgddt-danang-1595-2019-attgt-scan-badocr.pdf", 2),
])
def test_real_lying_layers_are_flagged(public_dir: Path, name: str, pages: int):
    raw = read_pdf((public_dir / name).read_bytes(), use_ocr=False)
    codes = {code: msg for code, msg in raw.warnings}
    assert codes[W_TEXT_LAYER_REJECTED].startswith(f"the text layer of {pages} page(s) is ")
    assert codes[W_TEXT_LAYER_REJECTED].endswith("kept (OCR unavailable or over the limit)")


def test_born_digital_layers_are_trusted(public_dir: Path):
    for name in ("tt-bldtbxh-01-2022-thong-tin-thi-truong-lao-dong.pdf",
                 "bc-stc-haugiang-2024-gia-thi-truong-thang-7.pdf",
                 "qd-ttg-115-2004-quy-bao-lanh-tin-dung-tcvn3-pdf.pdf"):
        raw = read_pdf((public_dir / name).read_bytes(), use_ocr=False)
        assert W_TEXT_LAYER_REJECTED not in {code for code, _ in raw.warnings}, name
        assert raw.ocr is False


def test_lying_layer_goes_to_ocr(public_dir: Path):
    need_ocr()
    raw = read_pdf((public_dir / "cv-ubnd-danang-5710-2023-nq29-scan-encrypted-ocr.pdf").read_bytes())
    assert raw.ocr is True
    codes = {code: msg for code, msg in raw.warnings}
    assert codes[W_TEXT_LAYER_REJECTED].endswith("OCR'd instead: 1, 2, 3, 4, 5, 6")
    lines = [line for line in normalize(raw.text).split("\n") if line.strip()]
    # The two header columns come out as two blocks, each line as printed.
    # (the number and the day are handwritten: their OCR is not asserted)
    assert lines[:8] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG", lines[2],
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", lines[5],
                         "V/v thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường trực "
                         "Thành ủy tại Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 29-NQ/TW", "Kính gửi:"]
    assert lines[2].startswith("Số:") and lines[2].endswith("/UBND-SGDĐT")
    assert lines[5].startswith("Đà Nẵng, ngày") and lines[5].endswith("tháng 10 năm 2023")
    assert "NGAY 17/812023" not in raw.text
    # The e-signature box ("Thời gian ký: 19/10/2023 ...") is not read into the page.
    assert "Thời gian ký" not in raw.text and "Thời gian ký" in raw.metadata["pdf_signature_boxes"]
    # one W_OCR_REPAIRED for the header vocabulary, one for the words of running text
    header, words = [msg for code, msg in raw.warnings if code == W_OCR_REPAIRED]
    assert header.endswith("'THÀNH PHÓ ĐÀ NẴNG' -> 'THÀNH PHỐ ĐÀ NẴNG'")
    assert words.startswith("17 OCR'd word(s) restored from the Vietnamese word list: 'yêu câu' -> 'yêu cầu'")


# ------------------------------------------------------------------ fonts mapping ư to ƣ


def test_oi_letters_for_u_horn_are_repaired():
    assert normalize("Thƣờng trực Ủy ban; ƢU TIÊN; thƣởng") == "Thường trực Ủy ban; ƯU TIÊN; thưởng"


# ------------------------------------------------------------------ e-signature fields


def test_signature_fields_give_number_and_day(public_dir: Path):
    raw = read_pdf((public_dir / "cv-sldtbxh-quangbinh-2022-thu-thap-tt-lao-dong-signed.pdf").read_bytes(),
                   use_ocr=False)
    lines = raw.text.split("\n")
    assert "Số: 1445 /SLĐTBXH-LĐVLDN" in lines
    assert "Quảng Bình, ngày 03 tháng 10 năm 2022" in lines
    assert raw.metadata["pdf_fields"] == "p1 signature2=1445; p1 signature3=03"
    codes = {code: msg for code, msg in raw.warnings}
    assert codes[W_PDF_FIELDS] == ("text drawn by form fields or annotations was read with the page: "
                                   "page 1 'signature2': '1445'; page 1 'signature3': '03'")


def test_pages_without_annotations_are_untouched(public_dir: Path):
    raw = read_pdf((public_dir / "tt-bldtbxh-01-2022-thong-tin-thi-truong-lao-dong.pdf").read_bytes(),
                   use_ocr=False)
    assert "pdf_fields" not in raw.metadata
    assert W_PDF_FIELDS not in {code for code, _ in raw.warnings}


# ------------------------------------------------------------------ header repair


@pytest.mark.parametrize("line,expected", [
    ("UBND TINH QUẢNG BÌNH", "UBND TỈNH QUẢNG BÌNH"),
    ("HỘI ĐÔNG THI ĐUA - KHEN THƯỞNG", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
    ("BIỂN BẢN", "BIÊN BẢN"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("THÀNH PHÓ ĐÀ NẴNG", "THÀNH PHỐ ĐÀ NẴNG"),
    ("CỘNG HÒA XÃ Hội CHỮ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ Hội CHỦ NGHĨA VIỆT NAM"),
    ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Độc lập - Tư do - Hanh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Độc lập - Tự đo - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("UBND TỈNH HA TINH", "UBND TỈNH HÀ TĨNH"),
    ("VÀ XÃ HỌI", "VÀ XÃ HỘI"),
    ("TỈNH QUẢNG: BÌNH", "TỈNH QUẢNG BÌNH"),
    ("thành phô Đà Năng;", "thành phố Đà Nẵng;"),
])
def test_header_line_repaired(line: str, expected: str):
    fixed, repairs = ocr_repair.repair_line(line)
    assert fixed == expected
    assert repairs and repairs[0][1] in expected


@pytest.mark.parametrize("line", [
    "SO",  # Sở or Số: two phrases fold to it
    "Số: 4. /UBND-SGDĐT",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # only the tone placement differs
    "Đà Nẵng, ngày 17 tháng 10 năm 2023",
    "Trần Thắng",
    "học viên",  # a student: "Học viện" (an academy) is repaired only in capitals
    "khẩn trương",
    "Quảng Bình, ngày 26 tháng 9 năm 2022",
    "Kính gửi:",
    "TÌNH HÌNH SỬ DỤNG LAO ĐỘNG",  # TÌNH is a word, not a damaged TỈNH
])
def test_header_line_left_alone(line: str):
    assert ocr_repair.repair_line(line) == (line, [])


def test_only_the_header_zone_is_repaired():
    text = "\n".join(["UBND TINH QUẢNG BÌNH", *["Căn cứ Luật Thi đua, Khen thưởng;"] * 20, "UBND TINH QUẢNG BÌNH"])
    fixed, repairs = ocr_repair.repair_header(text)
    assert fixed.split("\n")[0] == "UBND TỈNH QUẢNG BÌNH" and fixed.split("\n")[-1] == "UBND TINH QUẢNG BÌNH"
    assert repairs == [("UBND TINH QUẢNG BÌNH", "UBND TỈNH QUẢNG BÌNH")]


def test_scan_header_repaired_with_warning(public_dir: Path):
    need_ocr()
    path = public_dir / "qd-ubnd-quangbinh-2871-2022-tang-bang-khen-5-tap-the-4-ca-nhan-scan.pdf"
    raw = read_path(path, path.read_bytes())
    lines = [line for line in raw.text.split("\n") if line.strip()]
    assert lines[0] == "ỦY BAN NHÂN DÂN"
    assert lines[3:5] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "QUYẾT ĐỊNH" in lines[:10]
    codes = {code: msg for code, msg in raw.warnings}
    assert "'QUYÉT ĐỊNH' -> 'QUYẾT ĐỊNH'" in codes[W_OCR_REPAIRED]


# ------------------------------------------------------------------ orientation


def _text_page(angle: float = 0.0):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path()), 40)  # 12 pt at 300 dpi
    words = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 của Quốc hội; theo đề nghị".split()
    for k in range(50):  # lines of different words, as on a page (a repeated line lines glyphs up)
        line = " ".join(words[(k * 7 + j * 3) % len(words)] for j in range(12))
        draw.text((200, 200 + k * 60), line, fill=0, font=font)
    return img.rotate(angle, expand=angle % 90 == 0, fillcolor=255) if angle else img


def test_sideways_page_detected_without_tesseract():
    assert not orient.sideways(_text_page())
    assert orient.sideways(_text_page(90))


def test_skew_angle_found():
    assert orient.skew_angle(_text_page()) == 0.0
    assert orient.skew_angle(_text_page(2.0)) == -2.0
    assert orient.skew_angle(_text_page(-1.5)) == 1.5


def test_rotated_scan_is_turned_upright(public_dir: Path):
    need_ocr()
    path = public_dir / "mau-02-pli-bao-cao-su-dung-lao-dong-scan-rotated-jbig2.pdf"
    raw = read_path(path, path.read_bytes())
    lines = [line for line in normalize(raw.text).split("\n") if line.strip()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    assert lines[:4] == ["Mẫu số 02/PLI", "ỦY BAN NHÂN DÂN TỈNH/ THÀNH PHỐ.....", "SỞ LAO ĐỘNG - THƯƠNG BINH",
                         "VÀ XÃ HỘI"]
    assert "BÁO CÁO" in lines and "TÌNH HÌNH SỬ DỤNG LAO ĐỘNG" in lines
    assert raw.ocr_confidence is not None and raw.ocr_confidence >= 80


# ------------------------------------------------------------------ legal-portal tables


def test_decomposed_signature_table_read_as_block(public_dir: Path):
    path = public_dir / "tt-bkhcn-25-2025-thi-dua-khen-thuong-nganh-khcn.vbpl.html"
    raw = read_path(path, path.read_bytes())
    lines = [line for line in normalize(raw.text).split("\n") if line.strip()]
    assert lines[-3:] == ["BỘ TRƯỞNG", "(Đã ký)", "Nguyễn Mạnh Hùng"]


_TVPL_PAGE = """<html><body><div class="content1">
<table border="0" cellspacing="0" cellpadding="0">
<tr><td width="40%"><p align="center"><b>ỦY BAN NHÂN DÂN<br>TỈNH BẮC NINH</b><br>--------</p></td>
<td width="60%"><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>
---------------</p></td></tr>
<tr><td><p align="center">Số: 86/2025/QĐ-UBND</p></td>
<td><p align="right"><i>Bắc Ninh, ngày 03 tháng 12 năm 2025</i></p></td></tr>
</table>
<p align="center"><b>QUYẾT ĐỊNH</b></p>
<p align="center"><b>BAN HÀNH QUY ĐỊNH CÔNG TÁC THI ĐUA, KHEN THƯỞNG TỈNH BẮC NINH</b></p>
<p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
<p>Điều 1. Ban hành kèm theo Quyết định này Quy định công tác thi đua, khen thưởng.</p>
<table border="0" cellspacing="0" cellpadding="0">
<tr><td width="50%"><p><b><i>Nơi nhận:</i></b><br>- Như Điều 3;<br>- Lưu: VT.</p></td>
<td width="50%"><p align="center"><b>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><br>
Đào Quang Khải</b></p></td></tr>
</table>
</div></body></html>"""


def test_thuvienphapluat_tables_read_as_blocks():
    text, _meta = read_html_text(_TVPL_PAGE)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[:8] == [
        "ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "--------", "Số: 86/2025/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------",
        "Bắc Ninh, ngày 03 tháng 12 năm 2025",
    ]
    assert lines[-7:] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                          "PHÓ CHỦ TỊCH", "Đào Quang Khải"]


# ------------------------------------------------------------------ OCR words to layout


def _words(rows: list[tuple[int, list[tuple[int, int, str]]]]) -> list:
    """OcrWords from (top, [(x0, x1, text)]) rows, one Tesseract line per row and column."""
    from vnadmin_extract.ingest.ocr import OcrWord

    out = []
    for n, (top, words) in enumerate(rows):
        for x0, x1, text in words:
            # Tesseract gives each column its own block: left words block 1, right block 2.
            out.append(OcrWord(x0, top, x1, top + 45, text, 95.0, (1 if x0 < 1150 else 2, 1, n)))
    return out


def test_ocr_words_laid_out_as_header_blocks():
    """The boxes of kh-dhcongthuong-hcm-753-2026 (page 1, 300 dpi) as Tesseract reads them:
    the left block's second line is wider than its first, and a speck sits between lines."""
    from vnadmin_extract.ingest.ocr import OcrResult, OcrWord
    from vnadmin_extract.ingest.ocr_layout import apply

    boxes = _words([
        (225, [(436, 505, "BỘ"), (521, 665, "CÔNG"), (679, 900, "THƯƠNG"), (1205, 1343, "CỘNG"),
               (1358, 1464, "HÒA"), (1478, 1545, "XÃ"), (1559, 1648, "HỘI"), (1664, 1767, "CHỦ"),
               (1781, 1941, "NGHĨA"), (1955, 2068, "VIỆT"), (2082, 2193, "NAM")]),
        (286, [(1384, 1468, "Độc"), (1484, 1549, "lập"), (1564, 1580, "-"), (1595, 1660, "Tự"),
               (1674, 1725, "do"), (1741, 1756, "-"), (1771, 1892, "Hạnh"), (1908, 2013, "phúc")]),
        (324, [(231, 455, "TRƯỜNG"), (470, 562, "ĐẠI"), (577, 692, "HỌC"), (709, 861, "CÔNG"),
               (877, 1108, "THƯƠNG")]),
        (372, [(333, 516, "THÀNH"), (533, 641, "PHỐ"), (657, 735, "HỒ"), (751, 846, "CHÍ"), (862, 1006, "MINH")]),
        (447, [(1180, 1306, "Thành"), (1314, 1398, "phố"), (1410, 1470, "Hồ"), (1486, 1561, "Chí"),
               (1572, 1686, "Minh,"), (1702, 1802, "ngày"), (1815, 1870, "15"), (1900, 2009, "tháng"),
               (2024, 2047, "6"), (2061, 2146, "năm"), (2162, 2263, "2026")]),
        (505, [(486, 548, "Số:"), (557, 852, "753/KH-DCT")]),
    ])
    boxes.append(OcrWord(600, 262, 640, 280, "ˆ", 60.0, (1, 1, 99)))  # a speck
    result = OcrResult("", 95.0, len(boxes), boxes=boxes, size=(2480, 3508))
    apply(result)
    assert result.text.split("\n") == [
        "BỘ CÔNG THƯƠNG", "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHỐ HỒ CHÍ MINH", "Số: 753/KH-DCT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Thành phố Hồ Chí Minh, ngày 15 tháng 6 năm 2026",
    ]
    assert result.regions == {"header": 95.0}
