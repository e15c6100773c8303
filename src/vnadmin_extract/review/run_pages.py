"""Review pages for the documents of a run, with an index page linking them."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..store.jsonl import iter_records
from ..store.paths import RECORDS
from .page import write_page


def _matches(rec: dict[str, Any], wanted: set[str]) -> bool:
    path = str((rec.get("source") or {}).get("path") or "")
    return rec.get("doc_id") in wanted or path in wanted or any(path.endswith("/" + w) for w in wanted)


def find_records(outdir: str | Path, docs: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Records of the run in ``outdir``: all, or those whose doc_id or source path is in ``docs``."""
    path = Path(outdir) / RECORDS
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: {outdir} is not a vnadmin-extract run")
    wanted = set(docs)
    return [r for r in iter_records(path) if not wanted or _matches(r, wanted)]


def write_run_pages(records: list[dict[str, Any]], folder: str | Path, progress: str | None = None) -> Path:
    """One page per record, ``<doc_id>.html``, and ``index.html`` listing them; returns the index.

    ``progress``: a label; then progress is shown on stderr as ``run`` shows it."""
    from ..batch.progress import Progress

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    shown = Progress(len(records), label=progress) if progress else None
    for rec in records:
        page = write_page(rec, out / f"{rec['doc_id']}.html")
        if shown is not None:
            shown.update(bool(rec.get("error")))
        header = rec.get("header") or {}
        doc_type = (header.get("doc_type") or {}).get("name")
        date = (header.get("date") or {}).get("value")
        issuer = (header.get("issuer") or {}).get("name")
        error = (rec.get("error") or {}).get("code")
        cells = [f'<a href="{page.name}">{html.escape(rec["doc_id"])}</a>',
                 *(html.escape(str(v or "")) for v in (doc_type, date, issuer, header.get("title"),
                                                       (rec.get("source") or {}).get("path"))),
                 str(len(rec.get("entities") or [])), str(len(rec.get("awards") or [])), html.escape(error or "")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if shown is not None:
        shown.close()
    head = "".join(f"<th>{h}</th>" for h in ("document", "type", "date", "issuer", "title", "source", "entities",
                                              "awards", "error"))
    index = out / "index.html"
    index.write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>vnadmin-extract review</title>'
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px}table{border-collapse:collapse;"
        "font-size:13px}td,th{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top}</style></head><body>"
        f"<h1>Review pages ({len(records)} documents)</h1><table><thead><tr>{head}</tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></body></html>\n", encoding="utf-8")
    return index
