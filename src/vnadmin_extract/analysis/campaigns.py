"""Movements (phong trào), campaigns (cuộc vận động), models (mô hình) and their slogans.

The extractor records each named movement as a ``MOVEMENT`` entity whose text is the slogan in
quotation marks ("Bình Định chung tay chuyển đổi số") and whose ``source`` says which cue
introduced it (``pattern:movement:phong_trào_thi_đua`` -> kind "phong trào thi đua").

Slogans recur in local variants: "Hà Tĩnh chung sức xây dựng nông thôn mới", "Thăng Bình chung
sức xây dựng nông thôn mới" and the national "Cả nước chung sức xây dựng nông thôn mới" are one
family. ``movements`` therefore gives every mention a ``template``, the slogan with a leading
place name replaced by ``<địa phương>`` (a place is a run of capitalised syllables that names a
province, or appears in the issuing body, its parent or the place of issue of the same
document) and a leading "Cả nước"/"Toàn quốc" by ``<cả nước>``, and a ``core``, the template
without that scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import regex

from ..store.fold import fold_search
from ..store.provinces import find_province

if TYPE_CHECKING:
    from ..dataset import Dataset

LOCAL = "<địa phương>"
NATIONAL = "<cả nước>"
_NATIONAL = regex.compile(r"^(?:cả nước|toàn quốc)\b", regex.IGNORECASE)
_QUOTES = regex.compile(r"^[\s\"'“”‘’«»]+|[\s\"'“”‘’«»]+$")
_SPACES = regex.compile(r"\s+")


def _clean(slogan: str) -> str:
    return _SPACES.sub(" ", _QUOTES.sub("", slogan)).strip()


def slogan_key(slogan: str) -> str:
    """Folded form for counting: no case, diacritics, quotes or dash variants."""
    folded = fold_search(_clean(slogan)).replace("–", "-").replace("—", "-")
    return _SPACES.sub(" ", regex.sub(r"\s*-\s*", " - ", folded)).strip()


def _leading_place(slogan: str, context: str) -> str | None:
    # Place names are two or more capitalised syllables ("Hà Tĩnh", "Cát Hanh"): longest run first.
    words = slogan.split(" ")
    caps = 0
    while caps < min(4, len(words)) and words[caps][:1].isupper():
        caps += 1
    padded = f" {fold_search(context)} "
    for n in range(caps, 1, -1):
        name = " ".join(words[:n]).strip(",;:")
        if find_province(name) == name or f" {fold_search(name)} " in padded:
            return name
    return None


def template_of(slogan: str, context: str = "") -> tuple[str, str]:
    """``(template, core)`` of a slogan; ``context`` is the document's issuer, parent and place."""
    text = _clean(slogan)
    national = _NATIONAL.match(text)
    if national:
        rest = text[national.end():].strip()
        return f"{NATIONAL} {rest}", rest
    place = _leading_place(text, context)
    if place:
        rest = text[len(place):].strip()
        return f"{LOCAL} {rest}", rest
    return text, text


def movements(ds: Dataset) -> pd.DataFrame:
    """One row per movement mention: ``doc_id, entity_id, kind, slogan, key, template, core, start,
    end`` and the document's ``year, date, issuer, province, doc_type``."""
    ents = ds.entities[ds.entities["type"] == "MOVEMENT"]
    docs = ds.documents.set_index("doc_id")
    rows: list[dict[str, Any]] = []
    for e in ents.itertuples(index=False):
        meta = docs.loc[e.doc_id] if e.doc_id in docs.index else None
        context = " ".join(str(meta[c]) for c in ("issuer", "issuer_parent", "place", "province")
                           if meta is not None and isinstance(meta[c], str))
        source = str(e.source) if isinstance(e.source, str) else ""
        kind = source.rsplit(":", 1)[-1].replace("_", " ") if source.startswith("pattern:movement") else source
        template, core = template_of(str(e.text), context)
        rows.append({
            "doc_id": e.doc_id, "entity_id": e.entity_id, "kind": kind, "slogan": _clean(str(e.text)),
            "key": slogan_key(str(e.text)), "template": template, "core": core, "start": e.start, "end": e.end,
            **{c: (meta[c] if meta is not None else None) for c in ("year", "date", "issuer", "province", "doc_type")},
        })
    cols = ["doc_id", "entity_id", "kind", "slogan", "key", "template", "core", "start", "end",
            "year", "date", "issuer", "province", "doc_type"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    return out.astype({"doc_id": "string", "entity_id": "Int64", "kind": "string", "slogan": "string",
                       "key": "string", "template": "string", "core": "string", "start": "Int64",
                       "end": "Int64", "year": "Int64"})


def movement_summary(ds: Dataset, level: str = "key") -> pd.DataFrame:
    """How often each slogan recurs: one row per ``level`` (``key``: the same slogan;
    ``template``/``core``: a family), with ``slogan`` (the most frequent spelling), ``kinds``,
    ``mentions``, ``documents``, ``issuers``, ``first_year``, ``last_year``, ``variants``;
    sorted by documents, then mentions."""
    if level not in ("key", "template", "core"):
        raise ValueError("level must be 'key', 'template' or 'core'")
    mv = movements(ds)
    if mv.empty:
        return pd.DataFrame(columns=[level, "slogan", "kinds", "mentions", "documents", "issuers",
                                     "first_year", "last_year", "variants"])
    rows = []
    # Group on the folded form, so "Chung sức ..." and "chung sức ..." are one family.
    for _, group in mv.groupby(mv[level].map(slogan_key), sort=False):
        rows.append({
            level: group[level].value_counts().index[0],
            "slogan": group["slogan"].value_counts().index[0],
            "kinds": ", ".join(sorted(set(group["kind"].dropna()))),
            "mentions": len(group),
            "documents": group["doc_id"].nunique(),
            "issuers": group["issuer"].nunique(),
            "first_year": group["year"].min(),
            "last_year": group["year"].max(),
            "variants": sorted(set(group["slogan"])),
        })
    out = pd.DataFrame(rows).sort_values(["documents", "mentions", "slogan"], ascending=[False, False, True])
    return out.astype({"mentions": "Int64", "documents": "Int64", "issuers": "Int64",
                       "first_year": "Int64", "last_year": "Int64"}).reset_index(drop=True)
