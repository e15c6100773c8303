"""Links between documents of one run: a document citing another by number and symbol.

A Tờ trình or Biên bản proposes, the Quyết định that cites it confers, a report citing the
decision reports it. ``ChainLinks`` is fed one document at a time (its number, symbol, type
code and numbered references: a few fields, so a run of any size fits) and gives the links
at the end, once every document is known. The store's ``links`` table and the evaluation's
chain-link scores both come from here.

A citation's year must be the cited document's when both are known: numbers restart every
year, so "Quyết định số 01/2017/QĐ-TTg" is not the run's 01/2026/QĐ-TTg.

The relation comes from the two documents' type codes; a type the header did not give (an
OCR'd scan whose type line was not read) is taken from the symbol's first part
("2871/QĐ-UBND" is a Quyết định).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# (citing type, cited type) -> relation; otherwise "cites".
RELATIONS = {("QĐ", "TTr"): "confers", ("QĐ", "BB"): "confers", ("TTr", "BB"): "proposes",
             ("TTr", "TTr"): "proposes", ("BC", "QĐ"): "reports", ("TB", "QĐ"): "reports",
             ("CV", "QĐ"): "reports"}
_CODES = {c.upper().replace("Đ", "D"): c for pair in RELATIONS for c in pair}


def number_key(number: Any, symbol: Any) -> tuple[str, str] | None:
    """How a document is cited: its number and its symbol without case or spaces ("2753", "TTR-STP")."""
    if not number or not symbol:
        return None
    return str(number).lstrip("0") or "0", "".join(str(symbol).split()).upper().replace("Đ", "D")


def type_code(code: Any, symbol: Any) -> str | None:
    """The document's type code, else the first part of its symbol when that is a type of ``RELATIONS``."""
    if code:
        return str(code)
    if not symbol:
        return None
    first = "".join(str(symbol).split()).split("-")[0].split("/")[0]
    return _CODES.get(first.upper().replace("Đ", "D"))


class ChainLinks:
    """The links of a run, built once every document has been added."""

    def __init__(self) -> None:
        self.by_number: dict[tuple[str, str], list[str]] = {}
        self.codes: dict[str, str | None] = {}
        self.years: dict[str, int] = {}
        self.cites: list[tuple[str, list[dict[str, Any]]]] = []

    def add(self, doc_id: str, number: Any, symbol: Any, code: Any, legal_refs: Any, year: Any = None) -> None:
        """One document: its number, symbol, type code, ``legal_refs`` (dicts) and the year of
        its number (the year in a legal-normative number, else the year of its date)."""
        key = number_key(number, symbol)
        if key:
            self.by_number.setdefault(key, []).append(doc_id)
        if isinstance(year, int):
            self.years[doc_id] = year
        self.codes[doc_id] = type_code(code, symbol)
        refs = [r for r in legal_refs or [] if isinstance(r, dict) and r.get("number") and r.get("symbol")]
        if refs:
            self.cites.append((doc_id, refs))

    def links(self) -> Iterator[dict[str, Any]]:
        """One dict per (citing document, cited document of the run): ``doc_id``, ``link_id``,
        ``to_doc``, ``relation`` and the first citation's ``doc_type, number, symbol, date, raw,
        start, end``."""
        for doc_id, refs in self.cites:
            n = 0
            done: set[str] = set()
            code = self.codes.get(doc_id) or ""
            for ref in refs:
                key = number_key(ref.get("number"), ref.get("symbol"))
                for target in self.by_number.get(key, []) if key else []:
                    if target == doc_id or target in done:
                        continue
                    cited, own = ref.get("year"), self.years.get(target)
                    if isinstance(cited, int) and own is not None and cited != own:
                        continue
                    done.add(target)
                    relation = RELATIONS.get((code, self.codes.get(target) or ""), "cites")
                    yield {"doc_id": doc_id, "link_id": n, "to_doc": target, "relation": relation,
                           "doc_type": ref.get("doc_type"), "number": ref.get("number"),
                           "symbol": ref.get("symbol"), "date": ref.get("date"), "raw": ref.get("raw"),
                           "start": ref.get("start"), "end": ref.get("end")}
                    n += 1
