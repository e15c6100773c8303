"""Ruled tables of a text-layer PDF: rows of cells from the page's drawn rules.

A list of recipients set as a ruled table ("STT | Họ và tên | Chức vụ | Đơn vị") reaches the
word-position layout as lines whose cells wrap on several baselines; grouped by baseline the
rows interleave ("1 Hoàng Văn Thắng 2 Nguyễn Thị Lệ ... Phó Chủ tịch UBND xã ..."). The rules
the producer drew (thin path objects, one a line or a cell border) give the grid instead:

1. rules = path objects thinner than ``THIN`` points and longer than ``MIN_RULE`` (PDFium's
   bounds of each object, top-left origin);
2. a table = a connected set of horizontal and vertical rules with at least three of each
   (two rows or columns at least; a page frame or an underline is not one), most of whose
   rows are ruled into all its columns (a half-drawn grid is left to the word layout);
3. rows between consecutive horizontal rules, columns between the vertical ones; a missing
   vertical rule inside a row merges the cells either side ("I. TẬP THỂ" across the table);
4. each word goes to the cell holding its centre; a cell's words, line by line, make its text.

Each row is then one line of text with its cells joined by ``CELL_SEP`` (the separator the
spreadsheet reader uses and the recipients stage reads). Paths drawn as one object with many
segments (one path for the whole grid) are not split here: such tables keep the plain layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

THIN = 3.0  # points: a rule is thinner than this
MIN_RULE = 8.0  # points: and longer than this
TOL = 2.5  # points: rules this close touch, coordinates this close are one
FULL_ROWS = 0.6  # share of a table's rows that must have a rule between every two columns
MAX_OBJECTS = 5000  # path objects looked at on a page (a vector drawing is not a table)


@dataclass
class Rule:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    lo: float  # extent along the rule
    hi: float


@dataclass
class Table:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    verticals: list[Rule] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 - TOL <= x <= x1 + TOL and y0 - TOL <= y <= y1 + TOL

    def spans(self, row: int) -> list[tuple[int, int]]:
        """Column ranges ``(first, last)`` of the cells of ``row``; merged cells span several."""
        top, bottom = self.ys[row], self.ys[row + 1]
        mid_lo, mid_hi = top + 0.25 * (bottom - top), bottom - 0.25 * (bottom - top)
        out: list[tuple[int, int]] = []
        first = 0
        for k in range(1, len(self.xs) - 1):
            x = self.xs[k]
            ruled = any(abs(v.at - x) <= TOL and v.lo <= mid_lo + TOL and v.hi >= mid_hi - TOL for v in self.verticals)
            if ruled:
                out.append((first, k - 1))
                first = k
        out.append((first, len(self.xs) - 2))
        return out


def rules(page: Any, height: float) -> list[Rule]:
    """Thin horizontal and vertical path objects of a page."""
    import pypdfium2.raw as pdfium_c

    out: list[Rule] = []
    for n, obj in enumerate(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3)):
        if n >= MAX_OBJECTS:
            return []
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # an object PDFium cannot measure is no rule
            continue
        w, h = right - left, top - bottom
        if h <= THIN and w >= MIN_RULE:
            out.append(Rule(True, height - (top + bottom) / 2, left, right))
        elif w <= THIN and h >= MIN_RULE:
            out.append(Rule(False, (left + right) / 2, height - top, height - bottom))
    return out


def _touch(a: Rule, b: Rule) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= TOL and a.lo <= b.hi + TOL and b.lo <= a.hi + TOL
    h, v = (a, b) if a.horizontal else (b, a)
    return h.lo - TOL <= v.at <= h.hi + TOL and v.lo - TOL <= h.at <= v.hi + TOL


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def tables(found: list[Rule]) -> list[Table]:
    """Connected groups of rules that make a grid of at least two rows and two columns."""
    if len(found) < 6:
        return []
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            if _touch(found[i], found[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(found):
        groups.setdefault(root(i), []).append(r)
    out: list[Table] = []
    for group in groups.values():
        hs = [r for r in group if r.horizontal]
        vs = [r for r in group if not r.horizontal]
        xs, ys = _merge([r.at for r in vs]), _merge([r.at for r in hs])
        if len(xs) < 3 or len(ys) < 3:
            continue
        table = Table(xs, ys, vs)
        # A grid most of whose rows are ruled into every column. Rules drawn under a few rows
        # only (a price table ruled by row, its columns set by tab stops) leave the layout
        # to the word gaps, which split such columns better than a half-drawn grid.
        full = sum(1 for r in range(len(ys) - 1) if len(table.spans(r)) == len(xs) - 1)
        if full >= FULL_ROWS * (len(ys) - 1):
            out.append(table)
    out.sort(key=lambda t: t.ys[0])
    return out
