"""The stage contract: each stage declares what it reads and writes, and does just that.

The declarations are checked against the order, and, on every corpus document, against what
each stage really touches: a Document that records the fields a stage reads and compares
every field before and after it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from vnadmin_extract.document import Document
from vnadmin_extract.normalize import normalize
from vnadmin_extract.pipeline import INITIAL_FIELDS, Stage, check_stage_order, stages

from .conftest import CORPUS

DOCS = sorted(p for p in CORPUS.rglob("documents/*") if p.suffix in (".txt", ".md"))
FIELDS = [f.name for f in dataclasses.fields(Document)]
# Methods and derived views mapped to the fields they read or write.
METHOD_READS = {"line_index": "lines", "section_at": "sections", "enclosing_sections": "sections",
                "dates": "text", "warn": "warnings", "add_entity": "entities"}
METHOD_WRITES = {"warn": "warnings", "add_entity": "entities"}


class _Watched(Document):
    """A Document that records which of its fields are read while ``watching`` is set."""

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_") and object.__getattribute__(self, "__dict__").get("_watching"):
            object.__getattribute__(self, "_reads").add(METHOD_READS.get(name, name))
        return object.__getattribute__(self, name)


def _fingerprint(doc: Document) -> dict[str, str]:
    out = {}
    for name in FIELDS:
        value = object.__getattribute__(doc, name)
        if isinstance(value, list):
            out[name] = json.dumps([v.model_dump() if hasattr(v, "model_dump") else repr(v) for v in value],
                                   default=str, ensure_ascii=False)
        elif hasattr(value, "model_dump"):
            out[name] = json.dumps(value.model_dump(), default=str, ensure_ascii=False)
        else:
            out[name] = repr(sorted(value) if isinstance(value, frozenset | set) else value)
    return out


def test_declared_order_is_consistent() -> None:
    order = stages()
    assert [s.name for s in order] == ["boilerplate", "header", "footer", "sections", "dates", "legal_refs",
                                       "commemorations", "persons", "movements", "awards", "recipients",
                                       "document_refs"]
    assert check_stage_order(order) == []
    fields = set(FIELDS)
    for st in order:
        assert set(st.requires) | set(st.assigns) <= fields, st.name


def test_a_misordered_pipeline_is_reported() -> None:
    order = stages()
    swapped = [order[1], order[0], *order[2:]]  # header before boilerplate
    assert "header requires 'doc_start', which no earlier stage assigns" in check_stage_order(swapped)


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_stages_touch_only_what_they_declare(path: Path) -> None:
    doc = _Watched(text=normalize(path.read_text(encoding="utf-8")))
    doc._reads = set()
    st: Stage
    for st in stages():
        before = _fingerprint(doc)
        doc._reads = set()
        doc._watching = True
        try:
            st.run(doc)
        finally:
            doc._watching = False
        after = _fingerprint(doc)
        written = {k for k in FIELDS if before[k] != after[k]} - {"memo"}
        assert written <= set(st.assigns), f"{st.name} writes undeclared {written - set(st.assigns)}"
        reads = (doc._reads & set(FIELDS)) - {"memo"} - set(st.assigns)
        assert reads <= set(st.requires) | set(INITIAL_FIELDS), f"{st.name} reads undeclared {reads - set(st.requires)}"
