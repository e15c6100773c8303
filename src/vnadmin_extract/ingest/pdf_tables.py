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

import bisect
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
    """Thin horizontal and vertical path objects of a page (inside form XObjects too).

    Through PDFium's C API directly: the wrapper objects of ``page.get_objects`` cost more than
    the rest of the page's reading on text-heavy pages."""
    import ctypes

    import pypdfium2.raw as c

    path_type, form_type = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    box = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    out: list[Rule] = []
    seen = 0
    stack: list[tuple[Any, bool]] = [(page.raw, False)]
    while stack:
        parent, is_form = stack.pop()
        count = c.FPDFFormObj_CountObjects(parent) if is_form else c.FPDFPage_CountObjects(parent)
        for k in range(max(0, count)):
            obj = c.FPDFFormObj_GetObject(parent, k) if is_form else c.FPDFPage_GetObject(parent, k)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == form_type and len(stack) < 3:
                stack.append((obj, True))
                continue
            if kind != path_type:
                continue
            seen += 1
            if seen > MAX_OBJECTS:
                return []
            if not c.FPDFPageObj_GetBounds(obj, *box):
                continue
            w, h = right.value - left.value, top.value - bottom.value
            if h <= THIN and w >= MIN_RULE:
                out.append(Rule(True, height - (top.value + bottom.value) / 2, left.value, right.value))
            elif w <= THIN and h >= MIN_RULE:
                out.append(Rule(False, (left.value + right.value) / 2, height - top.value, height - bottom.value))
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

    # A grid is connected through its crossings: each horizontal rule is joined to the vertical
    # ones it meets (found by bisecting the verticals sorted by x, not by testing every pair).
    vs = sorted((r.at, i) for i, r in enumerate(found) if not r.horizontal)
    xs = [x for x, _ in vs]
    for i, h in enumerate(found):
        if not h.horizontal:
            continue
        for _, j in vs[bisect.bisect_left(xs, h.lo - TOL):bisect.bisect_right(xs, h.hi + TOL)]:
            if _touch(h, found[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(found):
        groups.setdefault(root(i), []).append(r)
    out: list[Table] = []
    for group in groups.values():
        across = [r for r in group if r.horizontal]
        down = [r for r in group if not r.horizontal]
        cols, rows = _merge([r.at for r in down]), _merge([r.at for r in across])
        if len(cols) < 3 or len(rows) < 3:
            continue
        table = Table(cols, rows, down)
        # A grid most of whose rows are ruled into every column. Rules drawn under a few rows
        # only (a price table ruled by row, its columns set by tab stops) leave the layout
        # to the word gaps, which split such columns better than a half-drawn grid.
        full = sum(1 for r in range(len(rows) - 1) if len(table.spans(r)) == len(cols) - 1)
        if full >= FULL_ROWS * (len(rows) - 1):
            out.append(table)
    out.sort(key=lambda t: t.ys[0])
    return out
