"""``vnadmin-extract search OUTDIR "query"``: ranked matches, accents optional, evidence highlighted."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import UsageError

NAME = "search"
HELP = 'search OUTDIR/vnadmin.db without needing diacritics ("lao dong tien tien")'


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a folder with vnadmin.db")
    p.add_argument("query", help='words to find, with or without diacritics; "words in quotes" as a phrase')
    # Table names are checked in run(): importing the store here would slow every command's start.
    p.add_argument("--table", default="documents", metavar="TABLE",
                   help="the table to search: documents (default: titles and texts), awards, recipients, or any other "
                        "table of the run (sections, entities, persons, legal_refs, ...)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N matches (default 10)")
    p.add_argument("--json", action="store_true", help="one JSON object per match")


def run(args: argparse.Namespace) -> int:
    from ..store.paths import DATABASE
    from ..store.search import search

    db = Path(args.outdir) / DATABASE
    if not db.is_file():
        raise UsageError(f"no {DATABASE} in {args.outdir} (make it with 'vnadmin-extract load {args.outdir}')")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    from ..store.tables import TABLES

    if args.table not in TABLES:
        raise UsageError(f"no table {args.table!r}; the tables are {', '.join(TABLES)}")
    tty = sys.stdout.isatty()
    marks = ("\033[1;33m", "\033[0m") if tty and not args.json else ("«", "»")
    hits = search(db, args.query, table=args.table, limit=args.limit, marks=marks)
    for hit in hits:
        if args.json:
            print(json.dumps({"rank": hit.rank, "doc_id": hit.doc_id, "row_id": hit.row_id, "score": hit.score,
                              "snippet": hit.snippet, **hit.fields}, ensure_ascii=False))
            continue
        f = hit.fields
        if args.table not in ("awards", "documents"):
            label = f.get("name") or f.get("raw") or f.get("heading") or f.get("award") or f.get("code") or ""
            head = f"{hit.rank}. {args.table} {hit.doc_id}#{hit.row_id}  {label}"
        elif args.table == "awards":
            head = (f"{hit.rank}. {f.get('award')} [{f.get('status')}, {f.get('year')}, total {f.get('total')}]"
                    f"  {hit.doc_id}#{hit.row_id}  {f.get('title') or f.get('path') or ''}")
        elif args.table == "recipients":
            head = (f"{hit.rank}. {f.get('name')} ({f.get('kind')}): {f.get('award')} [{f.get('status')}, "
                    f"{f.get('year')}]  {f.get('issuer') or ''} {f.get('doc_number') or ''}/{f.get('doc_symbol') or ''} "
                    f"{f.get('doc_date') or ''}  {hit.doc_id}#award{f.get('award_id')}")
        else:
            head = f"{hit.rank}. {f.get('title') or '(no title)'}  {hit.doc_id}  {f.get('date') or ''}  {f.get('path')}"
        print(head)
        print(f"   {hit.snippet}")
    if not hits:
        print("no matches" + _no_text_note(db, args.table), file=sys.stderr)
    return 0


def _no_text_note(db: Path, table: str) -> str:
    """Why nothing was found when the run kept no text (``run --no-text``)."""
    from ..store.sqlite import connect_readonly

    if table != "documents":
        return ""
    con = connect_readonly(db)
    try:
        with_text = con.execute("select count(*) from documents where text is not null").fetchone()[0]
    finally:
        con.close()
    if with_text:
        return ""
    return (" in the titles: this run was made with --no-text, so the texts are not in the database and "
            "text search needs them (run again without --no-text; awards and the other tables are searchable)")
