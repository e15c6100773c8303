"""Header layouts besides Nghị định 30/2020's two-column block (patterns/header_layouts.yaml).

- A blank form: a form label beside the issuer ("TỈNH QUẢNG BÌNH Biểu mẫu số 01"), a
  placeholder where the unit writes its name ("ĐƠN VỊ CẤP TRÊN"), a place left as a
  placeholder and a date with no year ("Tỉnh (thành phố), ngày …. tháng … năm …..").
- A type line that runs on into the subject ("BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG").
- A Công báo gazette type line that carries the issuer, number and date ("QUYẾT ĐỊNH" /
  "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC ...").
- A consolidated text (văn bản hợp nhất) whose issuer, number, place and date stand under
  "XÁC THỰC VĂN BẢN HỢP NHẤT" at its end.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from ..document import Document, Line
from ..rules import vocab
from ..rules.cache import fast_compile
from ..rules.dates import find_dates
from ..rules.issuers import is_issuer_name
from ..rules.load import load_yaml
from ..vietnamese import fold, mostly_upper


def _data() -> Any:
    return load_yaml("header_layouts.yaml")


def _alternation(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))


@functools.cache
def form_label_re() -> regex.Pattern[str]:
    """"Mẫu số 08", "Biểu mẫu số 01", "Mẫu 02/TĐKT": a form's label, to the end of its line."""
    return fast_compile(rf"(?<!\w)(?i:{_alternation(_data()['form_labels'])})\s*[\p{{L}}\d./-]*\s*$")


def strip_form_label(text: str) -> str:
    """``text`` without the form label at its end ("TỈNH QUẢNG BÌNH Biểu mẫu số 01" -> "TỈNH QUẢNG BÌNH")."""
    m = form_label_re().search(text)
    return text[: m.start()].rstrip() if m else text


@functools.cache
def _placeholders() -> frozenset[str]:
    return frozenset(fold(p) for p in _data()["placeholder_issuers"])


_NOTE_MARK = fast_compile(r"\s*[(\[]\d{1,2}[)\]]\s*$")


def is_placeholder_issuer(text: str) -> bool:
    """"ĐƠN VỊ CẤP TRÊN", "TÊN CƠ QUAN, TỔ CHỨC (2)": the line of a blank form where the issuing
    unit writes its name (a template's note mark after it)."""
    return fold(_NOTE_MARK.sub("", text)) in _placeholders()


@dataclass(frozen=True)
class TypeLine:
    info: vocab.DocTypeInfo
    rest: str  # the words after the type name: the subject's start, or "" when there is none


@functools.cache
def _type_prefix_re() -> regex.Pattern[str]:
    names = {n for t in vocab.doc_types() if t.name != "Công văn" for n in t.names}
    return fast_compile(rf"^(?P<type>{_alternation(sorted(names))})\s+(?P<rest>\S.*)$", regex.I)


@functools.cache
def _qualifiers() -> frozenset[str]:
    return frozenset(fold(q) for q in _data()["type_qualifiers"])


def type_prefix(text: str) -> TypeLine | None:
    """An upper-case type line that goes on after the type name: "BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO
    ĐỘNG" (rest: the subject), "BÁO CÁO THÀNH TÍCH" (a qualifier: rest ""). None for anything
    that is not a type name followed by words."""
    t = text.strip()
    if not mostly_upper(t):
        return None
    m = _type_prefix_re().match(t)
    if not m:
        return None
    info = vocab.type_by_name().get(fold(m["type"]))
    if info is None:
        return None
    rest = m["rest"].strip()
    if rest[:1] in ":;,." or regex.match(r"^(?:CỦA|SỐ)\b", rest, regex.I):
        return None  # "QUYẾT ĐỊNH:" or an old-style/gazette line, read elsewhere
    # "THÔNG TƯ HƯỚNG DẪN": a second type name qualifies the first, the subject is below
    qualifier = fold(rest) in _qualifiers() or fold(rest) in vocab.type_by_name()
    return TypeLine(info, "" if qualifier else rest)


def not_a_title(text: str) -> bool:
    """"MỤC LỤC": a heading of the document's apparatus, never its title."""
    return fold(text) in _not_titles()


@functools.cache
def _not_titles() -> frozenset[str]:
    return frozenset(fold(p) for p in _data()["not_titles"])


# "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC ...": the words
# under a gazette's type line.
_GAZETTE = fast_compile(
    r"^CỦA\s+(?P<issuer>\p{Lu}[\p{Lu}\s,–-]*?)\s+SỐ\s*:?\s*(?P<number>\d+[^\s]*)\s+"
    r"(?P<date>NGÀY\s+\d{1,2}\s*(?:THÁNG\s*\d{1,2}\s*NĂM\s*|[/.-]\s*\d{1,2}\s*[/.-]\s*)\d{4})"
    r"\s*(?P<title>\S.*)?$",
    regex.I,
)


_BODY_START = fast_compile(r"^(?:Căn\s+cứ|Thi\s+hành|Theo\s+đề\s+nghị|Điều\s+\d|[IVX]+\.\s|\d+\.\s)", regex.I)


@dataclass(frozen=True)
class Gazette:
    issuer: str
    date_raw: str
    date_value: str | None
    title: str | None
    end: int  # offset after the last line read


def gazette_line(window: list[Line], type_idx: int) -> Gazette | None:
    """The issuer, date and subject of a Công báo type line ("QUYẾT ĐỊNH" / "CỦA THỦ TƯỚNG CHÍNH
    PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC ..."), read from the upper-case lines
    under the type line up to the first blank line; None for any other layout."""
    head = window[type_idx].text.strip()
    info = vocab.type_by_name().get(fold(head))
    m0 = regex.match(r"^(?P<type>\p{Lu}+(?:\s+\p{Lu}+){0,3}?)\s+(?P<rest>CỦA\s.*)$", head)
    lines: list[Line] = []
    parts: list[str] = []
    if info is None and m0 is not None and vocab.type_by_name().get(fold(m0["type"])):
        parts.append(m0["rest"])  # "QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ ..." on one line
        lines.append(window[type_idx])
    elif info is None:
        return None
    i = type_idx + 1
    while i < len(window) and not window[i].text.strip() and not parts:
        i += 1
    while i < len(window) and window[i].text.strip() and len(lines) < 10:
        t = window[i].text.strip()
        if not mostly_upper(t):
            break
        parts.append(t)
        lines.append(window[i])
        i += 1
    if not parts:
        return None
    m = _GAZETTE.match(" ".join(parts))
    issuer = _gazette_issuer(m["issuer"]) if m else None
    if not m or issuer is None:
        return None
    dates = find_dates(m["date"].lower())
    title = (m["title"] or "").strip().rstrip(".") or None
    if title is None:
        # the subject in lower case under the upper-case lines ("Hướng dẫn thi hành ..."), up to
        # the blank line before the body
        subject: list[Line] = []
        while i < len(window) and window[i].text.strip() and len(subject) < 4:
            t = window[i].text.strip()
            if _BODY_START.match(t) or t.endswith(":") or len(t) > 300:
                break
            subject.append(window[i])
            i += 1
        if subject:
            title = " ".join(ln.text.strip() for ln in subject).rstrip(".")
            lines.extend(subject)
    return Gazette(issuer=issuer, date_raw=m["date"], date_value=dates[0].value if dates else None,
                   title=title, end=lines[-1].end)


@functools.cache
def _issuing_positions() -> frozenset[str]:
    return frozenset(fold(p) for p in load_yaml("issuers.yaml")["issuing_positions"])


def _gazette_issuer(text: str) -> str | None:
    """The issuing body of a gazette line: "THỦ TƯỚNG CHÍNH PHỦ" (a position that issues in its own
    name) as it is; "BỘ TRƯỞNG BỘ TÀI CHÍNH" -> "BỘ TÀI CHÍNH" (the minister signs for the
    ministry, which the header block would name); None for words that name no body."""
    t = text.strip()
    if fold(t) in _issuing_positions():
        return t
    pm = vocab.position_regex().match(t)
    if pm and is_issuer_name(t[pm.end():].strip()):
        return t[pm.end():].strip()
    return t if is_issuer_name(t) else None


@functools.cache
def _certification_re() -> regex.Pattern[str]:
    return fast_compile(rf"^\s*(?i:{_alternation(_data()['certification_lines'])})\s*$")


@dataclass(frozen=True)
class Certification:
    issuer: str | None
    number_line: Line | None
    date_line: Line | None


def certification_block(doc: Document, tail: int = 40) -> Certification | None:
    """The certificate at the end of a consolidated text: "VĂN PHÒNG QUỐC HỘI" / "XÁC THỰC VĂN
    BẢN HỢP NHẤT" / "Số: 16/VBHN-VPQH" / "Hà Nội, ngày 13 tháng 12 năm 2013"; the issuer is the
    body's line above the certification line, the number and date lines are those under it."""
    last = doc.line_index(max(doc.doc_end - 1, 0))
    lines = doc.lines[max(0, last - tail): last + 1]
    for k, ln in enumerate(lines):
        if not _certification_re().match(ln.text):
            continue
        issuer = next((p.text.strip() for p in reversed(lines[max(0, k - 3):k])
                       if p.text.strip() and is_issuer_name(p.text.strip())), None)
        after = [p for p in lines[k + 1:k + 6] if p.text.strip()]
        number_line = next((p for p in after if regex.match(r"^\s*Số\s*[:.]", p.text, regex.I)), None)
        date_line = next((p for p in after if regex.search(r"(?i:ngày)\s*\d{1,2}\s*(?i:tháng)", p.text)), None)
        return Certification(issuer, number_line, date_line)
    return None


# A blank form's place-and-date line: the place a placeholder ("Tỉnh (thành phố)", "......"),
# the date no more than dots ("ngày …. tháng … năm …..").
_BLANK_FORM_DATE = fast_compile(
    r"(?P<place>(?:TP\.\s*)?\p{Lu}\p{Ll}+(?:[ ]+\p{L}\p{Ll}+){0,4}(?:\s*\([\p{Ll}\s]+\))?)\s*,\s*"
    r"(?P<date>(?i:ngày)[\s.…_]*(?i:tháng)[\s.…_]*(?i:năm)[\s.…_]*(?:20)?[\s.…_]*)$"
)


def blank_form_place(lines: list[str]) -> str | None:
    """The place of a date line printed with no date at all: a blank form's ("Tỉnh (thành
    phố), ngày …. tháng … năm …..") or a draft's ("Hà Nội, ngày    tháng    năm"). ``lines``
    come without the motto, which may share the line."""
    for t in lines:
        m = _BLANK_FORM_DATE.search(t)
        if m:
            return m["place"].strip()
    return None
