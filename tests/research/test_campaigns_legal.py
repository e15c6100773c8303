"""Movements and slogans, award helpers, and citation keys on the corpus run."""

from __future__ import annotations

from vnadmin_extract import dataset
from vnadmin_extract.analysis import citation_graph, citations, cited_table, movement_summary, movements
from vnadmin_extract.analysis.awards import authority_key, awards_table, recipient_kind
from vnadmin_extract.analysis.campaigns import slogan_key, template_of
from vnadmin_extract.analysis.legal import citation_key, scope_of

from .conftest import BINH_DINH, doc_id_of


def test_slogan_templates() -> None:
    assert template_of("Thăng Bình chung sức xây dựng nông thôn mới", "ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH") == (
        "<địa phương> chung sức xây dựng nông thôn mới", "chung sức xây dựng nông thôn mới")
    assert template_of("Hà Tĩnh chung sức xây dựng nông thôn mới")[0].startswith("<địa phương> ")  # a province
    assert template_of("Cả nước chung sức xây dựng nông thôn mới")[0] == "<cả nước> chung sức xây dựng nông thôn mới"
    assert template_of("Dân vận khéo", "UBND tỉnh Quảng Nam") == ("Dân vận khéo", "Dân vận khéo")
    assert slogan_key("“Đổi mới, sáng tạo trong dạy và học”") == "doi moi, sang tao trong day va hoc"


def test_movements_of_the_corpus(ds: dataset.Dataset) -> None:
    mv = movements(ds)
    bd = mv[mv["doc_id"] == doc_id_of(ds, BINH_DINH)]
    assert set(bd["slogan"]) == {"Bình Định chung tay chuyển đổi số"}
    assert set(bd["template"]) == {"<địa phương> chung tay chuyển đổi số"}
    assert set(bd["kind"]) == {"phong trào thi đua"}
    families = movement_summary(ds, level="core").set_index("core")
    ntm = families.loc["chung sức xây dựng nông thôn mới"]
    assert ntm["documents"] == 3
    assert set(ntm["variants"]) == {"Cả nước chung sức xây dựng nông thôn mới",
                                    "Hà Tĩnh chung sức xây dựng nông thôn mới",
                                    "Thăng Bình chung sức xây dựng nông thôn mới"}


def test_award_helpers(ds: dataset.Dataset) -> None:
    assert recipient_kind("Huân chương Lao động hạng Ba") == "any"
    assert recipient_kind("Tập thể lao động xuất sắc") == "collective"
    assert recipient_kind("Gia đình văn hóa") == "household"
    assert authority_key("Chủ tịch Ủy ban nhân dân tỉnh") == authority_key("Chủ tịch UBND tỉnh") == "Chủ tịch UBND tỉnh"
    assert authority_key("Bộ trưởng Bộ Giáo dục và Đào tạo") == "Bộ trưởng Bộ GD&ĐT"
    table = awards_table(ds)
    families = table[table["award"] == "Gia đình văn hóa"].dropna(subset=["households"])
    assert families["households"].iloc[0] == 41250 and families["collectives"].isna().all()
    assert len(table) == len(ds.awards)


def test_citation_keys() -> None:
    decree = {"doc_type": "Nghị định", "number": "98", "year": 2023, "symbol": "NĐ-CP",
              "raw": "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"}
    assert citation_key(decree) == "Nghị định 98/2023/NĐ-CP"
    party = {"doc_type": "Chỉ thị", "number": "34", "year": 2014, "symbol": "CT/TW", "raw": "Chỉ thị số 34-CT/TW"}
    assert citation_key(party) == "Chỉ thị 34-CT/TW (2014)"
    plan = {"doc_type": "Kế hoạch", "number": "37", "year": 2024, "symbol": "KH-UBND", "raw": "Kế hoạch số 37/KH-UBND"}
    assert citation_key(plan, "Bình Định") == "Kế hoạch 37/KH-UBND (2024) · Bình Định"
    law = {"doc_type": "Luật", "title": "Thi đua, khen thưởng", "year": 2022, "raw": "Luật Thi đua, khen thưởng năm 2022"}
    assert citation_key(law) == "Luật Thi đua, khen thưởng 2022"
    assert [scope_of("Thông tư", "TT-BNV"), scope_of("Quyết định", "QĐ-TTg"), scope_of("Kế hoạch", "KH-UBND"),
            scope_of("Quy định", "QĐ/TW"), scope_of("Luật", None)] == ["central", "central", "local", "central",
                                                                        "central"]


def test_citations_of_the_corpus(ds: dataset.Dataset) -> None:
    refs = citations(ds)
    assert len(refs) == len(ds.legal_refs)
    table = cited_table(ds).set_index("cited")
    # The 2022 law and its decree are the common legal base of the corpus.
    assert list(table.index[:2]) == ["Luật Thi đua, khen thưởng 2022", "Nghị định 98/2023/NĐ-CP"]
    assert table.loc["Luật Thi đua, khen thưởng 2022", "citing_documents"] == 18
    inferred = refs[refs["cited_inferred"].fillna(False)]
    assert set(inferred["raw"]) == {"Luật Thi đua, khen thưởng", "Quy định số 124-QĐ/TW"}
    assert set(inferred["cited"]) == {"Luật Thi đua, khen thưởng 2022", "Quy định 124-QĐ/TW (2023)"}
    # A provincial department's submission cited by a ministry keeps the department's province.
    assert "Tờ trình 37/TTr-SKHCN (2025) · Thái Nguyên" in set(refs["cited"])
    graph = citation_graph(ds)
    law = "Luật Thi đua, khen thưởng 2022"
    assert graph.nodes[law]["kind"] == "cited" and graph.in_degree(law) == 18
    assert all(data["weight"] == len(data["docs"]) for _, _, data in graph.edges(data=True))
