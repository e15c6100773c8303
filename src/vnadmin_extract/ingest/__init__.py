"""Input formats: sniff a file, pick its reader, return ``RawText``.

Readers live one per module in this package and expose ``READER``. They are found by
name in ``READER_MODULES`` (tried in order, the plain-text reader last as the fallback),
so adding a format is adding a module; a module whose optional dependency is missing is
skipped and its files fall through to the next reader.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from ..errors import E_EMPTY, E_TOO_LARGE, E_UNREADABLE, E_UNSUPPORTED, IngestError
from .base import RawText, Reader

__all__ = ["DEFAULT_MAX_BYTES", "RawText", "Reader", "read_path", "readers"]

# Order matters: magic-byte sniffers first, the text reader last.
READER_MODULES = ("pdf", "docx", "office", "image", "html", "text")

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@functools.cache
def readers() -> tuple[Reader, ...]:
    found: list[Reader] = []
    for name in READER_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ImportError:
            continue
        found.append(module.READER)
    return tuple(found)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                E_TOO_LARGE, f"{size} bytes is over the limit of {max_bytes} (raise --max-bytes to read it)"
            )
        return path.read_bytes()
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError(E_UNREADABLE, f"cannot read {path}: {exc.strerror or exc}") from exc


def read_path(path: Path, data: bytes) -> RawText:
    """Pick the reader for ``path`` and decode ``data`` with it."""
    if not data:
        raise IngestError(E_EMPTY, "the file is empty (0 bytes)")
    head = data[:4096]
    for reader in readers():
        if reader.sniff(path, head):
            return reader.read(path, data)
    raise IngestError(E_UNSUPPORTED, f"no reader for {path.suffix or 'this file'}")
