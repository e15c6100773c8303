"""The document's identity: issuer, number, place and date, type, title (Nghị định 30/2020).

The header block is two columns flattened in any order: issuer lines (parent, issuer)
and the national motto, then "Số: ..." beside "Place, ngày ... tháng ... năm ...", then
the type line ("BÁO CÁO") and the trích yếu. A line may hold both columns ("UBND TỈNH X
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"). News pages have a dateline and a headline instead.
"""

from __future__ import annotations

import functools
from typing import Any

import regex

from .. import errors
from ..document import Document, Line
from ..rules import gazetteer, lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..rules.dates import VI_DATE, find_dates
from ..rules.issuers import is_issuer_name, starts_with_body
from ..schema import DateValue, DocNumber, DocType, Header, Issuer
from ..vietnamese import fold, mostly_upper
from . import boilerplate, header_layouts, issuer_inference
from .reflow import reflow

HEADER_LINES = 45  # the header block never runs longer than this

# scanned over long lines, where ``regex`` finds the literals faster than ``re``
MOTTO_PARTS = regex.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI(?:\s+CHỦ\s+NGHĨA)?(?:\s+VIỆT\s+NAM)?|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|"
    r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|"
    r"ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH|ĐOÀN\s+THANH\s+NIÊN\s+CỘNG\s+SẢN\s+HỒ\s+CHÍ\s+MINH|"
    r"(?:MẬT|TỐI\s+MẬT|TUYỆT\s+MẬT|KHẨN|THƯỢNG\s+KHẨN|HỎA\s+TỐC|DỰ\s+THẢO)\s*$",
    regex.I,
)
_SYMBOL_PART = r"[\p{L}\d&.]+"
# scanned over long lines, where ``regex`` finds the literals faster than ``re``
NUMBER = regex.compile(
    rf"""(?P<raw>Số\s*[:.]?\s*
      (?:
        (?P<pnum>\d+)\s*-\s*(?P<psym>\p{{Lu}}[\p{{L}}]*\s*/\s*{_SYMBOL_PART}(?:\s*-\s*{_SYMBOL_PART})*)   # 48-BC/ĐU
      | (?P<num>\d+[a-z]?)?\s*(?:/\s*(?P<year>(?:19|20)\d\d))?\s*/\s*
        (?P<sym>{_SYMBOL_PART}(?:\s*[-–]\s*{_SYMBOL_PART}|/(?-i:(?=\p{{Lu}})){_SYMBOL_PART})*
          (?:[ ](?-i:[IVX]{{1,4}})(?![\p{{L}}\d/.]))?)  # 15/KH-UBND, 144/2002/QĐ/BTC, 1855/BTĐKT-Vụ II
      ))""",
    regex.X | regex.I,
)
# "Số: Sý 7i QĐ-UBND": marks where a handwritten number was, then a symbol whose first part is
# a type code (checked against doc_types.yaml).
ILLEGIBLE_NUMBER = fast_compile(
    r"^\s*(?i:Số)\s*[:.]?\s*(?P<junk>[^\s/][^/\n]{0,12}?)[\s/]*"
    r"(?P<sym>(?P<type>[\p{Lu}Đ]{1,5})\s*[-–]\s*[\p{Lu}Đ&][\p{Lu}Đ&\d]*(?:\s*[-–]\s*[\p{Lu}Đ&\d]+)*)\s*$"
)
PLACE_DATE = fast_compile(
    r"(?P<place>(?:TP\.\s*|Thành\s+phố\s+)?\p{Lu}\p{Ll}+(?:[ ]+\p{L}\p{Ll}+){0,4})\s*,\s*"
    r"(?P<date>(?i:ngày)\b[^\n]{0,40}?(?i:năm)\s*\d{4})",
)
# A place-and-date line whose day or month is not a plain number: left blank ("ngày  tháng
# năm 2021"), or filled in by hand, which OCR reads as marks or letters ("ngày \\J tháng",
# "ngày kỖ tháng 6", "ngày 84 tháng 5"). Each slot is judged on its own (``_slot``).
PLACE_PARTIAL_DATE = fast_compile(
    r"(?P<place>(?:TP\.\s*|Thành\s+phố\s+)?\p{Lu}\p{Ll}+(?:[ ]+\p{L}\p{Ll}+){0,4})\s*,\s*"
    r"(?P<date>(?i:ngày)(?P<d>[^\n]{0,8}?)(?i:tháng)(?P<m>[^\n]{0,8}?)(?i:năm)[ \t.…_]*(?P<y>(?:19|20)\d\d))(?!\d)"
)
_SLOT_BLANK = fast_compile(r"[\s.…_,:]*")
# A line that is a date and nothing else (a date line without its place).
DATE_LINE = fast_compile(r"^[\s*_(]*(?P<date>(?i:ngày)\s*\d{0,2}\s*(?i:tháng)\s*\d{1,2}\s*(?i:năm)\s*\d{4})[\s*_).]*$")
TYPE_LINE_MAX = 40
ATTACHED_TO = fast_compile(r"\(\s*(?:Ban\s+hành\s+)?kèm\s+theo\b", regex.I)
KINH_GUI = fast_compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", regex.I)
VV = fast_compile(r"^(?:V/v|Về\s+việc)\b", regex.I)
# OCR: "vív thông báo"; "V/ bảo đảm" (the second v lost)
VV_OCR = fast_compile(r"^[^\p{L}\d]{0,4}[vV]\s?(?:[/íÍìiI1l|.]\s?[vVy]|/)\s+\p{Ll}")
_STARTS_SECTION = fast_compile(r"^(?:Điều\s+\d|[IVX]+\.\s|\d+\.\s|[a-zđ]\)\s)")
STOP_TITLE = fast_compile(
    r"^(?:Điều\s+\d+|[IVX]+\.\s|\d+\.\s|Căn\s+cứ|Kính\s+gửi|Thực\s+hiện|Trong\s+năm|Năm\s+\d{4}|Ngày\s+\d|Thứ\s+\w+,|"
    r"CHỦ\s+TỊCH\s+ỦY\s+BAN|BỘ\s+TRƯỞNG\s+BỘ|GIÁM\s+ĐỐC\s+SỞ|HIỆU\s+TRƯỞNG|BAN\s+CHẤP\s+HÀNH|"
    r"BAN\s+THƯỜNG\s+VỤ|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|ỦY\s+BAN\s+NHÂN\s+DÂN|THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ)",
    regex.I,
)


@functools.cache
def _locality() -> Any:
    """A header line that starts with an administrative unit ("HUYỆN THĂNG BÌNH"; patterns/provinces.yaml)."""
    return fast_compile(rf"^{lexicon.admin_unit_pattern(upper=True)}\b")


def find(doc: Document) -> None:
    """Stage: fill ``doc.header``; set ``doc.body_start``."""
    start = doc.doc_start
    first = doc.line_index(start)
    window = reflow(doc.lines[first:first + HEADER_LINES])
    header = Header(genre=doc.genre)
    doc.header = header
    if header.genre == "news":
        _news_header(doc, window)
        return
    num_line = _find_number(doc, header, window)
    _find_place_date(doc, header, window)
    type_idx = _find_type_line(header, window)
    title_end = _gazette_type_line(doc, header, window, type_idx) if type_idx is not None else None
    if title_end is None:
        title_end = _find_title(doc, header, window, type_idx, num_line)
    _find_issuer(doc, header, window, num_line, type_idx)
    if header.place is None and header.date is None:
        _blank_form_place(header, window)
    if header.issuer is None:
        _certification_block(doc, header)
    # A "V/v ..." subject under the number is the mark of a công văn (Nghị định 30/2020,
    # Phụ lục I): it wins over a symbol whose first part only looks like a type code
    # ("5317/CT-CS": CT is Cục Thuế there, not Chỉ thị).
    if header.doc_type is None and header.title and _rx(r"^V/v\b").match(header.title):
        header.doc_type = DocType(code=None, name="Công văn")
        header.sources["doc_type"] = "vv_line"
    if header.doc_type is None and header.number and header.number.symbol:
        info = _type_from_symbol(header.number)
        if info is not None:
            header.doc_type = DocType(code=info.code, name=info.name)
            header.sources["doc_type"] = "symbol"
    if header.doc_type is None and header.title and VV.match(header.title):
        header.doc_type = DocType(code=None, name="Công văn")
        header.sources["doc_type"] = "vv_line"
    if header.doc_type is None and header.sources.get("title") == "subject_line":
        # a subject in the number's column ("Về hướng dẫn ...") is a công văn's, as "V/v" is
        header.doc_type = DocType(code=None, name="Công văn")
        header.sources["doc_type"] = "subject_line"
    if header.doc_type is None and header.title is None and doc.ocr and any(
            VV_OCR.match(ln.text) for ln in window[:12]):
        # "—> vív thông báo ... I`SYš": the subject line under handwritten notes; its words are
        # not kept as the title, but "V/v" still marks a công văn
        header.doc_type = DocType(code=None, name="Công văn")
        header.sources["doc_type"] = "vv_line"
    body_from = title_end if title_end is not None else (num_line.end if num_line else start)
    doc.body_start = _skip_addressees(doc, header, body_from)
    if header.issuer is None:
        issuer_inference.infer(doc, header)


def _find_number(doc: Document, header: Header, window: list[Line]) -> Line | None:
    for ln in window:
        m = NUMBER.search(ln.text)
        typed = bool(m) and _typed_number(ln.text, m)
        if m and m.start() > 2 and not typed and _cites_type(ln.text[: m.start()]):
            continue  # "... THEO THÔNG BÁO SỐ 496-TB/TU": another document's number
        if (m and m.start() <= 2) or (m and MOTTO_PARTS.search(ln.text[: m.start()])) or (
            m and mostly_upper(ln.text[: m.start()])
        ) or typed:
            header.number = parse_number(m)
            header.sources["number"] = "header_block"
            conf = doc.ocr_unsure_numbers.get(header.number.number or "")
            if conf is not None:
                # "Số: 635 /SGDĐT-CTrTT" for a handwritten 1595: a guess, not a number
                doc.warn(errors.W_NUMBER_ILLEGIBLE,
                         f"the document number reads {header.number.number!r} at OCR confidence {conf:.0f} "
                         "(handwritten or damaged in the scan): left null", ln.start + m.start(), ln.start + m.end())
                header.number.number = None
            elif header.number.number is None:
                doc.warn(errors.W_BLANK_NUMBER, "the document number is blank (a draft or an unsigned copy)",
                         ln.start + m.start(), ln.start + m.end())
            doc.add_entity("DOC_NUMBER", ln.start + m.start("raw"), ln.start + m.end("raw"),
                           header.number.symbol, "pattern:doc_number")
            return ln
    for ln in window:  # "Số: Sý 7i QĐ-UBND": a handwritten number OCR could not read
        m = ILLEGIBLE_NUMBER.match(ln.text)
        if m and vocab.type_by_code().get(m["type"].upper()):
            symbol = _rx(r"\s*[-–]\s*").sub("-", m["sym"])
            parts = symbol.split("-")
            header.number = DocNumber(raw=m.group().strip(), number=None, symbol=symbol, type_code=parts[0],
                                      issuer_code=parts[1], unit="-".join(parts[2:]) or None)
            header.sources["number"] = "header_block"
            doc.warn(errors.W_NUMBER_ILLEGIBLE, f"the document number could not be read ({m['junk']!r} before "
                     f"the symbol: handwritten or filled in later); only the symbol {symbol!r} is kept",
                     ln.start + m.start(), ln.start + m.end())
            return ln
    return None


def _typed_number(text: str, m: regex.Match[str]) -> bool:
    """"Luật số: 06/2022/QH15": the document's own number line names its type, with a colon and
    nothing after the number ("Luật số 32/2009/QH12 ngày ..." is a citation)."""
    return (fold(text[: m.start()].strip()) in vocab.type_by_name() and bool(_rx(r"^số\s*:", regex.I).match(m.group()))
            and not text[m.end():].strip())


def _cites_type(before: str) -> bool:
    """Whether the words before "Số" end with a document type ("THÔNG BÁO SỐ ..."): a citation."""
    words = before.split()
    names = vocab.type_by_name()
    return any(fold(" ".join(words[-k:])) in names for k in (1, 2, 3) if len(words) >= k)


def parse_number(m: regex.Match[str]) -> DocNumber:
    """Split a matched "Số: ..." into its parts (see RECORD.md ``header.number``)."""
    raw = _rx(r"\s+").sub(" ", m.group("raw")).strip()
    if m.group("pnum"):
        symbol = _rx(r"\s+").sub("", m.group("psym"))
        type_part, _, issuer_part = symbol.partition("/")
        issuer_code, _, unit = issuer_part.partition("-")
        return DocNumber(raw=raw, number=m.group("pnum"), symbol=symbol,
                         type_code=type_part if type_part.upper() in vocab.type_by_code() else None,
                         issuer_code=issuer_code or None, unit=unit or None)
    symbol = _rx(r"\s*[-–]\s*").sub("-", m.group("sym")).strip(".")
    parts = _rx(r"[-/]").split(symbol)  # "QĐ/BTC": an old symbol's parts split by a slash
    type_code = parts[0] if parts[0].upper() in vocab.type_by_code() and len(parts) > 1 else None
    rest = parts[1:] if type_code else parts
    return DocNumber(raw=raw.rstrip("."), number=m.group("num"), year=int(m["year"]) if m["year"] else None,
                     symbol=symbol, type_code=type_code, issuer_code=rest[0] if rest else None,
                     unit="-".join(rest[1:]) or None)


def _type_from_symbol(number: DocNumber) -> vocab.DocTypeInfo | None:
    if number.type_code:
        return vocab.type_by_code().get(number.type_code.upper())
    return None


def _find_place_date(doc: Document, header: Header, window: list[Line]) -> None:
    """The date of issue, from the place-and-date line only ("Quảng Bình, ngày 24 tháng 10 năm
    2022", or a line that is nothing but a date). A day or month left blank gives a partial
    value with a warning; a date is never borrowed from a "Căn cứ" line or the body."""
    for ln in window:
        m = PLACE_DATE.search(ln.text)
        d = find_dates(m.group("date"))[0] if m and VI_DATE.search(m.group("date")) else None
        if m and d is not None and d.value:  # "ngày 84 tháng 5": a misread day, see below
            header.place = m.group("place").strip()
            header.date = DateValue(raw=d.raw.replace("\n", " "), value=d.value)
            header.sources["place"] = header.sources["date"] = "date_line"
            if d.value and len(d.value) == 7:
                doc.warn(errors.W_BLANK_DAY, "the date of issue has no day (left blank before signing)",
                         ln.start + m.start("date"), ln.start + m.end("date"))
            return
        m = PLACE_PARTIAL_DATE.search(ln.text)
        if m:
            _partial_date(doc, header, ln, m)
            return
    for ln in window:  # a line that is nothing but a date ("Ngày 05 tháng 3 năm 2024")
        d = DATE_LINE.match(ln.text)
        if d:
            parsed = find_dates(d.group("date"))[0]
            header.date = DateValue(raw=parsed.raw, value=parsed.value)
            header.sources["date"] = "date_line"
            return
    doc.warn(errors.W_NO_DATE, "no place-and-date line: the date of issue is unknown "
             "(dates in the body are not the document's)")


def _slot(text: str, most: int) -> int | str | None:
    """A day or month slot of the date line: its number, None when blank, or the marks
    OCR read where a hand filled it in (a number out of range is such a misreading)."""
    t = text.strip()
    if _SLOT_BLANK.fullmatch(t):
        return None
    if t.isdigit() and 1 <= int(t) <= most:
        return int(t)
    return t


def _partial_date(doc: Document, header: Header, ln: Line, m: Any) -> None:
    """The date line with a blank or unreadable day or month: keep what is printed (the
    year, and the month when it is readable), never a day guessed from the marks."""
    day, month, year = _slot(m["d"], 31), _slot(m["m"], 12), m["y"]
    if isinstance(day, int) and isinstance(month, int):
        day = m["d"].strip()  # both read, yet no such day ("ngày 31 tháng 2"): a misreading
    value = f"{year}-{month:02d}" if isinstance(month, int) else year
    header.place = m.group("place").strip()
    header.date = DateValue(raw=_rx(r"[\s.…_]+").sub(" ", m.group("date")).strip(), value=value)
    header.sources["place"] = header.sources["date"] = "date_line"
    at = (ln.start + m.start("date"), ln.start + m.end("date"))
    unread = [f"{what} {v!r}" for what, v in (("day", day), ("month", month)) if isinstance(v, str)]
    unread += [f"{what} left blank" for what, v in (("day", day), ("month", month)) if v is None]
    if any(isinstance(v, str) for v in (day, month)):
        doc.warn(errors.W_DATE_ILLEGIBLE, f"the date of issue could not be read in full ({', '.join(unread)}; "
                 f"handwritten or damaged in the scan): only {value} is kept", *at)
    elif month is None:
        doc.warn(errors.W_BLANK_DATE, "the date of issue has day and month left blank (a draft or a "
                 f"document signed electronically later): only the year {year} is known", *at)
    else:
        doc.warn(errors.W_BLANK_DAY, "the date of issue has no day (left blank before signing)", *at)


# A type line that names who issues it ("QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ").
_OLD_TYPE_LINE = fast_compile(r"^(?P<type>\p{Lu}+(?:\s+\p{Lu}+){0,3})\s+CỦA\s+\p{Lu}")


def _find_type_line(header: Header, window: list[Line]) -> int | None:
    names = vocab.type_by_name()
    for i, ln in enumerate(window):
        t = ln.text.strip()
        if not t or t.endswith(":") or not mostly_upper(t):
            continue
        m = _OLD_TYPE_LINE.match(t) if len(t) <= 2 * TYPE_LINE_MAX else None
        if len(t) > TYPE_LINE_MAX and m is None:
            continue
        info = names.get(fold(t))
        if info is None and m is not None:
            info = names.get(fold(m["type"]))  # "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH": old style
        if info is not None and info.name != "Công văn":
            header.doc_type = DocType(code=info.code, name=info.name)
            header.sources["doc_type"] = "type_line"
            return i
    # No type line of its own: one that runs on into the subject ("BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO
    # ĐỘNG") or names a kind of report ("BÁO CÁO THÀNH TÍCH"), above the body only.
    for i, ln in enumerate(window):
        t = ln.text.strip()
        if t and (STOP_TITLE.match(t) or _STARTS_SECTION.match(t) or KINH_GUI.match(t) or len(t) > 160):
            break
        tp = header_layouts.type_prefix(t) if len(t) <= 3 * TYPE_LINE_MAX else None
        if tp is not None and tp.info.name != "Công văn":
            header.doc_type = DocType(code=tp.info.code, name=tp.info.name)
            header.sources["doc_type"] = "type_line"
            return i
    return None


def _find_title(doc: Document, header: Header, window: list[Line], type_idx: int | None,
                num_line: Line | None) -> int | None:
    """Trích yếu after the type line (or "V/v ..." under the number); returns its end offset."""
    lines: list[Line] = []
    source = None
    if type_idx is not None:
        i = type_idx + 1
        first_upper = None
        run_on = header_layouts.type_prefix(window[type_idx].text)
        if run_on is not None and run_on.rest:
            # the subject starts on the type line ("BÁO CÁO ĐỊNH KỲ VỀ ..."); only its own wrapped
            # lines follow, no blank line between
            ln = window[type_idx]
            lines.append(Line(ln.end - len(run_on.rest), ln.end, run_on.rest))
            first_upper = True
        else:
            while i < len(window) and not window[i].text:
                i += 1
        while i < len(window) and len(lines) < 6:
            t = window[i].text
            if not t:
                # A blank line ends the title unless the next line visibly continues it
                # (HTML puts every line of a wrapped title in its own paragraph).
                nxt = next((w.text for w in window[i + 1:i + 2] if w.text), "")
                if lines and nxt and _continues_title(lines[-1].text, nxt, bool(first_upper)):
                    i += 1
                    continue
                break
            if STOP_TITLE.match(t) or len(t) > 400 or _authority_line(t) or _MARKS_ONLY.match(t):
                break  # "_" under the subject (a short rule a portal keeps as text) ends it too
            if run_on is not None and run_on.rest and (KINH_GUI.match(t) or not mostly_upper(t)):
                break
            upper = mostly_upper(t)
            if first_upper is None:
                first_upper = upper
            elif upper and not first_upper:
                break  # "Về việc ..." then "CHỦ TỊCH ỦY BAN NHÂN DÂN ..."
            lines.append(window[i])
            i += 1
        if not lines:
            return window[type_idx].end
    else:
        for j, ln in enumerate(window):
            if VV.match(ln.text):
                lines.append(ln)
                k = j + 1
                while k < len(window) and window[k].text and not _breaks_vv(window[k].text):
                    lines.append(window[k])
                    k += 1
                break
        if not lines and num_line is not None:
            lines = _subject_line(window, num_line)
            source = "subject_line" if lines else None
        if not lines:
            lines = _list_title(window)
        if not lines:
            lines = _heading_title(window)
            source = "heading" if lines else None
    if not lines:
        return None
    title = " ".join(ln.text.strip() for ln in lines)
    title = _FOOTNOTE_MARK.sub("", title)  # "……[1]": a converted .doc's footnote reference
    m = PLACE_DATE.search(title)  # a cell row joined the date line to the subject
    if m and m.start() > 0:
        title = title[: m.start()].rstrip(" ,")
    m = ATTACHED_TO.search(title)  # "... 814 (Ban hành kèm theo Quyết định số ...)": not the subject
    if m and m.start() > 0:
        title = title[: m.start()].rstrip(" ,")
    title = _TRAILING_RULE.sub("", title)  # "... của Chính phủ _": the rule under the subject, joined to it
    if title.startswith("(") and title.endswith(")") and title.count("(") == 1 and title.count(")") == 1:
        title = title[1:-1].strip()  # "HƯỚNG DẪN." / "(Lập hồ sơ đề nghị khen thưởng ...)": the subject in brackets
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()  # a subject is no sentence: "... của BQL các KCN. BR – VT."
    if fold(title) in vocab.type_by_name():
        return lines[-1].end  # a second type line ("BÁO CÁO"), not a subject
    header.title = title
    header.sources["title"] = source or ("title_block" if type_idx is not None
                                         else "vv_line" if VV.match(lines[0].text) else "list_title")
    if source == "heading":
        doc.warn(errors.W_TITLE_FROM_HEADING, "no type line and no V/v line: the title is taken from the "
                 "document's heading", lines[0].start, lines[-1].end)
    return lines[-1].end


_FOOTNOTE_MARK = fast_compile(r"\s*\[\d{1,2}\]")
_MARKS_ONLY = fast_compile(r"^[\s_\-–—=~*]+$")
_TRAILING_RULE = fast_compile(r"\s+[_=~*]+$")
# "Về hướng dẫn đánh giá ...": a công văn's subject written without "V/v" (Nghị định 30/2020
# has "V/v"; many offices write "Về ...").
_VE_SUBJECT = fast_compile(r"^Về\s+\p{Ll}")


def _subject_line(window: list[Line], num_line: Line) -> list[Line]:
    """The subject under the number when it starts "Về ..." instead of "V/v ...": the next
    line of the number's column, with the lines that wrap it."""
    idx = next((k for k, ln in enumerate(window) if ln is num_line), None)
    if idx is None:
        return []
    after = [ln for ln in window[idx + 1:idx + 4] if ln.text.strip() and not PLACE_DATE.search(ln.text)]
    if not after or not _VE_SUBJECT.match(after[0].text) or len(after[0].text) > 300:
        return []
    out = [after[0]]
    k = window.index(after[0]) + 1
    while k < len(window) and window[k].text and not _breaks_vv(window[k].text) and len(out) < 4:
        out.append(window[k])
        k += 1
    return out


def _header_part(t: str) -> bool:
    """A line of the two-column block: issuer, motto, number, place and date, a form label."""
    return bool(MOTTO_PARTS.search(t) or NUMBER.search(t) or PLACE_DATE.search(t) or PLACE_PARTIAL_DATE.search(t)
                or header_layouts.form_label_re().search(t) or is_issuer_name(header_layouts.strip_form_label(t)))


def _heading_title(window: list[Line]) -> list[Line]:
    """A document with no type line and no "V/v": its heading, the upper-case lines right after
    the header block ("PHÂN CÔNG NHIỆM VỤ" / "CÁC THÀNH VIÊN PHÒNG ..."). When a mixed-case line
    follows the heading directly, the heading names the kind of text ("NỘI DUNG TẬP HUẤN") and
    that line is the subject ("Hướng dẫn một số nội dung ...")."""
    first = 0
    for k, ln in enumerate(window[:15]):
        t = ln.text.strip()
        if t and (STOP_TITLE.match(t) or _STARTS_SECTION.match(t) or len(t) > 160):
            break  # the body: a "Căn cứ ... số 135/QĐ-SNV" line is no header line
        if t and _header_part(t):
            first = k + 1
    k = first
    while k < len(window) and not window[k].text.strip():
        k += 1
    heading: list[Line] = []
    while k < len(window) and window[k].text.strip() and len(heading) < 3:
        t = window[k].text.strip()
        if (not mostly_upper(t) or len(t) > 120 or t.endswith(":") or "│" in t or STOP_TITLE.match(t)
                or _STARTS_SECTION.match(t) or is_issuer_name(t) or header_layouts.not_a_title(t)):
            break
        heading.append(window[k])
        k += 1
    if not heading:
        return []
    if k < len(window) and len(heading) == 1:
        t = window[k].text.strip()
        if (t and not mostly_upper(t) and len(t) <= 200 and not t.endswith(":") and t[:1].isupper() and "│" not in t
                and not (STOP_TITLE.match(t) or _STARTS_SECTION.match(t) or KINH_GUI.match(t))):
            return [window[k]]
    return heading


def _authority_line(t: str) -> bool:
    """"CỤC TRƯỞNG CỤC HẢI QUAN", "GIÁM ĐỐC SỞ NỘI VỤ": the line under a decision's title that
    names who decides (a position followed by its body), never part of the title."""
    if not mostly_upper(t):
        return False
    m = vocab.position_regex().match(t)
    if not m:
        return False
    rest = t[m.end():].strip()
    return bool(rest) and bool(vocab.org_head_regex_ci().match(rest))


@functools.cache
def _list_title_re() -> regex.Pattern[str]:
    from ..rules.load import load_yaml

    words = sorted((w.upper() for w in load_yaml("recipients.yaml").get("list_titles", [])), key=len, reverse=True)
    return fast_compile(r"^(?:" + "|".join(regex.escape(w) for w in words) + r")\b")


def _list_title(window: list[Line]) -> list[Line]:
    """A document of no type whose header names it as a list or a summary form ("DANH SÁCH ĐỀ
    NGHỊ KHEN THƯỞNG", "BẢNG TỔNG HỢP HÌNH THỨC KHEN THƯỞNG ..."): that upper-case line, with the
    upper-case lines right under it, is its title. Only above the body: a list after a decision's
    articles ("Điều 1. Tặng ... (có danh sách kèm theo)" then "DANH SÁCH") is no title."""
    for j, ln in enumerate(window):
        t = ln.text.strip()
        if len(t) > 60 and not mostly_upper(t):
            return []  # a sentence: the body has begun
        if t and _list_title_re().match(t) and mostly_upper(t) and "│" not in t:
            out = [ln]
            for nxt in window[j + 1:j + 4]:
                if not nxt.text.strip() or not mostly_upper(nxt.text) or "│" in nxt.text:
                    break
                out.append(nxt)
            return out
    return []


def _continues_title(prev: str, t: str, upper_title: bool) -> bool:
    if STOP_TITLE.match(t) or _STARTS_SECTION.match(t) or KINH_GUI.match(t) or len(t) > 160:
        return False
    if upper_title:
        return mostly_upper(t)
    # A mixed-case title continues after a line cut where the sentence cannot end (a comma,
    # "và", "của"): "... Luật Thi đua, khen thưởng và" / "Nghị định số 152/2025/NĐ-CP ...".
    tail = prev.rstrip()
    if tail.endswith((" và", " của", " về", " cho", " tại", " theo")):
        return True
    # ... or the next line starts in lower case after a line that ends no sentence ("đối với
    # một số" / "lĩnh vực, ngành, nghề ...": a .doc's title split over two paragraphs).
    return t[:1].islower() and (tail.endswith((",", ";")) or (tail[-1:].isalpha() and len(tail) >= 40))


def _breaks_vv(t: str) -> bool:
    return bool(KINH_GUI.match(t) or boilerplate.MOTTO.search(t) or PLACE_DATE.search(t)
                or mostly_upper(t) or STOP_TITLE.match(t))


def _skip_addressees(doc: Document, header: Header, offset: int) -> int:
    """Read "Kính gửi: ..." lines after the title; the body starts after them."""
    idx = doc.line_index(offset) + (1 if offset and offset == doc.lines[doc.line_index(offset)].end else 0)
    lines = doc.lines
    seen = 0
    while idx < len(lines) and seen < 6 and not KINH_GUI.match(lines[idx].text):
        t = lines[idx].text
        if t and (len(t) > 200 or _STARTS_SECTION.match(t)):
            break
        seen += bool(t)
        idx += 1
    if idx < len(lines):
        m = KINH_GUI.match(lines[idx].text)
        if m:
            rest = m.group("rest").strip()
            if rest:
                header.addressees.append(rest.lstrip("-+• ").rstrip(";,."))
            idx += 1
            while idx < len(lines):
                # the list may stand apart from "Kính gửi:" and its items from each other by a
                # blank line (a page that sets each in a paragraph of its own)
                nxt = idx + 1 if not lines[idx].text.strip() and idx + 1 < len(lines) else idx
                if not _rx(r"^[-+•]\s*\S").match(lines[nxt].text):
                    break
                header.addressees.append(lines[nxt].text.lstrip("-+• ").rstrip(";,.").strip())
                idx = nxt + 1
            return lines[idx - 1].end
    return offset


def _find_issuer(doc: Document, header: Header, window: list[Line], num_line: Line | None,
                 type_idx: int | None) -> None:
    stop = len(window)
    for i, ln in enumerate(window):
        if (num_line is not None and ln.start >= num_line.start) or (type_idx is not None and i >= type_idx):
            stop = i
            break
    parts: list[str] = []
    first = doc.line_index(window[0].start) if window else 0
    lead = ""
    if stop and first and mostly_upper(window[0].text) and not is_issuer_name(window[0].text):
        # the page's chrome ended on the body's first words ("Đã biết BỘ" / "TÀI CHÍNH"), and the
        # document was taken to start on the line after it
        m = _rx(r"(?:^|\s)((?:\p{Lu}+\s*){1,3})$").search(doc.lines[first - 1].text)
        if m and not mostly_upper(doc.lines[first - 1].text) and is_issuer_name(f"{m.group(1).strip()} {window[0].text}"):
            lead = m.group(1).strip() + " "
    for ln in window[:stop]:
        t = lead + ln.text if ln is window[0] else ln.text
        if num_line is not None and ln is num_line:
            break
        t = NUMBER.split(t)[0] if NUMBER.search(t) else t
        t = PLACE_DATE.split(t)[0]
        t = header_layouts.strip_form_label(t)  # "TỈNH QUẢNG BÌNH Biểu mẫu số 01"
        for piece in MOTTO_PARTS.split(t):
            piece = piece.strip(" -–*_=")
            if piece and not mostly_upper(piece):
                # "Đã biết BỘ" / "TÀI CHÍNH": a page's field glued to the first word of a body's
                # name; only an organisation head is taken from the end of such a line
                piece = _trailing_head(piece)
            if piece and mostly_upper(piece) and len(piece) < 120 and not _rx(r"[*\-_=\s]+").fullmatch(piece):
                parts.append(piece)
    merged: list[str] = []
    for p in parts:
        # An administrative unit under a body's line is where that body is ("HỘI ĐỒNG THI ĐUA -
        # KHEN THƯỞNG" / "TỈNH HƯNG YÊN"): one name. A superior body stands above, never below.
        # So is a bare province name ("BQL CÁC KHU CÔNG NGHIỆP" / "BÀ RỊA – VŨNG TÀU").
        if merged and ((_locality().match(p) and not starts_with_body(p))
                       or _rx(r"(?:\bVÀ|\bCỦA|[,&–-])$").search(merged[-1])
                       or _rx(r"^(?:VÀ|CỦA|[&–-])\s").match(p) or len(p.split()) == 1
                       or _bare_head(merged[-1]) or (_bare_province(p) and is_issuer_name(merged[-1]))
                       or (fold(merged[-1]) in vocab.position_canonical() and is_issuer_name(p))):
            # ... and a post over its body is the issuer ("THỦ TƯỚNG" / "CHÍNH PHỦ")
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    # Lines between two bodies' names are the upper name wrapped ("BAN TỔ CHỨC" / "ĐẠI HỘI ĐẠI
    # BIỂU" / "CÁC DÂN TỘC THIỂU SỐ VIỆT NAM" / "TIỂU BAN THI ĐUA – KHEN THƯỞNG"): the parent's.
    named = [is_issuer_name(p) for p in merged]
    wrapped: list[str] = []
    for k, p in enumerate(merged):
        if wrapped and not named[k] and is_issuer_name(wrapped[-1]) and any(named[k + 1:]) \
                and not header_layouts.is_placeholder_issuer(p):
            wrapped[-1] = f"{wrapped[-1]} {p}"
        else:
            wrapped.append(p)
    merged = wrapped
    placeholders = [p for p in merged if header_layouts.is_placeholder_issuer(p)]
    bodies = [p for p in merged if is_issuer_name(p) or p in placeholders]
    rejected = [p for p in merged if p not in bodies]
    if rejected:
        doc.warn(errors.W_ISSUER_REJECTED, "header lines that name no issuing body were not taken as issuer: "
                 + "; ".join(repr(p) for p in rejected[:4]))
    if not bodies or header.issuer is not None:
        return
    header.issuer = Issuer(name=bodies[-1], parent=bodies[-2] if len(bodies) > 1 else None)
    header.sources["issuer"] = "header_block"
    if placeholders:
        doc.warn(errors.W_ISSUER_PLACEHOLDER, "a blank form: the issuer line is the form's placeholder "
                 + "; ".join(repr(p) for p in placeholders) + ", not a body's name")


def _trailing_head(piece: str) -> str:
    """The organisation head that ends a mixed-case piece ("Đã biết BỘ" -> "BỘ"), else ""."""
    m = _rx(r"(?:^|\s)((?:\p{Lu}+\s*){1,3})$").search(piece)
    return m.group(1).strip() if m and _bare_head(m.group(1)) else ""


@functools.cache
def _bare_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in vocab.org_heads() if len(h.split()) <= 2)


def _bare_head(text: str) -> bool:
    """"BỘ", "SỞ", "CỤC": an organisation head standing alone on its line, its name on the next."""
    return fold(text) in _bare_heads()


def _bare_province(text: str) -> bool:
    """"BÀ RỊA – VŨNG TÀU": a province's name without "TỈNH" before it."""
    return gazetteer.province(_rx(r"\s*[–-]\s*").sub(" - ", text)) is not None


def _gazette_type_line(doc: Document, header: Header, window: list[Line], type_idx: int) -> int | None:
    """A Công báo type line carrying issuer, number and date (header_layouts.gazette_line): the
    subject is the title, the issuer and date are taken from it (source ``type_line``) when the
    header block gave none. Returns the title's end offset, or None for any other layout."""
    g = header_layouts.gazette_line(window, type_idx)
    if g is None:
        return None
    if g.title:
        header.title = g.title
        header.sources["title"] = "gazette_line"
    if header.issuer is None:
        header.issuer = Issuer(name=g.issuer, parent=None)
        header.sources["issuer"] = "type_line"
    if header.date is None and g.date_value:
        header.date = DateValue(raw=g.date_raw, value=g.date_value)
        header.sources["date"] = "type_line"
        # the gazette prints no place-and-date line: the date is the type line's
        doc.warnings[:] = [w for w in doc.warnings if w.code != errors.W_NO_DATE]
    return g.end


def _blank_form_place(header: Header, window: list[Line]) -> None:
    """A blank form's date line ("Tỉnh (thành phố), ngày …. tháng … năm …..") gives its place
    placeholder; the date stays unknown (W_NO_DATE is already raised)."""
    found = header_layouts.blank_form_place([MOTTO_PARTS.sub(" ", ln.text) for ln in window])
    if found is not None:
        header.place = found
        header.sources["place"] = "date_line"


def _certification_block(doc: Document, header: Header) -> None:
    """A consolidated text with no header block: its issuer, number, place and date are those
    of the certificate at its end (header_layouts.certification_block), source
    ``certification_block``; a field the header already gave is kept."""
    cert = header_layouts.certification_block(doc)
    if cert is None:
        return
    if cert.issuer:
        header.issuer = Issuer(name=cert.issuer, parent=None)
        header.sources["issuer"] = "certification_block"
    if cert.number_line is not None and header.number is None:
        m = NUMBER.search(cert.number_line.text)
        if m:
            header.number = parse_number(m)
            header.sources["number"] = "certification_block"
    if cert.date_line is not None and header.date is None:
        m = PLACE_DATE.search(cert.date_line.text)
        ds = find_dates(m.group("date")) if m else []
        if m and ds and ds[0].value:
            header.place = m.group("place").strip()
            header.date = DateValue(raw=ds[0].raw, value=ds[0].value)
            header.sources["place"] = header.sources["date"] = "certification_block"
            doc.warnings[:] = [w for w in doc.warnings if w.code != errors.W_NO_DATE]


def _news_header(doc: Document, window: list[Line]) -> None:
    header = doc.header
    start = doc.doc_start
    headline_idx = None
    for i, ln in enumerate(window):
        t = ln.text
        if not t:
            continue
        if boilerplate.BREADCRUMB.match(t) or boilerplate.DATELINE.match(t):
            if header.date is None:
                ds = find_dates(t)
                if ds:
                    header.date = DateValue(raw=ds[0].raw, value=ds[0].value)
                    header.sources["date"] = "news_page"
            continue
        if headline_idx is not None:
            break  # the line after the headline was not a dateline
        if len(t) < 300 and i not in doc.chrome_lines and fold(t) not in vocab.type_by_name():
            headline_idx = i
            header.title = t.strip()
            header.sources["title"] = "news_page"
            if header.date is not None:
                break
            # the dateline may stand under the headline ("Thứ Năm, 14/08/2025 16:20")
    if header.date is None and doc.metadata.get("date"):
        ds = find_dates(doc.metadata["date"])
        if ds:
            header.date = DateValue(raw=ds[0].raw, value=ds[0].value)
            header.sources["date"] = "metadata"
    if header.title is None and doc.metadata.get("title"):
        header.title = doc.metadata["title"]
        header.sources["title"] = "metadata"
    doc.body_start = window[headline_idx].end if headline_idx is not None else start
    header.author = doc.metadata.get("author")
    header.source_name = doc.metadata.get("source_name")
