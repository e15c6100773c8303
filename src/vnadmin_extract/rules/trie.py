"""Compile a list of phrases into one trie-shaped regex.

A plain alternation of a few hundred phrases ("Chiến sĩ thi đua cơ sở|Chiến sĩ thi đua toàn
quốc|...") makes the regex engine try every branch at every position; sharing prefixes
("Chiến sĩ thi đua (?:cơ sở|toàn quốc)") cuts that to one walk down a tree. White space
inside a phrase matches any run of white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # marks the end of a phrase in the trie


def _insert(trie: dict, tokens: list[str]) -> None:
    node = trie
    for tok in tokens:
        node = node.setdefault(tok, {})
    node[_END] = {}


def _tokens(phrase: str) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            out.append(" ")
        out.extend(word)
    return out


def _emit(node: dict) -> str:
    ends = _END in node
    branches = []
    for tok, child in sorted(node.items(), key=lambda kv: kv[0]):
        if tok == _END:
            continue
        piece = r"\s+" if tok == " " else re.escape(tok)
        branches.append(piece + _emit(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longest match first: the optional end comes after the longer branches are tried.
    return f"(?:{body})?" if ends else body


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases`` (longest alternative first at each branch)."""
    trie: dict = {}
    for p in phrases:
        if p.strip():
            _insert(trie, _tokens(p))
    return _emit(trie)
