"""Records -> relational tables (pandas DataFrames), one row per thing, keyed by ``doc_id``.

Every table's first column is ``doc_id`` and its second is the row's own id within the
document (``section_id`` is the section's path id, the others count from 0 in record
order), so ``(doc_id, <own id>)`` is unique and a researcher can join any two tables on
``doc_id``. ``TABLES`` is the one description of the columns: the DataFrames, the Parquet
schema, the SQLite DDL and the Datasette metadata are all made from it.

Records are read as plain dicts (lines of records.jsonl), so a record from a newer
schema with more fields still loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..extractors.links import ChainLinks
from .groups import keys
from .provinces import province_of
from .sentence import sentence_of

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, int, float, bool, json (a JSON text)
    en: str
    vi: str


@dataclass(frozen=True)
class Table:
    name: str
    key: str  # the row's own id column, second after doc_id
    en: str
    vi: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str, en: str, vi: str) -> Column:
    return Column(name, kind, en, vi)


_DOC = _c("doc_id", "str", "document id: first 16 hex digits of the source's sha256", "mã văn bản: 16 ký tự đầu của sha256 tệp nguồn")
_START = _c("start", "int", "offset of the evidence in the document text", "vị trí bắt đầu trong văn bản")
_END = _c("end", "int", "offset after the evidence", "vị trí kết thúc trong văn bản")
_SECTION = _c("section", "str", "innermost section id (II.3.1)", "mục chứa (II.3.1)")

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("documents", "doc_id", "one row per document", "mỗi văn bản một dòng", (
        _DOC,
        _c("path", "str", "source file path", "đường dẫn tệp"),
        _c("format", "str", "txt, md, html, pdf, docx ...", "định dạng tệp"),
        _c("sha256", "str", "sha256 of the source bytes", "mã băm sha256 của tệp"),
        _c("bytes", "int", "size of the source file", "dung lượng tệp (byte)"),
        _c("encoding", "str", "text encoding found", "bảng mã"),
        _c("pages", "int", "PDF pages", "số trang PDF"),
        _c("ocr", "bool", "text came from OCR", "văn bản từ nhận dạng ký tự (OCR)"),
        _c("genre", "str", "document or news", "loại: văn bản hay tin bài"),
        _c("issuer", "str", "issuing body", "cơ quan ban hành"),
        _c("issuer_parent", "str", "the issuer's superior body", "cơ quan chủ quản"),
        _c("number_raw", "str", "the 'Số: ...' line as written", "dòng số, ký hiệu"),
        _c("number", "str", "document number", "số văn bản"),
        _c("symbol", "str", "document symbol (BC-SKHCN)", "ký hiệu văn bản"),
        _c("doc_type_code", "str", "type code (BC, QĐ, KH ...)", "mã loại văn bản"),
        _c("doc_type", "str", "document type", "loại văn bản"),
        _c("place", "str", "place of issue", "địa danh"),
        _c("date", "str", "date of issue, ISO 8601", "ngày ban hành"),
        _c("date_raw", "str", "date of issue as written", "ngày ban hành (nguyên văn)"),
        _c("year", "int", "year of issue", "năm ban hành"),
        _c("province", "str", "province, from the header and place", "tỉnh, thành phố"),
        _c("title", "str", "subject line (trích yếu)", "trích yếu"),
        _c("author", "str", "author of a news article", "tác giả (tin bài)"),
        _c("source_name", "str", "source of a news article", "nguồn (tin bài)"),
        _c("signers", "json", "who signed, JSON list", "người ký (JSON)"),
        _c("recipients", "json", "'Nơi nhận' lines, JSON list", "nơi nhận (JSON)"),
        _c("n_awards", "int", "award statements found", "số nội dung khen thưởng"),
        _c("n_warnings", "int", "warnings", "số cảnh báo"),
        _c("error_code", "str", "error code when the document could not be processed", "mã lỗi"),
        _c("error_message", "str", "error message", "thông báo lỗi"),
        _c("text", "str", "normalized full text", "toàn văn đã chuẩn hóa"),
    )),
    Table("sections", "section_id", "numbered sections, flattened", "các mục đánh số", (
        _DOC,
        _c("section_id", "str", "path of labels (II.3.1), unique in the document", "mã mục (II.3.1)"),
        _c("label", "str", "number as written (3.1.)", "số mục như văn bản"),
        _c("level", "int", "depth, from 1", "cấp mục"),
        _c("heading", "str", "heading without its label", "tiêu đề mục"),
        _c("parent", "str", "parent section id", "mục cha"),
        _START, _END,
    )),
    Table("entities", "entity_id", "every extracted mention", "các thực thể trích xuất", (
        _DOC,
        _c("entity_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("type", "str", "DATE, ORG, PER, AWARD, LEGAL_REF ...", "loại thực thể"),
        _c("text", "str", "the words in the text", "nguyên văn"),
        _c("value", "json", "normalized value, JSON", "giá trị chuẩn hóa (JSON)"),
        _c("source", "str", "what found it (pattern:<rule>)", "nguồn trích xuất"),
        _SECTION, _START, _END,
    )),
    Table("awards", "award_id", "award statements: one per (authority, award, recipients)", "nội dung thi đua, khen thưởng", (
        _DOC,
        _c("award_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("award", "str", "canonical award name", "danh hiệu / hình thức khen thưởng"),
        _c("award_raw", "str", "the award's words in the text", "nguyên văn"),
        _c("category", "str", "emulation_title, commendation, rating, other", "nhóm: danh hiệu thi đua, hình thức khen thưởng, xếp loại"),
        _c("level", "str", "level of the award", "cấp, hạng"),
        _c("conferred_by", "str", "who confers or is asked to", "cấp khen"),
        _c("status", "str", "conferred, registered, proposed, target", "tình trạng: đã tặng, đăng ký, đề nghị, chỉ tiêu"),
        _c("collectives", "int", "number of collectives", "số tập thể"),
        _c("individuals", "int", "number of individuals", "số cá nhân"),
        _c("total", "int", "recipients covered", "tổng số"),
        _c("recipients", "json", "named recipients, JSON list", "người / đơn vị được khen (JSON)"),
        _c("year", "int", "year the award is for", "năm"),
        _c("statement", "str", "the statement's text (evidence)", "câu trích dẫn"),
        _c("sentence", "str", "the sentence the statement is in", "câu chứa nội dung khen thưởng"),
        _c("issuer", "str", "issuing body of the document", "cơ quan ban hành văn bản"),
        _c("province", "str", "province of the document", "tỉnh, thành phố"),
        _c("doc_date", "str", "date of the document", "ngày văn bản"),
        _SECTION, _START, _END,
    )),
    Table("recipients", "recipient_id", "named recipients of award statements: one row per (statement, recipient)",
          "người, đơn vị được khen: mỗi (nội dung khen thưởng, người/đơn vị) một dòng", (
        _DOC,
        _c("recipient_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("award_id", "int", "the statement (awards.award_id) to join back", "nội dung khen thưởng (awards.award_id)"),
        _c("award", "str", "canonical award name", "danh hiệu / hình thức khen thưởng"),
        _c("status", "str", "conferred, registered, proposed, target", "tình trạng: đã tặng, đăng ký, đề nghị, chỉ tiêu"),
        _c("year", "int", "year the award is for", "năm"),
        _c("conferred_by", "str", "who confers or is asked to", "cấp khen"),
        _c("kind", "str", "individual, collective, household", "cá nhân, tập thể, hộ gia đình"),
        _c("name", "str", "name, without honorifics", "họ tên / tên đơn vị"),
        _c("position", "str", "position", "chức vụ"),
        _c("organization", "str", "organization", "đơn vị"),
        _c("unit_path", "str", "the list's unit headings above the row", "khối, đơn vị trong danh sách"),
        _c("note", "str", "honorifics, ranks and titles", "danh xưng, cấp bậc, học hàm"),
        _c("name_key", "str", "the name folded, to group one person or unit across documents (groups.py)",
           "tên không dấu, để nhóm một người / đơn vị qua các văn bản"),
        _c("org_key", "str", "the organisation folded, then '|' and its province (groups.py)",
           "đơn vị không dấu, kèm tỉnh sau dấu '|'"),
        _c("issuer", "str", "issuing body of the document", "cơ quan ban hành văn bản"),
        _c("doc_number", "str", "the document's number", "số văn bản"),
        _c("doc_symbol", "str", "the document's symbol (QĐ-UBND)", "ký hiệu văn bản"),
        _c("doc_date", "str", "date of the document", "ngày văn bản"),
        _c("province", "str", "province of the document", "tỉnh, thành phố"),
        _START, _END,
    )),
    Table("links", "link_id", "documents of one run citing each other by number", "văn bản trong cùng lượt dẫn chiếu nhau", (
        _c("doc_id", "str", "the citing document", "văn bản dẫn chiếu"),
        _c("link_id", "int", "number within the citing document", "số thứ tự trong văn bản"),
        _c("to_doc", "str", "the cited document of the same run (documents.doc_id)", "văn bản được dẫn chiếu"),
        _c("relation", "str", "confers (a decision citing its proposal), proposes (a proposal citing minutes "
           "or another proposal), reports (a report citing a decision), cites", "quan hệ: khen thưởng theo đề nghị, đề nghị, báo cáo, dẫn chiếu"),
        _c("doc_type", "str", "type of the cited document as the citation gives it", "loại văn bản được dẫn"),
        _c("number", "str", "number cited", "số"),
        _c("symbol", "str", "symbol cited", "ký hiệu"),
        _c("date", "str", "date cited", "ngày"),
        _c("raw", "str", "the citation as written", "nguyên văn"),
        _START, _END,
    )),
    Table("commemorations", "commemoration_id", "anniversaries commemorated", "các ngày kỷ niệm", (
        _DOC,
        _c("commemoration_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("event", "str", "what is commemorated", "sự kiện"),
        _c("ordinal", "int", "anniversary number", "số năm kỷ niệm"),
        _c("start_date", "str", "date of the event", "ngày sự kiện"),
        _c("anniversary_date", "str", "date of the anniversary", "ngày kỷ niệm"),
        _c("consistent", "bool", "ordinal equals the year difference", "số năm khớp"),
        _c("raw", "str", "as written", "nguyên văn"),
        _START, _END,
    )),
    Table("legal_refs", "legal_ref_id", "references to other documents", "văn bản được viện dẫn", (
        _DOC,
        _c("legal_ref_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("doc_type", "str", "Luật, Nghị định, Quyết định ...", "loại văn bản"),
        _c("number", "str", "number", "số"),
        _c("year", "int", "year", "năm"),
        _c("symbol", "str", "symbol (NĐ-CP)", "ký hiệu"),
        _c("date", "str", "date, ISO 8601", "ngày"),
        _c("issuer", "str", "issuing body", "cơ quan ban hành"),
        _c("issuer_source", "str", "where the issuer was read: after, before, shared (written once after a list)",
           "nguồn cơ quan ban hành"),
        _c("title", "str", "title", "trích yếu"),
        _c("raw", "str", "as written", "nguyên văn"),
        _START, _END,
    )),
    Table("persons", "person_id", "people named with their positions", "cá nhân được nêu tên", (
        _DOC,
        _c("person_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("name", "str", "name", "họ tên"),
        _c("position", "str", "position", "chức vụ"),
        _c("organization", "str", "organization", "đơn vị"),
        _START, _END,
    )),
    Table("warnings", "warning_id", "what looked wrong in a document", "cảnh báo", (
        _DOC,
        _c("warning_id", "int", "number within the document", "số thứ tự trong văn bản"),
        _c("code", "str", "warning code (W_INVALID_DATE ...)", "mã cảnh báo"),
        _c("message", "str", "message", "nội dung"),
        _START, _END,
    )),
)}


def _get(d: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict):
            return None
        d = d.get(p)
    return d


def _json(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False)


def _year(header: dict[str, Any]) -> int | None:
    value = _get(header, "date", "value")
    if isinstance(value, str) and value[:4].isdigit():
        return int(value[:4])
    year = _get(header, "number", "year")
    return year if isinstance(year, int) else None


def _document(rec: dict[str, Any], province: str | None) -> dict[str, Any]:
    h = rec.get("header") or {}
    src = rec.get("source") or {}
    return {
        "doc_id": rec.get("doc_id"), "path": src.get("path"), "format": src.get("format"),
        "sha256": src.get("sha256"), "bytes": src.get("bytes"), "encoding": src.get("encoding"),
        "pages": src.get("pages"), "ocr": src.get("ocr"), "genre": h.get("genre"),
        "issuer": _get(h, "issuer", "name"), "issuer_parent": _get(h, "issuer", "parent"),
        "number_raw": _get(h, "number", "raw"), "number": _get(h, "number", "number"),
        "symbol": _get(h, "number", "symbol"), "doc_type_code": _get(h, "doc_type", "code"),
        "doc_type": _get(h, "doc_type", "name"), "place": h.get("place"),
        "date": _get(h, "date", "value"), "date_raw": _get(h, "date", "raw"), "year": _year(h),
        "province": province, "title": h.get("title"), "author": h.get("author"),
        "source_name": h.get("source_name"), "signers": _json(rec.get("signers") or []),
        "recipients": _json(rec.get("recipients") or []), "n_awards": len(rec.get("awards") or []),
        "n_warnings": len(rec.get("warnings") or []), "error_code": _get(rec, "error", "code"),
        "error_message": _get(rec, "error", "message"), "text": rec.get("text"),
    }


def _statement(text: str | None, item: dict[str, Any]) -> str | None:
    start, end = item.get("start"), item.get("end")
    if text and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return item.get("award_raw")


def _children(rec: dict[str, Any], doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    doc_id, text = rec.get("doc_id"), rec.get("text")
    seen: set[str] = set()
    for sec in rec.get("sections") or []:
        sid = str(sec.get("id"))
        n = 2
        while sid in seen:  # ids are unique by contract; a bug must not break the key
            sid, n = f"{sec.get('id')}#{n}", n + 1
        seen.add(sid)
        yield "sections", {**sec, "doc_id": doc_id, "section_id": sid}
    for i, ent in enumerate(rec.get("entities") or []):
        yield "entities", {**ent, "doc_id": doc_id, "entity_id": i, "value": _json(ent.get("value"))}
    n = 0
    for i, aw in enumerate(rec.get("awards") or []):
        for r in aw.get("recipients") or []:
            if isinstance(r, str):  # a record written before recipients were objects
                r = {"name": r}
            name_key, org_key = keys(r.get("name"), r.get("organization"), doc["province"],
                                     "\n".join(x for x in (doc["issuer"], doc["issuer_parent"]) if isinstance(x, str)))
            yield "recipients", {
                **r, "name_key": name_key, "org_key": org_key, "doc_id": doc_id, "recipient_id": n, "award_id": i, "award": aw.get("award"),
                "status": aw.get("status"), "year": aw.get("year"), "conferred_by": aw.get("conferred_by"),
                "issuer": doc["issuer"], "doc_number": doc["number"], "doc_symbol": doc["symbol"],
                "doc_date": doc["date"], "province": doc["province"],
            }
            n += 1
    for i, aw in enumerate(rec.get("awards") or []):
        yield "awards", {
            **aw, "doc_id": doc_id, "award_id": i, "recipients": _json(aw.get("recipients") or []),
            "statement": _statement(text, aw), "sentence": sentence_of(text, aw.get("start"), aw.get("end")),
            "issuer": doc["issuer"], "province": doc["province"],
            "doc_date": doc["date"],
        }
    for table, field in (("commemorations", "commemoration_id"), ("legal_refs", "legal_ref_id"),
                         ("persons", "person_id"), ("warnings", "warning_id")):
        for i, item in enumerate(rec.get(table) or []):
            yield table, {**item, "doc_id": doc_id, field: i}


class BadRecord(ValueError):
    """A record the tables cannot hold (a field of the wrong type): set aside, not loaded."""


_LISTS = ("sections", "entities", "awards", "commemorations", "legal_refs", "persons", "warnings", "signers")
_INT64 = 2**63
_NAMES = {name: t.names for name, t in TABLES.items()}
_KINDS = {name: [c.kind for c in t.columns] for name, t in TABLES.items()}


def _fits(kind: str, v: Any) -> bool:
    if v is None:
        return True
    if kind in ("str", "json"):
        return isinstance(v, str)
    if kind == "int":
        return isinstance(v, int) and -_INT64 <= v < _INT64
    if kind == "float":
        return isinstance(v, int | float) and not isinstance(v, bool)
    return isinstance(v, bool)


def rows_of(rec: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """The rows of one record as ``(table, row)`` pairs, the document's first.

    ``BadRecord`` when the record does not fit the tables (``"awards": "oops"``, a list of
    strings where objects belong, a text where a number belongs): the build sets such a
    line aside instead of failing, and a run redoes its document.
    """
    if not isinstance(rec, dict):
        raise BadRecord("not a JSON object")
    doc_id = rec.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise BadRecord("no doc_id")
    for name in ("header", "source", "error"):
        if rec.get(name) is not None and not isinstance(rec[name], dict):
            raise BadRecord(f"{name!r} is a {type(rec[name]).__name__}, not an object")
    for name in _LISTS:
        items = rec.get(name)
        if items is None:
            continue
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise BadRecord(f"{name!r} is not a list of objects")
    if rec.get("recipients") is not None and not isinstance(rec["recipients"], list):
        raise BadRecord("'recipients' is not a list")
    if rec.get("text") is not None and not isinstance(rec["text"], str):
        raise BadRecord("'text' is not a string")
    try:
        doc = _document(rec, province_of(rec.get("header")))
        out = [("documents", tuple(_scalar(doc[c]) for c in _NAMES["documents"]))]
        out += [(table, tuple(_scalar(row.get(c)) for c in _NAMES[table])) for table, row in _children(rec, doc)]
    except (TypeError, AttributeError, ValueError) as exc:
        raise BadRecord(f"{type(exc).__name__}: {exc}") from None
    for table, row in out:
        for kind, col, v in zip(_KINDS[table], _NAMES[table], row, strict=True):
            if not _fits(kind, v):
                raise BadRecord(f"{table}.{col} is {type(v).__name__} {str(v)[:40]!r}, not {kind}")
    return out


def record_rows(records: Iterable[dict[str, Any]]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows (tuples in ``TABLES[name].names`` order) of every table; one document per doc_id.

    A doc_id seen twice keeps its first record (records.jsonl is append-only, so a later
    duplicate can only come from concatenating outputs); a record that does not fit the
    tables is left out (``rows_of``).
    """
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    seen: set[str] = set()
    links = LinkCollector()
    for rec in records:
        doc_id = rec.get("doc_id") if isinstance(rec, dict) else None
        if not doc_id or doc_id in seen:
            continue
        try:
            pairs = rows_of(rec)
        except BadRecord:
            continue
        seen.add(doc_id)
        for table, row in pairs:
            rows[table].append(row)
        links.add(pairs[0][1], rec)
    rows["links"].extend(links.rows())
    return rows


class LinkCollector:
    """The ``links`` rows of a run (``extractors/links.py``): documents citing each other by
    number and symbol. Needs every document first, so the streaming build feeds it one record
    at a time and asks for the rows at the end."""

    def __init__(self) -> None:
        self.chain = ChainLinks()

    def add(self, document_row: tuple[Any, ...], rec: dict[str, Any]) -> None:
        doc = dict(zip(_NAMES["documents"], document_row, strict=True))
        number_year = _get(rec.get("header"), "number", "year")
        self.chain.add(doc["doc_id"], doc["number"], doc["symbol"], doc["doc_type_code"], rec.get("legal_refs"),
                       number_year if isinstance(number_year, int) else doc["year"])

    def rows(self) -> Iterator[tuple[Any, ...]]:
        for row in self.chain.links():
            yield tuple(_scalar(row.get(c)) for c in _NAMES["links"])


def _scalar(v: Any) -> Any:
    # A field whose type changed upstream (a dict where a str was) must still load.
    return _json(v) if isinstance(v, dict | list) else v


_DTYPES = {"str": object, "json": object, "int": "Int64", "float": "Float64", "bool": "boolean"}


def frames_from_rows(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, pd.DataFrame]:
    """DataFrames with the columns and nullable dtypes of ``TABLES`` (also when empty)."""
    import pandas as pd  # here, not at import: a run must not wait for it before its first document

    out = {}
    for name, table in TABLES.items():
        data = rows.get(name, [])
        cols = list(zip(*data, strict=True)) if data else [() for _ in table.columns]
        out[name] = pd.DataFrame({
            c.name: pd.Series(list(col), dtype=_DTYPES[c.kind]) for c, col in zip(table.columns, cols, strict=True)
        })
    return out


def record_frames(records: Iterable[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """``documents, sections, entities, awards, recipients, links, commemorations, legal_refs, persons, warnings``.

    >>> frames = record_frames([{"doc_id": "ab", "header": {"place": "Quảng Ngãi"}}])
    >>> frames["documents"].loc[0, "province"]
    'Quảng Ngãi'
    """
    return frames_from_rows(record_rows(records))
