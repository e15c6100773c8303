"""Text that a PDF carries in form fields and annotations, not in the page content.

Digitally signed letters are drafted with "Số:      /SLĐTBXH-LĐVLDN" and "ngày      tháng
10 năm 2022" left blank; the e-signature system then stamps the number and the day into
signature widgets placed over the blanks ("1445", "03"). The page text has the blanks;
a reader sees the values. PDFium draws the widgets' appearance streams, so the page is
flattened (``FPDFPage_Flatten``, appearances as displayed) before its text is read: the
values then come with their boxes and the layout puts them where they are printed
("Số: 1445 /SLĐTBXH-LĐVLDN"). What each annotation contributed is returned (by field
name) for the record's warning, so the provenance of those characters stays visible.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

# Annotation subtypes whose appearance is page furniture, never document text.
_SKIP_SUBTYPES = {2, 16, 17}  # Link, Popup, PrinterMark (FPDF_ANNOT_*)


@dataclass(frozen=True)
class FieldText:
    page: int  # 1-based
    name: str  # the field name (/T), else the annotation subtype
    text: str


def _string(annot: Any, key: bytes) -> str:
    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFAnnot_GetStringValue(annot, key, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAnnot_GetStringValue(annot, key, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buf.raw[:size - 2].decode("utf-16-le", errors="replace")


def _annotations(page: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(name, rect) of the annotations that draw something, in page coordinates."""
    import pypdfium2.raw as pdfium_c

    out: list[tuple[str, tuple[float, float, float, float]]] = []
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype in _SKIP_SUBTYPES or pdfium_c.FPDFAnnot_GetObjectCount(annot) == 0:
                continue
            rect = pdfium_c.FS_RECTF()
            pdfium_c.FPDFAnnot_GetRect(annot, rect)
            name = _string(annot, b"T") or _string(annot, b"NM") or f"annotation {subtype}"
            out.append((name, (rect.left, rect.bottom, rect.right, rect.top)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out


MAX_FIELD_CHARS = 24  # longer annotation text is a signature box ("Ký bởi: ... Thời gian ký: ..."), not a field


def _added_text(page: Any, annots: list[tuple[str, tuple[float, float, float, float]]],
                before: str) -> dict[str, str]:
    """Text each annotation added to ``page`` once flattened (matched by position)."""
    textpage = page.get_textpage()
    try:
        after = textpage.get_text_range()
        added: dict[str, list[str]] = {}
        # PDFium appends the flattened appearances after the page's own content.
        start = len(before) if after.startswith(before) else len(after)
        last: str | None = None
        for i in range(start, len(after)):
            ch = after[i]
            if not ch.strip():  # generated spaces and line breaks have no box
                if last is not None:
                    added[last].append(" ")
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            for name, (left, bottom, right, top) in annots:
                if left - 1 <= cx <= right + 1 and bottom - 1 <= cy <= top + 1:
                    added.setdefault(name, []).append(ch)
                    last = name
                    break
    finally:
        textpage.close()
    return {name: " ".join("".join(chars).split()) for name, chars in added.items()}


def flatten(data: bytes, pdf: Any, index: int, page: Any) -> tuple[Any, list[FieldText], list[FieldText]]:
    """``page`` with its field annotations drawn into its content; the fields' text, and the
    text of the signature boxes that were removed instead.

    A probe copy of the page (``data`` opened again; PDFium loads lazily) is flattened
    first to learn what text each annotation draws. Short texts (a number, a day) are
    fields and are flattened into the page; long ones are e-signature information boxes
    ("Ký bởi: Cổng Thông tin điện tử Chính phủ ... Thời gian ký: 08.01.2015 10:44:47"),
    drawn over the header or the signature: they are removed, so that neither the text
    layer nor OCR mixes them into the document, and are reported. Pages without drawn
    annotations are returned as they are.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    annots = _annotations(page)
    if not annots:
        return page, [], []
    probe_doc = pdfium.PdfDocument(data)
    try:
        probe = probe_doc[index]
        textpage = probe.get_textpage()
        try:
            before = textpage.get_text_range()
        finally:
            textpage.close()
        if pdfium_c.FPDFPage_Flatten(probe.raw, pdfium_c.FLAT_NORMALDISPLAY) != pdfium_c.FLATTEN_SUCCESS:
            return page, [], []
        probe.close()
        probe = probe_doc[index]
        texts = _added_text(probe, annots, before)
        probe.close()
    finally:
        probe_doc.close()
    boxes = {name for name, text in texts.items() if len("".join(text.split())) > MAX_FIELD_CHARS}
    # Remove the boxes (last index first, so the indices of the others hold).
    for k in reversed(range(pdfium_c.FPDFPage_GetAnnotCount(page.raw))):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            name = _string(annot, b"T") or _string(annot, b"NM")
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        if name and name in boxes:
            pdfium_c.FPDFPage_RemoveAnnot(page.raw, k)
    if len(boxes) < len(texts):
        pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
    if boxes or len(boxes) < len(texts):
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        page.close()
        page = pdf[index]  # reloaded: the changed content is read from the document
    fields = [FieldText(index + 1, n, t) for n, t in texts.items() if n not in boxes]
    removed = [FieldText(index + 1, n, t) for n, t in texts.items() if n in boxes]
    return page, fields, removed
