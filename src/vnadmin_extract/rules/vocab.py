"""Vocabularies from ``patterns/``, loaded and compiled once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ..vietnamese import fold, strip_diacritics
from .cache import fast_compile
from .load import load_rules
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
    for entry in load_rules().doc_types.doc_types:
        codes = tuple(c for c in [entry.code, *entry.older] if c)
        out.append(DocTypeInfo(entry.code, entry.names[0], tuple(entry.names), codes))
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
def positions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical, variants) of position titles, longest variant first overall."""
    out = []
    for entry in load_rules().positions.positions:
        out.append((entry.canonical, tuple(dict.fromkeys([entry.canonical, *entry.variants]))))
    return tuple(out)


@functools.cache
def deputy_of(head: str) -> str:
    """Who signs "KT." for ``head`` (canonical): patterns/positions.yaml ``deputies``, else "Phó " + head."""
    deputy = load_rules().positions.deputies.get(head) or f"Phó {head}"
    return position_canonical().get(fold(deputy), deputy)


@functools.cache
def position_by_letters() -> dict[str, str]:
    """Canonical positions by their letters without marks ("giam doc"), where only one has
    those letters: OCR of a signature block loses marks ("GIÁM ĐÓC")."""
    seen: dict[str, set[str]] = {}
    for canonical, variants in positions():
        for v in variants:
            seen.setdefault(strip_diacritics(fold(v)), set()).add(canonical)
    return {k: next(iter(c)) for k, c in seen.items() if len(c) == 1}


@functools.cache
def position_regex() -> regex.Pattern[str]:
    """Position titles as a case-insensitive alternation (longest first)."""
    variants = sorted({v for _c, vs in positions() for v in vs}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(regex.escape(w) for w in v.split()) for v in variants)
    return fast_compile(rf"(?<!\w)(?:{alts})(?!\w)", regex.I)


@functools.cache
def position_phrases_lower() -> frozenset[str]:
    return frozenset({fold(v) for _c, vs in positions() for v in vs})


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
    table: dict[str, str] = {}
    for canonical, variants in positions():
        for v in variants:
            table[fold(v)] = canonical
    return table


@functools.cache
def org_heads() -> tuple[str, ...]:
    heads = list(load_rules().organizations.heads)
    # Abbreviations of bodies ("LĐLĐ tỉnh", "CĐCS", "MTTQ") head names too; those of posts
    # ("TTg", "CTN") do not.
    folded = {fold(h) for h in heads}
    abbrs = [a for a, full in abbreviations().items()
             if len(a) >= 3 and full[:1].isupper() and not fold(full).startswith("khoa học")  # a field, not a faculty
             and any(fold(full) == h or fold(full).startswith(h + " ") for h in folded)]
    return tuple(sorted(dict.fromkeys([*heads, *abbrs]), key=len, reverse=True))


@functools.cache
def abbreviations() -> dict[str, str]:
    return dict(load_rules().organizations.abbreviations)
