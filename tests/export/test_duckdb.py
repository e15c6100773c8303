"""The Parquet tables of a run read directly in DuckDB (the query shown in the README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_extract.store.parquet import read_parquet

duckdb = pytest.importorskip("duckdb")

# Kept verbatim in docs/notes/postgres.md: run from the folder that holds out/.
QUERY = """
SELECT a.year, coalesce(a.level, '') AS level, a.award,
       count(*) AS statements, sum(a.total) AS recipients,
       count(DISTINCT a.doc_id) AS documents, min(d.date) AS first_decision
FROM 'out/parquet/awards.parquet' AS a
JOIN 'out/parquet/documents.parquet' AS d USING (doc_id)
WHERE a.status = 'conferred'
GROUP BY ALL
ORDER BY a.year DESC NULLS LAST, statements DESC, a.award
"""


def test_awards_by_year_and_level_from_parquet_in_duckdb(corpus_run: Path, monkeypatch) -> None:
    monkeypatch.chdir(corpus_run.parent)
    assert corpus_run.name == "out"
    got = duckdb.sql(QUERY).fetchall()
    frames = read_parquet(corpus_run)
    awards = frames["awards"]
    conferred = awards[awards["status"] == "conferred"].merge(frames["documents"][["doc_id", "date"]], on="doc_id")
    assert sum(r[3] for r in got) == len(conferred) > 10
    assert len(got) == len(conferred.groupby([conferred["year"].fillna(-1), conferred["level"].fillna(""),
                                               "award"]))
    by_award = conferred.groupby("award").size().to_dict()
    lao = [r for r in got if r[2] == "Lao động tiên tiến"]
    assert sum(r[3] for r in lao) == by_award["Lao động tiên tiến"]
    assert all(r[6] is None or len(r[6]) == 10 for r in got)  # ISO dates from the documents table
    years = [r[0] for r in got if r[0] is not None]
    assert years == sorted(years, reverse=True)
