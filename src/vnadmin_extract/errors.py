"""Error and warning codes, shared by ``Record.error`` and ``Record.warnings``.

Codes are stable strings: users filter on them. ``E_*`` end a document's processing,
``W_*`` are findings about the document that do not.
"""

from __future__ import annotations

# Errors: the document could not be processed (record.error).
E_NOT_FOUND = "E_NOT_FOUND"
E_UNREADABLE = "E_UNREADABLE"  # permissions, I/O error, a loop of symbolic links
E_EMPTY = "E_EMPTY"
E_BINARY = "E_BINARY"  # bytes that are not text in any supported encoding
E_DECODE = "E_DECODE"
E_UNSUPPORTED = "E_UNSUPPORTED"  # a format with no reader; a folder, pipe or device, not a file
E_TOO_LARGE = "E_TOO_LARGE"  # over a size limit (--max-bytes, --max-chars, a DOCX's or image's size)
E_PDF = "E_PDF"  # damaged, encrypted or not a PDF
E_DOCX = "E_DOCX"
E_HTML = "E_HTML"
E_SPREADSHEET = "E_SPREADSHEET"  # a damaged .xlsx or .xls workbook
E_OCR = "E_OCR"
E_CONVERTER = "E_CONVERTER"  # an external converter (antiword, libreoffice) failed
E_TIMEOUT = "E_TIMEOUT"  # over the per-document time budget (--timeout)
E_INTERNAL = "E_INTERNAL"  # a bug: the traceback's last line is in the message

# Warnings: something in the document looked wrong (record.warnings).
W_INVALID_DATE = "W_INVALID_DATE"
W_ISSUER_INFERRED = "W_ISSUER_INFERRED"
W_NO_HEADER = "W_NO_HEADER"
W_ISSUER_PLACEHOLDER = "W_ISSUER_PLACEHOLDER"  # a blank form's issuer line ("ĐƠN VỊ CẤP TRÊN"), kept as printed
W_TITLE_FROM_HEADING = "W_TITLE_FROM_HEADING"  # no type line: the title is the document's heading
W_ISSUER_REJECTED = "W_ISSUER_REJECTED"  # header lines that name no body (fragments) were refused as issuer
W_NO_DATE = "W_NO_DATE"  # no place-and-date line: the date of issue is unknown (never borrowed from the body)
W_BLANK_DATE = "W_BLANK_DATE"  # the date line is printed with day and month left blank: year only
W_BLANK_NUMBER = "W_BLANK_NUMBER"
W_NUMBER_ILLEGIBLE = "W_NUMBER_ILLEGIBLE"  # marks where the number should be (handwriting OCR could not read)
W_BLANK_DAY = "W_BLANK_DAY"
W_SIGNER_POSITION_INFERRED = "W_SIGNER_POSITION_INFERRED"  # "KT. CHỦ TỊCH" with no position line: the deputy
W_SIGNER_POSITION_MISSING = "W_SIGNER_POSITION_MISSING"  # a signer's name with no readable position (OCR)
W_DATE_ILLEGIBLE = "W_DATE_ILLEGIBLE"  # the day or month of the date line was filled in by hand and not read
W_INCONSISTENT_ANNIVERSARY = "W_INCONSISTENT_ANNIVERSARY"
W_LEGACY_ENCODING = "W_LEGACY_ENCODING"
W_MOJIBAKE_REPAIRED = "W_MOJIBAKE_REPAIRED"
W_LOW_OCR_CONFIDENCE = "W_LOW_OCR_CONFIDENCE"
W_DATE_AFTER_DOCUMENT = "W_DATE_AFTER_DOCUMENT"
W_TEXT_LAYER_REJECTED = "W_TEXT_LAYER_REJECTED"  # a PDF text layer that is not Vietnamese was OCR'd again
W_PDF_FIELDS = "W_PDF_FIELDS"  # text drawn by form fields/annotations (e-signature stamps) was read
W_OCR_REPAIRED = "W_OCR_REPAIRED"  # an OCR'd header line was corrected against the header vocabulary
W_TRUNCATED = "W_TRUNCATED"  # part of the document was not read: a page limit or the time budget
W_RECIPIENT_COUNT = "W_RECIPIENT_COUNT"  # an award list names more or fewer recipients than stated
W_OCR_REGION_REREAD = "W_OCR_REGION_REREAD"  # a region of a scanned page was read a second time and spliced in
W_OCR_NAME_JOINED = "W_OCR_NAME_JOINED"  # a recipient's name OCR split inside a syllable ("Đặn g") was joined
W_DAMAGED = "W_DAMAGED"  # part of the file could not be read (a damaged PDF page); the rest was


class VnAdminError(Exception):
    """An expected failure with a stable code; becomes ``record.error``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class IngestError(VnAdminError):
    """A file could not be read or decoded."""


class RuleError(VnAdminError):
    """Pattern files are invalid; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("E_RULES", "invalid pattern data:\n" + "\n".join(problems))
        self.problems = problems
