"""The numbered section tree of the body (and of attached lists after the signature).

Markers: Phần/Chương/Mục/Điều, Roman "I.", Arabic "1.", multi-level "2.1.", letters
"a)", bullets "-", "+", "•" and run-in "*" headings, attachment titles ("DANH SÁCH ...").
Nesting is decided by a stack of open sections: a marker of a kind already open closes
everything below that level (a sibling); a new kind opens a child. Two exceptions carry
the documents' habits: a list restarting at "1." or "a)" inside a deeper subsection is a
child of it (seed 000: "1."-"5." after "2.2." are I.2.2.1-I.2.2.5), and "2.1." attaches to
the "2." it extends. Ids follow ``corpus/README.md``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..document import Document, Line
from ..rules.cache import fast_compile
from ..schema import Section

_ROMAN = r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
MARKERS: list[tuple[str, regex.Pattern[str]]] = [
    ("phan", fast_compile(r"^Phần\s+(?P<v>thứ\s+\w+|[IVXLC]+|\d+)\b[.:]?\s*")),
    ("chuong", fast_compile(r"^Chương\s+(?P<v>[IVXLC]+|\d+)\b[.:]?\s*")),
    ("muc", fast_compile(r"^Mục\s+(?P<v>[IVXLC]+|\d+)\b[.:]?\s*")),
    ("dieu", fast_compile(r"^Điều\s+(?P<v>\d+)\s*[.:]?\s*")),
    ("roman", fast_compile(rf"^(?P<v>(?=[IVXL]){_ROMAN})\s*[.)/-]\s+")),
    # At most six levels ("1.2.3.4.5.6."): an unbounded repeat made "1.1.1.1..." (a line of
    # 100,000 of them) quadratic as the regex module backtracked through every repetition.
    ("multi", fast_compile(r"^(?P<v>\d{1,2}(?:\.\d{1,2}){1,6}+)\s*[.)]?\s+(?=\S)")),
    ("arabic", fast_compile(r"^(?P<v>\d{1,2})\s*[.)]\s+(?=\S)")),
    ("letter", fast_compile(r"^(?P<v>[a-zđ])\s*\)\s+")),
    ("-", fast_compile(r"^[-–]\s*(?=\S)")),
    ("+", fast_compile(r"^\+\s*(?=\S)")),
    ("•", fast_compile(r"^[•●▪◦]\s*(?=\S)")),
    ("*", fast_compile(r"^\*\s*(?=\S)")),
]
ATTACHMENT = fast_compile(r"^(?:DANH\s+SÁCH|PHỤ\s+LỤC|DANH\s+MỤC|BIỂU\s+(?:MẪU|TỔNG\s+HỢP))\b")
BULLETS = {"-", "+", "•"}
# A list restarting at "1." inside a deeper subsection nests one level deeper; past this depth
# it is a sibling instead (lines of "1.", "1.1.", "1.1.1.", "1." ... nested without end, and
# every section was then compared with a stack as deep as the document was long).
MAX_DEPTH = 12
NUMBERED = {"phan", "chuong", "muc", "dieu", "roman", "multi", "arabic", "letter"}


@dataclass
class _Open:
    kind: str
    value: str
    section: Section
    children: dict[str, int]


def _kind_key(kind: str, value: str) -> str:
    return f"multi{value.count('.')}" if kind == "multi" else kind


# What a marker can start with: a line starting otherwise ("Căn cứ", "Ủy ban") is not tried.
_MARKER_FIRST = frozenset("PCMĐIVXLabcdefghijklmnopqrstuvwxyzđ-–+•●▪◦*")


def _match(line: str) -> tuple[str, str, int] | None:
    if line[:1] not in _MARKER_FIRST and not line[:1].isdecimal():  # digits: any that "\d" matches
        return None
    for kind, pat in MARKERS:
        m = pat.match(line)
        if m:
            return kind, m.groupdict().get("v") or "", m.end()
    return None


def _is_restart(kind: str, value: str) -> bool:
    return (kind == "arabic" and value == "1") or (kind == "letter" and value == "a")


def find(doc: Document) -> None:
    """Stage: ``doc.sections`` for the body and the appendix."""
    regions = [(doc.body_start, doc.body_end)]
    end_all = doc.doc_end
    if doc.appendix_start is not None:
        regions.append((doc.appendix_start, end_all))
    for lo, hi in regions:
        _parse_region(doc, lo, hi, appendix=lo == doc.appendix_start)
    _set_ends(doc, regions)


def _parse_region(doc: Document, lo: int, hi: int, appendix: bool) -> None:
    stack: list[_Open] = []
    roots: dict[str, int] = {}
    used = _Ids(s.id for s in doc.sections)
    chrome = doc.chrome_lines
    for idx in range(doc.line_index(lo), len(doc.lines)):
        ln = doc.lines[idx]
        if ln.start >= hi:
            break
        if ln.start < lo or not ln.text or idx in chrome:
            continue
        if appendix and ATTACHMENT.match(ln.text):
            stack.clear()
            _push(doc, stack, roots, used, "H", "", ln, 0, ln.text)
            continue
        found = _match(ln.text)
        if found is None:
            continue
        kind, value, body_at = found
        heading = ln.text[body_at:]
        if not heading.strip() and kind not in BULLETS:
            heading = _title_below(doc, idx, hi)
        _place(stack, kind, value)
        _push(doc, stack, roots, used, kind, value, ln, body_at, heading)


def _title_below(doc: Document, idx: int, hi: int) -> str:
    """"Phần II" alone on its line, its title on the next ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")."""
    for ln in doc.lines[idx + 1: idx + 3]:
        if ln.start >= hi:
            break
        if ln.text.strip():
            text = ln.text.strip()
            return text if text.isupper() and _match(text) is None else ""
    return ""


def _place(stack: list[_Open], kind: str, value: str) -> None:
    """Pop the stack to where a ``kind`` marker belongs."""
    key = _kind_key(kind, value)
    same = [j for j, o in enumerate(stack) if _kind_key(o.kind, o.value) == key]
    if kind == "multi":
        prefix = value.rsplit(".", 1)[0]
        for j in range(len(stack) - 1, -1, -1):
            if stack[j].value == prefix and stack[j].kind in {"arabic", "multi", "roman"}:
                del stack[j + 1:]
                return
    if same:
        j = same[-1]
        if (_is_restart(kind, value) and j < len(stack) - 1 and stack[j].value not in {"0", ""}
                and len(stack) < MAX_DEPTH):
            _pop_bullets(stack)
            return  # a fresh list inside the current subsection
        del stack[j:]
        return
    if kind in NUMBERED:
        _pop_bullets(stack)


def _pop_bullets(stack: list[_Open]) -> None:
    while stack and stack[-1].kind in BULLETS:
        stack.pop()


_NAMED_KINDS = {"dieu": "Điều", "chuong": "Chương", "phan": "Phần", "muc": "Mục"}


def _component(kind: str, value: str, parent: _Open | None, ordinal: int) -> str:
    if kind in BULLETS or kind == "*":
        return f"{kind}{ordinal}"
    if kind == "H":
        return f"H{ordinal}"
    if kind == "multi":
        prefix, last = value.rsplit(".", 1)
        return last if parent is not None and parent.value == prefix else value
    head = _NAMED_KINDS.get(kind)
    return f"{head} {value}" if head else value


class _Ids(set):
    """Section ids taken, and for each id given twice the last "~n" suffix tried: a document
    that repeats one number thousands of times gets "1~2", "1~3", ... without trying every
    earlier suffix again (ids only get taken, so those are all still taken)."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.last_suffix: dict[str, int] = {}

    def fresh(self, base: str) -> str:
        if base not in self:
            return base
        n = self.last_suffix.get(base, 1) + 1
        while f"{base}~{n}" in self:
            n += 1
        self.last_suffix[base] = n
        return f"{base}~{n}"


def _push(doc: Document, stack: list[_Open], roots: dict[str, int], used: _Ids, kind: str,
          value: str, ln: Line, body_at: int, heading: str) -> None:
    parent = stack[-1] if stack else None
    counter = parent.children if parent else roots
    marker = kind if (kind in BULLETS or kind in {"*", "H"}) else ""
    ordinal = 0
    if marker:
        counter[marker] = counter.get(marker, 0) + 1
        ordinal = counter[marker]
    comp = _component(kind, value, parent, ordinal).strip()
    sid = f"{parent.section.id}.{comp}" if parent else comp
    sid = used.fresh(sid)  # numbering errors in the document: keep ids unique
    used.add(sid)
    label = ln.text[:body_at].strip() if body_at else ""
    sec = Section(id=sid, label=label, level=len(stack) + 1, heading=heading.strip(),
                  parent=parent.section.id if parent else None, start=ln.start, end=ln.end)
    doc.sections.append(sec)
    stack.append(_Open(kind, value, sec, {}))


def _set_ends(doc: Document, regions: list[tuple[int, int]]) -> None:
    """A heading runs to the next section at its level or above; a bullet to its line's end
    (or its last descendant's end)."""
    secs = doc.sections
    # Ids sorted: the ids under a prefix are one run of this list (a bisect finds it), where
    # scanning every later section for each bullet was quadratic in a long list of bullets.
    by_id = sorted((s.id, i) for i, s in enumerate(secs))
    ids = [sid for sid, _i in by_id]
    # Last to first: a bullet's end takes its descendants' final ends (a run-in "*" heading
    # under a "-" bullet runs past the bullet's line; the bullet must hold it).
    for i in range(len(secs) - 1, -1, -1):
        sec = secs[i]
        region_end = next((hi for lo, hi in regions if lo <= sec.start < hi), len(doc.text))
        end = region_end
        for j in range(i + 1, len(secs)):  # not secs[i + 1:]: a copy per section is quadratic
            nxt = secs[j]
            if nxt.level <= sec.level or nxt.start >= region_end:
                end = min(nxt.start, region_end)
                break
        line_end = doc.lines[doc.line_index(sec.start)].end
        kind = sec.id.rsplit(".", 1)[-1][:1]
        if kind in BULLETS:
            prefix = sec.id + "."
            desc_end = line_end
            for k in range(bisect.bisect_left(ids, prefix), len(ids)):
                sid, j = by_id[k]
                if not sid.startswith(prefix):
                    break
                if j > i:
                    desc_end = max(desc_end, secs[j].end)
            end = min(end, max(line_end, desc_end))
        sec.end = max(_trim(doc.text, sec.start, end), line_end)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end
