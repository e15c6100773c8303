"""Figures for `vnadmin-extract export --to postgresql://...`: rows per second on a 10,000-document run.

    python benchmarks/bench_export.py                      # a throwaway cluster (needs PostgreSQL binaries)
    python benchmarks/bench_export.py --docs 10000 --to postgresql://me@localhost/bench --json out.json

Synthesizes a run by repeating the records of corpus/documents with new doc_ids (the rows
are real rows; only the ids differ), then measures on an empty schema:

- the first export (every document new: COPY into tables with keys and indexes);
- the same export again (nothing changed: digests compared, no row written);
- an export after 1% of the documents changed (delete + COPY of those documents).

Row counts in PostgreSQL are checked against the rows the Parquet tables would hold.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

from vnadmin_extract import extract_file
from vnadmin_extract.store.postgres import export_rows
from vnadmin_extract.store.tables import TABLES, record_rows

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def corpus_records() -> list[dict]:
    return [extract_file(p).model_dump(mode="json") for p in sorted((REPO / "corpus" / "documents").iterdir())]


def synthesize(base: list[dict], n: int) -> list[dict]:
    out = []
    for k in range(n):
        rec = copy.deepcopy(base[k % len(base)])
        rec["doc_id"] = f"{k:016x}"
        out.append(rec)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--to", metavar="URL", help="an existing database (default: a throwaway cluster)")
    ap.add_argument("--schema", default="vnadmin_bench")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()

    cluster = None
    dsn = args.to
    if dsn is None:
        from export.pgcluster import find_bindir, make_cluster

        bindir = find_bindir()
        if bindir is None:
            print("no PostgreSQL binaries: give --to URL", file=sys.stderr)
            return 2
        cluster = make_cluster(bindir)
        cluster.start()
        dsn = cluster.dsn
    try:
        records = synthesize(corpus_records(), args.docs)
        t0 = time.perf_counter()
        rows = record_rows(records)
        prep = time.perf_counter() - t0
        total = sum(len(r) for r in rows.values())
        figures: dict[str, object] = {"documents": args.docs, "rows": {t: len(r) for t, r in rows.items()},
                                      "rows_total": total, "record_rows_seconds": round(prep, 2)}
        first = export_rows(rows, dsn, args.schema)
        figures["first_export_seconds"] = round(first.seconds, 2)
        figures["first_export_rows_per_second"] = round(total / first.seconds)
        again = export_rows(rows, dsn, args.schema)
        figures["unchanged_export_seconds"] = round(again.seconds, 2)
        assert sum(again.rows.values()) == 0 and again.unchanged == args.docs
        for rec in records[:: 100]:
            rec.setdefault("warnings", []).append({"code": "W_BENCH", "message": "changed"})
        rows = record_rows(records)
        changed = export_rows(rows, dsn, args.schema)
        figures["changed_1pct_export_seconds"] = round(changed.seconds, 2)
        figures["changed_documents"] = len(changed.replaced)
        import psycopg

        with psycopg.connect(dsn) as con:
            counts = {t: con.execute(f'select count(*) from "{args.schema}"."{t}"').fetchone()[0] for t in TABLES}
        assert counts == {t: len(r) for t, r in rows.items()}, counts
        figures["row_counts_match"] = True
    finally:
        if cluster is not None:
            cluster.stop()
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
