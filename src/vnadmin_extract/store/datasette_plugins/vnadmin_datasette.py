"""The Datasette plugin of vnadmin-extract (loaded by ``serve`` with ``--plugins-dir``).

- ``fold(text)`` in SQL: the search fold, so canned queries ignore accents ("ND-CP" finds "NĐ-CP");
- award rows link to their document and to their evidence in the review page; a document's
  award count links to its awards;
- ``/-/review/<doc_id>``: the review page of a document (``vnadmin-extract highlight``), made
  on request from records.jsonl;
- the column descriptions of a table fold into one "column descriptions" line (each one is
  also in its column's menu), so the rows come first.
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from vnadmin_extract.review import build_page
from vnadmin_extract.store.datasette import PLUGIN, register_functions

_LOCK = threading.Lock()
_OFFSETS: dict[str, Any] = {}  # records path -> (mtime, size, {doc_id: byte offset})


@hookimpl
def prepare_connection(conn: Any) -> None:
    register_functions(conn)


def _config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if value is None or value == "":
        return None
    keys = set(row.keys()) if hasattr(row, "keys") else set()
    reviews = bool(_config(datasette).get("records"))
    if column == "doc_id" and table != "documents":  # awards, other tables and canned queries
        url = datasette.urls.row(database, "documents", str(value))
        return Markup(f'<a href="{escape(url)}" title="the document">{escape(value)}</a>')
    if column == "award_id" and table != "awards" and "doc_id" in keys and row["doc_id"] is not None:
        url = datasette.urls.row(database, "awards", f"{row['doc_id']},{value}")
        return Markup(f'<a href="{escape(url)}" title="the award statement">{escape(value)}</a>')
    if table == "awards" and column == "statement" and reviews and {"doc_id", "award_id"} <= keys:
        url = f"/-/review/{row['doc_id']}?award={row['award_id']}"
        return Markup(f'<a href="{escape(url)}" title="evidence in the review page">{escape(value)}</a>')
    if table == "documents" and column == "n_awards" and "doc_id" in keys:
        url = datasette.urls.table(database, "awards") + f"?doc_id={row['doc_id']}"
        return Markup(f'<a href="{escape(url)}" title="the awards of this document">{escape(value)}</a>')
    if table == "documents" and column == "path" and reviews and "doc_id" in keys:
        return Markup(f'{escape(value)} <a href="/-/review/{escape(row["doc_id"])}">(review page)</a>')
    return None


def _offsets(path: str) -> dict[str, int]:
    st = os.stat(path)
    with _LOCK:
        cached = _OFFSETS.get(path)
        if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
            return cached[2]
        index: dict[str, int] = {}
        with open(path, "rb") as fh:
            pos = 0
            for line in fh:
                head = line[:200]
                at = head.find(b'"doc_id"')
                if at >= 0:  # cheap: doc_id is near the start of every record line
                    try:
                        rest = head[at + 8:].split(b'"', 2)
                        index.setdefault(rest[1].decode(), pos)
                    except (IndexError, UnicodeDecodeError):
                        pass
                pos += len(line)
        _OFFSETS[path] = (st.st_mtime_ns, st.st_size, index)
        return index


def _record(path: str, doc_id: str) -> dict[str, Any] | None:
    offset = _offsets(path).get(doc_id)
    if offset is None:
        return _scan(path, doc_id)
    with open(path, "rb") as fh:
        fh.seek(offset)
        try:
            rec = json.loads(fh.readline())
        except ValueError:
            return None
    return rec if isinstance(rec, dict) and rec.get("doc_id") == doc_id else _scan(path, doc_id)


def _scan(path: str, doc_id: str) -> dict[str, Any] | None:
    from vnadmin_extract.store.jsonl import iter_records

    return next((r for r in iter_records(path) if r.get("doc_id") == doc_id), None)


async def _review(datasette: Any, request: Any) -> Response:
    doc_id = request.url_vars["doc_id"]
    path = _config(datasette).get("records")
    if not path or not os.path.isfile(path):
        return Response.html("<p>No records.jsonl for review pages.</p>", status=404)
    rec = _record(path, doc_id)
    if rec is None:
        return Response.html(f"<p>No document {escape(doc_id)} in this run.</p>", status=404)
    page = build_page(rec)
    award = request.args.get("award")
    if award is not None and award.isdigit():
        # To the award's evidence in the text: the anchor its row in the page links to.
        row = re.search(rf'<tr id="row-award-{award}">(.*?)</tr>', page, re.DOTALL)
        links = re.findall(r'href="#([^"]+)"', row.group(1)) if row else []
        target = links[-1] if links else f"row-award-{award}"
        return Response.redirect(f"/-/review/{doc_id}#{target}")
    return Response.html(page)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/review/(?P<doc_id>[0-9A-Za-z_-]{1,64})$", _review)]


_FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
  var d = document.createElement("details");
  d.className = "vnadmin-column-descriptions";
  var s = document.createElement("summary");
  s.textContent = "Mô tả cột / column descriptions (" + dl.querySelectorAll("dt").length + ")";
  d.appendChild(s);
  dl.parentNode.insertBefore(d, dl);
  d.appendChild(dl);
});
"""


# A row page lists one field a line (name: value) instead of one row 25 columns wide.
_ROW_AS_FIELDS = """
document.querySelectorAll("table.rows-and-columns").forEach(function (t) {
  var names = Array.from(t.querySelectorAll("thead th")).map(function (th) { return th.textContent.trim(); });
  var cells = t.querySelectorAll("tbody tr:first-child td");
  if (t.querySelectorAll("tbody tr").length !== 1 || names.length !== cells.length) return;
  var out = document.createElement("table");
  out.className = "vnadmin-fields";
  names.forEach(function (name, i) {
    var tr = out.insertRow(), th = document.createElement("th"), td = tr.insertCell();
    th.textContent = name; th.style.textAlign = "left"; th.style.paddingRight = "1em";
    th.style.verticalAlign = "top"; tr.insertBefore(th, td);
    td.innerHTML = cells[i].innerHTML; td.className = cells[i].className;
  });
  t.parentNode.replaceChild(out, t);
});
"""


@hookimpl
def extra_body_script(template: str, database: str | None, table: str | None) -> str:
    if template == "table.html":
        return _FOLD_DESCRIPTIONS
    return _ROW_AS_FIELDS if template == "row.html" else ""
