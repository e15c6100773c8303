"""``awards[].document_ref``: the decision a statement reports.

"Tại Quyết định số 512/QĐ-UBND ngày 20/3/2025, Chủ tịch UBND tỉnh đã tặng Bằng khen cho ..." and
"... tặng Bằng khen (Quyết định số 2871/QĐ-UBND ngày 24/10/2022)" report a decision: the statement
gets that decision's ``{doc_type, number, symbol, date, issuer}`` from ``legal_refs`` (found by
the legal references stage in the same sentence). A decision's own statements, and proposals
that cite what they are based on ("Xét đề nghị ... tại Tờ trình số 45/TTr-SNV"), get none: only
a decision (or a decision-like act: Quyết định, Nghị quyết) in the statement's sentence counts,
and never the document itself.
"""

from __future__ import annotations

import bisect

from ..document import Document
from ..rules.cache import fast_compile
from ..schema import DocumentRef, LegalRef
from ..vietnamese import fold

# Acts that confer awards; a Tờ trình or Công văn cited by a statement is not its decision.
_DECISIONS = frozenset({"quyết định", "nghị quyết"})
_SENTENCE_END = fast_compile(r"[.;!?](?=\s|$)|\n")


def find(doc: Document) -> None:
    """Stage: set ``document_ref`` on statements whose sentence names a decision."""
    if not doc.awards or not doc.legal_refs:
        return
    own = doc.header.number.number if doc.header.number else None
    own_symbol = fold(doc.header.number.symbol) if doc.header.number and doc.header.number.symbol else None
    refs = sorted((r for r in doc.legal_refs if r.number and fold(r.doc_type or "") in _DECISIONS
                   and not (r.number == own and fold(r.symbol or "") == own_symbol)), key=lambda r: r.start)
    if not refs:
        return
    starts = [r.start for r in refs]
    text = doc.text
    for award in doc.awards:
        if award.document_ref is not None:
            continue
        lo, hi = _sentence(text, award.start)
        k = bisect.bisect_left(starts, lo)
        inside = [r for r in refs[k:] if r.start < hi]
        if not inside:
            continue
        # the reference nearest the statement (a sentence may cite two decisions)
        best = min(inside, key=lambda r: abs(r.start - award.start))
        award.document_ref = _ref(best)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, at most ``WINDOW`` characters either side."""
    floor = max(0, pos - WINDOW)
    lo = max(text.rfind(".", floor, pos), text.rfind(";", floor, pos), text.rfind("\n", floor, pos), floor - 1) + 1
    m = _SENTENCE_END.search(text, pos, pos + WINDOW)
    return lo, (m.end() if m else min(len(text), pos + WINDOW))


WINDOW = 400


def _ref(r: LegalRef) -> DocumentRef:
    return DocumentRef(doc_type=r.doc_type, number=r.number, symbol=r.symbol, date=r.date, issuer=r.issuer)
