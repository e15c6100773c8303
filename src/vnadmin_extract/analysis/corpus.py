"""A segmented corpus: every document of a run as words with offsets, kinds and flags.

``build_corpus(ds)`` segments each document once (see ``segment.py`` for the cache) and returns
a ``Corpus`` with two DataFrames:

``docs`` (one row per document with text; metadata to group by)
    ``doc_id, path, genre, doc_type, doc_type_code, issuer, issuer_parent, province, date,
    year, title, n_words`` (``n_words`` counts tokens of kind ``word``)

``tokens`` (one row per token, in text order)
    ========== ======== =========================================================
    doc_id     string   the document
    i          Int64    token number within the document, from 0
    start, end Int64    offsets into the document's text: ``text[start:end]``
    line       Int64    line number (from 0) the token is on
    surface    string   the token as written ("Bằng khen")
    term       string   counting key: lower case, syllables joined by "_" ("bằng_khen")
    kind       category ``word`` (letters only, e.g. "UBND", "thi đua"), ``number`` ("2023",
                        "23/01/2024", "95%"), ``punct``, ``label`` (list labels "a", "II"),
                        ``symbol`` (anything mixed: "98/2023/NĐ-CP", "GD&ĐT")
    stop       bool     covered by an entry of ``patterns/stopwords.yaml`` (see ``stopwords.py``)
    boilerplate bool    in the national motto lines, the "Nơi nhận" list, a signature block
                        or "(Đã ký)": the same in every document, so left out of term counts
    ========== ======== =========================================================

Documents whose record has ``error`` set or no ``text`` (a run with ``--no-text``) are left out
and listed in ``Corpus.skipped``.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
import regex

from ..nlp.segment import Segmenter, Span, default_segmenter, syllable_spans, term_key
from ..store.fold import fold_search
from .stopwords import stopword_phrases

if TYPE_CHECKING:
    from ..dataset import Dataset

KINDS = ("word", "number", "punct", "label", "symbol")
DOC_COLUMNS = ("doc_id", "path", "genre", "doc_type", "doc_type_code", "issuer", "issuer_parent",
               "province", "date", "year", "title")

_WORD = regex.compile(r"^[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)*$")
_NUMBER = regex.compile(r"^\d+(?:[.,/:–-]\d+)*%?$")
_ROMAN = regex.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_WS = regex.compile(r"\s+")
# Boilerplate found on a folded copy of the text (same length, so offsets carry over).
_MOTTO = regex.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
_SIGNED = regex.compile(r"\(\s*da ky\s*\)|\(\s*da ky va dong dau\s*\)")
_RECIPIENTS = regex.compile(r"(?m)^[ \t]*noi nhan\b[^\n]*(?:\n[ \t]*[-+•*][^\n]*)*")


def token_kind(surface: str) -> str:
    """``word``, ``number``, ``punct``, ``label`` or ``symbol`` (see the module docstring)."""
    if _WORD.match(surface):
        if (_ROMAN.match(surface) and surface.isupper()) or (len(surface) == 1 and surface.isascii()):
            return "label"
        return "word"
    if _NUMBER.match(surface):
        return "number"
    if not _ALNUM.search(surface):
        return "punct"
    return "symbol"


class SyllableIndex:
    """A document's syllables with the word they belong to, for phrase lookups.

    A phrase matches when its syllables equal consecutive syllables of the text (lower case,
    or folded: no diacritics) and, with ``aligned=True``, it starts at the first syllable of a
    word and ends at the last syllable of a word. So "thi đua" finds the word "thi đua" and also
    "thi" + "đua" segmented apart, but not "đua" inside "thi đua".
    """

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        syl_start: list[int] = []
        syl_end: list[int] = []
        syl_tok: list[int] = []
        first: list[bool] = []
        last: list[bool] = []
        for t, (s, e) in enumerate(spans):
            parts = syllable_spans(text, s, e) or [(s, e)]
            for k, (a, b) in enumerate(parts):
                syl_start.append(a)
                syl_end.append(b)
                syl_tok.append(t)
                first.append(k == 0)
                last.append(k == len(parts) - 1)
        self.start, self.end, self.tok, self.first, self.last = syl_start, syl_end, syl_tok, first, last
        self._positions: dict[bool, dict[str, list[int]]] = {}
        self._src: dict[bool, str] = {}

    def _index(self, fold: bool) -> dict[str, list[int]]:
        if fold not in self._positions:
            src = fold_search(self.text) if fold else self.text.lower()
            pos: dict[str, list[int]] = defaultdict(list)
            for p, (a, b) in enumerate(zip(self.start, self.end, strict=True)):
                pos[src[a:b]].append(p)
            self._positions[fold] = pos
            self._src[fold] = src
        return self._positions[fold]

    def find(self, phrase: Sequence[str], *, aligned: bool = True, fold: bool = False) -> list[tuple[int, int]]:
        """``(first_syllable, last_syllable + 1)`` of every match of ``phrase`` (lower-case syllables)."""
        if not phrase:
            return []
        index = self._index(fold)
        src = self._src[fold]
        if fold:
            phrase = [fold_search(p) for p in phrase]
        n = len(phrase)
        hits = []
        for p in index.get(phrase[0], ()):
            q = p + n
            if q > len(self.start) or (aligned and not (self.first[p] and self.last[q - 1])):
                continue
            if all(src[self.start[p + k]:self.end[p + k]] == phrase[k] for k in range(1, n)):
                hits.append((p, q))
        return hits


@dataclass
class Corpus:
    """Segmented documents of a run (see the module docstring for the columns)."""

    docs: pd.DataFrame
    tokens: pd.DataFrame
    texts: dict[str, str]
    spans: dict[str, list[Span]]
    skipped: dict[str, str] = field(default_factory=dict)  # doc_id -> why it was left out
    sections: pd.DataFrame | None = None
    _indexes: dict[str, SyllableIndex] = field(default_factory=dict, repr=False)

    def index(self, doc_id: str) -> SyllableIndex:
        if doc_id not in self._indexes:
            self._indexes[doc_id] = SyllableIndex(self.texts[doc_id], self.spans[doc_id])
        return self._indexes[doc_id]

    def words(self, doc_id: str) -> list[str]:
        """The document's tokens as written."""
        text = self.texts[doc_id]
        return [text[s:e] for s, e in self.spans[doc_id]]

    def check_by(self, by: str | Sequence[str] | None) -> list[str]:
        """``by`` as a list of ``docs`` columns; a clear error for an unknown column."""
        cols = [] if by is None else [by] if isinstance(by, str) else list(by)
        unknown = [c for c in cols if c not in self.docs.columns]
        if unknown:
            raise KeyError(f"unknown grouping column(s) {unknown}; use any of {list(self.docs.columns)}")
        return cols

    def select(self, which: Any, by: str | None = None) -> list[str]:
        """The doc_ids chosen by ``which``: a value or list of values of column ``by``, a boolean
        mask over ``docs``, a callable ``docs -> mask``, or an iterable of doc_ids. A value written
        without accents matches like search ("Quyet dinh" selects "Quyết định")."""
        docs = self.docs
        if callable(which):
            mask = which(docs)
        elif isinstance(which, pd.Series) and which.dtype == bool:
            mask = which.reindex(docs.index, fill_value=False)
        elif by is not None:
            values = which if isinstance(which, list | tuple | set | frozenset) else [which]
            column = docs[self.check_by(by)[0]]
            mask = column.isin(list(values))
            loose = {fold_search(v).strip() for v in values if isinstance(v, str) and v.isascii()}
            if loose:
                mask = mask | column.map(lambda x: isinstance(x, str) and fold_search(x).strip() in loose)
        else:
            wanted = {which} if isinstance(which, str) else set(which)
            mask = docs["doc_id"].isin(wanted)
        return docs.loc[pd.Series(mask, index=docs.index).fillna(False).astype(bool), "doc_id"].tolist()


def _boilerplate(text: str, signers: Iterable[dict[str, Any]]) -> list[Span]:
    folded = fold_search(text)
    found = [(m.start(), m.end()) for rx in (_MOTTO, _SIGNED, _RECIPIENTS) for m in rx.finditer(folded)]
    for s in signers:
        start, end = s.get("start"), s.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            found.append((start, end))
    return sorted(found)


def _signers(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [s for s in value if isinstance(s, dict)] if isinstance(value, list) else []


def _mark_stop(index: SyllableIndex, n_tokens: int) -> list[bool]:
    stop = [False] * n_tokens
    for phrase in stopword_phrases():
        for p, q in index.find(phrase):
            for t in range(index.tok[p], index.tok[q - 1] + 1):
                stop[t] = True
    return stop


def _in_spans(starts: list[int], ends: list[int], zones: list[Span]) -> list[bool]:
    """Whether each token lies inside one of ``zones`` (merged first, so nesting does not matter)."""
    merged: list[list[int]] = []
    for a, b in sorted(zones):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    firsts = [z[0] for z in merged]
    out = []
    for s, e in zip(starts, ends, strict=True):
        k = bisect.bisect_right(firsts, s) - 1
        out.append(k >= 0 and e <= merged[k][1])
    return out


def build_corpus(source: Dataset | pd.DataFrame, *, segmenter: Segmenter | None = None) -> Corpus:
    """Segment every document of ``source`` (a ``Dataset`` or its ``documents`` DataFrame)."""
    documents = source.documents if hasattr(source, "documents") else source
    sections = getattr(source, "sections", None)
    seg = segmenter or default_segmenter()
    rows, skipped = [], {}
    for rec in documents.to_dict("records"):
        doc_id = rec.get("doc_id")
        text = rec.get("text")
        err = rec.get("error_code")
        if isinstance(err, str) and err:
            skipped[doc_id] = f"error {err}"
        elif not isinstance(text, str) or not text.strip():
            skipped[doc_id] = "no text (was the run made with --no-text?)"
        else:
            rows.append(rec)
    all_spans = seg.segment_many([r["text"] for r in rows])
    texts: dict[str, str] = {}
    spans_by_doc: dict[str, list[Span]] = {}
    columns: dict[str, list[Any]] = defaultdict(list)
    indexes: dict[str, SyllableIndex] = {}
    for rec, spans in zip(rows, all_spans, strict=True):
        doc_id, text = rec["doc_id"], rec["text"]
        texts[doc_id], spans_by_doc[doc_id] = text, spans
        index = indexes[doc_id] = SyllableIndex(text, spans)
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        surfaces = [text[s:e] for s, e in spans]
        columns["doc_id"].extend([doc_id] * len(spans))
        columns["i"].extend(range(len(spans)))
        columns["start"].extend(starts)
        columns["end"].extend(ends)
        columns["line"].extend(bisect.bisect_left(newlines, s) for s in starts)
        columns["surface"].extend(_WS.sub(" ", w) for w in surfaces)
        columns["term"].extend(term_key(w) for w in surfaces)
        columns["kind"].extend(token_kind(_WS.sub(" ", w)) for w in surfaces)
        columns["stop"].extend(_mark_stop(index, len(spans)))
        columns["boilerplate"].extend(_in_spans(starts, ends, _boilerplate(text, _signers(rec.get("signers")))))
    tokens = pd.DataFrame({
        "doc_id": pd.Series(columns["doc_id"], dtype="string"),
        "i": pd.Series(columns["i"], dtype="Int64"),
        "start": pd.Series(columns["start"], dtype="Int64"),
        "end": pd.Series(columns["end"], dtype="Int64"),
        "line": pd.Series(columns["line"], dtype="Int64"),
        "surface": pd.Series(columns["surface"], dtype="string"),
        "term": pd.Series(columns["term"], dtype="string"),
        "kind": pd.Categorical(columns["kind"], categories=list(KINDS)),
        "stop": pd.Series(columns["stop"], dtype=bool),
        "boilerplate": pd.Series(columns["boilerplate"], dtype=bool),
    })
    docs = pd.DataFrame([{c: r.get(c) for c in DOC_COLUMNS} for r in rows], columns=list(DOC_COLUMNS))
    for c in DOC_COLUMNS:  # keep the dataset's dtypes (datetime, Int64, string)
        if c in documents.columns:
            docs[c] = docs[c].astype(documents[c].dtype)
    words = tokens[tokens["kind"] == "word"].groupby("doc_id", observed=True).size()
    docs["n_words"] = docs["doc_id"].map(words).fillna(0).astype("Int64")
    return Corpus(docs=docs, tokens=tokens, texts=texts, spans=spans_by_doc, skipped=skipped,
                  sections=sections, _indexes=indexes)
