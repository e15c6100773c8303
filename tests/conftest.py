from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = Path(os.environ.get("VNADMIN_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    d = SHARED / "seeds"
    if not d.is_dir():
        pytest.skip("../shared/seeds is absent")
    return d


@pytest.fixture(scope="session")
def public_dir() -> Path:
    d = SHARED / "corpus-public"
    if not d.is_dir():
        pytest.skip("../shared/corpus-public is absent")
    return d
