"""OCR with Tesseract's Vietnamese model (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``).

Pages are rendered with pypdfium2 at ``DPI`` in colour and read through the red channel
(a red seal over the signature fades; images are used as they are, enlarged when small),
turned upright and levelled (``orient``), read once with ``image_to_data`` (text, word
boxes and per-word confidence in one pass) and laid out from the word boxes with the
text-PDF layout code (``ocr_layout``: header and signature columns as blocks).
``OcrResult.confidence`` is the mean word confidence (0-100), over words Tesseract gave a
confidence to; ``OcrResult.regions`` the same for the header zone and the footer.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import E_OCR, E_TIMEOUT, IngestError
from . import limits, orient, tesseract

LANG = tesseract.LANG
DPI = 300
TIMEOUT_SECONDS = 120
# Small scans (a 576x960 phone photo of an A4 page) read far better enlarged.
MIN_HEIGHT = 2000
# Tesseract (Leptonica) refuses images wider or taller than this.
MAX_SIDE = 30_000


@dataclass
class OcrWord:
    """A word Tesseract read, with its box in the (straightened) image's pixels."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    conf: float
    line: tuple[int, int, int] = (0, 0, 0)  # Tesseract's (block, paragraph, line)


@dataclass
class OcrResult:
    text: str
    confidence: float | None
    words: int
    boxes: list[OcrWord] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)  # width, height of the image the boxes refer to
    orientation: orient.Orientation | None = None
    # Mean word confidence of the page's layout regions ("header", "footer"), when found.
    regions: dict[str, float] = field(default_factory=dict)
    # The signature column read again (``ocr_footer``): its box (x0, top, x1, bottom) and the
    # mean letter-word confidence before and after, when the second reading replaced the first.
    reread: tuple[float, ...] | None = None
    reread_left: tuple[float, ...] | None = None  # the "Nơi nhận" column read again (ocr_footer)
    # Ruled tables read again (``ocr_table``), each whose second reading replaced cells: its box
    # (x0, top, x1, bottom), the letter-word scores of the replaced cells before and after, and
    # how many cells were replaced.
    tables: list[tuple[float, ...]] = field(default_factory=list)
    # The grids of the page's ruled tables (``pdf_tables.Table`` in the image's pixels): the
    # layout reads each of their rows as one line of cells.
    grids: list[Any] = field(default_factory=list)


# Pages read while ``capture_pages()`` is active: (the straightened image Tesseract read, its
# result). Only the review page (``highlight``) asks for them; extraction itself keeps nothing.
_CAPTURE: contextvars.ContextVar[list[tuple[Any, OcrResult]] | None] = contextvars.ContextVar(
    "vnadmin_ocr_capture", default=None)


@contextlib.contextmanager
def capture_pages() -> Iterator[list[tuple[Any, OcrResult]]]:
    """Collect every page OCR'd inside the block, in reading order: ``(image, result)``, the
    image being the upright, levelled gray page the result's word boxes refer to."""
    pages: list[tuple[Any, OcrResult]] = []
    token = _CAPTURE.set(pages)
    try:
        yield pages
    finally:
        _CAPTURE.reset(token)


def available() -> bool:
    """Tesseract and its Vietnamese model are installed."""
    return tesseract.engine() is not None


def _require() -> None:
    if not available():
        raise IngestError(
            E_OCR,
            f"OCR needs Tesseract with the '{LANG}' model "
            "(Debian: apt-get install tesseract-ocr tesseract-ocr-vie)",
        )


def _prepare(image: Any, max_pixels: int | None = None) -> Any:
    from PIL import Image, ImageOps

    max_pixels = max_pixels or limits.current().max_pixels
    # exif_transpose copies the page even when there is nothing to turn (20 ms a 300 dpi page)
    img = ImageOps.exif_transpose(image) if image.getexif().get(0x0112, 1) != 1 else image
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    factor = MIN_HEIGHT / img.height if img.height < MIN_HEIGHT else 1.0
    # Never past max_pixels: a 30,000 x 2 strip enlarged to 2,000 px high would be 30 Gpx.
    factor = min(factor, math.sqrt(max_pixels / max(1, img.width * img.height)),
                 MAX_SIDE / max(img.width, img.height))
    if abs(factor - 1.0) > 0.01:
        size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
        img = img.resize(size, Image.Resampling.LANCZOS)
    return _ink_gray(img)


def _ink_gray(img: Any) -> Any:
    """Gray levels for OCR. A colour page is read through its red channel: the red seal
    stamped over a signer's name and title turns as light as the paper there, while black
    print and blue signatures stay dark (plain luminance turns the seal mid-gray)."""
    if img.mode == "RGB":
        return img.getchannel("R")
    return img.convert("L")


def ocr_image(image: Any, max_pixels: int | None = None) -> OcrResult:
    """Read one page image (a PIL image), brought to at most ``max_pixels``."""
    _require()
    timeout = TIMEOUT_SECONDS
    left = limits.time_left()
    if left is not None:
        timeout = max(1.0, min(timeout, left))
    img, orientation = orient.straighten(_prepare(image, max_pixels), timeout=min(30.0, timeout))
    try:
        data = tesseract.read_data(img, psm=3, timeout=timeout)
    except tesseract.TesseractFailed as exc:
        if exc.timed_out:
            raise IngestError(E_TIMEOUT, f"OCR took more than {timeout:.0f} s on a page") from exc
        raise IngestError(E_OCR, f"Tesseract failed: {str(exc)[:300]}") from exc
    result = _assemble(data)
    result.boxes = _boxes(data)
    result.size = img.size
    result.orientation = orientation
    from . import ocr_footer, ocr_layout, ocr_table  # the layout shares the text-layer PDF's line code

    ocr_table.reread(img, result, functools.partial(_read_block, timeout=timeout, psm=6))
    ocr_footer.reread(img, result, functools.partial(_read_block, timeout=timeout))

    ocr_layout.apply(result)
    captured = _CAPTURE.get()
    if captured is not None:
        captured.append((img, result))
    return result


def _read_block(img: Any, timeout: float, psm: int = 11) -> list[OcrWord]:
    """The words of a crop read as sparse text (``--psm 11``), or as one uniform block
    (``psm=6``: a table's rows); none when Tesseract fails (the page's first reading stands)."""
    try:
        data = tesseract.read_data(img, psm=psm, timeout=timeout)
    except tesseract.TesseractFailed:  # a failed second look is not a failed page
        return []
    return _boxes(data)


def _boxes(data: dict[str, list[Any]]) -> list[OcrWord]:
    out: list[OcrWord] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        x, y = float(data["left"][i]), float(data["top"][i])
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        out.append(OcrWord(x, y, x + float(data["width"][i]), y + float(data["height"][i]), word,
                           float(data["conf"][i]), key))
    return out


def _assemble(data: dict[str, list[Any]]) -> OcrResult:
    lines: list[str] = []
    current: list[str] = []
    key: tuple[int, int, int] | None = None
    block_par: tuple[int, int] | None = None
    confs: list[float] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        k = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if k != key:
            if current:
                lines.append(" ".join(current))
            if block_par is not None and k[:2] != block_par:
                lines.append("")
            current, key, block_par = [], k, k[:2]
        current.append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            confs.append(conf)
    if current:
        lines.append(" ".join(current))
    mean = round(sum(confs) / len(confs), 2) if confs else None
    return OcrResult(text="\n".join(lines), confidence=mean, words=len(confs))


def render_scale(width_pt: float, height_pt: float, dpi: int = DPI, max_pixels: int | None = None) -> float:
    """The render scale for a page: ``dpi``, lowered so the bitmap has at most ``max_pixels``.

    A PDF page may be 200 x 200 inches (the format's limit): at 300 dpi its bitmap would
    be 3.6 gigapixels (a test file took 10 GB of memory before this bound).
    """
    max_pixels = max_pixels or limits.current().max_pixels
    scale = dpi / 72
    area = max(1.0, width_pt * height_pt)
    if area * scale * scale > max_pixels:
        scale = math.sqrt(max_pixels / area)
    return scale


def ocr_pdf_page(page: Any, dpi: int = DPI, max_pixels: int | None = None) -> OcrResult:
    """Render a pypdfium2 page (at most ``max_pixels``) and read it."""
    _require()
    w, h = page.get_size()
    # In colour, so that _prepare can drop a red seal (a bitmap of 3 bytes a pixel).
    bitmap = page.render(scale=render_scale(w, h, dpi, max_pixels), grayscale=False)
    return ocr_image(bitmap.to_pil(), max_pixels)


_NUMBER_WORD = re.compile(r"(\d+)[.,:;/]?")


UNSURE_NUMBER_CONF = 60.0  # under this, and ...
UNSURE_NUMBER_GAP = 25.0  # ... this far under the words beside it, a number is a guess


def unsure_numbers(results: list[OcrResult]) -> dict[str, float]:
    """Numbers read as words of their own that Tesseract was unsure of, against the words
    beside them on their line, with that confidence. A number written in by hand is read as
    some print ("635" for 1595) at 17-50 between printed words at 84-96 (the public scans); a
    small photo's printed "1906" scores 57 between words at 49-57, and is not one."""
    out: dict[str, float] = {}
    for result in results:
        by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
        for w in result.boxes:
            by_line.setdefault(w.line, []).append(w)
        for words in by_line.values():
            words.sort(key=lambda w: w.x0)
            for i, w in enumerate(words):
                m = _NUMBER_WORD.fullmatch(w.text)
                if not m or w.conf < 0 or w.conf >= UNSURE_NUMBER_CONF:
                    continue
                beside = [n.conf for n in words[max(0, i - 1):i] + words[i + 1:i + 2] if n.conf >= 0]
                if beside and sum(beside) / len(beside) - w.conf >= UNSURE_NUMBER_GAP:
                    out[m.group(1)] = min(w.conf, out.get(m.group(1), 101.0))
    return out


def combine(results: list[OcrResult]) -> float | None:
    """Mean confidence over several pages, weighted by their word counts."""
    total = sum(r.words for r in results if r.confidence is not None)
    if not total:
        return None
    return round(sum(r.confidence * r.words for r in results if r.confidence is not None) / total, 2)
