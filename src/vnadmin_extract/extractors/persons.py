"""People named in the text, with position and organisation; PER, POSITION, ORG, LOC entities.

Shapes (rules first, from ``patterns/positions.yaml``, ``organizations.yaml`` and the
family names in ``person_names.yaml``):
- "đồng chí Nguyễn Tuấn Khải, Cục trưởng Cục An toàn bức xạ và hạt nhân" (name, position org)
- "Phó Vụ trưởng Vụ Thi đua - Khen thưởng Lê Ngân Giang", "Thứ trưởng Trần Hồng Thái"
  (position, optional organisation, name)
- "Ông Lê Minh Tuấn, Trưởng phòng Nội vụ huyện Thăng Bình" (the organisation is the
  position's own head noun: "phòng Nội vụ huyện Thăng Bình")
- "đồng chí Nguyễn Tuấn Khải" (no position), and every signer.
Where no rule fires, underthesea's NER is run on the few sentences that hold a capitalised
run starting with a family name (bylines, bare names), never on the whole document.
"""

from __future__ import annotations

import functools
import re

import regex

from ..document import Document
from ..resources import load_yaml
from ..rules import gazetteer, vocab
from ..rules.cache import rx as _rx
from ..rules.trie import trie_pattern
from ..schema import Person
from ..vietnamese import UPPER_LETTERS, fold, lower_same_length

HONORIFIC = r"(?:đồng\s+chí|Đồng\s+chí|đ/c|Đ/c|ông|Ông|bà|Bà|anh|Anh|chị|Chị|thầy|Thầy|cô|Cô|nhà\s+giáo|Nhà\s+giáo)"
_SYL = r"\p{Lu}\p{Ll}*"
_VERBS = {
    "đã", "đang", "sẽ", "phát", "báo", "cho", "trình", "chủ", "dự", "tham", "khẳng", "nhấn", "đề", "nêu",
    "ghi", "gửi", "trao", "tặng", "được", "làm", "là", "có", "với", "tại", "cùng", "thay", "cảm", "chúc",
    "yêu", "giao", "đánh", "kết", "mong", "nhận", "chỉ", "đến", "về", "trong", "khi", "thì", "để", "đồng",
    "trực", "thông", "quán", "hướng", "triển", "phổ", "biểu", "động", "thực", "tổng", "hoàn",
}


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("person_names.yaml")
    return frozenset(data["surnames"]), frozenset(fold(n) for n in data.get("not_persons", []))


@functools.cache
def _name_re() -> regex.Pattern[str]:
    alts = trie_pattern(_names()[0])
    # A family name, then one to four capitalised syllables, not followed by another one.
    return regex.compile(rf"(?<![\p{{L}}])(?:{alts})(?:\s+{_SYL}){{1,4}}(?![\p{{L}}])(?!\s+\p{{Lu}}\p{{Ll}})")


@functools.cache
def _honorific_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w){HONORIFIC}\s+(?P<name>{_SYL}(?:\s+{_SYL}){{1,4}})(?!\s*\p{{Lu}}\p{{Ll}})")


def _org_after(text: str, pos: int, end_limit: int) -> tuple[str | None, int]:
    """An organisation name starting at ``pos`` ("Cục An toàn bức xạ và hạt nhân"), up to
    a comma, a bracket or a verb."""
    m = _rx(r"\s*").match(text, pos)
    i = m.end() if m else pos
    if not vocab.org_head_regex().match(text, i) and not _rx(
            r"(?:tổ|phòng|khoa|ban|đội|trường|lớp|chi\s+bộ|chi\s+đoàn)\s+\p{Lu}").match(text, i, i + 30):
        return None, pos
    words: list[tuple[str, int]] = []
    for w in _rx(r"[^\s,;.()\n:]+").finditer(text[i:end_limit]):
        if w.start() and _rx(r"[,;.()\n:]").search(text[i + (words[-1][1] - i if words else 0): i + w.start()]):
            break
        word = w.group()
        low = word.lower()
        if words and low in _VERBS and word[0].islower():
            break
        if words and low == "và" and i + w.end() < end_limit:
            nxt = _rx(r"\s+(\S+)").match(text, i + w.end(), i + w.end() + 60)
            if nxt and nxt.group(1).lower() in _VERBS | {"các", "những", "đại", "toàn"}:
                break
        words.append((word, i + w.end()))
        if len(words) >= 12:
            break
    while words and words[-1][0].lower() in {"và", "-", "–"}:
        words.pop()
    if not words:
        return None, pos
    end = words[-1][1]
    return text[i:end], end


def find(doc: Document) -> None:
    """Stage: ``doc.persons`` and PER / POSITION / ORG / LOC entities."""
    text = doc.text
    lo, hi = doc.scratch.get("doc_start", 0), doc.scratch.get("doc_end", len(text))
    excluded = _names()[1]
    found: dict[tuple[int, int], Person] = {}

    def add(name: str, s: int, e: int, position: str | None, org: str | None, span_start: int, span_end: int) -> None:
        if fold(name) in excluded or (s, e) in found or gazetteer.province(name) is not None:
            return
        found[(s, e)] = Person(name=name, position=position, organization=org, start=span_start, end=span_end)

    pos_re = vocab.position_regex()
    name_re = _name_re()
    # 1. "đồng chí NAME, POSITION ORG" and "đồng chí NAME"
    for m in _honorific_re().finditer(text, lo, hi):
        name = m["name"]
        s, e = m.start("name"), m.end("name")
        position = org = None
        end = e
        pm = _rx(r"\s*,\s*").match(text, e)
        if pm:
            p = pos_re.match(text, pm.end())
            if p:
                p_end = _split_position(text, p)
                position = _position_text(text[p.start():p_end])
                org, end = _org_after(text, p_end, hi)
                org, end = _org_from_position(text, p, org, end, hi)
                end = max(end, p.end())
        add(name, s, e, position, org, m.start(), end)
    # 2. "POSITION [ORG] NAME"
    spans = [(x.start, x.end) for x in found.values()]
    lowered = lower_same_length(text)
    for pl in vocab.position_regex_lower().finditer(lowered, lo, hi):
        if not text[pl.start()].isupper() or any(a <= pl.start() < b for a, b in spans):
            continue
        p = pos_re.match(text, pl.start())
        if p is None:
            continue
        window_end = min(hi, p.end() + 120)
        nm = name_re.search(text, p.end(), window_end)
        if not nm:
            continue
        between = text[p.end():nm.start()]
        if _rx(r"[,;.()\n:]").search(between) or len(between.split()) > 10:
            continue
        org = between.strip() or None
        if org and not vocab.org_head_regex().match(org):
            continue
        p_end = _split_position(text, p)
        if p_end < p.end():
            org = (text[p_end:p.end()].strip() + " " + (org or "")).strip()
        add(nm.group(), nm.start(), nm.end(), _position_text(text[p.start():p_end]), org, p.start(), nm.end())
    # 3. Signers are persons too.
    for sgn in doc.signers:
        if sgn.name:
            s = text.rfind(sgn.name, sgn.start, sgn.end + 1)
            if s >= 0:
                add(sgn.name, s, s + len(sgn.name), sgn.position, None, s, s + len(sgn.name))
    # 4. A news article's byline.
    author = doc.header.author
    if author:
        s = text.rfind(author, doc.body_start, hi)
        if s >= 0:
            add(author, s, s + len(author), None, None, s, s + len(author))
    doc.persons.extend(sorted(found.values(), key=lambda x: x.start))
    _ner_gaps(doc, lo, hi, found)
    per_starts = {ent.start for ent in doc.entities if ent.type == "PER"}
    for (s, e), person in found.items():
        if s not in per_starts:
            doc.add_entity("PER", s, e, person.name, "pattern:person")
    _places_and_orgs(doc, lo, hi)


def _position_text(raw: str) -> str:
    """The position as written; an all-capitals one in its usual casing."""
    raw = _rx(r"\s+").sub(" ", raw).strip()
    if raw.isupper():
        return vocab.position_canonical().get(fold(raw), raw.capitalize())
    return raw


def _split_position(text: str, p: regex.Match[str]) -> int:
    """End of the position proper: "Phó Chủ tịch Công đoàn" is "Phó Chủ tịch" of "Công đoàn ..."."""
    for h in vocab.org_head_regex().finditer(p.group(), 1):
        if p.group()[h.start() - 1] == " " and h.group()[:1].isupper() \
                and vocab.position_regex().fullmatch(p.group()[:h.start() - 1]):
            return p.start() + h.start() - 1
    return p.end()


_HEAD_IN_POSITION = regex.compile(r"(?:phòng|ban|khoa|tổ|đoàn|hội|vụ|cục|sở)$", regex.I)


def _org_from_position(text: str, p: regex.Match[str], org: str | None, end: int, hi: int) -> tuple[str | None, int]:
    """"Trưởng phòng Nội vụ huyện X": the position's last word heads the organisation."""
    if org is not None:
        return org, end
    head = _HEAD_IN_POSITION.search(p.group())
    if not head:
        return None, end
    rest = _rx(r"\s+(\p{Lu}[^,;.()\n]{1,80})").match(text[p.end():min(hi, p.end() + 90)])
    if not rest:
        return None, end
    words = []
    for w in rest.group(1).split():
        if w.lower() in _VERBS and w[0].islower():
            break
        words.append(w)
    if not words:
        return None, end
    org_text = head.group() + " " + " ".join(words)
    return org_text, p.end() + rest.start(1) + len(" ".join(words))


NER_WINDOW = 60        # characters on each side of a candidate
NER_MAX_WINDOWS = 2    # per document: NER is the slow path
_STANDALONE_BEFORE = regex.compile(r"(?:^|[\n,;:(]|\bvà)\s*$")
_STANDALONE_AFTER = regex.compile(r"\s*(?:[,;.)\n]|$|và\b)")


def _ner_gaps(doc: Document, lo: int, hi: int, found: dict) -> None:
    """PER entities from underthesea for family-name runs no rule explained."""
    from ..nlp import ner

    text = doc.text
    covered = [(e.start, e.end) for e in doc.entities if e.type in {"PER", "ORG", "LOC", "LEGAL_REF", "AWARD",
                                                                    "COMMEMORATION", "MOVEMENT"}]
    covered += [(p.start, p.end) for p in found.values()]
    windows = 0
    for m in _name_re().finditer(text, lo, hi):
        if any(a <= m.start() < b for a, b in covered) or fold(m.group()) in _names()[1]:
            continue
        # Only a name standing on its own (a list of people, a byline) is a gap the rules
        # leave; a capitalised run inside an organisation's or a place's name is not.
        if not (_STANDALONE_BEFORE.search(text[max(lo, m.start() - 3):m.start()])
                and _STANDALONE_AFTER.match(text, m.end())):
            continue
        if gazetteer.province(m.group()) is not None:
            continue
        if windows >= NER_MAX_WINDOWS:
            break
        windows += 1
        ws = max(lo, m.start() - NER_WINDOW)
        we = min(hi, m.end() + NER_WINDOW)
        for label, s, e, surface in ner.entities(text[ws:we], ws):
            if label == "PER" and s <= m.start() < e + 1 and len(surface.split()) >= 2:
                doc.add_entity("PER", s, e, surface, "ner:underthesea")
                covered.append((s, e))


_ORG_HEAD_RE: re.Pattern[str] | None = None


def _places_and_orgs(doc: Document, lo: int, hi: int) -> None:
    """LOC entities from the province gazetteer, ORG entities from organisation heads."""
    text = doc.text
    for m in gazetteer.province_regex().finditer(text, lo, hi):
        doc.add_entity("LOC", m.start(), m.end(), gazetteer.province(m.group()).name, "gazetteer:province")  # type: ignore[union-attr]
    global _ORG_HEAD_RE
    if _ORG_HEAD_RE is None:
        heads = trie_pattern(h for h in vocab.org_heads() if h[:1].isupper())
        upper = UPPER_LETTERS  # a word starting with a capital (Latin or Vietnamese)
        _ORG_HEAD_RE = re.compile(rf"(?<!\w)(?:{heads})(?:\s+(?:và\s+)?(?:[{upper}][\w&-]*|tỉnh|huyện|xã|thành\s+phố)){{1,8}}")
    for m in _ORG_HEAD_RE.finditer(text, lo, hi):
        doc.add_entity("ORG", m.start(), m.end(), m.group(), "pattern:organization")
