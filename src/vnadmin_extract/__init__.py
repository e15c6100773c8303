"""vnadmin-extract: structured, verifiable data from Vietnamese administrative documents.

>>> from vnadmin_extract import extract_text
>>> rec = extract_text("Quảng Ngãi, ngày 23 tháng 01 năm 2024\\n\\nBÁO CÁO\\nTổng kết năm 2023")
>>> rec.header.date.value
'2024-01-23'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pipeline import process_file, process_text
from .schema import Record

__version__ = "0.1.0"
__all__ = ["Record", "__version__", "extract", "extract_file", "extract_text"]


def extract_file(path: str | Path, keep_text: bool = True, *, timeout: float | None = None,
                 max_memory: int | None = None) -> Record:
    """The record of one file (txt, md, html, pdf, docx, ...); never raises for bad input.

    With ``timeout`` (seconds) or ``max_memory`` (bytes of address space) the document is
    processed in a worker process: the limits are then hard (the worker is killed past the
    timeout, wherever it is; memory is capped), as in ``vnadmin-extract run`` and
    ``extract``, whose defaults are ``timeout=60, max_memory=2 * 1024**3``. Without them it
    runs in this process (quick to call; no hard limit).
    """
    if timeout is None and max_memory is None:
        return process_file(path, keep_text=keep_text)
    from .batch.isolated import process_in_workers

    box: list[Any] = []
    process_in_workers([path], box.append, keep_text=keep_text, timeout=timeout, max_memory=max_memory)
    return Record.model_validate_json(box[0].line)


def extract_text(text: str, path: str = "<text>", keep_text: bool = True) -> Record:
    """The record of a Python string."""
    return process_text(text, path=path, keep_text=keep_text)


extract = extract_file
