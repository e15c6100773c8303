"""Compare records with gold files (``corpus/README.md``): precision, recall, F1 per field.

Scalar fields (issuer name, date, ...) count a true positive when the folded values are
equal, a false positive when the record has a value the gold lacks or contradicts, a
false negative when the gold has a value the record lacks or contradicts. List fields
(sections, signers, awards, ...) are multisets of comparison keys.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extractors.links import ChainLinks
from .pipeline import process_file
from .schema import Record
from .vietnamese import fold


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


def _f(v: Any) -> Any:
    if isinstance(v, str):
        return fold(v) or None
    return v


def _dig(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
    return obj


def _partial_date(score: Score, pred: Any, gold: Any) -> Score:
    """A date the record keeps partial ("2026-06", with a warning that the day was unreadable)
    where a person read the whole date ("2026-06-23") is incomplete, not wrong: a miss only."""
    if score.fp and isinstance(pred, str) and isinstance(gold, str) and gold.startswith(pred + "-"):
        return Score(fn=1)
    return score


def score_scalar(pred: Any, gold: Any) -> Score:
    p, g = _f(pred), _f(gold)
    if g is None and p is None:
        return Score()
    if g is None:
        return Score(fp=1)
    if p is None:
        return Score(fn=1)
    return Score(tp=1) if p == g else Score(fp=1, fn=1)


_SYMBOL_DASH = re.compile(r"\s*[-–—]\s*")


def _symbol(v: Any) -> Any:
    """"HD – HĐTĐKT" and "HD-HĐTĐKT" are one symbol: the record writes its dashes one way."""
    return _SYMBOL_DASH.sub("-", v) if isinstance(v, str) else v


def score_multiset(pred: Iterable[Any], gold: Iterable[Any]) -> Score:
    pc, gc = Counter(pred), Counter(gold)
    tp = sum((pc & gc).values())
    return Score(tp=tp, fp=sum(pc.values()) - tp, fn=sum(gc.values()) - tp)


def _key(obj: Any, fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_f(_dig(obj, f)) for f in fields)


SCALARS = {
    "header.issuer.name": "header.issuer.name",
    "header.issuer.parent": "header.issuer.parent",
    "header.number.symbol": "header.number.symbol",
    "header.number.number": "header.number.number",
    "header.place": "header.place",
    "header.date": "header.date.value",
    "header.doc_type": "header.doc_type.name",
    "header.title": "header.title",
    "header.author": "header.author",
    "header.source_name": "header.source_name",
}
LISTS: dict[str, tuple[str, Callable[[Any], tuple[Any, ...]]]] = {
    "signers": ("signers", lambda s: _key(s, ("name", "position", "authority", "on_behalf_of"))),
    "recipients": ("recipients", lambda s: (_f(s),)),
    "sections": ("sections", lambda s: (s if isinstance(s, str) else _dig(s, "id"),)),
    "awards": ("awards", lambda a: _key(a, ("award", "status", "year", "collectives", "individuals", "total"))),
    "awards.conferred_by": ("awards", lambda a: _key(a, ("award", "conferred_by"))),
    "commemorations": ("commemorations",
                       lambda c: _key(c, ("event", "ordinal", "start_date", "anniversary_date"))),
    "legal_refs": ("legal_refs", lambda r: _key(r, ("doc_type", "number", "symbol", "year", "date"))),
    "legal_refs.issuer": ("legal_refs", lambda r: _key(r, ("doc_type", "number", "issuer"))),
    "persons": ("persons", lambda p: _key(p, ("name", "position"))),
    "persons.organization": ("persons", lambda p: _key(p, ("name", "organization"))),
}
UNIQUE = {"persons", "persons.organization"}
HEADER_FIELDS = tuple(k for k in SCALARS if k not in ("header.author", "header.source_name"))


def _recipient_key(r: Any) -> tuple[Any, ...]:
    # A gold file written before recipients were objects names them as plain strings.
    if isinstance(r, str):
        return (_f(r), None)
    return _key(r, ("name", "kind"))


# Fields scored over items nested in a list: (list, inner list, key of an inner item).
NESTED: dict[str, tuple[str, str, Callable[[Any], tuple[Any, ...]]]] = {
    "award_recipients": ("awards", "recipients", _recipient_key),
}


@dataclass
class DocResult:
    gold_path: Path
    doc_path: Path | None
    scores: dict[str, Score] = field(default_factory=dict)
    error: str | None = None
    # The gold's "format_class" (scan-pdf, docx, portal-html, ...) where it gives one.
    group: str | None = None


def compare(record: Record, gold: dict[str, Any]) -> dict[str, Score]:
    """Scores per field. A list field the gold sets to ``null`` was not annotated and is not
    scored (the real-document set annotates neither sections nor persons)."""
    rec = record.model_dump()
    out: dict[str, Score] = {}
    for name, path in SCALARS.items():
        if name == "header.number.symbol":
            out[name] = score_scalar(_symbol(_dig(rec, path)), _symbol(_dig(gold, path)))
            continue
        out[name] = score_scalar(_dig(rec, path), _dig(gold, path))
        if name == "header.date":
            out[name] = _partial_date(out[name], _dig(rec, path), _dig(gold, path))
    # Precision of the header values a user gets when keeping only unflagged records.
    unflagged = Score()
    if not record.review.needed:
        for name in HEADER_FIELDS:
            unflagged.add(Score(tp=out[name].tp, fp=out[name].fp))
    out["header.unflagged"] = unflagged
    preamble_end = _preamble_end(rec.get("text")) if gold.get("legal_refs_scope") == "preamble" else None
    for name, (key, fn) in LISTS.items():
        if key in gold and gold[key] is None:
            continue
        items = rec.get(key) or []
        if key == "legal_refs" and preamble_end is not None:
            items = [x for x in items if x["start"] < preamble_end]
        if key == "awards":
            items = [x for x in items if x.get("status") != "rule"]  # criteria, quotas: not statements
        pred = [fn(x) for x in items]
        # gold marks quotas and criteria "rule" too, for the reader: neither side scores them
        want = [fn(x) for x in gold.get(key) or [] if key != "awards" or x.get("status") != "rule"]
        if name in UNIQUE:
            pred, want = list(set(pred)), list(set(want))
        out[name] = score_multiset(pred, want)
    for name, (key, inner, fn) in NESTED.items():
        if key in gold and gold[key] is None:
            continue
        pred = [fn(r) for x in rec.get(key) or [] if x.get("status") != "rule" for r in _dig(x, inner) or []]
        want = [fn(r) for x in gold.get(key) or [] for r in _dig(x, inner) or []]
        if any(k[1:] == (None,) for k in want):  # a gold of plain names: compare names only
            pred, want = [k[:1] for k in pred], [k[:1] for k in want]
        out[name] = score_multiset(pred, want)
    return out


_FIRST_ARTICLE = re.compile(r"^[ \t*]*(?:Điều\s+1\b|Chương\s+I\b|CHƯƠNG\s+I\b)", re.M)


def _preamble_end(text: str | None) -> int | None:
    """Where the first article or chapter starts: a gold whose ``legal_refs_scope`` is
    "preamble" annotates the references before it only (long legal texts)."""
    if not text:
        return None
    m = _FIRST_ARTICLE.search(text)
    return m.start() if m else None


def shared_dir(corpus: Path) -> Path:
    """``../shared`` beside the repository holding ``corpus`` (``VNADMIN_SHARED`` overrides)."""
    env = os.environ.get("VNADMIN_SHARED")
    if env:
        return Path(env)
    for folder in corpus.resolve().parents:
        if (folder / "pyproject.toml").is_file():
            return folder.parent / "shared"
    return corpus.resolve().parent.parent / "shared"


def resolve_document(corpus: Path, gold: dict[str, Any]) -> Path:
    ref = gold["document"]
    if ref.startswith("shared:"):
        return shared_dir(corpus) / ref.removeprefix("shared:")
    return corpus / ref


def evaluate(corpus: Path, extract: Callable[[Path], Record] | None = None) -> list[DocResult]:
    """Score every gold file under ``corpus/gold`` whose document is present.

    ``extract`` makes a record of a path (default: ``process_file`` without the text); the
    test suite passes one that reuses records it already made."""
    results = []
    chain: list[tuple[DocResult, Record, dict[str, Any]]] = []
    for gold_path in sorted((corpus / "gold").rglob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_path = resolve_document(corpus, gold)
        res = DocResult(gold_path, doc_path if doc_path.exists() else None, group=gold.get("format_class"))
        if res.doc_path is None:
            results.append(res)
            continue
        record = extract(doc_path) if extract else process_file(doc_path)
        res.error = record.error.message if record.error else None
        res.scores = compare(record, gold)
        results.append(res)
        chain.append((res, record, gold))
    if any("links" in gold for _res, _rec, gold in chain):
        score_links(chain)
    return results


def _number_year(rec: Record) -> int | None:
    """The year a document's number belongs to: the number's own year, else the date's (as the store's)."""
    number = rec.header.number
    if number and number.year:
        return number.year
    value = rec.header.date.value if rec.header.date else None
    return int(value[:4]) if value and value[:4].isdigit() else None


def score_links(docs: list[tuple[DocResult, Record, dict[str, Any]]]) -> None:
    """``chain_links`` of each document: the links from it to the other documents of the set
    (``extractors/links.py``, as the store's ``links`` table makes them) against its gold's
    ``links`` (``[{"to": "<document file name>", "relation": "confers"}]``; a gold file without
    the key expects none once any gold file of the set has it). Keys: (target file, relation)."""
    links = ChainLinks()
    names: dict[str, str] = {}
    for res, rec, _gold in docs:
        assert res.doc_path is not None
        names[rec.doc_id] = res.doc_path.name
        number = rec.header.number
        links.add(rec.doc_id, number.number if number else None, number.symbol if number else None,
                  rec.header.doc_type.code if rec.header.doc_type else None,
                  [r.model_dump() for r in rec.legal_refs], _number_year(rec))
    found: dict[str, list[tuple[str, str]]] = {}
    for link in links.links():
        found.setdefault(link["doc_id"], []).append((names[link["to_doc"]], link["relation"]))
    for res, rec, gold in docs:
        want = [(Path(x["to"]).name, x["relation"]) for x in gold.get("links") or []]
        res.scores["chain_links"] = score_multiset(found.get(rec.doc_id, []), want)


def by_group(results: list[DocResult]) -> dict[str, dict[str, Score]]:
    """Totals per gold ``format_class``, plus ``header`` (every header field of the document
    summed: how often a header value is right)."""
    out: dict[str, dict[str, Score]] = {}
    for r in results:
        tot = out.setdefault(r.group or "-", {})
        for name, s in r.scores.items():
            tot.setdefault(name, Score()).add(s)
            if name in HEADER_FIELDS:
                tot.setdefault("header", Score()).add(s)
    return dict(sorted(out.items()))


def totals(results: list[DocResult]) -> dict[str, Score]:
    tot: dict[str, Score] = {}
    for r in results:
        for name, s in r.scores.items():
            tot.setdefault(name, Score()).add(s)
    return tot


def load_thresholds(corpus: Path) -> dict[str, float]:
    path = corpus / "thresholds.toml"
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return {k: float(v) for k, v in data.get("min_f1", {}).items()}
