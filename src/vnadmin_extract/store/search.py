"""Ranked, diacritic-free search over vnadmin.db with the evidence highlighted.

A phrase in quotes matches as a phrase. Several words without quotes match anywhere in the
row, but rows where they stand together in that order (a person's name) come first. The
documents and awards tables are searched through their FTS5 indexes; every other table of
``TABLES`` by folding its text columns row by row (slower, but no index to keep).

>>> hits = search("out/vnadmin.db", "chien si thi dua", table="awards")  # doctest: +SKIP
>>> hits[0].snippet                                                      # doctest: +SKIP
'... đạt danh hiệu «Chiến sỹ» «thi» «đua» cơ sở ...'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .fold import fold_search, fts_phrases_expression, query_groups
from .sqlite import connect_readonly, q
from .tables import TABLES

SEARCH_TABLES = ("documents", "awards", "recipients")  # through FTS5; the other tables by a scan

_SQL = {
    "documents": """
        SELECT d.doc_id, NULL AS row_id, d.title, d.path, d.date, d.issuer, d.province,
               coalesce(d.text, d.title) AS body, coalesce(d.text_folded, d.title_folded) AS body_folded,
               bm25(documents_fts, 0.0, 0.0, 5.0, 1.0) AS score
        FROM documents_fts JOIN documents AS d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? ORDER BY score, d.doc_id LIMIT ?""",
    "awards": """
        SELECT a.doc_id, a.award_id AS row_id, a.award, a.status, a.year, a.total, a.collectives,
               a.individuals, a.conferred_by, a.issuer, a.province, d.title, d.path,
               coalesce(a.statement, a.award) AS body,
               coalesce(a.statement_folded, a.award_folded) AS body_folded,
               bm25(awards_fts, 0.0, 0.0, 2.0, 1.0) AS score
        FROM awards_fts JOIN awards AS a ON a.rowid = awards_fts.rowid
        LEFT JOIN documents AS d ON d.doc_id = a.doc_id
        WHERE awards_fts MATCH ? ORDER BY score, a.doc_id, a.award_id LIMIT ?""",
    "recipients": """
        SELECT r.doc_id, r.recipient_id AS row_id, r.name, r.kind, r.position, r.organization, r.unit_path,
               r.award, r.status, r.year, r.conferred_by, r.award_id, r.issuer, r.doc_number, r.doc_symbol,
               r.doc_date, r.province, d.title, d.path,
               trim(r.name || coalesce(', ' || r.position, '') || coalesce(' ' || r.organization, '')) AS body,
               NULL AS body_folded,
               bm25(recipients_fts, 0.0, 0.0, 3.0, 1.0) AS score
        FROM recipients_fts JOIN recipients AS r ON r.rowid = recipients_fts.rowid
        LEFT JOIN documents AS d ON d.doc_id = r.doc_id
        WHERE recipients_fts MATCH ? ORDER BY score, r.doc_id, r.recipient_id LIMIT ?""",
}
_FOLDED_COLUMNS = {"documents": ("title_folded", "text_folded"), "awards": ("award_folded", "statement_folded"),
                   "recipients": ("name_folded", "organization_folded")}


@dataclass
class Hit:
    rank: int
    table: str
    doc_id: str
    row_id: int | None
    score: float
    snippet: str
    fields: dict[str, Any] = field(default_factory=dict)


def search(db: str | Path, query: str, table: str = "documents", limit: int = 10,
           marks: tuple[str, str] = ("«", "»"), width: int = 160) -> list[Hit]:
    """The best ``limit`` rows of ``table`` matching every word or quoted phrase of ``query``, accents ignored."""
    if table not in SEARCH_TABLES and table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    groups = query_groups(query)
    tokens = [t for g in groups for t in g]
    if not tokens:
        return []
    con = connect_readonly(db)
    try:
        if table in SEARCH_TABLES:
            rows = _fts_rows(con, table, groups, int(limit))
        else:
            rows = _scan_rows(con, table, groups, int(limit))
    finally:
        con.close()
    hits = []
    for rank, row in enumerate(rows, 1):
        data = dict(row)
        body, folded = data.pop("body") or "", data.pop("body_folded")
        hits.append(Hit(
            rank=rank, table=table, doc_id=data.pop("doc_id"), row_id=data.pop("row_id"),
            score=float(data.pop("score")), fields=data,
            snippet=highlight(body, tokens, folded=folded, marks=marks, width=width),
        ))
    return hits


def _fts_rows(con: Any, table: str, groups: list[list[str]], limit: int) -> list[Any]:
    # Loose words that stand together (a name, "lao dong tien tien") rank first: the query as one
    # phrase, then every word anywhere.
    tries = [groups]
    if len(groups) > 1 and all(len(g) == 1 for g in groups):
        tries.insert(0, [[g[0] for g in groups]])
    rows: list[tuple[object, ...]] = []
    seen: set[object] = set()
    for attempt in tries:
        expr = fts_phrases_expression(attempt, _FOLDED_COLUMNS[table])
        for row in con.execute(_SQL[table], (expr, limit)).fetchall():
            key = (row["doc_id"], row["row_id"])
            if key not in seen and len(rows) < limit:
                seen.add(key)
                rows.append(row)
    return rows


def _scan_rows(con: Any, table: str, groups: list[list[str]], limit: int) -> list[dict[str, Any]]:
    """Rows of a table without a full-text index: its text columns folded and matched in Python."""
    spec = TABLES[table]
    cols = [c.name for c in spec.columns if c.kind in ("str", "json") and c.name != "doc_id"]
    patterns = [regex.compile(r"(?<!\w)" + r"\W+".join(regex.escape(t) for t in g) + r"(?!\w)") for g in groups]
    args = ", ".join(q(c) for c in cols)

    def score(*values: str | None) -> int:
        folded = fold_search(" · ".join(v for v in values if v))
        counts = [len(p.findall(folded)) for p in patterns]
        return sum(counts) if all(counts) else 0

    con.create_function("vn_score", -1, score, deterministic=True)
    key = q(spec.key)
    sql = (f"select * from (select t.*, vn_score({args}) as score from {q(table)} as t) "
           f"where score > 0 order by score desc, {q('doc_id')}, {key} limit ?")
    out = []
    for row in con.execute(sql, (limit,)).fetchall():
        data = dict(row)
        data["body"] = " · ".join(str(data[c]) for c in cols if data.get(c))
        row_id = data.pop(spec.key) if spec.key != "doc_id" else None
        fields = {k: v for k, v in data.items() if k != "text" and not k.endswith("_folded")}
        fields.update(row_id=row_id, body_folded=None, score=-float(data["score"]))  # like bm25: lower is better
        out.append(fields)
    return out


def highlight(text: str, tokens: list[str], folded: str | None = None,
              marks: tuple[str, str] = ("«", "»"), width: int = 160) -> str:
    """A window of ``text`` around the densest match with each matched word marked.

    >>> highlight("Đạt danh hiệu Lao động tiên tiến cho 59 cá nhân", ["lao", "dong"])
    'Đạt danh hiệu «Lao» «động» tiên tiến cho 59 cá nhân'
    """
    folded = folded if folded is not None and len(folded) == len(text) else fold_search(text)
    if not tokens or not text:
        return _flat(text[:width])
    pattern = regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(t) for t in set(tokens)) + r")(?!\w)")
    found = list(pattern.finditer(folded))
    if not found:
        return _flat(text[:width]) + ("…" if len(text) > width else "")
    best = max(found, key=lambda m: len({x.group() for x in found if m.start() <= x.start() < m.start() + width}))
    start = max(0, best.start() - width // 4)
    end = min(len(text), start + width)
    while start > 0 and not text[start - 1].isspace() and best.start() - start < width // 2:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - start < width + 20:
        end += 1
    out, pos = [], start
    for m in found:
        if m.start() >= start and m.end() <= end:
            out += [text[pos:m.start()], marks[0], text[m.start():m.end()], marks[1]]
            pos = m.end()
    out.append(text[pos:end])
    return ("…" if start > 0 else "") + _flat("".join(out)) + ("…" if end < len(text) else "")


def _flat(s: str) -> str:
    return " ".join(s.split())
