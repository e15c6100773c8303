"""Dates and date ranges: the one date parser (the header, legal references, commemorations
and the dates stage all use it).

Forms: "ngày 23 tháng 01 năm 2024" (day may be blank: "ngày tháng 01 năm 2024"),
"23/01/2024", "3/2/2024", "23-01-2024", "23.01.2024", a day and month alone where the
context makes it a date ("(18/5)", "ngày 01/5"), and ranges of any of these joined by
"-", "–", "—", "đến", "tới" ("03/02/1930-03/02/2024", "(1499-2019)").

Values are ISO 8601 at the precision given ("2024-01-23", "2024-01", "2024", "--05-18");
an impossible date ("30/2/2024") keeps its raw text, gets value ``None`` and a warning.
"""

from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass

import regex

from .cache import fast_compile
from .spans import Spans

_WS = r"[ \t]*\n?[ \t]*"  # a hard wrap may fall inside a date

# scanned over long texts, where ``regex`` finds the literals faster than ``re``
VI_DATE = regex.compile(
    rf"""(?<!\w)ngày{_WS}(?P<d>\d{{1,2}})?{_WS}(?:tháng|-|/){_WS}(?P<m>\d{{1,2}}){_WS}(?:năm|-|/){_WS}(?P<y>\d{{4}})(?!\d)""",
    regex.I,
)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
NUM_DATE = regex.compile(
    r"(?<![\d/.])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)"
)
# Day/month with no year, only where it cannot be a fraction: in brackets or after "ngày".
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
DAY_MONTH = regex.compile(
    r"(?:(?<=\()|(?<=\bngày\s))(?P<d>\d{1,2})/(?P<m>\d{1,2})(?=\)|[\s,.;])(?![\d/])", regex.I
)
YEAR_RANGE = fast_compile(r"(?<=\(\s*)(?P<y1>1\d{3}|20\d\d)\s*[-–—]\s*(?P<y2>1\d{3}|20\d\d)(?=\s*\))")
_RANGE_SEP = fast_compile(r"\s*(?:[-–—]|đến(?:\s+ngày)?|tới(?:\s+ngày)?)\s*", regex.I)


@dataclass
class DateMatch:
    start: int
    end: int
    raw: str
    value: str | None  # ISO, None when impossible
    year: int | None
    problem: str | None = None


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def iso_date(day: int | None, month: int | None, year: int | None) -> tuple[str | None, str | None]:
    """ISO value at the given precision, or ``(None, reason)`` for an impossible date."""
    if month is not None and not 1 <= month <= 12:
        return None, f"month {month} does not exist"
    if day is not None:
        if month is None:
            return None, "day without month"
        # no year: 29 February is allowed (as in a leap year)
        last = 29 if month == 2 and calendar.isleap(year or 2000) else _DAYS_IN_MONTH[month]
        if not 1 <= day <= last:
            return None, f"day {day} does not exist in month {month}" + (f" of {year}" if year else "")
        return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), None
    if month is not None:
        return (f"{year:04d}-{month:02d}" if year else None), None
    return (f"{year:04d}" if year else None), None


def _mk(m: regex.Match[str], offset: int = 0) -> DateMatch:
    gd = m.groupdict()
    d = int(gd["d"]) if gd.get("d") else None
    mo = int(gd["m"]) if gd.get("m") else None
    y = int(gd["y"]) if gd.get("y") else None
    value, problem = iso_date(d, mo, y)
    return DateMatch(m.start() + offset, m.end() + offset, m.group(), value, y, problem)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every single date in ``text[start:end]``, sorted, without overlaps."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    found: list[DateMatch] = []
    taken = Spans()
    for pattern in (VI_DATE, NUM_DATE, DAY_MONTH):
        for m in pattern.finditer(chunk):
            s, e = m.start() + start, m.end() + start
            if taken.overlaps(s, e):
                continue
            found.append(_mk(m, start))
            taken.add(s, e)
    return sorted(found, key=lambda d: d.start)


def parse_date(raw: str) -> DateMatch | None:
    """The first date in a short string ("ngày 05 tháng 3 năm 2024" -> 2024-03-05)."""
    found = find_dates(raw)
    return found[0] if found else None


@dataclass
class RangeMatch:
    start: int
    end: int
    first: DateMatch
    second: DateMatch


def find_ranges(text: str, dates: list[DateMatch]) -> list[RangeMatch]:
    """Pairs of consecutive dates joined by a range separator, plus "(1499-2019)"."""
    out: list[RangeMatch] = []
    for a, b in itertools.pairwise(dates):
        if _RANGE_SEP.fullmatch(text[a.end:b.start]):
            out.append(RangeMatch(a.start, b.end, a, b))
    for m in YEAR_RANGE.finditer(text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 < y2:
            a = DateMatch(m.start("y1"), m.end("y1"), m["y1"], f"{y1:04d}", y1)
            b = DateMatch(m.start("y2"), m.end("y2"), m["y2"], f"{y2:04d}", y2)
            out.append(RangeMatch(m.start(), m.end(), a, b))
    return sorted(out, key=lambda r: r.start)
