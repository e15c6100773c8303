"""Read a scan's signature column again, as a region of its own (issue 13, classes 4 and 5).

Tesseract reads a page as a whole (``--psm 3``): its layout analysis takes a seal stamped
over the signer's title and name for a picture and drops the words in it ("GIÁM ĐỐC" is not
in the page's words at all on a Sở Tư pháp Tờ trình) or reads them through the seal's ring
("Ân Chí Tiến" for "Trần Chí Tiến", "CHỦ k=" for "CHỦ TỌA"). Read through the red channel
the seal is light gray, not gone; darker than that are only the print and the ink of a
signature.

So, on a page where a footer starts (a "Nơi nhận" line, or below the top ``START_MIN`` of the
page a signing code "TM."/"KT."/... or a position in capitals such as "THƯ KÝ"), the right
column of the band from that line down (``COLUMN_LEFT`` of the width, or right of the "Nơi
nhận" list's longest line, to the edge; ``BAND`` of the page high, starting a little above in
the blank under the body) is cut out, made black and white at ``INK`` (the gray seal turns white) and read
again as sparse text (``--psm 11``: as one block, ``--psm 6``, a signature's stroke joins the
title's line and "CHỦ TOẠ" reads "CHỦ v"). Line by line, its words replace the page's words
at that height when they read better (``_score``: more letters read with confidence); a line
that does not read better, or that the second reading lost, stays as it was.

One more Tesseract call on about a sixth of a page, only on pages with a footer.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
from typing import TYPE_CHECKING, Any

from ..vietnamese import strip_diacritics

if TYPE_CHECKING:
    from .ocr import OcrResult, OcrWord

START_MIN = 0.3  # a footer does not start in the top 30 % of a page (that is the header)
COLUMN_LEFT = 0.45  # the signature column: from 45 % of the page's width to the right edge
BAND = 0.28  # how far below the footer's first line the signature block reaches
INK = 140  # gray levels below this are print or signature ink; a seal read through red is lighter
RIGHT_MAX = 0.6  # a line of the left column ends before this share of the width
UP = 2.0  # the band reaches at most this many word heights above the footer's first line
ABOVE = 0.3  # the band starts this many word heights above the footer's first line (no higher:
# the body's last line is often just above, and a line cut through reads as garbage)
MIN_CONF = 60.0  # a re-read word below this confidence is a stroke of a signature or seal
BETTER = 1.1  # a re-read line replaces the first reading when it scores this much more (a tie
# is two readings of the same print: "GIÁM ĐÓC" for "GIÁM ĐỐC" is no gain)
TALL = 2.0  # a re-read word this many times taller than the median is a signature's stroke
REREAD_BLOCK = 900  # Tesseract block numbers of re-read words start here (their own lines)
LEFT_BLOCK = 800  # ... and those of the "Nơi nhận" column read again
DAMAGED = 30.0  # a word of the "Nơi nhận" column read below this confidence: the column is re-read
_LIST_MARKS = frozenset({"-", "+", "–", "•"})

_NOI_NHAN = re.compile(r"^\W{0,2}[nN4][ơoó]i\s+nh[ậaạâ]n\b", re.IGNORECASE)
_CODE = re.compile(r"^\W{0,2}(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:/]\s*\w")



def _is_start(text: str, top_share: float) -> bool:
    """A line that opens a footer: "Nơi nhận" anywhere on the page (a last page may hold only
    the footer), a signing code or a position in capitals below ``START_MIN`` (above, they
    may be the header's issuer: "CHỦ TỊCH NƯỚC")."""
    from ..rules import vocab
    from ..vietnamese import fold, mostly_upper, strip_diacritics

    t = text.strip()
    if _NOI_NHAN.match(t):
        return True
    if top_share < START_MIN:
        return False
    if _CODE.match(t):
        return True
    letters = "".join(c if c.isalpha() or c.isspace() else " " for c in t).split()
    if not letters or len(letters) > 6 or not mostly_upper(t):
        return False
    return strip_diacritics(fold(" ".join(letters))) in vocab.position_by_letters()


def _segments(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Tesseract's lines in reading order, cut where words are more than a word's height
    apart: Tesseract runs side-by-side blocks into one line ("THƯ KÝ Z+. CHỦ k=")."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    out: list[list[OcrWord]] = []
    for ws in lines.values():
        ws = sorted(ws, key=lambda w: w.x0)
        gap = statistics.median(w.bottom - w.top for w in ws)
        piece = [ws[0]]
        for prev, w in itertools.pairwise(ws):
            if w.x0 - prev.x1 > gap:
                out.append(piece)
                piece = []
            piece.append(w)
        out.append(piece)
    return out


def footer_top(words: list[OcrWord], height: float) -> tuple[float, float] | None:
    """(top, word height) of the first line that opens a footer. The
    height is the median of the line's words: a seal or a signature stretches single boxes."""
    found: tuple[float, float] | None = None
    for seg in _segments(words):
        top = statistics.median(w.top for w in seg)
        if not _is_start(" ".join(w.text for w in seg), top / height):
            continue
        line_h = max(1.0, statistics.median(w.bottom - w.top for w in seg))
        if found is None or top < found[0]:
            found = (top, line_h)
    return found


def _score(words: list[OcrWord]) -> float:
    """How much a reading says: its letters, each weighted by its word's confidence, over
    the words read with at least ``MIN_CONF``. Words dropped (a title under a seal) or read
    as noise add nothing, so the reading that finds more print, surely, wins."""
    return sum(sum(c.isalpha() for c in w.text) * w.conf / 100 for w in words if w.conf >= MIN_CONF)


def _inside(w: OcrWord, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _print(words: list[OcrWord], marks: bool = False) -> list[OcrWord]:
    """The words of a sparse reading that are print. A signature's strokes come out as words
    of their own ("l2", "lò", "—"): read with little confidence, or more than twice as tall
    as the print around them, or without a letter or digit. With ``marks`` (the "Nơi nhận"
    column, where no one signs), a list's "-" and "+" are print too."""
    words = [w for w in words if (w.conf >= MIN_CONF and any(c.isalnum() for c in w.text))
             or (marks and w.text in _LIST_MARKS and w.conf >= DAMAGED)]
    if not words:
        return []
    height = statistics.median(w.bottom - w.top for w in words)
    return [w for w in words if w.bottom - w.top <= TALL * height]


def _band_top(words: list[OcrWord], top: float, line_h: float, width: float) -> float:
    """Where the band starts: up into the blank above the footer's first line, as far as the
    body's last line (the left column's text above it), at most ``UP`` word heights. The
    signature's first line often stands a little higher than "Nơi nhận" ("KT. CHỦ TỊCH"),
    and a line cut through reads as garbage."""
    above = [w.bottom for w in words if w.bottom <= top and (w.x0 + w.x1) / 2 < COLUMN_LEFT * width]
    floor = max(above, default=0.0)
    return max(0.0, floor + 0.1 * line_h, top - UP * line_h) if floor < top - ABOVE * line_h \
        else max(0.0, top - ABOVE * line_h)


def band(words: list[OcrWord], width: float, height: float) -> tuple[float, float, float, float] | None:
    """The signature column to read again, (x0, top, x1, bottom) in the page's pixels, or
    None when no footer starts on the page."""
    start = footer_top(words, height)
    if start is None:
        return None
    top, line_h = start
    y0, y1 = _band_top(words, top, line_h, width), min(height, top + BAND * height)
    # The column starts right of the "Nơi nhận" list's longest line, never through a word.
    # A line across the page below the footer's first line is running text (a form's notes,
    # an appendix): the band ends above it.
    left = COLUMN_LEFT * width
    for seg in sorted(_segments(words), key=lambda seg: seg[0].top):
        end = max(w.x1 for w in seg)
        mid = statistics.median((w.top + w.bottom) / 2 for w in seg)
        if not y0 <= mid <= y1 or seg[0].x0 >= COLUMN_LEFT * width:
            continue
        if end >= RIGHT_MAX * width:
            if mid > top + line_h:
                y1 = min(y1, min(w.top for w in seg))
        elif end > COLUMN_LEFT * width:
            left = max(left, end + line_h / 2)
    if y1 - y0 < 2 * line_h:
        return None
    return (left, y0, width, y1)


def left_column(words: list[OcrWord], box: tuple[float, float, float, float]) -> tuple[float, float, float, float] | None:
    """The "Nơi nhận" column beside the signature band ``box`` (from the left edge to where the
    band starts, at its height), or None when its first reading is sound. Printed small and bold
    on the signing title's line, "Nơi nhận:" and its first row are read as one line with the
    title and come out as marks ("VD SÉI"): a word read with little confidence there says so."""
    x0, y0, _x1, y1 = box
    left = (0.0, y0, x0, y1)
    inside = [w for w in words if _inside(w, left)]
    if not inside or all(w.conf >= DAMAGED for w in inside if any(c.isalnum() for c in w.text)):
        return None
    return left


def reread(img: Any, result: OcrResult, read: Any) -> bool:
    """Re-read the signature column of ``img`` (the page as Tesseract saw it) and splice the
    better reading into ``result.boxes``. ``read(image) -> list[OcrWord]`` runs Tesseract on
    a crop (``--psm 11``). Line by line, a re-read line replaces the page's words at its
    height when it reads better (``_score``); lines the second reading lost keep the first
    reading ("KT. CHỦ TỊCH" under a signature's loop). The "Nơi nhận" column beside it is read
    again too when its first reading is damaged (``left_column``). True when a line was replaced."""
    width, height = img.size
    box = band(result.boxes, float(width), float(height))
    if box is None:
        return False
    replaced = _reread_box(img, result, read, box)
    left = left_column(result.boxes, box)
    if left is not None and _reread_box(img, result, read, left):
        result.reread_left = tuple(round(v, 1) for v in left)
        replaced = True
    return replaced


def _reread_box(img: Any, result: OcrResult, read: Any, box: tuple[float, float, float, float]) -> bool:
    """Read ``box`` of ``img`` again and splice the lines that read better into ``result.boxes``."""
    from .ocr import OcrWord

    crop = img.crop(tuple(round(v) for v in box)).point(lambda v: 0 if v < INK else 255)
    new = [OcrWord(w.x0 + box[0], w.top + box[1], w.x1 + box[0], w.bottom + box[1], w.text, w.conf,
                   (REREAD_BLOCK + w.line[0], w.line[1], w.line[2]))
           for w in read(crop)]
    inside = [w for w in result.boxes if _inside(w, box)]
    drop: set[int] = set()
    add: list[OcrWord] = []
    lines_added: list[int] = []
    before = after = 0.0
    lines = _lines(_print(new, marks=box[0] == 0))
    for line in lines:
        t, b = min(w.top for w in line), max(w.bottom for w in line)
        old = [w for w in inside if _at(w, t, b)]
        if box[0] == 0 and old and all(w.conf >= DAMAGED for w in old if any(c.isalnum() for c in w.text)):
            continue  # the "Nơi nhận" column: only its damaged lines (and those the page lost) are replaced
        if _score(line) > BETTER * _score(old) + 0.5:
            drop.update(id(w) for w in old)
            # one Tesseract line per re-read line (``--psm 11`` gives most words a block of
            # their own), numbered apart from the page's and per column
            ident = (REREAD_BLOCK if box[0] > 0 else LEFT_BLOCK) + len(lines_added)
            lines_added.append(ident)
            add += [dataclasses.replace(_surer(w, old), line=(ident, 1, 1)) for w in line]
            before, after = before + _score(old), after + _score(line)
    # Words of the page reading that no re-read line stands beside are a signature's loops and
    # the seal read as letters when they are far taller than the print ("VẬN VN" under "PHÓ
    # CHỦ TỊCH"). (Whether the black-and-white crop has ink there is no test: a faint junk mark
    # dropped shifts how the page's columns are laid out, cv-ubnd-danang-5710.)
    height = statistics.median([w.bottom - w.top for ln in lines for w in ln] or [0.0])
    for w in inside:
        if id(w) in drop or any(_at(w, min(x.top for x in ln), max(x.bottom for x in ln)) for ln in lines):
            continue
        if height and w.bottom - w.top > TALL * height:
            drop.add(id(w))
            before += _score([w])
    if not add and not drop:
        return False
    result.boxes = [w for w in result.boxes if id(w) not in drop] + add
    if box[0] > 0:  # the signature band; the left column is recorded by the caller
        result.reread = (*box, round(before, 1), round(after, 1))
    return True


def _surer(w: OcrWord, old: list[OcrWord]) -> OcrWord:
    """The re-read word, or the first reading of the same print when that one was surer: two
    readings of one word that differ only in their marks ("Chinh" at 93, "Chỉnh" at 92 under a
    signature's stroke) keep the more confident one, as "Lê" (96) wins over "Lễ" (54)."""
    same = [o for o in old if min(o.x1, w.x1) - max(o.x0, w.x0) > 0.5 * min(o.x1 - o.x0, w.x1 - w.x0)
            and _bare(o.text) == _bare(w.text)]
    if len(same) == 1 and same[0].conf > w.conf:
        return dataclasses.replace(w, text=same[0].text, conf=same[0].conf)
    return w


def _bare(text: str) -> str:
    """Letters without marks, lower case: "Chỉnh" and "Chinh" are one word read twice."""
    return "".join(c for c in strip_diacritics(text.lower()) if c.isalnum())


def _at(w: OcrWord, top: float, bottom: float) -> bool:
    """Whether a word of the first reading stands at the height of a re-read line: its middle
    within the line, or half the line's height covered (a mark stretched by a seal: "k=")."""
    if top <= (w.top + w.bottom) / 2 <= bottom:
        return True
    return min(w.bottom, bottom) - max(w.top, top) >= 0.5 * (bottom - top)


def _lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Words of a sparse reading grouped into lines: those whose middles lie within a line's
    height (``--psm 11`` gives most words a block of their own)."""
    out: list[list[OcrWord]] = []
    for w in sorted(words, key=lambda w: w.top):
        mid = (w.top + w.bottom) / 2
        for line in out:
            if min(x.top for x in line) <= mid <= max(x.bottom for x in line):
                line.append(w)
                break
        else:
            out.append([w])
    return out
