"""The document record: pydantic models that are the single source of the JSON contract.

Field names follow ``shared/RECORD.md``; every ``start``/``end`` is a character offset
into ``Record.text`` (end exclusive). ``vnadmin-extract schema`` prints the JSON Schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1"

EntityType = Literal[
    "DATE", "DATE_RANGE", "ORG", "PER", "LOC", "POSITION", "AWARD", "COUNT",
    "LEGAL_REF", "COMMEMORATION", "MOVEMENT", "DOC_NUMBER",
]
AwardCategory = Literal["emulation_title", "commendation", "rating", "other"]
# "rule": named by a law, circular, regulation, quota or form (a criterion or procedure, not a statement)
AwardStatus = Literal["conferred", "registered", "proposed", "target", "rule"]
RecipientKind = Literal["individual", "collective", "household"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    start: int = Field(description="offset of the first character in `text`")
    end: int = Field(description="offset after the last character in `text`")


class Source(_Model):
    path: str
    format: str = Field(description="txt, md, html, pdf, docx, doc, rtf, image")
    sha256: str
    bytes: int
    encoding: str | None = Field(None, description="utf-8, utf-8-sig, utf-16, cp1258, tcvn3, vni, ...")
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = Field(None, description="mean Tesseract word confidence, 0-100")


class Issuer(_Model):
    name: str | None = None
    parent: str | None = None
    inferred: bool = Field(False, description="true when no header block gave it")


class DocNumber(_Model):
    raw: str
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    unit: str | None = Field(None, description="the drafting unit after the issuer code (UBND-VX: VX)")


class DateValue(_Model):
    raw: str
    value: str | None = Field(None, description="ISO 8601 at the precision given")


class DocType(_Model):
    code: str | None = None
    name: str


class Header(_Model):
    issuer: Issuer | None = None
    number: DocNumber | None = None
    place: str | None = None
    date: DateValue | None = None
    doc_type: DocType | None = None
    title: str | None = None
    author: str | None = None
    source_name: str | None = None
    genre: Literal["document", "news"] = "document"
    addressees: list[str] = Field(default_factory=list, description="the 'Kính gửi' lines")
    sources: dict[str, str] = Field(
        default_factory=dict,
        description="where each header field came from: header_block, date_line, type_line, symbol, "
                    "title_block, vv_line, subject_line (a 'Về ...' subject under the number), "
                    "gazette_line (a Công báo type line), certification_block (a consolidated text's "
                    "certificate), heading (no type line: a guess, flagged), inferred (from the body text), "
                    "metadata (a page's own fields), news_page; a field not listed was not found")


class Signer(Span):
    name: str | None = None
    position: str | None = None
    authority: str | None = Field(None, description="KT, TM, TL, TUQ, Q")
    on_behalf_of: str | None = None
    chain: list[str] = Field(default_factory=list, description="all signing prefix lines, outermost first")


class Section(Span):
    id: str
    label: str
    level: int
    heading: str
    parent: str | None = None


class Entity(Span):
    type: EntityType
    text: str
    section: str | None = None
    value: Any = None
    source: str


class Recipient(Span):
    """A named recipient of an award statement (``start``/``end``: the row or phrase naming it)."""

    name: str
    kind: RecipientKind | None = None
    position: str | None = None
    organization: str | None = None
    unit_path: str | None = Field(None, description="the list's unit sub-headings above it, joined by ' / '")
    note: str | None = Field(None, description="honorifics, ranks and titles removed from the name")

    def __eq__(self, other: object) -> bool:
        # The awards stage compares its statements' recipients with plain names ("restated?").
        if isinstance(other, str):
            return self.name == other
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


class DocumentRef(_Model):
    """The decision a statement reports: "Quyết định số 2871/QĐ-UBND ngày 24/10/2022"."""

    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None


class Award(Span):
    award: str
    award_raw: str
    category: AwardCategory
    level: str | None = None
    conferred_by: str | None = None
    status: AwardStatus
    collectives: int | None = None
    individuals: int | None = None
    total: int | None = None
    recipients: list[Recipient] = Field(default_factory=list)
    document_ref: DocumentRef | None = Field(None, description="the decision this statement reports, if it names one")
    year: int | None = None
    section: str | None = None
    # which named rule decided each attribute ("status": "heading_cue", "conferred_by":
    # "authority_before", "year": "sentence_year", "counts": "counts_after"); see extractors/awards
    evidence: dict[str, str] = Field(default_factory=dict)

    @field_validator("recipients", mode="before")
    @classmethod
    def _names_to_recipients(cls, value: object) -> object:
        # The awards stage names inline recipients as plain strings; the recipients stage
        # then fills their kind, post and offsets.
        if isinstance(value, list):
            return [{"name": v, "start": -1, "end": -1} if isinstance(v, str) else v for v in value]
        return value


class Commemoration(Span):
    event: str
    ordinal: int | None = None
    start_date: str | None = None
    anniversary_date: str | None = None
    consistent: bool | None = None
    raw: str


class LegalRef(Span):
    doc_type: str | None = None
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_source: str | None = Field(
        None, description="where the issuer was read: after (\"... của Chính phủ\"), before (\"theo đề nghị "
                          "của Sở Nội vụ tại Tờ trình ...\", \"Chính phủ đã ban hành Nghị định ...\"), shared (written "
                          "once after a list of citations of one type: \"Nghị định số 178/2024/NĐ-CP, Nghị định số "
                          "67/2025/NĐ-CP của Chính phủ\"; outside the citation's raw text), or null")
    title: str | None = None
    raw: str


class Person(Span):
    name: str
    position: str | None = None
    organization: str | None = None


class Warning(_Model):
    code: str
    message: str
    start: int | None = None
    end: int | None = None


class ErrorInfo(_Model):
    code: str
    message: str


class Review(_Model):
    needed: bool = Field(False, description="true when a key value is a guess: see reasons")
    reasons: list[str] = Field(default_factory=list,
                               description="issuer_inferred, issuer_missing, date_partial, date_missing, "
                                           "number_blank, header_fragments, issuer_placeholder, title_inferred, ocr_low_confidence, "
                                           "encoding_repaired, ...")


class Record(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    text: str | None = ""
    header: Header = Field(default_factory=Header)
    signers: list[Signer] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    commemorations: list[Commemoration] = Field(default_factory=list)
    legal_refs: list[LegalRef] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    review: Review = Field(default_factory=Review, description="whether a person should check this record")
    error: ErrorInfo | None = None

    @model_validator(mode="after")
    def _failed_needs_review(self) -> Record:
        # A record that could not be extracted always needs a person (constructed anywhere).
        if self.error is not None and not self.review.needed:
            self.review = Review(needed=True, reasons=["error"])
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one record line."""
    return Record.model_json_schema()
