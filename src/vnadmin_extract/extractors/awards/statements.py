"""From the groups of a sentence to award statements: the clause walk and the emission.

A group becomes statements when it has recipients (counts, names, or a target); its counts,
giver, status and year come from the ordered rules of ``counts``, ``giver``, ``status`` and
``year``, and the id of the rule that decided each goes into ``Award.evidence``.
"""

from __future__ import annotations

import functools

import regex

from ...rules import awards as tax
from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from ...rules.load import load_yaml
from ...schema import Award
from ...vietnamese import fold
from .context import OPS, AwardGroup, Counts, DocState, Group, Sentence, first_rule
from .counts import COUNT_RULES, split
from .giver import DELEGATED, GIVER_RULES, adjust, authority
from .mentions import brackets, clauses, groups, inside
from .recipients import named_before
from .status import STATUS_RULES, cue_status, status_cues, status_in
from .words import alternation
from .year import PERIOD, YEAR, YEAR_RULES


@functools.cache
def list_refs() -> tuple[str, ...]:
    """Words that refer to an attached list (patterns/recipients.yaml ``list_refs``), lower case."""
    return tuple(w.lower() for w in load_yaml("recipients.yaml")["list_refs"])


def sentence(st: DocState, s: int, e: int, in_sentence: list[tax.AwardMention]) -> Sentence:
    text = st.text
    cut = clauses(text, s, e)
    first_clause_end = cut[0][1]
    subject = named_before(text, s, min(first_clause_end, in_sentence[0].start))
    return Sentence(
        st, s, e, in_sentence,
        heads=list(tax.authority_gate().finditer(st.low, s, e)),
        cues=status_cues(st, s, e),
        period=False, subject=subject,
        delegated=list(DELEGATED.finditer(text, s, e)),
        years=list(YEAR.finditer(text, s, e)),
        periods=[(m.start(), m.end()) for m in PERIOD.finditer(text, s, e)],
    )


@functools.cache
def _breakdown_opener() -> regex.Pattern[str]:
    return fast_compile(rf"[\s\-–+*•]*(?:{alternation('breakdown_openers')})(?!\w)", regex.I)


_SENTENCE_BACK = 400  # characters looked back for the sentence a breakdown refers to


def _broken_down(st: DocState, s: int) -> tuple[int, int] | None:
    """The sentence before ``s`` when the sentence at ``s`` breaks it down ("Trong đó, có 1 tập
    thể nhận ..."), as a span; None otherwise."""
    if not _breakdown_opener().match(st.text, s, min(len(st.text), s + 40)):
        return None
    text = st.text
    lo = max(0, s - _SENTENCE_BACK)
    before = text[lo:s].rstrip()
    # the sentence before, or the paragraph before (a headline: "Năm 2017, trao Huy hiệu Đảng cho
    # 1.625 đảng viên" / blank line / "Trong đó, ...")
    if not before.endswith((".", ":", ";")) and not regex.search(r"\n[ \t]*\n\s*$", text[lo:s]):
        return None
    ends = [m.end() for m in regex.finditer(r"[.!?;:](?=\s)|\n\s*\n", before[:-1])]
    return lo + (ends[-1] if ends else 0), s


def _broken_down_status(st: DocState, span: tuple[int, int] | None) -> str | None:
    """The proposal or target of the sentence broken down; None when it confers or says none."""
    if span is None:
        return None
    ps, s = span
    status = status_in(status_cues(st, ps, s), ps, s)
    return status if status not in (None, "conferred") else None


def statements(st: DocState, sentences: list[tuple[int, int, list[tax.AwardMention]]]) -> None:
    for s, e, in_sentence in sentences:
        sent = sentence(st, s, e, in_sentence)
        sent.period = bool(sent.periods)
        sent.broken_down = _broken_down(st, s)
        sent.inherited_status = _broken_down_status(st, sent.broken_down)
        k = 0  # the first mention of the clause (mentions and clauses both in order)
        for cs, ce in clauses(st.text, s, e):
            OPS["clauses"] += 1
            while k < len(in_sentence) and in_sentence[k].start < cs:
                k += 1
            j = k
            while j < len(in_sentence) and in_sentence[j].start < ce:
                j += 1
            _clause(sent, cs, ce, in_sentence[k:j])
            k = j


# Giver rules that find who acts in the clause; the others read whose award it is from its name
# or borrow an earlier clause's giver (with the cue that clause carries on: "Đề nghị Bộ trưởng ...
# tặng Bằng khen cho ...; công nhận danh hiệu ... cho 03 đơn vị" proposes both).
ACTING_GIVER_RULES = frozenset({"delegated_authority", "authority_before"})


def _clause(sent: Sentence, cs: int, ce: int, in_clause: list[tax.AwardMention]) -> None:
    st = sent.st
    text = st.text
    grouped = groups(text, in_clause)
    clause_auth: str | None = None
    for gi, g in enumerate(grouped):
        OPS["groups"] += 1
        ctx = Group(sent, cs, ce, gi, g,
                    prev_end=grouped[gi - 1].end if gi else cs,
                    next_start=grouped[gi + 1].start if gi + 1 < len(grouped) else ce,
                    clause_auth=clause_auth)
        _, counts_rule = first_rule(COUNT_RULES, ctx, None)  # type: ignore[misc]  # decides no value: its id only
        counts = ctx.counts  # the rules leave what they found there, decided or not
        if counts.continued:
            counts.verb_first = sent.listing == "rating"
        else:
            # a bare number ("03 Cờ thi đua") starts no listing
            sent.listing = ("rating" if counts.verb_first else "first") \
                if counts.found() and not ctx.counted_after and counts_rule != "bare_number" else None
        if not ctx.recipients:
            ctx.recipients = named_before(text, cs, g.start)
        auth, giver_rule = first_rule(GIVER_RULES, ctx, None)
        ctx.auth = auth
        ctx.auth_acts = auth is not None and giver_rule in ACTING_GIVER_RULES
        clause_auth = auth if auth != sent.inherited_auth else clause_auth
        ctx.cue_status = cue_status(ctx)
        status, status_rule = first_rule(STATUS_RULES, ctx, "conferred", "conferred_default")
        if not counts.found() and not ctx.recipients and sent.subject and ctx.cue_status:
            ctx.recipients = list(sent.subject)
        listed = not (counts.found() or ctx.recipients) and (_kinds_with_list(st, g.end, ce)
                                                             or _colon_list(text, g.end))
        if not (counts.found() or ctx.recipients or listed or _is_target_statement(text, cs, g, status)):
            continue
        if status == "rule":
            ctx.recipients = []  # a rule names no recipient: "hội nghị xét tặng ..., thành phần gồm: ..."
        year, year_rule = first_rule(YEAR_RULES, ctx, None)
        if _restated(st, g, auth, status, ctx.recipients):
            continue
        evidence = {"counts": counts_rule if counts.found() else ("named_recipients" if ctx.recipients else
                                                                  "attached_list" if listed else "none"),
                    "conferred_by": giver_rule, "status": status_rule, "year": year_rule}
        for stmt in split(g, counts):
            _emit(st, stmt, auth, status, ctx.recipients, year, evidence)
        sent.inherited_status = ctx.cue_status or sent.inherited_status
    # what the clause passes on to the next ones: its giver and cue, not those of a bracket
    # ("tặng Giấy khen cho 12 cá nhân (trong đó đề nghị Chủ tịch UBND tỉnh tặng ...); công nhận ...")
    heads, cues = sent.heads, sent.cues
    spans = brackets(text, cs, ce)
    if spans:
        heads = [h for h in heads if not inside(spans, h.start())]
        kept = [c for c in cues[1] if not inside(spans, c[0])]
        cues = ([c[0] for c in kept], kept)
    sent.inherited_auth = authority(text, heads, cs, ce) or sent.inherited_auth
    sent.inherited_status = status_in(cues, cs, ce) or sent.inherited_status


def _emit(st: DocState, stmt: tuple[tax.AwardMention, Counts], auth: str | None, status: str,
          recipients: list[str], year: int | None, evidence: dict[str, str]) -> None:
    doc = st.doc
    m, c = stmt
    canonical = adjust(m, auth)
    # every count adds up: "04 tập thể và 12 hộ gia đình" covers 16 recipients
    parts = [v for v in (c.collectives, c.individuals, c.total) if v is not None]
    total = sum(parts) if parts else None
    if total is None and recipients:
        total = len(recipients)
    for s, e, v in c.spans:
        if s not in st.count_starts:
            st.count_starts.add(s)
            doc.add_entity("COUNT", s, e, v, "pattern:count")
    section = doc.section_at(m.start)
    doc.awards.append(Award(
        award=canonical, award_raw=m.raw, category=m.entry.category, level=m.entry.level,  # type: ignore[arg-type]
        conferred_by=auth, status=status, collectives=c.collectives, individuals=c.individuals,  # type: ignore[arg-type]
        total=total, recipients=recipients, year=year, section=section,
        start=m.start, end=m.end, evidence=dict(evidence),
    ))
    if recipients:
        key = (section, status, fold(auth or ""), tuple(recipients))
        st.stated.setdefault(key, set()).add(fold(canonical))


_KINDS = _rx(r"\s*(?:của\s+[^,;]{1,60}?\s+)?cho\s+(?:các\s+|những\s+)?(?:tập\s+thể|cá\s+nhân)\b", 2)


def _kinds_with_list(st: DocState, after: int, ce: int) -> bool:
    """"tặng bằng khen cho tập thể và cá nhân ... (Có Danh sách ... kèm theo)": the recipients,
    uncounted, are in an attached list that the sentence or the next line refers to (the
    recipients stage attaches it, and drops the statement if it finds none)."""
    text = st.text
    if not _KINDS.match(text, after, ce):
        return False
    line_end = text.find("\n", ce)
    nxt = text.find("\n", line_end + 1) if line_end >= 0 else -1
    while 0 <= nxt and nxt == line_end + 1:  # blank lines between
        line_end, nxt = nxt, text.find("\n", nxt + 1)
    window = st.low[after:nxt if nxt >= 0 else len(text)][:800]
    return any(ref in window for ref in list_refs())


# "Tặng thưởng Cờ thi đua của Chính phủ cho:", "... cho các tập thể và cá nhân sau:" at the end of
# the line: the recipients are the rows below (the recipients stage reads them, and drops the
# statement when it finds none).
_COLON_LIST = _rx(r"[^\S\n]*(?:của[^\S\n]+[^,;:.\n]{1,80}?[^\S\n]*)?cho\b[^.;:\n]{0,80}:[^\S\n]*(?:\n|$)", 2)


def _colon_list(text: str, after: int) -> bool:
    return bool(_COLON_LIST.match(text, after))


def _is_target_statement(text: str, cs: int, g: AwardGroup, status: str) -> bool:
    """A target with no count: a real title ("phấn đấu các đơn vị đạt danh hiệu Tập thể lao
    động xuất sắc") or a share ("Phấn đấu 100% ... hoàn thành tốt nhiệm vụ"); not an exhortation."""
    if status != "target":
        return False
    if any(m.entry.category in {"emulation_title", "commendation"} for m in g.mentions):
        return True
    return bool(_rx(r"\d+\s*%").search(text[cs:g.start]))


def _restated(st: DocState, g: AwardGroup, auth: str | None, status: str, recipients: list[str]) -> bool:
    """The same award, authority, status and recipients already stated in this section."""
    if not recipients:
        return False
    key = (st.doc.section_at(g.start), status, fold(auth or ""), tuple(recipients))
    stated = st.stated.get(key)
    if not stated:
        return False
    return any(fold(m.canonical) in stated for m in g.mentions)
