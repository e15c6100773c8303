"""The year an award is for: YEAR_RULES, in order.

1. ``period_after_award``: "... điển hình tiên tiến giai đoạn 2015-2017": a period, no one year;
   ``period_of_work``: "... thành tích trong 10 năm thực hiện Luật ...": none either;
2. ``achievement_year``: "tặng Bằng khen ... có thành tích trong phong trào thi đua năm 2023"
   (the year the award is *for*, not the ceremony's "Năm 2024, ...");
3. ``clause_year``: the first "năm YYYY" of the clause outside a period;
4. ``sentence_year``: the same in the sentence;
5. ``broken_down_year``: a breakdown ("Trong đó, ...") takes the one year of the sentence it
   breaks down;
   ``sentence_period``: the sentence speaks of a period ("từ năm 2014 tới nay"): none;
6. ``heading_year``: an enclosing section heading's year ("I. KẾT QUẢ NĂM 2023");
7. ``title_year``: the document title's;
8. ``document_date_year``: the document date's.
"""

from __future__ import annotations

import bisect
import functools

import regex

from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from .context import OPS, Decided, Group, Rule
from .mentions import brackets, inside
from .status import ancestors
from .words import alternation

# scanned over long texts, where ``regex`` finds the literals faster than ``re``
YEAR = regex.compile(r"(?<!\d)(?:năm\s+(?:học\s+)?)(?P<y>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
PERIOD = regex.compile(r"(?:từ\s+năm\s+\d{4}\s+(?:đến|tới)\s+nay|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|"
                       r"từ\s+năm\s+\d{4}\s+(?:đến|tới)\s+năm\s+\d{4}|\d{4}\s*[-–]\s*\d{4}\s*tới\s+nay)", regex.I)
_HEADING_YEAR = fast_compile(r"(?<!\d)(?:NĂM|năm|Năm)\s+(?:HỌC\s+|học\s+)?(?P<y>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?")
_FOR_YEAR = fast_compile(r"(?:thành\s+tích|phong\s+trào\s+thi\s+đua|khen\s+thưởng\s+tổng\s+kết)[^;:.\n]{0,80}?$", regex.I)
_PERIOD_AHEAD = _rx(r"[^;.]{0,40}?(?:giai\s+đoạn\s+\d{4}\s*[-–]|từ\s+năm\s+\d{4}\s+(?:đến|tới))")


def _value(m: regex.Match[str]) -> int:
    return int(m["y2"] or m["y"])


def _period_after(ctx: Group) -> Decided[int | None] | None:
    text, end = ctx.text, ctx.end
    ahead = text[end:end + 80]
    if PERIOD.match(text, end + len(ahead[:60]) - len(ahead[:60].lstrip())) or _PERIOD_AHEAD.match(ahead):
        return Decided(None)
    return None


@functools.cache
def _years_of_work() -> regex.Pattern[str]:
    return fast_compile(rf"(?<![\d/])(?:\d{{1,2}}|mười|hai mươi)\s+năm\s+(?:{alternation('period_works')})\b", regex.I)


def _period_of_work(ctx: Group) -> Decided[int | None] | None:
    """"... có thành tích xuất sắc trong 10 năm thực hiện Luật ...": the award is for the years
    of that work, not for one of them."""
    return Decided(None) if _years_of_work().search(ctx.text, ctx.end, ctx.sent.e) else None


def _achievement(ctx: Group) -> Decided[int | None] | None:
    text, pos = ctx.text, ctx.start
    for m in _years(ctx, pos, ctx.ce):
        if _FOR_YEAR.search(text, max(pos, m.start() - 100), m.start()) and not PERIOD.match(text, m.start()):
            return Decided(_value(m))
    return None


def _years(ctx: Group, lo: int, hi: int) -> list[regex.Match[str]]:
    """The sentence's year matches starting in ``[lo, hi)`` (found once per sentence)."""
    years = ctx.sent.years
    i = bisect.bisect_left(years, lo, key=regex.Match.start)
    j = bisect.bisect_left(years, hi, key=regex.Match.start)
    OPS["scanned"] += j - i
    return [m for m in years[i:j] if m.end() <= hi]


def _first_year(ctx: Group, lo: int, hi: int) -> int | None:
    """The first year of ``text[lo:hi]``, unless it belongs to a period."""
    text, years = ctx.text, ctx.sent.years
    sent = ctx.sent
    if sent.brackets is None:  # found once a sentence
        sent.brackets = brackets(text, sent.s, sent.e)
    # a year in brackets the group is not in is the bracket's ("(năm 2022 đã được ... tặng)")
    own = [b for b in sent.brackets if b[0] <= ctx.start < b[1]]
    i = bisect.bisect_left(years, lo, key=regex.Match.start)
    while i < len(years) and years[i].start() < hi and (
            years[i].end() > hi or (sent.brackets and inside(sent.brackets, years[i].start())
                                    and not inside(own, years[i].start()))):
        i += 1
    OPS["scanned"] += 1
    if i == len(years) or years[i].start() >= hi:
        return None
    m = years[i]
    if PERIOD.match(text, max(lo, m.start() - 10)):
        return None
    periods = ctx.sent.periods
    k = bisect.bisect_right(periods, (m.start(), 1 << 62))
    # a period of the sentence starting at or before the year and running past it
    if any(p_start <= m.start() < p_end and p_start >= lo and p_end <= hi for p_start, p_end in periods[max(0, k - 2):k]):
        return None
    return _value(m)


def _clause(ctx: Group) -> Decided[int | None] | None:
    y = _first_year(ctx, ctx.cs, ctx.ce)
    return Decided(y) if y else None


def _sentence(ctx: Group) -> Decided[int | None] | None:
    y = _first_year(ctx, ctx.sent.s, ctx.sent.e)
    return Decided(y) if y else None


def _broken_down_year(ctx: Group) -> Decided[int | None] | None:
    """"Năm 2017, trao Huy hiệu Đảng cho 1.625 đảng viên. Trong đó, trao Huy hiệu 70 năm tuổi Đảng
    cho 5 đảng viên, ...": a breakdown is for the one year of the sentence it breaks down."""
    span = ctx.sent.broken_down
    if span is None or ctx.sent.period:
        return None
    years = {_value(m) for m in YEAR.finditer(ctx.text, *span) if not m["y2"]}
    if PERIOD.search(ctx.text, *span) or len(years) != 1:
        return None
    return Decided(years.pop())


def _sentence_period(ctx: Group) -> Decided[int | None] | None:
    return Decided(None) if ctx.sent.period else None


def _heading(ctx: Group) -> Decided[int | None] | None:
    st = ctx.sent.st
    for sec in ancestors(st, ctx.start):
        if sec.id not in st.heading_year:
            m = _HEADING_YEAR.search(sec.heading)
            st.heading_year[sec.id] = _value(m) if m else None
        if st.heading_year[sec.id]:
            return Decided(st.heading_year[sec.id])
    return None


def _title(ctx: Group) -> Decided[int | None] | None:
    title = ctx.doc.header.title
    m = _HEADING_YEAR.search(title) if title else None
    return Decided(_value(m)) if m else None


def _document_date(ctx: Group) -> Decided[int | None] | None:
    date = ctx.doc.header.date
    return Decided(int(date.value[:4])) if date and date.value else None


YEAR_RULES: list[Rule[int | None]] = [
    Rule("period_after_award", _period_after),
    Rule("period_of_work", _period_of_work),
    Rule("achievement_year", _achievement),
    Rule("clause_year", _clause),
    Rule("sentence_year", _sentence),
    Rule("broken_down_year", _broken_down_year),
    Rule("sentence_period", _sentence_period),
    Rule("heading_year", _heading),
    Rule("title_year", _title),
    Rule("document_date_year", _document_date),
]
