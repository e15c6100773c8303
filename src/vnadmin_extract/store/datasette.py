"""Datasette for vnadmin.db: metadata made from ``TABLES`` (descriptions in Vietnamese and
English, facets, full-text search), a home page that starts with the tables a person wants
(awards, recipients, documents) and the questions they ask (canned queries that ignore
accents through the SQL function ``fold``), and the plugin in ``datasette_plugins/`` that
registers ``fold``, links each award to its document and its evidence (the review page
served at ``/-/review/<doc_id>``) and folds the column descriptions away."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path
from typing import Any

from .fold import fold_search
from .paths import DATABASE
from .sqlite import FOLDED, FTS, q
from .tables import TABLES
from .views import VIEWS

DB_NAME = Path(DATABASE).stem
PLUGIN = "vnadmin-extract"
PLUGINS_DIR = Path(__file__).with_name("datasette_plugins")
# What a person looks for first; tables not named here follow in TABLES order.
TABLE_ORDER = ("awards", "recipients", "people", "units", "award_history", "documents", "persons", "legal_refs", "links", "commemorations",
               "sections", "entities", "warnings")
FACETS = {
    "documents": ["year", "issuer", "province", "doc_type", "error_code"],
    "awards": ["award", "year", "status", "issuer", "province", "category"],
    "recipients": ["kind", "award", "year", "status", "issuer", "province"],
    "units": ["kind"],
    "award_history": ["award", "kind", "year"],
    "legal_refs": ["doc_type", "year"],
    "entities": ["type"],
    "warnings": ["code"],
}
_FOLDED_NOTE = ("bản sao không dấu để tìm kiếm / diacritic-free copy for search "
                "(đ -> d, sỹ -> si)")


def register_functions(con: sqlite3.Connection) -> None:
    """SQL functions the canned queries use: ``fold(text)`` is the search fold (đ -> d, no marks)."""
    con.create_function("fold", 1, lambda s: fold_search(s) if isinstance(s, str) else s, deterministic=True)


def _like(column: str) -> str:
    return f"fold({column}) like '%' || fold(:{{p}}) || '%'"


def ordered_tables() -> list[str]:
    """Tables and views (``views.py``) in the order a person wants them."""
    every = {**TABLES, **VIEWS}
    return [t for t in TABLE_ORDER if t in every] + [t for t in every if t not in TABLE_ORDER]


def queries() -> dict[str, dict[str, str]]:
    """Canned queries; those on the recipients or links tables only when those tables exist."""
    rec = TABLES.get("recipients")
    by_recipient = ""
    if rec is not None and {"doc_id", "award_id", "name"} <= set(rec.names):
        by_recipient = ("\n   or exists (select 1 from recipients as r where r.doc_id = a.doc_id\n"
                        "              and r.award_id = a.award_id and " + _like("r.name").format(p="name") + ")")
    out: dict[str, dict[str, str]] = {
        "awards_of_person": {
            "title": "Người này được khen thưởng gì? / Which awards did this person receive?",
            "description": "Nhập họ tên, có dấu hoặc không (ví dụ: tran thi my le). "
                           "Give a name, with or without accents (e.g. tran thi my le): the awards whose "
                           "recipients or sentence name the person, with the decision.",
            "sql": (
                "select a.award, a.status, a.year, a.conferred_by, a.sentence,\n"
                "  d.number_raw as decision, d.date, d.title, a.doc_id, a.award_id\n"
                "from awards as a join documents as d on d.doc_id = a.doc_id\n"
                "where " + _like("a.sentence").format(p="name") + "\n"
                "   or " + _like("a.recipients").format(p="name") + by_recipient + "\n"
                "order by d.date desc, a.doc_id, a.award_id"
            ),
        },
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
            "title": "Văn bản viện dẫn quyết định này / Documents citing this decision",
            "description": "Nhập số, ký hiệu hoặc tên, có dấu hoặc không (98/2023/NĐ-CP, ND-CP, Luat Thi dua). "
                           "One row per citing document. Give a number, symbol or name, accents optional.",
            "sql": (
                "select d.doc_id, d.date, d.issuer, d.title, count(*) as times_cited,\n"
                "  group_concat(distinct r.raw) as references_found\n"
                "from legal_refs as r join documents as d on d.doc_id = r.doc_id\n"
                "where " + _like("r.raw").format(p="reference") + "\n"
                "   or " + _like("r.number || '/' || coalesce(r.year, '') || '/' || coalesce(r.symbol, '')"
                               ).format(p="reference") + "\n"
                "   or " + _like("r.title").format(p="reference") + "\n"
                "group by d.doc_id\norder by d.date desc, d.doc_id"
            ),
        },
    }
    if "people" in VIEWS and "award_history" in VIEWS:
        out["repeat_recipients"] = {
            "title": "Ai được khen nhiều lần? / Repeat recipients",
            "description": "Người và đơn vị có tên trong ít nhất :min_documents văn bản (nhóm theo tên không dấu "
                           "và đơn vị, không chỉ theo tên). People and units named in at least :min_documents "
                           "documents, grouped by folded name and organisation, never by name alone.",
            "sql": (
                "select 'individual' as kind, name, organization, documents, statements, conferred, proposed,\n"
                "  first_year, last_year, awards, doc_ids from people where documents >= cast(:min_documents as integer)\n"
                "union all\n"
                "select kind, name, organization, documents, statements, conferred, proposed,\n"
                "  first_year, last_year, awards, doc_ids from units where documents >= cast(:min_documents as integer)\n"
                "order by documents desc, statements desc, name"
            ),
        }
        out["award_history_of"] = {
            "title": "Đề nghị, quyết định, báo cáo của một người / Proposal, decision and reports for a name",
            "description": "Nhập họ tên hoặc tên đơn vị, có dấu hoặc không (vu thi ngoc lan): tờ trình đề nghị, "
                           "quyết định khen thưởng và các báo cáo về quyết định. Give a name, accents optional.",
            "sql": (
                "select name, kind, organization, award, year, proposal_number, proposal_date, proposed_to,\n"
                "  decision_number, decision_type, decision_date, conferred_by, reports, proposal_doc, decision_doc\n"
                "from award_history where name_key like '%' || fold(:name) || '%'\n"
                "order by name_key, award, coalesce(decision_date, proposal_date)"
            ),
        }
    links = TABLES.get("links")
    if links is not None and {"doc_id", "to_doc", "relation"} <= set(links.names):
        out["proposals_not_conferred"] = {
            "title": "Đề nghị chưa được khen / Proposals not yet conferred",
            "description": "Nội dung đề nghị khen thưởng mà chưa có quyết định nào trong dữ liệu liên kết tới. "
                           "Proposed awards that no decision of the run links to.",
            "sql": (
                "select a.award, a.year, a.conferred_by, a.collectives, a.individuals, a.sentence,\n"
                "  d.number_raw as proposal, d.date, d.title, a.doc_id, a.award_id\n"
                "from awards as a join documents as d on d.doc_id = a.doc_id\n"
                "where a.status = 'proposed'\n"
                "  and not exists (select 1 from links as l where l.relation = 'confers'\n"
                "                  and (l.to_doc = a.doc_id or l.doc_id = a.doc_id))\n"
                "order by d.date desc, a.doc_id, a.award_id"
            ),
        }
    return out


QUERIES = queries()


def _table_meta(name: str) -> dict[str, Any]:
    table = TABLES[name] if name in TABLES else VIEWS[name]
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


def _counts(db: Path | None) -> dict[str, int]:
    if db is None or not Path(db).is_file():
        return {}
    con = sqlite3.connect(Path(db).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {t: con.execute(f"select count(*) from {q(t)}").fetchone()[0] for t in TABLES}
    except sqlite3.Error:
        return {}
    finally:
        con.close()


def home_html(counts: dict[str, int] | None = None) -> str:
    """The start of the home page: tables in the order a person wants them, then the questions."""
    counts = counts or {}
    items = []
    for name in ordered_tables():
        t = TABLES[name] if name in TABLES else VIEWS[name]
        n = f" <em>({counts[name]:,} rows)</em>" if name in counts else ""
        items.append(f'<li><a href="/{DB_NAME}/{name}"><strong>{name}</strong></a>{n}: '
                     f"{html.escape(t.vi)} / {html.escape(t.en)}</li>")
    asks = "".join(f'<li><a href="/{DB_NAME}/{key}">{html.escape(q["title"])}</a></li>'
                   for key, q in QUERIES.items())
    return ("<p>Dữ liệu trích xuất từ văn bản hành chính tiếng Việt; tìm kiếm không cần dấu. "
            "Data extracted from Vietnamese administrative documents; search works without accents.</p>"
            f'<h3>Bảng / Tables</h3><ul class="bullets vnadmin-tables">{"".join(items)}</ul>'
            f'<h3>Câu hỏi / Questions</h3><ul class="bullets vnadmin-queries">{asks}</ul>')


def metadata(db: Path | None = None, records: Path | None = None) -> dict[str, Any]:
    """The metadata.json given to ``datasette serve --metadata`` (``db`` for row counts on the
    home page, ``records`` for the review pages of the plugin)."""
    tables = {name: _table_meta(name) for name in ordered_tables()}
    tables["awards"]["sort_desc"] = "year"
    for fts in FTS.values():
        tables[fts] = {"hidden": True}
    home = home_html(_counts(db))
    plugin: dict[str, Any] = {"database": DB_NAME}
    if records is not None:
        plugin["records"] = str(Path(records).resolve())
    return {
        "title": "vnadmin-extract: thi đua, khen thưởng / emulation and awards",
        "description_html": home,
        "databases": {DB_NAME: {"description_html": home, "tables": tables, "queries": QUERIES}},
        "plugins": {PLUGIN: plugin},
    }
