"""Word lists shared by several stages, built once from ``patterns/`` (the one source of each).

- honorifics (``person_names.yaml``): "đồng chí", "ông", ... before a personal name;
- name ends (``organizations.yaml``): verbs and function words after which an
  organisation's name has ended ("Sở Nội vụ trao ..."), and the issuer's name in a citation
  ("của Chính phủ quy định ...");
- administrative units (``provinces.yaml``): "xã", "thị xã", "TP." before a place's name.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from ..vietnamese import place_tones
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


def _low(text: str) -> str:
    return place_tones(unicodedata.normalize("NFC", text.lower()))


@functools.cache
def issuer_name_pairs() -> frozenset[tuple[str, str]]:
    """Adjacent words (lower case) inside the names of bodies and posts: organisation heads and
    the bodies their abbreviations stand for, positions, administrative units and the words that
    continue a name. "ban nhân" (Ủy ban nhân dân), "chính phủ", "thành phố", "tịch nước"."""
    rules = load_rules()
    phrases = [*rules.organizations.heads, *rules.organizations.abbreviations.values(),
               *(p for pos in rules.positions.positions for p in (pos.canonical, *pos.variants)),
               *(u.word for u in rules.provinces.admin_units), *rules.organizations.citation_issuer_continues]
    pairs: set[tuple[str, str]] = set()
    for phrase in phrases:
        words = _low(phrase).split()
        pairs.update(itertools.pairwise(words))
    return frozenset(pairs)


@functools.cache
def issuer_name_words() -> frozenset[str]:
    """Lower-case words that go on a name after any word: one-word administrative units ("UBND
    tỉnh", "Công an huyện") and the first words of ``citation_issuer_continues`` ("khóa")."""
    rules = load_rules()
    units = [u.word for u in rules.provinces.admin_units if " " not in u.word]
    return frozenset(_low(w).split()[0] for w in [*units, *rules.organizations.citation_issuer_continues])


@functools.cache
def movement_words() -> tuple[str, ...]:
    """The words before a quoted movement that names a body ("Ban Chỉ đạo phong trào “...”"):
    ``citation_issuer_movements`` in organizations.yaml, lower case."""
    return tuple(_low(w) for w in load_rules().organizations.citation_issuer_movements)


@functools.cache
def compound_words() -> frozenset[str]:
    """Two-syllable words, lower case: underthesea's Viet74K word list (from the installed
    package, no download) and ``patterns/compounds.yaml``. Loaded on first use only (~0.6 s):
    it settles whether a lower-case word goes on a compound ("Bộ Giáo dục", "Ban Bí thư")."""
    import importlib.resources

    entries: list[str] = list(load_rules().compounds.compounds)
    try:
        path = importlib.resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt"
        entries += path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError):  # the word list is optional: heads still apply
        pass
    return frozenset(w for w in (" ".join(_low(e).split()) for e in entries) if w.count(" ") == 1)


def continues_name(prev: str, word: str, nxt: str) -> bool:
    """Whether the lower-case ``word`` after ``prev`` (and before ``nxt``) is still part of a
    body's name: a pair seen in names ("ban nhân", "thành phố"), a word that goes on any name
    ("tỉnh", "khóa"), the start of such a pair ("thành" before "phố"), or the second syllable of
    a word ("Chính phủ", "Bí thư"). "Chính phủ vẫn", "Bộ Tài chính thành mức": no."""
    p, w, n = _low(prev), _low(word), _low(nxt)
    pairs = issuer_name_pairs()
    if (p, w) in pairs or w in issuer_name_words() or (w, n) in pairs:
        return True
    return f"{p} {w}" in compound_words()


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
