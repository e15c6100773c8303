"""Trying a word-list pattern only where one of its words starts.

The vocabularies (award names, positions, honorifics, family names, provinces, organisation
heads) are compiled as tries, and ``pattern.finditer(text)`` makes the engine try the trie at
every character of the text: a few tenths of a millisecond per pattern and document, the
largest part of the pipeline's time. A ``GatedPattern`` looks the text's words up first: each
text gets an index from lower-cased word (letter run) to where it starts, built once, and a
pattern is tried only at the starts of the words that begin one of its phrases. The matches
are the same as ``pattern.finditer`` gives, in the same order, because:

- every match of the pattern begins with one of its phrases, at the start of a word (the
  pattern says so with a look-behind such as ``(?<!\\w)``), and
- the pattern checks where each phrase's first word ends (a ``(?!\\w)``, or the white space
  between words), so the text's word there is that first word, not a longer one.

``tests/test_gate.py`` checks the equality on every corpus document for each gated pattern.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ..vietnamese import lower_same_length, lowered
from .trie import trie_pattern

_WORD_RUN = re.compile(r"[^\W\d_]+")


# The first words of every gated pattern so far: the index keeps only these (a fifth of a text's
# words), and a new gate's words make a new index version.
_FIRST_WORDS: set[str] = set()
_version = 0


def word_starts(text: str) -> dict[str, list[int]]:
    """Lower-cased first word of a gated phrase -> its start offsets in ``text``, ascending
    (the same index for a text and its lower-cased copy)."""
    return _word_starts(lowered(text), _version)


@functools.lru_cache(maxsize=4)
def _word_starts(low: str, version: int) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for m in _first_word_regex(version).finditer(low):
        found = index.get(m.group())
        if found is None:
            index[m.group()] = [m.start()]
        else:
            found.append(m.start())
    return index


@functools.lru_cache(maxsize=2)
def _first_word_regex(version: int) -> re.Pattern[str]:
    """Any first word, as a whole word: one scan of the text finds them all."""
    return re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(_FIRST_WORDS)})(?![^\W\d_])")


def first_word(phrase: str) -> str:
    m = _WORD_RUN.search(lower_same_length(phrase))
    if m is None or m.start() != len(phrase) - len(phrase.lstrip()):
        raise ValueError(f"a gated phrase must start with a letter: {phrase!r}")
    return m.group()


class GatedPattern:
    """``pattern`` (compiled), whose matches each begin with a phrase of ``phrases``."""

    def __init__(self, pattern: Any, phrases: Iterable[str]) -> None:
        self.pattern = pattern
        self._last: tuple[dict[str, list[int]], list[int]] | None = None
        global _version
        self.first_words = frozenset(first_word(p) for p in phrases if p.strip())
        if not self.first_words <= _FIRST_WORDS:
            _FIRST_WORDS.update(self.first_words)
            _version += 1

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """The matches of ``self.pattern.finditer(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        starts = self._starts(text)
        match = self.pattern.match
        resume = pos
        for s in starts[bisect.bisect_left(starts, pos):]:
            if s < resume:
                continue
            if s >= end:
                break
            m = match(text, s, end)
            if m is not None:
                yield m
                resume = m.end() if m.end() > s else s + 1

    def _starts(self, text: str) -> list[int]:
        """Where this pattern's first words start in ``text`` (kept for the text last asked about:
        a stage asks about one sentence after another)."""
        index = word_starts(text)
        if self._last is not None and self._last[0] is index:
            return self._last[1]
        keys = index.keys() & self.first_words
        if not keys:
            starts: list[int] = []
        elif len(keys) == 1:
            starts = index[next(iter(keys))]
        else:
            starts = sorted(chain.from_iterable(index[k] for k in keys))
        self._last = (index, starts)
        return starts
