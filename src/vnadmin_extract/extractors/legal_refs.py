"""References to other documents: numbered ones and laws cited by name.

Numbered: "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ", "Quyết định 563/QĐ-UBND
ngày 05/9/2022" (no "số"), "QD" for "QĐ", party numbers "Chỉ thị số 34-CT/TW", a bare
legal-normative symbol "98/2023/NĐ-CP" (its type from the code). By name: "Luật Thi đua, khen
thưởng năm 2022", "Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008", "Bộ luật Lao động",
"Hiến pháp năm 2013". The document's own "Số: ..." is not a reference.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Any

import regex

from ..document import Document
from ..rules import lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..rules.dates import find_dates
from ..rules.gate import GatedPattern
from ..rules.load import load_rules
from ..rules.spans import Spans
from ..rules.trie import trie_pattern
from ..schema import LegalRef
from ..vietnamese import UPPER_LETTERS, fold

# Written for the stdlib engine (several times faster than ``regex`` on these scans):
# [^\W_] is a letter or digit, UPPER_LETTERS the Vietnamese capitals.
# "QĐ-UBND", "TTLT/BTC-UBTDTT", "QĐ/BTC", "QĐ.BQL-TC" (older symbols join their parts with "/" or ".")
# Damaged joins: "90/QĐ- -TTg" (OCR), "22/2024/QĐ UBND ngày ..." (a space for the hyphen, before the date).
_SYMBOL = (rf"[{UPPER_LETTERS}][^\W_&]*(?:&[^\W_]*)*"
           rf"(?:(?:\s?-\s?(?:-\s?)?|/(?=(?-i:[{UPPER_LETTERS}]))|\.(?=(?-i:[{UPPER_LETTERS}]))"
           rf"|[ ](?=(?-i:[{UPPER_LETTERS}]{{2,}})[ ]ngày\b))[^\W_]+(?:&[^\W_]*)*)*")
_DATE = r"(?:\d{1,2}[/.-]\d(?:[ ]?\d)?[/.-]\d{4}|\d{0,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4})"
_NUMBER = rf"""
    (?:\s+s[ốoô]\b|\s*số)?\s*[:.,]?\s*
    (?:
        (?P<num>\d{{1,6}}(?:\.\d{{1,3}})?[a-z]?)\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?P<sym>{_SYMBOL})  # 98/2023/NĐ-CP, 66.4/2025/NQ-CP
      | (?P<pnum>\d{{1,6}})\s*-\s*(?P<psym>[{UPPER_LETTERS}][^\W\d_]*/[\w&]+(?:-[\w&]+)*)  # 34-CT/TW
      | (?P<onum>\d{{1,6}})\s?(?P<osym>(?-i:[{UPPER_LETTERS}]{{2}}[^\W\d_]*/[\w&]+(?:-[\w&]+)*))  # older: 04 TC/TCT, 90TC/TCT
      | (?P<bnum>\d{{1,4}})(?=\s+của\s)                                                   # Nghị quyết 40 của Quốc hội
      | (?P<mnum>\d{{1,6}}(?:\s*,\s*\d{{1,6}})+)\s*/\s*(?P<msym>{_SYMBOL})                # 87,88,31/CP: one per number
      | (?P<anum>\d{{1,6}}[a-z]?)\s*/\s*(?P<asym>{_SYMBOL})                                  # 563/QĐ-UBND
    )
    (?P<tail>(?:\s*,)?\s+(?:ngày\s+)?(?P<date>{_DATE}))?
"""
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
LAW = regex.compile(
    # the title stays on its line: the next "Căn cứ Luật ... số 63/2025/QH15" is a citation of its own
    r"(?<!\w)(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)(?P<title>(?:[^\S\n]+(?!năm\s+\d|ngày\s|số\s*:?\s*\d)"
    r"(?:\p{Lu}[\p{L}&]*|\p{Ll}+)(?:,(?=[^\S\n]+(?!(?:Luật|Bộ|Nghị|Pháp|Hiến|Thông|Quyết)\b)\p{L}))?){0,14})"
    r"(?:\s+số\s*:?\s*(?P<num>\d{1,3})/(?P<nyear>\d{4})/(?P<sym>QH\d+))?"
    r"(?:\s+(?:năm\s+(?P<year>\d{4})|ngày\s+(?P<date>\d{1,2}/\d(?:[ ]?\d)?/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})))?"
)
TITLE_WORDS = 10
_DATED = regex.compile(r"\s+(?:năm\s+\d{4}|ngày\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))")
# "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 16/11/2013": one law,
# named after the law it amends (the nested "Luật Thi đua ..." is part of its title).
AMENDING_LAW = regex.compile(
    r"(?<!\w)(?P<type>Luật)\s+(?P<title>(?i:s)ửa\s+đổi,?\s+b[ổồô]\s+sung\s+(?:một\s+số\s+)?(?i:điều)[^;\n]{0,80}?"
    r"\s+của\s+(?:các\s+)?Luật(?:\s+\p{Lu}[\p{L}&]*|\s+\p{Ll}+|,(?=\s+\p{L})){1,12}?)"
    r"(?=\s+(?:số\s|năm\s+\d|ngày\s)|\s*[;.\n]|,\s+(?:ngày|năm|số|đã|được|và)\s|\s*$)"
    r"(?:\s+số\s*:?\s*(?P<num>\d{1,3})/(?P<nyear>\d{4})/(?P<sym>QH\d+))?"
    r"(?:\s+(?:năm\s+(?P<year>\d{4})|ngày\s+(?P<date>\d{1,2}/\d(?:[ ]?\d)?/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})))?"
)


@functools.cache
def _words() -> Any:
    return load_rules().legal_refs


def _alternation(phrases: list[str]) -> str:
    words = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in words)


@functools.cache
def _title_stop() -> regex.Pattern[str]:
    """Where a law's title ends (patterns/legal_refs.yaml title_stops); "và" only before a
    lower-case word ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân" is one title)."""
    stops = [w for w in _words().title_stops if w not in ("và", "số")]
    # ... or before the next citation ("Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP")
    types = {n.split()[0] for info in vocab.doc_types() for n in info.names} | {"Luật", "Bộ", "Pháp", "Hiến"}
    heads = "|".join(sorted((t[:1].upper() + t[1:] for t in types), key=len, reverse=True))
    # "số" only before a number ("Luật ... số 06/2022/QH15"; "Pháp lệnh Dân số" is a title)
    return fast_compile(rf"\s+(?:và\s+(?=\p{{Ll}}|(?:{heads})\s)|số\s*:?\s*\d|(?:{_alternation(stops)})(?![\p{{L}}\d]))")


@functools.cache
def _draft_before() -> regex.Pattern[str]:
    # also the next laws of a list of drafts ("thông qua Luật chuyển giao công nghệ, Luật sở hữu
    # trí tuệ năm 2005"; "sớm ban hành Luật đầu tư và Luật doanh nghiệp chung")
    return fast_compile(rf"(?:{_alternation(_words().draft_law_before)})\s+"
                        rf"(?:(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\b[^,;.\n]{{0,60}}?(?:,|\s+và)\s+){{0,3}}$", regex.I)


@functools.cache
def _parent_line() -> regex.Pattern[str]:
    # As a line is written, not in capitals: "BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ ..." is a title line.
    phrases = [v for p in _words().parent_line_starts for v in (p, p[:1].upper() + p[1:])]
    return fast_compile(rf"[\s(*]*(?:{_alternation(phrases)})\b")


@functools.cache
def _generic_constitution() -> regex.Pattern[str]:
    return fast_compile(rf"\s*(?:,|và)\s*(?:{_alternation(_words().constitution_generic_after)})\b", regex.I)


# scanned over long texts, where ``regex`` finds the literals faster than ``re``
# The law an amending law is named after ("Luật sửa đổi, bổ sung một số điều của Luật ...").
# (not "những nội dung sửa đổi, bổ sung của Pháp lệnh thuế ...": there no law amends it)
_NESTED = regex.compile(r"Luật\s+(?i:sửa\s+đổi,?\s+b[ổồô]\s+sung(?:\s+một\s+số\s+\w+)?\s+của)\s*$")
# A law named in the subject of the citation before it on the same line ("Nghị định số 152/2025/NĐ-CP
# ... của Chính phủ quy định ... thi hành một số điều của Luật Thi đua, khen thưởng"; "Công văn số
# 2852/BTP-PBGDPL ... về việc hướng dẫn ... thực hiện Luật Phổ biến, giáo dục pháp luật") is part of
# that citation's title; a new clause in between (", căn cứ ...", a sentence end) starts afresh.
_SUBJECT_OPENS = regex.compile(r"\s*,?\s*(?:về|qu[yi]\s+định|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|thi\s+hành)\b", regex.I)
_CLAUSE_BREAK = regex.compile(r"\.\s|[,;]\s*(?:và\s+)?(?i:căn\s+cứ|thực\s+hiện|theo)\b|;\s*\p{Lu}")


@functools.cache
def _numbered() -> GatedPattern:
    names = sorted({n for info in vocab.doc_types() for n in info.names} | {"Văn bản", "Thông tri"},
                   key=len, reverse=True)
    # one trie, both cases of each name's first letter: much cheaper than a plain alternation;
    # tried only where a name's first word starts, and that word must end there ("Luật", not "Luậtsư")
    variants = {v for n in names for v in (n, n[:1].upper() + n[1:], n[:1].lower() + n[1:], n.upper())}
    pattern = re.compile(rf"(?<!\w)(?P<type>{trie_pattern(variants)})(?![^\W\d_])(?i:{_NUMBER})", re.X)
    return GatedPattern(pattern, variants)


# "..., số 380/NQ-CP ngày 25 tháng 11 năm 2025": one more number of the same type after a citation
# ("các Nghị quyết số 347/NQ-CP ngày 24 tháng 10 năm 2025, số 380/NQ-CP ...", "các quyết định số
# 101/QĐ.BQL-TC ngày 21/7/2005 và 41/QĐ.BQL-TC ngày 30/3/2006").
_MORE = fast_compile(
    rf"(?:\s*,?\s*(?:và\s+)?số|\s*,?\s*và)\s*(?P<num>\d{{1,6}})\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<sym>{_SYMBOL})"
    rf"(?:(?:\s*,)?\s+(?:ngày\s+)?(?P<date>{_DATE}))?")


@functools.cache
def _qualified() -> regex.Pattern[str]:
    """A type named with a qualifier before its number ("Báo cáo thẩm tra số 118/BC-BPC", "Báo cáo
    giải trình, tiếp thu số 469/BC-UBND"); taken only when the symbol's code is that type's."""
    names = sorted({n for info in vocab.doc_types() if info.code for n in info.names}, key=len, reverse=True)
    alts = "|".join(regex.escape(n[:1].upper() + n[1:]) for n in names)
    return fast_compile(rf"(?<!\w)(?P<type>{alts})(?:\s+\p{{Ll}}+,?){{1,4}}\s+số\s*(?P<num>\d{{1,6}})\s*/\s*"
                        rf"(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<sym>{_SYMBOL})"
                        rf"(?:(?:\s*,)?\s+(?:ngày\s+)?(?P<date>{_DATE}))?")


# ``regex``: it skips to the "/" of a number faster than ``re`` over long texts
_BARE = regex.compile(rf"(?<![\w/.-])(?P<num>\d{{1,6}}(?:\.\d{{1,3}})?)/(?P<year>(?:19|20)\d\d)/(?P<sym>{_SYMBOL})"
                      rf"(?:\s+ngày\s+(?P<date>{_DATE}))?")


_ISSUER_WORD = fast_compile(r"\s+(\S+)")
_OPENING = "([{“\"'«‘"
_JOINERS = frozenset({"và", "-", "–", "&"})


@functools.cache
def _head_words() -> frozenset[str]:
    """One-word organisation heads ("Bộ", "Sở", "Viện"): a type name after one is part of a
    name ("Bộ Kế hoạch và Đầu tư")."""
    return frozenset(fold(h) for h in vocab.org_heads() if " " not in h)


def _starts_type(prev: str, word: str, nxt_low: str) -> bool:
    """Whether a capitalised word (with the next one) names a document type ("Hướng dẫn") that
    starts a title run on after the issuer, not a word of the issuer's own name."""
    names = vocab.type_by_name()
    if prev[:1].isupper() and fold(prev) in _head_words():
        return False
    return fold(f"{word} {nxt_low}") in names or (fold(word) in names and len(word) > 3)


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """"của Chính phủ quy định ..." -> ("Chính phủ", end): up to the first verb-like word; also
    after the year ("Nghị quyết 380/NQ-CP năm 2025 của Chính phủ")."""
    # "của ...", also after a date left blank in a draft ("ngày   tháng   năm 2024 của Bộ trưởng"),
    # and in a title set in capitals ("... NĂM 2001 CỦA THỦ TƯỚNG CHÍNH PHỦ")
    m = _rx(r"\s*(?:,\s*)?(?:năm\s+\d{4}\s+|ngày[\s.…_]*tháng[\s.…_]*năm\s+\d{4}\s+)?(?:của|(?P<caps>CỦA))\b"
            ).match(text[pos:pos + 48])
    if not m:
        return None, pos
    i = pos + m.end()
    caps = bool(m["caps"])
    stops, any_case = lexicon.issuer_ends()
    words: list[tuple[str, int]] = []
    while len(words) < 14:
        w = _ISSUER_WORD.match(text, i)
        if not w:
            break
        word = w.group(1)
        core = word.rstrip(",;.:)/")  # "... tỉnh Cà Mau)./": the closing mark is not the name
        low = core.lower()
        nxt = _ISSUER_WORD.match(text, w.end())
        nxt_low = nxt.group(1).lower().rstrip(",;.:") if nxt else ""
        if caps:
            # capitals say nothing of where a name ends: a line break, a word not in capitals, or a
            # verb or function word (citation_issuer_ends) does
            if (not core or core != core.upper() or not any(c.isalpha() for c in core)
                    or (words and "\n" in text[w.start():w.start(1)])
                    or (low in stops and nxt_low not in stops[low])):
                break
            words.append((core, w.start(1) + len(core)))
            i = w.end()
            if core != word:
                break
            continue
        if low == "ngày" and nxt_low[:1].isdigit():
            break  # "của Chính phủ ngày 21 tháng 02 năm 1997": the date follows the issuer
        if not core or (core[0].islower() and low in stops and nxt_low not in stops[low]):
            break  # a verb or function word (patterns/organizations.yaml citation_issuer_ends)
        if low in any_case and words and not (stops.get(low) and nxt
                                              and (nxt_low in stops[low] or nxt.group(1)[:1].isupper())):
            break
        if core and core not in {"-", "–", "&"} and not any(c.isalnum() for c in core):
            break  # a table's cell mark ("của UBNDTP │ Chương ..."): the name ended
        if words and core[:1].isupper() and nxt and _starts_type(words[-1][0], core, nxt_low):
            break  # "... của Ban Thi đua - Khen thưởng Trung ương Hướng dẫn ...": a new sentence
        if words and _rx(r"\n[ \t]*\n").search(text, w.start(), w.start(1)):
            break  # a blank line: the paragraph (and the name) ended ("... của Chính phủ\n\nThủ tục xét")
        if core[:1] in _OPENING:
            quoted = _quoted_name(text, w.start(1), words)
            if quoted is None:
                break  # "... của Chính phủ (có hiệu lực ...)": an aside, not the name
            words.append(quoted)  # "Ban Chỉ đạo phong trào “Toàn dân đoàn kết ...”": the movement names the body
            i = quoted[1]
            continue
        if low == "và" and (not nxt or (nxt.group(1)[:1].islower()
                                        and (nxt_low in stops or not lexicon.continues_name(low, nxt_low, "")))
                            or _CITATION_AHEAD.match(text, w.end())):
            break  # "... của Chính phủ và hồ sơ ...": a name's "và" joins capitalised parts
        if words and core[:1].islower() and low not in _JOINERS and not lexicon.continues_name(
                words[-1][0], low, nxt_low):
            break  # "... của Chính phủ vẫn ...", "... Bộ Tài chính thành mức thuế ...": no word of a name
        if words and _CITATION_AHEAD.match(text, w.start(1) - 1):
            break  # the next citation starts ("... của Chính phủ và Quyết định số ...")
        words.append((core, w.start(1) + len(core)))
        i = w.end()
        if core != word:
            break
    while words and words[-1][0].lower() in {"và", "-"}:
        words.pop()
    if not words:
        return None, pos
    return " ".join(w for w, _ in words), words[-1][1]


_CLOSING = {"“": "”", '"': '"', "«": "»", "‘": "’"}


def _quoted_name(text: str, start: int, words: list[tuple[str, int]]) -> tuple[str, int] | None:
    """A quoted movement that is part of a body's name, after "phong trào" or "cuộc vận động"
    ("Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”"): (the quoted text,
    its end), or None for any other bracket or quote."""
    close = _CLOSING.get(text[start])
    tail = " ".join(w for w, _ in words[-3:]).lower()
    if close is None or not tail.endswith(lexicon.movement_words()):
        return None
    end = text.find(close, start + 1, start + _QUOTE_MAX)
    if end < 0 or "\n" in text[start:end]:
        return None
    return text[start:end + 1], end + 1


_QUOTE_MAX = 160  # a movement's name in quotes is a line at most


class _CitationAhead:
    """Matches where a numbered citation or a law by name starts."""

    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        names = sorted({n for info in vocab.doc_types() for n in info.names}, key=len, reverse=True)
        alts = "|".join(r"\s+".join(regex.escape(w) for w in n.split()) for n in names)
        return fast_compile(rf"\s+(?:(?:{alts})\s+(?:số\s*)?\d|(?:Luật|Bộ\s+luật|Nghị\s+quyết)\s+\p{{Lu}})")

    def match(self, text: str, pos: int) -> regex.Match[str] | None:
        return self.pattern.match(text, pos)


_CITATION_AHEAD = _CitationAhead()
# "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 2753/TTr-STP ... và Giám đốc Sở Nội vụ tại
# Tờ trình số 1849/TTr-SNV", "Xét đề nghị của Chủ tịch UBND tỉnh Quảng Ninh (Tờ trình số 1134/TTr-BTC
# ...)". A bracket counts only after "đề nghị của": "Chương trình hành động của Chính phủ (Quyết định
# số 51/2004/QĐ-TTg)" names what the decision is, not who signed it. A name starts with a capital:
# "chi nhánh của tổ chức nước ngoài hoạt động tại Việt Nam qui định tại Thông tư ..." is a place.
_ISSUER_BEFORE = fast_compile(r"(?:của|và)\s+(?P<iss>\p{Lu}[\p{L}&]*(?:(?:\s+|\s*[-–]\s*)(?:\p{Lu}[\p{L}&]*|\p{Ll}+)){0,10})"
                             r"(?:\s+tại\s*|(?<=(?:đề\s+nghị|đề\s+xuất)\s+của\s+.{1,120})\s*\(\s*)$")


def _canonical_type(raw: str) -> str:
    info = vocab.type_by_name().get(fold(raw))
    return info.name if info else raw[:1].upper() + raw[1:].lower()


def _type_by_symbol(doc_type: str, symbol: str | None, before: str) -> str:
    """The type a citation's symbol settles: "Văn bản số 71/SNV-VP" (a generic word, no type code
    in the symbol) is a Công văn, "Văn bản số 12/KH-UBND" a Kế hoạch; "Thông báo kết luận số
    196-TB/TW" (the type read is "kết luận") is the Thông báo its symbol and the word before say."""
    code = _rx(r"[-/]").split(symbol)[0].upper() if symbol else ""
    info = vocab.type_by_code().get(code) if code else None
    if fold(doc_type) == "văn bản":
        return info.name if info else "Công văn"
    if info and info.name != doc_type and fold(before).rstrip().endswith(fold(info.name)):
        return info.name
    return doc_type


def find(doc: Document) -> None:
    """Stage: ``doc.legal_refs`` and LEGAL_REF entities."""
    text = doc.text
    # The subject line (trích yếu) cites too: "Quy định chi tiết ... Nghị định số 152/2025/NĐ-CP".
    lo, hi = _title_start(doc), doc.doc_end
    # The header's "Số: ..." is the document itself; citations start with the body.
    own = doc.header.number.raw if doc.header.number else None
    taken = Spans()
    refs: list[LegalRef] = []
    law_spans: list[tuple[int, int]] = []  # laws named with their number: what is read inside them goes
    for m in _numbered().finditer(text, lo, hi):
        found = _from_numbered(text, m)
        refs.extend(found)
        taken.add(m.start(), m.end())
        more = _MORE.match(text, m.end())
        while more and not taken.covers(more.start("num")):
            refs.append(_more_ref(text, found[0].doc_type or _canonical_type(m["type"]), more))
            taken.add(more.start(), more.end())
            more = _MORE.match(text, more.end())
    for m in _qualified().finditer(text, lo, hi):
        info = vocab.type_by_code().get(m["sym"].split("-")[0].split("/")[0].upper())
        if taken.covers(m.start("num")) or info is None or fold(info.name) != fold(m["type"]):
            continue
        refs.append(_more_ref(text, info.name, m, start=m.start()))
        taken.add(m.start(), m.end())
    # In the title block a bare number is the document's own ("QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ
    # SỐ 115/2004/QĐ-TTG"): there only a number named with its type is a citation.
    for m in _BARE.finditer(text, max(lo, doc.body_start), hi):
        if taken.covers(m.start()):
            continue
        code = m["sym"].split("-")[0]
        info = vocab.type_by_code().get(code.upper())
        if info is None:
            continue
        refs.append(LegalRef(doc_type=info.name, number=m["num"], year=int(m["year"]), symbol=m["sym"],
                             date=_date_of(m["date"]), raw=m.group(), start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    for m in AMENDING_LAW.finditer(text, lo, hi):
        if not taken.covers(m.start()):
            law = _from_amending_law(m)
            if law.symbol:
                law_spans.append((law.start, law.end))
            refs.append(law)
            taken.add(m.start(), m.end())
    numbered = sorted(refs, key=lambda r: r.start)
    pos = lo
    while (m := LAW.search(text, pos, hi)) is not None:
        # the next search starts where the title was cut, not where the match ended: "Luật Thi đua
        # khen thưởng và Luật Ngân sách Nhà nước" is matched as one run and cut before "và Luật"
        pos = m.start() + 1
        if taken.covers(m.start()):
            continue
        ref = _from_law(text, m)
        if ref is not None:
            pos = max(ref.end, pos)
        # a law with its own year, date or number stands alone even inside another citation's subject
        dated = ref is not None and bool(ref.year or ref.date or ref.number)
        if ref is not None and (dated or not _in_subject(text, m.start(), numbered)):
            # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15": the law with its number is
            # one citation, not also "luật số 64/2025/QH15" read inside its title.
            if ref.symbol:
                law_spans.append((ref.start, ref.end))
            refs.append(ref)
    refs = _outside(refs, law_spans)
    # The document's own number, quoted again ("Kèm theo Quyết định số 1234/QĐ-UBND"), is not a citation.
    # A number of another type is not the document's own, whatever the header read ("THÔNG BÁO SỐ
    # 496-TB/TU" in an appendix heading of a công văn whose own number is handwritten).
    own_key = (doc.header.number.number, doc.header.number.symbol) if doc.header.number else None
    own_type = doc.header.doc_type.name if doc.header.doc_type else None
    refs = [r for r in refs
            if r.raw != own and not _on_parent_line(text, r.start)
            and ((r.number, r.symbol) != own_key or (own_type is not None and r.doc_type != own_type))]
    refs.sort(key=lambda r: r.start)
    _issuers_before(text, refs)
    _shared_issuers(text, refs)
    doc.legal_refs.extend(refs)
    for r in refs:
        doc.add_entity("LEGAL_REF", r.start, r.end, r.symbol or r.title, "pattern:legal_ref")


def _issuers_before(text: str, refs: list[LegalRef]) -> None:
    """The issuer named before a citation that names none after it: "theo đề nghị của Giám đốc Sở
    Nội vụ tại Tờ trình số 1502/TTr-SNV", "Bộ Chính trị, Ban Bí thư đã có Kết luận số 212-KL/TW"."""
    for r in refs:
        if r.issuer is not None:
            continue
        window = text[max(0, r.start - _BEFORE_WINDOW):r.start]
        found = _ISSUER_BEFORE.search(window) or _ADOPTED_BEFORE.search(window)
        if found and _names_body(found.group("iss")):
            r.issuer, r.issuer_source = _rx(r"\s+").sub(" ", found.group("iss")), "before"
            # "Ngày 16/6/2025, Quốc hội đã thông qua Luật ... số 72/2025/QH15": the day it was passed
            dated = _date_of(found.groupdict().get("date"))
            if dated and r.date is None and r.year in (None, int(dated[:4])):
                r.date, r.year = dated, int(dated[:4])


def _names_body(name: str) -> bool:
    """Whether ``name`` starts as a body or a post does (patterns/organizations.yaml heads,
    positions.yaml): "Quốc hội", "Bộ Chính trị, Ban Bí thư", "Giám đốc Sở Nội vụ"; not "Giấy
    khen thực hiện theo quy định" (read before "tại Quyết định ...")."""
    folded = fold(name) + " "
    return folded.startswith(_body_starts())


@functools.cache
def _body_starts() -> tuple[str, ...]:
    heads = [fold(h) for h in vocab.org_heads()]
    posts = [fold(v) for _, variants in vocab.positions() for v in variants]
    bodies = [fold(b) for b in load_rules().organizations.citation_issuer_bodies]
    return tuple(f"{w} " for w in dict.fromkeys([*heads, *posts, *bodies]))


def _shared_issuers(text: str, refs: list[LegalRef]) -> None:
    """A list of citations of one type whose issuer is written once, after the last ("Nghị định
    số 178/2024/NĐ-CP, Nghị định số 67/2025/NĐ-CP của Chính phủ"; "Nghị quyết số 347/NQ-CP ngày
    24/10/2025, số 380/NQ-CP ngày 25/11/2025 của Chính phủ"): each earlier one gets it, marked
    ``shared``. Only across list marks (",", ";", "và") and only where the symbols name the same
    issuer ("QĐ-UBND" and "QĐ-SNV" are two bodies' decisions)."""
    for a, b in reversed(list(itertools.pairwise(refs))):
        if a.issuer is not None or b.issuer is None or a.doc_type != b.doc_type:
            continue
        if not _LIST_GAP.fullmatch(text, a.end, b.start) or _issuer_code(a.symbol) != _issuer_code(b.symbol):
            continue
        a.issuer, a.issuer_source = b.issuer, "shared"


def _issuer_code(symbol: str | None) -> str | None:
    """The letters of a symbol after its type code: "NĐ-CP" -> "CP", "QH15" -> "QH", "QĐ-UBND" -> "UBND"."""
    if not symbol:
        return None
    parts = _rx(r"[-/.]").split(symbol)
    rest = parts[1:] if len(parts) > 1 and vocab.type_by_code().get(parts[0].upper()) else parts
    return "".join(_rx(r"\d+").sub("", p) for p in rest).upper() or None


_BEFORE_WINDOW = 160
# Between two citations of a list: an unmatched year or date, then a list mark.
_LIST_GAP = fast_compile(r"(?:\s+(?:năm\s+\d{4}|ngày\s+[\d/.-]+))?\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+)")
# "Ngày 16/6/2025, Quốc hội đã thông qua": the subject of the clause before the citation.
_ADOPTED_BEFORE = fast_compile(
    rf"(?:(?<!\p{{L}}[^\S\n]+)(?i:ngày)\s+(?P<date>{_DATE})\s*,\s*|[.;:\])]\s+|,\s+|\n\s*)"
    r"(?P<iss>\p{Lu}[\p{L}&]*(?:(?:\s+|,\s+|\s*[-–]\s*)(?:\p{Lu}[\p{L}&]*|(?!đã\b)\p{Ll}+)){0,9})"
    r"\s+(?:đã\s+)?(?:ban\s+hành|thông\s+qua|ký\s+ban\s+hành|có)\s+(?:các\s+)?$")

def _title_start(doc: Document) -> int:
    """Where the header's title starts (its last occurrence before the body), else the body."""
    title = doc.header.title
    if not title or doc.body_start <= doc.doc_start:
        return doc.body_start
    words = title.split()[:4]
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = [m.start() for m in re.finditer(pattern, doc.text[doc.doc_start:doc.body_start])]
    return doc.doc_start + found[-1] if found else doc.body_start


def _clean_symbol(symbol: str) -> str:
    """"KH- UBND" -> "KH-UBND", "QĐ- -TTg" -> "QĐ-TTg", "QĐ UBND" -> "QĐ-UBND"."""
    return _rx(r"\s*-\s*(?:-\s*)?|(?<=\w) (?=\w)").sub("-", symbol)


def _date_of(raw: str | None) -> str | None:
    """The ISO value of a citation's date as matched; white space and capitals do not matter
    ("29 tháng\n\n4 năm 2025", a title line's "NGÀY 20 THÁNG 12 NĂM 2001")."""
    if not raw:
        return None
    raw = _rx(r"(?<=\d) (?=\d)").sub("", _rx(r"\s+").sub(" ", raw.lower()))  # OCR: "16/1 1/2013"
    ds = find_dates("ngày " + raw if "tháng" in raw else raw)
    return ds[0].value if ds else None


# "... của Chính phủ ngày 21 tháng 02 năm 1997": the date after the issuer (older texts).
_DATE_AFTER_ISSUER = fast_compile(rf"\s*,?\s+ngày\s+(?P<date>{_DATE})")
# "Ngày 14/5/2013, Chính phủ đã ban hành Nghị định số 51/2013/NĐ-CP": date and issuer before.
_ISSUED_BEFORE = fast_compile(
    rf"(?<!\p{{L}}[^\S\n]+)(?i:ngày)\s+(?P<date>{_DATE})\s*,\s*(?P<iss>\p{{Lu}}[^,.;:\n]{{1,80}}?)\s+(?:đã\s+)?ban\s+hành\s*$")


def _from_numbered(text: str, m: regex.Match[str]) -> list[LegalRef]:
    date_value = _date_of(m["date"])
    numbers: list[str]
    if m["num"]:
        numbers, year, symbol = [m["num"]], int(m["year"]), m["sym"]
    elif m["pnum"]:
        numbers, year, symbol = [m["pnum"]], None, m["psym"]
    elif m["onum"]:
        numbers, year, symbol = [m["onum"]], None, m["osym"]
    elif m["bnum"]:
        numbers, year, symbol = [m["bnum"]], None, None
    elif m["mnum"]:
        numbers, year, symbol = _rx(r"\s*,\s*").split(m["mnum"]), None, m["msym"]
    else:
        numbers, year, symbol = [m["anum"]], None, m["asym"]
    symbol = _clean_symbol(symbol) if symbol else None
    issuer, end = _issuer_after(text, m.end())
    source = "after" if issuer else None
    if issuer is None:
        end = m.end()
    elif date_value is None:
        after = _DATE_AFTER_ISSUER.match(text, end)
        if after and _date_of(after["date"]):
            date_value, end = _date_of(after["date"]), after.end()
    if date_value is None:
        issued = _ISSUED_BEFORE.search(text[max(0, m.start() - 160):m.start()])
        if issued and _date_of(issued["date"]):
            date_value = _date_of(issued["date"])
            if issuer is None:
                issuer, source = issued["iss"].strip(), "before"
    if year is None and date_value:
        year = int(date_value[:4])
    doc_type = _type_by_symbol(_canonical_type(m["type"]), symbol, text[max(0, m.start() - 20):m.start()])
    return [LegalRef(doc_type=doc_type, number=n, year=year, symbol=symbol, date=date_value,
                     issuer=issuer, issuer_source=source, raw=text[m.start():end], start=m.start(), end=end)
            for n in numbers]


def _more_ref(text: str, doc_type: str, m: regex.Match[str], start: int | None = None) -> LegalRef:
    """A citation from ``_MORE`` or ``_qualified``: its number, symbol, date, and issuer after it."""
    date_value = _date_of(m["date"])
    year = int(m["year"]) if m["year"] else (int(date_value[:4]) if date_value else None)
    issuer, end = _issuer_after(text, m.end())
    if start is None:  # from "số" on, else from the number ("... và 41/QĐ.BQL-TC")
        found = text.rfind("số", m.start(), m.start("num"))
        begin = found if found >= 0 else m.start("num")
    else:
        begin = start
    return LegalRef(doc_type=doc_type, number=m["num"], year=year, symbol=_clean_symbol(m["sym"]),
                    date=date_value, issuer=issuer, issuer_source="after" if issuer else None,
                    raw=text[begin:end if issuer else m.end()],
                    start=begin, end=end if issuer else m.end())


def _from_amending_law(m: regex.Match[str]) -> LegalRef:
    title = _rx(r"\s+").sub(" ", m["title"]).strip(" ,")
    year = int(m["nyear"]) if m["sym"] else (int(m["year"]) if m["year"] else None)
    date_value = None
    if _date_of(m["date"]):
        date_value = _date_of(m["date"])
        year = year or int(date_value[:4])  # type: ignore[index]
    return LegalRef(doc_type="Luật", number=m["num"] if m["sym"] else None, year=year, symbol=m["sym"] or None,
                    date=date_value, title=title, raw=m.group().rstrip(" ,;."), start=m.start(),
                    end=m.start() + len(m.group().rstrip(" ,;.")))


def _outside(refs: list[LegalRef], spans: list[tuple[int, int]]) -> list[LegalRef]:
    """``refs`` without those that start inside one of ``spans`` (a law named with its number:
    "luật số 64/2025/QH15" read inside "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15")."""
    if not spans:
        return refs
    spans.sort()
    starts = [s for s, _ in spans]
    out = []
    for r in refs:
        k = bisect.bisect_left(starts, r.start) - 1
        if k >= 0 and spans[k][0] < r.start < spans[k][1]:
            continue
        out.append(r)
    return out


_LINE_LOOKBACK = 2000  # a "line" longer than this starts this far back (one-line texts stay linear)


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", max(0, pos - _LINE_LOOKBACK), pos) + 1, pos - _LINE_LOOKBACK, 0)


def _on_parent_line(text: str, pos: int) -> bool:
    """``pos`` is on a "(Ban hành kèm theo Quyết định số ...)" line: the decision the document is
    attached to, which is the document itself, not a citation."""
    line_start = _line_start(text, pos)
    return bool(_parent_line().match(text, line_start)) and "\n" not in text[line_start:pos]


def _in_subject(text: str, pos: int, numbered: list[LegalRef]) -> bool:
    """The law at ``pos`` is named inside the subject of a numbered citation before it on its line."""
    line_start = _line_start(text, pos)
    for _ in range(3):  # a line that goes on in lower case continues the one above
        head = text[line_start:line_start + 1]
        if line_start == 0 or not head.islower() or text[line_start - 1] != "\n":
            break
        prev_end = line_start
        while prev_end > 0 and text[prev_end - 1] == "\n":
            prev_end -= 1
        line_start = _line_start(text, prev_end)
    # the last citation that ends before ``pos`` (``numbered`` is sorted by start; bisect keeps
    # a text with thousands of citations linear)
    k = bisect.bisect_left(numbered, pos, key=lambda r: r.start)
    before = next((r for r in reversed(numbered[max(0, k - 8):k]) if r.end <= pos), None)
    if before is None or before.start < line_start:
        return False
    between = text[before.end:pos]
    return bool(_SUBJECT_OPENS.match(between)) and not _CLAUSE_BREAK.search(text[before.end:pos + 1])


def _from_law(text: str, m: regex.Match[str]) -> LegalRef | None:
    title = m["title"].split("\n")[0].strip()  # a title never runs on past its line
    kind = _rx(r"\s+").sub(" ", m["type"])
    if kind == "Luật" and not m["sym"] and _draft_before().search(text[max(0, m.start() - 150):m.start()]):
        return None  # a law to be drafted or passed, or the document itself; one with its number exists
    stop = _title_stop().search(" " + title)
    # "Luật Tổ chức Hội đồng nhân dân và ủy ban nhân dân ngày 26/11/2003": older texts write the
    # second body in lower case; with the law's date right after, "và" joins the title
    joined = bool(stop and stop.group().split()[0] == "và" and _title_stop().search(" " + title, stop.end()) is None
                  and (m["date"] or m["year"]) and "\n" not in m["title"])
    if stop and not joined:
        title = title[: max(0, stop.start() - 1)].strip()
    if not joined and len(title.split()) > TITLE_WORDS:
        title = " ".join(title.split()[:TITLE_WORDS])  # the longest titles cited by name
    title = title.rstrip(",")
    if _NESTED.search(text[max(0, m.start() - 60):m.start()]):
        return None  # "Luật sửa đổi, bổ sung một số điều của Luật ...": part of the amending law's title
    if not title and kind != "Hiến pháp":
        return None
    end = m.start("title") + len(m["title"][: len(m["title"]) - len(m["title"].lstrip())]) + len(title)
    named = True
    if title and not title[0].isupper():
        if kind == "Hiến pháp":
            named = False  # "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam": the one constitution
        elif title.split()[0].lower() in _words().lower_title_refused:
            return None  # "Luật này quy định", "Luật sư": a word of the sentence
        elif len(title.split()) < 2 and not _DATED.match(text, end):
            return None  # one lower-case word is a law only with its date ("Luật giá ngày 19 tháng 6 năm 2023")
    if kind == "Hiến pháp" and not title and _generic_constitution().match(text, m.end("type")):
        return None  # "tuân thủ Hiến pháp, luật pháp": the law in general
    if not title:
        end = m.end("type")
    year = date_value = None
    # Only trust a year/date/number that directly follows the (possibly trimmed) title.
    after = text[end:m.end()]
    if m["sym"] and after.lstrip().startswith("số"):
        year = int(m["nyear"])
        end = m.end("sym")
        if _date_of(m["date"]):
            date_value = _date_of(m["date"])
            end = m.end("date")
    ym = _rx(r"\s+năm\s+(\d{4})").match(text[end:end + 12])
    dm = _rx(r"\s+ngày\s+(\d{1,2}/\d(?:[ ]?\d)?/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})").match(text[end:end + 45])
    if ym:
        year = int(ym.group(1))
        end += ym.end()
    elif dm and _date_of(dm.group(1)):
        date_value = _date_of(dm.group(1))
        year = int(date_value[:4])  # type: ignore[index]
        end += dm.end()
    canonical = {"Bộ luật": "Bộ luật", "Luật": "Luật", "Pháp lệnh": "Pháp lệnh", "Hiến pháp": "Hiến pháp"}
    # "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội"
    issuer, issuer_end = _issuer_after(text, end) if (m["sym"] or date_value or year) else (None, end)
    return LegalRef(doc_type=canonical.get(kind, kind), number=m["num"] if m["sym"] else None, year=year,
                    symbol=m["sym"] or None, date=date_value, title=(title or None) if named else None,
                    issuer=issuer, issuer_source="after" if issuer else None,
                    raw=text[m.start():issuer_end], start=m.start(), end=issuer_end)
