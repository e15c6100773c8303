"""Read a scan's ruled table again, as a region of its own (issue 13, classes 5 and 8).

Tesseract's page layout (``--psm 3``) cuts a ruled table into blocks at its rules and may
take a run of cells for a picture: on the list page of the Sở Tư pháp Tờ trình 2753 ("DANH
SÁCH ... đề nghị xét khen thưởng", columns TT / Tập thể, cá nhân) four of the nine rows are
not among the page's words at all. Cut out, with its rules erased, the same table reads
whole, row by row, as one uniform block (``--psm 6``).

So, on an OCR'd page, the table is found from its rules alone, before any second reading:
ink runs along one pixel row (column) at least ``SEG`` of the page's width (height) long are
rule pixels, not letters; consecutive pixel rows holding them form a horizontal rule when the
rule is at least ``RULE_MIN`` of the width long and thin. ``MIN_RULES`` such rules under one
another, lined up, no row taller than ``ROW_MAX``, crossed by ``MIN_VERT`` vertical rules
over most of their height (``VERT_MIN``), make a ruled table. All of this is counting on a
boolean array at half resolution (a few tens of milliseconds a page); a page without such a
table costs no Tesseract call.

The table's box is cut out, made black and white at ``INK`` (as the signature column,
``ocr_footer``) and its rules erased. The rows with a cell whose print the first reading's
confident words do not cover (``COVERED``) are stacked into one image and read as one block;
a table read well costs no second call. Cell by cell of the grid, the re-read words replace
the first reading when they read better (``ocr_footer._score``: more letters read with
confidence), or fill a cell the first reading left empty or read as noise with the
Vietnamese syllables read there; other cells, and the index column (``NARROW``), stay as
first read. The grid goes with the result (``OcrResult.grids``): the layout reads each row as
one line of cells joined by " │ " (``ocr_layout``), as a text-layer PDF's ruled table; a
two-column grid (an index and a text) as a list line, "2. Công an tỉnh Quảng Bình".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np

from .ocr_footer import INK, MIN_CONF, _inside, _score

if TYPE_CHECKING:
    from .ocr import OcrResult, OcrWord
    from .pdf_tables import Table

SEG = 0.05  # a run of ink this share of the page's width (1 cm on A4) is a rule: no letter or
# word of print is one unbroken run that long along a pixel row
RULE_MIN = 0.3  # a table's horizontal rule spans at least this share of the page's width
# (shorter rules are a header's underline or a signature line)
THICK = 0.012  # a rule, with what skew is left after levelling, is at most this share of the
# page's height tall (42 px at 300 dpi); a taller dark band is a bar, a picture or the page's edge
MIN_RULES = 3  # a table has at least two rows between its rules
ALIGN = 0.8  # rules of one table overlap by this share of the shorter one
ROW_MAX = 0.25  # no row of a table is taller than this share of the page (rules further apart
# are two tables, or a rule under the header and one over the footer)
MIN_VERT = 2  # a ruled table has its two sides (or a side and a column rule)
VERT_MIN = 0.8  # a vertical rule runs along this share of the table's height
VSEG = 0.02  # a vertical run of ink this share of the page's height (6 mm on A4, two lines of
# print) is a rule: no letter is that tall
MARGIN = 4  # pixels kept around the outer rules (the rules themselves are erased)
BETTER = 1.1  # a re-read line replaces the first reading when it scores this much more (a tie
# is two readings of the same print)
FILL_CONF = 30.0  # a cell whose first reading has no word of this confidence was left empty
# (what it holds is a rule's remnants or specks, read at 0-20)
_MARKER_DOTS = re.compile(r"^(\d{1,3})\.{2,}$")  # "4..." for a row's "4.": a speck of the erased
# rule read as dots after it
RULE_MARKS = "_|"  # a rule's remnants stuck to a word once the rule is erased ("TT_")
PRINT_MIN = 150  # pixels of ink in a cell (rules erased) that are print: a digit at 300 dpi has
# 300 or more; what is left of a rule's edge or a speck, fewer
NARROW = 0.08  # a first column narrower than this share of the page's width is an index column
# ("TT" is 7 % of an A4 page's width on 2753): never read again nor replaced. Row numbers are
# read poorly ("Ì.." for "1.") and, taken only on the rows the first reading lost, make a list
# partly numbered, which reads as two lists; a header's "TT" joined to the caption ("TT Tập
# thể, cá nhân ...") is no caption
COVERED = 0.75  # a cell is read when this much of its ink lies inside confident words' boxes
# (the rest: specks, a stroke of a rule the erasing left)
BAND_PAD = 6  # pixels above and below a re-read row (its rules are erased: white)
BAND_GAP = 24  # white pixels between stacked rows (Tesseract keeps them apart as lines)
REREAD_BLOCK = 800  # Tesseract block numbers of re-read table words start here (their own lines)

Box = tuple[float, float, float, float]


def _ink(img: Any) -> np.ndarray:
    """The page's ink at half resolution: a pixel is ink when any of its 2x2 is darker than
    ``INK``. Halving quarters the cost, and the pooling joins a rule's pixels across the
    one-pixel steps of a slight skew."""

    a = np.asarray(img.convert("L") if img.mode != "L" else img)
    h, w = a.shape[0] // 2 * 2, a.shape[1] // 2 * 2
    d = a[:h, :w] < INK
    return d[0::2, 0::2] | d[1::2, 0::2] | d[0::2, 1::2] | d[1::2, 1::2]


def long_runs(ink: np.ndarray, seg: int) -> np.ndarray:
    """The pixels of ``ink`` that lie in a run along their row at least ``seg`` long. Only
    rows with that much ink at all are looked at, and the runs found are rules: a few hundred
    on a page, marked one by one."""
    h, w = ink.shape
    out = np.zeros((h, w), dtype=bool)
    rows = np.flatnonzero(np.count_nonzero(ink, axis=1) >= seg)
    if rows.size == 0:
        return out
    pad = np.zeros((rows.size, w + 2), dtype=np.int8)
    pad[:, 1:-1] = ink[rows]
    step = np.diff(pad.ravel())
    starts, ends = np.flatnonzero(step == 1) + 1, np.flatnonzero(step == -1) + 1
    keep = ends - starts >= seg
    for a, b in zip(starts[keep].tolist(), ends[keep].tolist(), strict=True):
        r = a // (w + 2)
        out[rows[r], a - r * (w + 2) - 1:b - r * (w + 2) - 1] = True
    return out


def _rules(runs: np.ndarray, min_len: float, max_thick: float) -> list[tuple[int, int, int, int]]:
    """Rules among the long runs of ``runs`` (along its rows): groups of consecutive rows
    holding long runs, as (top, bottom, x0, x1) (bottom and x1 exclusive), at least
    ``min_len`` of ink along them and at most ``max_thick`` rows tall."""

    rows = np.flatnonzero(runs.any(axis=1))
    out: list[tuple[int, int, int, int]] = []
    if rows.size == 0:
        return out
    breaks = np.flatnonzero(np.diff(rows) > 1)
    for a, b in zip(np.concatenate(([0], breaks + 1)), np.concatenate((breaks, [rows.size - 1])), strict=True):
        top, bottom = int(rows[a]), int(rows[b]) + 1
        if bottom - top > max_thick:
            continue
        cols = np.flatnonzero(runs[top:bottom].any(axis=0))
        if cols.size >= min_len:
            out.append((top, bottom, int(cols[0]), int(cols[-1]) + 1))
    return out


def tables(img: Any) -> list[tuple[Box, Table]]:
    """The ruled tables of a page image, top to bottom, in its pixels: the box holding the
    table with its rules, and the grid (``pdf_tables.Table``: row boundaries at the middles of
    the horizontal rules, column boundaries at the vertical ones), so that the layout reads
    each row as a line of cells, as on a text-layer PDF."""
    from .pdf_tables import Rule, Table

    ink = _ink(img)
    h, w = ink.shape
    hrules = _rules(long_runs(ink, max(2, round(SEG * w))), RULE_MIN * w, max(2.0, THICK * h))
    groups: list[list[tuple[int, int, int, int]]] = []
    for rule in hrules:  # top to bottom
        last = groups[-1][-1] if groups else None
        if last is not None and rule[0] - last[1] <= ROW_MAX * h and _lined_up(last, rule):
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out: list[tuple[Box, Table]] = []
    width, height = img.size
    for group in groups:
        if len(group) < MIN_RULES:
            continue
        top, bottom = group[0][0], group[-1][1]
        x0, x1 = min(r[2] for r in group), max(r[3] for r in group)
        # Vertical rules: the same counting along the columns of the table's box (transposed),
        # then, for each, the stretches of height it covers (a merged cell interrupts it).
        runs = long_runs(ink[top:bottom, x0:x1].T, max(2, round(VSEG * h)))
        verticals: list[Rule] = []
        full = 0
        for c0, c1, _, _ in _rules(runs, 1, max(2.0, THICK * w)):
            at = 2.0 * (x0 + (c0 + c1) / 2)
            span = np.flatnonzero(runs[c0:c1].any(axis=0))
            breaks = np.flatnonzero(np.diff(span) > 1)
            for a, b in zip(np.concatenate(([0], breaks + 1)), np.concatenate((breaks, [span.size - 1])), strict=True):
                verticals.append(Rule(False, at, 2.0 * (top + int(span[a])), 2.0 * (top + int(span[b]) + 1)))
            full += span.size >= VERT_MIN * (bottom - top)
        if full < MIN_VERT:
            continue
        xs = sorted({v.at for v in verticals} | {2.0 * x0, 2.0 * x1})
        xs = [x for k, x in enumerate(xs) if k == 0 or x - xs[k - 1] > 2 * MARGIN]
        ys = [2.0 * (r[0] + r[1]) / 2 for r in group]
        box = (max(0.0, 2.0 * x0 - MARGIN), max(0.0, 2.0 * top - MARGIN),
               min(float(width), 2.0 * x1 + MARGIN), min(float(height), 2.0 * bottom + MARGIN))
        out.append((box, Table(xs, ys, verticals)))
    return out


def _lined_up(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    overlap = min(a[3], b[3]) - max(a[2], b[2])
    return overlap >= ALIGN * min(a[3] - a[2], b[3] - b[2])


def _erased(crop: Any, seg: int) -> Any:
    """The crop in black and white at ``INK`` with its rules (runs along a row or a column
    longer than ``SEG`` of the page's width) turned white, one pixel around them too: a rule
    left in joins the cells of a row into one unreadable word."""
    from PIL import Image

    ink = np.asarray(crop) < INK
    rule = long_runs(ink, seg) | long_runs(ink.T, seg).T
    grown = rule.copy()
    grown[1:] |= rule[:-1]
    grown[:-1] |= rule[1:]
    grown[:, 1:] |= rule[:, :-1]
    grown[:, :-1] |= rule[:, 1:]
    return Image.fromarray(np.where(ink & ~grown, 0, 255).astype(np.uint8), mode="L")


def reread(img: Any, result: OcrResult, read: Any) -> bool:
    """Re-read the ruled tables of ``img`` (the page as Tesseract saw it) and splice the
    better reading into ``result.boxes``. ``read(image) -> list[OcrWord]`` runs Tesseract on
    a crop as one block (``--psm 6``). Cell by cell of the grid (a row where no vertical rule
    divides it), the re-read words replace the page's words when they read better
    (``ocr_footer._score``), or fill a cell the first reading left empty or read only as noise
    (no word of ``FILL_CONF``) with the syllables ``_fill`` keeps; other
    cells keep the first reading. Every table found goes to ``result.grids`` (the layout reads
    its rows as lines); each whose re-reading replaced cells records (x0, top, x1, bottom,
    score before, score after, cells replaced) in ``result.tables``. True when a cell was
    replaced."""

    changed = False
    gray = img if img.mode == "L" else img.convert("L")
    for n, (box, grid) in enumerate(tables(gray)):
        result.grids.append(grid)
        crop = gray.crop(tuple(round(v) for v in box))
        erased = _erased(crop, max(2, round(SEG * gray.width)))
        bands = _bands(grid, box, np.asarray(erased) < INK, result.boxes, NARROW * gray.width)
        if not bands:
            continue  # every row with print was read: no second reading
        new = _read_bands(erased, bands, box, read, REREAD_BLOCK + 100 * n)
        for w in new:
            w.text = _MARKER_DOTS.sub(r"\1.", w.text)
        new = [w for w in new if any(c.isalnum() for c in w.text)]
        drop: set[int] = set()
        add: list[OcrWord] = []
        before = after = 0.0
        replaced = 0
        for cell in _cells(grid):
            if cell[0] == grid.xs[0] and cell[2] - cell[0] < NARROW * gray.width:
                continue  # an index column's "TT", "II", "2." stay as first read (NARROW)
            old = [w for w in result.boxes if _inside(w, cell)]
            mine = [w for w in new if _inside(w, cell)]
            if _score(mine) > BETTER * _score(old) + 0.5:
                take = mine
            elif not any(w.conf >= FILL_CONF and any(c.isalnum() for c in w.text) for w in old):
                take = [w for w in mine if _fill(w)]
            else:
                continue
            if take:
                drop.update(id(w) for w in old)
                add += take
                before, after = before + _score(old), after + _score(take)
                replaced += 1
        if not add:
            continue
        result.boxes = [w for w in result.boxes if id(w) not in drop] + add
        result.tables.append((*box, round(before, 1), round(after, 1), float(replaced)))
        changed = True
    return changed


def _bands(grid: Table, box: Box, ink: np.ndarray, words: list[OcrWord], narrow: float) -> list[tuple[int, int]]:
    """The stretches of the table, (top, bottom) in the crop's pixels, whose rows hold a cell
    with print (``PRINT_MIN`` pixels of ink once the rules are gone) that the first reading's
    confident words (``MIN_CONF``) do not cover (less than ``COVERED`` of its ink inside
    their boxes): the rows lost, read in part ("30/6/2026" without its "Trước ngày") or
    read as noise. Neighbouring rows are one stretch."""
    read = np.zeros(ink.shape, dtype=bool)
    for w in words:
        if w.conf >= MIN_CONF and any(c.isalnum() for c in w.text):
            x0, y0 = max(0, round(w.x0 - box[0])), max(0, round(w.top - box[1]))
            read[y0:max(y0, round(w.bottom - box[1])), x0:max(x0, round(w.x1 - box[0]))] = True
    covered = ink & read
    rows: list[int] = []
    for r in range(len(grid.ys) - 1):
        for first, last in grid.spans(r):
            if first == 0 and grid.xs[last + 1] - grid.xs[0] < narrow:
                continue
            x0, y0 = max(0, round(grid.xs[first] - box[0])), max(0, round(grid.ys[r] - box[1]))
            x1, y1 = round(grid.xs[last + 1] - box[0]), round(grid.ys[r + 1] - box[1])
            printed = int(ink[y0:y1, x0:x1].sum())
            if printed >= PRINT_MIN and covered[y0:y1, x0:x1].sum() < COVERED * printed:
                rows.append(r)
                break
    out: list[tuple[int, int]] = []
    for r in rows:
        top = max(0, round(grid.ys[r] - box[1]) - BAND_PAD)
        bottom = min(ink.shape[0], round(grid.ys[r + 1] - box[1]) + BAND_PAD)
        if out and top <= out[-1][1]:
            out[-1] = (out[-1][0], bottom)
        else:
            out.append((top, bottom))
    return out


def _read_bands(erased: Any, bands: list[tuple[int, int]], box: Box, read: Any, block: int) -> list[OcrWord]:
    """The stretches stacked one under another (``BAND_GAP`` of white between them) and read
    in one Tesseract call; the words back in the page's pixels."""
    from PIL import Image

    from .ocr import OcrWord

    if bands == [(0, erased.height)]:
        stack, offsets = erased, [(0, 0, erased.height)]
    else:
        height = sum(b - t for t, b in bands) + BAND_GAP * (len(bands) - 1)
        stack = Image.new("L", (erased.width, height), 255)
        offsets = []
        at = 0
        for t, b in bands:
            stack.paste(erased.crop((0, t, erased.width, b)), (0, at))
            offsets.append((at, t, b - t))
            at += b - t + BAND_GAP
    out: list[OcrWord] = []
    for w in read(stack):
        mid = (w.top + w.bottom) / 2
        hit = next(((at, t) for at, t, h in offsets if at <= mid < at + h), None)
        if hit is None:
            continue
        dy = hit[1] - hit[0] + box[1]
        out.append(OcrWord(w.x0 + box[0], w.top + dy, w.x1 + box[0], w.bottom + dy, w.text.strip(RULE_MARKS),
                           w.conf, (block + w.line[0], w.line[1], w.line[2])))
    return out


def _cells(grid: Table) -> list[Box]:
    """The cells of a grid, row by row: (x0, top, x1, bottom); a row's merged cells are one."""
    return [(grid.xs[first], grid.ys[r], grid.xs[last + 1], grid.ys[r + 1])
            for r in range(len(grid.ys) - 1) for first, last in grid.spans(r)]


def _fill(w: OcrWord) -> bool:
    """A re-read word worth putting in a cell the first reading left empty: a Vietnamese
    syllable, whatever its confidence (Tesseract gives the bold "Tập thể" of a part's heading
    row confidence 0). Row numbers and marks are not filled in: they are read poorly ("Ì.."
    for "1.") and only on the rows the first reading lost, and a list whose rows are partly
    numbered reads as two lists."""
    from ..vietnamese import is_vietnamese_word

    letters = w.text.strip(".,;:()")
    return len(letters) >= 2 and letters.isalpha() and is_vietnamese_word(letters)
