"""Stop words of administrative Vietnamese, from ``patterns/stopwords.yaml``.

An entry is a word ("và"), a multi-syllable word ("đối với") or a fixed phrase ("theo quy định",
"các cấp, các ngành"). Entries are compared with the text syllable by syllable, in lower case,
and a match must begin and end on word boundaries of the segmentation; every word a match covers
is a stop word *there*. So "theo quy định" makes "quy_định" a stop word in that phrase only,
while "quy_định" elsewhere is counted. Administrative verbs and nouns that carry meaning in this
domain ("thực hiện", "thi đua", "khen thưởng", "tập thể") are deliberately not stop words.
"""

from __future__ import annotations

import functools

from ..nlp.segment import syllable_spans, term_key
from ..rules.load import load_yaml


def _syllables(phrase: str) -> tuple[str, ...]:
    low = phrase.lower()
    return tuple(low[s:e] for s, e in syllable_spans(low))


@functools.cache
def stopword_phrases() -> tuple[tuple[str, ...], ...]:
    """Every entry of ``patterns/stopwords.yaml`` as a tuple of lower-case syllables."""
    entries = load_yaml("stopwords.yaml")["stopwords"]
    return tuple(sorted({_syllables(str(e)) for e in entries if str(e).strip()}, key=lambda p: (-len(p), p)))


@functools.cache
def stopwords() -> frozenset[str]:
    """The entries as term keys ("đối_với"), for filtering tables of terms yourself.

    Phrases with punctuation ("các cấp, các ngành") are left out: they are never one term.
    """
    entries = load_yaml("stopwords.yaml")["stopwords"]
    return frozenset(term_key(str(e)) for e in entries if all(ch.isalpha() or ch.isspace() for ch in str(e)))
