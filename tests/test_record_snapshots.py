"""Every record on every document we have is the one committed under tests/snapshots/.

A failure lists the changed fields (``awards[2].status: 'conferred' -> 'proposed'``). After a
deliberate change, run ``python tests/snapshot_records.py --bless`` and put its output in the
commit message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cached_record
from .snapshot_records import diff, documents, load, snapshot_of

DOCS = list(documents())


def test_every_corpus_document_has_a_snapshot() -> None:
    corpus_keys = [k for k, _ in DOCS if not k.startswith(("seeds/", "corpus-public/"))]
    assert len(corpus_keys) >= 42
    assert [k for k in corpus_keys if load(k) is None] == []


@pytest.mark.parametrize(("key", "path"), DOCS, ids=[k for k, _ in DOCS])
def test_record_matches_snapshot(key: str, path: Path) -> None:
    old = load(key)
    assert old is not None, f"no snapshot for {key}: run python tests/snapshot_records.py --bless"
    lines = diff(old, snapshot_of(cached_record(path)))
    assert lines == [], f"{key} changed:\n" + "\n".join(lines[:80])


def test_diff_reads_as_field_paths() -> None:
    old = {"awards": [{"award": "Bằng khen", "status": "conferred", "total": 9}], "error": None}
    new = {"awards": [{"award": "Bằng khen", "status": "proposed", "total": 9},
                      {"award": "Giấy khen", "status": "conferred", "total": 3}], "error": None}
    assert diff(old, new) == [
        'awards[0->0].status: "conferred" -> "proposed"',
        'awards[1]: added {"award": "Giấy khen", "status": "conferred", "total": 3}',
    ]
    assert diff(old, old) == []
