"""Record offsets to OCR word boxes (review/ocr_align.py) and the page pane, on made-up pages
(no Tesseract needed): the layout's reordering, a repaired word, a word the layout joined."""

from __future__ import annotations

import lxml.html
from PIL import Image

from vnadmin_extract.ingest.ocr import OcrResult, OcrWord
from vnadmin_extract.review.ocr_align import Box, PageWords, WordMap
from vnadmin_extract.review.scan_pane import Marks, ScanPages, pane_html


def _line(words: str, top: float, x: float, key: tuple[int, int, int]) -> list[OcrWord]:
    out = []
    for w in words.split():
        out.append(OcrWord(x, top, x + 20 * len(w), top + 30, w, 90.0, key))
        x += 20 * len(w) + 15
    return out


# Tesseract's order runs the two header columns together, line by line; the text (the layout
# reading) gives the left block, then the right one.
PAGE1 = (_line("UBND TỈNH", 100, 100, (1, 1, 1)) + _line("CỘNG HÒA XÃ HỘI", 100, 1200, (1, 1, 1))
         + _line("Số: 12/QĐ-UBND", 150, 100, (1, 1, 2)) + _line("Độc lập - Tự do", 150, 1200, (1, 1, 2))
         + _line("QUYÉT ĐỊNH", 400, 900, (2, 1, 1))
         + _line("Tặng Bằng khen cho ông Nguyễn Văn An", 600, 100, (3, 1, 1)))
PAGE2 = _line("DANH SÁCH", 100, 900, (1, 1, 1)) + _line("1. Ông Nguyễn Văn An, Trưởng phòng", 200, 100, (2, 1, 1))
TEXT = ("UBND TỈNH\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI\nĐộc lập - Tự do\n\nQUYẾT ĐỊNH\n\n"
        "Tặng Bằng khen cho ông Nguyễn Văn An\n\nDANH SÁCH\n1. Ông Nguyễn Văn An, Trưởng phòng\n")


def _map() -> WordMap:
    return WordMap(TEXT, [PageWords(PAGE1, (2480, 3508)), PageWords(PAGE2, (2480, 3508))])


def test_every_word_found_despite_the_layout_order_and_a_repair() -> None:
    wm = _map()
    assert wm.coverage == 1.0
    start = TEXT.index("Số: 12/QĐ-UBND")
    assert wm.boxes(start, start + len("Số: 12/QĐ-UBND")) == [Box(0, 100.0, 150.0, 375.0, 180.0)]
    start = TEXT.index("QUYẾT ĐỊNH")  # read "QUYÉT", repaired in the text
    assert [(b.page, b.top) for b in wm.boxes(start, start + 10)] == [(0, 400.0)]


def test_the_same_name_on_two_pages_finds_each_its_own() -> None:
    wm = _map()
    first = TEXT.index("Nguyễn Văn An")
    second = TEXT.index("Nguyễn Văn An", first + 1)
    assert [(b.page, b.top) for b in wm.boxes(first, first + 13)] == [(0, 600.0)]
    assert [(b.page, b.top) for b in wm.boxes(second, second + 13)] == [(1, 200.0)]


def test_a_value_over_two_columns_gives_a_box_per_column() -> None:
    wm = _map()
    # "UBND TỈNH" (left) and "CỘNG HÒA XÃ HỘI" (right) are one Tesseract line, far apart; the
    # number between them in the text is the next line, left
    start, end = TEXT.index("UBND"), TEXT.index("XÃ HỘI") + 6
    boxes = wm.boxes(start, end)
    assert [(b.top, b.x0 < 1000) for b in boxes] == [(100.0, True), (100.0, False), (150.0, True)]


def _result(words: list[OcrWord]) -> OcrResult:
    return OcrResult(text="", confidence=88.0, words=len(words), boxes=words, size=(2480, 3508))


def test_pane_links_rows_and_numbers_pages() -> None:
    scan = ScanPages([Image.new("L", (2480, 3508), 255)] * 2, [_result(PAGE1), _result(PAGE2)])
    marks = Marks(WordMap(TEXT, scan.words))
    start = TEXT.index("Nguyễn Văn An")
    link = marks.add("row-person-0", "person: Nguyễn Văn An", start, start + 13)
    assert link.startswith('<a class="scanlink" href="#ocr-row-person-0"') and "▣ p.1<" in link
    assert marks.add("row-x", "nothing", 0, 0) == "" and marks.add("row-y", "none", None, None) == ""
    tree = lxml.html.fromstring(pane_html(scan, marks, {}))
    group = tree.xpath('//a[@id="ocr-row-person-0"]')[0]
    assert group.get("href") == "#row-person-0" and group.get("data-boxes") == "1"
    assert [p.text for p in tree.xpath('//div[@class="pagelabel"]')] == ["page 1 · OCR confidence 88",
                                                                        "page 2 · OCR confidence 88"]
    # a PDF whose other pages had a text layer: the images are not the file's page numbers
    tree = lxml.html.fromstring(pane_html(scan, marks, {}, pages_in_file=5))
    assert tree.xpath('//div[@class="pagelabel"]')[0].text == "OCR'd page 1 of 2 (5 in the file) · OCR confidence 88"
