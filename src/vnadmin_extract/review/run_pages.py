"""Review pages for the documents of a run, with an index page linking them."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.jsonl import iter_records
from ..store.paths import RECORDS
from .page import write_page

if TYPE_CHECKING:
    from .scan_pane import ScanPages

_SAFE_NAME = re.compile(r"[0-9A-Za-z_-]{1,64}")


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def page_name(rec: dict[str, Any]) -> str:
    """``<doc_id>.html``; a doc_id that is not a plain name (``../x``, markup) is hashed, so
    a record can never put a page outside the folder."""
    doc_id = str(rec.get("doc_id"))
    if _SAFE_NAME.fullmatch(doc_id):
        return f"{doc_id}.html"
    return f"doc-{hashlib.sha256(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.html"


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
    """``write_run_pages_counted`` without the count."""
    return write_run_pages_counted(records, folder, progress)[0]


def write_run_pages_counted(records: list[dict[str, Any]], folder: str | Path,
                            progress: str | None = None,
                            scans: Callable[[dict[str, Any]], ScanPages | None] | None = None) -> tuple[Path, int]:
    """One page per record, ``<doc_id>.html``, and ``index.html`` listing them; returns the index.

    A record whose page cannot be made is listed in the index with the reason, and the
    other pages are still written; returns the index and how many pages failed.
    ``progress``: a label; then progress is shown on stderr as ``run`` shows it. ``scans``: gives
    a record's page images (``highlight --run --page-images``)."""
    from ..batch.progress import Progress

    shown = Progress(len(records), label=progress) if progress else None
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    failed = 0
    for rec in records:
        try:
            scan = scans(rec) if scans is not None else None
            name: str | None = write_page(rec, out / page_name(rec), scan=scan).name
        except Exception as exc:  # one record that cannot be drawn must not stop the others
            failed += 1
            name = None
            problem = f"page not written: {type(exc).__name__}: {exc}"
        if shown is not None:
            shown.update(bool(rec.get("error")) or name is None)
        header = _obj(rec.get("header"))
        doc_type = _obj(header.get("doc_type")).get("name")
        date = _obj(header.get("date")).get("value")
        issuer = _obj(header.get("issuer")).get("name")
        error = _obj(rec.get("error")).get("code")
        doc = html.escape(str(rec["doc_id"]))
        cells = [f'<a href="{html.escape(name)}">{doc}</a>' if name else doc,
                 *(html.escape(str(v or "")) for v in (doc_type, date, issuer, header.get("title"),
                                                       _obj(rec.get("source")).get("path"))),
                 str(len(rec.get("entities") or [])), str(len(rec.get("awards") or [])),
                 html.escape(error or "") if name else html.escape(problem)]
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
    return index, failed
