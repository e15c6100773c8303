"""The working document passed between pipeline stages."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .rules.dates import DateMatch, find_dates
from .schema import (
    Award,
    Commemoration,
    Entity,
    Header,
    LegalRef,
    Person,
    Section,
    Signer,
    Warning,
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Document:
    """Normalized text plus everything the stages found in it, all offsets into ``text``."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    # Set by the boilerplate stage: the document proper inside a saved page (banners,
    # counters and site notices outside), lines of web chrome inside it, and the genre.
    doc_start: int = 0
    doc_end: int = 0
    chrome_lines: frozenset[int] = frozenset()
    genre: str = "document"  # "document" or "news"
    ocr: bool = False  # the text was read by OCR: signature blocks carry stamp and signature noise
    ocr_unsure_numbers: dict[str, float] = field(default_factory=dict)  # RawText.ocr_unsure_numbers
    header: Header = field(default_factory=Header)
    # The body: where sections and statements are looked for (header, signature block
    # and web boilerplate excluded).
    body_start: int = 0
    body_end: int = 0
    # Everything after the signature block that belongs to the document (attached lists).
    appendix_start: int | None = None
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    commemorations: list[Commemoration] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # Memo tables private to one stage (e.g. a section's heading status for the awards
    # stage), keyed by the stage's own names; no stage reads another stage's memo.
    memo: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.lines:
            pos = 0
            for raw in self.text.split("\n"):
                self.lines.append(Line(pos, pos + len(raw), raw))
                pos += len(raw) + 1
        if not self.body_end:
            self.body_end = len(self.text)
        if not self.doc_end:
            self.doc_end = len(self.text)
        self._line_starts = [ln.start for ln in self.lines]
        self._sec_count = -1
        self._sec_order: list[Section] = []
        self._sec_starts: list[int] = []
        self._sec_by_id: dict[str, Section] = {}
        self._dates: list[DateMatch] | None = None

    @property
    def dates(self) -> list[DateMatch]:
        """Every date of the text, parsed once per document (header, legal references,
        commemorations and the dates stage all read them)."""
        if self._dates is None:
            self._dates = find_dates(self.text)
        return self._dates

    def line_index(self, offset: int) -> int:
        """Index of the line holding ``offset``."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def warn(self, code: str, message: str, start: int | None = None, end: int | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, start=start, end=end))

    def add_entity(self, type_: str, start: int, end: int, value: Any, source: str) -> Entity:
        ent = Entity(type=type_, text=self.text[start:end], start=start, end=end,  # type: ignore[arg-type]
                     value=value, source=source)
        self.entities.append(ent)
        return ent

    def section_at(self, offset: int) -> str | None:
        """Id of the innermost section containing ``offset``."""
        chain = self.enclosing_sections(offset)
        return chain[0].id if chain else None

    def enclosing_sections(self, offset: int) -> list[Section]:
        """The sections containing ``offset``, innermost first.

        Sections nest, so the innermost one is the last to start at or before ``offset`` or one of
        its ancestors: a bisect and a walk up the parents, not a scan of every section (a list of
        N numbered lines would make the callers N^2)."""
        if self._sec_count != len(self.sections):
            order = sorted(range(len(self.sections)), key=lambda i: (self.sections[i].start, self.sections[i].level, i))
            self._sec_order = [self.sections[i] for i in order]
            self._sec_starts = [sec.start for sec in self._sec_order]
            self._sec_by_id = {sec.id: sec for sec in self.sections}
            self._sec_count = len(self.sections)
        k = bisect.bisect_right(self._sec_starts, offset) - 1
        sec = self._sec_order[k] if k >= 0 else None
        while sec is not None and not (sec.start <= offset < sec.end):
            sec = self._sec_by_id.get(sec.parent) if sec.parent else None
        chain: list[Section] = []
        while sec is not None:
            chain.append(sec)
            sec = self._sec_by_id.get(sec.parent) if sec.parent else None
        return chain
