"""References to other documents: numbered ones and laws cited by name.

Numbered: "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ", "Quyết định 563/QĐ-UBND
ngày 05/9/2022" (no "số"), "QD" for "QĐ", party numbers "Chỉ thị số 34-CT/TW", a bare
legal-normative symbol "98/2023/NĐ-CP" (its type from the code). By name: "Luật Thi đua, khen
thưởng năm 2022", "Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008", "Bộ luật Lao động",
"Hiến pháp năm 2013". The document's own "Số: ..." is not a reference.
"""

from __future__ import annotations

import functools
import re

import regex

from ..document import Document
from ..rules import lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..rules.dates import find_dates
from ..rules.gate import GatedPattern
from ..rules.spans import Spans
from ..rules.trie import trie_pattern
from ..schema import LegalRef
from ..vietnamese import UPPER_LETTERS, fold

# Written for the stdlib engine (several times faster than ``regex`` on these scans):
# [^\W_] is a letter or digit, UPPER_LETTERS the Vietnamese capitals.
_SYMBOL = rf"[{UPPER_LETTERS}][^\W_&]*(?:&[^\W_]*)*(?:\s?-\s?[^\W_]+(?:&[^\W_]*)*)*"
_DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{0,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4})"
_NUMBER = rf"""
    (?:\s+số|\s*số)?\s*[:.]?\s*
    (?:
        (?P<num>\d{{1,6}}[a-z]?)\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?P<sym>{_SYMBOL})      # 98/2023/NĐ-CP
      | (?P<pnum>\d{{1,6}})\s*-\s*(?P<psym>[{UPPER_LETTERS}][^\W\d_]*/[\w&]+(?:-[\w&]+)*)  # 34-CT/TW
      | (?P<anum>\d{{1,6}}[a-z]?)\s*/\s*(?P<asym>{_SYMBOL})                                  # 563/QĐ-UBND
    )
    (?P<tail>(?:\s*,)?\s+(?:ngày\s+)?(?P<date>{_DATE}))?
"""
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
LAW = regex.compile(
    r"(?<!\w)(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)(?P<title>(?:\s+(?!năm\s+\d|ngày\s|số\s)"
    r"(?:\p{Lu}[\p{L}&]*|\p{Ll}+)(?:,(?=\s+(?!(?:Luật|Bộ|Nghị|Pháp|Hiến|Thông|Quyết)\b)\p{L}))?){0,10})"
    r"(?:\s+số\s*:?\s*(?P<num>\d{1,3})/(?P<nyear>\d{4})/(?P<sym>QH\d+))?"
    r"(?:\s+(?:năm\s+(?P<year>\d{4})|ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})))?"
)
# "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 16/11/2013": one law,
# named after the law it amends (the nested "Luật Thi đua ..." is part of its title).
AMENDING_LAW = regex.compile(
    r"(?<!\w)(?P<type>Luật)\s+(?P<title>sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+)?(?i:điều)[^;\n]{0,80}?"
    r"\s+của\s+(?:các\s+)?Luật(?:\s+\p{Lu}[\p{L}&]*|\s+\p{Ll}+|,(?=\s+\p{L})){1,12}?)"
    r"(?=\s+(?:số\s|năm\s+\d|ngày\s)|\s*[;.\n]|,\s+(?:ngày|năm|số|đã|được|và)\s|\s*$)"
    r"(?:\s+số\s*:?\s*(?P<num>\d{1,3})/(?P<nyear>\d{4})/(?P<sym>QH\d+))?"
    r"(?:\s+(?:năm\s+(?P<year>\d{4})|ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})))?"
)
_TITLE_STOP = fast_compile(
    r"\s+(?:và\s+(?=\p{Ll})|các\s|của\s|đã\s|được\s|hiện\s+hành|quy\s+định|hướng\s+dẫn|về\s|như\s|tại\s|"
    r"để\s|thì\s|có\s|không\s|trong\s|theo\s|với\s|cho\s|đối\s+với|này|sửa\s+đổi|bổ\s+sung|thi\s+hành|"
    r"mới\s|số\s|năm\s|ngày\s)"
)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_NESTED = regex.compile(r"(?:điều\s+của|thi\s+hành|hướng\s+dẫn(?:\s+thi\s+hành)?|sửa\s+đổi,?\s+bổ\s+sung(?:\s+một\s+số\s+điều)?\s+của)\s*$", regex.I)


@functools.cache
def _numbered() -> GatedPattern:
    names = sorted({n for info in vocab.doc_types() for n in info.names} | {"Văn bản", "Thông tri"},
                   key=len, reverse=True)
    # one trie, both cases of each name's first letter: much cheaper than a plain alternation;
    # tried only where a name's first word starts, and that word must end there ("Luật", not "Luậtsư")
    variants = {v for n in names for v in (n, n[:1].upper() + n[1:], n[:1].lower() + n[1:], n.upper())}
    pattern = re.compile(rf"(?<!\w)(?P<type>{trie_pattern(variants)})(?![^\W\d_])(?i:{_NUMBER})", re.X)
    return GatedPattern(pattern, variants)


# ``regex``: it skips to the "/" of a number faster than ``re`` over long texts
_BARE = regex.compile(rf"(?<![\w/-])(?P<num>\d{{1,6}})/(?P<year>(?:19|20)\d\d)/(?P<sym>{_SYMBOL})")


_ISSUER_WORD = fast_compile(r"\s+(\S+)")


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """"của Chính phủ quy định ..." -> ("Chính phủ", end): up to the first verb-like word."""
    m = _rx(r"\s*(?:,\s*)?của\b").match(text[pos:pos + 12])
    if not m:
        return None, pos
    i = pos + m.end()
    stops, any_case = lexicon.issuer_ends()
    words: list[tuple[str, int]] = []
    while len(words) < 14:
        w = _ISSUER_WORD.match(text, i)
        if not w:
            break
        word = w.group(1)
        core = word.rstrip(",;.:)")
        low = core.lower()
        nxt = _ISSUER_WORD.match(text, w.end())
        nxt_low = nxt.group(1).lower().rstrip(",;.:") if nxt else ""
        if not core or (core[0].islower() and low in stops and nxt_low not in stops[low]):
            break  # a verb or function word (patterns/organizations.yaml citation_issuer_ends)
        if low in any_case and words:
            break
        if low == "và" and (not nxt or (nxt.group(1)[:1].islower() and nxt_low in stops)
                            or _CITATION_AHEAD.match(text, w.end())):
            break
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
_ISSUER_BEFORE = fast_compile(r"của\s+(?P<iss>(?:\p{Lu}[\p{L}&]*|\p{Ll}+)(?:\s+(?:\p{Lu}[\p{L}&]*|\p{Ll}+)){0,10})\s+tại\s*$")


def _canonical_type(raw: str) -> str:
    info = vocab.type_by_name().get(fold(raw))
    return info.name if info else raw[:1].upper() + raw[1:].lower()


def find(doc: Document) -> None:
    """Stage: ``doc.legal_refs`` and LEGAL_REF entities."""
    text = doc.text
    lo, hi = doc.body_start, doc.doc_end
    # The header's "Số: ..." is the document itself; citations start with the body.
    own = doc.header.number.raw if doc.header.number else None
    taken = Spans()
    refs: list[LegalRef] = []
    for m in _numbered().finditer(text, lo, hi):
        refs.append(_from_numbered(text, m))
        taken.add(m.start(), m.end())
    for m in _BARE.finditer(text, lo, hi):
        if taken.covers(m.start()):
            continue
        code = m["sym"].split("-")[0]
        info = vocab.type_by_code().get(code.upper())
        if info is None:
            continue
        refs.append(LegalRef(doc_type=info.name, number=m["num"], year=int(m["year"]), symbol=m["sym"],
                             raw=m.group(), start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    for m in AMENDING_LAW.finditer(text, lo, hi):
        if not taken.covers(m.start()):
            refs.append(_from_amending_law(m))
            taken.add(m.start(), m.end())
    for m in LAW.finditer(text, lo, hi):
        if taken.covers(m.start()):
            continue
        ref = _from_law(text, m)
        if ref is not None:
            refs.append(ref)
    # The document's own number, quoted again ("Kèm theo Quyết định số 1234/QĐ-UBND"), is not a citation.
    own_key = (doc.header.number.number, doc.header.number.symbol) if doc.header.number else None
    refs = [r for r in refs if r.raw != own and (r.number, r.symbol) != own_key]
    refs.sort(key=lambda r: r.start)
    doc.legal_refs.extend(refs)
    for r in refs:
        doc.add_entity("LEGAL_REF", r.start, r.end, r.symbol or r.title, "pattern:legal_ref")


def _from_numbered(text: str, m: regex.Match[str]) -> LegalRef:
    date_value = None
    if m["date"]:
        ds = find_dates("ngày " + m["date"] if "tháng" in m["date"] else m["date"])
        date_value = ds[0].value if ds else None
    if m["num"]:
        number, year, symbol = m["num"], int(m["year"]), m["sym"]
    elif m["pnum"]:
        number, year, symbol = m["pnum"], None, m["psym"]
    else:
        number, year, symbol = m["anum"], None, m["asym"]
    symbol = _rx(r"\s*-\s*").sub("-", symbol)
    if year is None and date_value:
        year = int(date_value[:4])
    issuer, end = _issuer_after(text, m.end())
    if issuer is None:
        # "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 1502/TTr-SNV"
        before = _ISSUER_BEFORE.search(text[max(0, m.start() - 120):m.start()])
        if before:
            issuer = before.group("iss")
            return LegalRef(doc_type=_canonical_type(m["type"]), number=number, year=year, symbol=symbol,
                            date=date_value, issuer=issuer, raw=m.group(), start=m.start(), end=m.end())
    return LegalRef(doc_type=_canonical_type(m["type"]), number=number, year=year, symbol=symbol,
                    date=date_value, issuer=issuer, raw=text[m.start():end if issuer else m.end()],
                    start=m.start(), end=end if issuer else m.end())


def _from_amending_law(m: regex.Match[str]) -> LegalRef:
    title = _rx(r"\s+").sub(" ", m["title"]).strip(" ,")
    year = int(m["nyear"]) if m["sym"] else (int(m["year"]) if m["year"] else None)
    date_value = None
    if m["date"]:
        ds = find_dates("ngày " + m["date"])
        if ds:
            date_value = ds[0].value
            year = year or ds[0].year
    return LegalRef(doc_type="Luật", number=m["num"] if m["sym"] else None, year=year, symbol=m["sym"] or None,
                    date=date_value, title=title, raw=m.group().rstrip(" ,;."), start=m.start(),
                    end=m.start() + len(m.group().rstrip(" ,;.")))


def _from_law(text: str, m: regex.Match[str]) -> LegalRef | None:
    title = m["title"].strip()
    stop = _TITLE_STOP.search(" " + title)
    if stop:
        title = title[: max(0, stop.start() - 1)].strip()
    title = title.rstrip(",")
    if _NESTED.search(text[max(0, m.start() - 40):m.start()]):
        return None  # "quy định chi tiết thi hành một số điều của Luật ...": part of another title
    kind = _rx(r"\s+").sub(" ", m["type"])
    if not title and kind != "Hiến pháp":
        return None
    if title and not title[0].isupper():
        return None
    end = m.start("title") + len(m["title"][: len(m["title"]) - len(m["title"].lstrip())]) + len(title)
    year = date_value = None
    # Only trust a year/date/number that directly follows the (possibly trimmed) title.
    after = text[end:m.end()]
    if m["sym"] and after.lstrip().startswith("số"):
        year = int(m["nyear"])
        end = m.end("sym")
        if m["date"]:
            ds = find_dates("ngày " + m["date"])
            if ds:
                date_value = ds[0].value
                end = m.end("date")
    ym = _rx(r"\s+năm\s+(\d{4})").match(text[end:end + 12])
    dm = _rx(r"\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4}|[^,;.\n]{4,30}?năm\s+\d{4})").match(text[end:end + 45])
    if ym:
        year = int(ym.group(1))
        end += ym.end()
    elif dm:
        ds = find_dates("ngày " + dm.group(1))
        if ds:
            date_value, year = ds[0].value, ds[0].year
            end += dm.end()
    canonical = {"Bộ luật": "Bộ luật", "Luật": "Luật", "Pháp lệnh": "Pháp lệnh", "Hiến pháp": "Hiến pháp"}
    return LegalRef(doc_type=canonical.get(kind, kind), number=m["num"] if m["sym"] else None, year=year,
                    symbol=m["sym"] or None, date=date_value, title=title or None,
                    raw=text[m.start():end], start=m.start(), end=end)
