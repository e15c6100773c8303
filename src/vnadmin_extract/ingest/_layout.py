"""Layout helpers shared by the readers: two-column blocks and tables as row lines.

The header of an administrative document is two columns side by side (issuer on the
left; national motto and place/date on the right), and so is the signature block (Nơi
nhận on the left, signer on the right). Read line by line they interleave ("UBND TỈNH X
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); the readers give each block whole instead: the left
column's lines, then the right column's. Two side-by-side columns that are not such
blocks (a two-column data table) keep row order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Words that mark a header or signature block in either column (case-insensitive,
# with or without diacritics, as legacy or OCR text may have lost them).
_BLOCK_MARKERS = re.compile(
    r"c[ộo]ng\s+h[òoà]a|đ[ộo]c\s+l[ậa]p|độc lập|h[ạa]nh\s+ph[úu]c|n[ơo]i\s+nh[ậa]n|"
    r"ng[àa]y\s+\S{0,12}\s*th[áa]ng|\b(?:TM|KT|TL|TUQ|Q|T/M|K/T)\s*[./]|"
    r"\bs[ốo]\s*[:.]|ch[ủu]\s+t[ịi]ch|gi[áa]m\s+đ[ốo]c|b[ộo]\s+tr[ưu][ởo]ng|"
    r"th[ủu]\s+tr[ưu][ởo]ng|ủy\s+ban|uỷ\s+ban|ubnd|kính\s+gửi|v/v|-{3,}",
    re.IGNORECASE,
)


def is_header_or_signature(left: Sequence[str], right: Sequence[str]) -> bool:
    """True when two side-by-side columns read as a header or signature block."""
    # NFC: legal-portal pages (vbpl.vn) write some cells decomposed ("BỘ" as B + Ô + U+0323),
    # which the markers, written precomposed, would not match.
    text = unicodedata.normalize("NFC", "\n".join([*left, *right]))
    return len(_BLOCK_MARKERS.findall(text)) >= 1


def table_row_line(cells: Sequence[str]) -> str:
    """One table row as one line: ``| a | b | c |`` (empty cells dropped)."""
    kept = [" ".join(c.split()) for c in cells if c and c.strip()]
    return "| " + " | ".join(kept) + " |" if kept else ""


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as text lines; a two-column header/signature table as two blocks."""
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 2:
        left = [r[0] for r in rows if r and r[0]]
        right = [r[1] for r in rows if len(r) > 1 and r[1]]
        if is_header_or_signature(left, right):
            return [*left, *right]
    if ncols <= 1:
        return [r[0] for r in rows if r and r[0]]
    if ncols >= 3:
        return data_table_lines(rows)
    return [line for line in (table_row_line(r) for r in rows) if line]


DATA_CELL_SEP = " │ "


def data_table_lines(rows: list[list[str]]) -> list[str]:
    """A data table (three columns or more: STT | Họ và tên | Chức vụ, đơn vị) as one line per row,
    cells joined by " │ " and rows apart by a blank line. Not "| a | b |": normalization reads
    ASCII pipes as Markdown residue and puts each cell on its own line, which loses the row
    (the award recipients stage reads lists row by row); the box-drawing bar is left alone and
    the blank line keeps rows from being joined. Empty cells stay so that columns line up;
    trailing ones go, and a row with one filled cell is that cell alone (a heading inside the table).
    A blank line before the first row and after the last keeps the paragraphs around the table
    (a "(Kèm theo Quyết định ...)" line above, a closing sentence below) off its rows.
    """
    out: list[str] = []
    for r in rows:
        cells = [" ".join(c.split()) for c in r]
        while cells and not cells[-1]:
            cells.pop()
        filled = [c for c in cells if c]
        if not filled:
            continue
        line = filled[0] if len(filled) == 1 else DATA_CELL_SEP.join(cells).strip()
        out += ["", line]
    return [*out, ""] if out else out


@dataclass
class Segment:
    """A run of text on one line between wide gaps; x in points or character columns."""

    x0: float
    x1: float
    text: str


def order_columns(
    lines: Sequence[Sequence[Segment]],
    *,
    tol: float,
    gaps: Sequence[float] | None = None,
    max_gap: float | None = None,
    originals: Sequence[str] | None = None,
) -> list[str]:
    """Lines of text in reading order, two-column header/signature regions as blocks.

    ``lines`` are the segments of each line, left to right (an empty list is a blank
    line). A region starts at a line with exactly two segments and goes on while lines
    fit the same gutter: two segments either side of it, or one segment within one
    column (``tol`` is the slack in x). ``gaps`` (the vertical gap above each line) and
    ``max_gap`` end a region at a wide vertical gap. Other lines with several segments
    are table rows (``| a | b |``), or the line as given in ``originals``.
    """
    out: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if len(line) >= 2:
            region = _region(lines, i, tol, gaps, max_gap)
            if region is not None:
                end, left, right = region
                if is_header_or_signature(left, right):
                    out.extend(left)
                    out.extend(right)
                    i = end
                    continue
        out.append(originals[i] if originals is not None else _line_text(line))
        i += 1
    return out


def _split_at(line: Sequence[Segment], g0: float, g1: float, tol: float) -> tuple[str, str] | None:
    """Split a multi-segment line at the gutter ``[g0, g1]``: (left text, right text)."""
    left = [s for s in line if s.x1 <= g1 + tol and s.x0 < g1]
    right = [s for s in line if s.x0 >= g0 - tol and s not in left]
    if not left or not right or len(left) + len(right) != len(line):
        return None
    if max(s.x1 for s in left) > min(s.x0 for s in right) + tol:
        return None
    return " ".join(s.text for s in left), " ".join(s.text for s in right)


def _line_text(line: Sequence[Segment]) -> str:
    if not line:
        return ""
    if len(line) == 1:
        return line[0].text
    return table_row_line([s.text for s in line])


def _region(
    lines: Sequence[Sequence[Segment]], start: int, tol: float,
    gaps: Sequence[float] | None, max_gap: float | None,
) -> tuple[int, list[str], list[str]] | None:
    """The two-column region starting at ``start``: ``(end, left lines, right lines)``.

    One-sided lines join while they touch the region; after a blank line they join only
    if another two-segment line follows (a centred title below the header does not).
    """
    first = lines[start]
    # The gutter is the widest gap of the first line.
    k = max(range(len(first) - 1), key=lambda t: first[t + 1].x0 - first[t].x1)
    g0, g1 = first[k].x1, first[k + 1].x0
    lx0, rx0 = first[0].x0, first[k + 1].x0
    # Header columns are centred: a longer line of the left block ("TRƯỜNG ĐẠI HỌC CÔNG
    # THƯƠNG" under "BỘ CÔNG THƯƠNG") starts well left of the first one but shares its centre.
    lc = (first[0].x0 + first[k].x1) / 2
    left: list[str] = [" ".join(s.text for s in first[:k + 1])]
    right: list[str] = [" ".join(s.text for s in first[k + 1:])]
    pending: list[tuple[int, str]] = []  # (side, text) waiting for a two-segment line
    end = start + 1
    blank_run = 0
    j = start + 1
    while j < len(lines):
        line = lines[j]
        if max_gap is not None and gaps is not None and gaps[j] > max_gap:
            break
        if not line:
            blank_run += 1
            if blank_run > 2:
                break
            j += 1
            continue
        split = _split_at(line, g0, g1, tol) if len(line) >= 2 else None
        if split is not None:
            for side, text in pending:
                (left if side == 0 else right).append(text)
            pending.clear()
            left.append(split[0])
            right.append(split[1])
            end = j + 1
        elif len(line) == 1 and (
            (line[0].x1 <= g1 + tol and (line[0].x0 >= lx0 - 4 * tol
                                         or abs((line[0].x0 + line[0].x1) / 2 - lc) <= 2 * tol))
            or line[0].x0 >= rx0 - tol
        ):
            side = 0 if line[0].x1 <= g1 + tol and line[0].x0 < rx0 - tol else 1
            if blank_run or pending:
                pending.append((side, line[0].text))
            else:
                (left if side == 0 else right).append(line[0].text)
                end = j + 1
        else:
            break
        blank_run = 0
        j += 1
    return end, left, right


_WIDE_GAP = re.compile(r"\t+| {4,}")


def text_line_segments(line: str) -> list[Segment]:
    """Segments of a plain-text line laid out with spaces or tabs (character columns)."""
    expanded = line.expandtabs(8)
    segs: list[Segment] = []
    stripped = expanded.rstrip()
    start = len(stripped) - len(stripped.lstrip())
    for m in _WIDE_GAP.finditer(stripped, start):
        if m.start() > start:
            segs.append(Segment(start, m.start(), stripped[start:m.start()].strip()))
        start = m.end()
    if start < len(stripped):
        segs.append(Segment(start, len(stripped), stripped[start:].strip()))
    return segs


def order_text_columns(text: str) -> str:
    """``order_columns`` for text laid out with spaces (antiword, catdoc, unrtf output)."""
    raw_lines = text.split("\n")
    segs = [text_line_segments(line) for line in raw_lines]
    return "\n".join(order_columns(segs, tol=2, originals=raw_lines))
