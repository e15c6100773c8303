"""Segmentation, term frequencies, KWIC and distinctive terms on the real corpus documents."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from vnadmin_extract import dataset, extract_file
from vnadmin_extract.analysis import (
    as_term,
    build_corpus,
    distinctive_by,
    distinctive_terms,
    format_kwic,
    kwic,
    log_odds_dirichlet,
    ngrams,
    stopwords,
    term_frequencies,
    term_trend,
)
from vnadmin_extract.analysis.corpus import Corpus, token_kind
from vnadmin_extract.nlp.segment import Segmenter, _align, split_spans, term_key

from .conftest import BINH_DINH, DOAN_NGHE_AN, doc_id_of

# ----------------------------------------------------------------------------- segmentation


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter(cache_dir=None)


def _words(seg: Segmenter, text: str) -> list[str]:
    return [text[s:e] for s, e in seg.segment(text)]


def test_domain_compounds_are_one_word(seg: Segmenter) -> None:
    text = "Tặng Bằng khen và Giấy khen; xây dựng nông thôn mới; Cờ thi đua của Chính phủ"
    assert _words(seg, text) == ["Tặng", "Bằng khen", "và", "Giấy khen", ";", "xây dựng", "nông thôn mới", ";",
                                 "Cờ thi đua", "của", "Chính phủ"]


def test_upper_case_lines_are_segmented_like_running_text(seg: Segmenter) -> None:
    # Without the lower-case view underthesea glues "BẰNG KHEN CỦA" and "CHÀO MỪNG CÁC".
    assert _words(seg, "TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH") == [
        "TẬP THỂ", "ĐƯỢC", "TẶNG", "BẰNG KHEN", "CỦA", "CHỦ TỊCH", "UBND", "TỈNH"]
    assert "CHÀO MỪNG" in _words(seg, "LẬP THÀNH TÍCH CHÀO MỪNG CÁC NGÀY LỄ LỚN")


def test_words_glued_onto_a_compound_are_cut_off(seg: Segmenter) -> None:
    text = "phong trào thi đua “Bình Định chung tay chuyển đổi số” năm 2024"
    assert _words(seg, text) == ["phong trào", "thi đua", "“", "Bình Định", "chung tay", "chuyển đổi số", "”",
                                 "năm", "2024"]


def test_every_visible_character_is_in_exactly_one_word(seg: Segmenter, ds: dataset.Dataset) -> None:
    text = ds.text(doc_id_of(ds, BINH_DINH))
    spans = seg.segment(text)
    covered = [False] * len(text)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and s < e
        for i in range(s, e):
            assert not covered[i]
            covered[i] = True
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    assert spans == sorted(spans)


def test_alignment_falls_back_when_underthesea_changes_characters() -> None:
    spans, done = _align("Số: 98/2023", ["Số", ":", "98/2023"])
    assert done and spans == [(0, 2), (2, 3), (4, 11)]
    spans, done = _align("Hòa bình", ["Hoà bình"])  # another tone placement: not found
    assert not done and spans == []


def test_disk_cache_round_trip(tmp_path: Path) -> None:
    text = "Ủy ban nhân dân tỉnh tặng Bằng khen cho 05 tập thể"
    first = Segmenter(cache_dir=tmp_path)
    spans = first.segment(text)
    assert first.stats.disk_hits == 0 and first.stats.words == len(spans)
    again = first.segment(text)
    assert again == spans and first.stats.memory_hits == 1
    second = Segmenter(cache_dir=tmp_path)  # a new process would see the same file
    assert second.segment(text) == spans
    assert second.stats.disk_hits == 1 and second.stats.seconds == 0
    assert (tmp_path / "segments.sqlite").is_file()
    other = Segmenter(compounds=["bằng khen", "tập thể"], cache_dir=tmp_path)  # another compound list
    assert other.key(text) != first.key(text)


def test_split_spans_and_term_key() -> None:
    text = "Chiến sĩ thi đua cơ sở"
    assert [text[s:e] for s, e in split_spans([(0, 22)], [9, 16], text)] == ["Chiến sĩ", "thi đua", "cơ sở"]
    assert term_key("Nông thôn  Mới") == "nông_thôn_mới"
    assert [token_kind(x) for x in ("thi đua", "2024", "23/01/2024", ";", "II", "a", "NĐ-CP", "UBND")] == [
        "word", "number", "number", "punct", "label", "label", "symbol", "word"]


# ----------------------------------------------------------------------------- corpus, terms


def test_corpus_marks_stop_words_and_boilerplate(corpus: Corpus, ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    tok = corpus.tokens[corpus.tokens["doc_id"] == bd].set_index("surface")
    assert bool(tok.loc["Độc lập", "boilerplate"].all())  # national motto, on both pages
    assert bool(tok.loc["Căn cứ", "stop"].all())  # "căn cứ" is a stop phrase of patterns/stopwords.yaml
    assert not bool(tok.loc["Bằng khen", "stop"].any())
    assert {"và", "của", "đối_với"} <= stopwords() and "thi_đua" not in stopwords()


def test_term_frequencies_in_one_document(corpus: Corpus, ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    per_doc = term_frequencies(corpus, by="doc_id").set_index(["doc_id", "term"])
    assert per_doc.loc[(bd, "khen_thưởng"), "count"] == 3
    assert per_doc.loc[(bd, "bằng_khen"), "count"] == 4
    assert (bd, "và") not in per_doc.index  # a stop word
    # "Ban Thi đua - Khen thưởng" of the "Nơi nhận" list is boilerplate: counted only on request.
    everything = term_frequencies(corpus, by="doc_id", include_boilerplate=True).set_index(["doc_id", "term"])
    assert everything.loc[(bd, "khen_thưởng"), "count"] == 4
    with_stop = term_frequencies(corpus, by="doc_id", include_stop=True).set_index(["doc_id", "term"])
    assert with_stop.loc[(bd, "và"), "count"] == 9
    # per_1k: per 1,000 words of the group (boilerplate excluded, stop words included)
    tok = corpus.tokens
    words = int(((tok["doc_id"] == bd) & (tok["kind"] == "word") & ~tok["boilerplate"]).sum())
    assert per_doc.loc[(bd, "khen_thưởng"), "per_1k"] == pytest.approx(3000 / words)


def test_bigrams_stop_at_punctuation(corpus: Corpus, ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    bi = term_frequencies(corpus, by="doc_id", n=2).set_index(["doc_id", "term"])
    assert bi.loc[(bd, "phong_trào thi_đua"), "count"] == 3
    assert bi.loc[(bd, "chung_tay chuyển_đổi_số"), "count"] == 3
    assert (bd, "thi_đua khen_thưởng") not in bi.index  # "thi đua, khen thưởng": the comma breaks it
    occ = ngrams(corpus, 2)
    row = occ[(occ["doc_id"] == bd) & (occ["term"] == "phong_trào thi_đua")].iloc[0]
    assert ds.text(bd)[int(row["start"]):int(row["end"])] == "phong trào thi đua"


def test_frequencies_by_year_and_top(corpus: Corpus) -> None:
    table = term_frequencies(corpus, by="year", top=1)
    dated = table[table["year"].notna()]  # an undated document (the XLSX list) is a group of its own
    assert dict(zip(dated["year"], dated["term"], strict=True)) == {2024: "thi_đua", 2025: "thi_đua",
                                                                     2026: "thanh_niên"}
    assert set(table["rank"]) == {1}
    with pytest.raises(KeyError, match="unknown grouping column"):
        term_frequencies(corpus, by="yaer")


def test_as_term_and_trend(corpus: Corpus) -> None:
    assert as_term("thi đua") == "thi_đua"
    assert as_term("Phong trào thi đua") == "phong_trào thi_đua"
    assert as_term("khen_thưởng") == "khen_thưởng"
    trend = term_trend(corpus, ["thi đua", "chuyển đổi số"], by="year")
    assert list(trend.index) == [2024, 2025, 2026]
    freq = term_frequencies(corpus, by="year").set_index(["year", "term"])
    assert trend.loc[2025, "thi đua"] == pytest.approx(float(freq.loc[(2025, "thi_đua"), "per_1k"]))
    assert (trend.loc[2024:2026, "thi đua"] > 0).all()


# ----------------------------------------------------------------------------- kwic


def test_kwic_of_thi_dua_in_a_decision(corpus: Corpus, ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    k = kwic(corpus, "thi đua", window=8, docs=[bd])
    assert len(k) == 7
    first = k.iloc[0]
    assert first["left"] == "tập thể và cá nhân có thành tích xuất sắc trong phong trào"
    assert first["match"] == "thi đua"
    assert first["right"] == "“Bình Định chung tay chuyển đổi số” năm 2024"  # stops at the line break
    assert ds.text(bd)[int(first["start"]):int(first["end"])] == "thi đua"
    article = k[k["section"] == "Điều 1"].iloc[0]
    assert article["left"] == "04 cá nhân đã có thành tích xuất sắc trong phong trào"
    assert article["right"] == "“Bình Định chung tay chuyển đổi số” năm 2024, góp phần vào sự nghiệp"
    assert list(k["match"].iloc[[1, 6]]) == ["Thi đua", "Thi đua"]  # "Luật Thi đua", "Ban Thi đua"
    assert k["doc_type"].iloc[0] == "Quyết định" and k["province"].iloc[0] == "Bình Định"
    assert "[thi đua]" in format_kwic(k, width=40)


def test_kwic_boundaries_diacritics_and_lines(corpus: Corpus, ds: dataset.Dataset) -> None:
    bd = doc_id_of(ds, BINH_DINH)
    assert len(kwic(corpus, "đua", docs=[bd])) == 0  # not inside the word "thi đua"
    assert len(kwic(corpus, "đua", aligned=False, docs=[bd])) == 7
    assert len(kwic(corpus, "thi dua", docs=[bd])) == 7  # written without accents: folded, like search
    assert len(kwic(corpus, "thi dua", fold=False, docs=[bd])) == 0
    assert len(kwic(corpus, "thi dua", fold=True, docs=[bd])) == 7
    assert len(kwic(corpus, "thi đua", fold=False, docs=[bd])) == 7
    bk = kwic(corpus, "Bằng khen", window=3, docs=[bd])
    assert list(bk["right"]) == ["của Chủ tịch Ủy ban nhân dân", "của Chủ tịch Ủy ban nhân dân", "được chi theo",
                                 "CỦA CHỦ TỊCH UBND"]
    assert list(bk["section"].fillna("-")) == ["-", "Điều 1", "Điều 2", "H1"]
    # The annex heading "... ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH" ends its line.
    heading = kwic(corpus, "chủ tịch ubnd tỉnh", window=8, docs=[bd]).set_index("match").loc["CHỦ TỊCH UBND TỈNH"]
    assert heading["right"] == "" and heading["left"] == "TẬP THỂ VÀ CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA"
    crossing = kwic(corpus, "chủ tịch ubnd tỉnh", window=8, docs=[bd], cross_lines=True).set_index("match")
    assert crossing.loc["CHỦ TỊCH UBND TỈNH", "right"].startswith("¶ (Kèm theo Quyết định số 1234/QĐ-UBND")


def test_kwic_of_several_queries(corpus: Corpus) -> None:
    k = kwic(corpus, ["nông thôn mới", "chuyển đổi số"], window=4)
    assert set(k["query"]) == {"nông thôn mới", "chuyển đổi số"}
    assert (k["match"].str.lower() == k["query"]).all()
    assert len(k[k["query"] == "nông thôn mới"]) == 11


# ----------------------------------------------------------------------------- distinctive terms


def test_log_odds_formula_by_hand() -> None:
    a = pd.Series({"x": 10, "y": 2})
    b = pd.Series({"x": 1, "y": 11})
    prior = pd.Series({"x": 11, "y": 13})
    table = log_odds_dirichlet(a, b, prior).set_index("term")
    # alpha_w = prior counts (alpha0 = 24); n_a = n_b = 12
    delta = math.log((10 + 11) / (12 + 24 - 10 - 11)) - math.log((1 + 11) / (12 + 24 - 1 - 11))
    var = 1 / (10 + 11) + 1 / (1 + 11)
    assert table.loc["x", "log_odds"] == pytest.approx(delta)
    assert table.loc["x", "z"] == pytest.approx(delta / math.sqrt(var))
    assert table.index[0] == "x" and table.loc["y", "z"] < 0
    weaker = log_odds_dirichlet(a, b, prior, alpha0=2.4).set_index("term")  # smaller prior, larger |z|
    assert weaker.loc["x", "z"] > table.loc["x", "z"]


def test_distinctive_terms_find_the_youth_union_plan(corpus: Corpus, ds: dataset.Dataset) -> None:
    # The only 2026 document is the Youth Union's volunteer plan: "thanh niên" must come first.
    table = distinctive_terms(corpus, 2026, by="year")
    assert table["term"].iloc[0] == "thanh_niên"
    assert {"đoàn", "tình_nguyện", "tỉnh_đoàn"} <= set(table["term"].head(5))
    assert (table["z"].diff().dropna() <= 0).all()
    same = distinctive_terms(corpus, [doc_id_of(ds, DOAN_NGHE_AN)])  # the same group given by doc_id
    assert same["term"].iloc[0] == "thanh_niên"
    per_year = distinctive_by(corpus, "year", k=3)
    assert per_year[per_year["year"] == 2026]["term"].tolist() == ["thanh_niên", "đoàn", "tình_nguyện"]
    with pytest.raises(ValueError, match="both groups"):
        distinctive_terms(corpus, 1999, by="year")


def test_distinctive_counting_documents(corpus: Corpus) -> None:
    table = distinctive_terms(corpus, "Quyết định", by="doc_type", unit="docs").set_index("term")
    # a value written without accents selects the same documents, like search
    assert corpus.select("quyet dinh", by="doc_type") == corpus.select("Quyết định", by="doc_type")
    assert len(corpus.select("Quyet dinh", by="doc_type")) == 7  # the decisions of corpus/documents (two of them DOCX and PDF)
    assert table.loc["tiền_thưởng", "count_a"] == 3  # in all three decisions
    assert table.loc["tiền_thưởng", "count_b"] == 0
    assert table["count_a"].max() <= 7  # seven decisions in the corpus


# ----------------------------------------------------------------------------- a seed document


def test_seed_document_terms_and_kwic(seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.glob("000_*.txt"))
    if not seed:
        pytest.skip("seed 000 is absent")
    rec = extract_file(seed[0])
    docs = pd.DataFrame([{"doc_id": rec.doc_id, "text": rec.text, "year": 2024,
                          "signers": [s.model_dump() for s in rec.signers]}])
    corpus = build_corpus(docs)
    k = kwic(corpus, "Lao động tiên tiến", window=6)
    assert k["left"].iloc[0] == "1. Giám đốc Sở công nhận danh hiệu “"
    assert k["right"].iloc[0] == "” cho 06 tập thể và 59 cá nhân"
    freq = term_frequencies(corpus).set_index("term")
    assert freq.loc["thi_đua", "count"] > freq.loc["khen_thưởng", "count"] > 0


def test_counts_add_up_over_any_grouping(corpus: Corpus) -> None:
    overall = term_frequencies(corpus, n=2).set_index("term")["count"]
    grouped = term_frequencies(corpus, by=["province", "doc_type"], n=2)
    # Documents without a province or a type are their own <NA> group: nothing is lost.
    assert grouped.groupby("term")["count"].sum().sort_index().equals(overall.sort_index())
    by_issuer = term_frequencies(corpus, by="issuer")
    assert by_issuer["issuer"].isna().any()  # the news article has no issuer
    assert int(by_issuer["count"].sum()) == int(term_frequencies(corpus)["count"].sum())


def test_default_run_reads_the_environment(run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNADMIN_RUN", str(run_dir))
    assert dataset.default_run() == run_dir
    assert (dataset._repo_corpus() or Path()).resolve() == (Path(__file__).parents[2] / "corpus" / "documents").resolve()
