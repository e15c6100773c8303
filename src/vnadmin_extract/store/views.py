"""Views over the recipients and links tables, in SQLite and PostgreSQL alike.

- ``people`` and ``units``: one row per person (``kind = 'individual'``) or unit (collectives
  and households) grouped by ``(name_key, org_key)`` (``groups.py``): how many documents and
  statements name it, first and last year, its documents and awards.
- ``award_history``: per recipient and award, the proposal (a statement with status
  ``proposed``), the decision that confers it (a ``confers`` link from the decision to the
  proposal, and the same recipient and award in the decision with status ``conferred``) and
  the documents that report that decision (``reports`` links). A proposal nobody conferred
  has no decision; a decision without a proposal in the run has none; a report that names
  the recipient of a decision it reports is not a decision of its own.

``sql(name, dialect)`` gives the ``SELECT`` (``SQLITE_VIEWS``, ``POSTGRES_VIEWS``); the SQLite
build and the PostgreSQL export wrap it in ``CREATE VIEW``. ``VIEWS`` describes the columns for
Datasette.
"""

from __future__ import annotations

from .tables import Column, Table

_V = Column


def _counted(who: str) -> tuple[Column, ...]:
    """The columns a group of recipients (a person, a unit) counts and lists."""
    return (
        _V("documents", "int", f"documents naming the {who}", "số văn bản"),
        _V("statements", "int", f"award statements naming the {who}", "số lần được nêu khen thưởng"),
        _V("conferred", "int", "of them conferred", "số lần được tặng"),
        _V("proposed", "int", "of them proposed", "số lần được đề nghị"),
        _V("first_year", "int", "first year (award year, else the document's)", "năm đầu"),
        _V("last_year", "int", "last year", "năm cuối"),
        _V("doc_ids", "json", "the documents, JSON list", "các văn bản (JSON)"),
        _V("awards", "json", "the awards, JSON list", "các danh hiệu, hình thức khen thưởng (JSON)"),
    )


VIEWS: dict[str, Table] = {t.name: t for t in (
    Table("people", "name_key", "people across documents: recipients grouped by folded name and organisation",
          "cá nhân qua các văn bản: nhóm theo họ tên (không dấu) và đơn vị", (
        _V("name_key", "str", "folded name", "họ tên không dấu"),
        _V("org_key", "str", "folded organisation | province", "đơn vị không dấu | tỉnh"),
        _V("name", "str", "the name as written (the first of its spellings in sort order)", "họ tên"),
        _V("organization", "str", "the organisation as written", "đơn vị"),
        _V("positions", "json", "positions named, JSON list", "chức vụ (JSON)"),
        *_counted("person"),
    )),
    Table("units", "name_key", "units across documents: collectives and households grouped by folded name "
          "and organisation", "tập thể, hộ gia đình qua các văn bản: nhóm theo tên (không dấu) và đơn vị", (
        _V("name_key", "str", "folded name", "tên không dấu"),
        _V("org_key", "str", "folded organisation | province", "đơn vị không dấu | tỉnh"),
        _V("kind", "str", "collective or household", "tập thể hay hộ gia đình"),
        _V("name", "str", "the name as written", "tên"),
        _V("organization", "str", "the parent organisation as written", "đơn vị chủ quản"),
        *_counted("unit"),
    )),
    Table("award_history", "name_key", "per recipient and award: the proposal, the decision conferring it and "
          "the reports of that decision", "theo người / đơn vị và danh hiệu: tờ trình đề nghị, quyết định khen "
          "thưởng và báo cáo về quyết định", (
        _V("name", "str", "recipient", "người / đơn vị được khen"),
        _V("kind", "str", "individual, collective, household", "cá nhân, tập thể, hộ gia đình"),
        _V("organization", "str", "organisation", "đơn vị"),
        _V("award", "str", "award", "danh hiệu / hình thức khen thưởng"),
        _V("year", "int", "year the award is for", "năm"),
        _V("name_key", "str", "folded name", "họ tên không dấu"),
        _V("org_key", "str", "folded organisation | province", "đơn vị không dấu | tỉnh"),
        _V("proposal_doc", "str", "the proposing document (Tờ trình, Biên bản)", "văn bản đề nghị"),
        _V("proposal_award_id", "int", "its statement", "nội dung đề nghị"),
        _V("proposal_number", "str", "its number as written", "số văn bản đề nghị"),
        _V("proposal_date", "str", "its date", "ngày đề nghị"),
        _V("proposed_to", "str", "who was asked to confer", "cấp được đề nghị"),
        _V("decision_doc", "str", "the document stating the award conferred: the decision, or a report when the "
           "run has no decision for it", "văn bản khen thưởng (quyết định, hoặc báo cáo khi không có quyết định)"),
        _V("decision_type", "str", "its type", "loại văn bản"),
        _V("decision_award_id", "int", "its statement", "nội dung khen thưởng"),
        _V("decision_number", "str", "its number as written", "số quyết định"),
        _V("decision_date", "str", "its date", "ngày quyết định"),
        _V("conferred_by", "str", "who conferred", "cấp khen"),
        _V("reports", "json", "documents reporting the decision, JSON list", "văn bản báo cáo về quyết định (JSON)"),
    )),
)}


def _agg(dialect: str, expr: str) -> str:
    """A JSON list of the distinct values of ``expr`` (sorted in PostgreSQL; in SQLite in the order met)."""
    if dialect == "postgres":
        return f"coalesce(jsonb_agg(distinct {expr} order by {expr}) filter (where {expr} is not null), '[]'::jsonb)"
    return f"json_group_array(distinct {expr}) filter (where {expr} is not null)"


def _group(dialect: str, s: str, kinds: str, unit: bool) -> str:
    year = ("coalesce(r.year, cast(substr(r.doc_date, 1, 4) as integer))" if dialect == "sqlite"
            else "coalesce(r.year, cast(nullif(substring(r.doc_date from 1 for 4), '') as bigint))")
    cols = [
        "r.name_key", "r.org_key", *(["r.kind"] if unit else []),
        "min(r.name) as name", "max(r.organization) as organization",
        *([] if unit else [_agg(dialect, "r.position") + " as positions"]),
        "count(distinct r.doc_id) as documents", "count(*) as statements",
        "sum(case when r.status = 'conferred' then 1 else 0 end) as conferred",
        "sum(case when r.status = 'proposed' then 1 else 0 end) as proposed",
        f"min({year}) as first_year", f"max({year}) as last_year",
        _agg(dialect, "r.doc_id") + " as doc_ids", _agg(dialect, "r.award") + " as awards",
    ]
    group = "r.name_key, r.org_key" + (", r.kind" if unit else "")
    return (f"select {', '.join(cols)} from {s}recipients r where r.kind in ({kinds}) "
            f"and r.name_key is not null group by {group}")


def _history(dialect: str, s: str) -> str:
    same = "d.name_key = p.name_key and d.kind = p.kind and d.award = p.award"
    reports = (f"(select {_agg(dialect, 'l.doc_id')} from {s}links l "
               f"where l.to_doc = d.doc_id and l.relation = 'reports')")
    return f"""with pairs as (
  select p.doc_id as p_doc, p.recipient_id as p_rid, d.doc_id as d_doc, d.recipient_id as d_rid
  from {s}recipients p
  join {s}links c on c.to_doc = p.doc_id and c.relation = 'confers'
  join {s}recipients d on d.doc_id = c.doc_id and d.status = 'conferred' and {same}
  where p.status = 'proposed'
), reported as (
  select r.doc_id, r.recipient_id from {s}recipients r
  join {s}links l on l.doc_id = r.doc_id and l.relation = 'reports'
  join {s}recipients d on d.doc_id = l.to_doc and d.status = 'conferred'
   and d.name_key = r.name_key and d.kind = r.kind and d.award = r.award
), chain as (
  select p_doc, p_rid, d_doc, d_rid from pairs
  union all
  select r.doc_id, r.recipient_id, null, null from {s}recipients r
  where r.status = 'proposed' and not exists (select 1 from pairs x where x.p_doc = r.doc_id and x.p_rid = r.recipient_id)
  union all
  select null, null, r.doc_id, r.recipient_id from {s}recipients r
  where r.status = 'conferred' and r.name_key is not null
    and not exists (select 1 from pairs x where x.d_doc = r.doc_id and x.d_rid = r.recipient_id)
    and not exists (select 1 from reported x where x.doc_id = r.doc_id and x.recipient_id = r.recipient_id)
)
select coalesce(d.name, p.name) as name, coalesce(d.kind, p.kind) as kind,
  coalesce(d.organization, p.organization) as organization, coalesce(d.award, p.award) as award,
  coalesce(d.year, p.year) as year, coalesce(d.name_key, p.name_key) as name_key,
  coalesce(d.org_key, p.org_key) as org_key,
  p.doc_id as proposal_doc, p.award_id as proposal_award_id, pd.number_raw as proposal_number,
  pd.date as proposal_date, p.conferred_by as proposed_to,
  d.doc_id as decision_doc, dd.doc_type as decision_type, d.award_id as decision_award_id, dd.number_raw as decision_number,
  dd.date as decision_date, d.conferred_by as conferred_by,
  case when d.doc_id is null then null else {reports} end as reports
from chain
left join {s}recipients p on p.doc_id = chain.p_doc and p.recipient_id = chain.p_rid
left join {s}recipients d on d.doc_id = chain.d_doc and d.recipient_id = chain.d_rid
left join {s}documents pd on pd.doc_id = p.doc_id
left join {s}documents dd on dd.doc_id = d.doc_id"""


def sql(name: str, dialect: str = "sqlite", schema: str | None = None) -> str:
    """The SELECT of view ``name`` for ``dialect`` ("sqlite" or "postgres"); ``schema`` is an
    already quoted schema name prefixed to every table (PostgreSQL)."""
    s = f"{schema}." if schema else ""
    if name == "people":
        return _group(dialect, s, "'individual'", unit=False)
    if name == "units":
        return _group(dialect, s, "'collective', 'household'", unit=True)
    if name == "award_history":
        return _history(dialect, s)
    raise KeyError(name)


# The SELECTs as module constants: the SQL given to execute() is built from constants only
# (tests/robustness/test_safety.py). PostgreSQL's name no schema: the export creates them with
# the target schema as the search path.
SQLITE_VIEWS: dict[str, str] = {name: sql(name, "sqlite") for name in VIEWS}
POSTGRES_VIEWS: dict[str, str] = {name: sql(name, "postgres") for name in VIEWS}
