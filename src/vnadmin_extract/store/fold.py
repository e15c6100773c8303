"""Search keys: Vietnamese text without marks, one character per character.

SQLite's ``unicode61 remove_diacritics 2`` tokenizer drops tone and quality marks but
keeps ``đ`` (it is a letter, not a d with a mark), so "lao dong" would not find "Lao
động". The store therefore indexes a folded copy of each searchable column and folds the
query the same way. Folding also writes a word-final ``y`` after a consonant as ``i``,
because both spellings are in use ("Chiến sĩ" / "Chiến sỹ", "kĩ" / "kỹ", "lí" / "lý").

Folding keeps the length (``len(fold_search(s)) == len(s)``), so an offset found in the
folded text is the same offset in the original: that is how snippets are highlighted.

>>> fold_search("Chiến sỹ thi đua")
'chien si thi dua'
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from ..vietnamese import strip_diacritics

# A word-final y after a consonant letter: sỹ, kỹ, lý, mỹ, hy (not huy, tuy, quy).
_FINAL_Y = regex.compile(r"(?<=\b[b-df-hj-np-tv-xz]+)y\b")
_TOKEN = regex.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = strip_diacritics(ch).lower()
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


class _FoldTable(dict):
    """code point -> folded character, filled on first use; ``str.translate`` then folds a
    whole document at C speed (a per-character generator was most of an export's time)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _fold_char(ch) if code > 127 else ch.lower()
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold_search(text: str | None) -> str:
    """Lower case, no diacritics, đ -> d, final consonant+y -> i; same length as ``text``."""
    if not text:
        return ""
    return _FINAL_Y.sub("i", text.translate(_TABLE))


def query_tokens(query: str) -> list[str]:
    """The words of a user's query, folded like the index ("Chiến sỹ" -> ["chien", "si"])."""
    return _TOKEN.findall(fold_search(unicodedata.normalize("NFC", query)))


_QUOTED = regex.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')


def query_groups(query: str) -> list[list[str]]:
    """The query as groups of folded words: a phrase in quotes is one group ("chiến sĩ thi đua"
    straight or curly quotes), every other word a group of its own.

    >>> query_groups('"Chiến sỹ thi đua" Bằng khen')
    [['chien', 'si', 'thi', 'dua'], ['bang'], ['khen']]
    """
    groups: list[list[str]] = []
    for m in _QUOTED.finditer(unicodedata.normalize("NFC", query)):
        if m.group(3) is not None:
            groups += [[t] for t in query_tokens(m.group(3))]
        else:
            words = query_tokens(m.group(1) if m.group(1) is not None else m.group(2))
            if words:
                groups.append(words)
    return groups


def fts_phrases_expression(groups: list[list[str]], columns: tuple[str, ...] = ()) -> str:
    """An FTS5 MATCH expression requiring every group, each group as a phrase (words in order)."""
    body = " ".join('"' + " ".join(t.replace('"', '""') for t in g) + '"' for g in groups)
    if columns:
        return "{" + " ".join(columns) + "} : (" + body + ")"
    return body


def fts_match_expression(tokens: list[str], columns: tuple[str, ...] = ()) -> str:
    """An FTS5 MATCH expression requiring every token; passed to SQL as a parameter.

    Tokens are ``\\w+`` runs, so quoting them cannot break out of the string; a token is
    quoted all the same so that words such as ``AND``/``NOT`` stay words.
    """
    body = " ".join('"' + t.replace('"', '""') + '"' for t in tokens)
    if columns:
        return "{" + " ".join(columns) + "} : (" + body + ")"
    return body
