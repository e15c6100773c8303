"""The reader interface: every input format turns into a ``RawText``.

A reader gets the file's bytes (already read, size-checked) and returns Unicode text
before normalization, plus what it learned about the source. It raises ``IngestError``
with a stable code for input it cannot read; it never returns partial garbage silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass
class RawText:
    """What a reader produced: text plus source facts for ``Record.source``."""

    text: str
    format: str
    encoding: str | None = None
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    # Facts a format gives outside the text (HTML <title>, meta date/author, PDF info).
    metadata: dict[str, str] = field(default_factory=dict)
    # (code, message) pairs; they become record warnings without offsets.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # OCR only: numbers read as words of their own that Tesseract was unsure of against the rest
    # of their line, with that confidence: a handwritten number read as print (ocr.unsure_numbers)
    ocr_unsure_numbers: dict[str, float] = field(default_factory=dict)


class Reader(Protocol):
    """One input format. ``formats`` are the values it writes to ``source.format``."""

    name: str
    formats: tuple[str, ...]

    def sniff(self, path: Path, head: bytes) -> bool:
        """True when this reader handles the file (by magic bytes first, suffix second)."""
        ...

    def read(self, path: Path, data: bytes) -> RawText:
        """Decode ``data`` (the whole file) or raise ``IngestError``."""
        ...
