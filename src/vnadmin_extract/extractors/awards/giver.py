"""Who confers (or is asked to confer) a group of awards: GIVER_RULES, in order.

1. ``delegated_authority``: "Thừa ủy quyền của Chủ tịch nước, Thứ trưởng X đã trao ...";
2. ``authority_after``: the award's own name carries its giver: "Bằng khen của Chủ tịch UBND tỉnh
   cho ...", "Bằng khen do ... tặng", or with the giver right after an award one holds ("Bằng
   khen Chủ tịch UBND tỉnh", "Giấy khen Giám đốc Sở"). It outranks a body named before: "đề
   nghị Hội đồng TĐKT tỉnh xét, đề nghị tặng Bằng khen Chủ tịch UBND tỉnh" is the Chairman's
   award, the council only forwards the proposal;
3. ``authority_before``: "Giám đốc Sở công nhận ...", "được Thủ tướng Chính phủ tặng ...";
4. ``authority_in_name``: "Cờ thi đua của Bộ Giáo dục và Đào tạo: 01 tập thể";
5. ``recipients_first``: "01 tập thể ... được tặng" with no giver named before: none;
6. ``clause_authority``: an earlier group of the clause named one;
7. ``sentence_authority``: an earlier clause did ("Chủ tịch UBND tỉnh tặng: A cho ...; B cho ...").
"""

from __future__ import annotations

import bisect
import functools
import re

import regex

from ...rules import awards as tax
from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from ...rules.person_parts import named_after_person, surname_pattern
from ...vietnamese import fold
from .context import AwardGroup, Decided, Group, Rule
from .recipients import org_start
from .words import alternation, words


@functools.cache
def _auth_stop() -> regex.Pattern[str]:
    return fast_compile(
        rf"\s+(?:(?:{alternation('authority_verb_adverbs')})\s+){{0,2}}(?P<verb>(?:{alternation('authority_verbs')})"
        # "Thủ tướng Chính phủ vừa ban hành Quyết định ... tặng": the authority issues the decision
        r"|ban\s+hành\s+(?=quyết\s+định)|ký\s+(?:ban\s+hành\s+)?(?=quyết\s+định))"
        r"|\s+(?:cho|về|vì|đề\s+nghị|đề\s+xuất|kính\s+trình|trình)\b|[,;:(]",
        regex.I)


_PRESENTS = fast_compile(r"(?<!\w)trao(?:\s+cho)?\s*$", regex.I)
_AUTH_AFTER = fast_compile(r"^[\s“”\"]*(?:của|do)\s+")
_IN_SYMBOL = fast_compile(r"\w?[/-]$")
_TRAILING_JOIN = fast_compile(r"\s+(?:và|hoặc|cùng)$")


# Where a giver named after the award ends: its recipients, reason, list or year, and where or
# when it was given ("Cờ thi đua của UBND tỉnh tại hội nghị", "... nhân dịp kỷ niệm").
@functools.cache
def _giver_end() -> regex.Pattern[str]:
    return fast_compile(rf"\s+(?:{alternation('giver_end_words')})\b|[,;:(.“\"]")


@functools.cache
def _person_after() -> regex.Pattern[str]:
    """A person's name right after a post ("Thủ tướng Chính phủ Nguyễn Xuân Phúc"): a family name
    of patterns/person_names.yaml and one to three capitalised syllables."""
    return fast_compile(rf"\s+(?:{surname_pattern()})(?:\s+\p{{Lu}}\p{{Ll}}*){{1,3}}\s*$")



_BARE_AFTER = fast_compile(r"^\s+(?=\S)")  # "Bằng khen Chủ tịch UBND tỉnh": the giver with no "của"
# scanned over long texts, where ``regex`` finds the literals faster than ``re``
DELEGATED = regex.compile(r"thừa\s+ủy\s+quyền\s+(?:của\s+)?", regex.I)


def authority(text: str, heads: list[re.Match[str]], lo: int, hi: int, last: bool = True) -> str | None:
    """The authority of ``text[lo:hi]``, from ``heads``, the authority heads of its sentence."""
    found = []
    for i in range(bisect.bisect_left(heads, lo, key=re.Match.start), len(heads)):
        if heads[i].start() >= hi:
            break
        if heads[i].end() <= hi and not _IN_SYMBOL.match(text, max(0, heads[i].start() - 2), heads[i].start()):
            found.append(heads[i])  # "Quyết định 1290/QĐ-TTg tặng ...": a symbol's code names nobody
    if not found:
        return None
    stop_re = _auth_stop()
    for idx in range(len(found) - 1, -1, -1) if last else range(len(found)):
        m = found[idx]
        start = m.start()
        # "Bộ trưởng Bộ KH&CN": heads in one phrase are one authority.
        j = idx
        while j > 0 and len(text[found[j - 1].end():found[j].start()].split()) <= 3 \
                and not stop_re.search(text[found[j - 1].end():found[j].start()]) \
                and not _rx(r"\bđược\b").search(text[found[j - 1].end():found[j].start()]):
            j -= 1
            start = found[j].start()
        rest = text[m.end():hi]
        stop = stop_re.search(rest)
        tail = rest[: stop.start()] if stop else rest
        person = _person_after().search(tail)
        if person and not fold(tail[:person.start()]).strip().endswith(tuple(named_after_person())):
            # "Phó Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa ký ...", "Chủ tịch UBND tỉnh Nguyễn
            # Văn Sơn đã tặng": the post, not its holder ("Trường THPT Bùi Thị Xuân" keeps its name)
            tail = tail[:person.start()]
        name = (text[start:m.end()] + tail).strip()
        if _rx(r"\bđược\b").search(tail):
            continue  # "Công đoàn được xếp loại": the subject of a passive is a recipient
        colon_intro = stop is not None and stop.group().strip() == ":" and not rest[stop.end():].strip(" “”\"")
        # An authority is followed by its verb ("Giám đốc Sở công nhận", "được X tặng"), or
        # introduces a list with a colon ("Chủ tịch UBND tỉnh: Cờ thi đua cho 02 tập thể").
        if ((stop and stop.group("verb")) or colon_intro) and len(name.split()) <= 10:
            return name
    return None


def delegated(text: str, low: str, m: re.Match[str], hi: int) -> str | None:
    """"Thừa ủy quyền của Chủ tịch nước, Thứ trưởng X đã trao ...": the award is the delegator's."""
    head = tax.authority_regex_lower().match(low, m.end(), hi)
    if not head:
        return None
    stop = _rx(r"\s+(?:cho|vì|về|đã|năm|trao|tặng)\b|[,;:(.]").search(text, head.end(), hi)
    name = text[m.end():stop.start() if stop else hi].strip()
    return name if len(name.split()) <= 10 else None


def authority_in_name(text: str, low: str, g: AwardGroup, hi: int) -> str | None:
    """"Cờ thi đua của Bộ Giáo dục và Đào tạo: 01 tập thể": the award's own name says who gives it."""
    m = g.mentions[-1]
    idx = fold(m.raw).rfind("của ")
    if idx < 0:
        return None
    start = m.start + idx + 4
    if not (tax.authority_regex_lower().match(low, start, hi) or org_start().match(text, start, hi)):
        return None
    stop = _giver_end().search(text, start, hi)
    name = text[start:stop.start() if stop else hi].strip()
    return name if 1 <= len(name.split()) <= 10 else None


def authority_after(text: str, low: str, lo: int, hi: int, bare: bool = False) -> str | None:
    """"Bằng khen của Chủ tịch UBND tỉnh cho ...": the authority named after the award. With
    ``bare`` (an award one holds: a Bằng khen, a Giấy khen, a Cờ), also an authority head right
    after it with no "của" ("Bằng khen Chủ tịch UBND tỉnh")."""
    m = _AUTH_AFTER.match(text[lo:hi]) or (_BARE_AFTER.match(text[lo:hi]) if bare else None)
    if not m:
        return None
    start = lo + m.end()
    head = tax.authority_regex_lower().match(low, start, hi)
    if not head:
        return None
    rest = text[head.end():hi]
    stop = _giver_end().search(rest)
    name = (text[start:head.end()] + (rest[: stop.start()] if stop else rest)).strip()
    name = _TRAILING_JOIN.sub("", name)  # "của Chính phủ và | kỷ niệm chương của Bộ Nội vụ": the next award's
    return name if len(name.split()) <= 10 else None


def adjust(m: tax.AwardMention, auth: str | None) -> str:
    """Levels the name leaves open: the Prime Minister's Bằng khen, the Government's flag."""
    a = fold(auth or "")
    if m.entry.id == "bang_khen" and "thủ tướng" in a:
        return "Bằng khen của Thủ tướng Chính phủ"
    if m.canonical.startswith("Cờ thi đua") and m.canonical != "Cờ thi đua của Chính phủ":
        if "thủ tướng" in a or a == "chính phủ" or fold(m.raw).endswith("chính phủ"):  # "đề nghị Chính phủ tặng Cờ thi đua"
            return "Cờ thi đua của Chính phủ"
    return m.canonical


# --- the rules -------------------------------------------------------------------------------

def _opt(value: str | None) -> Decided[str | None] | None:
    return Decided(value) if value else None


def _delegated(ctx: Group) -> Decided[str | None] | None:
    sent = ctx.sent
    # the first "thừa ủy quyền" of the sentence, before the group (found once per sentence)
    if not sent.delegated or sent.delegated[0].end() > ctx.start:
        return None
    return _opt(delegated(ctx.text, sent.st.low, sent.delegated[0], ctx.start))


def _before(ctx: Group) -> Decided[str | None] | None:
    found = authority(ctx.text, ctx.sent.heads, ctx.prev_end, ctx.start)
    if found and _PRESENTS.search(ctx.text, ctx.prev_end, ctx.start):
        # who hands an award over is not who gives it when its name says who does ("Bộ trưởng Bộ
        # Nội vụ trao Bằng khen của Thủ tướng Chính phủ": authority_in_name decides), nor when
        # the law gives it to somebody else ("Phó Thủ tướng ... trao Huân chương Lao động")
        if authority_in_name(ctx.text, ctx.sent.st.low, ctx.group, ctx.next_start):
            return None
        if _borrowable(ctx, found) is None:
            return Decided(None)
    return _opt(found)


def _after(ctx: Group) -> Decided[str | None] | None:
    last = ctx.group.mentions[-1]
    return _opt(authority_after(ctx.text, ctx.sent.st.low, ctx.end, ctx.next_start,
                                bare=last.canonical.startswith(words("object_awards"))))


def _in_name(ctx: Group) -> Decided[str | None] | None:
    return _opt(authority_in_name(ctx.text, ctx.sent.st.low, ctx.group, ctx.next_start))


def _recipients_first(ctx: Group) -> Decided[str | None] | None:
    return Decided(None) if ctx.recipients_first else None


def _clause(ctx: Group) -> Decided[str | None] | None:
    return _opt(_borrowable(ctx, ctx.clause_auth))


def _sentence(ctx: Group) -> Decided[str | None] | None:
    return _opt(_borrowable(ctx, ctx.sent.inherited_auth))


def _borrowable(ctx: Group, giver: str | None) -> str | None:
    """A giver borrowed from an earlier award of the clause or sentence, unless the law gives
    this state award to somebody else: in "bằng khen của Thủ tướng Chính phủ cho 1 tập thể,
    Huân chương Lao động các hạng cho 4 tập thể" the Prime Minister's name belongs to the
    Bằng khen, and a Huân chương is the President's."""
    if giver is None:
        return None
    entry = ctx.group.mentions[0].entry
    if entry.level != "nha_nuoc" or not entry.conferred_by:
        return giver
    folded = fold(giver)
    return giver if any(fold(post) in folded for post in entry.conferred_by) else None


GIVER_RULES: list[Rule[str | None]] = [
    Rule("delegated_authority", _delegated),
    Rule("authority_after", _after),
    Rule("authority_before", _before),
    Rule("authority_in_name", _in_name),
    Rule("recipients_first", _recipients_first),
    Rule("clause_authority", _clause),
    Rule("sentence_authority", _sentence),
]
