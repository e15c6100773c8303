"""Word lists shared by several stages, built once from ``patterns/`` (the one source of each).

- honorifics (``person_names.yaml``): "đồng chí", "ông", ... before a personal name;
- name ends (``organizations.yaml``): verbs and function words after which an
  organisation's name has ended ("Sở Nội vụ trao ..."), and the issuer's name in a citation
  ("của Chính phủ quy định ...");
- administrative units (``provinces.yaml``): "xã", "thị xã", "TP." before a place's name.
"""

from __future__ import annotations

import functools
import re

from .load import load_rules


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _flex(phrase: str) -> str:
    """``phrase`` as a pattern whose spaces match any run of white space."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


@functools.cache
def honorifics(signature: bool = False) -> tuple[str, ...]:
    """Every written form ("đồng chí", "Đồng chí", ...); ``signature``: the capitalised forms
    of the words also written before a signer's name."""
    out: list[str] = []
    for h in load_rules().person_names.honorifics:
        if signature:
            if h.signature:
                out.append(_cap(h.word))
        else:
            out.extend((h.word, _cap(h.word)))
    return tuple(out)


def honorific_pattern(signature: bool = False) -> str:
    """``honorifics`` as a non-capturing alternation, spaces flexible (``re`` and ``regex`` syntax)."""
    return "(?:" + "|".join(_flex(f) for f in honorifics(signature)) + ")"


@functools.cache
def name_ends() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(one-syllable word -> the next words that keep it inside a name, two-syllable words)."""
    singles: dict[str, frozenset[str]] = {}
    pairs: set[str] = set()
    for e in load_rules().organizations.name_ends:
        if " " in e.word:
            pairs.add(e.word)
        else:
            singles[e.word] = frozenset(e.unless_next)
    return singles, frozenset(pairs)


@functools.cache
def issuer_ends() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(lower-case word -> the next words that keep it inside the name, words that end the name
    in any case once a word is taken), for the issuer of a citation."""
    entries = load_rules().organizations.citation_issuer_ends
    lower = {e.word: frozenset(e.unless_next) for e in entries if e.lower_case}
    return lower, frozenset(e.word for e in entries if e.any_case)


@functools.cache
def place_words() -> frozenset[str]:
    """The unit words and their last syllables ("thị xã", "xã", "phố"), lower case, to test a
    single word against."""
    words = [u.word for u in load_rules().provinces.admin_units]
    return frozenset([*words, *(w.split()[-1] for w in words)])


def admin_unit_pattern(*, abbreviations: bool = True, province_only: bool = False, flexible: bool = True,
                       upper: bool = False) -> str:
    """The unit words as a non-capturing alternation, longest first; abbreviations with an
    optional dot ("TP."); ``flexible``: spaces match any white space; ``upper``: in capitals
    ("THỊ XÃ", for header blocks)."""
    units = [u for u in load_rules().provinces.admin_units if not province_only or u.level == "province"]
    words = sorted((u.word.upper() if upper else u.word for u in units), key=len, reverse=True)
    alts = [_flex(w) if flexible else re.escape(w) for w in words]
    if abbreviations:
        alts += [re.escape(a) + r"\.?" for u in units for a in u.abbreviations]
    return "(?:" + "|".join(alts) + ")"
