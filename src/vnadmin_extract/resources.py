"""Where the package's data lives: the only place that looks up data paths."""

from __future__ import annotations

import functools
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@functools.cache
def patterns_dir() -> Path:
    """The ``patterns/`` folder: inside the installed wheel, or at the source checkout's top."""
    for candidate in (_PKG / "patterns", _PKG.parent.parent / "patterns"):
        if (candidate / "awards.yaml").is_file() or (candidate / "doc_types.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        "patterns/ not found next to the package; reinstall vnadmin-extract (pip install .)"
    )
