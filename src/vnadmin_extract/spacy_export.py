"""A run's entities as a spaCy ``DocBin``, to train or evaluate NER models on the data.

``export_docbin(OUTDIR, "corpus.spacy")`` writes one ``Doc`` per document of the run (records
with ``error`` or without ``text`` are skipped):

- **text and tokens.** ``doc.text == record.text`` exactly, so every record offset is a
  character offset of the Doc and ``doc.char_span(start, end)`` works. Tokens are the
  underthesea words of ``nlp.segment`` (a multi-syllable word is one token with its
  space, "thi đua", as in spaCy's own Vietnamese tokenizer), **cut further at every entity
  boundary**: an entity that starts or ends inside a word ("Bằng khen" where only "khen" is
  tagged, which the extractor never does on corpus/ but may elsewhere) makes that word two
  tokens, so no entity is stretched or shrunk. White space other than one space after a
  token becomes its own token (spaCy's convention: "\\n", "\\n\\n"). ``user_data["split_tokens"]``
  counts the words that were cut.
- **entities.** ``doc.spans["sc"]`` holds every entity of the record (overlaps included: a DATE
  inside a LEGAL_REF, the same words as AWARD and MOVEMENT). ``doc.ents`` must not overlap, so
  it holds a subset chosen by ``ents_policy``: ``"longest"`` (default) keeps the longest
  entities first, so composite ones (LEGAL_REF, COMMEMORATION, AWARD) win over the DATE, ORG,
  LOC inside them; on equal length the type order ``ENT_PRIORITY`` decides (AWARD first), then
  the earlier start. ``"priority"`` orders by ``ENT_PRIORITY`` first, then length. Entity
  offsets are trimmed of surrounding white space.
- **sentences.** Each line is a sentence (``is_sent_start`` at the first token of a line).
- **user_data.** ``doc_id``, ``path``, ``title``, ``doc_type``, ``issuer``, ``province``,
  ``date``, ``year``, and ``entities``: every entity with its record fields (``type, start,
  end, text, value, source, section``), so normalized values travel with the Doc.

Read it back with ``read_docbin(path)`` (or ``DocBin().from_disk(path).get_docs(vocab)`` with
any Vietnamese vocab: ``spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})``,
which needs no download and no pyvi).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from .nlp.segment import Segmenter, default_segmenter, split_spans
from .schema import EntityType

ENT_PRIORITY: tuple[str, ...] = (
    "AWARD", "LEGAL_REF", "COMMEMORATION", "MOVEMENT", "DOC_NUMBER", "PER", "ORG", "POSITION", "LOC",
    "DATE_RANGE", "DATE", "COUNT",
)
POLICIES = ("longest", "priority")
SPANS_KEY = "sc"


def blank_vi() -> spacy.language.Language:
    """A blank Vietnamese pipeline that needs no pyvi and downloads nothing (its vocab reads DocBins)."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@dataclass
class ExportReport:
    documents: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # doc_id -> why
    tokens: int = 0
    ents: int = 0  # in doc.ents
    spans: int = 0  # in doc.spans["sc"]
    dropped: int = 0  # entities with offsets outside the text or only white space
    split_tokens: int = 0  # words cut at an entity boundary
    by_label: dict[str, int] = field(default_factory=dict)  # doc.spans["sc"] per label


def _words_and_spaces(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in [*spans, (len(text), len(text))]:
        gap = text[pos:s]
        if gap:
            if words and not spaces[-1] and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:  # other white space (or a character the segmentation left out) is a token
                words.append(gap)
                spaces.append(False)
        if e > s:
            words.append(text[s:e])
            spaces.append(False)
        pos = max(pos, e)
    return words, spaces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def choose_ents(spans: Iterable[Span], policy: str = "longest") -> list[Span]:
    """Non-overlapping spans for ``doc.ents`` (see the module docstring for the policies)."""
    if policy not in POLICIES:
        raise ValueError(f"ents_policy must be one of {POLICIES}")
    rank = {label: i for i, label in enumerate(ENT_PRIORITY)}

    def prio(sp: Span) -> int:
        return rank.get(sp.label_, len(rank))

    if policy == "longest":
        ordered = sorted(spans, key=lambda sp: (-(sp.end_char - sp.start_char), prio(sp), sp.start_char))
    else:
        ordered = sorted(spans, key=lambda sp: (prio(sp), -(sp.end_char - sp.start_char), sp.start_char))
    taken: list[Span] = []
    used: set[int] = set()
    for sp in ordered:
        if any(i in used for i in range(sp.start, sp.end)):
            continue
        taken.append(sp)
        used.update(range(sp.start, sp.end))
    return sorted(taken, key=lambda sp: sp.start)


def record_doc(vocab: Vocab, text: str, entities: Sequence[dict[str, Any]], *, meta: dict[str, Any] | None = None,
               segmenter: Segmenter | None = None, types: Iterable[str] | None = None,
               ents_policy: str = "longest") -> Doc:
    """The Doc of one document: ``text`` and its ``entities`` (dicts with type, start, end, ...)."""
    seg = segmenter or default_segmenter()
    wanted = None if types is None else set(types)
    kept: list[tuple[int, int, dict[str, Any]]] = []
    dropped = 0
    for ent in entities:
        start, end = ent.get("start"), ent.get("end")
        if wanted is not None and ent.get("type") not in wanted:
            continue
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            dropped += 1
            continue
        start, end = _trim(text, start, end)
        if start >= end:
            dropped += 1
            continue
        kept.append((start, end, ent))
    words_spans = seg.segment(text)
    cuts = {s for s, _, _ in kept} | {e for _, e, _ in kept}
    tokens = split_spans(words_spans, cuts, text)
    words, spaces = _words_and_spaces(text, tokens)
    doc = Doc(vocab, words=words, spaces=spaces)
    if doc.text != text:  # a bug here would silently shift every offset: refuse instead
        raise AssertionError(f"token texts do not rebuild the document text ({(meta or {}).get('doc_id')})")
    spans: list[Span] = []
    for start, end, ent in kept:
        sp = doc.char_span(start, end, label=str(ent["type"]), alignment_mode="strict")
        if sp is None:  # cannot happen after the cuts; kept as a guard for odd white space
            sp = doc.char_span(start, end, label=str(ent["type"]), alignment_mode="expand")
        if sp is None:
            dropped += 1
            continue
        spans.append(sp)
    doc.spans[SPANS_KEY] = spans
    doc.ents = choose_ents(spans, ents_policy)
    line_start = True
    for tok in doc:
        if tok.is_space:
            tok.is_sent_start = tok.i == 0
            line_start = line_start or "\n" in tok.text
            continue
        tok.is_sent_start = line_start or tok.i == 0
        line_start = False
    doc.user_data.update({k: v for k, v in (meta or {}).items() if v is not None})
    doc.user_data["entities"] = [
        {k: ent.get(k) for k in ("type", "start", "end", "text", "value", "source", "section")}
        for _, _, ent in kept
    ]
    doc.user_data["split_tokens"] = len(tokens) - len(words_spans)
    doc.user_data["dropped_entities"] = dropped
    return doc


def _plain(v: Any) -> Any:
    # user_data goes through msgpack: plain Python values only (no pandas NA, numpy ints, timestamps).
    if v is None:
        return None
    try:
        import pandas as pd

        if v is pd.NA or (isinstance(v, float) and v != v):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date().isoformat()
    except ImportError:  # pragma: no cover
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def iter_docs(outdir: str | os.PathLike[str], *, types: Iterable[str] | None = None, ents_policy: str = "longest",
              segmenter: Segmenter | None = None, report: ExportReport | None = None,
              vocab: Vocab | None = None, progress: str | None = None) -> Iterable[Doc]:
    """The Docs of a run, one per document with text (see the module docstring).

    ``progress``: a label; then progress is shown on stderr as ``run`` shows it (a bar on a
    terminal, a line every 10 s and at the end otherwise)."""
    from .dataset import load

    ds = load(outdir, tables=("documents", "entities"))
    vocab = vocab or blank_vi().vocab
    seg = segmenter or default_segmenter()
    report = report if report is not None else ExportReport()
    known = set(EntityType.__args__)  # type: ignore[attr-defined]
    if types is not None:
        unknown = set(types) - known
        if unknown:
            raise ValueError(f"unknown entity types {sorted(unknown)}; the types are {sorted(known)}")
    by_doc = {d: g for d, g in ds.entities.groupby("doc_id", observed=True)}
    docs = ds.documents
    texts = [t if isinstance(t, str) else None for t in docs["text"].tolist()]
    seg.segment_many([t for t in texts if t])  # one batch: fills the cache, read back per document
    from .batch.progress import Progress

    shown = Progress(len(texts), label=progress) if progress else None
    try:
        yield from _docs(docs, texts, by_doc, vocab, seg, types, ents_policy, report, shown)
    finally:
        if shown is not None:
            shown.close()


def _docs(docs: Any, texts: list[str | None], by_doc: dict[str, Any], vocab: Vocab, seg: Segmenter,
          types: Iterable[str] | None, ents_policy: str, report: ExportReport, shown: Any) -> Iterable[Doc]:
    for row, text in zip(docs.to_dict("records"), texts, strict=True):
        if shown is not None:
            shown.update(isinstance(row.get("error_code"), str) or not text)
        doc_id = row["doc_id"]
        if isinstance(row.get("error_code"), str):
            report.skipped[doc_id] = f"error {row['error_code']}"
            continue
        if not text:
            report.skipped[doc_id] = "no text"
            continue
        group = by_doc.get(doc_id)
        ents = [] if group is None else [
            {"type": str(e["type"]), "start": int(e["start"]), "end": int(e["end"]), "text": e["text"],
             "value": e["value"], "source": e["source"], "section": e["section"]}
            for e in group.sort_values("entity_id").to_dict("records")
        ]
        ents = [{k: _plain(v) for k, v in e.items()} for e in ents]
        meta = {k: _plain(row.get(k)) for k in ("doc_id", "path", "title", "doc_type", "issuer", "province", "year")}
        meta["date"] = row.get("date_iso") if isinstance(row.get("date_iso"), str) else None
        doc = record_doc(vocab, text, ents, meta=meta, segmenter=seg, types=types, ents_policy=ents_policy)
        report.documents += 1
        report.tokens += len(doc)
        report.ents += len(doc.ents)
        report.spans += len(doc.spans[SPANS_KEY])
        report.dropped += int(doc.user_data["dropped_entities"])
        report.split_tokens += int(doc.user_data["split_tokens"])
        for sp in doc.spans[SPANS_KEY]:
            report.by_label[sp.label_] = report.by_label.get(sp.label_, 0) + 1
        yield doc


def export_docbin(outdir: str | os.PathLike[str], path: str | os.PathLike[str], *, types: Iterable[str] | None = None,
                  ents_policy: str = "longest", segmenter: Segmenter | None = None,
                  progress: str | None = None) -> ExportReport:
    """Write the run in ``outdir`` to the DocBin file ``path`` (user data included)."""
    report = ExportReport()
    if ents_policy not in POLICIES:
        raise ValueError(f"ents_policy must be one of {POLICIES}")
    docbin = DocBin(store_user_data=True)
    for doc in iter_docs(outdir, types=types, ents_policy=ents_policy, segmenter=segmenter, report=report,
                         progress=progress):
        docbin.add(doc)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    docbin.to_disk(tmp)
    os.replace(tmp, target)  # never leave a half-written file under the final name
    return report


def read_docbin(path: str | os.PathLike[str], vocab: Vocab | None = None) -> list[Doc]:
    """The Docs of a DocBin written by ``export_docbin``."""
    vocab = vocab or blank_vi().vocab
    return list(DocBin().from_disk(path).get_docs(vocab))


__all__ = ["ENT_PRIORITY", "ExportReport", "blank_vi", "choose_ents", "export_docbin", "iter_docs", "read_docbin",
           "record_doc"]
