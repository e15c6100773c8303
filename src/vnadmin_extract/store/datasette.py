"""Datasette metadata for vnadmin.db: descriptions in Vietnamese and English, facets,
full-text search and canned queries, all made from ``TABLES``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .paths import DATABASE
from .sqlite import FOLDED, FTS
from .tables import TABLES

DB_NAME = Path(DATABASE).stem
FACETS = {
    "documents": ["year", "issuer", "province", "doc_type", "error_code"],
    "awards": ["award", "year", "status", "issuer", "province", "category"],
    "recipients": ["kind", "award", "year", "status", "issuer", "province"],
    "legal_refs": ["doc_type", "year"],
    "entities": ["type"],
    "warnings": ["code"],
}
_FOLDED_NOTE = ("bản sao không dấu để tìm kiếm / diacritic-free copy for search "
                "(đ -> d, sỹ -> si)")

QUERIES = {
    "awards_by_year_and_level": {
        "title": "Khen thưởng theo năm và cấp / Awards by year and level",
        "description": "Số nội dung khen thưởng, tập thể, cá nhân theo năm, cấp, danh hiệu và tình trạng. "
                       "Award statements, collectives and individuals by year, level, award and status.",
        "sql": (
            "select year, coalesce(level, '') as level, award, category, status,\n"
            "  count(*) as statements, sum(collectives) as collectives,\n"
            "  sum(individuals) as individuals, sum(total) as total,\n"
            "  count(distinct doc_id) as documents\n"
            "from awards\ngroup by year, level, award, category, status\n"
            "order by year desc, level, statements desc"
        ),
    },
    "documents_citing_legal_reference": {
        "title": "Văn bản viện dẫn một văn bản / Documents citing a legal reference",
        "description": "Nhập số, ký hiệu hoặc tên (ví dụ 98/2023/NĐ-CP, Luật Thi đua). "
                       "Give a number, symbol or name (e.g. 98/2023/NĐ-CP, Luật Thi đua).",
        "sql": (
            "select d.doc_id, d.date, d.issuer, d.title, r.doc_type, r.number, r.year, r.symbol,\n"
            "  r.raw as reference\n"
            "from legal_refs as r join documents as d on d.doc_id = r.doc_id\n"
            "where r.raw like '%' || :reference || '%'\n"
            "   or (r.number || '/' || coalesce(r.year, '') || '/' || coalesce(r.symbol, '')) like '%' || :reference || '%'\n"
            "   or r.title like '%' || :reference || '%'\n"
            "order by d.date desc, d.doc_id"
        ),
    },
}


def _table_meta(name: str) -> dict[str, Any]:
    table = TABLES[name]
    meta: dict[str, Any] = {
        "description": f"{table.vi} / {table.en}",
        "columns": {c.name: f"{c.vi} / {c.en}" for c in table.columns},
    }
    for folded, _src in FOLDED.get(name, ()):
        meta["columns"][folded] = _FOLDED_NOTE
    if name in FACETS:
        meta["facets"] = FACETS[name]
    if name in FTS:
        meta["fts_table"] = FTS[name]
        meta["fts_pk"] = "rowid"
    return meta


def metadata() -> dict[str, Any]:
    """The metadata.json given to ``datasette serve --metadata``."""
    tables = {name: _table_meta(name) for name in TABLES}
    tables["awards"]["sort_desc"] = "year"
    for fts in FTS.values():
        tables[fts] = {"hidden": True}
    return {
        "title": "vnadmin-extract: thi đua, khen thưởng / emulation and awards",
        "description": (
            "Dữ liệu trích xuất từ văn bản hành chính tiếng Việt. Tìm kiếm không cần dấu: "
            "\"lao dong tien tien\" tìm thấy \"Lao động tiên tiến\". "
            "Data extracted from Vietnamese administrative documents; search works without diacritics."
        ),
        "databases": {DB_NAME: {"tables": tables, "queries": QUERIES}},
    }
