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

from ..document import Document
from ..rules import gazetteer, lexicon, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..rules.gate import GatedPattern
from ..rules.load import load_yaml
from ..rules.person_parts import (
    _honorific_re,
    _name_re,
    _names,
    _org_after,
    _position_text,
    _skip_segment,
    _split_position,
    named_after_person,
    post_at,
)
from ..rules.spans import Spans
from ..rules.trie import trie_pattern
from ..schema import Person
from ..vietnamese import UPPER_LETTERS, fold, lowered


# A syllable of a name; highland names carry an apostrophe ("Siu H'Liên", "Y Ngông").
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
            post = post_at(text, at, hi)  # "POSITION ORG" after the name (shared with recipients)
            if post:
                position, org, end = post
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
        if org and fold(org) in named_after_person():
            continue  # "Hiệu trưởng Trường THPT Bùi Thị Xuân": the body bears a person's name
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
    # 4. The individuals of a list table (docx, text-layer PDF, spreadsheet): the name cell of a
    # row read as the recipients stage reads it, its post from the position/unit columns.
    from .recipients import table_people  # the list layout lives there (patterns/recipients.yaml)

    for s, e, rec in table_people(doc, lo, hi):
        add(rec.name, s, e, rec.position, rec.organization, rec.start, rec.end)
    # 5. A news article's byline.
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
        end = m.end()
        # A name of several parts wrapped before its dash ("Bộ Lao động" / "– Thương binh và Xã
        # hội"): kept whole where header_words.yaml knows the name.
        if (w := _wrapped_names().match(text, m.start(), hi)) and w.end() > end and "\n" in w.group():
            end = w.end()
        doc.add_entity("ORG", m.start(), end, text[m.start():end], "pattern:organization")


@functools.cache
def _wrapped_names() -> re.Pattern[str]:
    """Names of header_words.yaml with a dash between parts, any white space (a line break too)
    around the dash and between words, as written or in capitals."""
    names = [p for p in load_yaml("header_words.yaml")["phrases"] if _rx(r"\s[-–]\s").search(p)]
    alts = []
    for name in sorted(names, key=len, reverse=True):
        parts = [r"[^\S\n]+".join(re.escape(w) for w in part.split()) for part in _rx(r"\s+[-–]\s+").split(name)]
        alts.append(r"\s*[-–]\s*".join(parts))
    return re.compile(rf"(?i:{'|'.join(alts)})(?!\w)") if alts else re.compile(r"(?!x)x")


@functools.cache
def _org_gate() -> GatedPattern:
    """Organisation names from their heads, as written ("Sở Giáo dục và Đào tạo tỉnh Quảng Nam")."""
    capitalised = [h for h in vocab.org_heads() if h[:1].isupper()]
    heads = trie_pattern(capitalised)
    upper = UPPER_LETTERS  # a word starting with a capital (Latin or Vietnamese)
    # Each word of a name is capitalised on its first syllable only ("Sở Giáo dục và Đào tạo",
    # "Bộ Tài nguyên và Môi trường"): a capitalised syllable may carry one lower-case one.
    stop = r"(?:và|của|cho|tại|về|với|năm|đã|được|có|là|các|những|trong|theo|từ|đến|để|khi|thì|ngày|đang|sẽ|tổ)"
    # A name never runs on over a line break: "UBND THÀNH PHỐ CẦN THƠ" / "CHỦ TỊCH" are two lines
    # of a signature block, "BTC" / "CỘNG HÒA ..." two columns of a header.
    sp = r"[^\S\n]+"
    word = rf"[{upper}][\w&-]*(?:{sp}(?!{stop}(?!\w))(?![{upper}])[^\W\d_]+)?"
    place = lexicon.admin_unit_pattern(abbreviations=False)
    org_re = re.compile(rf"(?<!\w)(?:{heads})(?:{sp}(?:(?:và|-|–){sp})?(?:{word}|{place}|số{sp}\d+)){{1,8}}")
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
