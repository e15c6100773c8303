"""Stage: DATE and DATE_RANGE entities of the document proper, a warning for every
impossible date. The parser itself is ``rules/dates.py``."""

from __future__ import annotations

from .. import errors
from ..document import Document
from ..rules.dates import find_ranges


def find(doc: Document) -> None:
    """Stage: DATE and DATE_RANGE entities; a warning for every impossible date."""
    lo, hi = doc.doc_start, doc.doc_end
    dates = [d for d in doc.dates if lo <= d.start < hi]
    for d in dates:
        doc.add_entity("DATE", d.start, d.end, d.value, "pattern:date")
        if d.problem:
            doc.warn(errors.W_INVALID_DATE, f"impossible date {d.raw!r}: {d.problem}", d.start, d.end)
    for r in find_ranges(doc.text, dates):
        if lo <= r.start < hi:
            value = f"{r.first.value or '..'}/{r.second.value or '..'}"
            doc.add_entity("DATE_RANGE", r.start, r.end, value, "pattern:date_range")
