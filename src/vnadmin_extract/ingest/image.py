"""Page images (PNG, JPEG, TIFF incl. multi-page) through Tesseract (``ingest.ocr``)."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import E_OCR, W_LOW_OCR_CONFIDENCE, IngestError
from . import legacy, ocr
from .base import RawText

_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
LOW_CONFIDENCE = 60.0


class ImageReader:
    name = "image"
    formats = ("png", "jpg", "tiff")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(_MAGIC) or (path.suffix.lower() in _SUFFIXES and not head[:1].isascii())

    def read(self, path: Path, data: bytes) -> RawText:
        from PIL import Image, ImageSequence, UnidentifiedImageError

        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise IngestError(E_OCR, f"not a readable image: {exc}") from exc
        fmt = {"PNG": "png", "JPEG": "jpg", "TIFF": "tiff"}.get(image.format or "", "png")
        results = [ocr.ocr_image(frame.copy()) for frame in ImageSequence.Iterator(image)]
        raw = RawText(text="\f".join(r.text for r in results), format=fmt, pages=len(results),
                      ocr=True, ocr_confidence=ocr.combine(results))
        if raw.ocr_confidence is not None and raw.ocr_confidence < LOW_CONFIDENCE:
            raw.warnings.append((W_LOW_OCR_CONFIDENCE, f"mean OCR confidence {raw.ocr_confidence:.0f}"))
        return legacy.repair(raw)


READER = ImageReader()
