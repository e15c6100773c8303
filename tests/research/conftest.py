"""Fixtures for the research features: one real run over corpus/documents, shared by all tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from vnadmin_extract import dataset
from vnadmin_extract.analysis.corpus import Corpus

REPO = Path(__file__).resolve().parents[2]
CORPUS_DOCS = REPO / "corpus" / "documents"
NOTEBOOKS = REPO / "notebooks"
# How many documents the corpus run holds (engineers add documents; the tests count them).
N_CORPUS = sum(1 for p in CORPUS_DOCS.iterdir() if p.is_file())

# Corpus documents the tests read exact values from.
BINH_DINH = "qd-ubnd-tinh-binh-dinh-2024-tang-bang-khen.txt"
CDCS_HA_TINH = "bc-cdcs-benh-vien-da-khoa-ha-tinh-2024-tong-ket.txt"
DOAN_NGHE_AN = "kh-tinh-doan-nghe-an-25-2026-thanh-nien-tinh-nguyen.txt"


@pytest.fixture(scope="session", autouse=True)
def segment_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The segmentation cache of the test session lives in a temporary folder, not in ~/.cache."""
    folder = tmp_path_factory.mktemp("segment-cache")
    old = os.environ.get("VNADMIN_CACHE_DIR")
    os.environ["VNADMIN_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("VNADMIN_CACHE_DIR", None)
    else:
        os.environ["VNADMIN_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory, segment_cache: Path) -> Path:
    """``vnadmin-extract run corpus/documents -o OUT``, once per session."""
    out = tmp_path_factory.mktemp("run") / "out"
    done = subprocess.run([sys.executable, "-m", "vnadmin_extract", "run", str(CORPUS_DOCS), "-o", str(out),
                           "--workers", "2"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def ds(run_dir: Path) -> dataset.Dataset:
    return dataset.load(run_dir)


@pytest.fixture(scope="session")
def corpus(ds: dataset.Dataset) -> Corpus:
    return ds.corpus()


def doc_id_of(ds: dataset.Dataset, filename: str) -> str:
    """The doc_id of a corpus document by its file name."""
    match = ds.documents[ds.documents["path"].str.endswith("/" + filename)]
    assert len(match) == 1, filename
    return str(match["doc_id"].iloc[0])
