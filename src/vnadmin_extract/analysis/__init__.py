"""Text analysis of a run's documents: word segmentation, term and n-gram frequencies, keyword
in context, distinctive terms, movements and slogans, citations.

>>> from vnadmin_extract import dataset
>>> from vnadmin_extract.analysis import kwic, term_frequencies, distinctive_terms
>>> ds = dataset.load("out")                                         # doctest: +SKIP
>>> corpus = ds.corpus()            # segmented once (underthesea), cached  # doctest: +SKIP
>>> term_frequencies(corpus, by="year", n=2, top=10)                  # doctest: +SKIP
>>> kwic(corpus, "thi đua", window=8)                                 # doctest: +SKIP
>>> distinctive_terms(corpus, "Quyết định", by="doc_type", top=20)    # doctest: +SKIP

Conventions (see each module): a word is an offset span into the record's text; its term key
is lower case with syllables joined by "_" ("thi_đua"); n-grams join keys with a space.
"""

from __future__ import annotations

from ..nlp.segment import Segmenter, default_segmenter, segment, term_key, words
from .campaigns import movement_summary, movements
from .corpus import Corpus, build_corpus
from .distinctive import distinctive_by, distinctive_terms, log_odds_dirichlet
from .kwic import format_kwic, kwic
from .legal import citation_graph, citations, cited_table
from .stopwords import stopwords
from .terms import as_term, document_term_matrix, ngrams, term_frequencies, term_trend

__all__ = [
    "Corpus", "Segmenter", "as_term", "build_corpus", "citation_graph", "citations", "cited_table",
    "default_segmenter", "distinctive_by", "distinctive_terms", "document_term_matrix", "format_kwic",
    "kwic", "log_odds_dirichlet", "movement_summary", "movements", "ngrams", "segment", "stopwords",
    "term_frequencies", "term_key", "term_trend", "words",
]
