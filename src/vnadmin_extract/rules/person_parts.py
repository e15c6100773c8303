"""Building blocks of person mentions, shared by the persons stage and the award recipients:
family-name and honorific patterns, the organisation after a post, a post and its body at a
position ("Phó Giám đốc Sở Tư pháp")."""

from __future__ import annotations

import functools
import re

import regex

from ..vietnamese import UPPER_LETTERS, fold
from . import lexicon, vocab
from .cache import fast_compile
from .cache import rx as _rx
from .load import load_yaml
from .names import titles_pattern
from .trie import trie_pattern

__all__ = ["post_at", "titles_pattern"]

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
def named_after_person() -> frozenset[str]:
    """Bodies that bear a person's name, folded (patterns/person_names.yaml ``named_after_person``:
    "trường thpt", "bệnh viện", "đường")."""
    return frozenset(fold(w) for w in load_yaml("person_names.yaml").get("named_after_person", []))


def surname_pattern() -> str:
    """The family names of patterns/person_names.yaml as one alternation (a regex fragment)."""
    return trie_pattern(_names()[0])


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


def post_at(text: str, at: int, hi: int) -> tuple[str, str | None, int] | None:
    """The position and organisation starting at ``at`` ("Phó Giám đốc Sở Tư pháp"):
    ``(position, organisation or None, end)``, or None when no position starts there.
    Shared by the persons stage ("đồng chí X, POST") and the award recipients (list rows)."""
    pos_re = vocab.position_regex()
    p = pos_re.match(text, at)
    if not p:
        return None
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
    return position, org, end
