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
from ..rules import gazetteer, lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..rules.gate import GatedPattern
from ..rules.load import load_yaml
from ..rules.names import titles_pattern
from ..rules.spans import Spans
from ..rules.trie import trie_pattern
from ..schema import Person
from ..vietnamese import UPPER_LETTERS, fold, lowered

# A syllable of a name; highland names carry an apostrophe ("Siu H'Liên", "Y Ngông").
_SYL = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?"


_TOKEN = re.compile(r"[^\s,;.()\n:]+")


@functools.cache
def _person_lead() -> regex.Pattern[str]:
    return fast_compile(rf"(?:{lexicon.honorific_pattern()}|{titles_pattern()})\s*\p{{Lu}}")


def _ends_name(word: str, nxt: str | None) -> bool:
    """Whether lower-case ``word`` (followed by ``nxt``) starts a verb phrase, not part of a name."""
    if not word[:1].islower():
        return False
    low = word.lower()
    singles, pairs = lexicon.name_ends()
    if low in singles:  # "dự", but not "Ban Quản lý dự án" (patterns/organizations.yaml name_ends)
        return nxt is None or nxt.lower() not in singles[low]
    return nxt is not None and f"{low} {nxt.lower()}" in pairs


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("person_names.yaml")
    return frozenset(data["surnames"]), frozenset(fold(n) for n in data.get("not_persons", []))


@functools.cache
def _name_re() -> regex.Pattern[str]:
    alts = trie_pattern(_names()[0])
    # A family name, then one to four capitalised syllables, not followed by another one.
    return fast_compile(rf"(?<![\p{{L}}])(?:{alts})(?:\s+{_SYL}){{1,4}}(?![\p{{L}}])(?!\s+\p{{Lu}}\p{{Ll}})")


_U = UPPER_LETTERS
_LOWER = rf"(?:(?![{_U}])[^\W\d_])"
_SYL_RE = rf"[{_U}]{_LOWER}*(?:['’][{_U}]?{_LOWER}+)?"  # _SYL for the stdlib engine


@functools.cache
def _honorific_re() -> re.Pattern[str]:
    """"đồng chí X", "Đại tá X", "PGS.TS X" (the stdlib engine over tries: this runs on every text)."""
    hon = trie_pattern(lexicon.honorifics())
    titles = titles_pattern()
    lead = rf"(?:(?<!\w)(?:{hon})\s+(?:{titles}\s*)?|(?<![\w.&/-]){titles}\s*)"
    return re.compile(rf"{lead}(?P<name>{_SYL_RE}(?:\s+{_SYL_RE}){{1,4}})(?!\s*[{_U}]{_LOWER})")


@functools.cache
def _skip_segment() -> regex.Pattern[str]:
    """What may stand between a name and the post: "sinh năm 1970", "Phó Giáo sư", "Tiến sĩ"."""
    return fast_compile(rf"\s*(?:sinh\s+(?:năm|ngày)\s+[\d/.]+|(?:nam|nữ)|dân\s+tộc\s+\p{{L}}+|{titles_pattern()})\s*,\s*")


def _org_after(text: str, pos: int, end_limit: int) -> tuple[str | None, int]:
    """An organisation name starting at ``pos`` ("Cục An toàn bức xạ và hạt nhân"), up to
    a comma, a bracket or a verb."""
    m = _rx(r"\s*").match(text, pos)
    i = m.end() if m else pos
    if not vocab.org_head_regex().match(text, i) and not _rx(
            r"(?i:tổ|phòng|khoa|ban|đội|trường|lớp|chi\s+bộ|chi\s+đoàn)\s+\p{Lu}").match(text, i, i + 30):
        return None, pos
    words: list[tuple[str, int]] = []
    tokens = list(_TOKEN.finditer(text, i, min(end_limit, i + 200)))
    for k, w in enumerate(tokens):
        if k and not text[words[-1][1] if words else i: w.start()].isspace():
            break  # punctuation between the words
        word = w.group()
        low = word.lower()
        nxt = tokens[k + 1].group() if k + 1 < len(tokens) else None
        if words and _ends_name(word, nxt):
            break
        if words and low == "và" and nxt is not None:
            after = tokens[k + 2].group() if k + 2 < len(tokens) else None
            if nxt.lower() in {"các", "những", "đại", "toàn"} or _ends_name(nxt, after) \
                    or _person_lead().match(text, tokens[k + 1].start()):
                break  # "Phó Giám đốc Bệnh viện và TS.BS Trần Thị Mỹ Dung": another person
        if words and word[:1].islower() and words[-1][0].lower() in lexicon.place_words() \
                and low not in {"ủy", "uỷ", "đoàn", "đội"}:  # "Tỉnh ủy", "Huyện đoàn", "Xã đội"
            break  # "Công an tỉnh ôn lại ...": a bare "tỉnh" ends the name
        words.append((word, w.end()))
        if len(words) >= 12:
            break
    while words and words[-1][0].lower() in {"và", "-", "–"}:
        words.pop()
    if not words:
        return None, pos
    end = words[-1][1]
    # "Chi hội Nông dân ấp 3, xã Mỹ Hòa": the place after a comma belongs to the name
    end = _extend_org(text, i, end, end_limit)
    return text[i:end], end


def _extend_org(text: str, start: int, end: int, limit: int) -> int:
    """Past a comma: "Chi hội Nông dân ấp 3, xã Mỹ Hòa" (the place), "Ban Thi đua - Khen thưởng,
    Sở Nội vụ" (a unit, then the body it belongs to)."""
    more = _admin_tail().match(text, end, limit)
    if more:
        return more.end()
    if _SUB_UNIT.match(text, start):
        parent = _PARENT_BODY.match(text, end, limit)
        if parent:
            name, p_end = _org_after(text, parent.start("head"), limit)
            return p_end if name else end
    return end


_SUB_UNIT = fast_compile(r"(?i:ban|phòng|khoa|tổ|văn\s+phòng|chi\s+cục|trung\s+tâm|đội|bộ\s+phận|chi\s+hội|chi\s+đoàn|"
                           r"chi\s+bộ|bộ\s+môn)\s")
_PARENT_BODY = fast_compile(r",\s*(?P<head>(?:Sở|Bộ|UBND|Ủy\s+ban|Cục|Tổng\s+cục|Trường|Bệnh\s+viện|Công\s+ty|Viện|"
                             r"Hội|Liên\s+đoàn|Đảng\s+ủy|Tỉnh\s+ủy|Huyện\s+ủy|Thành\s+ủy|Học\s+viện|Đại\s+học|Tổng\s+công\s+ty)\s)")
_QUALIFIER = fast_compile(r"(?:[ \t]+\p{Ll}+){1,3}(?=\s*,)")


@functools.cache
def _admin_tail() -> regex.Pattern[str]:
    """", xã Mỹ Hòa": a place after an organisation's name (the units: patterns/provinces.yaml)."""
    return fast_compile(rf",\s*{lexicon.admin_unit_pattern()}\s+\p{{Lu}}\p{{Ll}}*(?:\s+\p{{Lu}}\p{{Ll}}*){{0,3}}"
                        r"(?=\s*[,;.)\n]|$)")


def find(doc: Document) -> None:
    """Stage: ``doc.persons`` and PER / POSITION / ORG / LOC entities."""
    text = doc.text
    lo, hi = doc.doc_start, doc.doc_end
    excluded = _names()[1]
    found: dict[tuple[int, int], Person] = {}

    def add(name: str, s: int, e: int, position: str | None, org: str | None, span_start: int, span_end: int) -> None:
        if fold(name) in excluded or gazetteer.province(name) is not None:
            return
        if (s, e) in found:
            old = found[(s, e)]  # "Đại tá Lê Quang Minh" under a signature: the signer's post fills it in
            if old.position is None and position:
                found[(s, e)] = old.model_copy(update={"position": position, "organization": old.organization or org})
            return
        found[(s, e)] = Person(name=name, position=position, organization=org, start=span_start, end=span_end)

    pos_re = vocab.position_regex()
    name_re = _name_re()
    # 1. "đồng chí NAME, POSITION ORG" and "đồng chí NAME"
    for m in _honorific_gate().finditer(text, lo, hi):
        name = m["name"]
        s, e = m.start("name"), m.end("name")
        position = org = None
        end = e
        pm = _rx(r"\s*,\s*").match(text, e)
        at = pm.end() if pm else None
        for _ in range(3):  # "Ông X, sinh năm 1970, Phó Giáo sư, Tiến sĩ, Trưởng khoa Khoa Toán"
            if at is None or pos_re.match(text, at):
                break
            skip = _skip_segment().match(text, at)
            at = skip.end() if skip else None
        if at is not None:
            p = pos_re.match(text, at)
            if p:
                p_end = _split_position(text, p)
                # "Đội trưởng thi công, Công ty ...", "Phó Chủ tịch thường trực, ...": a post's own
                # lower-case qualifier, up to the comma
                qual = _QUALIFIER.match(text, p_end) if p_end == p.end() else None
                if qual and not any(_ends_name(w, None) for w in qual.group().split()):
                    p_end = qual.end()
                position = _position_text(text[p.start():p_end])
                org, end = _org_after(text, p_end, hi)
                org, end = _org_from_position(text, p, org, end, hi)
                end = max(end, p.end())
                if org is None:  # "Trưởng phòng, Phòng Tổ chức - Hành chính"
                    cm = _rx(r"\s*,\s*(?=\p{Lu})").match(text, p_end)
                    if cm:
                        org, end2 = _org_after(text, cm.end(), hi)
                        end = end2 if org else end
        else:
            bm = _rx(r"\s*\(").match(text, e)  # "thầy Trần Văn Hoà (tổ Toán - Tin)"
            if bm:
                org_in, org_end = _org_after(text, bm.end(), hi)
                if org_in and text[org_end:org_end + 1] == ")":
                    org, end = org_in, org_end + 1
        add(name, s, e, position, org, m.start(), end)
    # 2. "POSITION [ORG] NAME"
    spans = Spans((x.start, x.end) for x in found.values())
    for pl in _position_gate().finditer(lowered(text), lo, hi):
        if not text[pl.start()].isupper() or spans.covers(pl.start()):
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
        if org and org.split()[-1].lower() in lexicon.place_words():
            continue  # "Chủ tịch UBND xã Hồng Dân": the place's name, not a person's
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


_HEAD_IN_POSITION = fast_compile(r"(?:phòng|ban|khoa|tổ|đoàn|hội|vụ|cục|sở)$", regex.I)


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
    parts = rest.group(1).split()
    for k, w in enumerate(parts):
        if _ends_name(w, parts[k + 1] if k + 1 < len(parts) else None):
            break
        words.append(w)
    if not words:
        return None, end
    org_end = p.end() + rest.start(1) + len(" ".join(words))
    org_start = p.start() + head.start()
    full_end = _extend_org(text, org_start, org_end, hi)
    org_text = head.group() + " " + " ".join(words) + text[org_end:full_end]
    return org_text, full_end


NER_WINDOW = 60        # characters on each side of a candidate
NER_MAX_WINDOWS = 2    # per document: NER is the slow path
_STANDALONE_BEFORE = fast_compile(r"(?:^|[\n,;:(]|\bvà)\s*$")
_STANDALONE_AFTER = fast_compile(r"\s*(?:[,;.)\n]|$|và\b)")


def _ner_gaps(doc: Document, lo: int, hi: int, found: dict) -> None:
    """PER entities from underthesea for family-name runs no rule explained."""
    from ..nlp import ner

    text = doc.text
    kinds = {"PER", "ORG", "LOC", "LEGAL_REF", "AWARD", "COMMEMORATION", "MOVEMENT"}
    covered = Spans([*((e.start, e.end) for e in doc.entities if e.type in kinds),
                     *((p.start, p.end) for p in found.values())])
    windows = 0
    for m in _name_gate().finditer(text, lo, hi):
        if covered.covers(m.start()) or fold(m.group()) in _names()[1]:
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
                covered.add(s, e)



def _places_and_orgs(doc: Document, lo: int, hi: int) -> None:
    """LOC entities from the province gazetteer, ORG entities from organisation heads."""
    text = doc.text
    for m in _province_gate().finditer(text, lo, hi):
        doc.add_entity("LOC", m.start(), m.end(), gazetteer.province(m.group()).name, "gazetteer:province")  # type: ignore[union-attr]
    for m in _org_gate().finditer(text, lo, hi):
        doc.add_entity("ORG", m.start(), m.end(), m.group(), "pattern:organization")


@functools.cache
def _org_gate() -> GatedPattern:
    """Organisation names from their heads, as written ("Sở Giáo dục và Đào tạo tỉnh Quảng Nam")."""
    capitalised = [h for h in vocab.org_heads() if h[:1].isupper()]
    heads = trie_pattern(capitalised)
    upper = UPPER_LETTERS  # a word starting with a capital (Latin or Vietnamese)
    # Each word of a name is capitalised on its first syllable only ("Sở Giáo dục và Đào tạo",
    # "Bộ Tài nguyên và Môi trường"): a capitalised syllable may carry one lower-case one.
    stop = r"(?:và|của|cho|tại|về|với|năm|đã|được|có|là|các|những|trong|theo|từ|đến|để|khi|thì|ngày|đang|sẽ|tổ)"
    word = rf"[{upper}][\w&-]*(?:\s+(?!{stop}(?!\w))(?![{upper}])[^\W\d_]+)?"
    place = lexicon.admin_unit_pattern(abbreviations=False)
    org_re = re.compile(rf"(?<!\w)(?:{heads})(?:\s+(?:(?:và|-|–)\s+)?(?:{word}|{place}|số\s+\d+)){{1,8}}")
    return GatedPattern(org_re, capitalised)


# The whole-text scans of this stage, each tried only where one of its words starts.
@functools.cache
def _honorific_gate() -> GatedPattern:
    titles = [w for ws in load_yaml("person_names.yaml").get("titles", {}).values() for w in ws]
    return GatedPattern(_honorific_re(), [*lexicon.honorifics(), *titles])


@functools.cache
def _position_gate() -> GatedPattern:
    return GatedPattern(vocab.position_regex_lower(), vocab.position_phrases_lower())


@functools.cache
def _name_gate() -> GatedPattern:
    return GatedPattern(_name_re(), _names()[0])


@functools.cache
def _province_gate() -> GatedPattern:
    return GatedPattern(gazetteer.province_regex(), [p.name for p in gazetteer.provinces().values()])
