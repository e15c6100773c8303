"""Which laws, decrees and other documents are cited, by whom, and when.

``citations(ds)`` is the ``legal_refs`` table with the citing document's metadata and a
``cited`` key that names the cited document the same way however the text wrote it:

- laws and codes (Luật, Bộ luật, Hiến pháp, Pháp lệnh) with a title: ``"Luật Thi đua, khen
  thưởng 2022"``;
- numbered documents: ``"Nghị định 98/2023/NĐ-CP"``; a party document keeps its dash
  (``"Chỉ thị 34-CT/TW"``); a number without the year in it gets the year in brackets
  (``"Kế hoạch 37/KH-UBND (2024)"``), because such numbers restart every year;
- ``scope`` is ``central`` (National Assembly, Government, Prime Minister, ministries, Party
  Central Committee, national mass organisations) or ``local``, from the symbol. A local number
  ("37/KH-UBND") means different documents in different provinces, so a local key also gets the
  province named in the reference's issuer ("của UBND tỉnh Quảng Nam"), else the citing
  document's province: ``"Kế hoạch 37/KH-UBND (2024) · Bình Định"``;
- anything else: ``doc_type`` and the reference as written.

``citation_graph(ds)`` turns it into a networkx ``DiGraph`` from citing bodies to cited
documents, edge weight = number of citing documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import regex

from ..store.provinces import find_province

if TYPE_CHECKING:
    import networkx as nx

    from ..dataset import Dataset

_LAWS = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}
# The issuing part of a symbol that marks a central body: CP (Chính phủ), TTg (Thủ tướng), QH15,
# UBTVQH, CTN (Chủ tịch nước), TW (Trung ương Đảng), B... (Bộ), TWĐTN, TLĐ (Tổng Liên đoàn).
_CENTRAL = regex.compile(r"(?:^|[-/])(?:CP|TTg|QH\d*|UBTVQH\d*|CTN|TW|TWĐTN|TLĐ|B[A-ZĐ]{1,6})(?:$|[-/])")


def scope_of(doc_type: Any, symbol: Any) -> str | None:
    """``central`` or ``local`` for a reference, None when nothing tells."""
    if isinstance(doc_type, str) and doc_type in _LAWS:
        return "central"
    if not isinstance(symbol, str) or not symbol:
        return None
    issuer_part = regex.split(r"[-/]", symbol, maxsplit=1)[-1]
    return "central" if _CENTRAL.search(f"-{issuer_part}") else "local"


def _present(v: Any) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and v != v)


def citation_key(ref: dict[str, Any], province: Any = None) -> str:
    """The ``cited`` key of one reference (a row of ``legal_refs`` as a dict)."""
    doc_type = ref.get("doc_type") if _present(ref.get("doc_type")) else "Văn bản"
    number, symbol, year = ref.get("number"), ref.get("symbol"), ref.get("year")
    raw = str(ref.get("raw") or "")
    title = ref.get("title")
    if doc_type in _LAWS and _present(title):
        return f"{doc_type} {title}" + (f" {int(year)}" if _present(year) else "")
    if _present(number) and _present(symbol):
        dash = f"{number}-{symbol}" in raw
        if _present(year) and f"{number}/{int(year)}/" in raw:
            key = f"{doc_type} {number}/{int(year)}/{symbol}"
        else:
            key = f"{doc_type} {number}{'-' if dash else '/'}{symbol}"
            if _present(year):
                key += f" ({int(year)})"
        if scope_of(doc_type, symbol) == "local" and _present(province):
            key += f" · {province}"
        return key
    return f"{doc_type}: {raw}" if raw else str(doc_type)


def _identity(r: dict[str, Any]) -> tuple[Any, ...] | None:
    # What names a cited document apart from its year: (type, title) for laws, (type, number, symbol).
    if r.get("doc_type") in _LAWS and _present(r.get("title")):
        return (r["doc_type"], r["title"])
    if _present(r.get("number")) and _present(r.get("symbol")):
        return (r.get("doc_type"), r["number"], r["symbol"])
    return None


def _ref_province(r: dict[str, Any]) -> Any:
    # "của UBND tỉnh Quảng Nam" names the province; otherwise the citing document's own.
    found = find_province(r.get("issuer")) if _present(r.get("issuer")) else None
    return found or r.get("doc_province")


def citations(ds: Dataset) -> pd.DataFrame:
    """``legal_refs`` with ``cited``, ``cited_inferred``, ``scope`` and the citing document's
    ``doc_year, doc_date, doc_issuer, doc_province, doc_type_citing``."""
    refs = ds.with_documents("legal_refs", ("year", "date", "issuer", "province", "doc_type"))
    refs = refs.rename(columns={"doc_doc_type": "doc_type_citing"})
    records = refs.to_dict("records")
    # A reference without its year borrows it when the run cites the same document with one year only.
    years: dict[tuple[Any, ...], set[int]] = {}
    for r in records:
        ident = _identity(r)
        if ident is not None and _present(r.get("year")):
            years.setdefault(ident, set()).add(int(r["year"]))
    keys, inferred = [], []
    for r in records:
        ident = _identity(r)
        guess = years.get(ident, set()) if ident is not None and not _present(r.get("year")) else set()
        if len(guess) == 1:
            r = {**r, "year": next(iter(guess))}
        keys.append(citation_key(r, _ref_province(r)))
        inferred.append(len(guess) == 1)
    refs["cited"] = pd.Series(keys, index=refs.index, dtype="string")
    refs["cited_inferred"] = pd.Series(inferred, index=refs.index, dtype="boolean")
    refs["scope"] = pd.Series([scope_of(r.get("doc_type"), r.get("symbol")) for r in records],
                              index=refs.index, dtype="string")
    return refs


def cited_table(ds: Dataset) -> pd.DataFrame:
    """One row per cited document: ``cited, doc_type, scope, citations, citing_documents,
    citing_issuers, first_year, last_year`` (years of the citing documents); most cited first."""
    refs = citations(ds)
    if refs.empty:
        return pd.DataFrame(columns=["cited", "doc_type", "scope", "citations", "citing_documents",
                                     "citing_issuers", "first_year", "last_year"])
    table = (refs.groupby("cited", observed=True)
             .agg(doc_type=("doc_type", "first"), scope=("scope", "first"), citations=("doc_id", "size"),
                  citing_documents=("doc_id", "nunique"), citing_issuers=("doc_issuer", "nunique"),
                  first_year=("doc_year", "min"), last_year=("doc_year", "max"))
             .reset_index()
             .sort_values(["citing_documents", "citations", "cited"], ascending=[False, False, True]))
    return table.reset_index(drop=True)


def citing_label(issuer: Any, province: Any, fallback: str = "(no issuer)") -> str:
    """A label for a citing body: its name as written, with the province when the name lacks it."""
    name = str(issuer) if _present(issuer) else fallback
    has = _present(province) and str(province).casefold() in name.casefold()
    return f"{name} ({province})" if _present(province) and not has else name


def citation_graph(ds: Dataset, min_citing: int = 1) -> nx.DiGraph:
    """Citing bodies -> cited documents. Node attribute ``kind`` is ``citing`` or ``cited``
    (cited nodes also carry ``doc_type`` and ``scope``); edge ``weight`` counts citing documents.
    Cited documents with fewer than ``min_citing`` citing documents are left out."""
    from ..extras import require

    require("networkx")
    import networkx as nx

    refs = citations(ds)
    graph = nx.DiGraph()
    if refs.empty:
        return graph
    counts = refs.groupby("cited", observed=True)["doc_id"].nunique()
    keep = set(counts[counts >= min_citing].index)
    for r in refs.to_dict("records"):
        if r["cited"] not in keep:
            continue
        src = citing_label(r.get("doc_issuer"), r.get("doc_province"), f"(no issuer: {r['doc_id']})")
        graph.add_node(src, kind="citing")
        graph.add_node(r["cited"], kind="cited", doc_type=r.get("doc_type"), scope=r.get("scope"))
        docs = graph.edges[src, r["cited"]]["docs"] if graph.has_edge(src, r["cited"]) else set()
        docs.add(r["doc_id"])
        graph.add_edge(src, r["cited"], docs=docs, weight=len(docs))
    for _, _, data in graph.edges(data=True):
        data["docs"] = sorted(data["docs"])
    return graph
