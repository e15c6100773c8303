"""OCR with Tesseract's Vietnamese model (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``).

Pages are rendered with pypdfium2 at ``DPI`` (images are used as they are, enlarged when
small), read once with ``image_to_data`` (text and per-word confidence in one pass) and
put back together as lines and paragraphs in Tesseract's block order, which already
separates the two columns of a header. ``OcrResult.confidence`` is the mean word
confidence (0-100), over words Tesseract gave a confidence to.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from typing import Any

from ..errors import E_OCR, E_TIMEOUT, IngestError

LANG = os.environ.get("VNADMIN_OCR_LANG", "vie")
DPI = 300
TIMEOUT_SECONDS = 120
# Small scans (a 576x960 phone photo of an A4 page) read far better enlarged.
MIN_HEIGHT = 2000


@dataclass
class OcrResult:
    text: str
    confidence: float | None
    words: int


@functools.cache
def available() -> bool:
    """Tesseract and its Vietnamese model are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return LANG in pytesseract.get_languages(config="")
    except Exception:
        return False


def _require() -> Any:
    if not available():
        raise IngestError(
            E_OCR,
            f"OCR needs Tesseract with the '{LANG}' model "
            "(Debian: apt-get install tesseract-ocr tesseract-ocr-vie)",
        )
    import pytesseract

    return pytesseract


def _prepare(image: Any) -> Any:
    from PIL import Image, ImageOps

    img = ImageOps.exif_transpose(image)
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    if img.height < MIN_HEIGHT:
        factor = MIN_HEIGHT / img.height
        img = img.resize((round(img.width * factor), MIN_HEIGHT), Image.Resampling.LANCZOS)
    return img.convert("L")


def ocr_image(image: Any) -> OcrResult:
    """Read one page image (a PIL image)."""
    pytesseract = _require()
    # Tesseract's OpenMP threads make it slower, not faster, on a small machine (measured:
    # 4.4 s a page with the default threads, 1.8 s with one).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    img = _prepare(image)
    try:
        data = pytesseract.image_to_data(
            img, lang=LANG, config="--oem 1 --psm 3", output_type=pytesseract.Output.DICT,
            timeout=TIMEOUT_SECONDS,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise IngestError(E_TIMEOUT, f"OCR took more than {TIMEOUT_SECONDS} s on a page") from exc
    except Exception as exc:
        raise IngestError(E_OCR, f"Tesseract failed: {exc}") from exc
    return _assemble(data)


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


def ocr_pdf_page(page: Any, dpi: int = DPI) -> OcrResult:
    """Render a pypdfium2 page and read it."""
    _require()
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    return ocr_image(bitmap.to_pil())


def combine(results: list[OcrResult]) -> float | None:
    """Mean confidence over several pages, weighted by their word counts."""
    total = sum(r.words for r in results if r.confidence is not None)
    if not total:
        return None
    return round(sum(r.confidence * r.words for r in results if r.confidence is not None) / total, 2)
