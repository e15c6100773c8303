"""Named recipients of the award statements: ``awards[].recipients`` as objects.

Runs after the awards stage and reads ``doc.awards`` and the text; it never finds award
statements of its own except for a list that no statement refers to.

Sources, in order:
- names the awards stage took from the sentence ("cho ông X, Phó Giám đốc Sở Y", "cho các
  tập thể: ...") come as plain strings: each gets its kind, post and offsets;
- lists: a "DANH SÁCH ..." (or "PHỤ LỤC ...") title starts one, a list right after a
  statement that ends with ":" is that statement's. A list holds numbered or bulleted
  rows, or table rows (cells joined by " │ ", as the spreadsheet reader writes them, with
  a header row naming the columns), split into parts by "I. TẬP THỂ" / "II. CÁ NHÂN" /
  "Hộ gia đình" headings (the kind) and unit sub-headings (``unit_path``);
- a statement that refers to a list ("có danh sách kèm theo", "có tên tại Điều 1") gets the
  list whose title names its award, else the next list not yet taken; two statements of
  one sentence split by kind ("Tập thể lao động tiên tiến" and "Lao động tiên tiến" for
  25 tập thể và 312 cá nhân) share the list by kind;
- a list no statement takes (a Biên bản's table of proposals, a spreadsheet) gives
  statements of its own: the award from its title or its award column, the status from
  the title's words or the document type.
Rows are split as ``persons[]`` are (``rules/person_parts.py``): honorifics, ranks and
titles go to ``note``, then the name, then the position and organisation. A count the text
states that the list contradicts adds ``W_RECIPIENT_COUNT``; the count stays.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import regex

from ..document import Document
from ..errors import W_OCR_NAME_JOINED, W_RECIPIENT_COUNT
from ..ingest.legacy import is_vietnamese_word
from ..rules import awards as award_rules
from ..rules import lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.load import load_yaml
from ..rules.person_parts import _name_re, _skip_segment, post_at, titles_pattern
from ..rules.trie import trie_pattern
from ..schema import Award, Recipient
from ..vietnamese import fold, strip_diacritics

CELL = "│"


@functools.cache
def _data() -> dict:
    return load_yaml("recipients.yaml")


@functools.cache
def _parts() -> dict[str, str]:
    return {fold(w): kind for kind, words in _data()["parts"].items() for w in words}


@functools.cache
def _columns() -> dict[str, str]:
    return {fold(w): col for col, words in _data()["columns"].items() for w in words}


@functools.cache
def _list_ref() -> re.Pattern[str]:
    return re.compile(trie_pattern([fold(w) for w in _data()["list_refs"]]))


@functools.cache
def _title_re() -> regex.Pattern[str]:
    # An OCR'd title may carry a few stray letters before it ("NỊ DANH SÁCH").
    words = trie_pattern([w.upper() for w in _data()["list_titles"]])
    return fast_compile(rf"^(?:\S{{1,3}}\s+)?(?:{words})\b")


@functools.cache
def _lead_re() -> re.Pattern[str]:
    """Honorifics and titles before a name: "Ông", "Đồng chí", "Đại tá", "PGS.TS"."""
    hon = trie_pattern(lexicon.honorifics())
    return re.compile(rf"(?:(?:{hon})\s+)?(?:{titles_pattern()}\s*)?", re.UNICODE)


@functools.cache
def _unit_head() -> re.Pattern[str]:
    """Heads of small units the organisation vocabulary leaves out ("Đại đội", "Tổ dân phố", "tổ Toán")."""
    return re.compile(rf"(?i:{trie_pattern(_data()['unit_heads'])})\s+\w")


@functools.cache
def _household_re() -> re.Pattern[str]:
    prefixes = trie_pattern(_data()["household_prefixes"])
    return re.compile(rf"(?i:{prefixes})\s+(?=\w)")


_LABEL = fast_compile(r"^(?:[IVXLH]{1,4}|[A-DĐa-dđ]|\d{1,3}(?:\.\d{1,3})*)\s*[./)-]\s*|^[-+•*]\s*")
_ITEM = fast_compile(r"^(?:(?P<num>\d{1,4})\s*[./)]|[-+•])\s*(?=\S)")
_TRAIL = fast_compile(r"[\s;,.:]*(?:/\.)?[\s;,.]*$")
_SUBUNIT = fast_compile(r"^(?:[a-zđ]\)|[A-ZĐ]\.|\d{1,2}\.)\s+(?P<u>[^;]{3,100}?)\s*:?$")
_PARENS = fast_compile(r"\s*\([^)]*\)\s*$")
_YEAR = fast_compile(r"\bnăm\s+(\d{4})\b")


# Patterns used per statement or row, compiled once.
_COMMA = fast_compile(r"\s*[,–-]\s*")
_CLAUSE_END = fast_compile(r";|\.(?:\s|$)")
_REASON = fast_compile(r"\b(?:có\s+thành\s+tích|đã|vì|do|trong)\b")
_NAMES_END = fast_compile(r"\n|\.(?:\s|$)|\s+(?:vì|đã|có\s+thành\s+tích)\s")
_PHRASE_END = fast_compile(r"[;\n]|\s+và\s+(?=\p{Lu}|ông|bà|đồng)|\s+(?:đã|có|vì|do)\s")
_NAME_CUT = fast_compile(r"\s*[,(–]|\s+-\s")
_AFTER_NAME = fast_compile(r"\s*[,–(-]\s*")


@dataclass
class _Row:
    start: int
    end: int
    recipient: Recipient
    award: str | None = None
    giver: str | None = None  # "Bằng khen của Chủ tịch UBND tỉnh" in the award column: who confers


@dataclass
class _List:
    start: int                 # the title (or the first row)
    end: int
    title: str = ""
    rows: list[_Row] = field(default_factory=list)
    owner: Award | None = None  # a statement the list follows directly ("... sau:")


def find(doc: Document) -> None:
    """Stage: fill ``recipients`` of ``doc.awards``; add statements for lists nobody refers to."""
    if not doc.text:
        return
    for award in doc.awards:
        if award.recipients:
            award.recipients = [_inline(doc, award, r) for r in award.recipients]
        else:
            award.recipients = _enumerated(doc, award)
    lists = _lists(doc)
    if lists:
        _assign(doc, lists)
    # a statement kept only for the list it refers to, with no list found: a procedural mention
    doc.awards[:] = [a for a in doc.awards
                     if a.recipients or (a.evidence or {}).get("counts") != "attached_list"]
    for award in doc.awards:
        for r in award.recipients:
            if r.kind != "collective" and r.name not in doc.text[r.start:r.end]:
                doc.warn(W_OCR_NAME_JOINED, f"recipient {r.name!r} read from {doc.text[r.start:r.end][:80]!r}: "
                         "a syllable split by OCR was joined", r.start, r.end)


# --- inline names ---------------------------------------------------------------------------

# After a unit's full name, where the name stops: "Chi đoàn Sở Khoa học và Công nghệ| được ...".
_FULL_NAME_END = fast_compile(r"\s+(?:được|đạt|đã|là|có|đều|vinh\s+dự)\s|\s*[,;:.()\n]")


def _full_name(text: str, line_start: int, before: int, name: str) -> tuple[int, str] | None:
    """A bare unit head ("Chi đoàn", "Chi bộ") as a recipient's whole name is the unit the
    paragraph named in full before it ("Chi đoàn Sở Khoa học và Công nghệ được ... ; tặng giấy
    khen cho tập thể Chi đoàn"): the last such mention in the paragraph, with its offset."""
    if fold(name) not in _bare_heads():
        return None
    found = None
    for m in regex.finditer(rf"\b{regex.escape(name)}\s+(?=\p{{Lu}})", text[line_start:before]):
        s = line_start + m.start()
        end = _FULL_NAME_END.search(text, s + len(name), min(before, s + 120))
        full = text[s:end.start() if end else before].strip()
        if len(full.split()) > len(name.split()) + 1:
            found = (s, full)
    return found


@functools.cache
def _bare_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["unit_heads"])


def _inline(doc: Document, award: Award, rec: Recipient) -> Recipient:
    if rec.start >= 0:
        return rec
    text = doc.text
    line = doc.lines[doc.line_index(award.start)]
    full = _full_name(text, line.start, award.start, rec.name)
    if full:
        return rec.model_copy(update={"name": full[1], "kind": "collective", "start": full[0],
                                      "end": full[0] + len(full[1])})
    s = text.find(rec.name, max(line.start, award.start - REF_WINDOW), award.end + 4 * REF_WINDOW)
    if s < 0:
        s = text.find(rec.name, max(0, award.start - REF_WINDOW), award.end + 4 * REF_WINDOW)
    if s < 0:
        return rec.model_copy(update={"kind": _kind_of(rec.name, None), "start": award.start, "end": award.end})
    lead = _lead_before(text, s)
    e = s + len(rec.name)
    own = _lead_re().match(rec.name)
    if own and own.group().strip() and own.end() < len(rec.name) and rec.name[own.end()].isupper():  # "ông Võ Văn Chín" as the name
        lead = (s, " ".join(own.group().split()))
        rec = rec.model_copy(update={"name": rec.name[own.end():]})
    kind = "individual" if lead else _kind_of(rec.name, None)
    position = organization = None
    if kind == "individual":  # the awards stage's name stays; a post after it is read
        comma = _COMMA.match(text, e)
        post = post_at(text, comma.end(), _phrase_end(text, e, min(line.end, e + CLAUSE_MAX))) if comma else None
        if post:
            position, organization, _ = post
    return rec.model_copy(update={"kind": kind, "note": lead[1] if lead else None, "position": position,
                                  "organization": organization, "start": lead[0] if lead else s, "end": e})


# After the award and its count, the names: "cho 05 khoa: A, B, C;", "cho 01 cá nhân là ông X, ...",
# "cho 01 tập thể và 01 cá nhân (A và Thượng úy B, Trợ lý ...)".
_COUNTED = fast_compile(r"\bcho\s+(?:(?:các|\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+[^\W\d]+(?:\s+[^\W\d]+){0,2}(?:\s+và\s+\d+\s+[^\W\d]+(?:\s+[^\W\d]+){0,2})?)"
                        r"(?P<tail>[^;:()\n]{0,60}?)\s*(?P<open>:|\(|\bgồm\s*:?|\blà\b)\s*")
_SEGMENT_SPLIT = fast_compile(r",\s+|\s+và\s+(?=\p{Lu}|(?:ông|bà|anh|chị|thầy|cô|đồng\s+chí)\s)")


def _enumerated(doc: Document, award: Award) -> list[Recipient]:
    """Names the sentence lists right after the award's count ("cho 05 khoa: A, B, C"), or in
    brackets at the end of its clause ("... (Ban CHQS huyện X và Thượng úy Y, Trợ lý ...)"), else []."""
    text = doc.text
    line = doc.lines[doc.line_index(award.start)]
    line_end = min(line.end, award.end + CLAUSE_MAX)  # a text may be one line of megabytes
    window = text[award.end:min(line_end, award.end + 220)]
    if ":" not in window and "(" not in window and " là " not in window and "gồm" not in window:
        return []  # most statements: no names after the count (a cheap test before the patterns)
    clause = _CLAUSE_END.search(text, award.end, line_end)
    clause_end = clause.start() if clause else line_end
    spans: list[tuple[int, int]] = []
    m = _COUNTED.search(text, award.end, min(clause_end, award.end + 160))
    if m and not _REASON.search(m["tail"] or ""):
        start = m.end()
        if m["open"] == "(":
            close = text.find(")", start, line_end)
            stop = close if close >= 0 else -1
        else:
            # items may be separated by ";" ("cho 02 cá nhân: PGS.TS A, Phó Hiệu trưởng ...; PGS.TS B, ...")
            end_m = _NAMES_END.search(text, start, line_end)
            stop = end_m.start() if end_m else line_end
        spans.append((start, stop))
    # brackets closing the clause: "(cô Nguyễn Thị Bích Ngọc, Tổ trưởng tổ Ngữ văn)"
    if clause_end > award.end and text[clause_end - 1:clause_end] == ")":
        open_at = text.rfind("(", award.end, clause_end)
        if open_at >= 0 and "danh sách" not in fold(text[open_at:clause_end]):
            spans.append((open_at + 1, clause_end - 1))
    for start, stop in spans:
        if stop <= start:
            continue
        out: list[Recipient] = []
        pos = start
        for cut in [*_SEMICOLON.finditer(text, start, stop), None]:
            chunk = _segments(text, pos, cut.start() if cut else stop)
            if not chunk:
                if not out:
                    break
                break  # the clause goes on after the names ("A, B, C; danh hiệu ... cho 03 cá nhân")
            out.extend(chunk)
            pos = cut.end() if cut else stop
        if out and (award.total is None or len(out) <= award.total):
            return out
    return []


_SEMICOLON = fast_compile(r"\s*;\s*")


def _segments(text: str, start: int, stop: int, split: regex.Pattern[str] | None = None,
              hint: str | None = None) -> list[Recipient]:
    """"A, B và ông C, Đội trưởng thi công, Công ty X" as recipients; [] if a part names none.
    A lower-case part after some names ends the enumeration ("..., tác giả của 02 sáng kiến")."""
    out: list[Recipient] = []
    pos = start
    for cut in [*(split or _SEGMENT_SPLIT).finditer(text, start, stop), None]:
        seg_end = cut.start() if cut else stop
        seg_s = pos
        while seg_s < seg_end and text[seg_s].isspace():
            seg_s += 1
        pos = cut.end() if cut else stop
        if seg_s >= seg_end:
            continue
        prev = out[-1] if out else None
        post = post_at(text, seg_s, seg_end) if prev is not None and prev.kind == "individual" else None
        if prev is not None and post and prev.position is None:  # "ông X, Đội trưởng thi công"
            out[-1] = prev.model_copy(update={"position": post[0], "organization": post[1] or prev.organization,
                                              "end": seg_end})
            continue
        if prev is not None and prev.kind == "individual" and prev.position and prev.organization is None \
                and vocab.org_head_regex().match(text, seg_s):  # "..., Công ty Cổ phần X": the post's body
            out[-1] = prev.model_copy(update={"organization": _TRAIL.sub("", text[seg_s:seg_end]), "end": seg_end})
            continue
        rec = parse_phrase(text, seg_s, seg_end, hint)
        if not plausible(rec):
            if out and text[seg_s].islower():
                break
            return []
        out.append(rec)
    return out


def _lead_before(text: str, s: int) -> tuple[int, str] | None:
    window = text[max(0, s - 40):s]
    for m in _lead_re().finditer(window):
        if m.group().strip() and max(0, s - 40) + m.end() == s:
            return max(0, s - 40) + m.start(), m.group().strip()
    return None


def _phrase_end(text: str, s: int, limit: int) -> int:
    m = _PHRASE_END.search(text, s, limit)
    return m.start() if m else limit


# --- one row or phrase -----------------------------------------------------------------------

def _kind_of(body: str, hint: str | None) -> str:
    if _household_re().match(body) and not vocab.org_head_regex().match(body):
        return "household"
    lead = _lead_re().match(body)
    if lead and lead.group().strip():
        return "individual"
    if vocab.org_head_regex().match(body):
        return "collective"
    if hint:
        return hint
    nm = _name_re().match(body)
    return "individual" if nm and (nm.end() == len(body) or body[nm.end()] in ",(") else "collective"


def parse_phrase(text: str, s: int, e: int, hint: str | None, unit_path: str | None = None) -> Recipient:
    """One recipient from ``text[s:e]`` ("Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp;")."""
    body = text[s:e]
    e = s + len(_TRAIL.sub("", body))
    body = text[s:e]
    kind = _kind_of(body, hint)
    notes: list[str] = []
    at = s
    if kind == "household":
        hm = _household_re().match(body)
        if hm:
            notes.append(hm.group().strip())
            at = s + hm.end()
    lead = _lead_re().match(text, at, e)
    if lead and lead.group().strip() and kind != "collective":
        notes.append(" ".join(lead.group().split()))
        at = lead.end()
    position = organization = None
    if kind == "collective":
        name_end = _collective_end(text, at, e)
        name = text[at:name_end].strip()
        rest = _TRAIL.sub("", text[name_end:e]).lstrip(" ,")
        organization = rest or None
    else:
        cut = _NAME_CUT.search(text, at, e)
        name_end = cut.start() if cut else e
        name = text[at:name_end].strip()
        if not _PERSON_NAME.match(name):
            name = _rejoined(name) or name
        if cut:
            comma = _AFTER_NAME.match(text, name_end)
            after = comma.end() if comma else name_end
            for _ in range(3):  # "sinh năm 1970, Phó Giáo sư, Tiến sĩ, " before the post
                skip = _skip_segment().match(text, after, e)
                if not skip or post_at(text, after, e):
                    break
                after = skip.end()
            post = post_at(text, after, e)
            if post:
                position, organization, _ = post
            elif "(" in text[name_end:after]:
                organization = text[after:e].rstrip(" )") or None
            else:
                rest = _TRAIL.sub("", text[after:e]).strip(" ()")
                if rest and rest[:1].isupper():
                    organization = rest
    return Recipient(name=name or body.strip(), kind=kind, position=position, organization=organization,  # type: ignore[arg-type]
                     unit_path=unit_path, note=", ".join(notes) or None, start=s, end=e)


_PARENT = fast_compile(r",\s*(?=(?:Sở|Bộ|UBND|Ủy\s+ban|Uỷ\s+ban|Cục|Tổng\s+cục|Trường|Bệnh\s+viện|Công\s+ty|Viện|"
                       r"Hội|Liên\s+đoàn|Đảng\s+ủy|Tỉnh\s+ủy|Huyện\s+ủy|Thành\s+ủy|Học\s+viện|Đại\s+học|Ban|"
                       r"Tổng\s+công\s+ty|Bộ\s+Chỉ\s+huy|Công\s+an|Tỉnh\s+đoàn|Huyện\s+đoàn)\s)")


def _collective_end(text: str, s: int, e: int) -> int:
    """A unit then the body it belongs to: "Phòng Chuyển đổi số, Sở Thông tin và Truyền thông"."""
    m = _PARENT.search(text, s, e)
    return m.start() if m else e


_PERSON_NAME = fast_compile(r"^\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?){1,5}$")


def _rejoined(name: str) -> str | None:
    """"Đặn g Đại Bàng": OCR split a name's syllable before its last letters. A part of one or
    two lower-case letters is joined to the word before it when the two make one Vietnamese
    syllable and the whole then reads as a name; else None."""
    words: list[str] = []
    for part in name.split():
        if words and len(part) <= 2 and part.isalpha() and part.islower() and words[-1][:1].isupper() \
                and is_vietnamese_word(words[-1] + part):
            words[-1] += part
        else:
            words.append(part)
    joined = " ".join(words)
    return joined if joined != " ".join(name.split()) and _PERSON_NAME.match(joined) else None


_COUNT_IN_NAME = fast_compile(r":|\b\d+\s+(?:hộ|người|cá\s+nhân|tập\s+thể|đơn\s+vị|lượt)\b")


def plausible(rec: Recipient) -> bool:
    """A row that names a recipient: a person's name, or a unit's name starting with its head
    noun, not a sentence ("Giao Sở Nội vụ hoàn thiện hồ sơ ...") nor an award's name."""
    if rec.kind in ("individual", "household"):
        return bool(_PERSON_NAME.match(rec.name))
    if _COUNT_IN_NAME.search(rec.name):
        return False  # "Tổ dân phố 1: 118 hộ": a breakdown of a count, not a recipient
    if len(rec.name) > 150 or not (vocab.org_head_regex().match(rec.name) or _unit_head().match(rec.name)):
        return False
    mentions = award_rules.find_mentions(rec.name)
    return not (mentions and mentions[0].start == 0)


# --- lists -----------------------------------------------------------------------------------

def _part_kind(line: str) -> str | None:
    body = _LABEL.sub("", line.strip(), count=1)
    body = _PARENS.sub("", body.rstrip(" :.")).rstrip(" :.")  # "1. Tập thể (02):"
    return _parts().get(fold(body))


_RUN_IN_PART = fast_compile(r"^(?P<head>(?:(?:[IVX]{1,4}|[A-Da-dđ]|\d{1,2})\s*[./)]\s*)?(?P<word>[^\W\d][^:]{1,30}?))\s*:\s*(?=\S)")


def _run_in_part(line: str) -> tuple[str, int] | None:
    """"a) Tập thể: Khoa Điện - Điện tử; Phòng Đào tạo.": the kind and where the names start."""
    m = _RUN_IN_PART.match(line)
    if not m:
        return None
    kind = _parts().get(fold(m["word"]))
    return (kind, m.end()) if kind else None


@functools.cache
def _title_scan() -> regex.Pattern[str]:
    """Any list title at a line's start, over the whole text at once."""
    words = trie_pattern([w.upper() for w in _data()["list_titles"]])
    return fast_compile(rf"(?m)^(?:\S{{1,3}}\s+)?(?:{words})\b")


@functools.cache
def _title_first() -> frozenset[str]:
    return frozenset(c for w in _data()["list_titles"] for c in (w[0].upper(), w[0].lower()))


def _is_title(line: str) -> bool:
    head = line[:16].lstrip()
    if not head or not any(c in _title_first() for c in head[:5]):
        return False  # most lines (a cheap test: the first letter of a title word near the start)
    stripped = line.strip()
    if not _title_re().match(stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.6 * max(1, len(letters))


def _lists(doc: Document) -> list[_List]:
    lines = doc.lines
    out: list[_List] = []
    starts: dict[int, Award | None] = {}
    # Most documents have neither a list title nor a table: one scan of the text says so.
    titles = _title_scan().search(doc.text) is not None
    cells = CELL in doc.text
    for i, ln in enumerate(lines if titles or cells else ()):
        if titles and _is_title(ln.text):
            starts[i] = None
        elif cells and CELL in ln.text and _header(doc.text, _cells(doc.text, ln.start, ln.end)):
            # a table's header row starts a list unless a title just above started it
            if not any(k in starts for k in range(max(0, i - 8), i)):
                starts[i] = None
    # A statement whose line ends with ":" owns the rows right after it.
    for award in doc.awards:
        li = doc.line_index(award.start)
        if _ends_with_colon(doc.text, lines[li].start, lines[li].end) and li + 1 < len(lines) and li + 1 not in starts:
            nxt = next((k for k in range(li + 1, min(len(lines), li + 3)) if lines[k].text.strip()), None)
            if nxt is not None and (_ITEM.match(lines[nxt].text) or _part_kind(lines[nxt].text)
                                    or _run_in_part(lines[nxt].text) or _caption(lines[nxt].text.strip())
                                    or _bare_row(doc.text, lines[nxt].start, lines[nxt].end)):
                starts.setdefault(li + 1, award)
    order = sorted(starts)
    for n, i in enumerate(order):
        stop = order[n + 1] if n + 1 < len(order) else len(lines)
        owner = starts[i]
        lst = _List(start=lines[i].start, end=lines[i].end, owner=owner)
        _read_list(doc, lst, i, stop, inline=owner is not None)
        if lst.rows:
            out.append(lst)
    return out


def _ends_with_colon(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with ":" (no copy of the line: it may be megabytes long)."""
    k = end - 1
    while k >= start and text[k].isspace():
        k -= 1
    return k >= start and text[k] == ":"


def _read_list(doc: Document, lst: _List, first: int, stop: int, inline: bool) -> None:
    text = doc.text
    lines = doc.lines
    kind: str | None = None
    unit: str | None = None
    columns: dict[int, str] | None = None
    title_open = not inline
    # Rows without markers are read after a statement's "cụ thể:" (inline), or under a list's
    # title once the title has ended: with its "(Kèm theo ...)" line or a part heading. An OCR'd
    # table loses its "TT" column, and its rows their numbers.
    bare_ok = inline
    title: list[str] = []
    blank_run = 0
    first_marker: str | None = None
    for k in range(first, stop):
        ln = lines[k]
        raw = ln.text.strip()
        if not raw:
            blank_run += 1
            continue
        if inline and blank_run >= 2:
            break
        blank_run = 0
        part = _part_kind(raw)
        if part:
            kind, unit, title_open, bare_ok = part, None, False, True
            continue
        run_in = _run_in_part(raw)
        if run_in:
            kind, unit, title_open = run_in[0], None, False
            at = ln.start + (len(ln.text) - len(ln.text.lstrip())) + run_in[1]
            for rec in _segments(text, at, ln.end, split=_SEMICOLON, hint=kind):
                lst.rows.append(_Row(rec.start, rec.end, rec))
                lst.end = ln.end
            continue
        if CELL in raw:
            cells = _cells(text, ln.start, ln.end)
            cols = _header(text, cells)
            if cols:
                columns, title_open = cols, False
                continue
            if columns:
                row = _table_row(text, cells, columns, kind, unit)
                if row and plausible(row.recipient):
                    lst.rows.append(row)
                    lst.end = ln.end
                continue
        item = _ITEM.match(raw)
        if item and inline:
            marker = "num" if item["num"] else raw[0]
            if first_marker is None:
                first_marker = marker
            elif marker != first_marker:
                break  # "- A; - B;" then "4. Bằng khen ...": the next heading, not a row
        if item and (not title_open or (item["num"] and not _is_heading_like(raw))):
            title_open = False
            if first_marker is None:  # numbered rows: no bare row is read in this list
                first_marker = "num" if item["num"] else raw[0]
            s = ln.start + (len(ln.text) - len(ln.text.lstrip())) + item.end()
            sub = _SUBUNIT.match(raw)
            if sub and raw.rstrip().endswith(":"):
                unit = sub["u"].strip()
                continue
            rec = parse_phrase(text, s, ln.end, kind, unit)
            if plausible(rec):
                lst.rows.append(_Row(s, ln.end, rec))
                lst.end = ln.end
            elif inline:
                break  # a numbered paragraph after the list (or instead of one)
            continue
        if not item and lst.rows and raw[:1].islower() and _continues(doc, lst.rows[-1], k, kind, unit):
            lst.end = ln.end  # "... Sở Tư pháp" / "tỉnh Quảng Bình": a row broken over two lines
            continue
        if bare_ok and not item and first_marker in (None, "bare"):
            # A list whose numbers were lost (an OCR'd table: "cụ thể:" then one unit or person a
            # line): rows without markers, as long as each reads as a recipient.
            if first_marker is None and not lst.rows and _caption(raw):
                continue  # "Tập thể, cá nhân đề nghị xét khen thưởng": the table's caption
            if first_marker == "bare" and len(raw) <= 3:
                continue  # a stray mark OCR read between rows
            merit = _MERIT.search(text, ln.start, ln.end) if inline else None
            row_end = merit.start() if merit else ln.end  # "Nhân dân và cán bộ thị xã Uông Bí, đã hoàn thành ..."
            if row_end - ln.start >= 200 or _CLAUSE_WORDS.search(text, ln.start, row_end):
                if inline or lst.rows:
                    break  # the paragraph after the list
            else:
                s = ln.start + (len(ln.text) - len(ln.text.lstrip()))
                cuts = _person_starts(text, s, row_end)
                found = False
                for a, b in zip(cuts, [*cuts[1:], row_end], strict=True):
                    if b != row_end:
                        b = _junk_before(text, a, b)
                    rec = parse_phrase(text, a, b, kind, unit)
                    # under a title, a person's row says who the person is: a bare name may be
                    # the signer's under the list
                    if plausible(rec) and (inline or rec.kind == "collective" or rec.note or rec.position):
                        first_marker, found = "bare", True
                        lst.rows.append(_Row(a, b, rec))
                        lst.end = ln.end
                if found or first_marker == "bare":
                    continue  # a row OCR garbled ("Ông Đặn g Đại Bàng") is passed over, not the list's end
        if inline and not title_open:
            break  # the paragraph after the list
        if title_open:
            title.append(raw)
            if raw.endswith(")") and "(" in raw:  # "(Kèm theo Quyết định số ...)" ends a list's title
                title_open, bare_ok = False, True
            elif len(title) > 6:
                title_open = False
            continue
        if len(raw) < 120 and (raw.endswith(":") or raw.isupper()) and not raw.endswith("./."):
            unit = _LABEL.sub("", raw, count=1).rstrip(" :") or None
    lst.title = " ".join(title)


def _continues(doc: Document, row: _Row, k: int, kind: str | None, unit: str | None) -> bool:
    """Line ``k``, starting in lower case right under the line that ends ``row``, is the rest of
    that row (a table cell or a long row wrapped): the row is read again over both lines, its
    values with single spaces. False (nothing changed) when it is not, or the row then reads
    as no recipient."""
    text, lines = doc.text, doc.lines
    ln = lines[k]
    prev = k - 1
    while prev >= 0 and not lines[prev].text.strip():
        prev -= 1
    if prev < 0 or not (lines[prev].start <= row.end <= lines[prev].end) or len(ln.text.strip()) >= 120 \
            or _CLAUSE_WORDS.search(text, ln.start, ln.end) or k - prev > 2:
        return False
    rec = parse_phrase(text, row.start, ln.end, kind or row.recipient.kind, unit)
    if not plausible(rec) or rec.kind != row.recipient.kind:
        return False
    update = {f: " ".join(v.split()) for f in ("name", "position", "organization")
              if isinstance(v := getattr(rec, f), str)}
    row.recipient = rec.model_copy(update={**update, "note": row.recipient.note, "start": row.recipient.start})
    row.end = ln.end
    return True


# Words of a sentence, not of a unit's name or a person's row ("Hội đồng ... đã thống nhất").
_CLAUSE_WORDS = fast_compile(r"\b(?:đã|được|sẽ|là|cần|phải|đề\s+nghị|thống\s+nhất|kết\s+thúc)\b")


# "Nhân dân và cán bộ thị xã Uông Bí, tỉnh Quảng Ninh, đã hoàn thành xuất sắc ...": the row's
# recipient, then why it is awarded.
_MERIT = fast_compile(r",\s+(?:đã|vì\s+đã)\s+(?:có|hoàn\s+thành|lập|đạt)\b")


def _bare_row(text: str, s: int, e: int) -> Recipient | None:
    """A line without a marker that reads as one recipient ("Công an tỉnh Quảng Bình"), or as
    one recipient and its merit ("Nhân dân và cán bộ thị xã Uông Bí, đã hoàn thành ...")."""
    merit = _MERIT.search(text, s, e)
    if merit:
        e = merit.start()
    raw = text[s:e].strip()
    if not raw or len(raw) >= 200 or _CLAUSE_WORDS.search(text, s, e):
        return None
    s += len(text[s:e]) - len(text[s:e].lstrip())
    rec = parse_phrase(text, s, e, None)
    return rec if plausible(rec) else None


_WORD_START = fast_compile(r"(?<![^\s])\p{Lu}")


def _person_starts(text: str, s: int, e: int) -> list[int]:
    """Where the rows of a line start: at ``s``, or at each capitalised honorific or rank before
    a name, where OCR ran two rows together or put a stray mark before one ("Kỉe Ông Trương
    Quang Sáng, Phó Giám đốc ... lự se Đại tá Lê Văn Tiến - Chính ủy ...")."""
    leads = []
    for m in _WORD_START.finditer(text, s, e):
        lead = _lead_re().match(text, m.start(), e)
        if lead and lead.group().strip() and lead.end() < e and text[lead.end()].isupper():
            leads.append(m.start())
    if not leads:
        return [s]
    return leads if leads[0] - s <= 5 else [s, *leads]


_JUNK_TAIL = fast_compile(r"(?<=\p{Lu}\p{Ll}*)(?:\s+\p{Ll}{1,3}){1,3}\s*$")


def _junk_before(text: str, s: int, e: int) -> int:
    """Where a row OCR ran into the next one really ends: before the marks it read between them
    ("... Sở Tư pháp tỉnh Quảng Bình lự se | Đại tá Lê Văn Tiến"), a few short lower-case words
    after a capitalised one."""
    m = _JUNK_TAIL.search(text, s, e)
    return m.start() if m else e


def _caption(raw: str) -> bool:
    """A table caption naming the parts: "Tập thể, cá nhân đề nghị xét khen thưởng"."""
    folded = fold(raw)
    return any(folded.startswith(k + ",") or folded.startswith(k + " ") for k in _parts()) and len(raw) < 80


def _is_heading_like(raw: str) -> bool:
    return raw.isupper() and len(raw) > 3


def _cells(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Offsets of each cell of a table row (empty cells included)."""
    out: list[tuple[int, int]] = []
    pos = s
    while True:
        bar = text.find(CELL, pos, e)
        end = bar if bar >= 0 else e
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
        if bar < 0:
            return out
        pos = bar + 1


def _header(text: str, cells: list[tuple[int, int]]) -> dict[int, str] | None:
    """The columns of a table's header row (``{cell index: field}``), or None."""
    names = [fold(text[a:b]) for a, b in cells]
    cols = {k: _columns()[n] for k, n in enumerate(names) if n in _columns()}
    return cols if "name" in cols.values() and len(cols) >= 2 else None


def _table_row(text: str, cells: list[tuple[int, int]], columns: dict[int, str], kind: str | None,
               unit: str | None) -> _Row | None:
    got = {col: cells[k] for k, col in columns.items() if k < len(cells) and cells[k][0] < cells[k][1]}
    if "name" not in got:
        return None
    s, e = got["name"]
    row_kind = kind
    if "kind" in got:
        row_kind = _parts().get(fold(text[slice(*got["kind"])]).removeprefix("khen thưởng ").strip(), kind)
    rec = parse_phrase(text, s, e, row_kind, unit)
    update: dict[str, object] = {"start": cells[0][0], "end": cells[-1][1]}
    if "note" in got and not rec.note:
        update["note"] = text[slice(*got["note"])]
    if "position" in got:
        ps, pe = got["position"]
        post = post_at(text, ps, pe)
        if post:
            update["position"], org, _ = post
            update["organization"] = org or rec.organization
        else:
            update["position"] = text[ps:pe]
    if "organization" in got:
        update["organization"] = text[slice(*got["organization"])]
    award = giver = None
    if "award" in got:
        found = award_rules.find_mentions(text, *got["award"])
        award = found[0].canonical if found else None
        by = _GIVER.match(text, found[0].end, got["award"][1]) if found else None
        giver = by["by"].strip() if by else None
    return _Row(cells[0][0], cells[-1][1], rec.model_copy(update=update), award, giver)


_GIVER = fast_compile(r"\s*của\s+(?P<by>\S.*)")


def table_people(doc: Document, lo: int, hi: int) -> list[tuple[int, int, Recipient]]:
    """The individuals of the list tables in ``[lo, hi)``: (name start, name end, the row read as a
    recipient). For ``persons``: a table row names a person as much as a sentence does."""
    text = doc.text
    if CELL not in text:
        return []
    out: list[tuple[int, int, Recipient]] = []
    columns: dict[int, str] | None = None
    kind: str | None = None
    for ln in doc.lines:
        if ln.end <= lo or ln.start >= hi:
            continue
        raw = ln.text.strip()
        if not raw:
            continue
        part = _part_kind(raw.replace(CELL, " "))
        if part:
            kind = part
            continue
        if CELL not in raw:
            continue
        cells = _cells(text, ln.start, ln.end)
        cols = _header(text, cells)
        if cols:
            columns, kind = cols, None
            continue
        if not columns:
            continue
        row = _table_row(text, cells, columns, kind, None)
        rec = row.recipient if row else None
        if rec is None or rec.kind != "individual" or not plausible(rec):
            continue
        k = next((k for k, col in columns.items() if col == "name"), None)
        if k is None or k >= len(cells):
            continue
        s = text.find(rec.name, cells[k][0], cells[k][1])
        if s >= 0:
            out.append((s, s + len(rec.name), rec))
    return out


# --- statements ------------------------------------------------------------------------------

def _refers(doc: Document, award: Award) -> bool:
    # the statement's line, within a window: a text may be one line of megabytes
    i = doc.line_index(award.start)
    line = doc.lines[i]
    lo, hi = max(line.start, award.start - REF_WINDOW), min(line.end, award.end + REF_WINDOW)
    if _list_ref().search(fold(doc.text[lo:hi])):
        return True
    if (award.evidence or {}).get("counts") != "attached_list":
        return False
    # "(Có Danh sách ... kèm theo)" as a paragraph of its own under the statement
    nxt = next((ln for ln in doc.lines[i + 1:i + 4] if ln.text.strip()), None)
    return nxt is not None and bool(_list_ref().search(fold(nxt.text[:REF_WINDOW])))


REF_WINDOW = 400  # characters around a statement searched for "có danh sách kèm theo"
CLAUSE_MAX = 2000  # characters after a statement searched for the names it enumerates


def _title_award(doc: Document, lst: _List) -> str | None:
    found = award_rules.find_mentions(lst.title) if lst.title else []
    return found[0].canonical if found else None


def _assign(doc: Document, lists: list[_List]) -> None:
    referring = [a for a in doc.awards if _refers(doc, a)]
    taken: set[int] = set()  # ids of referring statements already given a list
    for lst in lists:
        targets: list[Award] = []
        if lst.owner is not None:
            targets = [lst.owner]
        else:
            want = _title_award(doc, lst)
            titled = "danh sach" in strip_diacritics(fold(lst.title or ""))
            # a statement kept only for its "danh sách kèm theo" takes only a list titled so
            free = [a for a in referring if id(a) not in taken
                    and (titled or (a.evidence or {}).get("counts") != "attached_list")]
            pick = next((a for a in free if want and fold(a.award) == fold(want)), None)
            if pick is None and free and not (want and any(fold(a.award) == fold(want) for a in referring)):
                pick = free[0]
            if pick is not None:
                line = doc.line_index(pick.start)
                # statements of the same sentence share the list (split by kind below)
                targets = [a for a in free if doc.line_index(a.start) == line]
        if not targets:
            _own_statements(doc, lst)
            continue
        for a in targets:
            taken.add(id(a))
            rows = [r.recipient for r in lst.rows]
            if len(targets) > 1:
                kind = _stated_kind(a)
                if kind:
                    rows = [r for r in rows if (r.kind == "collective") == (kind == "collective")]
            if not rows:
                continue
            a.recipients = [*a.recipients, *rows] if lst.owner is None else rows
            if a.collectives is None and a.individuals is None and (a.evidence or {}).get("counts") == "attached_list":
                a.total = len(a.recipients)  # no count stated: the list's length (corpus/README.md)
            _check_counts(doc, a)


def _stated_kind(a: Award) -> str | None:
    if a.collectives and not a.individuals:
        return "collective"
    if a.individuals and not a.collectives:
        return "individual"
    return None


def _check_counts(doc: Document, a: Award) -> None:
    col = sum(1 for r in a.recipients if r.kind == "collective")
    ind = sum(1 for r in a.recipients if r.kind in ("individual", "household"))
    problems = []
    if a.collectives is not None and a.collectives != col:
        problems.append(f"{a.collectives} collectives stated, {col} listed")
    if a.individuals is not None and a.individuals != ind:
        problems.append(f"{a.individuals} individuals stated, {ind} listed")
    if not problems and a.collectives is None and a.individuals is None and a.total is not None \
            and a.total != len(a.recipients):
        problems.append(f"{a.total} recipients stated, {len(a.recipients)} listed")
    if problems:
        doc.warn(W_RECIPIENT_COUNT, f"{a.award}: " + "; ".join(problems), a.start, a.end)


def _own_statements(doc: Document, lst: _List) -> None:
    """A list no statement refers to: one statement per award it names (title or column)."""
    if not any(r.award for r in lst.rows) and "danh sách" not in fold(lst.title):
        return  # an appendix of forms or templates, not a list of recipients
    title_award = _title_award(doc, lst)
    groups: dict[str, list[Recipient]] = {}
    givers: dict[str, set[str | None]] = {}
    for row in lst.rows:
        name = row.award or title_award
        if name:
            groups.setdefault(name, []).append(row.recipient)
            givers.setdefault(name, set()).add(row.giver)
    if not groups:
        return
    status = _title_status(doc, lst.title)
    ym = _YEAR.search(fold(lst.title))
    year = int(ym.group(1)) if ym else _doc_year(doc)
    by_name = {e.canonical: e for e in award_rules.entries()}
    for name, recs in groups.items():
        entry = by_name.get(name) or next((e for e in award_rules.entries() if name.startswith(e.canonical)), None)
        doc.awards.append(Award(
            award=name, award_raw=lst.title or name, category=entry.category if entry else "other",  # type: ignore[arg-type]
            level=entry.level if entry else None, status=status,  # type: ignore[arg-type]
            # the giver the award column names, when every row of the award names the same one
            conferred_by=next(iter(givers[name])) if len(givers[name]) == 1 else None,
            total=len(recs), recipients=recs, year=year, section=doc.section_at(lst.start),
            start=lst.start, end=lst.end if not lst.title else lst.start + len(doc.lines[doc.line_index(lst.start)].text),
        ))


def _title_status(doc: Document, title: str) -> str:
    low = fold(title)
    for status, words in _data()["title_status"].items():
        if any(fold(w) in low for w in words):
            return status
    code = (doc.header.doc_type.code if doc.header.doc_type else None) or ""
    return "proposed" if code in {"TTr", "BB"} else "conferred"


def _doc_year(doc: Document) -> int | None:
    value = doc.header.date.value if doc.header.date else None
    return int(value[:4]) if value and value[:4].isdigit() else None
