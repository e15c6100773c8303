"""Grouping keys of recipients across documents: the same person or unit in many documents.

A recipient is grouped by its name *and* its organisation, never by its name alone (many
people share a name): ``name_key`` is the name folded (no diacritics, đ -> d, lower case,
words only, abbreviations expanded), ``org_key`` the organisation folded the same way, with
the province it belongs to as its scope after ``|``:

- "tỉnh X" / "thành phố X" in the organisation (or in a unit's own name) leaves the words
  and gives the scope ("Sở Tư pháp tỉnh Hà Nam" -> ``so tu phap|ha nam``);
- otherwise the document's province is the scope, and a bare trailing "tỉnh" means it
  ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh" in a Quảng Bình decision -> ``bo chi huy bo doi bien
  phong|quang binh``), so "Sở Tư pháp" of two provinces stays two units;
- punctuation goes ("phòng Cải cách hành chính, Sở Nội vụ" = "Phòng Cải cách hành chính
  Sở Nội vụ"), abbreviations of ``patterns/grouping.yaml`` are expanded ("UBND" = "Ủy ban
  nhân dân") and other names of one body made one ("Tỉnh đoàn" = "Đoàn TNCS Hồ Chí Minh tỉnh").

A recipient without an organisation is grouped by name within its province. The keys are
computed when the rows are made (``tables.py``), so SQLite, Parquet, DuckDB and PostgreSQL
all group alike; the views over them are in ``views.py``.

>>> keys("Vũ Thị Ngọc Lan", "phòng Cải cách hành chính, Sở Nội vụ", "Hà Nam")
('vu thi ngoc lan', 'phong cai cach hanh chinh so noi vu|ha nam')
>>> keys("UBND xã Thanh Hà", "Sở Tư pháp tỉnh Hà Nam", "Quảng Ngãi")
('uy ban nhan dan xa thanh ha', 'so tu phap|ha nam')
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from ..rules.load import load_rules
from .fold import fold_search
from .provinces import provinces

_WORD = regex.compile(r"[\w&]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_search(unicodedata.normalize("NFC", text)))


@functools.cache
def _abbreviations() -> dict[str, list[str]]:
    return {" ".join(_words(k)): _words(v) for k, v in load_rules().grouping.abbreviations.items()}


@functools.cache
def _aliases() -> tuple[tuple[tuple[str, ...], list[str]], ...]:
    """(words, replacement) pairs, longest first; the abbreviations already expanded in both."""
    def expand(text: str) -> list[str]:
        return [x for w in _words(text) for x in _abbreviations().get(w, [w])]
    pairs = [(tuple(expand(k)), expand(v)) for k, v in load_rules().grouping.aliases.items()]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def _replace_aliases(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, repl in _aliases():
            if tuple(words[i:i + len(phrase)]) == phrase:
                out += repl
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


@functools.cache
def _province_words() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_words(w)) for w in load_rules().grouping.province_words)


@functools.cache
def _local_words() -> tuple[tuple[str, ...], ...]:
    # Longest first: "thị xã" before "xã".
    return tuple(sorted((tuple(_words(w)) for w in load_rules().grouping.local_words), key=len, reverse=True))


def _local_end(words: list[str]) -> tuple[str, ...] | None:
    """The bare administrative word a name ends with ("... huyện"), if any."""
    for lead in _local_words():
        if len(words) > len(lead) and tuple(words[-len(lead):]) == lead:
            return lead
    return None


def _locality(lead: tuple[str, ...], issuer: str | None) -> str | None:
    """"huyen dong son" from the issuer "UBND HUYỆN ĐÔNG SƠN" for the bare word "huyện" (the
    issuer's lines one by one: its name, then its parent body)."""
    for line in (issuer or "").split("\n"):
        words = _words(line)
        for i in range(len(words) - len(lead), -1, -1):
            if tuple(words[i:i + len(lead)]) == lead and i + len(lead) < len(words):
                return " ".join(words[i:])
    return None


@functools.cache
def _province_names() -> tuple[tuple[str, ...], ...]:
    # Longest first: "Bà Rịa - Vũng Tàu" before a shorter name it might contain.
    return tuple(sorted({tuple(_words(p)) for p in provinces()}, key=len, reverse=True))


def _normalize(text: str | None) -> tuple[list[str], str | None]:
    """Folded words with abbreviations expanded and "tỉnh X" removed; the province X it named."""
    if not text:
        return [], None
    abbr = _abbreviations()
    words: list[str] = []
    for w in _words(text):
        words += abbr.get(w, [w])
    words = _replace_aliases(words)
    scope = None
    i = 0
    out: list[str] = []
    while i < len(words):
        hit: tuple[int, str | None] | None = None
        for lead in _province_words():
            if tuple(words[i:i + len(lead)]) != lead:
                continue
            rest = words[i + len(lead):]
            for name in _province_names():
                if tuple(rest[:len(name)]) == name:
                    hit = (len(lead) + len(name), " ".join(name))
                    break
            if hit is None and not rest and lead == ("tinh",):
                hit = (len(lead), None)  # a bare trailing "tỉnh": the document's own province
            if hit:
                break
        if hit:
            i += hit[0]
            scope = scope or hit[1]
            continue
        out.append(words[i])
        i += 1
    if out[-1:] == ["tinh"] and len(out) > 1:
        out.pop()  # "Tỉnh đoàn tỉnh Quảng Bình" -> "đoàn tncs hồ chí minh tỉnh" + "tỉnh Quảng Bình"
    return out, scope


def keys(name: str | None, organization: str | None, province: str | None,
         issuer: str | None = None) -> tuple[str | None, str | None]:
    """``(name_key, org_key)`` of a recipient of a document of ``province`` issued by ``issuer``
    (its name, then its parent body on a second line); ``(None, None)`` without a name."""
    name_words, name_scope = _normalize(name)
    if not name_words:
        return None, None
    org_words, org_scope = _normalize(organization)
    scope = name_scope or org_scope or (" ".join(_words(province)) if province else "")
    lead = _local_end(org_words) or (None if org_words else _local_end(name_words))
    local = _locality(lead, issuer) if lead else None
    if local:
        scope = f"{scope}/{local}"
    return " ".join(name_words), " ".join(org_words) + "|" + scope
