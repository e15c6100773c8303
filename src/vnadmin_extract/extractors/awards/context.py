"""The shared vocabulary of the award rules: the state of a document, a sentence and a group,
and ``first_rule``, which tries an ordered list of named rules.

A rule is a function of one ``Group`` context; it returns ``None`` when it does not apply, or
``Decided(value)`` when it settles the attribute (``Decided(None)`` settles it as unknown). The
rule's id goes into the statement's ``evidence``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ...document import Document
from ...rules import awards as tax

T = TypeVar("T")


@dataclass(frozen=True)
class Decided(Generic[T]):
    value: T


@dataclass(frozen=True)
class Rule(Generic[T]):
    id: str  # stable snake_case id, recorded in ``Award.evidence``
    fn: Callable[[Group], Decided[T] | None]


# Rule evaluations, clause and group visits: the awards stage must stay linear in the input
# (tests/test_awards_linear.py doubles the input and compares these counts).
OPS: dict[str, int] = {"rules": 0, "clauses": 0, "groups": 0, "scanned": 0}


def first_rule(rules: Sequence[Rule[T]], ctx: Group, default: T, default_id: str = "none") -> tuple[T, str]:
    """The value of the first rule that decides, with its id; else ``default``."""
    for rule in rules:
        OPS["rules"] += 1
        got = rule.fn(ctx)
        if got is not None:
            return got.value, rule.id
    return default, default_id


@dataclass
class AwardGroup:
    """A run of award names joined by "và"/"," ("danh hiệu “A” và “B”"), sharing its context."""
    mentions: list[tax.AwardMention]
    start: int
    end: int


@dataclass
class Counts:
    collectives: int | None = None
    individuals: int | None = None
    total: int | None = None
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, value
    names: list[str] = field(default_factory=list)  # "02 tổ chuyên môn (Tổ Toán - Tin, Tổ Ngữ văn)"
    verb_first: bool = False  # "xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”"
    continued: bool = False  # "..., 04/13 cơ sở Hội “Hoàn thành tốt nhiệm vụ”": the same listing goes on

    def found(self) -> bool:
        return self.collectives is not None or self.individuals is not None or self.total is not None


Cues = tuple[list[int], list[tuple[int, int, str]]]  # starts; (start, end, status), in order


@dataclass
class DocState:
    """Per-document caches of the awards stage."""
    doc: Document
    text: str
    low: str  # the text lower-cased, same offsets
    count_starts: set[int] = field(default_factory=set)
    heading_status: dict[str, str | None] = field(default_factory=dict)  # section id -> its cue
    heading_year: dict[str, int | None] = field(default_factory=dict)  # section id -> its year
    ancestors: dict[int, list[Any]] = field(default_factory=dict)
    # (section, status, folded authority, recipients) -> folded award names already stated
    stated: dict[tuple[Any, ...], set[str]] = field(default_factory=dict)
    normative: str | None = None  # why the document lays down rules (status "rule"), if it does


@dataclass
class Sentence:
    """One sentence holding award mentions, and what its clauses pass on to the next ones."""
    st: DocState
    s: int
    e: int
    mentions: list[tax.AwardMention]
    heads: list[re.Match[str]]  # authority heads, in order
    cues: Cues  # status cues, in order
    period: bool  # "giai đoạn 2015-2020" somewhere in the sentence
    subject: list[str]  # "Đảng bộ Sở X: Đạt danh hiệu ...": the sentence's named subject
    delegated: list[re.Match[str]] = field(default_factory=list)  # "Thừa ủy quyền của ..."
    years: list[Any] = field(default_factory=list)  # year matches of the sentence, in order
    periods: list[tuple[int, int]] = field(default_factory=list)
    brackets: list[tuple[int, int]] | None = None  # bracketed spans, found when first asked
    rule_cue_end: int | None = None  # end of the first rule cue ("tỷ lệ không quá"), -1: none
    rule_exception: bool | None = None  # "Riêng ..." after a rule of its paragraph (found when first asked)
    inherited_auth: str | None = None  # the authority of an earlier clause
    inherited_status: str | None = None  # the status cue of an earlier clause
    # the sentence this one breaks down ("... Trong đó, ..."): its span, when there is one
    broken_down: tuple[int, int] | None = None
    # "xếp loại 14 tổ chức “A” (chiếm 24%); 40 tổ chức “B”": counts before titles, listed on
    # through the clauses: "rating" (the authority carries on) or "first" (recipients first)
    listing: str | None = None


@dataclass
class Group:
    """The context of one group of awards: everything a rule may ask."""
    sent: Sentence
    cs: int  # clause
    ce: int
    index: int  # of the group in its clause
    group: AwardGroup
    prev_end: int  # end of the previous group of the clause, or the clause start
    next_start: int  # start of the next group of the clause, or the clause end
    clause_auth: str | None  # the authority an earlier group of the clause resolved
    counts: Counts = field(default_factory=Counts)
    counted_after: bool = False
    recipients: list[str] = field(default_factory=list)
    auth: str | None = None
    # the clause itself names who acts ("Giám đốc Sở công nhận", "được Thủ tướng tặng"), not only
    # whose award it is ("Bằng khen của Thủ tướng Chính phủ cho ...")
    auth_acts: bool = False
    cue_status: str | None = None  # the status from the cues alone (no heading)

    @property
    def doc(self) -> Document:
        return self.sent.st.doc

    @property
    def text(self) -> str:
        return self.sent.st.text

    @property
    def start(self) -> int:
        return self.group.start

    @property
    def end(self) -> int:
        return self.group.end

    @property
    def recipients_first(self) -> bool:
        return not self.counted_after and self.counts.found() and not self.counts.verb_first
