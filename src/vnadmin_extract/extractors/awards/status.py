"""Whether a group of awards is conferred, registered, proposed or a target: STATUS_RULES.

First, a document or sentence that lays down rules names awards as criteria, quotas or
procedures, not as statements (issue 13, class 7): status ``rule``
- ``normative_document``: a law, decree, circular, regulation or form (by its type line, its
  QPPL number "01/2026/QĐ-TTg", or a form marker "Biểu mẫu số 01");
- ``rule_context``: a criterion, quota or procedure cue in the sentence before the award
  ("tỷ lệ không quá", "Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ", "được xét tặng cho"), or a
  sentence opening with an exception ("Riêng Khối ... được đề nghị 08 Cờ và 05 Bằng khen") to a
  rule stated earlier in its paragraph.

Then the cues are the sentence's (``award_cues.yaml``); a non-conferring cue ("đề nghị", "đăng ký",
"phấn đấu") outranks a conferring verb ("tặng", "đạt") in the same stretch, and a conferral
reported as done ("đã được Chủ tịch UBND tỉnh tặng", with no cue between "đã" and the verb)
outranks both. In order:
1. ``bracket_cue``: the group stands inside brackets: the cues inside them, before it
   ("đề nghị tặng ... (đã được Giám đốc Sở tặng Giấy khen cho 02 tập thể)": conferred);
2. ``clause_cue``: a non-conferring cue in the clause before the group;
3. ``carried_cue``: one of an earlier clause, when this clause names no giver ("Phấn đấu có 36
   giáo viên đạt ...; 02 tổ chuyên môn đạt ...");
4. ``heading_cue``: the cue of an enclosing section's heading ("II. ĐĂNG KÝ THI ĐUA NĂM 2024");
5. ``conferred_default`` (no rule): conferred ("tặng", "đạt", or no cue at all).
"""

from __future__ import annotations

import bisect
import functools

import regex

from ...document import Document
from ...rules import awards as tax
from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from ...vietnamese import fold
from .context import Cues, Decided, DocState, Group, Rule, Sentence
from .words import alternation


def status_cues(st: DocState, s: int, e: int) -> Cues:
    """The status cues of the sentence ``text[s:e]``, for ``status_in`` (many clauses ask)."""
    text, table, neutral = st.text, tax.status_of(), tax.heading_neutral()
    cues: list[tuple[int, int, str]] = []
    for m in tax.status_gate().finditer(st.low, s, e):
        key = " ".join(fold(m.group()).split())
        if key in neutral and _rx(r"kết\s+quả\s*$", regex.I).search(text[max(0, m.start() - 12):m.start()]):
            continue  # "kết quả bình xét cuối năm có 24.310 hộ đạt ...": the outcome of a review
        status = table.get(key, "conferred")
        if status in ("target", "registered") and _merit_before().search(text[max(s, m.start() - 50):m.start()]):
            continue  # "4 tập thể ... hoàn thành xuất sắc các chỉ tiêu giao ước ... được tặng": a merit met
        if status == "conferred":
            lo = max(s, m.start() - DONE_REACH, cues[-1][1] if cues else s)  # no cue in between:
            if _DONE.search(text[lo:m.start()]):  # "đã trình ... tặng" is a proposal made
                status = DONE  # "..., đã được Chủ tịch UBND tỉnh tặng": a conferral already made
        cues.append((m.start(), m.end(), status))
    return [c[0] for c in cues], cues


# "đã được X tặng", "đã tặng": a conferral reported as done. After a proposal's cue in the same
# stretch ("Sở đã trình ... tặng ... cho 05 cá nhân, đã được ... tặng ... cho 10 tập thể") it
# still says what happened: it outranks the earlier cue, where a bare "tặng" does not.
DONE = "conferred_done"


# A target already met is a merit, not a target: "hoàn thành xuất sắc các chỉ tiêu", "vượt chỉ tiêu".
@functools.cache
def _merit_before() -> regex.Pattern[str]:
    """A target already met: "hoàn thành xuất sắc các" before "chỉ tiêu" (patterns/award_rules.yaml)."""
    return fast_compile(rf"(?<!\w)(?:{alternation('target_met_verbs')})(?:\s+(?:{alternation('target_met_degrees')}))?"
                        rf"(?:\s+(?:{alternation('target_met_determiners')}))?"
                        rf"(?:\s+(?:{alternation('target_met_objects')}))?\s*$", regex.I)


DONE_REACH = 60  # characters before the verb: "đã được Chủ tịch Ủy ban nhân dân tỉnh tặng"
_DONE = regex.compile(r"(?<!\w)đã(?:\s+được)?\s+(?:[^\s,;.()]+\s+){0,8}$", regex.I)


def status_in(sentence_cues: Cues, lo: int, hi: int) -> str | None:
    """The status of the last cue in ``text[lo:hi]`` (non-conferred cues win over conferring
    verbs), from the status cues of its sentence."""
    starts, cues = sentence_cues
    best: tuple[int, str] | None = None
    # from the first cue in range, by index: a sentence can be a whole unpunctuated text
    for i in range(bisect.bisect_left(starts, lo), len(cues)):
        start, end, status = cues[i]
        if start >= hi:
            break
        if end > hi:
            continue
        rank = start + (200_000 if status == DONE else 100_000 if status != "conferred" else 0)
        if best is None or rank > best[0]:
            best = (rank, "conferred" if status == DONE else status)
    return best[1] if best else None


def _heading_cue(heading: str) -> str | None:
    """The status of the last non-conferring cue of a section heading."""
    best: tuple[int, str] | None = None
    table = tax.status_of()
    neutral = tax.heading_neutral()
    for m in tax.status_regex().finditer(heading):
        key = " ".join(fold(m.group()).split())
        status = table.get(key, "conferred")
        if status == "conferred" or key in neutral:
            continue
        if best is None or m.start() > best[0]:
            best = (m.start(), status)
    return best[1] if best else None


def ancestors(st: DocState, pos: int) -> list:
    """Enclosing sections whose heading stands above ``pos`` (a run-in heading that *is* the
    statement's own paragraph does not count as its heading). Asked for status and for year."""
    found = st.ancestors.get(pos)
    if found is None:
        doc: Document = st.doc
        found = st.ancestors[pos] = [s for s in doc.enclosing_sections(pos)
                                     if doc.lines[doc.line_index(s.start)].end < pos]
    return found


def heading_status(st: DocState, pos: int) -> str | None:
    for sec in ancestors(st, pos):
        if sec.id not in st.heading_status:
            st.heading_status[sec.id] = _heading_cue(sec.heading)
        if st.heading_status[sec.id]:
            return st.heading_status[sec.id]
    return None


_QPPL = _rx(r"\d+/(?:19|20)\d\d/[\p{Lu}Đ]")


@functools.cache
def _normative_type() -> regex.Pattern[str]:
    return _rx(rf"(?:{alternation('normative_doc_types')})$", regex.I)


@functools.cache
def _form_marker() -> regex.Pattern[str]:
    return _rx(rf"(?<!\w)(?:{alternation('form_markers')})\b", regex.I)


@functools.cache
def _rule_cue() -> regex.Pattern[str]:
    return _rx(rf"(?<!\w)(?:{alternation('rule_cues')})(?!\w)", regex.I)


def normative(st: DocState) -> str:
    """Why the document lays down rules ("type", "number", "form"), or "" (once a document)."""
    if st.normative is None:
        h = st.doc.header
        head = st.text[:min(len(st.text), max(st.doc.body_start, 0) + 200)]
        if h.doc_type and h.doc_type.name and _normative_type().match(h.doc_type.name.strip()):
            st.normative = "type"
        elif h.number and h.number.raw and _QPPL.search(h.number.raw):
            st.normative = "number"
        elif _form_marker().search(head):
            st.normative = "form"
        else:
            st.normative = ""
    return st.normative


def _open_bracket(text: str, lo: int, hi: int) -> int | None:
    """The start of the bracket still open at ``hi`` (opened after ``lo``), if any."""
    depth, i = 0, hi - 1
    while i >= lo:
        c = text[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return None


# --- the rules -------------------------------------------------------------------------------

def _non_conferred(status: str | None) -> Decided[str] | None:
    return Decided(status) if status and status != "conferred" else None


def _normative_document(ctx: Group) -> Decided[str] | None:
    return Decided("rule") if normative(ctx.sent.st) else None


@functools.cache
def _rule_exception() -> regex.Pattern[str]:
    return _rx(rf"[\s\-–•*+]*(?:{alternation('rule_exceptions')})(?!\w)", regex.I)


def _excepts_a_rule(sent: Sentence) -> bool:
    """"Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ và 01 Bằng khen. Riêng Khối thi đua doanh
    nghiệp được đề nghị 08 Cờ và 05 Bằng khen": a sentence that opens with an exception to a rule
    stated earlier in its paragraph is a rule (a quota) too."""
    if sent.rule_exception is None:
        sent.rule_exception = False
        st = sent.st
        if _rule_exception().match(st.text, sent.s, sent.e):
            para = st.doc.lines[st.doc.line_index(sent.s)].start
            sent.rule_exception = _rule_cue().search(st.low, para, sent.s) is not None
    return sent.rule_exception


def _rule_context(ctx: Group) -> Decided[str] | None:
    sent = ctx.sent
    if sent.rule_cue_end is None:  # the sentence's first rule cue, found once
        m = _rule_cue().search(sent.st.low, sent.s, sent.e)
        sent.rule_cue_end = m.end() if m else -1
    if 0 <= sent.rule_cue_end <= ctx.start or _excepts_a_rule(sent):
        return Decided("rule")
    return None


def _bracket_cue(ctx: Group) -> Decided[str] | None:
    opened = _open_bracket(ctx.text, ctx.cs, ctx.start)
    if opened is None:
        return None
    status = status_in(ctx.sent.cues, opened, ctx.start)
    return Decided(status) if status else None


def _clause_cue(ctx: Group) -> Decided[str] | None:
    return _non_conferred(status_in(ctx.sent.cues, ctx.cs, ctx.start))


def _lead_in(ctx: Group) -> Decided[str] | None:
    """A numbered or dashed item under a line that ends with ":" takes that line's proposal or
    target ("... làm cơ sở đề nghị Thủ tướng Chính phủ khen thưởng cụ thể:" / "1. Cờ Thi đua của
    Chính phủ cho 10 tập thể gồm: ..."): the items are what the lead-in proposes, even when an
    item's award names its giver. Items back to the lead-in, a few lines up, must all be items."""
    st = ctx.sent.st
    doc = st.doc
    k = doc.line_index(ctx.sent.s)
    if not _ITEM_START.match(doc.lines[k].text) or status_in(ctx.sent.cues, ctx.sent.s, ctx.start):
        return None  # an item with a verb of its own ("- 01 tập thể ... được Chủ tịch nước tặng") says itself
    for j in range(k - 1, max(-1, k - LEAD_IN_LINES), -1):
        t = doc.lines[j].text.strip()
        if not t or _ITEM_START.match(t):
            continue  # the list's earlier items and the blank lines between them
        if not t.endswith(":"):
            return None
        return _non_conferred(status_in(status_cues(st, doc.lines[j].start, doc.lines[j].end),
                                        doc.lines[j].start, doc.lines[j].end))
    return None


LEAD_IN_LINES = 40  # lines looked back for a list's lead-in: its items and their sub-items
_ITEM_START = regex.compile(r"^\s*(?:\d{1,2}[.)]|[a-zđ][.)]|[-+•–])\s+\S")


def _carried_cue(ctx: Group) -> Decided[str] | None:
    return None if ctx.auth_acts else _non_conferred(ctx.sent.inherited_status)


def _heading(ctx: Group) -> Decided[str] | None:
    status = heading_status(ctx.sent.st, ctx.start)
    return Decided(status) if status else None


STATUS_RULES: list[Rule[str]] = [
    Rule("normative_document", _normative_document),
    Rule("rule_context", _rule_context),
    Rule("bracket_cue", _bracket_cue),
    Rule("clause_cue", _clause_cue),
    Rule("list_lead_in", _lead_in),
    Rule("carried_cue", _carried_cue),
    Rule("heading_cue", _heading),
]


def cue_status(ctx: Group) -> str | None:
    """The status from the sentence's cues alone (no heading): what later clauses inherit."""
    in_clause = status_in(ctx.sent.cues, ctx.cs, ctx.start)
    local = status_in(ctx.sent.cues, ctx.prev_end, ctx.start)
    carried = ctx.sent.inherited_status if ctx.sent.inherited_status not in (None, "conferred") and not ctx.auth_acts else None
    return (in_clause if in_clause and in_clause != "conferred" else None) \
        or carried or local or in_clause or ctx.sent.inherited_status
