"""Province names, old (63 units before 2025) and new (34, from ``vietnam-provinces``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ..vietnamese import fold
from . import lexicon
from .cache import fast_compile
from .load import load_yaml
from .trie import trie_pattern


@dataclass(frozen=True)
class ProvinceInfo:
    name: str           # short name as documents write it: "Quảng Ngãi", "Hồ Chí Minh"
    kind: str           # "tinh" or "thanh_pho"
    current: str        # the post-2025 unit it belongs to


@functools.cache
def provinces() -> dict[str, ProvinceInfo]:
    """Folded short name -> info, old and new names."""
    table: dict[str, ProvinceInfo] = {}
    for e in load_yaml("provinces.yaml")["provinces_pre2025"]:
        table[fold(e["name"])] = ProvinceInfo(e["name"], e["kind"], e["merged_into"])
    try:
        from vietnam_provinces import Province

        for p in Province.iter_all():
            short = regex.sub(r"^(?:Thành phố|Tỉnh)\s+", "", p.name)
            kind = "thanh_pho" if "trung ương" in str(p.division_type.value) else "tinh"
            table.setdefault(fold(short), ProvinceInfo(short, kind, short))
    except Exception:  # the package is a dependency; its absence must not stop extraction
        pass
    table.setdefault(fold("Huế"), ProvinceInfo("Huế", "thanh_pho", "Huế"))
    table.setdefault(fold("TP. Hồ Chí Minh"), table[fold("Hồ Chí Minh")])
    return table


@functools.cache
def _prefix() -> regex.Pattern[str]:
    """"tỉnh ", "thành phố ", "TP. ": the province-level unit words (patterns/provinces.yaml)."""
    return fast_compile(rf"^{lexicon.admin_unit_pattern(province_only=True, flexible=False)}\s+", regex.I)


@functools.lru_cache(maxsize=8192)
def province(name: str | None) -> ProvinceInfo | None:
    if not name:
        return None
    return provinces().get(fold(_prefix().sub("", name.strip())))


@functools.cache
def province_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{trie_pattern({p.name for p in provinces().values()})})(?!\w)")


@functools.cache
def province_regex_ci() -> re.Pattern[str]:
    """Province names in any case (for restoring capitals)."""
    return re.compile(province_regex().pattern, re.I)
