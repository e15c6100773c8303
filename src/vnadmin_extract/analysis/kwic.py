"""Keyword in context: every occurrence of a word or phrase with the words around it.

``kwic(corpus, "thi đua", window=8)`` finds the phrase syllable by syllable, case-insensitively,
starting and ending on word boundaries of the segmentation (so "thi đua" is found whether the
segmenter made it one word or two, and "đua" alone does not match inside "thi đua"); ``fold=True``
also ignores diacritics, and a query written without any ("thi dua") is folded by default, as
``search`` does (``fold=False`` to match it as written). ``window`` counts words and numbers on each side;
punctuation is shown but not counted. By default the context stops at the line break, because a
line is a paragraph, a list item or a heading in these documents (``cross_lines=True`` lets it
run on; a line break then shows as `` ¶ ``).

One row per occurrence, in document and text order: ``doc_id, start, end`` (``text[start:end]``
is the match), ``left, match, right`` (white space collapsed), ``section`` (innermost section
id, when the corpus came from a ``Dataset``), ``line``, and the document's ``year, issuer,
province, doc_type``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import pandas as pd
import regex

from ..nlp.segment import syllable_spans
from .corpus import Corpus

_SPACE = regex.compile(r"[ \t\r\f\v]+")
_LINEBREAK = regex.compile(r"\s*\n\s*")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
META = ("year", "issuer", "province", "doc_type")


def is_unaccented(query: str) -> bool:
    """Written without Vietnamese letters (ASCII only): then it is matched accent-insensitively."""
    return query.isascii()


def _phrase(query: str) -> list[str]:
    q = query.replace("_", " ").lower()
    return [q[s:e] for s, e in syllable_spans(q)]


def _flat(text: str) -> str:
    return _SPACE.sub(" ", _LINEBREAK.sub(" ¶ ", text)).strip()


def _innermost(sections: pd.DataFrame | None, pos: int) -> str | None:
    if sections is None or sections.empty:
        return None
    inside = sections[(sections["start"] <= pos) & (sections["end"] > pos)]
    if inside.empty:
        return None
    return str(inside.sort_values(["level", "start"]).iloc[-1]["section_id"])


def kwic(corpus: Corpus, query: str | Sequence[str], window: int = 8, *, fold: bool | None = None,
         aligned: bool = True, cross_lines: bool = False, docs: Iterable[str] | None = None) -> pd.DataFrame:
    """Concordance of ``query`` (a phrase, or a list of phrases: then a ``query`` column says which).

    >>> kwic(corpus, "thi đua", window=8).head()                      # doctest: +SKIP
    """
    if window < 0:
        raise ValueError("window must be >= 0")
    queries = [query] if isinstance(query, str) else list(query)
    wanted = None if docs is None else set(docs)
    meta = corpus.docs.set_index("doc_id")
    sections = corpus.sections
    by_doc = dict(tuple(sections.groupby("doc_id", observed=True))) if sections is not None else {}
    rows = []
    for doc_id in corpus.docs["doc_id"]:
        if wanted is not None and doc_id not in wanted:
            continue
        text = corpus.texts[doc_id]
        spans = corpus.spans[doc_id]
        index = corpus.index(doc_id)
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        countable = [bool(_ALNUM.search(text[s:e])) for s, e in spans]
        for q in queries:
            phrase = _phrase(q)
            folding = is_unaccented(q) if fold is None else fold
            for p, r in index.find(phrase, aligned=aligned, fold=folding):
                start, end = index.start[p], index.end[r - 1]
                t0, t1 = index.tok[p], index.tok[r - 1]
                line = bisect.bisect_left(newlines, start)
                line_lo = newlines[line - 1] + 1 if line > 0 and not cross_lines else 0
                line_hi = newlines[line] if line < len(newlines) and not cross_lines else len(text)
                left_start, k, seen = start, t0 - 1, 0
                while k >= 0 and seen < window and spans[k][0] >= line_lo:
                    left_start = spans[k][0]
                    seen += countable[k]
                    k -= 1
                right_end, k, seen = end, t1 + 1, 0
                while k < len(spans) and seen < window and spans[k][1] <= line_hi:
                    right_end = spans[k][1]
                    seen += countable[k]
                    k += 1
                row = {"doc_id": doc_id, "start": start, "end": end,
                       "left": _flat(text[left_start:start]), "match": _flat(text[start:end]),
                       "right": _flat(text[end:right_end]),
                       "section": _innermost(by_doc.get(doc_id), start), "line": line}
                if len(queries) > 1:
                    row["query"] = q
                for m in META:
                    row[m] = meta.at[doc_id, m] if m in meta.columns else None
                rows.append(row)
    columns = ["doc_id", "start", "end", "left", "match", "right", "section", "line",
               *(["query"] if len(queries) > 1 else []), *META]
    out = pd.DataFrame(rows, columns=columns)
    types = {"doc_id": "string", "start": "Int64", "end": "Int64", "left": "string", "match": "string",
             "right": "string", "section": "string", "line": "Int64"}
    for m in META:
        if m in meta.columns:
            types[m] = str(meta[m].dtype) if len(out) else "object"
    return out.astype({k: v for k, v in types.items() if v != "object"})


def format_kwic(table: pd.DataFrame, width: int = 60) -> str:
    """The classic aligned concordance as text: left context right-aligned, match, right context."""
    lines = []
    for row in table.itertuples(index=False):
        left = str(row.left)[-width:]
        right = str(row.right)[:width]
        lines.append(f"{left:>{width}}  [{row.match}]  {right}")
    return "\n".join(lines)
