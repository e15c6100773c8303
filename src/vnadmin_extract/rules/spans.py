"""Taken character ranges, queried in logarithmic time.

Extractors skip a match that starts inside, or overlaps, a range an earlier pattern took.
Checking against a plain list of ranges costs the number of ranges for every match, which
is quadratic on a long document full of matches (a 4 MB text took 30 s in one stage). The
answers depend only on the union of the ranges, so ``Spans`` keeps that union as sorted,
disjoint, merged ranges.

>>> taken = Spans([(0, 5), (10, 20)])
>>> taken.covers(4), taken.covers(5), taken.overlaps(5, 11), taken.overlaps(5, 10)
(True, False, True, False)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """A set of half-open ranges ``[start, end)``; empty ranges are ignored."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in ranges:
            self.add(start, end)

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        # Ranges touching or overlapping [start, end) are merged with it.
        i = bisect.bisect_left(self._ends, start)
        j = bisect.bisect_right(self._starts, end)
        if i < j:
            start = min(start, self._starts[i])
            end = max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def covers(self, pos: int) -> bool:
        """Some range holds ``pos`` (``start <= pos < end``)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Some range shares a character with ``[start, end)``."""
        if end <= start:
            return False
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end
