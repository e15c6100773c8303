"""Anniversaries the text commemorates.

"kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930-03/02/2024)",
"520 năm ngày thành lập tỉnh Cao Bằng (1499-2019)", "50 năm thực hiện Di chúc Chủ tịch Hồ
Chí Minh", and days with no ordinal: "Ngày Khoa học và Công nghệ Việt Nam (18/5)",
"ngày Quốc tế Lao động 01/5". ``consistent`` checks the ordinal against the years.
"""

from __future__ import annotations

import functools

import regex

from .. import errors
from ..document import Document
from ..rules.dates import find_dates, find_ranges, iso_date
from ..rules.spans import Spans
from ..schema import Commemoration

# "<N> năm <event> (<range>)": a bracketed range closes the event, which may hold commas.
_ORD_HEAD = (r"(?<![\d/.,])(?P<ord>\d{1,4})\s+năm\s+(?P<event>(?!qua\b|tới\b|trước\b|sau\b|nay\b|liền\b|"
             r"liên\b|học\b|gần\b)")
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
ORDINAL_PAREN = regex.compile(_ORD_HEAD + r"(?:(?![,;]\s*(?:và\s+)?\d{1,4}\s+năm\s)[^\n;()]){3,160}?)\s*\((?P<paren>[^()\n]{2,40})\)")
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
ORDINAL_PLAIN = regex.compile(
    _ORD_HEAD + r"[^\n;(),.]{3,120}?)(?P<paren>)\s*(?=[;,.\n]|\s+và\s+\d|\s+và\s+(?:kỷ|chào|ngày|Ngày)|$)"
)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
CUE = regex.compile(r"(?:kỷ\s+niệm|chào\s+mừng|mừng|hướng\s+tới|lập\s+thành\s+tích|tưởng\s+niệm|nhân\s+dịp)\W*$", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
DAY = regex.compile(
    r"(?<!\w)(?P<event>[Nn]gày\s+(?:\p{Lu}[\p{L}&-]*)(?:\s+(?:\p{L}[\p{L}&-]*|-))*?)\s*"
    r"(?:\((?P<paren>\d{1,2}/\d{1,2})\)|(?P<bare>\d{1,2}/\d{1,2})(?=[\s;,.)]|$))"
)


def _event_text(event: str) -> str:
    return event.strip(" ,-–")


@functools.lru_cache(maxsize=4096)
def _dates_in(paren: str | None) -> tuple[str | None, str | None, bool]:
    """(start, anniversary, had_dates) from the bracket text (asked twice per mention, and the
    same brackets recur across documents: "(03/02/1930-03/02/2025)")."""
    if not paren:
        return None, None, False
    ds = find_dates(paren)
    rs = find_ranges("(" + paren + ")", find_dates("(" + paren + ")"))
    if rs:
        return rs[0].first.value, rs[0].second.value, True
    if len(ds) == 1:
        return None, ds[0].value, True
    return None, None, False


def find(doc: Document) -> None:
    """Stage: ``doc.commemorations`` and COMMEMORATION entities."""
    text = doc.text
    lo, hi = doc.body_start, doc.doc_end
    lo = min(lo, doc.doc_start + len(text))  # căn cứ paragraphs count too
    taken: list[tuple[int, int]] = []
    matches = [*ORDINAL_PAREN.finditer(text, doc.doc_start, hi)]
    paren_spans = [(m.start(), m.end()) for m in matches if _dates_in(m["paren"])[2]]
    paren_taken = Spans(paren_spans)
    paren_set = set(paren_spans)
    matches = [m for m in matches if (m.start(), m.end()) in paren_set]
    matches += [m for m in ORDINAL_PLAIN.finditer(text, doc.doc_start, hi)
                if not paren_taken.covers(m.start())]
    for m in sorted(matches, key=lambda x: x.start()):
        event = _event_text(m["event"])
        if len(event.split()) < 2:
            continue  # "kế hoạch 5 năm (2021-2025)": a period, not an anniversary
        start_date, anniversary, had = _dates_in(m["paren"])
        cue = CUE.search(text[max(0, m.start() - 40):m.start()])
        clause_cue = CUE.search(text[max(0, m.start() - 400):m.start()].split(".")[-1])
        starts_with_day = event.lower().startswith(("ngày", "năm thành lập", "thành lập"))
        # "kỷ niệm 80 năm Cách mạng tháng Tám (...) và 80 năm Quốc khánh (...)": one cue, a list
        chained = bool(taken) and had and bool(regex.fullmatch(r"\s*(?:,|và|;)?\s*(?:và\s+)?", text[taken[-1][1]:m.start()]))
        cue = cue or (CUE.search("kỷ niệm") if chained else None)
        if not (had and (cue or clause_cue or starts_with_day)) and not cue and not (starts_with_day and clause_cue):
            continue
        ordinal = int(m["ord"])
        consistent = None
        if start_date and anniversary and len(start_date) >= 4 and len(anniversary) >= 4 and not anniversary.startswith("--"):
            consistent = int(anniversary[:4]) - int(start_date[:4]) == ordinal
            if not consistent:
                doc.warn(errors.W_INCONSISTENT_ANNIVERSARY,
                         f"{ordinal} năm does not match {start_date[:4]}-{anniversary[:4]}", m.start(), m.end())
        _add(doc, event, ordinal, start_date, anniversary, consistent, m.start(), m.end())
        taken.append((m.start(), m.end()))
    taken_spans = Spans(taken)
    for m in DAY.finditer(text, doc.doc_start, hi):
        if taken_spans.covers(m.start()):
            continue
        event = _event_text(m["event"])
        if len(event.split()) < 3:
            continue
        day, month = (int(x) for x in (m["paren"] or m["bare"]).split("/"))
        value, _problem = iso_date(day, month, None)
        if value is None:
            continue
        _add(doc, event, None, None, value, None, m.start(), m.end())


def _add(doc: Document, event: str, ordinal: int | None, start_date: str | None, anniversary: str | None,
         consistent: bool | None, start: int, end: int) -> None:
    raw = doc.text[start:end]
    doc.commemorations.append(Commemoration(event=event, ordinal=ordinal, start_date=start_date,
                                            anniversary_date=anniversary, consistent=consistent, raw=raw,
                                            start=start, end=end))
    doc.add_entity("COMMEMORATION", start, end, event, "pattern:commemoration")
