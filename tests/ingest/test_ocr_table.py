"""A scan's ruled table found from its rules and read a second time, as a region (ocr_table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_testkit import FakeReader, need_ocr
from PIL import Image, ImageDraw

from vnadmin_extract.ingest import ocr_layout, ocr_table
from vnadmin_extract.ingest.ocr import OcrResult, OcrWord

W, H = 2480, 3508  # an A4 page at 300 dpi
LEFT, MID, RIGHT = 320, 494, 2360  # the table's sides and its column rule
TOPS = [770, 886, 1002, 1118, 1234]  # its horizontal rules: four rows


def _table_page(tilt: int = 0) -> Image.Image:
    """A white page with a ruled table of four rows and two columns, lines 3 px thick;
    ``tilt`` lowers each horizontal rule's right end by that many pixels (a residual skew)."""
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    for y in TOPS:
        d.line([(LEFT, y), (RIGHT, y + tilt)], fill=0, width=3)
    for x in (LEFT, MID, RIGHT):
        d.line([(x, TOPS[0]), (x, TOPS[-1])], fill=0, width=3)
    # print: a title over the table and a line of text below it (short runs, no rules)
    for k in range(40):
        d.rectangle([400 + 45 * k, 600, 430 + 45 * k, 650], fill=0)
        d.rectangle([400 + 45 * k, 1400, 430 + 45 * k, 1450], fill=0)
    return img


_Reader = FakeReader


def _word(text: str, x0: float, top: float, conf: float = 95.0, line: int = 1) -> OcrWord:
    return OcrWord(x0, top, x0 + 30 * len(text), top + 45, text, conf, (1, line, 1))


def test_rules_found_at_their_positions() -> None:
    [(box, grid)] = ocr_table.tables(_table_page())
    # Half-resolution counting: positions to 2 px; the box keeps MARGIN px around the rules.
    assert grid.ys == [770.0, 886.0, 1002.0, 1118.0, 1234.0]
    assert grid.xs == [318.0, 494.0, 2360.0]
    assert box == (314.0, 764.0, 2366.0, 1240.0)
    assert [grid.spans(r) for r in range(4)] == [[(0, 0), (1, 1)]] * 4


def test_a_slight_skew_is_one_rule_per_line() -> None:
    [(_, grid)] = ocr_table.tables(_table_page(tilt=10))
    assert len(grid.ys) == 5


def test_no_rules_no_region_and_no_ocr_call() -> None:
    page = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(page)
    for k in range(40):  # print only, and a header's short underline
        d.rectangle([400 + 45 * k, 600, 430 + 45 * k, 650], fill=0)
    d.line([(1500, 500), (1900, 500)], fill=0, width=3)
    result = OcrResult(text="", confidence=90.0, words=0, size=(W, H))
    reader = _Reader([_word("Công", 200, 20)])
    assert ocr_table.tables(page) == []
    assert ocr_table.reread(page, result, reader) is False
    assert reader.crops == [] and result.grids == [] and result.tables == []


def test_horizontal_rules_alone_are_no_table() -> None:
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    for y in TOPS:
        d.line([(LEFT, y), (RIGHT, y)], fill=0, width=3)
    assert ocr_table.tables(img) == []


def _printed(page: Image.Image, rows: list[int]) -> Image.Image:
    """Print (letter-sized blocks of ink) in the text cell of the given rows (0 = first)."""
    d = ImageDraw.Draw(page)
    for r in rows:
        for k in range(8):
            d.rectangle([530 + 45 * k, TOPS[r] + 40, 560 + 45 * k, TOPS[r] + 80], fill=0)
    return page


def _covering(row: int, texts: list[str]) -> list[OcrWord]:
    """Words of the first reading whose boxes cover the print ``_printed`` draws in a row."""
    step = (910 - 520) / len(texts)
    return [OcrWord(520 + k * step, TOPS[row] + 30, 520 + (k + 1) * step, TOPS[row] + 90, t, 95.0, (1, 1, row))
            for k, t in enumerate(texts)]


def test_a_lost_row_is_added_and_a_good_one_kept() -> None:
    # Rows 1 and 2 hold print; row 1 is among the page's words, read well; row 2 is not.
    kept = _covering(0, ["Phòng", "Phổ", "biến"])
    result = OcrResult(text="", confidence=90.0, words=3, boxes=list(kept), size=(W, H))
    # Only row 2 is read again: the crop from its upper rule to its lower one, BAND_PAD px more
    # each way (box top 764: rows 2's rules at 886 and 1002 -> 116 to 244 in the crop).
    band_top = 886 - 764 - ocr_table.BAND_PAD
    reread = [_word("2.", 420 - 314, 920 - 764 - band_top, conf=51.0),
              _word("Công", 520 - 314, 920 - 764 - band_top), _word("an", 660 - 314, 920 - 764 - band_top)]
    reader = _Reader(reread)
    assert ocr_table.reread(_printed(_table_page(), [0, 1]), result, reader) is True
    assert reader.crops == [(2052, 116 + 2 * ocr_table.BAND_PAD)]
    texts = sorted((round(w.top), w.text) for w in result.boxes)
    # row 1 as first read; row 2's text cell added, its "2." not (an index column's marks
    # stay as first read)
    assert texts == [(800, "Phòng"), (800, "Phổ"), (800, "biến"), (920, "Công"), (920, "an")]
    assert result.tables[0][-1] == 1.0  # one cell replaced
    ocr_layout.apply(result)
    assert [ln for ln in result.text.split("\n") if ln] == ["Phòng Phổ biến", "Công an"]


def test_a_table_read_well_is_not_read_again() -> None:
    kept = _covering(0, ["Phòng"]) + _covering(1, ["Công", "an"])
    result = OcrResult(text="", confidence=90.0, words=2, boxes=list(kept), size=(W, H))
    reader = _Reader([])
    assert ocr_table.reread(_printed(_table_page(), [0, 1]), result, reader) is False
    assert reader.crops == [] and len(result.grids) == 1


def test_the_2753_list_page_reads_all_nine_rows(public_dir: Path) -> None:
    import pypdfium2 as pdfium

    from vnadmin_extract.ingest import ocr

    path = public_dir / "ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf"
    if not path.exists():
        pytest.skip("ttr-stp-quangbinh-2753 is not in ../shared/corpus-public")
    need_ocr()
    page = pdfium.PdfDocument(str(path))[1]
    result = ocr.ocr_pdf_page(page)
    names = ["Phòng Phổ biến, giáo dục pháp luật", "Công an tỉnh Quảng Bình",
             "Đài Phát thanh truyền hình tỉnh Quảng Bình", "UBND huyện Quảng Ninh",
             "Môi trường tỉnh Quảng Bình", "Trương Quang Sáng", "Lê Văn Tiến", "Đặng Đại Bàng",
             "Nguyễn Văn Tình"]
    assert [n for n in names if n in result.text] == names
    assert len(result.grids) == 1 and len(result.grids[0].ys) == 13
