"""How many collectives and individuals a group of awards goes to: COUNT_RULES, in order.

- ``counts_after``: "... cho 06 tập thể và 59 cá nhân", "gồm: A, B";
- ``counts_before``: recipients first, "01 tập thể và 01 cá nhân được Chủ tịch nước tặng ...",
  or a rating listing "xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”, 04/13 ...";
- ``bare_number``: "đạt 03 Cờ thi đua".
"""

from __future__ import annotations

import functools

import regex

from ...rules import awards as tax
from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from ...vietnamese import fold
from .context import AwardGroup, Counts, Decided, DocState, Group, Rule
from .recipients import PAREN_NAMES, org_start, split_names
from .status import normative
from .words import alternation, words

_CHO = fast_compile(
    r"^[\s,:“”\"'’)]*(?:(?:năm\s+(?:học\s+)?\d{4}(?:\s*[-–]\s*\d{4})?|của\s+[^,;:]{2,60}?"
    # the merit it is for, between the award and its recipient ("danh hiệu “Anh hùng Lao động”
    # thành tích đặc biệt xuất sắc đột xuất cho Ngân hàng ...")
    r"|(?:thời\s+kỳ\s+đổi\s+mới\s+)?thành\s+tích[^,;:.()\n]{0,60}?"
    # the rest of a name the award's own pattern cut ("Cờ thi đua của Bộ| Nội vụ cho")
    r"|(?-i:(?:\p{Lu}[\p{L}&]*(?:\s+(?:và\s+)?(?!(?:gồm|bao|là|cho)\b)\p{Ll}+){0,2}\s*){1,4}))(?:\s+|(?=:)))?"
    r"(?:cho|tặng\s+cho|đối\s+với|:)\s*(?:các\s+)?", regex.I)
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
_GOM = regex.compile(r"(?:gồm|bao\s+gồm|là)\s*:\s*(?P<list>[^;.\n]+)", regex.I)
_ONE_COLLECTIVE = fast_compile(
    r"[\s,]*(?:và\s+)?tập\s+thể\s+(?P<name>\p{Lu}[\p{L}&]*(?:\s+(?!và\b)[\p{L}&]+){0,6}?)"
    # the name ends at a list mark, or where its merit or reason starts ("cho tập thể Báo Nghệ An
    # đã hoàn thành xuất sắc ...")
    r"(?=\s+(?:và|,|đã|có|vì|do|về|trong|nhân)(?!\w)|\s*[;.,]|$)")
_PROPOSAL_BEFORE = fast_compile(
    r"(?:đề\s+xuất|đề\s+nghị|bình\s+chọn|bình\s+xét|lựa\s+chọn|chọn|giới\s+thiệu)[\s,]*$", regex.I)
_RECIPIENTS_FIRST_VERB = fast_compile(
    r"^(?:(?:[\s,]+(?:và\s+)?\p{Ll}+){0,4}"
    # "một tập thể và hai cá nhân có thành tích xuất sắc trong ... năm 2024 vinh dự được ... tặng"
    r"|[\s,]+(?:có\s+thành\s+tích|đã\s+có\s+thành\s+tích|tiêu\s+biểu|xuất\s+sắc"
    # "4 tập thể hoàn thành xuất sắc các chỉ tiêu giao ước thi đua được UBND tỉnh tặng"
    r"|(?:đã\s+)?hoàn\s+thành\s+(?:xuất\s+sắc|tốt|vượt\s+mức))[^;:.\n]{0,160}?)"
    r"(?:\s*\([^()]{1,150}\))?\s*(?:đã\s+|đều\s+|sẽ\s+)?(?:được|đạt|là|vinh\s+dự|giữ\s+vững|duy\s+trì"
    # "2 tập thể và 1 cá nhân nhận Huân chương Lao động hạng Ba"
    r"|nhận(?=\s)"
    # "2 tập thể, 2 cá nhân đề nghị tặng thưởng Huân chương Lao động hạng Nhì" (a council's tally)
    r"|đề\s+nghị(?=\s+(?:tặng|truy\s+tặng|công\s+nhận|xét\s+tặng)))", regex.I)
_RATING_VERB = fast_compile(r"(?:xếp\s+loại|công\s+nhận|đánh\s+giá|bình\s+chọn|suy\s+tôn)\s*(?:cho\s+)?$", regex.I)
_TO_TITLE = fast_compile(r"^(?:\s+\p{Lu}\p{Ll}*){0,2}\s*(?:đạt\s+)?(?:danh\s+hiệu\s+)?[“\"]\s*$", regex.I)
_BARE = fast_compile(r"(?<![\d/.])(\d{1,3})\s*$")


@functools.cache
def _not_a_count() -> regex.Pattern[str]:
    """Before a number that counts nothing: "Điều 26 Cờ thi đua" (an article), "... 06 01 3 Cờ
    thi đua của Chính phủ 12" (a form's row number after the previous row's figures)."""
    return fast_compile(rf"(?:(?<!\w)(?:{alternation('article_words')})\.?|\d[\d.,%]*)\s*$")


@functools.cache
def _count_joiners() -> frozenset[str]:
    return frozenset(words("count_joiners")) | {""}  # two counts side by side need no joiner


@functools.cache
def _named_after_là() -> regex.Pattern[str]:
    """"02 tập thể ... được tặng Bằng khen của Chủ tịch UBND tỉnh là Nhân dân và cán bộ xã Châu
    Hóa, Nhân dân và cán bộ xã Văn Hóa": the counted recipients named after "là"."""
    return fast_compile(rf"[\s,]*(?:đó\s+)?là\s+(?P<list>(?={org_start().pattern})[^;.\n]+)")


_NEXT_ITEM = fast_compile(r";\s*(?P<item>[^;.\n]+)")


def _listed(first: str, text: str, pos: int, hi: int) -> list[str]:
    """The names of a list after "gồm:"/"là:", items apart by "," or, when every item is a name,
    by ";" ("đó là: Nhân dân và cán bộ xã Văn Hóa; Nhân dân và cán bộ xã Châu Hóa; ...")."""
    names = split_names(first)
    while (m := _NEXT_ITEM.match(text, pos, hi)) and org_start().match(m.group("item")):
        names += split_names(m.group("item"))
        pos = m.end()
    return names


def counts_after(st: DocState, lo: int, hi: int, list_hi: int | None = None) -> tuple[Counts, list[str]]:
    """The counts (and names) after an award, in ``text[lo:hi]``; a list of names after "gồm:"
    may go on past ``hi`` (its clause) in items apart by ";", up to ``list_hi``."""
    text = st.text
    seg = text[lo:hi]
    cho = _CHO.match(seg)
    counts = Counts()
    if not cho:
        gm = _GOM.search(seg[:60])
        if not gm or not gm.group().lower().startswith(("gồm", "bao")):
            return counts, []
    start = lo + (cho.end() if cho else 0)
    pos = start
    recipients: list[str] = []
    while True:
        m = tax.count_regex_lower().search(st.low, pos, hi)
        named = _ONE_COLLECTIVE.match(text, pos)
        if named and (m is None or named.start("name") < m.start()):
            counts.collectives = (counts.collectives or 0) + 1
            recipients.append(named.group("name"))
            pos = named.end()
            continue
        between = text[pos:m.start()] if m else ""
        paren = PAREN_NAMES.match(between)
        if paren:
            recipients.extend(split_names(paren.group("names")))
            between = between[paren.end():]
        if m is None or between.strip(" ,").lower() not in _count_joiners():
            break
        add_count(counts, m)
        pos = m.end()
        paren = PAREN_NAMES.match(text, pos, hi)
        if paren and not paren.group("names").lower().startswith(("có ", "trong ")):
            recipients.extend(split_names(paren.group("names")))
            pos = paren.end()
    gm = _GOM.search(text, pos, hi)
    named = gm is None and counts.found() and _named_after_là().match(text, pos, hi)
    if gm and gm.start() - pos < 40:
        recipients = _listed(gm.group("list"), text, gm.end(), max(hi, list_hi or hi))
    elif named:
        recipients = split_names(named.group("list"))
    elif not counts.found() and cho:
        rest = text[start:hi]
        om = org_start().match(rest)
        if om:
            name = _rx(r"\s+(?:vì|do|đã|có|về|trong|năm|nhân|theo)\s|[,;(]").split(rest)[0].strip(" .")
            # "cho Hội Nông dân xã Mỹ An và ông Võ Văn Chín": two recipients
            parts = _rx(r"\s+và\s+(?=(?:ông|bà|đồng\s+chí|anh|chị)\s+\p{Lu}|" + org_start().pattern + ")").split(name)
            recipients = [p.strip(" .") for p in parts if p.strip(" .")]
    return counts, recipients


def counts_before(st: DocState, lo: int, hi: int, continuing: bool = False) -> Counts:
    """"01 tập thể và 01 cá nhân được Chủ tịch nước tặng": counts ending before "được"/"đạt";
    "xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”, 04/13 cơ sở Hội “...”": a rating
    verb, the counts, the quoted title (and the same shape again after a comma)."""
    text = st.text
    found = list(tax.count_regex_lower().finditer(st.low, lo, hi))
    counts = Counts()
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
    if _rx(r"(?i:\bmỗi)\s*$").search(lead):
        return counts  # "Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ ...": each one, a quota's unit
    if _TO_TITLE.match(after_chain):
        rating = bool(_RATING_VERB.search(lead))
        if rating or (continuing and not _rx(r"\([^()]*\)").sub("", text[lo:chain[0].start()]).strip(" ,và”\"'")):
            for m in chain:
                add_count(counts, m)
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
        add_count(counts, m)
    paren = PAREN_NAMES.match(after_chain)
    if paren:
        counts.names = split_names(paren.group("names"))
    return counts


def add_count(counts: Counts, m: regex.Match[str]) -> None:
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


def split(g: AwardGroup, counts: Counts) -> list[tuple[tax.AwardMention, Counts]]:
    """Several awards sharing one count phrase: split it by the recipient kind of each award."""
    if len(g.mentions) == 1:
        return [(g.mentions[0], counts)]
    out = []
    for m in g.mentions:
        kind = m.entry.recipient
        if kind == "collective" and counts.collectives is not None:
            out.append((m, Counts(collectives=counts.collectives)))
        elif kind == "individual" and counts.individuals is not None:
            out.append((m, Counts(individuals=counts.individuals)))
        else:
            out.append((m, counts))
    return out


# --- the rules -------------------------------------------------------------------------------

def _counts_after(ctx: Group) -> Decided[Counts] | None:
    last = ctx.next_start == ctx.ce  # the clause's last group: its list may run on
    counts, ctx.recipients = counts_after(ctx.sent.st, ctx.end, ctx.next_start, ctx.sent.e if last else None)
    ctx.counts = counts
    ctx.counted_after = counts.found()
    return Decided(counts) if counts.found() else None


def _counts_before(ctx: Group) -> Decided[Counts] | None:
    counts = counts_before(ctx.sent.st, ctx.prev_end, ctx.start, continuing=ctx.sent.listing is not None)
    ctx.counts = counts
    ctx.recipients = ctx.recipients or counts.names
    if counts.found() and not ctx.recipients:
        # "02 tập thể ... được tặng Bằng khen của Chủ tịch UBND tỉnh là Nhân dân và cán bộ xã ..."
        giver_end = _rx(r"[^,;:.()\n]{0,80}?(?=\s+(?:đó\s+)?là\s)").match(ctx.text, ctx.end, ctx.next_start)
        named = giver_end and _named_after_là().match(ctx.text, giver_end.end(), ctx.next_start)
        if named:
            ctx.recipients = split_names(named.group("list"))
    return Decided(counts) if counts.found() else None


def _bare_number(ctx: Group) -> Decided[Counts] | None:
    g = ctx.group
    if len(g.mentions) != 1 or not g.mentions[0].canonical.startswith(tuple(words("object_awards"))):
        return None
    if normative(ctx.sent.st) == "form":
        return None  # a form's numbers are row numbers and blank cells, counted by nobody yet
    seg = ctx.text[ctx.prev_end:ctx.start]
    bare = _BARE.search(seg)
    if not bare or _not_a_count().search(seg, 0, bare.start()):
        return None
    ctx.counts.total = int(bare.group(1))
    return Decided(ctx.counts)


COUNT_RULES: list[Rule[Counts]] = [
    Rule("counts_after", _counts_after),
    Rule("counts_before", _counts_before),
    Rule("bare_number", _bare_number),
]
