"""Award statements: who confers which award on how many collectives/individuals, when.

The unit of analysis is the sentence, split into clauses at ";". Inside a clause each run
of award names joined by "và"/"," is a *group*; every group with recipients (a count, named
recipients, or a target) becomes one statement per award. Around a group:
- counts after it ("... cho 06 tập thể và 59 cá nhân") or before it, recipients first
  ("01 tập thể và 01 cá nhân được Chủ tịch nước tặng ..."), or a bare number ("03 Cờ thi đua");
- the conferring authority nearest before it ("Giám đốc Sở công nhận", "được Thủ tướng Chính
  phủ tặng"), else the one of an earlier clause of the sentence ("Chủ tịch UBND tỉnh tặng: A cho
  01 tập thể; B cho 02 cá nhân");
- the status from the sentence's cues, else the section heading's ("Đăng ký ... năm 2024"), else
  the conferring verbs; the year from the clause, the section headings, the title, the date.
Award names without recipients are AWARD entities only (procedural mentions).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import regex

from ..document import Document
from ..rules import awards as tax
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..schema import Award
from ..vietnamese import fold, lowered
from . import persons

# scanned over long texts, where ``regex`` finds the literals faster than ``re``
SENTENCE_END = regex.compile(r"\.{2,4}(?=\s*\p{Lu})|(?:\.|[!?])(?=\s+[\p{Lu}\d\"“(*+-])|\n+")
_JOINER = fast_compile(r"^[\s,“”\"']*(?:và|hoặc|,)?[\s,]*(?:danh\s+hi[ệê]u|hình\s+thức)?[\s“”\"']*$", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_YEAR = regex.compile(r"(?<!\d)(?:năm\s+(?:học\s+)?)(?P<y>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_PERIOD = regex.compile(r"(?:từ\s+năm\s+\d{4}\s+(?:đến|tới)\s+nay|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|"
                        r"từ\s+năm\s+\d{4}\s+(?:đến|tới)\s+năm\s+\d{4}|\d{4}\s*[-–]\s*\d{4}\s*tới\s+nay)", regex.I)
_HEADING_YEAR = fast_compile(r"(?<!\d)(?:NĂM|năm|Năm)\s+(?:HỌC\s+|học\s+)?(?P<y>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>(?:19|20)\d\d))?")
_CHO = fast_compile(
    r"^[\s,:“”\"'’)]*(?:(?:năm\s+(?:học\s+)?\d{4}(?:\s*[-–]\s*\d{4})?|của\s+[^,;:]{2,60}?"
    # the rest of a name the award's own pattern cut ("Cờ thi đua của Bộ| Nội vụ cho")
    r"|(?-i:(?:\p{Lu}[\p{L}&]*(?:\s+(?:và\s+)?(?!(?:gồm|bao|là|cho)\b)\p{Ll}+){0,2}\s*){1,4}))(?:\s+|(?=:)))?"
    r"(?:cho|tặng\s+cho|đối\s+với|:)\s*(?:các\s+)?", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_GOM = regex.compile(r"(?:gồm|bao\s+gồm|là)\s*:\s*(?P<list>[^;.\n]+)", regex.I)
_ORG_START = fast_compile(
    r"(?:Cục|Vụ|Sở|Bộ|Phòng|Ban|Văn\s+phòng|Trường|Trung\s+tâm|Viện|Quỹ|Công\s+đoàn|Chi\s+đoàn|Chi\s+bộ|"
    r"Đảng\s+bộ|Đảng\s+ủy|Đoàn|Hội|Khối|Bệnh\s+viện|Công\s+ty|Tổ|Khoa|UBND|Ủy\s+ban|Xã|Phường|Thị\s+trấn|"
    r"Thôn|Huyện|Thành\s+phố|Tỉnh|Đội|Nhà|Hợp\s+tác\s+xã|Công\s+an|Bộ\s+đội|Quân\s+khu|Lữ\s+đoàn|Trung\s+đoàn|"
    r"Sư\s+đoàn|Đồn|Hải\s+đội|Tổng\s+công\s+ty|Ngân\s+hàng|Chi\s+nhánh|Ông|Bà|Đồng\s+chí)\b"
)
_AUTH_VERB = (r"(?:công\s+nhận|tặng|trao|xếp\s+loại|đánh\s+giá|khen|truy\s+tặng|phong\s+tặng|quyết\s+định|xét|"
              r"bình|suy\s+tôn)")
_AUTH_STOP = fast_compile(
    rf"\s+(?:đã\s+|đều\s+|luôn\s+|sẽ\s+)?(?P<verb>{_AUTH_VERB})|\s+(?:cho|về|vì|đề\s+nghị|đề\s+xuất|kính\s+trình|trình)\b|[,;:(]",
    regex.I)
_AUTH_AFTER = fast_compile(r"^[\s“”\"]*(?:của|do)\s+")
_NOT_A_NAME = fast_compile(r"\b(?:các|những|phấn\s+đấu|đề\s+nghị|đề\s+xuất|đăng\s+ký|chỉ\s+tiêu|có|đã|sẽ)\b", regex.I)
_OBJECT_AWARDS = ("Cờ", "Bằng", "Giấy khen", "Huân", "Huy", "Kỷ niệm", "Giải thưởng")
_ONE_COLLECTIVE = fast_compile(
    r"[\s,]*(?:và\s+)?tập\s+thể\s+(?P<name>\p{Lu}[\p{L}&]*(?:\s+(?!và\b)[\p{L}&]+){0,6}?)(?=\s+(?:và|,)|\s*[;.,]|$)")
_PROPOSAL_BEFORE = fast_compile(
    r"(?:đề\s+xuất|đề\s+nghị|bình\s+chọn|bình\s+xét|lựa\s+chọn|chọn|giới\s+thiệu)[\s,]*$", regex.I)
_RECIPIENTS_FIRST_VERB = fast_compile(
    r"^(?:(?:[\s,]+(?:và\s+)?\p{Ll}+){0,4}"
    # "một tập thể và hai cá nhân có thành tích xuất sắc trong ... năm 2024 vinh dự được ... tặng"
    r"|[\s,]+(?:có\s+thành\s+tích|đã\s+có\s+thành\s+tích|tiêu\s+biểu|xuất\s+sắc)[^;:.\n]{0,160}?)"
    r"(?:\s*\([^()]{1,150}\))?\s*(?:đã\s+|đều\s+|sẽ\s+)?(?:được|đạt|là|vinh\s+dự|giữ\s+vững|duy\s+trì)", regex.I)


_COUNT_JOINERS = {"", "và", "trong đó", "gồm", "chỉ tiêu", "phấn đấu", "tối thiểu", "ít nhất", "khoảng",
                  "không quá", "tối đa", "trên", "hơn"}
_PAREN_NAMES = fast_compile(r"\s*\((?P<names>\p{Lu}[^()]{1,150})\)")


@dataclass
class _Group:
    mentions: list[tax.AwardMention]
    start: int
    end: int


@dataclass
class _Counts:
    collectives: int | None = None
    individuals: int | None = None
    total: int | None = None
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, value
    names: list[str] = field(default_factory=list)  # "02 tổ chuyên môn (Tổ Toán - Tin, Tổ Ngữ văn)"
    verb_first: bool = False  # "xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”"
    continued: bool = False  # "..., 04/13 cơ sở Hội “Hoàn thành tốt nhiệm vụ”": the same listing goes on

    def found(self) -> bool:
        return self.collectives is not None or self.individuals is not None or self.total is not None


def find(doc: Document) -> None:
    """Stage: AWARD and COUNT entities, ``doc.awards``."""
    regions = [(doc.body_start, doc.body_end)]
    if doc.appendix_start is not None:
        regions.append((doc.appendix_start, doc.doc_end))
    low = _lowered(doc)
    for lo, hi in regions:
        mentions = tax.find_mentions(doc.text, lo, hi)
        # Counts, authorities and status cues matter only in sentences that name an award: each
        # such sentence is scanned once (a fifth of the text, typically), not the whole text.
        sentences = _with_mentions(_sentences(doc.text, lo, hi), mentions)
        # "cho 10 đảng viên hoàn thành xuất sắc nhiệm vụ": a title that starts inside a count
        # describes the recipients; it is not an award of its own.
        noun_starts = {m.start("noun") for s, e, _ in sentences for m in tax.count_regex_lower().finditer(low, s, e)}
        mentions = [m for m in mentions if m.start not in noun_starts]
        for m in mentions:
            doc.add_entity("AWARD", m.start, m.end, m.canonical, m.source)
        _statements(doc, _with_mentions([(s, e) for s, e, _ in sentences], mentions))


def _with_mentions(sentences: list[tuple[int, int]], mentions: list[tax.AwardMention]
                   ) -> list[tuple[int, int, list[tax.AwardMention]]]:
    """The sentences holding at least one mention, each with its mentions (both in order)."""
    out = []
    k = 0
    for s, e in sentences:
        while k < len(mentions) and mentions[k].start < s:
            k += 1
        if k == len(mentions):
            break
        j = k
        while j < len(mentions) and mentions[j].start < e:
            j += 1
        if j > k:
            out.append((s, e, mentions[k:j]))
    return out


def _lowered(doc: Document) -> str:
    """The text in lower case, same offsets."""
    return lowered(doc.text)


def _sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, start = [], lo
    for m in SENTENCE_END.finditer(text, lo, hi):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < hi:
        out.append((start, hi))
    return out


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, start = [], s
    for m in _rx(r";").finditer(text[s:e]):
        out.append((start, s + m.start()))
        start = s + m.end()
    out.append((start, e))
    return out


def _groups(text: str, mentions: list[tax.AwardMention]) -> list[_Group]:
    groups: list[_Group] = []
    for m in mentions:
        if groups and _JOINER.match(text[groups[-1].end:m.start]):
            groups[-1].mentions.append(m)
            groups[-1].end = m.end
        else:
            groups.append(_Group([m], m.start, m.end))
    return groups


def _statements(doc: Document, sentences: list[tuple[int, int, list[tax.AwardMention]]]) -> None:
    text = doc.text
    low = _lowered(doc)
    for s, e, in_sentence in sentences:
        heads = list(tax.authority_gate().finditer(low, s, e))
        cues = _status_cues(doc, s, e)
        period = bool(_PERIOD.search(text, s, e))
        first_clause_end = _clauses(text, s, e)[0][1]
        first_award = in_sentence[0].start
        sentence_subject = _named_before(text, s, min(first_clause_end, first_award), s)
        inherited_auth: str | None = None
        inherited_status: str | None = None
        # "xếp loại 14 tổ chức “A” (chiếm 24%); 40 tổ chức “B”; 04 tổ chức “C”": counts before
        # titles, listed on through the sentence's clauses
        listing: str | None = None  # "rating" (the authority carries on) or "first" (recipients first)
        for cs, ce in _clauses(text, s, e):
            in_clause = [m for m in in_sentence if cs <= m.start < ce]
            auth_any = _authority(text, heads, cs, ce)
            groups = _groups(text, in_clause)
            clause_auth: str | None = None
            for gi, g in enumerate(groups):
                prev_end = groups[gi - 1].end if gi else cs
                next_start = groups[gi + 1].start if gi + 1 < len(groups) else ce
                before = (prev_end, g.start)
                after = (g.end, next_start)
                counts, recipients = _counts_after(doc, *after)
                counted_after = counts.found()
                if not counts.found():
                    counts = _counts_before(doc, *before, continuing=listing is not None)
                    recipients = recipients or counts.names
                if counts.continued:
                    counts.verb_first = listing == "rating"
                else:
                    listing = ("rating" if counts.verb_first else "first") \
                        if counts.found() and not counted_after else None
                bare = _rx(r"(?<![\d/.])(\d{1,3})\s*$").search(text[before[0]:g.start])
                if not counts.found() and bare and len(g.mentions) == 1 \
                        and g.mentions[0].canonical.startswith(_OBJECT_AWARDS):
                    counts.total = int(bare.group(1))
                if not recipients:
                    recipients = _named_before(text, cs, g.start, prev_end)
                recipients_first = not counted_after and counts.found() and not counts.verb_first
                after_auth = _authority_after(text, g.end, next_start) or _authority_in_name(text, g, next_start)
                auth = _delegated(text, s, g.start) or _authority(text, heads, before[0], g.start) or after_auth or (
                    None if recipients_first else (
                        clause_auth or (_authority(text, heads, cs, g.start) if gi == 0 else None) or inherited_auth))
                clause_auth = auth if auth != inherited_auth else clause_auth
                local = _status_in(cues, before[0], g.start)
                in_clause_cue = _status_in(cues, cs, g.start)
                # "Phấn đấu có 36 giáo viên đạt ...; 02 tổ chuyên môn đạt ...": a goal or a request
                # made at the head of the sentence governs its later clauses' bare "đạt".
                carried = inherited_status if inherited_status not in (None, "conferred") and not auth else None
                status = (in_clause_cue if in_clause_cue and in_clause_cue != "conferred" else None) \
                    or carried or local or in_clause_cue or inherited_status
                final_status = _resolve_status(doc, g.start, status)
                if not counts.found() and not recipients and sentence_subject and status:
                    recipients = list(sentence_subject)
                if not (counts.found() or recipients or _is_target_statement(text, cs, g, final_status)):
                    continue
                year = _year(doc, text, cs, ce, s, e, g.start, period)
                if _PERIOD.match(text, g.end + len(text[g.end:g.end + 60]) - len(text[g.end:g.end + 60].lstrip())) \
                        or _rx(r"[^;.]{0,40}?(?:giai\s+đoạn\s+\d{4}\s*[-–]|từ\s+năm\s+\d{4}\s+(?:đến|tới))").match(
                                       text[g.end:g.end + 80]):
                    year = None  # "... được suy tôn là điển hình tiên tiến giai đoạn 2015-2017"
                if _restated(doc, g, auth, final_status, recipients):
                    continue
                for stmt in _split(g, counts):
                    _emit(doc, stmt, auth, final_status, recipients, year)
                inherited_status = status or inherited_status
            if auth_any:
                inherited_auth = _authority(text, heads, cs, ce, last=True) or inherited_auth
            inherited_status = _status_in(cues, cs, ce) or inherited_status


def _split(g: _Group, counts: _Counts) -> list[tuple[tax.AwardMention, _Counts]]:
    """Several awards sharing one count phrase: split it by the recipient kind of each award."""
    if len(g.mentions) == 1:
        return [(g.mentions[0], counts)]
    out = []
    for m in g.mentions:
        kind = m.entry.recipient
        if kind == "collective" and counts.collectives is not None:
            out.append((m, _Counts(collectives=counts.collectives)))
        elif kind == "individual" and counts.individuals is not None:
            out.append((m, _Counts(individuals=counts.individuals)))
        else:
            out.append((m, counts))
    return out


def _emit(doc: Document, stmt: tuple[tax.AwardMention, _Counts], auth: str | None, status: str,
          recipients: list[str], year: int | None) -> None:
    m, c = stmt
    canonical = _adjust(m, auth)
    # every count adds up: "04 tập thể và 12 hộ gia đình" covers 16 recipients
    parts = [v for v in (c.collectives, c.individuals, c.total) if v is not None]
    total = sum(parts) if parts else None
    if total is None and recipients:
        total = len(recipients)
    counted = doc.memo.setdefault("count_starts", set())
    for s, e, v in c.spans:
        if s not in counted:
            counted.add(s)
            doc.add_entity("COUNT", s, e, v, "pattern:count")
    doc.awards.append(Award(
        award=canonical, award_raw=m.raw, category=m.entry.category, level=m.entry.level,  # type: ignore[arg-type]
        conferred_by=auth, status=status, collectives=c.collectives, individuals=c.individuals,  # type: ignore[arg-type]
        total=total, recipients=recipients, year=year, section=doc.section_at(m.start),
        start=m.start, end=m.end,
    ))


def _adjust(m: tax.AwardMention, auth: str | None) -> str:
    """Levels the name leaves open: the Prime Minister's Bằng khen, the Government's flag."""
    a = fold(auth or "")
    if m.entry.id == "bang_khen" and "thủ tướng" in a:
        return "Bằng khen của Thủ tướng Chính phủ"
    if m.canonical.startswith("Cờ thi đua") and m.canonical != "Cờ thi đua của Chính phủ":
        if "thủ tướng" in a or fold(m.raw).endswith("chính phủ"):
            return "Cờ thi đua của Chính phủ"
    return m.canonical


def _counts_after(doc: Document, lo: int, hi: int) -> tuple[_Counts, list[str]]:
    text = doc.text
    seg = text[lo:hi]
    cho = _CHO.match(seg)
    counts = _Counts()
    if not cho:
        gm = _GOM.search(seg[:60])
        if not gm or not gm.group().lower().startswith(("gồm", "bao")):
            return counts, []
    start = lo + (cho.end() if cho else 0)
    pos = start
    recipients: list[str] = []
    while True:
        m = tax.count_regex_lower().search(_lowered(doc), pos, hi)
        named = _ONE_COLLECTIVE.match(text, pos)
        if named and (m is None or named.start("name") < m.start()):
            counts.collectives = (counts.collectives or 0) + 1
            recipients.append(named.group("name"))
            pos = named.end()
            continue
        between = text[pos:m.start()] if m else ""
        paren = _PAREN_NAMES.match(between)
        if paren:
            recipients.extend(_split_names(paren.group("names")))
            between = between[paren.end():]
        if m is None or between.strip(" ,").lower() not in _COUNT_JOINERS:
            break
        _add_count(counts, m)
        pos = m.end()
        paren = _PAREN_NAMES.match(text, pos, hi)
        if paren and not _PAREN_NAMES.match(text, pos, hi).group("names").lower().startswith(("có ", "trong ")):
            recipients.extend(_split_names(paren.group("names")))
            pos = paren.end()
    gm = _GOM.search(text, pos, hi)
    if gm and gm.start() - pos < 40:
        recipients = _split_names(gm.group("list"))
    elif not counts.found() and cho:
        rest = text[start:hi]
        om = _ORG_START.match(rest)
        if om:
            name = _rx(r"\s+(?:vì|do|đã|có|về|trong|năm|nhân|theo)\s|[,;(]").split(rest)[0].strip(" .")
            # "cho Hội Nông dân xã Mỹ An và ông Võ Văn Chín": two recipients
            parts = _rx(r"\s+và\s+(?=(?:ông|bà|đồng\s+chí|anh|chị)\s+\p{Lu}|"
                        + _ORG_START.pattern + ")").split(name)
            recipients = [p.strip(" .") for p in parts if p.strip(" .")]
    return counts, recipients


_RATING_VERB = fast_compile(r"(?:xếp\s+loại|công\s+nhận|đánh\s+giá|bình\s+chọn|suy\s+tôn)\s*(?:cho\s+)?$", regex.I)
_TO_TITLE = fast_compile(r"^(?:\s+\p{Lu}\p{Ll}*){0,2}\s*(?:đạt\s+)?(?:danh\s+hiệu\s+)?[“\"]\s*$", regex.I)


def _counts_before(doc: Document, lo: int, hi: int, continuing: bool = False) -> _Counts:
    """"01 tập thể và 01 cá nhân được Chủ tịch nước tặng": counts ending before "được"/"đạt";
    "xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”, 04/13 cơ sở Hội “...”": a rating
    verb, the counts, the quoted title (and the same shape again after a comma)."""
    text = doc.text
    found = list(tax.count_regex_lower().finditer(_lowered(doc), lo, hi))
    counts = _Counts()
    if not found:
        return counts
    # The last chain of counts joined by "và"/",", followed by được/đạt.
    chain = [found[-1]]
    for m in reversed(found[:-1]):
        if text[m.end():chain[0].start()].strip(" ,") in {"", "và"}:
            chain.insert(0, m)
        else:
            break
    after_chain = text[chain[-1].end():hi]
    lead = text[max(lo, chain[0].start() - 30):chain[0].start()]
    if _TO_TITLE.match(after_chain):
        rating = bool(_RATING_VERB.search(lead))
        if rating or (continuing and not _rx(r"\([^()]*\)").sub("", text[lo:chain[0].start()]).strip(" ,và”\"'")):
            for m in chain:
                _add_count(counts, m)
            counts.verb_first, counts.continued = rating, not rating
            return counts
    if _rx(r"(?:\bcho|\bđối\s+với)\s*(?:các\s+)?$").search(text[max(lo, chain[0].start() - 20):chain[0].start()]):
        return counts  # "... cho 31 cá nhân có thành tích ..., có sáng kiến được công nhận": an earlier award's
    proposal = _PROPOSAL_BEFORE.search(text[max(lo, chain[0].start() - 30):chain[0].start()])
    if not (_RECIPIENTS_FIRST_VERB.match(after_chain)
            or (proposal and _rx(r"(?:\s+(?:tiêu\s+biểu|xuất\s+sắc)(?:\s+nhất)?)?\s*(?:để\s+)?"
                                 r"(?:tặng|công\s+nhận|đề\s+nghị|trình)").match(after_chain))):
        return counts
    for m in chain:
        _add_count(counts, m)
    paren = _PAREN_NAMES.match(after_chain)
    if paren:
        counts.names = _split_names(paren.group("names"))
    return counts


def _add_count(counts: _Counts, m: regex.Match[str]) -> None:
    value = tax.count_value(m)
    if value is None:
        return
    kind = tax.noun_kinds().get(fold(m["noun"]), "mixed")
    counts.spans.append((m.start(), m.end(), value))
    if kind == "collective":
        counts.collectives = (counts.collectives or 0) + value
    elif kind == "individual":
        counts.individuals = (counts.individuals or 0) + value
    else:
        counts.total = (counts.total or 0) + value


def _split_names(listing: str) -> list[str]:
    parts = _rx(r"\s*,\s*|\s+và\s+(?=\p{Lu})").split(listing.strip())
    return [p.strip(" .") for p in parts if p.strip(" .")]


@functools.cache
def _person_before() -> regex.Pattern[str]:
    """"Cô Trần Thị Mỹ Lệ, giáo viên Tổ Ngữ văn, được Chủ tịch UBND tỉnh tặng", "Thượng tá Hoàng
    Văn Nam được Thủ tướng Chính phủ tặng": a person, then the passive."""
    return fast_compile(
        rf"^\s*(?:[-+•*]\s*)?(?:(?:Ông|Bà|Cô|Thầy|Đồng\s+chí|Anh|Chị|ông|bà|cô|thầy|đồng\s+chí)\s+|"
        rf"(?:\p{{Ll}}+\s+){{0,3}}?(?:{persons.titles_pattern()})\s+)"
        r"(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})"
        r"(?:\s*,[^;:,]{2,80},)?\s+(?:đã\s+)?(?:vinh\s+dự\s+)?(?:được|đạt)\s")


def _named_before(text: str, cs: int, g_start: int, prev_end: int) -> list[str]:
    """"Đảng bộ Sở X: Đạt danh hiệu ...", "Chi đoàn X được ... xếp loại", "xếp loại <Org> “...”"."""
    seg = text[cs:g_start]
    # Each shape needs its verb: "đạt"/"được" (the first two), "xếp loại"/"công nhận" (the third).
    passive = "ạt" in seg or "ược" in seg
    if not passive and "loại" not in seg and "nhận" not in seg:
        return []
    lead = passive and _rx(r"^\s*(?:[-+•*]\s*)?(?:(?:Trong\s+)?[Nn]ăm\s+\d{4}\s*,\s*)?(?P<name>[^:;,]{2,80}?)"
                       r"\s*(?::\s*(?:Đạt|đạt|Được|được)|\s+được\s|\s+đạt\s)").match(seg)
    if lead and "tặng" not in lead.group("name"):
        name = lead.group("name")
        inner = None if _ORG_START.match(name) else list(_ORG_START.finditer(name))
        if inner:
            name = name[inner[-1].start():]
        cut = _NOT_A_NAME.search(name)
        if cut:
            # "Sở Tài chính phấn đấu được ... tặng": the subject before the cue is the recipient;
            # "Khối thi đua phấn đấu các đơn vị đạt": another subject follows, none is named.
            if _rx(r"\b(?:các|những)\b", regex.I).search(name[cut.start():]):
                return []
            name = name[:cut.start()]
        if _ORG_START.match(name) and 1 < len(name.split()) <= 12:
            return [name.strip()]
    person = passive and _person_before().match(seg)
    if person:
        return [person.group("name")]
    obj = _rx(r"(?:xếp\s+loại|công\s+nhận)\s+(?P<name>(?:Công\s+đoàn|Chi\s+bộ|Chi\s+đoàn|Đảng\s+bộ|Sở|Trường|Phòng|Ban)[^“”\"]{2,80}?)\s*[“\"]?\s*$").search(seg)
    if obj:
        return [obj.group("name").strip()]
    return []


def _authority(text: str, heads: list[re.Match[str]], lo: int, hi: int, last: bool = True,
               allow_bare: bool = False) -> str | None:
    """The authority of ``text[lo:hi]``, from ``heads``, the authority heads of its sentence."""
    found = []
    for i in range(bisect.bisect_left(heads, lo, key=re.Match.start), len(heads)):
        if heads[i].start() >= hi:
            break
        if heads[i].end() <= hi:
            found.append(heads[i])
    if not found:
        return None
    for idx in range(len(found) - 1, -1, -1) if last else range(len(found)):
        m = found[idx]
        start = m.start()
        # "Bộ trưởng Bộ KH&CN": heads in one phrase are one authority.
        j = idx
        while j > 0 and len(text[found[j - 1].end():found[j].start()].split()) <= 3 \
                and not _AUTH_STOP.search(text[found[j - 1].end():found[j].start()]) \
                and not _rx(r"\bđược\b").search(text[found[j - 1].end():found[j].start()]):
            j -= 1
            start = found[j].start()
        rest = text[m.end():hi]
        stop = _AUTH_STOP.search(rest)
        tail = rest[: stop.start()] if stop else rest
        name = (text[start:m.end()] + tail).strip()
        if _rx(r"\bđược\b").search(tail):
            continue  # "Công đoàn được xếp loại": the subject of a passive is a recipient
        colon_intro = stop is not None and stop.group().strip() == ":" and not rest[stop.end():].strip(" “”\"")
        # An authority is followed by its verb ("Giám đốc Sở công nhận", "được X tặng"), or
        # introduces a list with a colon ("Chủ tịch UBND tỉnh: Cờ thi đua cho 02 tập thể").
        if (stop and stop.group("verb")) or colon_intro or (allow_bare and not tail.strip()):
            if len(name.split()) <= 10:
                return name
    return None


# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_DELEGATED = regex.compile(r"thừa\s+ủy\s+quyền\s+(?:của\s+)?", regex.I)


def _delegated(text: str, lo: int, hi: int) -> str | None:
    """"Thừa ủy quyền của Chủ tịch nước, Thứ trưởng X đã trao ...": the award is the delegator's."""
    m = _DELEGATED.search(text, lo, hi)
    if not m:
        return None
    head = tax.authority_regex_lower().match(lowered(text), m.end(), hi)
    if not head:
        return None
    stop = _rx(r"\s+(?:cho|vì|về|đã|năm|trao|tặng)\b|[,;:(.]").search(text, head.end(), hi)
    name = text[m.end():stop.start() if stop else hi].strip()
    return name if len(name.split()) <= 10 else None


def _authority_in_name(text: str, g: _Group, hi: int) -> str | None:
    """"Cờ thi đua của Bộ Giáo dục và Đào tạo: 01 tập thể": the award's own name says who gives it."""
    m = g.mentions[-1]
    idx = fold(m.raw).rfind("của ")
    if idx < 0:
        return None
    start = m.start + idx + 4
    if not (tax.authority_regex_lower().match(lowered(text), start, hi) or _ORG_START.match(text, start, hi)):
        return None
    stop = _rx(r"\s+(?:cho|vì|về|đã|năm|gồm)\b|[,;:(.“\"]").search(text, start, hi)
    name = text[start:stop.start() if stop else hi].strip()
    return name if 1 <= len(name.split()) <= 10 else None


def _authority_after(text: str, lo: int, hi: int) -> str | None:
    """"Bằng khen của Chủ tịch UBND tỉnh cho ...": the authority named after the award."""
    m = _AUTH_AFTER.match(text[lo:hi])
    if not m:
        return None
    start = lo + m.end()
    head = tax.authority_regex_lower().match(lowered(text), start, hi)
    if not head:
        return None
    rest = text[head.end():hi]
    stop = _rx(r"\s+(?:cho|vì|về|đã|năm)\b|[,;:(.]").search(rest)
    name = (text[start:head.end()] + (rest[: stop.start()] if stop else rest)).strip()
    return name if len(name.split()) <= 10 else None


_Cues = tuple[list[int], list[tuple[int, int, str]]]  # starts; (start, end, status), in order


def _status_cues(doc: Document, s: int, e: int) -> _Cues:
    """The status cues of the sentence ``text[s:e]``, for ``_status_in`` (many clauses ask)."""
    text, table, neutral = doc.text, tax.status_of(), tax.heading_neutral()
    cues = []
    for m in tax.status_gate().finditer(_lowered(doc), s, e):
        key = " ".join(fold(m.group()).split())
        if key in neutral and _rx(r"kết\s+quả\s*$", regex.I).search(text[max(0, m.start() - 12):m.start()]):
            continue  # "kết quả bình xét cuối năm có 24.310 hộ đạt ...": the outcome of a review
        cues.append((m.start(), m.end(), table.get(key, "conferred")))
    return [c[0] for c in cues], cues


def _status_in(sentence_cues: _Cues, lo: int, hi: int) -> str | None:
    """``_status_cue`` of ``text[lo:hi]``, from the status cues of its sentence."""
    starts, cues = sentence_cues
    best: tuple[int, str] | None = None
    # from the first cue in range, by index: a sentence can be a whole unpunctuated text
    for i in range(bisect.bisect_left(starts, lo), len(cues)):
        start, end, status = cues[i]
        if start >= hi:
            break
        if end > hi:
            continue
        rank = start + (100_000 if status != "conferred" else 0)
        if best is None or rank > best[0]:
            best = (rank, status)
    return best[1] if best else None


def _status_cue(segment: str, exclude_conferred: bool = False, heading: bool = False) -> str | None:
    """The status of the last cue in ``segment`` (non-conferred cues win over conferring verbs)."""
    best: tuple[int, str] | None = None
    table = tax.status_of()
    neutral = tax.heading_neutral() if heading else frozenset()
    for m in tax.status_regex().finditer(segment):
        key = " ".join(fold(m.group()).split())
        status = table.get(key, "conferred")
        if (exclude_conferred and status == "conferred") or key in neutral:
            continue
        if key in tax.heading_neutral() and _rx(r"kết\s+quả\s*$", regex.I).search(segment[max(0, m.start() - 12):m.start()]):
            continue  # "kết quả bình xét cuối năm có 24.310 hộ đạt ...": the outcome of a review
        rank = m.start() + (100_000 if status != "conferred" else 0)
        if best is None or rank > best[0]:
            best = (rank, status)
    return best[1] if best else None


def _heading_status(doc: Document, pos: int) -> str | None:
    cache = doc.memo.setdefault("heading_status", {})  # section id -> its heading's cue
    for sec in _ancestors(doc, pos):
        if sec.id not in cache:
            cache[sec.id] = _status_cue(sec.heading, exclude_conferred=True, heading=True)
        if cache[sec.id]:
            return cache[sec.id]
    return None


def _ancestors(doc: Document, pos: int) -> list:
    """Enclosing sections whose heading stands above ``pos`` (a run-in heading that *is* the
    statement's own paragraph does not count as its heading). Asked for status and for year."""
    cache = doc.memo.setdefault("ancestors", {})
    found = cache.get(pos)
    if found is None:
        found = cache[pos] = [s for s in doc.enclosing_sections(pos) if doc.lines[doc.line_index(s.start)].end < pos]
    return found


def _resolve_status(doc: Document, pos: int, local: str | None) -> str:
    """A non-conferring cue in the clause wins; then the heading's ("Đăng ký ...", "Chỉ tiêu");
    then the clause's conferring verb."""
    if local and local != "conferred":
        return local
    heading = _heading_status(doc, pos)
    if heading:
        return heading
    return "conferred"


def _is_target_statement(text: str, cs: int, g: _Group, status: str) -> bool:
    """A target with no count: a real title ("phấn đấu các đơn vị đạt danh hiệu Tập thể lao
    động xuất sắc") or a share ("Phấn đấu 100% ... hoàn thành tốt nhiệm vụ"); not an exhortation."""
    if status != "target":
        return False
    if any(m.entry.category in {"emulation_title", "commendation"} for m in g.mentions):
        return True
    return bool(_rx(r"\d+\s*%").search(text[cs:g.start]))


def _restated(doc: Document, g: _Group, auth: str | None, status: str, recipients: list[str]) -> bool:
    """The same award, authority, status and recipients already stated in this section."""
    section = doc.section_at(g.start)
    names = {m.canonical for m in g.mentions}
    return bool(recipients) and any(
        a.section == section and a.award_raw and a.status == status and fold(a.conferred_by or "") == fold(auth or "")
        and a.recipients == recipients and (a.award in names or fold(a.award) in {fold(n) for n in names})
        for a in doc.awards)


_FOR_YEAR = fast_compile(r"(?:thành\s+tích|phong\s+trào\s+thi\s+đua|khen\s+thưởng\s+tổng\s+kết)[^;:.\n]{0,80}?$", regex.I)


def _year(doc: Document, text: str, cs: int, ce: int, s: int, e: int, pos: int, period: bool) -> int | None:
    # "Năm 2024, Chủ tịch UBND tỉnh đã tặng Bằng khen cho ... có thành tích trong phong trào thi đua
    # năm 2023": the year the award is *for* is the achievement's, not the ceremony's.
    for m in _YEAR.finditer(text, pos, ce):
        if _FOR_YEAR.search(text, max(pos, m.start() - 100), m.start()) and not _PERIOD.match(text, m.start()):
            return int(m["y2"] or m["y"])
    for lo, hi in ((cs, ce), (s, e)):
        m = _YEAR.search(text, lo, hi)
        if m and not _PERIOD.match(text, max(lo, m.start() - 10)):
            inside_period = any(p.start() <= m.start() < p.end() for p in _PERIOD.finditer(text, lo, hi))
            if not inside_period:
                return int(m["y2"] or m["y"])
    if period:
        return None
    cache = doc.memo.setdefault("heading_year", {})  # section id -> its heading's year
    for sec in _ancestors(doc, pos):
        if sec.id not in cache:
            m = _HEADING_YEAR.search(sec.heading)
            cache[sec.id] = int(m["y2"] or m["y"]) if m else None
        if cache[sec.id]:
            return cache[sec.id]
    if doc.header.title:
        m = _HEADING_YEAR.search(doc.header.title)
        if m:
            return int(m["y2"] or m["y"])
    if doc.header.date and doc.header.date.value:
        return int(doc.header.date.value[:4])
    return None
