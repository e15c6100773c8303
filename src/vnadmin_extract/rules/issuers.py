"""Whether a header line names an issuing body (``patterns/issuers.yaml``).

A header block's issuer lines start with an organisation head ("SỞ", "ỦY BAN NHÂN DÂN",
"BAN CHẤP HÀNH", ...), an abbreviation ("UBND", "HĐND"), an administrative unit with its
name ("TỈNH QUẢNG BÌNH") or a position that issues in its own name ("THỦ TƯỚNG CHÍNH PHỦ").
Anything else that the layout put there (the motto cut in two, a signer's title, a table
heading, "SỐ LIỆU") is a fragment, which the header stage refuses with a warning.
"""

from __future__ import annotations

import functools

from ..vietnamese import fold
from . import vocab
from .cache import fast_compile
from .load import load_rules, load_yaml

_NUMBER = fast_compile(r"\d+\s*/")
_DIGIT = fast_compile(r"\d")


@functools.cache
def _type_names() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(t.name).split()) for t in vocab.doc_types())


@functools.cache
def _starts() -> tuple[frozenset[str], tuple[str, ...]]:
    data = load_yaml("issuers.yaml")
    heads = {fold(h) for h in vocab.org_heads()}
    heads |= {fold(p) for p in data["issuing_positions"]}
    abbrs = {fold(a) for a in vocab.abbreviations()}
    abbrs |= {f"{fold(p)} {a}" for p in data["abbreviation_prefixes"] for a in list(abbrs)}
    localities = tuple(sorted({fold(u.word) for u in load_rules().provinces.admin_units}
                              | {fold(a) for u in load_rules().provinces.admin_units for a in u.abbreviations},
                              key=len, reverse=True))
    return frozenset(heads | abbrs), localities


def is_issuer_name(text: str | None) -> bool:
    """"SỞ TƯ PHÁP" and "UBND TỈNH QUẢNG BÌNH" are; "THƯ KÝ" and "NGHĨA VIỆT NAM" are not."""
    if not text:
        return False
    words = fold(text).split()
    if not words or _NUMBER.search(text):  # a document number glued on: "HÒA XÃ HỘI 83/2025/NQ-HĐND"
        return False
    starts, localities = _starts()
    if any(" ".join(words[:len(t)]) == " ".join(t) for t in _type_names()):
        return False  # "BÁO CÁO THÀNH TÍCH" is a type line, though "Báo" heads a newspaper's name
    for n in range(min(len(words), 12), 0, -1):
        if " ".join(words[:n]) in starts:
            return True
    for loc in localities:
        lw = loc.split()
        rest = words[len(lw):]
        if words[:len(lw)] == lw and 0 < len(rest) <= 4 and not _DIGIT.search(" ".join(rest)):
            return True  # "TỈNH QUẢNG BÌNH", not "TỈNH LÂM ĐỒNG GIAI ĐOẠN 1998 - 2000"
    return False


def starts_with_body(text: str) -> bool:
    """Whether ``text`` starts with an organisation head or abbreviation ("HUYỆN ỦY HẢI HẬU",
    "UBND TỈNH X"), as opposed to a bare administrative unit ("TỈNH HƯNG YÊN")."""
    words = fold(text).split()
    starts, _ = _starts()
    return any(" ".join(words[:n]) in starts for n in range(min(len(words), 12), 0, -1))
