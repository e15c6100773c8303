"""Term and n-gram frequencies by year, issuer, province, document type (any ``docs`` column).

What is counted: tokens of kind ``word`` (letters only, see ``corpus.py``), lower-cased term keys
("thi_đua"), leaving out stop words and boilerplate (the national motto, "Nơi nhận" lists,
signature blocks) unless asked. An n-gram is ``n`` consecutive counted words on one line with
nothing left out between them: a stop word, a number or a punctuation mark ends the run, so
"thi đua, khen thưởng" yields no bigram and "phong trào thi đua yêu nước" yields
"phong_trào thi_đua" and "thi_đua yêu_nước". N-gram terms join the words' keys with a space.

Rates are per 1,000 words of the group: the denominator counts every ``word`` token of the
group's documents outside boilerplate, stop words included, so rates of different terms and
different n are comparable within a group. Groups with a missing value (a document without a
year) are kept as their own ``<NA>`` group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..nlp.segment import Segmenter, default_segmenter, syllable_spans, term_key
from .corpus import Corpus


def _counted(tokens: pd.DataFrame, include_stop: bool, include_boilerplate: bool) -> pd.Series:
    ok = tokens["kind"] == "word"
    if not include_stop:
        ok &= ~tokens["stop"]
    if not include_boilerplate:
        ok &= ~tokens["boilerplate"]
    return ok


def ngrams(corpus: Corpus, n: int = 1, *, include_stop: bool = False,
           include_boilerplate: bool = False) -> pd.DataFrame:
    """Every n-gram occurrence: ``doc_id, start, end, term`` (``text[start:end]`` is its evidence)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    tok = corpus.tokens
    ok = _counted(tok, include_stop, include_boilerplate).to_numpy()
    doc = tok["doc_id"].to_numpy()
    line = tok["line"].to_numpy()
    # A run of counted words breaks at anything not counted, at a new line and at a new document.
    breaks = pd.Series(~ok)
    breaks |= pd.Series(doc != pd.Series(doc).shift(1).to_numpy())
    breaks |= pd.Series(line != pd.Series(line).shift(1).to_numpy())
    run = breaks.cumsum().to_numpy()
    if len(tok) < n:
        return pd.DataFrame({"doc_id": pd.Series(dtype="string"), "start": pd.Series(dtype="Int64"),
                             "end": pd.Series(dtype="Int64"), "term": pd.Series(dtype="string")})
    last = len(tok) - n + 1
    valid = ok[:last] & ok[n - 1:] & (run[:last] == run[n - 1:])
    terms = tok["term"].astype(object).to_numpy()
    joined = pd.Series(terms[:last])
    for k in range(1, n):
        joined = joined + " " + pd.Series(terms[k:last + k])
    out = pd.DataFrame({
        "doc_id": tok["doc_id"].iloc[:last].to_numpy()[valid],
        "start": tok["start"].iloc[:last].to_numpy()[valid],
        "end": tok["end"].iloc[n - 1:].to_numpy()[valid],
        "term": joined.to_numpy()[valid],
    })
    return out.astype({"doc_id": "string", "start": "Int64", "end": "Int64", "term": "string"})


def _with_id(cols: Sequence[str]) -> list[str]:
    # Grouping by doc_id itself (one group per document) must not repeat the column.
    return ["doc_id", *[c for c in cols if c != "doc_id"]]


def group_sizes(corpus: Corpus, by: Sequence[str]) -> pd.DataFrame:
    """Documents and words (outside boilerplate) per group: ``*by, n_docs, n_words``."""
    tok = corpus.tokens
    words = tok[(tok["kind"] == "word") & ~tok["boilerplate"]].groupby("doc_id", observed=True).size()
    docs = corpus.docs[_with_id(by)].copy()
    docs["n_words"] = docs["doc_id"].map(words).fillna(0).astype("int64")
    if not by:
        return pd.DataFrame({"n_docs": [len(docs)], "n_words": [int(docs["n_words"].sum())]})
    return (docs.groupby(list(by), dropna=False, observed=True)
            .agg(n_docs=("doc_id", "nunique"), n_words=("n_words", "sum")).reset_index())


def term_frequencies(corpus: Corpus, by: str | Sequence[str] | None = None, n: int = 1, *,
                     min_count: int = 1, top: int | None = None, include_stop: bool = False,
                     include_boilerplate: bool = False) -> pd.DataFrame:
    """Counts of terms (``n=1``) or n-grams per group of documents.

    Columns: the ``by`` columns, ``term``, ``count`` (occurrences), ``docs`` (documents containing
    it), ``per_1k`` (occurrences per 1,000 words of the group), ``rank`` (1 = most frequent in
    its group; ties share a rank). Sorted by group, then count, then term. ``top`` keeps the
    ``top`` best ranks per group; ``min_count`` drops rarer terms.

    >>> term_frequencies(corpus, by="year").query("term == 'khen_thưởng'")   # doctest: +SKIP
    """
    cols = corpus.check_by(by)
    occ = ngrams(corpus, n, include_stop=include_stop, include_boilerplate=include_boilerplate)
    meta = corpus.docs[_with_id(cols)]
    occ = occ.merge(meta, on="doc_id", how="left")
    keys = [*cols, "term"]
    freq = (occ.groupby(keys, dropna=False, observed=True)
            .agg(count=("term", "size"), docs=("doc_id", "nunique")).reset_index())
    sizes = group_sizes(corpus, cols)
    if cols:
        freq = freq.merge(sizes[[*cols, "n_words"]], on=cols, how="left")
    else:
        freq["n_words"] = int(sizes["n_words"].iloc[0])
    freq["per_1k"] = (1000.0 * freq["count"] / freq["n_words"].where(freq["n_words"] > 0)).astype("Float64")
    freq = freq[freq["count"] >= min_count].drop(columns="n_words")
    freq["rank"] = (freq.groupby(cols, dropna=False, observed=True)["count"].rank(method="min", ascending=False)
                    if cols else freq["count"].rank(method="min", ascending=False)).astype("Int64")
    if top is not None:
        freq = freq[freq["rank"] <= top]
    freq = freq.sort_values([*cols, "count", "term"], ascending=[True] * len(cols) + [False, True],
                            na_position="last", kind="stable")
    return freq.astype({"count": "Int64", "docs": "Int64", "term": "string"}).reset_index(drop=True)


def as_term(query: str, segmenter: Segmenter | None = None) -> str:
    """A user's spelling of a term or n-gram as the tables write it.

    A query with ``_`` or without spaces is taken as written (lower-cased); otherwise it is
    segmented like the documents, so ``"thi đua"`` -> ``"thi_đua"`` and ``"phong trào thi đua"``
    -> ``"phong_trào thi_đua"``.
    """
    q = " ".join(query.split())
    if "_" in q or " " not in q:
        return q.lower()
    seg = segmenter or default_segmenter()
    return " ".join(term_key(q[s:e]) for s, e in seg.segment(q) if syllable_spans(q, s, e))


def term_trend(corpus: Corpus, terms: Iterable[str], by: str = "year", *, value: str = "per_1k",
               include_stop: bool = False) -> pd.DataFrame:
    """A table for plotting: one row per value of ``by``, one column per term (as you typed it).

    ``value`` is ``per_1k`` (default) or ``count``; a term absent from a group is 0 there.
    Each term's n is its number of words after ``as_term``. Documents whose ``by`` value is
    unknown (an undated list of recipients has no year) are left out: a trend has no place for them.
    """
    if value not in ("per_1k", "count"):
        raise ValueError("value must be 'per_1k' or 'count'")
    cols = corpus.check_by(by)
    sizes = group_sizes(corpus, cols).set_index(cols[0])
    table = pd.DataFrame(index=sizes.index)
    by_n: dict[int, pd.DataFrame] = {}
    for label in terms:
        key = as_term(label)
        n = key.count(" ") + 1
        if n not in by_n:
            by_n[n] = term_frequencies(corpus, by=cols, n=n, include_stop=include_stop)
        freq = by_n[n]
        series = freq[freq["term"] == key].set_index(cols[0])[value]
        table[label] = series.reindex(table.index).fillna(0).astype(float)
    table.index.name = cols[0]
    return table[table.index.notna()].sort_index()


def document_term_matrix(corpus: Corpus, n: int = 1, *, min_docs: int = 1,
                         include_stop: bool = False) -> pd.DataFrame:
    """Counts with one row per document (index ``doc_id``) and one column per term.

    Terms in fewer than ``min_docs`` documents are dropped; for topic models or clustering.
    """
    occ = ngrams(corpus, n, include_stop=include_stop)
    matrix = pd.crosstab(occ["doc_id"], occ["term"])
    matrix = matrix.loc[:, (matrix > 0).sum() >= min_docs]
    return matrix.reindex(corpus.docs["doc_id"], fill_value=0)
