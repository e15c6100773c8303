"""Every named award rule on a real sentence: the value it decides and its id in ``evidence``.

Documents of the repository's corpus (always present), the seeds and corpus-public (skipped
when ``../shared`` is absent). A statement is picked by its award and the words just before it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from vnadmin_extract import extract_text
from vnadmin_extract.extractors.awards import counts, giver, status, year
from vnadmin_extract.extractors.awards.context import OPS

from .conftest import cached_record

REPO = Path(__file__).resolve().parent.parent
FIELDS = ("award", "status", "conferred_by", "collectives", "individuals", "total", "year")


def _statement(path: Path, award: str, before: str) -> tuple[tuple, dict[str, str]]:
    rec = cached_record(path)
    text = rec.text or ""
    found = [a for a in rec.awards if a.award == award and text[max(0, a.start - 160):a.start].endswith(before)]
    assert len(found) == 1, f"{len(found)} statements of {award!r} after {before!r}"
    a = found[0]
    return tuple(getattr(a, f) for f in FIELDS), a.evidence


# (document under corpus/, award, words just before it, expected values, attribute, rule id)
CORPUS = [
    ("documents/bc-cdcs-benh-vien-da-khoa-ha-tinh-2024-tong-ket.txt", "Bằng khen", "- Liên đoàn Lao động tỉnh tặng ",
     ("Bằng khen", "conferred", "Liên đoàn Lao động tỉnh", 1, 2, 3, 2024),
     {"conferred_by": "authority_before", "counts": "counts_after", "status": "conferred_default", "year": "heading_year"}),
    ("documents/qd-bkhcn-456-2025-tang-bang-khen-ky-niem-chuong.txt", "Bằng khen", "có tên sau đây:\na) ",
     ("Bằng khen", "conferred", "Bộ trưởng Bộ Khoa học và Công nghệ", 2, 3, 5, 2024),
     {"conferred_by": "authority_after"}),
    ("heldout-b/documents/cv-dhnl-hue-1342-2024-dang-ky-thi-dua-nam-hoc-2024-2025.txt", "Cờ thi đua của bộ, ban, ngành, tỉnh",
     "a) Tập thể\n\n- ", ("Cờ thi đua của bộ, ban, ngành, tỉnh", "registered", "Bộ Giáo dục và Đào tạo", 1, None, 1, 2025),
     {"conferred_by": "authority_in_name", "status": "list_lead_in"}),  # the list's lead-in says "đăng ký"
    ("documents/tin-snnptnt-ha-tinh-2024-hoi-nghi-tong-ket-thi-dua.txt", "Bằng khen", "Cờ thi đua cho 02 tập thể, ",
     ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 9, 17, 26, 2023), {"conferred_by": "clause_authority"}),
    ("heldout-b/documents/tin-ca-dak-lak-2025-le-ky-niem-ngay-truyen-thong-cand.txt", "Huân chương Chiến công hạng Ba",
     "cho Công an tỉnh Đắk Lắk; ", ("Huân chương Chiến công hạng Ba", "conferred", "Chủ tịch nước", 2, 3, 5, 2025),
     {"conferred_by": "delegated_authority"}),
    ("documents/bc-ubnd-huyen-thang-binh-2025-tong-ket-thi-dua.txt", "Bằng khen",
     "“Tập thể lao động xuất sắc” cho 06 tập thể; ",
     ("Bằng khen", "registered", None, 10, 20, 30, 2025), {"conferred_by": "none", "status": "heading_cue"}),
    ("documents/kh-ubnd-xa-cat-hanh-2025-phat-dong-thi-dua.txt", "Thôn, tổ dân phố văn hóa", "10/12 thôn giữ vững danh hiệu “",
     ("Thôn, tổ dân phố văn hóa", "target", None, 10, None, 10, 2025),
     {"conferred_by": "recipients_first", "counts": "counts_before", "status": "carried_cue"}),
    ("documents/kh-ubnd-xa-cat-hanh-2025-phat-dong-thi-dua.txt", "Gia đình văn hóa", "Phấn đấu 90% hộ gia đình đạt danh hiệu “",
     ("Gia đình văn hóa", "target", None, None, None, None, 2025), {"counts": "none", "status": "clause_cue"}),
    ("documents/bc-ubnd-huyen-thang-binh-2025-tong-ket-thi-dua.txt", "Lao động tiên tiến",
     "“Chiến sỹ thi đua cơ sở” cho 57 cá nhân; danh hiệu “",
     ("Lao động tiên tiến", "conferred", "Chủ tịch UBND huyện", None, 1042, 1042, 2024),
     {"conferred_by": "sentence_authority"}),
    ("heldout-c/documents/kh-cdn-giao-duc-quang-tri-36-2024-thi-dua-nam-hoc-2024-2025.txt", "Bằng khen",
     "Tổng Liên đoàn Lao động Việt Nam; 01 ", ("Bằng khen", "registered", "Chủ tịch UBND tỉnh", None, None, 1, 2025),
     {"counts": "bare_number"}),
    ("documents/bc-ubnd-huyen-thang-binh-2025-tong-ket-thi-dua.txt", "Bằng khen",
     "- 12 tập thể và 30 cá nhân được Chủ tịch UBND tỉnh tặng ",
     ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 12, 30, 42, 2023),
     {"counts": "counts_before", "year": "achievement_year", "conferred_by": "authority_before"}),
    ("documents/bc-thcs-le-quy-don-dai-loc-2024-tong-ket-thi-dua.txt", "Bằng khen", "được Chủ tịch UBND tỉnh tặng ",
     ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", None, None, 1, 2024), {"counts": "named_recipients"}),
    ("documents/bc-dang-uy-so-y-te-nghe-an-48-2024-xep-loai-dang-vien.txt", "Giấy khen", "1. Đảng ủy Sở tặng ",
     ("Giấy khen", "conferred", "Đảng ủy Sở", 2, 10, 12, 2024), {"year": "clause_year"}),
    ("documents/qd-bkhcn-456-2025-tang-bang-khen-ky-niem-chuong.txt", "Kỷ niệm chương", "Phòng Quản lý chuyên ngành.\nb) ",
     ("Kỷ niệm chương", "conferred", None, None, 4, 4, 2025), {"year": "document_date_year"}),
    ("heldout-b/documents/bc-hnd-quang-binh-287-2024-tong-ket-thi-dua.txt", "Bằng khen của Thủ tướng Chính phủ",
     "- 03 tập thể, 05 cá nhân được Thủ tướng Chính phủ tặng ",
     ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", 3, 5, 8, None), {"year": "sentence_period"}),
    ("documents/cv-sgddt-gia-lai-2457-2025-huong-dan-tong-ket-thi-dua.txt", "Bằng khen",
     "18 tập thể và 45 cá nhân được Chủ tịch UBND tỉnh tặng ",
     ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 18, 45, 63, 2024), {"year": "sentence_year"}),
    ("documents/kh-ubnd-an-giang-68-2025-thi-dua-cao-diem-thuvienphapluat.md", "Bằng khen",
     "- Chủ tịch Ủy ban nhân dân tỉnh tặng ",
     ("Bằng khen", "target", "Chủ tịch Ủy ban nhân dân tỉnh", 20, 30, 50, 2025), {"year": "title_year"}),
]


@pytest.mark.parametrize(("doc", "award", "before", "expected", "evidence"), CORPUS, ids=[
    "+".join(sorted(set(c[4].values()))) for c in CORPUS])
def test_rule_on_corpus_sentence(doc: str, award: str, before: str, expected: tuple, evidence: dict[str, str]) -> None:
    got, ev = _statement(REPO / "corpus" / doc, award, before)
    assert got == expected
    assert {k: ev[k] for k in evidence} == evidence


def test_period_after_award_on_a_seed(seeds_dir: Path) -> None:
    got, ev = _statement(seeds_dir / "000_ff6a27539d3b0b29.txt", "Bằng khen",
                         "Chi đoàn được Đoàn Khối xét và đề nghị Tỉnh đoàn tặng ")
    assert got == ("Bằng khen", "proposed", "Tỉnh đoàn", None, None, 1, None)
    assert ev["year"] == "period_after_award"


# Issue 13, class 7: awards named by laws, circulars, quotas and forms are rules, not statements.
def test_a_law_article_is_a_rule_and_its_number_no_count(public_dir: Path) -> None:
    rec = cached_record(public_dir / "vbhn-luat-thi-dua-khen-thuong-cong-bao-2014-broken-spacing.pdf")
    assert [(a.award, a.status, a.total, a.evidence["status"]) for a in rec.awards] == [
        ("Nhà giáo ưu tú", "rule", None, "normative_document")]  # "Điều 26 Cờ thi đua ...": no 26


def test_procedure_of_a_qppl_decision_is_a_rule_without_recipients(public_dir: Path) -> None:
    rec = cached_record(public_dir / "qd-ttg-01-2026-chi-tiet-luat-thi-dua-khen-thuong.vbpl.html")
    assert [(a.status, a.recipients, a.evidence["status"]) for a in rec.awards] == [
        ("rule", [], "normative_document")] * 3


def test_form_rows_are_read_by_their_headings_and_row_numbers_are_no_counts(public_dir: Path) -> None:
    # A filled summary form reports counts (tests/test_award_tables.py); no sentence rule reads its
    # rows, whose numbers ("3 │ Cờ thi đua ...") are row numbers.
    rec = cached_record(public_dir / "bieu-mau-01-tong-hop-khen-thuong-cap-nha-nuoc-2022-quangbinh.docx")
    assert {a.evidence["counts"] for a in rec.awards} == {"table_columns"}
    awards = [e.text for e in rec.entities if e.type == "AWARD"]  # kept as entities (every row, table rows read whole)
    assert len(awards) == 16 and awards[:3] == ["Huân chương", "Huân chương Độc lập", "Huân chương Lao động hạng Nhất"]


def test_quota_in_guidance_is_a_rule(public_dir: Path) -> None:
    got, ev = _statement(public_dir / "hd-hdtdkt-hungyen-2021-cum-khoi-thi-dua-du-thao.docx", "Bằng khen",
                         "Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ và 01 ")
    assert (got[1], got[5], ev["status"]) == ("rule", 1, "rule_context")


@pytest.mark.parametrize("name", [
    "vbhn-luat-thi-dua-khen-thuong-cong-bao-2014-broken-spacing.pdf", "luat-thi-dua-khen-thuong-2022.doc",
    "qd-ttg-01-2026-chi-tiet-luat-thi-dua-khen-thuong.vbpl.html",
    "tt-bgddt-07-2026-thi-dua-khen-thuong-nganh-giao-duc.vbpl.html",
    "tt-bkhcn-25-2025-thi-dua-khen-thuong-nganh-khcn.vbpl.html", "tt-bng-03-2018-thi-dua-khen-thuong-nganh-ngoai-giao.doc",
    "tt-bnv-20-2025-chi-tiet-thi-dua-khen-thuong.vbpl.html", "quy-dinh-ubnd-camau-05-2006-doi-kiem-tra-814-vni.doc",
    "qd-bqlkcn-bariavungtau-2007-quy-che-chi-tieu-vni.doc",
])
def test_laws_circulars_regulations_and_forms_confer_nothing(public_dir: Path, name: str) -> None:
    rec = cached_record(public_dir / name)
    assert [a.status for a in rec.awards if a.status in ("conferred", "proposed", "registered")] == []


# Issue 13, class 8: awards missed.
def test_award_sentence_right_before_the_signature_block() -> None:
    rec = extract_text("Điều 1. Tặng Giấy khen của Giám đốc Sở Nội vụ cho 03 tập thể và 12 cá nhân.\nGIÁM ĐỐC\nNguyễn Văn A")
    assert [tuple(getattr(a, f) for f in FIELDS) for a in rec.awards] == [
        ("Giấy khen", "conferred", "Giám đốc Sở Nội vụ", 3, 12, 15, None)]
    assert rec.awards[0].evidence == {"counts": "counts_after", "conferred_by": "authority_after",
                                      "status": "conferred_default", "year": "none"}
    assert [s.name for s in rec.signers] == ["Nguyễn Văn A"]


def _awards(body: str) -> list[tuple]:
    rec = extract_text(f"BÁO CÁO\nTổng kết\n\nI. KẾT QUẢ NĂM 2023\n\n1. Nội dung.\n\n{body}\n")
    return [(*(getattr(a, f) for f in FIELDS), a.evidence["status"]) for a in rec.awards]


def test_a_conferral_in_brackets_of_a_proposal_stays_conferred() -> None:
    assert _awards("Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 05 cá nhân (năm 2022 đã được Giám đốc Sở tặng "
                   "Giấy khen cho 02 tập thể và 03 cá nhân).") == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, 5, 5, 2023, "clause_cue"),
        ("Giấy khen", "conferred", "Giám đốc Sở", 2, 3, 5, 2022, "bracket_cue"),
    ]


def test_a_proposal_in_brackets_of_a_conferral_stays_a_proposal_and_passes_nothing_on() -> None:
    assert _awards("Giám đốc Sở đã tặng Giấy khen cho 12 cá nhân (trong đó đề nghị Chủ tịch UBND tỉnh tặng Bằng khen "
                   "cho 02 cá nhân); công nhận danh hiệu Lao động tiên tiến cho 40 cá nhân.") == [
        ("Giấy khen", "conferred", "Giám đốc Sở", None, 12, 12, 2023, "conferred_default"),
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, 2, 2, 2023, "bracket_cue"),
        ("Lao động tiên tiến", "conferred", "Giám đốc Sở", None, 40, 40, 2023, "conferred_default"),
    ]


def test_a_conferral_reported_as_done_after_a_proposal_in_one_clause_is_conferred() -> None:
    # Class 8, the reverse of the bracket case: no bracket, one comma. "đã được ... tặng" says what
    # happened; "đã trình ... tặng" is a proposal made, and stays one.
    assert _awards("Sở đã trình Chủ tịch UBND tỉnh tặng Bằng khen cho 05 cá nhân, đã được Chủ tịch UBND tỉnh "
                   "tặng Bằng khen cho 10 tập thể.") == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, 5, 5, 2023, "clause_cue"),
        ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 10, None, 10, 2023, "conferred_default"),
    ]


def test_a_proposal_for_people_who_were_once_awarded_stays_a_proposal() -> None:
    assert _awards("Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 05 cá nhân đã có thành tích xuất sắc.") == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, 5, 5, 2023, "clause_cue")]


def test_every_rule_id_is_unique_snake_case() -> None:
    for rules in (counts.COUNT_RULES, giver.GIVER_RULES, status.STATUS_RULES, year.YEAR_RULES):
        ids = [r.id for r in rules]
        assert len(ids) == len(set(ids))
        assert all(i.replace("_", "").isalpha() and i.islower() for i in ids)


# Issue 15, item 9: many clauses in one sentence. Operation counts, not time: doubling the
# input doubles the clause visits, group visits, rule evaluations and year look-ups.
@pytest.mark.parametrize("unit", ["tặng Bằng khen cho 1 tập thể và 1 cá nhân; ",
                                  "Giám đốc Sở tặng Giấy khen cho 01 cá nhân; "])
def test_awards_stage_is_linear_in_the_clauses_of_one_sentence(unit: str) -> None:
    ops = []
    for n in (500, 1000, 2000):
        for k in OPS:
            OPS[k] = 0
        rec = extract_text(unit * n)
        assert len(rec.awards) == n
        ops.append(dict(OPS))
    for small, big in itertools.pairwise(ops):
        for k in OPS:
            assert big[k] <= 2 * small[k] + 4, (k, small[k], big[k])


def test_show_lists_statements_with_their_rules(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vnadmin_extract.cli import main

    assert main(["show", str(seeds_dir / "000_ff6a27539d3b0b29.txt")]) == 0
    lines = [ln.strip() for ln in capsys.readouterr().out.splitlines() if " | " in ln]
    assert lines[:2] == [
        "Lao động tiên tiến | conferred [conferred_default] | 2023 [heading_year] | 6+59=65 [counts_after] "
        "| by Giám đốc Sở [authority_before]",
        "Giấy khen | conferred [conferred_default] | 2023 [heading_year] | 6+58=64 [counts_after] "
        "| by Giám đốc Sở [sentence_authority]",
    ]


# QĐ 2871/QĐ-UBND Quảng Bình 2022 (scan, corpus-public), Điều 1, and the Tờ trình 2753 that proposed it.
DECISION_2871 = ("Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 05 tập thể và 04 cá nhân đã có thành tích "
                 "xuất sắc trong 10 năm thực hiện Luật Phổ biến, giáo dục pháp luật trên địa bàn tỉnh "
                 "(có Danh sách kèm theo).\n")


def test_period_of_work_gives_no_year() -> None:
    (a,) = extract_text(DECISION_2871).awards
    assert (a.award, a.status, a.collectives, a.individuals, a.year) == ("Bằng khen", "conferred", 5, 4, None)
    assert a.evidence["year"] == "period_of_work"


PROPOSAL_2753 = """TỜ TRÌNH
V/v đề nghị xét khen thưởng

Sở Tư pháp kính trình và đề nghị Chủ tịch UBND tỉnh tặng bằng khen cho tập thể và cá nhân vì đã có thành tích xuất sắc trong 10 năm thực hiện Luật Phổ biến, giáo dục pháp luật.

(Có Danh sách và Hồ sơ đề nghị khen thưởng của các tập thể, cá nhân kèm theo).

Sở Tư pháp kính trình Chủ tịch UBND tỉnh Quảng Bình xem xét, quyết định./.

Nơi nhận:
- Lưu: VT, VP.
GIÁM ĐỐC
Trần Chí Tiến

DANH SÁCH
Tập thể, cá nhân đề nghị xét khen thưởng (Kèm theo Tờ trình số 2753/TTr-STP ngày 28/9/2022 của Sở Tư pháp)
I. TẬP THỂ
1. Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp tỉnh Quảng Bình;
2. Công an tỉnh Quảng Bình;
II. CÁ NHÂN
1. Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp tỉnh Quảng Bình;
"""


def test_uncounted_kinds_with_an_attached_list_are_a_statement_of_the_list() -> None:
    (a,) = extract_text(PROPOSAL_2753).awards
    assert (a.award, a.status, a.conferred_by, a.collectives, a.individuals, a.total, a.year) == (
        "Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, None, 3, None)
    assert a.evidence["counts"] == "attached_list"
    assert [(r.name, r.kind) for r in a.recipients] == [
        ("Phòng Phổ biến, giáo dục pháp luật", "collective"), ("Công an tỉnh Quảng Bình", "collective"),
        ("Trương Quang Sáng", "individual")]


def test_uncounted_kinds_whose_list_is_missing_are_no_statement() -> None:
    # the scan of the same Tờ trình, whose list OCR did not read as one: a procedural mention
    text = PROPOSAL_2753[:PROPOSAL_2753.index("DANH SÁCH")]
    assert extract_text(text).awards == []


def test_uncounted_kinds_without_a_list_are_no_statement() -> None:
    text = "Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.\n"
    assert extract_text(text).awards == []


def test_award_rule_lists_moved_out_of_code_match_their_examples() -> None:
    """patterns/award_rules.yaml: each list's examples through the matcher that uses it."""
    import importlib

    from vnadmin_extract.extractors.awards import giver, status

    statements = importlib.import_module("vnadmin_extract.extractors.awards.statements")  # the package re-exports a function of that name
    from vnadmin_extract.rules.load import load_yaml

    entries = {e["id"]: e for e in load_yaml("award_rules.yaml")["entries"]}
    for key in ("target_met_verbs", "target_met_degrees", "target_met_determiners", "target_met_objects"):
        for example in entries[key]["examples"]:
            cue = "giao ước" if "giao ước" in example else "chỉ tiêu"
            head = example[: example.index(cue)] if key != "target_met_objects" else example[: example.index("giao ước")]
            assert status._merit_before().search(head), (key, example)
    assert not status._merit_before().search("phấn đấu có ")
    for example in entries["giver_end_words"]["examples"]:
        rest = example.split(" của ", 1)[1]
        stop = giver._giver_end().search(rest)
        assert stop is not None and rest[: stop.start()] in ("UBND tỉnh", "Bộ trưởng", "Chủ tịch UBND tỉnh"), example
    for example in entries["authority_verb_adverbs"]["examples"]:
        stop = giver._auth_stop().search(example)
        assert stop is not None and stop.group("verb") == "tặng", example
    for example in entries["breakdown_openers"]["examples"]:
        assert statements._breakdown_opener().match(example), example
    for example in entries["breakdown_openers"]["counter_examples"]:
        assert not statements._breakdown_opener().match(example), example


def test_a_borrowed_giver_carries_its_clauses_proposal() -> None:
    """heldout-b/ttr-bvdk-kien-giang-845-2024 (a hospital's Tờ trình): the second award of the
    clause after ";" borrows the Chairman, and with him the "Đề nghị" of the clause that named him
    (``carried_cue``; before, the borrowed giver stopped the cue and the heading decided)."""
    from vnadmin_extract import extract_text

    rec = extract_text("1.2. Đề nghị Giám đốc Sở Y tế trình Chủ tịch UBND tỉnh công nhận danh hiệu “Tập thể Lao động "
                       "xuất sắc” cho 05 khoa: Khoa Cấp cứu, Khoa Hồi sức tích cực - Chống độc, Khoa Ngoại Thần kinh, "
                       "Khoa Phụ sản, Khoa Xét nghiệm; danh hiệu “Chiến sĩ thi đua cấp tỉnh” cho 03 cá nhân.")
    last = rec.awards[-1]
    assert (last.award, last.status, last.conferred_by, last.individuals) == (
        "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "proposed", "Chủ tịch UBND tỉnh", 3)
    assert last.evidence == {"counts": "counts_after", "conferred_by": "sentence_authority",
                             "status": "carried_cue", "year": "none"}
