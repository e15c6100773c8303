"""Finding award mentions and cutting their sentences into clauses and groups."""

from __future__ import annotations

import regex

from ...rules import awards as tax
from ...rules.cache import fast_compile
from .context import AwardGroup

# scanned over long texts, where ``regex`` finds the literals faster than ``re``
SENTENCE_END = regex.compile(r"\.{2,4}(?=\s*\p{Lu})|(?:\.|[!?])(?=\s+[\p{Lu}\d\"“(*+-])|\n+")
_JOINER = fast_compile(r"^[\s,“”\"']*(?:và|hoặc|,)?[\s,]*(?:danh\s+hi[ệê]u|hình\s+thức)?[\s“”\"']*$", regex.I)


def find_mentions(text: str, low: str, lo: int, hi: int) -> tuple[list[tax.AwardMention], list[tuple[int, int]]]:
    """The award mentions of ``text[lo:hi]`` and the sentences that hold one."""
    mentions = tax.find_mentions(text, lo, hi)
    # Counts, authorities and status cues matter only in sentences that name an award: each
    # such sentence is scanned once (a fifth of the text, typically), not the whole text.
    sentences = with_mentions(sentences_of(text, lo, hi), mentions)
    # "cho 10 đảng viên hoàn thành xuất sắc nhiệm vụ": a title that starts inside a count
    # describes the recipients; it is not an award of its own.
    noun_starts = {m.start("noun") for s, e, _ in sentences for m in tax.count_regex_lower().finditer(low, s, e)}
    mentions = [m for m in mentions if m.start not in noun_starts]
    return mentions, [(s, e) for s, e, _ in sentences]


def with_mentions(sentences: list[tuple[int, int]], mentions: list[tax.AwardMention]
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


def sentences_of(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, start = [], lo
    for m in SENTENCE_END.finditer(text, lo, hi):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < hi:
        out.append((start, hi))
    return out


def clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``text[s:e]``, cut at ";"."""
    out, start = [], s
    i = text.find(";", s, e)
    while i >= 0:
        out.append((start, i))
        start = i + 1
        i = text.find(";", start, e)
    out.append((start, e))
    return out


def groups(text: str, mentions: list[tax.AwardMention]) -> list[AwardGroup]:
    out: list[AwardGroup] = []
    for m in mentions:
        if out and _JOINER.match(text[out[-1].end:m.start]):
            out[-1].mentions.append(m)
            out[-1].end = m.end
        else:
            out.append(AwardGroup([m], m.start, m.end))
    return out


def brackets(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The outermost bracketed spans of ``text[lo:hi]`` (an unclosed one runs to ``hi``)."""
    if text.find("(", lo, hi) < 0:
        return []
    out, depth, start = [], 0, lo
    for i in range(lo, hi):
        c = text[i]
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    if depth:
        out.append((start, hi))
    return out


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)
