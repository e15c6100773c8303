"""The province (tỉnh, thành phố trực thuộc trung ương) a document comes from.

Documents name their province in the issuer block ("UBND TỈNH QUẢNG NGÃI"), in the
issuing body itself ("Sở Tư pháp tỉnh Quảng Bình") or as the place of issue ("Quảng
Ngãi, ngày 23 tháng 01 năm 2024"). The list is the 63 provinces in force before the 2025
merger, because that is what the documents of the corpus's years say, plus the new
names (Huế); the value is the name as a province, without "Tỉnh"/"Thành phố".

>>> province_of({"issuer": {"name": "Sở Khoa học và Công nghệ", "parent": "UBND tỉnh Quảng Ngãi"}})
'Quảng Ngãi'
"""

from __future__ import annotations

import functools
from typing import Any

import regex

from ..rules.load import load_rules
from .fold import fold_search


@functools.cache
def provinces() -> tuple[str, ...]:
    """The 63 units before the 2025 merger and the new names they became ("Huế"), from
    ``patterns/provinces.yaml``."""
    units = load_rules().provinces.provinces_pre2025
    return tuple(dict.fromkeys([*(p.name for p in units), *(p.merged_into for p in units)]))


@functools.cache
def _aliases() -> dict[str, str]:
    """Other spellings met in documents -> the province's name."""
    return {a: p.name for p in load_rules().provinces.provinces_pre2025 for a in p.aliases}


def _key(name: str) -> str:
    return " ".join(regex.findall(r"\w+", fold_search(name)))


@functools.cache
def _table() -> tuple[dict[str, str], regex.Pattern[str], regex.Pattern[str]]:
    names = {_key(p): p for p in provinces()}
    names.update({_key(k): v for k, v in _aliases().items()})
    alts = "|".join(regex.escape(k) for k in sorted(names, key=len, reverse=True))
    # "tỉnh X", "thành phố X", "TP X", "TP. X" name a province; a bare name only as a whole.
    prefixed = regex.compile(rf"\b(?:tinh|thanh pho|tp)\s+({alts})\b")
    bare = regex.compile(rf"\b({alts})\b")
    return names, prefixed, bare


def find_province(text: str | None, *, bare: bool = True) -> str | None:
    """The province named in ``text`` ("UBND TỈNH QUẢNG NGÃI" -> "Quảng Ngãi"), or None."""
    if not text:
        return None
    names, prefixed, bare_re = _table()
    key = _key(text)
    m = prefixed.search(key) or (bare_re.search(key) if bare else None)
    return names[m.group(1)] if m else None


def province_of(header: dict[str, Any] | None) -> str | None:
    """The province of a record's ``header`` (a dict as in records.jsonl), or None.

    Order: "tỉnh X" in the parent body, then in the issuer, then the place of issue when
    it is a province's name, then a province's name anywhere in the parent or issuer.
    """
    if not header:
        return None
    issuer = header.get("issuer") or {}
    parent, name = issuer.get("parent"), issuer.get("name")
    for text in (parent, name):
        found = find_province(text, bare=False)
        if found:
            return found
    place = header.get("place")
    if place:
        names = _table()[0]
        if _key(place) in names:
            return names[_key(place)]
    for text in (parent, name):
        found = find_province(text)
        if found:
            return found
    return None
