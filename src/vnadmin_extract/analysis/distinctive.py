r"""Distinctive terms of one group of documents against another.

The measure is the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi and Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), section 3.5.

For a term :math:`w`, with :math:`y^a_w` its count in group *a*, :math:`n^a = \sum_w y^a_w`,
the same for *b*, and prior pseudo-counts :math:`\alpha_w` with :math:`\alpha_0 = \sum_w \alpha_w`:

.. math::

    \hat\delta_w = \log\frac{y^a_w + \alpha_w}{n^a + \alpha_0 - y^a_w - \alpha_w}
                 - \log\frac{y^b_w + \alpha_w}{n^b + \alpha_0 - y^b_w - \alpha_w}

    \sigma^2(\hat\delta_w) \approx \frac{1}{y^a_w + \alpha_w} + \frac{1}{y^b_w + \alpha_w}

    z_w = \hat\delta_w / \sqrt{\sigma^2(\hat\delta_w)}

``z > 0``: more typical of *a*; ``z < 0``: of *b*. Ranking by ``z`` rather than by
:math:`\hat\delta` keeps rare terms with huge but unreliable ratios from the top; ``|z| > 1.96``
is the usual rough threshold. The prior is *informative*: :math:`\alpha_w = \alpha_0 \pi_w`, where
:math:`\pi_w` is the term's share in a background corpus, by default every document of the corpus
(both groups and all others), and :math:`\alpha_0` defaults to the background's token count, i.e.
the background counts themselves are the pseudo-counts (the practice of Monroe et al.'s
replication and of Jurafsky et al. 2014). Pass ``alpha0`` to weaken (smaller) or strengthen the
shrinkage; terms absent from the background get 0.01 pseudo-counts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .corpus import Corpus
from .terms import ngrams

_FLOOR = 0.01  # pseudo-count for a term the background never saw


def log_odds_dirichlet(counts_a: pd.Series, counts_b: pd.Series, prior: pd.Series | None = None,
                       alpha0: float | None = None) -> pd.DataFrame:
    """The Monroe et al. statistic for two count vectors (index: term) and a prior (index: term).

    ``prior`` is background counts (or any non-negative weights); without it the pooled counts of
    a and b are used. Returns ``term, count_a, count_b, log_odds, se, z``, sorted by ``z``
    descending.
    """
    vocab = counts_a.index.union(counts_b.index)
    ya = counts_a.reindex(vocab, fill_value=0).astype(float).to_numpy()
    yb = counts_b.reindex(vocab, fill_value=0).astype(float).to_numpy()
    bg = (ya + yb) if prior is None else prior.reindex(vocab, fill_value=0).astype(float).to_numpy()
    bg_total = float(bg.sum()) if prior is None else float(prior.astype(float).sum())
    if bg_total <= 0:
        raise ValueError("the prior has no counts")
    scale = bg_total if alpha0 is None else float(alpha0)
    alpha = np.maximum(scale * bg / bg_total, _FLOOR)
    a0 = float(alpha.sum())
    na, nb = ya.sum(), yb.sum()
    delta = (np.log((ya + alpha) / (na + a0 - ya - alpha))
             - np.log((yb + alpha) / (nb + a0 - yb - alpha)))
    var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    out = pd.DataFrame({"term": vocab.astype(str), "count_a": ya.astype("int64"), "count_b": yb.astype("int64"),
                        "log_odds": delta, "se": np.sqrt(var), "z": delta / np.sqrt(var)})
    return out.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def distinctive_terms(corpus: Corpus, a: Any, b: Any = None, *, by: str | None = None, n: int = 1,
                      alpha0: float | None = None, prior: str | pd.Series = "corpus", min_count: int = 2,
                      include_stop: bool = False, unit: str = "tokens", top: int | None = None) -> pd.DataFrame:
    """Terms (or n-grams) that set the documents ``a`` apart from the documents ``b``.

    ``a`` and ``b`` choose documents as in ``Corpus.select``: with ``by="doc_type"``,
    ``a="Quyết định"`` means the decisions; a list of values, a boolean mask over ``corpus.docs``,
    a callable or a set of doc_ids work too. ``b=None`` is every other document. ``prior`` is
    ``"corpus"`` (all documents, see the module docstring), ``"pooled"`` (a and b only) or a
    Series of background counts. Terms with ``count_a + count_b < min_count`` are left out of the
    result (they still count in the totals). ``unit="docs"`` counts each term once per document,
    so one long document cannot make its own vocabulary "distinctive" of a whole group (advisable
    when groups have few documents).

    Columns: ``term, count_a, count_b, per_1k_a, per_1k_b, log_odds, se, z``; ``per_1k_*`` are
    per 1,000 counted terms of the group. Sorted by ``z`` descending, so the head is most
    typical of ``a`` and the tail of ``b``.
    """
    ids_a = corpus.select(a, by)
    ids_b = [d for d in corpus.docs["doc_id"] if d not in set(ids_a)] if b is None else corpus.select(b, by)
    if not ids_a or not ids_b:
        raise ValueError(f"both groups need documents (a: {len(ids_a)}, b: {len(ids_b)})")
    overlap = set(ids_a) & set(ids_b)
    if overlap:
        raise ValueError(f"{len(overlap)} document(s) are in both groups")
    if unit not in ("tokens", "docs"):
        raise ValueError("unit must be 'tokens' or 'docs'")
    occ = ngrams(corpus, n, include_stop=include_stop)
    if unit == "docs":
        occ = occ.drop_duplicates(["doc_id", "term"])
    counts_a = occ[occ["doc_id"].isin(ids_a)]["term"].value_counts()
    counts_b = occ[occ["doc_id"].isin(ids_b)]["term"].value_counts()
    if isinstance(prior, pd.Series):
        background = prior
    elif prior == "corpus":
        background = occ["term"].value_counts()
    elif prior == "pooled":
        background = None
    else:
        raise ValueError("prior must be 'corpus', 'pooled' or a Series of counts")
    table = log_odds_dirichlet(counts_a, counts_b, background, alpha0)
    na, nb = counts_a.sum(), counts_b.sum()
    table.insert(3, "per_1k_a", 1000.0 * table["count_a"] / na if na else np.nan)
    table.insert(4, "per_1k_b", 1000.0 * table["count_b"] / nb if nb else np.nan)
    table = table[table["count_a"] + table["count_b"] >= min_count].reset_index(drop=True)
    table["term"] = table["term"].astype("string")
    return table.head(top) if top is not None else table


def distinctive_by(corpus: Corpus, by: str, *, k: int = 10, n: int = 1, min_count: int = 2,
                   alpha0: float | None = None, min_docs: int = 1, unit: str = "tokens") -> pd.DataFrame:
    """For each value of ``by``, its ``k`` most distinctive terms against all other documents.

    Long format: ``by, rank, term, count_a, count_b, z``. Groups with fewer than ``min_docs``
    documents, and a column with a single value, give nothing.
    """
    col = corpus.check_by(by)[0]
    values = corpus.docs[col].dropna()
    out = []
    for value, size in values.value_counts().sort_index().items():
        if size < min_docs or size == len(corpus.docs):
            continue
        table = distinctive_terms(corpus, value, by=col, n=n, min_count=min_count, alpha0=alpha0, unit=unit)
        head = table[table["z"] > 0].head(k)
        out.append(head.assign(**{col: value, "rank": range(1, len(head) + 1)}))
    if not out:
        return pd.DataFrame(columns=[col, "rank", "term", "count_a", "count_b", "z"])
    return pd.concat(out, ignore_index=True)[[col, "rank", "term", "count_a", "count_b", "z"]]
