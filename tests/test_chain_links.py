"""Links between the documents of one run (extractors/links.py) and their scoring in eval."""

from __future__ import annotations

from pathlib import Path

from vnadmin_extract.evaluation import evaluate, totals
from vnadmin_extract.extractors.links import ChainLinks, type_code

from .conftest import CORPUS, cached_record


def test_a_type_the_header_missed_comes_from_the_symbol() -> None:
    """The Quảng Bình decision 2871/QĐ-UBND is a scan whose type line OCR may miss: its symbol
    still says Quyết định, so citing Tờ trình 2753/TTr-STP is "confers", not "cites"."""
    assert type_code(None, "QĐ-UBND") == "QĐ"
    assert type_code(None, "TTR-STP") == "TTr"
    assert type_code(None, "BTP-PBGDPL") is None
    assert type_code("BC", "QĐ-UBND") == "BC"
    links = ChainLinks()
    links.add("ttr", "2753", "TTr-STP", None, [])
    links.add("qd", None, "QĐ-UBND", None, [
        {"doc_type": "Tờ trình", "number": "2753", "symbol": "TTr-STP", "date": "2022-09-28",
         "raw": "Tờ trình số 2753/TTr-STP 28/9/2022", "start": 10, "end": 44}])
    assert [(x["doc_id"], x["to_doc"], x["relation"]) for x in links.links()] == [("qd", "ttr", "confers")]


def test_eval_scores_every_chain_of_the_corpus() -> None:
    """corpus/ gold: QĐ 512 confers TTr 45, BC 88 reports QĐ 512 (Hà Nam chain); nothing else links."""
    results = evaluate(CORPUS, extract=lambda p: cached_record(Path(p)))
    score = totals([r for r in results if r.doc_path is not None])["chain_links"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    per_doc = {r.gold_path.name: (r.scores["chain_links"].tp, r.scores["chain_links"].fp)
               for r in results if r.doc_path is not None and r.scores["chain_links"].tp}
    assert per_doc == {"qd-ubnd-ha-nam-512-2025-tang-bang-khen-cai-cach-hanh-chinh.json": (1, 0),
                       "bc-snv-ha-nam-88-2025-ket-qua-khen-thuong-quy-1.json": (1, 0)}


def test_a_citation_of_another_years_number_is_not_a_link() -> None:
    """corpus-public: a 2022 training note cites "Quyết định số 01/2017/QĐ-TTg ngày 17/01/2017";
    the run's 01/2026/QĐ-TTg is another decision (numbers restart every year)."""
    links = ChainLinks()
    links.add("qd2026", "01", "QĐ-TTg", "QĐ", [], 2026)
    links.add("note", None, None, None, [
        {"doc_type": "Quyết định", "number": "01", "symbol": "QĐ-TTg", "year": 2017, "date": "2017-01-17",
         "raw": "Quyết định số 01/2017/QĐ-TTg ngày 17/01/2017 của Thủ tướng Chính phủ", "start": 0, "end": 70}])
    links.add("tt", "07", "TT-BGDĐT", "TT", [
        {"doc_type": "Quyết định", "number": "01", "symbol": "QĐ-TTg", "year": 2026, "date": "2026-01-01",
         "raw": "Quyết định số 01/2026/QĐ-TTg ngày 01 tháng 01 năm 2026", "start": 0, "end": 50}], 2026)
    assert [(x["doc_id"], x["to_doc"], x["relation"]) for x in links.links()] == [("tt", "qd2026", "cites")]
