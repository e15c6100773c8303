"""The extraction pipeline: an explicit, ordered list of stages.

``process_file`` and ``process_text`` never raise: any failure becomes ``Record.error``
and the record is as complete as it can be.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import errors
from .document import Document
from .ingest import RawText, read_bytes, read_path
from .ingest.limits import DocumentTimeout, Limits, time_budget
from .ingest.limits import current as current_limits
from .ingest.limits import use as use_limits
from .normalize import normalize
from .paths import display_path, path_key
from .schema import ErrorInfo, Record, Review, Source
from .structure import trust


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``run(doc)`` reads the ``requires`` fields of the
    ``Document`` and writes (assigns or appends to) only its ``assigns`` fields.

    As spaCy's ``Language.factory(requires=, assigns=)``: the declarations are checked
    against the order (``check_stage_order``) and, on every corpus document, against what
    each stage really writes (tests/test_pipeline_contract.py).
    """

    name: str
    run: Callable[[Document], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    what: str


# Fields a Document has before any stage runs.
INITIAL_FIELDS = ("text", "lines", "metadata", "ocr", "ocr_unsure_numbers")


def stages() -> list[Stage]:
    """The stages in the order they run."""
    # Imported here so that importing the package stays cheap (the CLI's --help).
    from .extractors import (
        awards,
        commemorations,
        dates,
        document_refs,
        legal_refs,
        movements,
        persons,
        recipients,
    )
    from .structure import boilerplate, footer, header, sections

    return [
        Stage("boilerplate", boilerplate.find, ("text", "lines"),
              ("doc_start", "doc_end", "chrome_lines", "genre"),
              "the document proper inside a saved page; web chrome lines; news or document"),
        Stage("header", header.find, ("lines", "metadata", "doc_start", "doc_end", "chrome_lines", "genre"),
              ("header", "body_start", "entities", "warnings"),
              "issuer, number, place and date, type, title; where the body starts"),
        Stage("footer", footer.find, ("lines", "header", "body_start", "doc_end"),
              ("signers", "recipients", "body_end", "appendix_start", "entities", "header"),
              "signers and recipients (a news article's author and source into the header); "
              "where the body ends and an attached list starts"),
        Stage("sections", sections.find, ("lines", "body_start", "body_end", "appendix_start", "doc_end",
                                          "chrome_lines"),
              ("sections",), "the numbered section tree of the body and attachments"),
        Stage("dates", dates.find, ("text", "doc_start", "doc_end"), ("entities", "warnings"),
              "DATE and DATE_RANGE entities"),
        Stage("legal_refs", legal_refs.find, ("text", "header", "doc_start", "body_start", "doc_end"),
              ("legal_refs", "entities"), "references to other documents"),
        Stage("commemorations", commemorations.find, ("text", "body_start", "doc_start", "doc_end"),
              ("commemorations", "entities", "warnings"), "anniversaries the text commemorates"),
        Stage("persons", persons.find, ("text", "lines", "header", "body_start", "doc_start", "doc_end", "signers"),
              ("persons", "entities"), "PER, POSITION, ORG and LOC entities; persons with their posts"),
        Stage("movements", movements.find, ("text", "doc_start", "doc_end"), ("entities",),
              "MOVEMENT entities: named emulation movements and slogans"),
        Stage("awards", awards.find, ("text", "header", "sections", "body_start", "body_end", "appendix_start",
                                      "doc_end", "entities"),
              ("awards", "entities"), "AWARD and COUNT entities; award statements"),
        Stage("recipients", recipients.find, ("text", "lines", "header", "sections", "body_start", "body_end",
                                              "appendix_start", "doc_end", "awards"),
              ("awards", "warnings"), "named recipients of the statements, from lists, tables and sentences"),
        Stage("document_refs", document_refs.find, ("text", "header", "awards", "legal_refs"),
              ("awards",), "the decision a statement reports"),
    ]


def check_stage_order(order: list[Stage]) -> list[str]:
    """Problems with the order: a stage that requires a field no earlier stage assigns."""
    known = set(INITIAL_FIELDS)
    problems = []
    for st in order:
        problems += [f"{st.name} requires {f!r}, which no earlier stage assigns"
                     for f in st.requires if f not in known]
        known.update(st.assigns)
    return problems


def run_stages(doc: Document) -> None:
    for stage in stages():
        stage.run(doc)
    _assign_sections(doc)
    doc.entities.sort(key=lambda e: (e.start, e.end, e.type))


def _assign_sections(doc: Document) -> None:
    """``entity.section`` = ``doc.section_at(entity.start)`` for every entity, in one sweep.

    The innermost section holding an offset is the deepest (the later one among equals) of
    those open there. Entities are visited by offset; a heap holds the sections opened so
    far, deepest first, and drops the ones that closed. Calling ``section_at`` per entity
    costs entities x sections, which a long list of bullets with dates made quadratic.
    """
    secs = sorted(enumerate(doc.sections), key=lambda p: p[1].start)
    heap: list[tuple[int, int, int]] = []  # (-level, -index, end)
    k = 0
    for ent in sorted(doc.entities, key=lambda e: e.start):
        while k < len(secs) and secs[k][1].start <= ent.start:
            i, sec = secs[k]
            heapq.heappush(heap, (-sec.level, -i, sec.end))
            k += 1
        while heap and heap[0][2] <= ent.start:
            heapq.heappop(heap)  # closed before this offset, so before every later one
        ent.section = doc.sections[-heap[0][1]].id if heap else None


def _record_from(doc: Document, source: Source, keep_text: bool) -> Record:
    return Record(
        doc_id=source.sha256[:16], source=source, text=doc.text if keep_text else None,
        header=doc.header, signers=doc.signers, recipients=doc.recipients,
        sections=doc.sections, entities=doc.entities, awards=doc.awards,
        commemorations=doc.commemorations, legal_refs=doc.legal_refs, persons=doc.persons,
        warnings=doc.warnings, review=trust.assess(doc, source),
    )


def clean_str(value: str) -> str:
    """``value`` made safe for UTF-8 output: a lone surrogate becomes U+FFFD.

    Lone surrogates come from file names that are not UTF-8 (Python keeps their bytes as
    surrogates) and from broken UTF-16 in PDFs; one of them in a record made the JSON
    encoder raise, which lost the record and, in the batch runner, stopped the run.
    """
    if not _SURROGATE.search(value):
        return value
    return _SURROGATE.sub("\ufffd", value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def process_raw(raw: RawText, source: Source, keep_text: bool = True, limits: Limits | None = None) -> Record:
    """Normalize and extract from already-decoded text."""
    lim = limits or current_limits()
    if len(raw.text) > lim.max_chars:
        # Checked before normalizing: the decoded text is as far as a huge input gets.
        return _error_record(source, errors.E_TOO_LARGE,
                             f"the text has {len(raw.text)} characters, over the limit of {lim.max_chars} "
                             "(raise --max-chars to process it)", source.path)
    doc = Document(text=normalize(clean_str(raw.text)),
                   metadata={k: clean_str(v) for k, v in raw.metadata.items()}, ocr=raw.ocr,
                   ocr_unsure_numbers=raw.ocr_unsure_numbers)
    for code, message in raw.warnings:
        doc.warn(code, clean_str(message))
    if not doc.text.strip():
        rec = _record_from(doc, source, keep_text)
        rec.error = ErrorInfo(code=errors.E_EMPTY, message=_why_empty(raw))
        rec.review = _FAILED
        return rec
    from .rules.load import load_rules  # here: ``import vnadmin_extract`` stays light

    load_rules()  # broken pattern files are a configuration error: RuleError, not a record
    try:
        run_stages(doc)
    except errors.RuleError:
        raise
    except MemoryError:
        rec = _record_from(doc, source, keep_text)
        rec.error = ErrorInfo(code=errors.E_TOO_LARGE, message="out of memory while extracting")
        rec.review = _FAILED
        return rec
    except Exception as exc:  # a bug must not lose the document
        rec = _record_from(doc, source, keep_text)
        rec.error = ErrorInfo(code=errors.E_INTERNAL, message=clean_str(_describe(exc)))
        rec.review = _FAILED
        return rec
    return _record_from(doc, source, keep_text)


def _why_empty(raw: RawText) -> str:
    if raw.format == "pdf":
        why = "see the warnings" if raw.warnings else "blank pages, or OCR found nothing"
        return f"no text in {raw.pages} page(s) ({why})"
    if raw.ocr:
        return "no text: OCR found none in the image"
    return f"no text: the {raw.format} file holds only blanks or markup"


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def process_file(path: str | Path, keep_text: bool = True, max_bytes: int | None = None, *,
                 timeout: float | None = None, limits: Limits | None = None) -> Record:
    """One record for one file, whatever happens.

    ``max_bytes`` and ``timeout`` override the limits in force (``ingest.limits``; the
    defaults, or the batch run's settings in a worker). A file over ``max_bytes`` is not
    read (``E_TOO_LARGE``); past ``timeout`` seconds the record is ``E_TIMEOUT``.
    """
    p = Path(path)
    lim = (limits or current_limits()).with_(max_bytes=max_bytes, timeout=timeout)
    source = Source(path=display_path(path), format=p.suffix.lower().lstrip(".") or "txt", sha256="", bytes=0)
    try:
        with use_limits(lim), time_budget(lim.timeout):
            return _process_file(p, source, keep_text, lim)
    except DocumentTimeout as exc:
        return _error_record(source, errors.E_TIMEOUT, str(exc), path)


def _process_file(p: Path, source: Source, keep_text: bool, lim: Limits) -> Record:
    try:
        data = read_bytes(p, max_bytes=lim.max_bytes)
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.bytes = len(data)
        raw = read_path(p, data)
        del data  # a reader's result is all that is needed from here on
    except errors.VnAdminError as exc:
        if exc.code == errors.E_TOO_LARGE and not source.bytes:
            with contextlib.suppress(OSError):
                source.bytes = os.stat(p).st_size  # the size that was refused, for the record
        return _error_record(source, exc.code, exc.message, p)
    except MemoryError:
        return _error_record(source, errors.E_TOO_LARGE, "out of memory while reading the file", p)
    except Exception as exc:
        return _error_record(source, errors.E_INTERNAL, _describe(exc), p)
    source.format, source.encoding = raw.format, raw.encoding
    source.pages, source.ocr, source.ocr_confidence = raw.pages, raw.ocr, raw.ocr_confidence
    return process_raw(raw, source, keep_text, lim)


_FAILED = Review(needed=True, reasons=["error"])


def _error_record(source: Source, code: str, message: str, path: str | Path) -> Record:
    if not source.sha256:
        # Unreadable files still need a stable id: hash the path instead of the bytes.
        source.sha256 = path_key(path)
    return Record(doc_id=source.sha256[:16], source=source, text=None,
                  error=ErrorInfo(code=code, message=clean_str(message)))


def process_text(text: str, path: str = "<text>", keep_text: bool = True, *,
                 timeout: float | None = None) -> Record:
    """Extract from a Python string (already decoded)."""
    text = clean_str(text)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    source = Source(path=display_path(path), format="txt", sha256=digest, bytes=len(data), encoding="utf-8")
    lim = current_limits().with_(timeout=timeout)
    try:
        with use_limits(lim), time_budget(lim.timeout):
            return process_raw(RawText(text=text, format="txt", encoding="utf-8"), source, keep_text, lim)
    except DocumentTimeout as exc:
        return Record(doc_id=digest[:16], source=source, text=None,
                      error=ErrorInfo(code=errors.E_TIMEOUT, message=str(exc)))
