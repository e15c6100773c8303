"""The signature column of a scan read a second time, as a region of its own (ocr_footer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_testkit import FakeReader, need_ocr
from PIL import Image
from tests.conftest import cached_record

from vnadmin_extract.ingest import ocr_footer
from vnadmin_extract.ingest.ocr import OcrResult, OcrWord

W, H = 2480, 3508  # an A4 page at 300 dpi


def _line(text: str, x0: float, top: float, conf: float = 95.0, key: int = 1, h: float = 50.0) -> list[OcrWord]:
    words, x = [], x0
    for t in text.split():
        words.append(OcrWord(x, top, x + 30 * len(t), top + h, t, conf, (key, 1, 1)))
        x += 30 * len(t) + 25
    return words


_Reader = FakeReader


def _page(*lines: list[OcrWord]) -> OcrResult:
    boxes = [w for line in lines for w in line]
    return OcrResult(text="", confidence=90.0, words=len(boxes), boxes=boxes, size=(W, H))


def test_no_footer_no_second_reading() -> None:
    page = _page(_line("Sở Tư pháp kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.", 350, 2000, key=1))
    reader = _Reader([])
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page, reader) is False
    assert reader.crops == []


def test_a_title_lost_under_a_seal_is_added_and_a_name_read_through_it_replaced() -> None:
    # ttr-stp-quangbinh-2753-2022: "GIÁM ĐỐC" is not among the page's words; the name reads
    # "`Š€U2 Ân Chí Tiến" through the seal's ring.
    noi_nhan = _line("Nơi nhận:", 355, 2115, key=1)
    lst = _line("- Hội đồng TĐ-KT tỉnh;", 357, 2170, key=2)
    name = [OcrWord(1470, 2474, 1609, 2530, "`Š€U2", 48.0, (5, 1, 1)), OcrWord(1621, 2467, 1782, 2530, "Ân", 36.0, (5, 1, 1)),
            OcrWord(1801, 2495, 1891, 2545, "Chí", 97.0, (5, 1, 1)), OcrWord(1907, 2483, 2018, 2545, "Tiến", 96.0, (5, 1, 1))]
    page = _page(noi_nhan, lst, name)
    box = ocr_footer.band(page.boxes, W, H)
    assert box is not None
    crop_x0, crop_y0 = box[0], box[1]
    assert crop_x0 == ocr_footer.COLUMN_LEFT * W
    title = _line("GIÁM ĐÓC", 1700 - crop_x0, 2120 - crop_y0, key=1)
    again = _line("Trần Chí Tiến", 1480 - crop_x0, 2485 - crop_y0, conf=94.0, key=3)
    scribble = [OcrWord(1600 - crop_x0, 2200 - crop_y0, 1800 - crop_x0, 2450 - crop_y0, "lò", 73.0, (2, 1, 1))]  # 5x too tall
    reader = _Reader(title + scribble + again)
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page, reader) is True
    texts = [w.text for w in page.boxes]
    assert texts == ["Nơi", "nhận:", "-", "Hội", "đồng", "TĐ-KT", "tỉnh;", "GIÁM", "ĐÓC", "Trần", "Chí", "Tiến"]
    assert page.reread is not None and page.reread[0] == crop_x0


def test_a_line_the_second_reading_loses_keeps_the_first_reading() -> None:
    # kh-ubnd-quangbinh-672-2024: a signature's loop over "KT. CHỦ TỊCH": the sparse reading
    # gives it at confidence 6 and 0, the page's reading "K†CHỦ TỊCH" stands.
    noi_nhan = _line("Nơi nhận:", 418, 2740, key=1)
    kt = _line("K†CHỦ TỊCH", 1700, 2730, conf=80.0, key=4)
    page = _page(noi_nhan, kt)
    x0, y0, _x1, _y1 = ocr_footer.band(page.boxes, W, H) or (0, 0, 0, 0)
    lost = _line("KT; CHỦ TỊCH", 1700 - x0, 2730 - y0, conf=6.0)
    deputy = _line("O CHU TỊCH", 1760 - x0, 2800 - y0, conf=90.0, key=2)
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page, _Reader(lost + deputy)) is True
    assert " ".join(w.text for w in page.boxes) == "Nơi nhận: K†CHỦ TỊCH O CHU TỊCH"


def test_a_second_reading_no_better_changes_nothing() -> None:
    page = _page(_line("Nơi nhận:", 350, 2100, key=1), _line("GIÁM ĐỐC", 1700, 2100, conf=92.0, key=2))
    x0, y0, _x1, _y1 = ocr_footer.band(page.boxes, W, H) or (0, 0, 0, 0)
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page,
                             _Reader(_line("GIÁM ĐÓC", 1700 - x0, 2100 - y0, conf=93.0))) is False
    assert [w.text for w in page.boxes] == ["Nơi", "nhận:", "GIÁM", "ĐỐC"]


def test_running_text_across_the_page_ends_the_band() -> None:
    # mau-02 (a form): notes run across the page under the signature's title.
    page = _page(_line("THỦ TRƯỞNG ĐƠN VỊ", 1700, 1500, key=1),
                 _line("Cột (7) Nhà quản lý: Nhóm này bao gồm những nhà lãnh đạo, quản lý làm việc trong các ngành", 300, 1700, key=2))
    box = ocr_footer.band(page.boxes, W, H)
    assert box is not None and box[3] == 1700


def test_the_column_starts_right_of_a_long_recipient_line() -> None:
    # cv-sgddt-danang-1595-2019: "- Lãnh đạo Sở; Công đoàn GD thành phố;" ends past 45 % of the
    # width; cut through, its last word was read again as "hô;".
    page = _page(_line("Nơi nhận:", 337, 776, key=1),
                 _line("- Lãnh đạo Sở; Công đoàn GD thành phố;", 340, 1060, key=2))
    end = max(w.x1 for w in page.boxes)
    assert ocr_footer.COLUMN_LEFT * W < end
    box = ocr_footer.band(page.boxes, W, H)
    assert box is not None and box[0] == end + 25


def test_a_position_in_capitals_in_the_header_zone_does_not_start_a_footer() -> None:
    assert ocr_footer.footer_top(_line("CHỦ TỊCH NƯỚC", 300, 200), H) is None
    assert ocr_footer.footer_top(_line("Nơi nhận:", 300, 600), H) == (600, 50.0)
    assert ocr_footer.footer_top(_line("KT. CHỦ TỊCH", 1600, 2000), H) == (2000, 50.0)


def test_a_word_read_twice_keeps_its_surer_reading() -> None:
    # cv-ubnd-danang-5710-2023: the page reads "Lễ Trung Chinh" (54, 95, 93), the signature
    # column "Lê Trung Chỉnh" (96, 96, 92): the line reads better, each word keeps its surer marks
    noi_nhan = _line("Nơi nhận:", 393, 2389, key=1)
    first = [OcrWord(1526, 2750, 1600, 2800, "Lễ", 54.0, (9, 1, 1)), OcrWord(1613, 2754, 1760, 2800, "Trung", 95.0, (9, 1, 1)),
             OcrWord(1777, 2752, 1920, 2800, "Chinh", 93.0, (9, 1, 1))]
    page = _page(noi_nhan, first)
    x0, y0, _x1, _y1 = ocr_footer.band(page.boxes, W, H) or (0, 0, 0, 0)
    again = [OcrWord(1539 - x0, 2752 - y0, 1600 - x0, 2800 - y0, "Lê", 96.0), OcrWord(1614 - x0, 2754 - y0, 1760 - x0,
             2800 - y0, "Trung", 96.0), OcrWord(1778 - x0, 2753 - y0, 1920 - x0, 2800 - y0, "Chỉnh", 92.0)]
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page, _Reader(again)) is True
    assert [w.text for w in sorted(page.boxes, key=lambda w: w.x0) if w.top > 2700] == ["Lê", "Trung", "Chinh"]


def test_signature_loops_read_as_tall_letters_are_dropped() -> None:
    # a seal's ring and the signature's loops under "PHÓ CHỦ TỊCH" read "VẬN VN", 160 px high
    page = _page(_line("Nơi nhận:", 250, 1950, key=1), _line("PHÓ CHỦ TỊCH", 1460, 2040, key=2),
                 [OcrWord(1494, 2118, 1600, 2280, "VẬN", 7.0, (5, 1, 1)), OcrWord(1610, 2118, 1700, 2280, "VN", 79.0, (5, 1, 1))])
    x0, y0, _x1, _y1 = ocr_footer.band(page.boxes, W, H) or (0, 0, 0, 0)
    assert ocr_footer.reread(Image.new("L", (W, H), 255), page,
                             _Reader(_line("PHÓ CHỦ TỊCH", 1460 - x0, 2040 - y0, conf=96.0))) is True
    assert " ".join(w.text for w in page.boxes) == "Nơi nhận: PHÓ CHỦ TỊCH"


def test_the_noi_nhan_column_is_read_again_only_when_damaged() -> None:
    # "Nơi nhận:" printed small on the signing title's line comes out as "VD SÉI" at confidence 0
    damaged = _page(_line("VD SÉI", 253, 1970, conf=0.0, key=1), _line("KT. CHỦ TỊCH", 1477, 1957, key=2),
                    _line("Lưu: VT, NV", 270, 2085, key=3))
    box = ocr_footer.band(damaged.boxes, W, H)
    assert box is not None
    left = ocr_footer.left_column(damaged.boxes, box)
    assert left == (0.0, box[1], box[0], box[3])
    sound = _page(_line("Nơi nhận:", 253, 1970, key=1), _line("KT. CHỦ TỊCH", 1477, 1957, key=2))
    assert ocr_footer.left_column(sound.boxes, ocr_footer.band(sound.boxes, W, H) or box) is None
    # the left column's second reading replaces the damaged line, adds a lost one with its "-",
    # and leaves a sound line alone
    reader = _Reader([*_line("Nơi nhận:", 253, 1970 - box[1], conf=95.0), *_line("- Như Điều 2;", 253, 2030 - box[1], conf=95.0),
                      *_line("Lưu: VI, NV", 270, 2085 - box[1], conf=95.0)])
    assert ocr_footer._reread_box(Image.new("L", (W, H), 255), damaged, reader, left) is True
    assert [w.text for w in sorted(damaged.boxes, key=lambda w: (w.top, w.x0)) if w.x0 < box[0]] == [
        "Nơi", "nhận:", "-", "Như", "Điều", "2;", "Lưu:", "VT,", "NV"]


# --- on the real scans (Tesseract) -----------------------------------------------------------

@pytest.mark.parametrize(("name", "signers"), [
    ("ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf", [("Trần Chí Tiến", "Giám đốc")]),
    ("bb-stp-quangbinh-02-2022-hop-hoi-dong-tdkt-scan.pdf", [("Nguyễn Văn Nghĩa", "Thư ký"), ("Trần Chí Tiến", "Chủ tọa")]),
    ("cv-sgddt-danang-1595-2019-attgt-scan-badocr.pdf", [("Trần Nguyễn Minh Thành", "Phó Giám đốc")]),
    ("kh-ubnd-quangbinh-672-2024-thong-tin-nguoi-lao-dong-scan.pdf", [("Hoàng Xuân Tân", "Phó Chủ tịch")]),
    ("cv-ubnd-danang-5710-2023-nq29-scan-encrypted-ocr.pdf", [("Lê Trung Chinh", "Chủ tịch")]),
    ("cv-sgddt-danang-1906-2020-covid-p2.jpg", [("Lê Thị Bích Thuận", "Giám đốc")]),
])
def test_signers_under_seals_on_real_scans(public_dir: Path, name: str, signers: list[tuple[str, str]]) -> None:
    need_ocr()
    rec = cached_record(public_dir / name)
    assert [(s.name, s.position) for s in rec.signers] == signers
    if "Phó" in signers[0][1]:  # the deputy's title was guessed: the record says so
        assert "W_SIGNER_POSITION_INFERRED" in [w.code for w in rec.warnings]


def test_regions_read_again_are_named_page_by_page() -> None:
    from vnadmin_extract.ingest import ocr_layout

    first = _page(_line("Nơi nhận:", 350, 2100))
    first.reread, first.reread_left = (1116.0, 1927.0, 2480.0, 2955.0, 3.1, 9.7), (0.0, 1927.0, 1116.0, 2955.0)
    second = _page(_line("DANH SÁCH", 900, 300))
    second.tables = [(200.0, 500.0, 2300.0, 1800.0, 12.0, 30.5, 6.0)]
    assert ocr_layout.reread_warnings([None, first, second, _page()]) == [(
        "W_OCR_REGION_REREAD", "regions read a second time on their own and spliced in where they read better: "
        "page 2: the signature column; page 2: the 'Nơi nhận' column; page 3: 1 ruled table(s), 6 cell(s)")]
    assert ocr_layout.reread_warnings([_page()]) == []
