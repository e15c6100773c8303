"""Person-name building blocks shared by the extractors (persons, awards): the ranks and
titles that stand before a name (honorifics: ``rules.lexicon.honorific_pattern``)."""

from __future__ import annotations

import functools

from .load import load_yaml
from .trie import trie_pattern


@functools.cache
def titles_pattern() -> str:
    """Ranks and titles before a name, chained ("Đại tá", "PGS.TS", "Phó Giáo sư, Tiến sĩ").
    Plain syntax, valid for both ``re`` and ``regex``."""
    data = load_yaml("person_names.yaml").get("titles", {})
    words = [w for ws in data.values() for w in ws]
    one = rf"(?:{trie_pattern(words)})(?![^\W\d_])"
    return rf"{one}(?:(?:\s*[.,]\s*|\s+){one}){{0,3}}\.?"
