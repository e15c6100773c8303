"""Award statements read from summary tables: one row per award, counts in columns.

Emulation and commendation offices report their year in standard tables ("BẢNG TỔNG HỢP HÌNH
THỨC KHEN THƯỞNG CẤP NHÀ NƯỚC NĂM 2022", the Biểu mẫu of Thông tư 12/2019/TT-BNV and their
successors), in DOCX, spreadsheets and PDF: no sentence says who received what, the column
headings do. A row is read when a cell at its start names an award and other cells hold
numbers; each number is placed by the headings above its column:

- the status: "... đã được trình đề nghị khen thưởng" proposed, "... đã có quyết định khen
  thưởng", "Số lượng khen thưởng trong năm" conferred (word lists ``table_*_columns`` in
  ``patterns/award_rules.yaml``); a column with neither is not read;
- the kind: "SL tập thể" collectives, "Số cá nhân" individuals, "Tổng số" the total; the
  lowest heading with a kind decides ("Tổng số tập thể, cá nhân ..." over "SL tập thể");
- breakdown columns ("Khen thưởng theo công trạng", "... cho Doanh nghiệp", "Tỷ lệ") are parts
  of a count already read and are skipped.

The readers keep every row on the table's grid (a heading spanning columns is followed by
empty cells), so an empty heading cell takes the heading to its left. A number typed in the
column of a kind the award cannot have ("Bà mẹ Việt Nam anh hùng" under "SL tập thể") is
counted in the total only. Rows that sum others ("Cộng", "Tổng cộng") are not statements.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from ...document import Line
from ...rules import awards as tax
from ...schema import Award
from ...vietnamese import fold
from .context import DocState
from .status import normative
from .words import words

SEP = " │ "
MAX_GAP = 12  # lines without cells inside one table (a cell's paragraphs, a heading row)
_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{1,6}")
_YEAR = re.compile(r"(?i)\bnăm\s+((?:19|20)\d\d)\b")
_GIVER = re.compile(r"\bcủa\s+(.+)$")


@functools.cache
def _vocab(list_id: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in words(list_id))


def _has(text: str, list_id: str) -> bool:
    low = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in _vocab(list_id))


@dataclass
class _Column:
    status: str | None  # "proposed", "conferred" or None (not read)
    kind: str | None  # "collectives", "individuals", "total"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split(SEP.strip())]


def _number(cell: str) -> int | None:
    m = _NUMBER.fullmatch(cell.strip())
    return int(re.sub(r"[.,]", "", m.group())) if m else None


def _numbering(cells: list[str]) -> bool:
    """The row that numbers the columns ("1 │ 2 │ 3 │ ... │ 19")."""
    nums = [_number(c.split("(")[0]) for c in cells if c]
    return len(nums) >= 3 and all(n is not None for n in nums) and \
        sum(1 for a, b in itertools.pairwise(nums) if a is not None and b == a + 1) >= len(nums) // 2


def _heading_path(header: list[list[str]], j: int) -> list[str]:
    """The headings above column ``j``, top first; an empty cell takes the heading to its left
    (a heading spanning columns), never the row's index or name cells."""
    path = []
    for row in header:
        k = j
        while 2 <= k < len(row) + 1 and (k >= len(row) or not row[k]):
            k -= 1
        if 2 <= k < len(row) and row[k]:
            path.append(row[k])
    return path


def _column(path: list[str]) -> _Column:
    if any(_has(h, "table_breakdown_columns") for h in path):
        return _Column(None, None)
    status = None
    for h in path:
        if _has(h, "table_proposed_columns"):
            status = "proposed"
        elif _has(h, "table_conferred_columns") and status is None:
            status = "conferred"
    kind = None
    for h in reversed(path):
        col, ind = _has(h, "table_collective_columns"), _has(h, "table_individual_columns")
        if col != ind:
            kind = "collectives" if col else "individuals"
            break
        if _has(h, "table_total_columns") or (col and ind):
            kind = "total"
            break
    return _Column(status, kind or "total")


def find(st: DocState, lo: int, hi: int) -> list[tuple[int, int]]:
    """Statements of the summary tables in ``[lo, hi)``; returns the spans of the rows read."""
    doc = st.doc
    if SEP not in st.text[lo:hi]:
        return []  # no table: most documents, on every run
    header: list[list[str]] = []
    last_row_line = -MAX_GAP - 1
    previous = "none"  # what the last row was: "header", "data"
    read: list[tuple[int, int]] = []
    first, last = doc.line_index(lo), doc.line_index(max(lo, hi - 1))
    title_year: int | None = None
    for i in range(first, last + 1):
        ln = doc.lines[i]
        if SEP not in ln.text:
            m = _YEAR.search(ln.text)
            if m and i - last_row_line > 1:
                title_year = int(m.group(1))  # the table's title line ("... NĂM 2022")
            continue
        cells = _cells(ln.text)
        if i - last_row_line > MAX_GAP:
            header, previous = [], "none"
        last_row_line = i
        mention = _award_cell(cells)
        numbers = [(j, _number(c)) for j, c in enumerate(cells) if _number(c) is not None]
        if _numbering(cells):
            previous = "numbering"
            continue
        if mention is None or not [j for j, _n in numbers if j > 1]:
            headings = [c for c in cells[2:] if c and _number(c) is None]
            if len(headings) < 2:
                continue  # a group's label ("2 │ Danh hiệu vinh dự nhà nước"), a total, an empty row
            if previous == "data":
                header = []  # headings after data rows: the next table's
            header.append(cells)
            previous = "header"
            continue
        previous = "data"
        if _statements(st, ln, cells, mention, header, title_year):
            read.append((ln.start, ln.end))
    return read


def _award_cell(cells: list[str]) -> tuple[tax.AwardMention, str] | None:
    for cell in cells[:3]:
        if not cell or _number(cell) is not None:
            continue
        found = tax.find_mentions(cell)
        if found and found[0].start <= 2:
            return found[0], cell
        return None
    return None


def _statements(st: DocState, ln: Line, cells: list[str], mention: tuple[tax.AwardMention, str],
                header: list[list[str]], title_year: int | None) -> bool:
    doc = st.doc
    m, raw = mention
    counts: dict[str, dict[str, int]] = {}
    for j, cell in enumerate(cells):
        n = _number(cell)
        if j < 2 or n is None or n == 0:
            continue
        col = _column(_heading_path(header, j))
        if col.status and col.kind:
            counts.setdefault(col.status, {}).setdefault(col.kind, n)
    if not counts:
        return False
    if _has(cells[0] or cells[1], "table_total_rows") and not _has(raw, "table_total_rows"):
        return False
    start, end = ln.start, ln.end
    giver = _GIVER.search(raw)
    year = title_year or _doc_year(st)
    # a law's or circular's table sets rules (quotas, examples); a filled form reports
    rule = normative(st) in ("type", "number")
    for status, c in counts.items():
        collectives, individuals, total = c.get("collectives"), c.get("individuals"), c.get("total")
        kind = m.entry.recipient
        if kind == "individual" and collectives is not None and individuals is None:
            total, collectives = total or collectives, None  # under "SL tập thể": the kind is in doubt
        if kind == "collective" and individuals is not None and collectives is None:
            total, individuals = total or individuals, None
        if total is None:
            parts = [v for v in (collectives, individuals) if v is not None]
            total = sum(parts) if parts else None
        doc.awards.append(Award(
            award=m.canonical, award_raw=raw, category=m.entry.category, level=m.entry.level,  # type: ignore[arg-type]
            conferred_by=giver.group(1).strip() if giver else None, status="rule" if rule else status,  # type: ignore[arg-type]
            collectives=collectives, individuals=individuals, total=total, recipients=[], year=year,
            section=doc.section_at(start), start=start, end=end,
            evidence={"counts": "table_columns", "conferred_by": "award_name" if giver else "none",
                      "status": "table_heading", "year": "table_title" if title_year else "document_date_year"},
        ))
    return True


def _doc_year(st: DocState) -> int | None:
    d = st.doc.header.date
    value = d.value if d else None
    return int(value[:4]) if value and value[:4].isdigit() else None

