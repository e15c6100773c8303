"""The extraction pipeline: an explicit, ordered list of stages.

``process_file`` and ``process_text`` never raise: any failure becomes ``Record.error``
and the record is as complete as it can be.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable
from pathlib import Path

from . import errors
from .document import Document
from .ingest import DEFAULT_MAX_BYTES, RawText, read_bytes, read_path
from .normalize import normalize
from .schema import ErrorInfo, Record, Source

Stage = Callable[[Document], None]


def _stages() -> list[tuple[str, Stage]]:
    # Imported here so that importing the package stays cheap (the CLI's --help).
    from .extractors import awards, commemorations, dates, legal_refs, movements, persons
    from .structure import boilerplate, footer, header, sections

    return [
        ("boilerplate", boilerplate.find),     # body limits: web chrome out
        ("header", header.find),               # issuer, number, place/date, type, title
        ("footer", footer.find),               # signers, recipients; body end
        ("sections", sections.find),           # section tree of the body
        ("dates", dates.find),                 # DATE / DATE_RANGE entities
        ("legal_refs", legal_refs.find),
        ("commemorations", commemorations.find),
        ("persons", persons.find),             # PER / POSITION / ORG / LOC entities
        ("movements", movements.find),
        ("awards", awards.find),               # AWARD / COUNT entities and statements
    ]


STAGE_NAMES = ("boilerplate", "header", "footer", "sections", "dates", "legal_refs",
               "commemorations", "persons", "movements", "awards")


def run_stages(doc: Document) -> None:
    for _name, stage in _stages():
        stage(doc)
    for ent in doc.entities:
        ent.section = doc.section_at(ent.start)
    doc.entities.sort(key=lambda e: (e.start, e.end, e.type))


def _record_from(doc: Document, source: Source, keep_text: bool) -> Record:
    return Record(
        doc_id=source.sha256[:16], source=source, text=doc.text if keep_text else None,
        header=doc.header, signers=doc.signers, recipients=doc.recipients,
        sections=doc.sections, entities=doc.entities, awards=doc.awards,
        commemorations=doc.commemorations, legal_refs=doc.legal_refs, persons=doc.persons,
        warnings=doc.warnings,
    )


def process_raw(raw: RawText, source: Source, keep_text: bool = True) -> Record:
    """Normalize and extract from already-decoded text."""
    doc = Document(text=normalize(raw.text), metadata=dict(raw.metadata))
    for code, message in raw.warnings:
        doc.warn(code, message)
    try:
        run_stages(doc)
    except Exception as exc:  # a bug must not lose the document
        rec = _record_from(doc, source, keep_text)
        rec.error = ErrorInfo(code=errors.E_INTERNAL, message=_describe(exc))
        return rec
    return _record_from(doc, source, keep_text)


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def process_file(path: str | Path, keep_text: bool = True, max_bytes: int = DEFAULT_MAX_BYTES) -> Record:
    """One record for one file, whatever happens."""
    p = Path(path)
    source = Source(path=str(path), format=p.suffix.lower().lstrip(".") or "txt", sha256="", bytes=0)
    try:
        data = read_bytes(p, max_bytes=max_bytes)
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.bytes = len(data)
        raw = read_path(p, data)
    except errors.VnAdminError as exc:
        return _error_record(source, exc.code, exc.message, p)
    except Exception as exc:
        return _error_record(source, errors.E_INTERNAL, _describe(exc), p)
    source.format, source.encoding = raw.format, raw.encoding
    source.pages, source.ocr, source.ocr_confidence = raw.pages, raw.ocr, raw.ocr_confidence
    return process_raw(raw, source, keep_text)


def _error_record(source: Source, code: str, message: str, path: Path) -> Record:
    if not source.sha256:
        # Unreadable files still need a stable id: hash the path instead of the bytes.
        source.sha256 = hashlib.sha256(("path:" + str(path)).encode()).hexdigest()
    return Record(doc_id=source.sha256[:16], source=source, text=None,
                  error=ErrorInfo(code=code, message=message))


def process_text(text: str, path: str = "<text>", keep_text: bool = True) -> Record:
    """Extract from a Python string (already decoded)."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    source = Source(path=path, format="txt", sha256=digest, bytes=len(data), encoding="utf-8")
    return process_raw(RawText(text=text, format="txt", encoding="utf-8"), source, keep_text)
