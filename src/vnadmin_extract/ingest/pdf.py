"""PDF: the text layer through pypdfium2 with word positions, OCR for pages without one.

Why pypdfium2 and not pdfplumber: pdfplumber (pdfminer) reads about 20 pages a second
here, pypdfium2 over a thousand; the layout needs only word boxes, which PDFium gives
(two ``FPDFText_GetLooseCharBox`` calls a word: its first and last character). So:

1. words = the page text split on whitespace, each with its box (top-left origin);
2. lines = words grouped by vertical overlap, sorted left to right; a line splits into
   segments where the gap between two words is wider than ``COLUMN_GAP`` times the
   line height (a justified line's widest gap is about one em);
3. ``_layout.order_columns``: a run of lines with two segments either side of one gutter,
   with the one-sided lines that touch it, is a header or signature block and is read
   as two blocks (left column, right column); other multi-segment lines are table rows;
4. running headers and footers (the same line in the top or bottom band of several
   pages, digits aside) and page numbers ("2", "- 2 -", "Trang 2/5") are dropped; a word
   hyphenated at a line end is rejoined, and so is a syllable a PDF producer split at a
   diacritic ("th ưởng") when the parts touch and make one valid syllable.
5. ruled tables (``pdf_tables``: a grid of drawn rules) are read cell by cell instead: one
   line a row, cells joined by the spreadsheet reader's ``CELL_SEP``, a blank line around it.

Words set in ``.VnTime``/``.VnTimeH``/``VNI-*`` fonts are converted by font (the font
name comes with each word when the page has characters only legacy text uses), then
``legacy.repair`` handles legacy text in other fonts.

Pages with no text layer, or whose layer is not Vietnamese (``textlayer.judge``: a scanner's
OCR layer that lost its diacritics, "CONG HOA xA HQI CHU NGHIA", or garbles them, "NGAY
17/812023 CUA TITUNG"), are rendered and read by Tesseract (``ingest.ocr``) with
``W_TEXT_LAYER_REJECTED``; when Tesseract is missing, such a page keeps its poor layer and
the document a warning. Form fields and annotations (e-signature stamps carrying the
number and day) are flattened into the page first (``pdf_fields``).
A file PDFium cannot open (damaged, encrypted with a password, not a PDF) is
``IngestError(E_PDF)``: PDFium fails fast on these, it does not hang.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from ..errors import (
    E_PDF,
    E_TIMEOUT,
    E_TOO_LARGE,
    W_DAMAGED,
    W_LEGACY_ENCODING,
    W_LOW_OCR_CONFIDENCE,
    W_PDF_FIELDS,
    W_TEXT_LAYER_REJECTED,
    W_TRUNCATED,
    IngestError,
)
from . import legacy, limits, ocr, ocr_layout, pdf_fields, pdf_tables, textlayer
from ._layout import Segment, order_columns
from .base import RawText
from .spreadsheet import row_line

COLUMN_GAP = 1.0  # a gap wider than this many line heights splits a line into segments
BAND = 0.09  # top and bottom bands (fraction of page height) for running headers/footers
MAX_SECONDS = 600  # a whole document; checked between pages
LOW_OCR_CONFIDENCE = 60.0

_WS = re.compile(r"[^\s\x00\ufffe\x02]+")
# Characters that Unicode Vietnamese text never has but TCVN3/VNI runs do.
_LEGACY_ONLY = re.compile("[µ¸¶·¹»¾¼½ÆÇÈËÐÎÏÑÖ×ØÜÞßäåæçëîïñöø÷ûüþ¡¢£¤¥¦§¨©ª«¬®\xad\u2212\u2219]")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page|tr\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*[-–—)\]]?$",
    re.IGNORECASE,
)


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[_Word] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _page_words(textpage: Any, page_height: float) -> tuple[list[_Word], set[str]]:
    """Words of a page with their boxes, and the legacy encodings converted by font."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    n = textpage.count_chars()
    if n <= 0:
        return [], set()
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # defensive: keep indices aligned with characters
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(n))
    rect = pdfium_c.FS_RECTF()
    rect_p = ctypes.byref(rect)
    want_fonts = bool(_LEGACY_ONLY.search(text))
    font_buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    words: list[_Word] = []
    converted: set[str] = set()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    for m in _WS.finditer(text):
        i, j = m.start(), m.end() - 1
        get_box(raw, i, rect_p)
        x0, top, bottom = rect.left, page_height - rect.top, page_height - rect.bottom
        word = m.group()
        if j != i:
            get_box(raw, j, rect_p)
            if word[-1].isdigit() and not word[0].isdigit():
                # A footnote mark set as superscript digits glued to the word ("Điều 10²"
                # reads "Điều 102"): smaller and raised; dropped.
                h0 = bottom - top
                k = j
                while k > i and text[k].isdigit() and (rect.top - rect.bottom) < 0.8 * h0 and (
                    page_height - rect.bottom) < bottom - 0.15 * h0:
                    k -= 1
                    get_box(raw, k, rect_p)
                if k < j:
                    word = text[i:k + 1]
                    j = k
                    get_box(raw, j, rect_p)
        x1 = rect.right
        if x1 < x0:  # rotated or right-to-left glyph order: take the union
            x0, x1 = x1, x0
        if want_fonts:
            size = pdfium_c.FPDFText_GetFontInfo(raw, i, font_buf, 128, ctypes.byref(flags))
            if size:
                name = font_buf.value.decode("utf-8", errors="replace")
                new, enc = legacy.decode_run(word, name)
                if enc:
                    word = new
                    converted.add(enc)
        words.append(_Word(x0, x1, min(top, bottom), max(top, bottom), word))
    return words, converted


def _lines(words: list[_Word]) -> list[_Line]:
    """Group words into lines by vertical overlap, each sorted left to right."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            if last.top - 0.5 <= mid <= last.bottom + 0.5 and (
                min(last.bottom, w.bottom) - max(last.top, w.top)
                >= 0.4 * min(last.height or 1, (w.bottom - w.top) or 1)
            ):
                last.words.append(w)
                last.top, last.bottom = min(last.top, w.top), max(last.bottom, w.bottom)
                continue
        lines.append(_Line(w.top, w.bottom, [w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _join_words(words: list[_Word], height: float) -> str:
    """Words of a segment as text; split syllables that touch are rejoined."""
    out: list[str] = []
    prev: _Word | None = None
    for w in words:
        if prev is not None and out and w.x0 - prev.x1 < 0.12 * height and _split_syllable(out[-1], w.text):
            out[-1] += w.text
        else:
            out.append(w.text)
        prev = w
    return " ".join(out)


_ONSET_ONLY = re.compile(r"^(?:ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx])$", re.IGNORECASE)


def _split_syllable(left: str, right: str) -> bool:
    """``left`` is a bare onset and ``left + right`` one Vietnamese syllable ("th"+"ưởng")."""
    tail = re.search(r"[^\W\d_]+$", left)
    head = re.match(r"[^\W\d_]+", right)
    if not tail or not head or len(tail.group()) != len(left):
        return False
    return bool(_ONSET_ONLY.match(left)) and legacy.is_vietnamese_word(left + head.group())


def _segments(line: _Line) -> list[Segment]:
    h = line.height or 10.0
    segs: list[Segment] = []
    group: list[_Word] = [line.words[0]]
    for w in line.words[1:]:
        if w.x0 - group[-1].x1 > COLUMN_GAP * h:
            segs.append(Segment(group[0].x0, group[-1].x1, _join_words(group, h)))
            group = [w]
        else:
            group.append(w)
    segs.append(Segment(group[0].x0, group[-1].x1, _join_words(group, h)))
    return segs


@dataclass
class _Page:
    lines: list[_Line]
    height: float
    text_lines: list[str] = field(default_factory=list)
    ocr: ocr.OcrResult | None = None
    rows: list[tuple[float, float, Segment]] = field(default_factory=list)  # ruled-table rows: top, bottom


def _band_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _running_lines(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line) indices of running headers/footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    keys: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for pi, page in enumerate(pages):
        if page.ocr is not None:
            continue
        seen: set[tuple[str, str]] = set()
        for li, line in enumerate(page.lines):
            if line.bottom < BAND * page.height:
                band = "top"
            elif line.top > (1 - BAND) * page.height:
                band = "bottom"
            else:
                continue
            text = " ".join(w.text for w in line.words)
            if _PAGE_NUMBER.match(text.strip()):
                drop.add((pi, li))
                continue
            key = (band, _band_key(text))
            if key not in seen:
                seen.add(key)
                keys[key] += 1
            where.setdefault(key, []).append((pi, li))
    text_pages = sum(1 for p in pages if p.ocr is None)
    for key, count in keys.items():
        if count >= 2 and count >= 0.3 * text_pages:
            drop.update(where[key])
    return drop


_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010]$")


def _split_lines(lines: list[_Line]) -> int:
    """How many lines have a gap wider than ``COLUMN_GAP`` (cells, or a header block's two sides)."""
    n = 0
    for line in lines:
        gap = COLUMN_GAP * (line.height or 10.0)
        ws = line.words
        if any(ws[k + 1].x0 - ws[k].x1 > gap for k in range(len(ws) - 1)):
            n += 1
    return n


def _table_rows(words: list[_Word], found: list[pdf_tables.Table]) -> tuple[list[_Word], list[tuple[float, float, Segment]]]:
    """The words outside the tables, and each table row as one segment of cells."""
    rest: list[_Word] = []
    inside: list[list[_Word]] = [[] for _ in found]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        k = next((k for k, t in enumerate(found) if t.contains(cx, cy)), None)
        (rest if k is None else inside[k]).append(w)
    rows: list[tuple[float, float, Segment]] = []
    for table, ws in zip(found, inside, strict=True):
        for r in range(len(table.ys) - 1):
            top, bottom = table.ys[r], table.ys[r + 1]
            in_row = [w for w in ws if top <= (w.top + w.bottom) / 2 < bottom]
            cells: list[str] = []
            for first, last in table.spans(r):
                x0, x1 = table.xs[first], table.xs[last + 1]
                mine = [w for w in in_row if x0 <= (w.x0 + w.x1) / 2 < x1]
                lines = _dehyphenate([_join_words(ln.words, ln.height) for ln in _lines(mine)])
                cells.append(" ".join(lines))
            text = row_line(cells)
            if text:
                rows.append((top, bottom, Segment(table.xs[0], table.xs[-1], text)))
    return rest, rows


def _page_text(page: _Page, skip: set[int]) -> list[str]:
    lines = [line for li, line in enumerate(page.lines) if li not in skip]
    if not lines and not page.rows:
        return []
    heights = [ln.height for ln in lines if ln.height > 0]
    med = statistics.median(heights) if heights else 10.0
    segs: list[list[Segment]] = []
    gaps: list[float] = []
    prev_bottom: float | None = None
    items: list[tuple[float, _Line | tuple[float, float, Segment]]] = [(ln.top, ln) for ln in lines]
    items += [(row[0], row) for row in page.rows]
    items.sort(key=lambda it: it[0])
    for _, item in items:
        if isinstance(item, tuple):
            # a table row: a line of its own between blank lines, so no joiner glues it to its
            # neighbours, and no column layout reads it as a header block
            segs += [[], [item[2]], []]
            gaps += [0.0, 0.0, 0.0]
            prev_bottom = item[1]
            continue
        line = item
        gap = 0.0 if prev_bottom is None else line.top - prev_bottom
        if prev_bottom is not None and gap > 0.9 * med:
            segs.append([])  # a paragraph break: a blank line
            gaps.append(0.0)
        segs.append(_segments(line))
        gaps.append(gap)
        prev_bottom = line.bottom
    text_lines = order_columns(segs, tol=0.6 * med, gaps=gaps, max_gap=2.5 * med)
    return _dehyphenate(text_lines)


def _dehyphenate(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _HYPHEN_END.search(out[-1]) and line[:1].islower():
            head, _, rest = line.partition(" ")
            out[-1] = out[-1][:-1] + head
            if rest:
                out.append(rest)
            continue
        out.append(line)
    return out


def _needs_ocr(text: str) -> tuple[bool, str | None]:
    """Whether a page goes to OCR, and why its text layer was rejected (if it was)."""
    if len(text.strip()) < 20:
        return True, None
    verdict = textlayer.judge(text)
    return verdict.rejected, verdict.reason


def _layer_warnings(fields: list[pdf_fields.FieldText], rejected: list[tuple[int, str]],
                    ocr_pages: list[int]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if fields:
        out.append((W_PDF_FIELDS, "text drawn by form fields or annotations was read with the page: "
                    + "; ".join(f"page {f.page} {f.name!r}: {f.text!r}" for f in fields[:12])))
    if rejected:
        redone = [p for p, _ in rejected if p in ocr_pages]
        first = rejected[0][1]
        what = f"OCR'd instead: {_page_list(redone)}" if redone else "kept (OCR unavailable or over the limit)"
        out.append((W_TEXT_LAYER_REJECTED, f"the text layer of {len(rejected)} page(s) is {first}; {what}"))
    return out


def _open(data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise IngestError(E_PDF, "the PDF is encrypted with a password") from exc
        raise IngestError(E_PDF, f"PDFium cannot open the file: {msg}") from exc


def _is_blank(page: Any) -> bool:
    """Nothing on the page, or nothing that renders darker than paper: no OCR needed.

    A scanned volume has separator and back pages; OCR of a blank A4 page costs as much
    as of a written one, and a file of 2,000 empty pages would take an hour.
    """
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFPage_CountObjects(page.raw) == 0:
        return True
    w, h = page.get_size()
    scale = min(0.25, 400 / max(w, h, 1))  # a thumbnail: at most 400 px on its long side
    image = page.render(scale=scale, grayscale=True).to_pil()
    lo, _hi = image.convert("L").getextrema()
    return lo >= 245


def read_pdf(data: bytes, *, use_ocr: bool = True) -> RawText:
    start = time.monotonic()
    lim = limits.current()
    limits.check_pdf_content(data)  # before PDFium parses anything (a stream bomb cannot be stopped inside it)
    pdf = _open(data)
    try:
        pages: list[_Page] = []
        by_font_all: set[str] = set()
        warnings: list[tuple[str, str]] = []
        unocrable = 0
        ocr_done = 0
        ocr_skipped: list[int] = []
        broken: list[int] = []
        blank = 0
        chars = 0
        fields: list[pdf_fields.FieldText] = []
        sign_boxes: list[pdf_fields.FieldText] = []
        rejected: list[tuple[int, str]] = []
        n_pages = len(pdf)
        to_read = min(n_pages, lim.max_pages)
        if to_read < n_pages:
            warnings.append((W_TRUNCATED, f"read the first {to_read} of {n_pages} pages (raise --max-pages)"))
        for index in range(to_read):
            if time.monotonic() - start > MAX_SECONDS:
                raise IngestError(E_TIMEOUT, f"reading the PDF took more than {MAX_SECONDS} s")
            if index and limits.running_low():
                warnings.append((W_TRUNCATED, f"read {index} of {n_pages} pages within the time budget "
                                              "(raise --timeout to read them all)"))
                break
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                broken.append(index + 1)
                if len(broken) >= 20 and not pages:
                    raise IngestError(E_PDF, f"PDFium cannot load any of the first {len(broken)} pages "
                                             "(a damaged page tree)") from None
                continue
            page, found, boxes = pdf_fields.flatten(data, pdf, index, page)
            fields.extend(found)
            sign_boxes.extend(boxes)
            height = page.get_height()
            textpage = page.get_textpage()
            try:
                words, by_font = _page_words(textpage, height)
            finally:
                textpage.close()
            by_font_all |= by_font
            text = " ".join(w.text for w in words)
            chars += len(text)
            if chars > lim.max_chars:  # stop reading now rather than hold it all and refuse later
                raise IngestError(E_TOO_LARGE, f"the text of the first {index + 1} of {n_pages} pages is over the "
                                               f"limit of {lim.max_chars} characters (raise --max-chars)")
            needs_ocr, layer_problem = _needs_ocr(text)
            if layer_problem:
                rejected.append((index + 1, layer_problem))
            if needs_ocr and not text.strip() and _is_blank(page):
                blank += 1
                pages.append(_Page([], height))
            elif needs_ocr and use_ocr and ocr.available() and ocr_done < lim.max_ocr_pages:
                result = ocr.ocr_pdf_page(page, max_pixels=lim.max_pixels)
                ocr_done += 1
                pages.append(_Page([], height, result.text.split("\n"), result))
            else:
                if needs_ocr and use_ocr and ocr.available():
                    ocr_skipped.append(index + 1)
                elif needs_ocr:
                    unocrable += 1
                lines = _lines(words)
                rows: list[tuple[float, float, Segment]] = []
                # the page's drawn rules are looked at only where its words are laid out in
                # columns: walking every object of a prose page costs more than reading it
                if _split_lines(lines) >= 3:
                    grids = pdf_tables.tables(pdf_tables.rules(page, height))
                    if grids:
                        words, rows = _table_rows(words, grids)
                        lines = _lines(words)
                pages.append(_Page(lines, height, rows=rows))
            page.close()
    finally:
        pdf.close()
    if broken and not pages:
        raise IngestError(E_PDF, f"PDFium cannot load any page ({len(broken)} tried)")
    if broken:
        warnings.append((W_DAMAGED, f"{len(broken)} page(s) could not be loaded and were skipped: "
                                    + _page_list(broken)))
    if ocr_skipped:
        warnings.append((W_TRUNCATED, f"{len(ocr_skipped)} page(s) without a text layer were not OCR'd "
                                      f"(over --max-ocr-pages {lim.max_ocr_pages}): " + _page_list(ocr_skipped)))
    drop = _running_lines(pages)
    chunks: list[str] = []
    for pi, page in enumerate(pages):
        if page.ocr is None:
            page.text_lines = _page_text(page, {li for (p, li) in drop if p == pi})
        chunks.append("\n".join(page.text_lines))
    chunks, repaired = ocr_layout.repair_pages(chunks, [p.ocr is not None for p in pages])
    warnings.extend(repaired)
    ocr_results = [p.ocr for p in pages if p.ocr is not None]
    warnings.extend(ocr_layout.region_warnings(pages[0].ocr if pages else None,
                                               pages[-1].ocr if pages else None))
    warnings.extend(ocr_layout.reread_warnings([p.ocr for p in pages]))
    raw = RawText(text="\f".join(chunks), format="pdf", pages=n_pages, ocr=bool(ocr_results),
                  ocr_confidence=ocr.combine(ocr_results) if ocr_results else None,
                  ocr_unsure_numbers=ocr.unsure_numbers(ocr_results))
    if by_font_all:
        names = sorted(by_font_all)
        raw.encoding = "+".join(names)
        warnings.append((W_LEGACY_ENCODING,
                         f"converted from legacy {' and '.join(n.upper() for n in names)} by font"))
    warnings.extend(_layer_warnings(fields, rejected, ocr_pages=[i + 1 for i, p in enumerate(pages) if p.ocr]))
    if fields:
        raw.metadata["pdf_fields"] = "; ".join(f"p{f.page} {f.name}={f.text}" for f in fields)
    if sign_boxes:
        raw.metadata["pdf_signature_boxes"] = "; ".join(f"p{f.page} {f.name}={f.text}" for f in sign_boxes)
    if unocrable:
        warnings.append((W_LOW_OCR_CONFIDENCE,
                         f"{unocrable} page(s) have no usable text layer and Tesseract is not installed"))
    if raw.ocr_confidence is not None and raw.ocr_confidence < LOW_OCR_CONFIDENCE:
        warnings.append((W_LOW_OCR_CONFIDENCE, f"mean OCR confidence {raw.ocr_confidence:.0f}"))
    raw.warnings.extend(warnings)
    return legacy.repair(raw)


def _page_list(numbers: list[int], most: int = 12) -> str:
    shown = ", ".join(str(n) for n in numbers[:most])
    return shown + (f" ... ({len(numbers) - most} more)" if len(numbers) > most else "")


class PdfReader:
    name = "pdf"
    formats = ("pdf",)

    def sniff(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024] or path.suffix.lower() == ".pdf"

    def read(self, path: Path, data: bytes) -> RawText:
        if b"%PDF-" not in data[:1024]:
            raise IngestError(E_PDF, "not a PDF (no %PDF- header)")
        return read_pdf(data)


READER = PdfReader()
