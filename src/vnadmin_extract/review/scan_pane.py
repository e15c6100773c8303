"""The page images of a scan beside its review page's text, with the OCR boxes of its values.

Where the pages come from: ``highlight FILE`` extracts the file inside
``ingest.ocr.capture_pages()``, which hands back the upright, levelled page images Tesseract
read and its word boxes; nothing is kept when extraction runs without it (``run``,
``extract``). ``highlight --run OUTDIR --page-images`` reads an OCR'd document's file once
more (``read_scan``; about 2 s a page), when it is still there with the bytes the record was
made from.

How values find their boxes: ``ocr_align.WordMap`` matches the record's words to the OCR
words, so a value's ``[start, end)`` gives its rectangles on its page.

Images are embedded in the page (PNG, data URI, gray, ``IMAGE_WIDTH`` pixels wide,
16 gray levels: about 200 KB a page). The review page is one file that works offline,
is archived with the data and is served as one response by Datasette's ``/-/review/``;
images in files beside it would break all three the first time a page is moved.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ocr_align import Box, PageWords, WordMap, page_words

IMAGE_WIDTH = 1100
GRAY_LEVELS = 16

CSS = """
.layout.with-scan { grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr) minmax(260px, 0.85fr); }
.scanpane { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
.scanpane .page { margin-bottom: 14px; }
.scanpane .pagelabel { font-size: 12px; color: var(--muted); }
.pagebox { position: relative; border: 1px solid var(--line); }
.pagebox img { width: 100%; display: block; }
.pagebox .ent { position: absolute; opacity: 0.35; pointer-events: none; border-radius: 2px; }
.pagebox a.ocrgroup { position: absolute; display: block; }
.pagebox a.ocrgroup .box { position: absolute; outline: 1px solid rgba(207, 34, 46, 0.5); border-radius: 2px; }
.pagebox a.ocrgroup:hover .box { outline-color: #cf222e; background: rgba(255, 211, 61, 0.25); }
.pagebox a.ocrgroup:target .box { outline: 3px solid #cf222e; background: rgba(255, 211, 61, 0.4); }
a.scanlink { margin-left: 6px; font-size: 12px; white-space: nowrap; }
"""


@dataclass
class ScanPages:
    """The pages of one scan as Tesseract read them: gray images and their OCR results."""

    images: list[Any]
    results: list[Any]
    note: str | None = None  # why no page is shown, when there is none

    @classmethod
    def captured(cls, pages: Sequence[tuple[Any, Any]]) -> ScanPages:
        return cls([im for im, _ in pages], [r for _, r in pages])

    @property
    def words(self) -> list[PageWords]:
        return page_words(self.results)


def read_scan(path: str | Path, sha256: str | None = None) -> ScanPages:
    """Read ``path`` again to get its page images and word boxes (OCR'd pages only).

    ``sha256``: the record's; when the file's bytes differ, no page is returned (the boxes
    would belong to another text)."""
    from ..ingest import ocr, read_bytes, read_path

    p = Path(path)
    if not p.is_file():
        return ScanPages([], [], note=f"page images: {path} is not there any more")
    data = read_bytes(p)
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        return ScanPages([], [], note=f"page images: {path} changed since the record was made")
    with ocr.capture_pages() as pages:
        read_path(p, data)
    return ScanPages.captured(pages)


def image_uri(image: Any, width: int = IMAGE_WIDTH) -> str:
    """``image`` as a gray PNG data URI, ``width`` pixels wide at most."""
    img = image.convert("L")
    if img.width > width:
        img = img.resize((width, max(1, round(img.height * width / img.width))))
    buf = io.BytesIO()
    img.quantize(GRAY_LEVELS).save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


@dataclass
class Marks:
    """What the pane draws: value boxes linked to their table rows, and entity boxes."""

    wordmap: WordMap
    # group id -> (label, the table row it links back to, boxes)
    groups: dict[str, tuple[str, str, list[Box]]] = field(default_factory=dict)
    entities: list[tuple[str, str, list[Box]]] = field(default_factory=list)  # (type, tooltip, boxes)

    def add(self, row_id: str, label: str, start: Any, end: Any, back_to: str | None = None) -> str:
        """Register the value of table row ``row_id`` (its boxes link back to ``back_to``, default
        the row); returns the row's link to the page image ("" when the value has no box)."""
        if not isinstance(start, int) or not isinstance(end, int):
            return ""
        boxes = self.wordmap.boxes(start, end)
        if not boxes:
            return ""
        self.groups[row_id] = (label, back_to or row_id, boxes)
        pages = sorted({b.page + 1 for b in boxes})
        where = "p." + ",".join(map(str, pages))
        return (f'<a class="scanlink" href="#ocr-{html.escape(row_id)}" '
                f'title="show on the page image ({len(boxes)} boxes)">▣ {where}</a>')

    def entity(self, type_: str, tooltip: str, start: int, end: int) -> None:
        boxes = self.wordmap.boxes(start, end)
        if boxes:
            self.entities.append((type_, tooltip, boxes))


def marks_for(text: str, scan: ScanPages | None) -> Marks | None:
    """The marks of a scan's page (None: no page images to draw on)."""
    if scan is None or not scan.results or not text:
        return None
    return Marks(WordMap(text, scan.words))


def _pct(value: float, whole: float) -> str:
    return f"{100 * value / whole:.3f}%" if whole else "0%"


def _rect(x0: float, top: float, x1: float, bottom: float, w: float, h: float) -> str:
    return f"left:{_pct(x0, w)};top:{_pct(top, h)};width:{_pct(x1 - x0, w)};height:{_pct(bottom - top, h)}"


def pane_html(scan: ScanPages, marks: Marks, colors: dict[str, str], pages_in_file: int | None = None) -> str:
    """The page images with the boxes of every registered value and entity.

    ``pages_in_file``: the document's page count. When only some pages were OCR'd (a PDF with a
    text layer on the others), the images are numbered as the OCR'd pages, not as the file's."""
    sizes = [tuple(r.size) if r.size and r.size[0] else im.size for im, r in zip(scan.images, scan.results,
                                                                                   strict=True)]
    per_page: list[list[str]] = [[] for _ in scan.images]
    for type_, tooltip, boxes in marks.entities:
        for b in boxes:
            w, h = sizes[b.page]
            per_page[b.page].append(
                f'<span class="ent" data-type="{html.escape(type_)}" title="{html.escape(tooltip)}" '
                f'style="{_rect(b.x0, b.top, b.x1, b.bottom, w, h)};background:{colors.get(type_, "#ddd")}"></span>')
    for row_id, (label, back_to, boxes) in marks.groups.items():
        by_page: dict[int, list[Box]] = {}
        for b in boxes:
            by_page.setdefault(b.page, []).append(b)
        for n, (page, bs) in enumerate(sorted(by_page.items())):
            w, h = sizes[page]
            gx0, gy0 = min(b.x0 for b in bs), min(b.top for b in bs)
            gx1, gy1 = max(b.x1 for b in bs), max(b.bottom for b in bs)
            gw, gh = max(1.0, gx1 - gx0), max(1.0, gy1 - gy0)
            # The group spans its boxes, so a link to it scrolls the page image to them.
            inner = "".join(f'<span class="box" style="{_rect(b.x0 - gx0, b.top - gy0, b.x1 - gx0, b.bottom - gy0, gw, gh)}">'
                            "</span>" for b in bs)
            gid = f"ocr-{row_id}" + (f"-p{page + 1}" if n else "")
            per_page[page].append(
                f'<a class="ocrgroup" id="{html.escape(gid)}" href="#{html.escape(back_to)}" '
                f'title="{html.escape(label)}" data-boxes="{len(bs)}" style="{_rect(gx0, gy0, gx1, gy1, w, h)}">{inner}</a>')
    every = pages_in_file in (None, len(scan.images))
    pages = []
    for k, image in enumerate(scan.images):
        label = f"page {k + 1}" if every else f"OCR'd page {k + 1} of {len(scan.images)} ({pages_in_file} in the file)"
        pages.append(
            f'<div class="page" id="page-{k + 1}"><div class="pagelabel">{label} · OCR '
            f'{_conf(scan.results[k])}</div><div class="pagebox"><img alt="page {k + 1}" src="{image_uri(image)}">'
            + "".join(per_page[k]) + "</div></div>")
    matched = f"{100 * marks.wordmap.coverage:.0f}% of the words matched to their boxes"
    return (f'<section class="scanpane" id="scan"><h2>Page images — bản quét <span class="muted">'
            f"({len(scan.images)} pages; {matched})</span></h2>" + "".join(pages) + "</section>")


def _conf(result: Any) -> str:
    conf = getattr(result, "confidence", None)
    return f"confidence {conf:.0f}" if isinstance(conf, int | float) else "confidence –"
