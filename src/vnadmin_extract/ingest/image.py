"""Page images (PNG, JPEG, TIFF incl. multi-page) through Tesseract (``ingest.ocr``)."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import E_OCR, E_TOO_LARGE, W_LOW_OCR_CONFIDENCE, W_TRUNCATED, IngestError
from . import legacy, limits, ocr, ocr_layout
from .base import RawText

_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
LOW_CONFIDENCE = 60.0
# An image file may hold this many times --max-pixels (it is then read smaller for OCR);
# past it, it is refused from its header, before anything is decoded.
MAX_PIXELS_FACTOR = 4


class ImageReader:
    name = "image"
    formats = ("png", "jpg", "tiff")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(_MAGIC) or (path.suffix.lower() in _SUFFIXES and not head[:1].isascii())

    def read(self, path: Path, data: bytes) -> RawText:
        from PIL import Image, ImageSequence, UnidentifiedImageError

        lim = limits.current()
        # Decoded images are checked against our own limit below, from the header alone;
        # Pillow's process-wide bomb check would raise a bare DecompressionBombError.
        Image.MAX_IMAGE_PIXELS = None
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise IngestError(E_OCR, f"not a readable image: {exc}") from exc
        w, h = image.size
        if w * h > MAX_PIXELS_FACTOR * lim.max_pixels:
            raise IngestError(E_TOO_LARGE, f"an image of {w} x {h} pixels ({w * h / 1e6:.0f} Mpx) is over the "
                                           f"limit of {MAX_PIXELS_FACTOR * lim.max_pixels / 1e6:.0f} Mpx "
                                           "(a decompression bomb, or raise --max-pixels)")
        try:
            image.load()
        except (OSError, ValueError, SyntaxError) as exc:
            raise IngestError(E_OCR, f"not a readable image: {exc}") from exc
        fmt = {"PNG": "png", "JPEG": "jpg", "TIFF": "tiff"}.get(image.format or "", "png")
        n_frames = getattr(image, "n_frames", 1)
        most = min(lim.max_pages, lim.max_ocr_pages)
        results, warnings = [], []
        for k, frame in enumerate(ImageSequence.Iterator(image)):
            if k >= most:
                warnings.append((W_TRUNCATED, f"read the first {most} of {n_frames} pages "
                                              "(raise --max-ocr-pages)"))
                break
            if k and limits.running_low():
                warnings.append((W_TRUNCATED, f"read {k} of {n_frames} pages within the time budget "
                                              "(raise --timeout)"))
                break
            results.append(ocr.ocr_image(frame.copy(), lim.max_pixels))
        texts = [r.text for r in results]
        texts, repaired = ocr_layout.repair_pages(texts, [True] * len(texts))
        warnings.extend(repaired)
        warnings.extend(ocr_layout.region_warnings(results[0] if results else None,
                                                   results[-1] if results else None))
        warnings.extend(ocr_layout.reread_warnings(list(results)))
        raw = RawText(text="\f".join(texts), format=fmt, pages=n_frames,
                      ocr=True, ocr_confidence=ocr.combine(results), warnings=warnings,
                      ocr_unsure_numbers=ocr.unsure_numbers(results))
        if raw.ocr_confidence is not None and raw.ocr_confidence < LOW_CONFIDENCE:
            raw.warnings.append((W_LOW_OCR_CONFIDENCE, f"mean OCR confidence {raw.ocr_confidence:.0f}"))
        return legacy.repair(raw)


READER = ImageReader()
