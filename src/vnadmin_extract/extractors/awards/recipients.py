"""Named recipients around an award: the subject of a passive, a person, an organisation."""

from __future__ import annotations

import functools

import regex

from ...rules import vocab
from ...rules.cache import fast_compile
from ...rules.cache import rx as _rx
from ...rules.load import load_yaml
from ...rules.names import titles_pattern
from ...rules.trie import trie_pattern
from .words import alternation


@functools.cache
def org_start() -> regex.Pattern[str]:
    """The head word of an organisation's (or a person's) name: "Hội", "Chi đoàn", "Ông"; the
    heads of patterns/organizations.yaml as written ("Thanh tra tỉnh Tiền Giang"); the people of
    a place or unit in any case (recipients.yaml ``unit_heads`` from "nhân dân và cán bộ" on:
    "đối với nhân dân và cán bộ quận Hoàn Kiếm")."""
    heads = sorted({h for h in vocab.org_heads() if h[:1].isupper()}, key=len, reverse=True)
    people = [u for u in load_yaml("recipients.yaml")["unit_heads"] if u.startswith(("nhân dân ", "cán bộ "))]
    return fast_compile(rf"(?:{alternation('organisation_starts')}|{trie_pattern(heads)}|(?i:{trie_pattern(people)}))\b")


_NOT_A_NAME = fast_compile(r"\b(?:các|những|phấn\s+đấu|đề\s+nghị|đề\s+xuất|đăng\s+ký|chỉ\s+tiêu|có|đã|sẽ)\b", regex.I)
PAREN_NAMES = fast_compile(r"\s*\((?P<names>\p{Lu}[^()]{1,150})\)")


@functools.cache
def _fields_with_và() -> regex.Pattern[str]:
    """Fields whose names hold "và" ("Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội"):
    the expansions of patterns/organizations.yaml ``abbreviations`` that have one."""
    fields = {v for v in load_yaml("organizations.yaml")["abbreviations"].values() if " và " in v}
    # the field without its head ("Bộ Giáo dục và Đào tạo" -> "Giáo dục và Đào tạo")
    fields |= {v.split(" ", 1)[1] for v in fields if v.split(" ", 1)[0] in ("Bộ", "Sở")}
    return fast_compile(r"(?<!\w)(?:" + "|".join(
        r"\s+".join(regex.escape(w) for w in f.split()) for f in sorted(fields, key=len, reverse=True)) + r")(?!\w)",
        regex.I)


_KEPT_VÀ = "\x00"  # stands for a field's "và" while a listing is split


def split_names(listing: str) -> list[str]:
    """Names listed with "," and "và"; a field's own "và" ("Sở Giáo dục và Đào tạo") is kept."""
    listing = _fields_with_và().sub(lambda m: _rx(r"\bvà\b").sub(_KEPT_VÀ, m.group()), listing.strip())
    parts = _rx(r"\s*,\s*|\s+và\s+(?=\p{Lu})").split(listing)
    return [p.replace(_KEPT_VÀ, "và").strip(" .") for p in parts if p.strip(" .")]


@functools.cache
def _person_before() -> regex.Pattern[str]:
    """"Cô Trần Thị Mỹ Lệ, giáo viên Tổ Ngữ văn, được Chủ tịch UBND tỉnh tặng", "Thượng tá Hoàng
    Văn Nam được Thủ tướng Chính phủ tặng": a person, then the passive."""
    return fast_compile(
        rf"^\s*(?:[-+•*]\s*)?(?:(?:{alternation('recipient_honorifics')})\s+|"
        rf"(?:\p{{Ll}}+\s+){{0,3}}?(?:{titles_pattern()})\s+)"
        r"(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})"
        r"(?:\s*,[^;:,]{2,80},)?\s+(?:đã\s+)?(?:vinh\s+dự\s+)?(?:được|đạt)\s")


def named_before(text: str, cs: int, g_start: int) -> list[str]:
    """"Đảng bộ Sở X: Đạt danh hiệu ...", "Chi đoàn X được ... xếp loại", "xếp loại <Org> “...”"."""
    seg = text[cs:g_start]
    # Each shape needs its verb: "đạt"/"được" (the first two), "xếp loại"/"công nhận" (the third).
    passive = "ạt" in seg or "ược" in seg
    if not passive and "loại" not in seg and "nhận" not in seg:
        return []
    lead = passive and _rx(r"^\s*(?:[-+•*]\s*)?(?:(?:Trong\s+)?[Nn]ăm\s+\d{4}\s*,\s*)?(?P<name>[^:;,]{2,80}?)"
                           r"\s*(?::\s*(?:Đạt|đạt|Được|được)|\s+được\s|\s+đạt\s)").match(seg)
    if lead and "tặng" not in lead.group("name"):
        name = lead.group("name")
        inner = None if org_start().match(name) else list(org_start().finditer(name))
        if inner:
            name = name[inner[-1].start():]
        cut = _NOT_A_NAME.search(name)
        if cut:
            # "Sở Tài chính phấn đấu được ... tặng": the subject before the cue is the recipient;
            # "Khối thi đua phấn đấu các đơn vị đạt": another subject follows, none is named.
            if _rx(r"\b(?:các|những)\b", regex.I).search(name[cut.start():]):
                return []
            name = name[:cut.start()]
        if org_start().match(name) and 1 < len(name.split()) <= 12:
            return [name.strip()]
    person = passive and _person_before().match(seg)
    if person:
        return [person.group("name")]
    obj = _rx(r"(?:xếp\s+loại|công\s+nhận)\s+(?P<name>(?:Công\s+đoàn|Chi\s+bộ|Chi\s+đoàn|Đảng\s+bộ|Sở|Trường|Phòng|Ban)"
              r"[^“”\"]{2,80}?)\s*[“\"]?\s*$").search(seg)
    if obj:
        return [obj.group("name").strip()]
    return []
