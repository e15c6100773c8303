"""OCR words to text by layout: the same columns and blocks as a PDF text layer.

Tesseract's own reading order (``--psm 3`` blocks) often runs the two header columns or
the "Nơi nhận" and signature columns of a scan together ("CỘNG HÒA XÃ HỘI ... THÀNH PHỐ
ĐÀ NẴNG", a signer's name followed by the next recipient). Its word boxes are right, so
the words are laid out with the text-layer PDF's code (``pdf._page_text``: segments at
wide gaps, two-column header and signature regions read as a left block then a right
block). Lines are Tesseract's own (its line finder copes with a slight skew, where
grouping word boxes by height would merge neighbouring lines), and two of them side by
side at the same height (the columns of a header) are one row, as on a PDF page. The structure stages
therefore see a scan in the same shape as a born-digital PDF or a DOCX.

Regions: the header zone (top ``HEADER_ZONE`` of the page) and the footer (from the first
line, below the middle of the page, that starts a signature or recipients block) get
their own mean word confidence, so a poorly read header is flagged even when the body
reads well.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._layout import Segment
    from .ocr import OcrResult, OcrWord
    from .pdf import _Line
    from .pdf_tables import Table

HEADER_ZONE = 0.22
TWICE = 0.5  # two word boxes of a table sharing this much of the smaller are one word read twice
# A word with no letter or digit and a confidence this low is a speck, a stamp edge or a
# table rule, not text.
NOISE_CONF = 40.0
_TEXT_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lo", "Nd"})
_FOOTER_START = re.compile(
    r"^(?:n[ơo]i\s+nh[ậa]n|TM\s*\.|KT\s*\.|TL\s*\.|TUQ\s*\.|Q\s*\.\s|CH[ỦU]\s+T[ỊI]CH|GI[ÁA]M\s+Đ[ỐO]C|"
    r"TH[ƯU]\s+K[ÝY]|CH[ỦU]\s+TR[ÌI]|B[ỘO]\s+TR[ƯU][ỞO]NG|TR[ƯU][ỞO]NG\s+(?:BAN|PH[ÒO]NG))",
    re.IGNORECASE,
)


# Marks that are never a word of their own on a page: the rules under a header's lines
# ("_____", "—_") and stray accents of specks ("ˆ", "`"). A lone "-" is kept (the motto's
# dashes, the bullets of Nơi nhận).
_RULE_MARKS = re.compile(r"^[_~ˆ`´¨'\"|—–.,:;]+$")


def _keep(word: OcrWord) -> bool:
    if word.conf < 0:
        return False
    # A letter or digit proper: modifier letters such as "ˆ" count as \w but are specks.
    if any(unicodedata.category(c) in _TEXT_CATEGORIES for c in word.text):
        return True
    return word.conf >= NOISE_CONF and not _RULE_MARKS.match(word.text)


def _mean(words: list[OcrWord]) -> float | None:
    confs = [w.conf for w in words if w.conf >= 0]
    return round(sum(confs) / len(confs), 2) if confs else None


def rows(words: list[OcrWord]) -> list[_Line]:
    """Tesseract's lines, those side by side at the same height joined into one row."""
    import statistics

    from .pdf import _Line, _Word

    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    lines = []
    for ws in groups.values():
        # Medians, not the union: accents, specks and a stamp's edge stretch single boxes.
        top, bottom = statistics.median(w.top for w in ws), statistics.median(w.bottom for w in ws)
        lines.append((top, bottom, sorted(ws, key=lambda w: w.x0)))
    lines.sort(key=lambda t: t[0])
    out: list[_Line] = []
    for top, bottom, ws in lines:
        x0, x1 = ws[0].x0, max(w.x1 for w in ws)
        pw = [_Word(w.x0, w.x1, w.top, w.bottom, w.text) for w in ws]
        for row in reversed(out[-4:]):
            overlap = min(row.bottom, bottom) - max(row.top, top)
            beside = x0 > max(w.x1 for w in row.words) or x1 < row.words[0].x0
            if beside and overlap >= 0.5 * min(row.height or 1, (bottom - top) or 1):
                row.words = sorted([*row.words, *pw], key=lambda w: w.x0)
                break
        else:
            out.append(_Line(top, bottom, pw))
    return out


def regions(words: list[OcrWord], page_rows: list[_Line], height: float) -> dict[str, float]:
    """Mean confidence of the header zone and of the footer (when a footer is found)."""
    out: dict[str, float] = {}
    head = _mean([w for w in words if w.bottom <= HEADER_ZONE * height])
    if head is not None:
        out["header"] = head
    for line in page_rows:
        if line.top < 0.45 * height:
            continue
        h = line.height or 10.0
        starts = [0] + [k for k in range(1, len(line.words)) if line.words[k].x0 - line.words[k - 1].x1 > h]
        for k in starts:
            if _FOOTER_START.match(" ".join(w.text for w in line.words[k:])):
                foot = _mean([w for w in words if w.top >= line.top - 1])
                if foot is not None:
                    out["footer"] = foot
                return out
    return out


def apply(result: OcrResult) -> None:
    """Replace ``result.text`` by the layout reading of its word boxes; set its regions."""
    from .pdf import _Page, _page_text

    words = [w for w in result.boxes if _keep(w)]
    if not words:
        return
    height = float(result.size[1] or max(w.bottom for w in words))
    table_rows: list[tuple[float, float, Segment]] = []
    rest = words
    if result.grids:
        rest, table_rows = _table_rows(words, result.grids)
    page_rows = rows(rest)
    result.text = "\n".join(_page_text(_Page(page_rows, height, rows=table_rows), set()))
    # The regions' confidence is over all their words, a table's too.
    result.regions = regions(words, page_rows, height)


def _one_reading(words: list[OcrWord]) -> list[OcrWord]:
    """Words without a second reading of the same print: Tesseract's page layout may read a
    word twice, in two blocks ("Tổng" and "Tông" over one cell of the mau-02 form); in a
    cell they would make one line. Of two words whose boxes share ``TWICE`` of the smaller,
    the more confident stays."""
    out: list[OcrWord] = []
    for w in sorted(words, key=lambda w: -w.conf):
        area = (w.x1 - w.x0) * (w.bottom - w.top)
        # Marks (a dash, a stroke) are never a word's second reading: only words with a letter.
        if not any(c.isalpha() for c in w.text) or not any(
                _shared(w, o) >= TWICE * min(area, (o.x1 - o.x0) * (o.bottom - o.top))
                for o in out if any(c.isalpha() for c in o.text)):
            out.append(w)
    return sorted(out, key=lambda w: (w.top, w.x0))


def _shared(a: OcrWord, b: OcrWord) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.bottom, b.bottom) - max(a.top, b.top))


def _table_rows(words: list[OcrWord], grids: list[Table]) -> tuple[list[OcrWord], list[tuple[float, float, Segment]]]:
    """The words outside the page's ruled tables (``ocr_table``), and each table row as one
    line of cells, read as a text-layer PDF's ruled table is (``pdf._table_rows``)."""
    from ._layout import Segment
    from .pdf import _table_rows as grid_rows
    from .pdf import _Word
    from .spreadsheet import CELL_SEP

    taken: set[int] = set()
    table_rows: list[tuple[float, float, Segment]] = []
    for grid in grids:
        inside = [w for w in words if id(w) not in taken and grid.contains((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2)]
        taken.update(id(w) for w in inside)
        inside = _one_reading(inside)
        _, found = grid_rows([_Word(w.x0, w.x1, w.top, w.bottom, w.text) for w in inside], [grid])
        if len(grid.xs) == 3:
            # Two columns are a numbered list set in a grid ("TT" / "Tập thể, cá nhân"): each
            # row reads as a list line, "2. Công an tỉnh Quảng Bình", as a scan's list is read.
            found = [(t, b, Segment(seg.x0, seg.x1, seg.text.replace(CELL_SEP, " "))) for t, b, seg in found]
        table_rows += found
    return [w for w in words if id(w) not in taken], table_rows


LOW_REGION_CONFIDENCE = 60.0


def repair_first_page(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The first page's header lines repaired (``ocr_repair``), with the warning if any."""
    from ..errors import W_OCR_REPAIRED
    from . import ocr_repair

    fixed, repairs = ocr_repair.repair_header(text)
    return fixed, [(W_OCR_REPAIRED, ocr_repair.repair_warning(repairs))] if repairs else []


def repair_pages(chunks: list[str], ocr_pages: list[bool]) -> tuple[list[str], list[tuple[str, str]]]:
    """OCR'd pages repaired: the first page's header lines against the header vocabulary
    (``ocr_repair``), then the words of every OCR'd page against the word list
    (``ocr_words``); one ``W_OCR_REPAIRED`` warning for each kind of repair made. Pages with
    a text layer are left as they are. Both repairs keep each page's words in place (the
    header repair may join a line's spaces), and run before normalization, so the record's
    offsets are into the repaired text."""
    from ..errors import W_OCR_REPAIRED
    from . import ocr_words

    out = list(chunks)
    warnings: list[tuple[str, str]] = []
    if out and ocr_pages and ocr_pages[0]:
        out[0], warnings = repair_first_page(out[0])
    words: list[tuple[str, str]] = []
    for k, is_ocr in enumerate(ocr_pages):
        if is_ocr and k < len(out):
            out[k], made = ocr_words.repair_text(out[k])
            words.extend(made)
    if words:
        warnings.append((W_OCR_REPAIRED, ocr_words.repair_warning(words)))
    return out, warnings


def region_warnings(first: OcrResult | None, last: OcrResult | None) -> list[tuple[str, str]]:
    """Low confidence in the first page's header zone or the last page's footer."""
    from ..errors import W_LOW_OCR_CONFIDENCE

    out: list[tuple[str, str]] = []
    for result, region in ((first, "header"), (last, "footer")):
        conf = result.regions.get(region) if result is not None else None
        if conf is not None and conf < LOW_REGION_CONFIDENCE:
            out.append((W_LOW_OCR_CONFIDENCE, f"mean OCR confidence {conf:.0f} in the {region} region"))
    return out


def reread_warnings(results: list[OcrResult | None]) -> list[tuple[str, str]]:
    """Which regions of which pages were read a second time and spliced in (``ocr_footer``,
    ``ocr_table``): the words there come from a reading of the region alone, a provenance a
    user checking a signer or a recipient row against the scan needs."""
    from ..errors import W_OCR_REGION_REREAD

    parts: list[str] = []
    for k, result in enumerate(results, start=1):
        if result is None:
            continue
        if result.tables:
            cells = sum(int(t[-1]) for t in result.tables)
            parts.append(f"page {k}: {len(result.tables)} ruled table(s), {cells} cell(s)")
        if result.reread is not None:
            parts.append(f"page {k}: the signature column")
        if result.reread_left is not None:
            parts.append(f"page {k}: the 'Nơi nhận' column")
    if not parts:
        return []
    return [(W_OCR_REGION_REREAD, "regions read a second time on their own and spliced in where they read "
                                  "better: " + "; ".join(parts))]
