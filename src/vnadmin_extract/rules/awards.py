"""The award taxonomy (``patterns/awards.yaml``) and its cue words, compiled once.

``find_mentions`` finds every award name in a text: the variants of all entries as one
alternation, longest first, case-insensitive, white space flexible; a class ("hạng Nhì",
"hạng II", "Hạng 2") after an entry with classes; a bounded fuzzy pass over quoted
titles after "danh hiệu" for typos the variants do not list ("Tập lao động Xuất sắc").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from ..vietnamese import fold, lowered
from .cache import fast_compile
from .gate import GatedPattern
from .load import load_yaml
from .spans import Spans
from .trie import trie_pattern


@dataclass(frozen=True)
class AwardEntry:
    id: str
    canonical: str
    category: str
    level: str
    recipient: str
    classes: bool
    variants: tuple[str, ...]
    conferred_by: tuple[str, ...] = ()  # the posts the law gives it to (patterns/awards.yaml)


@dataclass
class AwardMention:
    start: int
    end: int
    entry: AwardEntry
    canonical: str
    raw: str
    source: str


@functools.cache
def entries() -> tuple[AwardEntry, ...]:
    out = []
    for e in load_yaml("awards.yaml")["awards"]:
        out.append(AwardEntry(e["id"], e["canonical"], e["category"], e["level"], e["recipient"],
                              bool(e.get("classes")), tuple(dict.fromkeys([e["canonical"], *e["variants"]])),
                              tuple(str(c) for c in e.get("conferred_by") or () if not str(c).startswith("("))))
    return tuple(out)


@functools.cache
def by_id() -> dict[str, AwardEntry]:
    return {e.id: e for e in entries()}


@functools.cache
def _variant_table() -> dict[str, AwardEntry]:
    table: dict[str, AwardEntry] = {}
    for e in entries():
        for v in e.variants:
            table.setdefault(fold(v), e)
    return table


def _flex(phrase: str) -> str:
    words = phrase.split()
    return r"\s+".join(regex.escape(w) for w in words)


@functools.cache
def mention_regex() -> re.Pattern[str]:
    # The stdlib engine runs these literal tries about 20x faster than ``regex``.
    return re.compile(rf"(?<!\w)(?P<v>{trie_pattern(_variant_table())})(?!\w)")


@functools.cache
def mention_gate() -> GatedPattern:
    """``mention_regex`` tried only where a variant's first word starts."""
    return GatedPattern(mention_regex(), _variant_table())


CLASS = fast_compile(r"\s*,?\s*[Hh][Ạạ][Nn][Gg]\s+(?P<c>Nhất|Nhì|Ba|III|II|I|1|2|3)(?![\p{L}\d])", regex.I)
_CLASS_NAMES = {"nhất": "Nhất", "i": "Nhất", "1": "Nhất", "nhì": "Nhì", "ii": "Nhì", "2": "Nhì",
                "ba": "Ba", "iii": "Ba", "3": "Ba"}
# Several classes at once: "Huân chương Lao động các hạng", "hạng Nhì, hạng Ba", "hạng Nhất, Nhì
# và Ba". The award is the family (no class): which class each recipient got is not said here.
_CLASS_WORD = r"(?:Nhất|Nhì|Ba|III|II|I|1|2|3)(?![\p{L}\d])"
MULTI_CLASS = fast_compile(
    rf"\s*,?\s*(?:các\s+hạng(?![\p{{L}}\d])|hạng\s+{_CLASS_WORD}"
    # a further class is "hạng ..." or a class name written as one ("Nhì"), never a bare number
    # or a lower-case word: "hạng Ba, 3 tập thể được tặng" lists a count, "ba tập thể" too
    rf"(?:\s*(?:,|và|-|–)\s*(?:hạng\s+{_CLASS_WORD}|(?-i:Nhất|Nhì|Ba)(?![\p{{L}}\d])))+)",
    regex.I)
QUOTED_AFTER_TITLE = fast_compile(r"danh\s+hi[ệê]u\s*[“\"]([^”\"\n]{4,60})[”\"]", regex.I)
_NAMED_KINDS = ("Kỷ niệm chương", "Huy hiệu", "Giải thưởng", "Bằng khen", "Giấy khen", "Cờ thi đua")
_QUOTED_NAME = fast_compile(r"\s*[“\"]([^”\"\n]{2,80})[”\"]")
FUZZY_MIN_RATIO = 0.88  # measured: see tests/test_awards.py::test_fuzzy_bound


def find_mentions(text: str, lo: int = 0, hi: int | None = None) -> list[AwardMention]:
    """Every award name in ``text[lo:hi]``, without overlaps, in order."""
    hi = len(text) if hi is None else hi
    table = _variant_table()
    out: list[AwardMention] = []
    # variants are folded (lower case): no slow I flag
    for m in mention_gate().finditer(lowered(text), lo, hi):
        entry = table[fold(m["v"])]
        canonical, end = entry.canonical, m.end()
        if entry.classes:
            several = MULTI_CLASS.match(text, m.end())
            c = None if several else CLASS.match(text, m.end())
            if several:
                end = several.end()
            elif c:
                canonical = f"{entry.canonical} hạng {_CLASS_NAMES[c['c'].lower()]}"
                end = c.end()
        if entry.canonical.startswith(_NAMED_KINDS):
            q = _QUOTED_NAME.match(text, end)
            if q and fold(q.group(1)) not in _variant_table():
                end = q.end()  # Kỷ niệm chương “Vì sự nghiệp KH&CN”: the name is part of the award
        out.append(AwardMention(m.start(), end, entry, canonical, text[m.start():end], f"pattern:award:{entry.id}"))
    taken = Spans((a.start, a.end) for a in out)
    for m in QUOTED_AFTER_TITLE.finditer(text, lo, hi):
        s, e = m.start(1), m.end(1)
        if taken.overlaps(s, e):
            continue
        best = fuzzy_lookup(m.group(1))
        if best is not None:
            out.append(AwardMention(s, e, best, best.canonical, m.group(1), f"fuzzy:award:{best.id}"))
    return sorted(out, key=lambda a: a.start)


@functools.lru_cache(maxsize=4096)
def fuzzy_lookup(phrase: str) -> AwardEntry | None:
    """The entry whose variant is closest to ``phrase``, if at least FUZZY_MIN_RATIO alike.

    One matcher per variant keeps what difflib learns about the variant; a variant whose upper
    bounds (``real_quick_ratio``, ``quick_ratio``) cannot beat the best so far nor reach the
    threshold is not compared in full. The result is the same as comparing every variant (about
    10 ms a phrase before; a fraction of that now), and a phrase is looked up once."""
    key = fold(phrase)
    best, score = None, 0.0
    for variant, entry, matcher in _matchers():
        if abs(len(variant) - len(key)) > 8:
            continue
        matcher.set_seq1(key)
        bound = matcher.real_quick_ratio()
        if bound < FUZZY_MIN_RATIO or bound <= score:
            continue
        bound = matcher.quick_ratio()
        if bound < FUZZY_MIN_RATIO or bound <= score:
            continue
        r = matcher.ratio()
        if r > score:
            best, score = entry, r
    return best if score >= FUZZY_MIN_RATIO else None


@functools.cache
def _matchers() -> list[tuple[str, AwardEntry, SequenceMatcher]]:
    return [(variant, entry, SequenceMatcher(None, "", variant)) for variant, entry in _variant_table().items()]


@functools.cache
def cues() -> dict:
    return load_yaml("award_cues.yaml")  # type: ignore[no-any-return]


def _phrases_regex(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(set(phrases))})(?![^\W\d_])", re.I)


@functools.cache
def status_regex() -> re.Pattern[str]:
    """All status cues in one scan; the group name is the status (longest cue wins)."""
    table: dict[str, str] = {}
    for status, words in cues()["status_cues"].items():
        for w in words:
            table.setdefault(fold(w), status)
    # One alternation, longest phrase first across statuses; ``status_of`` recovers the status.
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(table)})(?![^\W\d_])", re.I)


@functools.cache
def heading_neutral() -> frozenset[str]:
    """Process cues ("bình xét") that give a section heading no status of its own."""
    return frozenset(" ".join(fold(w).split()) for w in cues().get("heading_neutral_cues", []))


@functools.cache
def status_of() -> dict[str, str]:
    table: dict[str, str] = {}
    for status, words in cues()["status_cues"].items():
        for w in words:
            table.setdefault(" ".join(fold(w).split()), status)
    return table


@functools.cache
def noun_kinds() -> dict[str, str]:
    """Folded recipient noun -> "collective" | "individual" | "household" | "mixed"."""
    table: dict[str, str] = {}
    for kind in ("mixed", "household", "collective", "individual"):
        for noun in cues()["recipient_nouns"][kind]:
            table.setdefault(fold(noun), kind)
    return table


@functools.cache
def count_regex() -> re.Pattern[str]:
    """"06 tập thể", "1.250 đảng viên", "35/40 giáo viên", "một tập thể", "25 lượt tập thể và cá nhân"."""
    words = trie_pattern(str(w) for w in cues()["number_words"])
    num = rf"(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:\s*/\s*(?P<of>\d{{1,3}}(?:\.\d{{3}})+|\d+))?|(?P<w>{words})"
    # "05 nữ cán bộ", "12 em học sinh": a modifier between the number and the noun
    mod = r"(?:(?:nữ|nam|em|lượt)\s+)?"
    return re.compile(rf"(?<![\w/.,])(?:{num})\s+{mod}(?P<noun>{trie_pattern(noun_kinds())})(?![^\W\d_])", re.I)


@functools.cache
def count_regex_lower() -> re.Pattern[str]:
    """``count_regex`` for text lowered with ``lower_same_length`` (no I flag: several times faster)."""
    return re.compile(count_regex().pattern)  # nouns and number words are folded (lower case)


def count_value(m: re.Match[str]) -> int | None:
    if m["n"]:
        return int(m["n"].replace(".", ""))
    if m["w"]:
        return int(cues()["number_words"].get(fold(m["w"]), 0)) or None
    return None


@functools.cache
def authority_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(cues()['authority_heads'])})", re.I)


@functools.cache
def authority_regex_lower() -> re.Pattern[str]:
    """``authority_regex`` for lowered text (``lower_same_length``): no I flag, several times faster.
    A head is a whole word ("bộ", not the start of "bội")."""
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(_authority_heads_lower())})(?![^\W\d_])")


@functools.cache
def _authority_heads_lower() -> frozenset[str]:
    return frozenset(fold(h) for h in cues()["authority_heads"])


@functools.cache
def authority_gate() -> GatedPattern:
    """``authority_regex_lower``, tried only where a head's first word starts."""
    return GatedPattern(authority_regex_lower(), _authority_heads_lower())


@functools.cache
def status_regex_lower() -> re.Pattern[str]:
    """``status_regex`` for lowered text: its phrases are folded already."""
    return re.compile(status_regex().pattern)


@functools.cache
def status_gate() -> GatedPattern:
    """``status_regex_lower``, tried only where a cue's first word starts."""
    return GatedPattern(status_regex_lower(), [fold(w) for ws in cues()["status_cues"].values() for w in ws])
