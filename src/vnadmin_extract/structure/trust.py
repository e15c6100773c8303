"""Whether a record's key fields can be trusted as they are, or need a person's review.

A record is flagged (``review.needed``) with one reason per doubt: a key header field that
was inferred from the body or not found, a date or number left blank in the document, a
header line refused as issuer, text read by OCR with low confidence or repaired, a text
layer or an encoding that had to be repaired. A user who keeps only ``review.needed ==
false`` records should get header values that are right; ``vnadmin-extract eval`` measures
it (``header.unflagged``: precision of the header fields of unflagged records).
"""

from __future__ import annotations

from .. import errors
from ..document import Document
from ..schema import Review, Source

# Warnings that make a value a guess, and the reason each gives.
_WARNING_REASONS = {
    errors.W_ISSUER_INFERRED: "issuer_inferred",
    errors.W_NO_HEADER: "no_header",
    errors.W_BLANK_NUMBER: "number_blank",
    errors.W_NUMBER_ILLEGIBLE: "number_illegible",
    errors.W_BLANK_DAY: "date_partial",
    errors.W_BLANK_DATE: "date_partial",
    errors.W_DATE_ILLEGIBLE: "date_partial",
    errors.W_SIGNER_POSITION_INFERRED: "signer_inferred",
    errors.W_SIGNER_POSITION_MISSING: "signer_partial",
    errors.W_NO_DATE: "date_missing",
    errors.W_ISSUER_REJECTED: "header_fragments",
    errors.W_ISSUER_PLACEHOLDER: "issuer_placeholder",
    errors.W_TITLE_FROM_HEADING: "title_inferred",
    errors.W_LOW_OCR_CONFIDENCE: "ocr_low_confidence",
    errors.W_MOJIBAKE_REPAIRED: "encoding_repaired",
    errors.W_TRUNCATED: "truncated",
    errors.W_DAMAGED: "damaged",
}
# Tesseract's mean word confidence under which OCR'd values are guesses (clean 300 dpi
# pages of typed Vietnamese score 85 to 93 with the vie model).
OCR_CONFIDENCE_FLOOR = 85.0


def assess(doc: Document, source: Source) -> Review:
    """The review flag of ``doc``'s record and its reasons, in a stable order."""
    reasons: list[str] = []
    for w in doc.warnings:
        reason = _WARNING_REASONS.get(w.code) or _extra_reason(w.code)
        if reason and reason not in reasons:
            reasons.append(reason)
    h = doc.header
    if h.date is None and "date_missing" not in reasons:
        reasons.append("date_missing")  # a news page without its date is as doubtful
    if h.genre == "document":
        if h.issuer is None:
            reasons.append("issuer_missing")
        if h.doc_type is None:
            reasons.append("doc_type_missing")
    if source.ocr:
        # Tesseract's confidence stays high on misread diacritics ("THÀNH PHÓ" for "PHỐ" at 93),
        # so any value read by OCR is a guess until a person has looked at the page.
        reasons.append("ocr")
        if (source.ocr_confidence is None or source.ocr_confidence < OCR_CONFIDENCE_FLOOR) \
                and "ocr_low_confidence" not in reasons:
            reasons.append("ocr_low_confidence")
    return Review(needed=bool(reasons), reasons=reasons)


def _extra_reason(code: str) -> str | None:
    """Reasons for warnings the readers may add (a rejected text layer, OCR repairs)."""
    if code.startswith("W_OCR_") or code.startswith("W_TEXT_LAYER"):
        return code.removeprefix("W_").lower()
    return None
