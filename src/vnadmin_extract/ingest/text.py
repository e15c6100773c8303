"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258.

Legacy 8-bit Vietnamese encodings (TCVN3, VNI) and mojibake are repaired after decoding
by ``ingest.legacy`` when that module is present.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from ..errors import E_BINARY, E_DECODE, IngestError
from .base import RawText

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v", "\x1a"}


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    return bad / len(sample)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to ``(text, encoding)``; raise ``IngestError`` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(E_DECODE, f"UTF-16 BOM but undecodable bytes at {exc.start}") from exc
    if b"\x00" in data[:65536]:
        raise IngestError(E_BINARY, "binary data (NUL bytes), not text in a supported encoding")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1258"), "cp1258"
        except UnicodeDecodeError:
            # Bytes cp1258 leaves undefined: legacy 8-bit fonts (TCVN3/VNI) are read as
            # latin-1 so that ``ingest.legacy`` can map them byte for byte.
            text, encoding = data.decode("latin-1"), "latin-1"
    if _control_ratio(text) > 0.02:
        raise IngestError(E_BINARY, "binary data (control characters), not text")
    return text, encoding


class TextReader:
    name = "text"
    formats = ("txt", "md")

    def sniff(self, path: Path, head: bytes) -> bool:
        return True  # the fallback: decode_text() rejects what is not text

    def read(self, path: Path, data: bytes) -> RawText:
        text, encoding = decode_text(data)
        fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
        raw = RawText(text=text, format=fmt, encoding=encoding)
        try:
            from . import legacy
        except ImportError:
            return raw
        return legacy.repair(raw)


READER = TextReader()
