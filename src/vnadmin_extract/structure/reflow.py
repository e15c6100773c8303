"""Lines of the header and signature blocks rejoined where a narrow table cell broke them.

Web pages converted from tables (thuvienphapluat, vbpl), DOCX cells and PDF columns wrap
a cell's text at its width: "ỦY BAN NHÂN" / "DÂN", "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM",
"Số:" / "86/2025/QĐ-UBND", "Bắc Ninh, ngày" / "03 tháng 12 năm 2025", "KT. CHỦ" / "TỊCH". Two
lines are joined only where a phrase of the block's small vocabulary (the motto, organisation
heads, positions, document types, provinces: ``patterns/header_words.yaml`` and the files it
names) starts on the first and ends on
the second, or where a "Số:" or "ngày" is cut from its number. A joined line keeps its
offsets: its text has a space where ``doc.text`` has the line break, one character for one,
so ``doc.text[line.start:line.end]`` is still its evidence.
"""

from __future__ import annotations

import functools

from ..document import Line
from ..rules import vocab
from ..rules.cache import fast_compile
from ..rules.gazetteer import provinces
from ..rules.load import load_yaml
from ..vietnamese import fold

_WORD = fast_compile(r"[^\s*_|]+")
_NUMBER_CUT = fast_compile(r"^[\s*_]*Số\s*[:.]?[\s*_]*$", 2)  # re.I
_NUMBER_REST = fast_compile(r"^[\s*_]*(?:\d|/|…|\.\.)")
_DAY_CUT = fast_compile(r"\bngày[\s*_]*(?:\d{1,2}[\s*_]*)?$", 2)
_DAY_REST = fast_compile(r"^[\s*_]*(?:\d{1,2}[\s*_]+)?(?:tháng|\d{1,2}\s*[/.-])", 2)
_MAX_WORDS = 9
_EDGE = 120  # characters of each line looked at: more than nine words of any phrase


@functools.cache
def _phrases() -> frozenset[tuple[str, ...]]:
    """Every multi-word phrase of the vocabulary, as folded word tuples."""
    texts: list[str] = list(load_yaml("header_words.yaml")["phrases"])
    texts += vocab.org_heads()
    texts += [name for name, _aliases in vocab.positions()]
    texts += [info.name for info in vocab.doc_types()]
    texts += [p.name for p in provinces().values()]
    out = set()
    for t in texts:
        words = tuple(fold(w) for w in _WORD.findall(t))
        if 2 <= len(words) <= _MAX_WORDS:
            out.add(words)
    return frozenset(out)


@functools.cache
def _prefixes() -> frozenset[tuple[str, ...]]:
    return frozenset(p[:k] for p in _phrases() for k in range(1, len(p)))


@functools.cache
def _non_final_words() -> frozenset[str]:
    """Folded words that stand before the end of some phrase: where a broken line can end."""
    return frozenset(w for p in _phrases() for w in p[:-1])


def broken_between(first: str, second: str) -> bool:
    """Whether ``second`` continues a phrase, a number or a date that ``first`` was cut in.

    Only the end of ``first`` and the start of ``second`` are looked at (a phrase has at most
    ``_MAX_WORDS`` words), so a line that keeps growing by joins costs the same each time."""
    first, second = first[-_EDGE:], second[:_EDGE]
    if _NUMBER_CUT.match(first) and _NUMBER_REST.match(second):
        return True
    if _DAY_CUT.search(first) and _DAY_REST.match(second):
        return True
    last = _WORD.findall(first[-30:])
    if not last or fold(last[-1]) not in _non_final_words():
        return False  # most line ends cannot stand inside a phrase: no need to fold every word
    tail = [fold(w) for w in _WORD.findall(first)[-_MAX_WORDS:]]
    head = [fold(w) for w in _WORD.findall(second)[:_MAX_WORDS]]
    if not tail or not head:
        return False
    phrases, prefixes = _phrases(), _prefixes()
    for k in range(1, len(tail) + 1):
        start = tuple(tail[-k:])
        if start not in prefixes:
            continue
        for m in range(1, len(head) + 1):
            if start + tuple(head[:m]) in phrases:
                return True
    return False


_SHORT = 60  # cells of a header or signature block are narrow; prose lines are not looked at


def reflow(lines: list[Line]) -> list[Line]:
    """``lines`` with each broken pair joined (repeatedly: a phrase may span three lines)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1].text.strip() if out else ""
        cur = ln.text.strip()
        if prev and cur and (len(prev) <= _SHORT or len(cur) <= _SHORT) and broken_between(prev, cur):
            last = out[-1]
            gap = ln.start - last.end  # 1 for the line break between adjacent lines
            out[-1] = Line(last.start, ln.end, last.text + " " * gap + ln.text)
        else:
            out.append(ln)
    return out
