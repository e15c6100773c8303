from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = Path(os.environ.get("VNADMIN_SHARED", REPO.parent / "shared"))


def _shared(sub: str) -> Path:
    d = SHARED / sub
    if not d.is_dir():
        pytest.skip(f"../shared/{sub} is absent")
    return d


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _shared("seeds")


@pytest.fixture(scope="session")
def public_dir() -> Path:
    return _shared("corpus-public")


_RECORDS: dict[Path, object] = {}


def cached_record(path: Path):  # returns a vnadmin_extract Record
    """The record of ``path``, extracted once per test session (OCR'd scans take seconds)."""
    from vnadmin_extract import extract_file

    path = path.resolve()
    if path not in _RECORDS:
        _RECORDS[path] = extract_file(path)
    return _RECORDS[path]
