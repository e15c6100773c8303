"""How a document's path is shown and keyed, the same for one file and for a batch run."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def display_path(path: str | Path) -> str:
    """A path as it is shown in records: undecodable bytes as ``\\xff`` escapes, so the name
    stays recognisable and the record stays valid UTF-8."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def path_key(path: str | Path) -> str:
    """The sha256 a document is known by when its bytes cannot be read: of ``"path:" + path``."""
    return hashlib.sha256(b"path:" + os.fsencode(path)).hexdigest()
