"""Where a stretch of a scan's normalized text was printed: record offsets to OCR word boxes.

A scanned document's text is Tesseract's words laid out in reading order (``ingest.ocr_layout``:
header and signature columns as blocks), then repaired (header vocabulary) and normalized
(tone placement, rejoined lines, pages joined). Offsets into that text therefore do not point
at words of the OCR output directly. The map is rebuilt by matching words:

1. The text is cut into words (runs of non-space); each OCR word Tesseract kept
   (``ocr_layout._keep``) is a word too. Both are compared by ``vietnamese.fold`` (NFC, one
   tone placement, lower case, outer punctuation dropped) without diacritics, so a word the
   header repair changed ("QUYÉT" read, "QUYẾT" in the text) still finds its OCR word.
2. A text word with several such OCR words takes the one whose neighbours (two either side,
   in Tesseract's own order, on the same page) agree most with its own neighbours; then the
   one spelt exactly alike; then the one nearest the previous match. Pages come in text order, so a word never goes back
   to an earlier page than a well-supported match before it.
3. Text words left without a match between two matched words on the same page (a header word
   the repair changed, a syllable the layout rejoined) take the OCR words between those two.

``WordMap.boxes(start, end)`` then gives the boxes of every word the span touches, one
rectangle per OCR line (adjacent words merged), with the page they are on.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..vietnamese import fold, strip_diacritics

if TYPE_CHECKING:
    from ..ingest.ocr import OcrResult, OcrWord

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
CONTEXT = 2  # neighbours compared on each side
MAX_GAP_WORDS = 6  # step 3 fills a gap of at most this many OCR words


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in the pixels of that page's image (``PageWords.size``)."""

    page: int  # 0-based, in the order the pages were read
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageWords:
    words: list[OcrWord]
    size: tuple[int, int]


def _key(word: str) -> str:
    return _EDGE.sub("", fold(word))


def page_words(results: Sequence[OcrResult]) -> list[PageWords]:
    """The words each page's layout reading used, in Tesseract's order."""
    from ..ingest.ocr_layout import _keep

    return [PageWords([w for w in r.boxes if _keep(w)], r.size) for r in results]


class WordMap:
    """Text words of ``text`` matched to the OCR words of ``pages``."""

    def __init__(self, text: str, pages: Sequence[PageWords]) -> None:
        self.pages = list(pages)
        self._spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self._starts = [s for s, _ in self._spans]
        keys = [_key(text[s:e]) for s, e in self._spans]
        flat: list[tuple[int, int]] = [(p, k) for p, pw in enumerate(self.pages) for k in range(len(pw.words))]
        okeys = [_key(self.pages[p].words[k].text) for p, k in flat]
        self._flat = flat
        self.matched: list[list[int]] = [[] for _ in keys]  # text word -> positions in ``flat``
        self._match(keys, okeys)
        self._fill_gaps()

    # -- matching
    def _match(self, keys: list[str], okeys: list[str]) -> None:
        loose: dict[str, list[int]] = defaultdict(list)
        for g, k in enumerate(okeys):
            if k:
                loose[strip_diacritics(k)].append(g)
        lkeys = [strip_diacritics(k) for k in keys]
        lokeys = [strip_diacritics(k) for k in okeys]
        page_of = [p for p, _ in self._flat]
        floor = 0  # no match before this page
        last = -1
        for i, k in enumerate(keys):
            if not k:
                continue
            # Words read with a wrong mark ("QUYÉT", repaired to "QUYẾT" in the text) are
            # candidates too: the neighbours decide, then the exact spelling, then nearness.
            cands = [g for g in loose.get(lkeys[i], ()) if page_of[g] >= floor]
            if not cands:
                continue
            best, best_score = -1, (-1, 0, 0.0)
            for g in cands:
                agree = 0
                for d in range(-CONTEXT, CONTEXT + 1):
                    if d == 0:
                        continue
                    ti, og = i + d, g + d
                    if 0 <= ti < len(keys) and 0 <= og < len(okeys) and page_of[og] == page_of[g] and (
                            lkeys[ti] and lkeys[ti] == lokeys[og]):
                        agree += 1
                score = (agree, int(okeys[g] == k), -abs(g - last - 1) if last >= 0 else 0.0)
                if score > best_score:
                    best, best_score = g, score
            agree = best_score[0]
            # A lone short word ("1", "và") with no neighbour agreeing is anyone's: left to step 3.
            if agree == 0 and (len(cands) > 1 or len(k) < 4):
                continue
            self.matched[i] = [best]
            last = best
            if agree >= 2:
                floor = max(floor, page_of[best])

    def _fill_gaps(self) -> None:
        done = [i for i, m in enumerate(self.matched) if m]
        page_of = [p for p, _ in self._flat]
        for a, b in itertools.pairwise(done):
            if b - a < 2:
                continue
            ga, gb = self.matched[a][0], self.matched[b][0]
            if page_of[ga] != page_of[gb] or not 1 < gb - ga <= MAX_GAP_WORDS + 1:
                continue
            between = list(range(ga + 1, gb))
            for i in range(a + 1, b):
                self.matched[i] = between

    # -- lookup
    @property
    def coverage(self) -> float:
        """Share of the text's words that found their OCR word."""
        return sum(1 for m in self.matched if m) / len(self.matched) if self.matched else 0.0

    def words(self, start: int, end: int) -> list[tuple[int, OcrWord]]:
        """(page, OCR word) of every text word that ``[start, end)`` touches, in text order."""
        if start >= end:
            return []
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        out: list[tuple[int, OcrWord]] = []
        seen: set[int] = set()
        while i < len(self._spans) and self._spans[i][0] < end:
            if self._spans[i][1] > start:
                for g in self.matched[i]:
                    if g not in seen:
                        seen.add(g)
                        p, k = self._flat[g]
                        out.append((p, self.pages[p].words[k]))
            i += 1
        return out

    def boxes(self, start: int, end: int) -> list[Box]:
        """The rectangles where ``[start, end)`` was printed: one per page line it covers."""
        lines: dict[tuple[int, tuple[int, int, int]], list[OcrWord]] = {}
        for p, w in self.words(start, end):
            lines.setdefault((p, w.line), []).append(w)
        out = []
        for (p, _), ws in lines.items():
            # Words of one Tesseract line but far apart (two columns) stay separate boxes.
            ws.sort(key=lambda w: w.x0)
            run = [ws[0]]
            for w in ws[1:]:
                height = max(1.0, run[-1].bottom - run[-1].top)
                if w.x0 - run[-1].x1 > 2.5 * height:
                    out.append(_union(p, run))
                    run = []
                run.append(w)
            out.append(_union(p, run))
        return sorted(out, key=lambda b: (b.page, b.top, b.x0))


def _union(page: int, words: list[OcrWord]) -> Box:
    return Box(page, min(w.x0 for w in words), min(w.top for w in words),
               max(w.x1 for w in words), max(w.bottom for w in words))
