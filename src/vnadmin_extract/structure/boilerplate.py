"""Where the document is inside a saved web page or portal export.

Sets ``doc.doc_start``/``doc.doc_end`` (the document proper, banners and counters
outside) and ``doc.genre`` ("document" or "news"). Lines of web chrome inside that range
(photo-counter lines, rating widgets) are listed in ``doc.chrome_lines`` so that no stage
treats them as content.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import regex

from ..document import Document
from ..rules import vocab
from ..rules.cache import fast_compile
from ..rules.load import load_rules, load_yaml
from ..vietnamese import fold, mostly_upper
from .reflow import reflow


@functools.cache
def chrome() -> Any:
    """Lines that are page furniture, never document content (``patterns/web_chrome.yaml``)."""
    return _alternation(r.pattern for r in load_rules().web_chrome.chrome if r.inline)


@functools.cache
def tail() -> Any:
    """Once one of these is seen after the body, the rest of the page is not the document."""
    return _alternation(r.pattern for r in load_rules().web_chrome.chrome if r.tail)


def _alternation(patterns: Iterable[str]) -> Any:
    return fast_compile(rf"^(?:{'|'.join(patterns)})", regex.X | regex.I)


BREADCRUMB = fast_compile(r"^(?:Trang\s+(?:chủ|nhất)|Home)\s*(?:»|>>|>|/|›)", regex.I)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
DATELINE = fast_compile(
    r"^(?:(?:Cập\s+nhật|Ngày\s+cập\s+nhật|Ngày\s+đăng|Đăng\s+ngày|Đăng\s+lúc|Thời\s+gian(?:\s+đăng)?|Ngày)\s*:?\s*)?"
    r"(?:(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)\s*,\s*)?"
    rf"(?:{_TIME}\s*[-|,]?\s*)?\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}}(?:\s*[-|,]?\s*{_TIME})?"
    r"(?:\s*\(?GMT\s*[+-]\s*\d+\)?)?\s*$",
    regex.I,
)
MOTTO = fast_compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI(?:\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM)?|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")  # upper case: the motto, not prose
NUMBER_LINE = fast_compile(r"^Số\s*[:.]?\s*(?:\d|/|…|\.\.)", regex.I)
# "Theo" alone starts sentences ("Theo dõi chặt chẽ ..."): only "Theo:" or a short
# "Theo Báo Nhân Dân" line is a byline.
NEWS_END = fast_compile(
    r"^(?:Tác\s+giả(?:\s+bài\s+viết)?\s*:|Nguồn\s*:|Theo\s*:|(?-i:Theo\s+\p{Lu})[^\n.;]{0,50}$)", regex.I)


def find(doc: Document) -> None:
    lines = doc.lines
    start_idx = _document_start(doc)
    start = lines[start_idx].start if lines else 0
    end = len(doc.text)
    for ln in lines[start_idx:]:
        if ln.start > start and tail().match(ln.text):
            end = ln.start
            break
    doc.doc_start, doc.doc_end = start, end
    doc.chrome_lines = frozenset(i for i, ln in enumerate(lines) if chrome().match(ln.text))
    has_header = any(MOTTO.search(ln.text) or NUMBER_LINE.match(ln.text)
                     for ln in reflow(lines[start_idx:start_idx + 40]))
    newsy = any(BREADCRUMB.match(ln.text) or DATELINE.match(ln.text) or NEWS_END.match(ln.text)
                for ln in lines if start <= ln.start < end)
    doc.genre = "news" if newsy and not has_header else "document"


_NUMBER_START = fast_compile(r"^Số\s*[:.]", 2)  # re.I
# "Luật số: 06/2022/QH15": a law's number line names its type before "số".
_TYPED_NUMBER_START = fast_compile(r"^(?P<type>\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){0,2})\s+số\s*:")
# "-0-", "***", "-----": a rule drawn under the issuer, between it and the number or motto.
_DECORATION = fast_compile(r"^[\W\d_]{1,40}$")


# A letterhead's contact lines between the body's name and the number: address (a house number
# and a street: "Số: 59B Nguyễn Thị Minh Khai", "Địa chỉ: ..."), telephone, fax, e-mail, website.
@functools.cache
def _contact() -> regex.Pattern[str]:
    """A letterhead's contact line: a label of patterns/header_words.yaml ``contact_labels``, a web
    address, or a street address ("Số 12 Lê Lợi")."""
    labels = sorted(load_yaml("header_words.yaml").get("contact_labels") or [], key=len, reverse=True)
    alternation = "|".join(r"\s*".join(regex.escape(w) for w in label.split()) for label in labels)
    return fast_compile(
        rf"^(?:(?:{alternation})(?![\p{{L}}\d])\s*[.:/]|www\.|https?://"
        r"|Số\s*:?\s*\d+[A-Z]?\s+(?!/)\p{Lu}\p{Ll}[^/\n]*$)", regex.I)


_HEADER_LINES_MAX = 24  # lines walked up from the motto or number, blank and contact lines included


def _number_start(t: str) -> bool:
    m = _TYPED_NUMBER_START.match(t)
    return bool(_NUMBER_START.match(t) or (m and fold(m["type"]) in vocab.type_by_name()))
_START_SEARCH = 400  # a portal's banner and metadata never run longer


def _document_start(doc: Document) -> int:
    """Index of the first line of the document proper.

    A portal page puts banners and metadata before the document; the document starts at
    its header block: the issuer lines just above the national motto or the "Số:" line.
    """
    lines = doc.lines
    for ln in reflow(lines[:_START_SEARCH]):
        i = doc.line_index(ln.start)
        if MOTTO.search(ln.text) or (NUMBER_LINE.match(ln.text) and _near_date_line(doc, i)):
            j = i
            # Walk up over the issuer lines (upper case, short) that precede it, over the "Số: ..."
            # line that a scan's column layout may put between them and the motto, and over a
            # letterhead's address and contact lines ("ĐT: ...", "E.mail: ...", "www....").
            content = 0
            while j > 0 and content < 6 and j - 1 >= i - _HEADER_LINES_MAX:
                prev = lines[j - 1].text.strip()
                contact = bool(prev) and bool(_contact().match(prev))
                if prev and not contact and not _number_start(prev) and not _DECORATION.match(prev) and (
                        not mostly_upper(prev, 0.8) or len(prev) > 120 or chrome().match(prev)):
                    break
                content += bool(prev) and not contact
                j -= 1
            while j < i and not lines[j].text:
                j += 1
            return j
    for i, ln in enumerate(lines):
        if BREADCRUMB.match(ln.text):
            return i
        if DATELINE.match(ln.text):
            # a news page prints its headline above the dateline ("Thống nhất đề xuất khen
            # thưởng ..." / "31/05/2018 - 19:08"): the article starts there
            above = next((k for k in range(i - 1, max(-1, i - 3), -1) if lines[k].text.strip()), None)
            if above is not None and _headline(lines[above].text):
                return above
            return i
    return 0


def _headline(t: str) -> bool:
    """A line that reads as a headline: short, not a sentence's end, not the page's chrome."""
    t = t.strip()
    return 10 <= len(t) <= _HEADLINE_MAX and not t.endswith((".", ":", ";")) and not chrome().match(t)


_HEADLINE_MAX = 200


def _near_date_line(doc: Document, i: int) -> bool:
    window = " ".join(ln.text for ln in doc.lines[i:i + 12])  # the date may follow the motto
    return bool(regex.search(r"ngày\s+\d{0,2}\s*tháng|\d{1,2}/\d{1,2}/\d{4}", window, regex.I))
