"""Vocabularies from ``patterns/``, loaded and compiled once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ..resources import load_yaml
from ..vietnamese import fold
from .cache import fast_compile
from .trie import trie_pattern


@dataclass(frozen=True)
class DocTypeInfo:
    code: str | None
    name: str
    names: tuple[str, ...]
    codes: tuple[str, ...]  # the 2020 code first, then older ones


@functools.cache
def doc_types() -> tuple[DocTypeInfo, ...]:
    out = []
    for entry in load_yaml("doc_types.yaml")["doc_types"]:
        codes = tuple(c for c in [entry["code"], *entry.get("older", [])] if c)
        out.append(DocTypeInfo(entry["code"], entry["names"][0], tuple(entry["names"]), codes))
    return tuple(out)


@functools.cache
def type_by_code() -> dict[str, DocTypeInfo]:
    """Code (any case, 2020 or older) -> type. "QD" and "QĐ" both give Quyết định."""
    table: dict[str, DocTypeInfo] = {}
    for info in doc_types():
        for code in info.codes:
            table.setdefault(code.upper(), info)
    return table


@functools.cache
def type_by_name() -> dict[str, DocTypeInfo]:
    return {fold(name): info for info in doc_types() for name in info.names}


@functools.cache
def type_name_regex() -> regex.Pattern[str]:
    """Any type name, longest first, spaces flexible, case-insensitive."""
    names = sorted({n for info in doc_types() for n in info.names}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(regex.escape(w) for w in n.split()) for n in names)
    return fast_compile(rf"(?:{alts})", regex.I)


def _maybe_list(name: str, key: str) -> list:
    try:
        data = load_yaml(name)
    except FileNotFoundError:
        return []
    return list((data or {}).get(key, []))


@functools.cache
def positions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical, variants) of position titles, longest variant first overall."""
    out = []
    for entry in _maybe_list("positions.yaml", "positions"):
        variants = tuple(dict.fromkeys([entry["canonical"], *entry.get("variants", [])]))
        out.append((entry["canonical"], variants))
    return tuple(out)


@functools.cache
def position_regex() -> regex.Pattern[str]:
    """Position titles as a case-insensitive alternation (longest first)."""
    variants = sorted({v for _c, vs in positions() for v in vs} | set(_CORE_POSITIONS), key=len, reverse=True)
    alts = "|".join(r"\s+".join(regex.escape(w) for w in v.split()) for v in variants)
    return fast_compile(rf"(?<!\w)(?:{alts})(?!\w)", regex.I)


@functools.cache
def position_phrases_lower() -> frozenset[str]:
    return frozenset({fold(v) for _c, vs in positions() for v in vs} | {fold(v) for v in _CORE_POSITIONS})


@functools.cache
def position_regex_lower() -> re.Pattern[str]:
    """The same titles for matching a lower-cased text (much faster than the I flag)."""
    return re.compile(rf"(?<!\w)(?:{trie_pattern(position_phrases_lower())})(?!\w)")


@functools.cache
def org_head_regex() -> re.Pattern[str]:
    """Any organisation head at a position (case as written)."""
    return re.compile(rf"(?:{trie_pattern(org_heads())})(?!\w)")


@functools.cache
def org_head_regex_ci() -> regex.Pattern[str]:
    """Any organisation head, whatever its case ("CỤC", "Sở", "ỦY BAN NHÂN DÂN")."""
    alts = "|".join(r"\s+".join(regex.escape(w) for w in h.split()) for h in org_heads())
    return fast_compile(rf"(?:{alts})(?!\w)", regex.I)


@functools.cache
def position_canonical() -> dict[str, str]:
    table = {fold(c): c for c in _CORE_POSITIONS}
    for canonical, variants in positions():
        for v in variants:
            table[fold(v)] = canonical
    return table


# A floor that keeps signers working while patterns/positions.yaml is edited.
_CORE_POSITIONS = (
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Bộ trưởng", "Thứ trưởng",
    "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng ban", "Phó Trưởng ban",
    "Hiệu trưởng", "Phó Hiệu trưởng", "Bí thư", "Phó Bí thư", "Thủ tướng", "Phó Thủ tướng",
    "Chủ nhiệm", "Phó Chủ nhiệm", "Tổng cục trưởng", "Chánh Thanh tra", "Thủ trưởng",
    "Giáo viên", "Nhân viên", "Chuyên viên", "Chuyên viên chính", "Kế toán", "Bác sĩ", "Điều dưỡng",
)


@functools.cache
def org_heads() -> tuple[str, ...]:
    heads = [h for h in _maybe_list("organizations.yaml", "heads") if isinstance(h, str)]
    core = ["Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Sở", "Bộ", "Cục", "Tổng cục",
            "Chi cục", "Vụ", "Ban", "Phòng", "Văn phòng", "Trường", "Trung tâm", "Viện", "Quỹ",
            "Công đoàn", "Đảng ủy", "Đảng bộ", "Chi bộ", "Tỉnh ủy", "Huyện ủy", "Thành ủy",
            "Tỉnh đoàn", "Huyện đoàn", "Đoàn", "Hội", "Khối", "Bệnh viện", "Công ty", "Thanh tra"]
    # Abbreviations of bodies ("LĐLĐ tỉnh", "CĐCS", "MTTQ") head names too; those of posts
    # ("TTg", "CTN") do not.
    folded = {fold(h) for h in [*heads, *core]}
    abbrs = [a for a, full in abbreviations().items()
             if len(a) >= 3 and full[:1].isupper() and not fold(full).startswith("khoa học")  # a field, not a faculty
             and any(fold(full) == h or fold(full).startswith(h + " ") for h in folded)]
    return tuple(sorted(dict.fromkeys([*heads, *core, *abbrs]), key=len, reverse=True))


@functools.cache
def abbreviations() -> dict[str, str]:
    try:
        data = load_yaml("organizations.yaml") or {}
    except FileNotFoundError:
        return {}
    return dict(data.get("abbreviations") or {})
