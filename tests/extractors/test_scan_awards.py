"""Issue 13, classes 7 and 8 on real files: award statements and their recipients on scans.

Sentences are the real ones of corpus-public documents (``../shared/corpus-public``); tests that
read the files skip when it is absent. Expected values are exact.
"""

from __future__ import annotations

from pathlib import Path

from vnadmin_extract import extract_text

from ..conftest import cached_record

FIELDS = ("award", "status", "conferred_by", "collectives", "individuals", "total")


def _statements(text: str) -> list[tuple]:
    rec = extract_text(text)
    return [(*(getattr(a, f) for f in FIELDS), a.evidence["conferred_by"]) for a in rec.awards]


# --- the giver the award's own name carries -------------------------------------------------

# bb-stp-quangbinh-02-2022 (Biên bản of the Sở Tư pháp's council), item 3
COUNCIL = ("3. Trên cơ sở xem xét hồ sơ và thành tích của các tập thể và cá nhân, Hội đồng Thi đua - Khen thưởng "
           "Sở Tư pháp thống nhất đề nghị Hội đồng Thi đua - Khen thưởng tỉnh xét, đề nghị tặng Bằng khen{giver} "
           "cho 05 tập thể và 04 cá nhân có thành tích trong 10 năm thực hiện Luật Phổ biến giáo dục pháp luật.")


def test_the_giver_in_the_award_name_wins_over_the_body_the_proposal_goes_to() -> None:
    assert _statements(COUNCIL.format(giver=" Chủ tịch UBND tỉnh")) == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", 5, 4, 9, "authority_after")]
    assert _statements(COUNCIL.format(giver=" của Chủ tịch UBND tỉnh")) == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", 5, 4, 9, "authority_after")]


def test_without_a_giver_in_the_award_name_the_body_before_it_stays() -> None:
    # the contrast: the award's name names nobody, the council asked to review it is all there is
    assert _statements(COUNCIL.format(giver="")) == [
        ("Bằng khen", "proposed", "Hội đồng Thi đua - Khen thưởng tỉnh", 5, 4, 9, "authority_before")]
    # ttr-stp-quangbinh-2753-2022: the giver asked, before the award
    assert _statements("Sở Tư pháp kính trình và đề nghị Chủ tịch UBND tỉnh tặng bằng khen cho 05 tập thể "
                       "và 04 cá nhân vì đã có thành tích xuất sắc.") == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", 5, 4, 9, "authority_before")]


def test_a_unit_after_cho_is_a_recipient_not_a_giver() -> None:
    assert _statements("Hội đồng thống nhất đề nghị Hội đồng Thi đua - Khen thưởng tỉnh xét, đề nghị tặng Bằng khen "
                       "cho Công an tỉnh Quảng Bình.") == [
        ("Bằng khen", "proposed", "Hội đồng Thi đua - Khen thưởng tỉnh", None, None, 1, "authority_before")]


def test_an_emulation_title_takes_no_bare_giver_after_it() -> None:
    # only an award one holds (Bằng khen, Giấy khen, Cờ) names its giver without "của"
    assert _statements("Giám đốc Sở công nhận danh hiệu Lao động tiên tiến Công đoàn ngành cho 12 cá nhân.") == [
        ("Lao động tiên tiến", "conferred", "Giám đốc Sở", None, 12, 12, "authority_before")]


def test_council_minutes_scan(public_dir: Path) -> None:
    rec = cached_record(public_dir / "bb-stp-quangbinh-02-2022-hop-hoi-dong-tdkt-scan.pdf")
    assert [(*(getattr(a, f) for f in FIELDS), a.evidence["conferred_by"]) for a in rec.awards] == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", 5, 4, 9, "authority_after")]


# --- quotas in guidance: "Riêng ..." after a rule -------------------------------------------

# hd-hdtdkt-hungyen-2021-cum-khoi-thi-dua-du-thao.docx, section VI
QUOTAS = ("VI. BÌNH XÉT THI ĐUA\n"
          "Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ và 01 Bằng khen. Riêng Khối thi đua doanh nghiệp được "
          "đề nghị 08 Cờ và 05 Bằng khen (Cụm thi đua các doanh nghiệp có vốn Nhà nước: 02 và 01 Bằng khen; "
          "các Cụm còn lại, mỗi cụm: 03 Cờ và 02 Bằng khen).\n")


def test_an_exception_to_a_quota_is_a_quota() -> None:
    rec = extract_text(QUOTAS)
    assert [(a.award, a.status, a.total, a.evidence["status"], a.recipients) for a in rec.awards] == [
        ("Bằng khen", "rule", 1, "rule_context", []),
        ("Bằng khen", "rule", 5, "rule_context", []),  # was "proposed" for "Khối thi đua doanh nghiệp"
        ("Bằng khen", "rule", 1, "rule_context", []),
        ("Bằng khen", "rule", 2, "rule_context", []),
    ]


def test_rieng_after_a_statement_is_no_rule() -> None:
    # the contrast: no rule earlier in the paragraph, "Riêng" is just a proposal's subject
    assert [(a.status, a.total, a.evidence["status"]) for a in extract_text(
        "Năm 2023, Hội đồng đã xét và đề nghị tặng Bằng khen cho 03 tập thể. Riêng Khối thi đua doanh nghiệp "
        "được đề nghị tặng Bằng khen cho 05 tập thể.").awards] == [
        ("proposed", 3, "clause_cue"), ("proposed", 5, "clause_cue")]


def test_guidance_draft_states_no_award(public_dir: Path) -> None:
    rec = cached_record(public_dir / "hd-hdtdkt-hungyen-2021-cum-khoi-thi-dua-du-thao.docx")
    assert [a.status for a in rec.awards] == ["rule"] * 4


# --- a titled list whose numbers OCR lost ----------------------------------------------------

PROPOSAL = """UBND TỈNH QUẢNG BÌNH
SỞ TƯ PHÁP
Số: 2753/TTr-STP
Quảng Bình, ngày 28 tháng 9 năm 2022

TỜ TRÌNH
V/v đề nghị xét khen thưởng

Sở Tư pháp kính trình và đề nghị Chủ tịch UBND tỉnh tặng bằng khen cho tập thể và cá nhân vì đã có thành tích \
xuất sắc trong 10 năm thực hiện Luật Phổ biến, giáo dục pháp luật.

(Có Danh sách và Hồ sơ đề nghị khen thưởng của các tập thể, cá nhân kèm theo).

Nơi nhận:
- Như trên;
- Lưu: VT, VP.

GIÁM ĐỐC

Trần Chí Tiến

DANH SÁCH

Tập thể, cá nhân đề nghị xét khen thưởng vì đã có thành tích xuất sắc trong 10 năm thực hiện Luật Phổ biến, \
giáo dục pháp luật {note}

Tập thể, cá nhân đề nghị xét khen thưởng

Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp tỉnh Quảng Bình

Công an tỉnh Quảng Bình

7
Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp tỉnh Quảng Bình

Đại tá Lê Văn Tiến - Chính ủy Bộ đội Biên phòng tỉnh Quảng Bình

Trần Chí Tiến
"""
NOTE = "(Kèm theo Tờ trình số 2753/TTr-STP ngày 28/9/2022 của Sở Tư pháp Quảng Bình)"


def test_a_titled_list_without_row_numbers_is_read_row_by_row() -> None:
    """The title ends with its "(Kèm theo ...)" line; then one unit or person a line, a stray
    mark passed over; a bare name (the signer's, under the list) is no row."""
    rec = extract_text(PROPOSAL.format(note=NOTE))
    [award] = rec.awards
    assert (award.award, award.status, award.conferred_by, award.collectives, award.individuals, award.total) == (
        "Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, None, 4)
    assert award.evidence["counts"] == "attached_list"
    assert [(r.name, r.kind, r.position, r.organization, r.note) for r in award.recipients] == [
        ("Phòng Phổ biến, giáo dục pháp luật", "collective", None, "Sở Tư pháp tỉnh Quảng Bình", None),
        ("Công an tỉnh Quảng Bình", "collective", None, None, None),
        ("Trương Quang Sáng", "individual", "Phó Giám đốc", "Sở Tư pháp tỉnh Quảng Bình", "Ông"),
        ("Lê Văn Tiến", "individual", "Chính ủy", "Bộ đội Biên phòng tỉnh Quảng Bình", "Đại tá"),
    ]
    text = rec.text or ""
    assert [text[r.start:r.end] for r in award.recipients][2] == \
        "Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp tỉnh Quảng Bình"


def test_a_title_that_does_not_end_reads_no_bare_rows() -> None:
    # the contrast: without the "(Kèm theo ...)" line nothing says where the title ends; the
    # statement kept only for its attached list is then dropped, not given title lines as rows
    assert extract_text(PROPOSAL.format(note="")).awards == []


def test_proposal_scan_gets_its_statement_and_the_rows_ocr_kept(public_dir: Path) -> None:
    """ttr-stp-quangbinh-2753-2022: OCR reads 5 of the 9 rows of the list's table (the four it
    loses are units, in rows 2-5), without their numbers."""
    rec = cached_record(public_dir / "ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf")
    [award] = rec.awards
    assert (award.award, award.status, award.conferred_by, award.total) == (
        "Bằng khen", "proposed", "Chủ tịch UBND tỉnh", len(award.recipients))
    got = [(r.name, r.kind, r.position) for r in award.recipients]
    assert got[0] == ("Phòng Phổ biến, giáo dục pháp luật", "collective", None)
    assert got[-4:] == [
        ("Trương Quang Sáng", "individual", "Phó Giám đốc"),
        ("Lê Văn Tiến", "individual", "Chính ủy"),
        ("Đặng Đại Bàng", "individual", "Bí thư"),
        ("Nguyễn Văn Tình", "individual", "Phó Chủ tịch"),
    ]
    assert all(r.kind == "collective" for r in award.recipients[:-4])


# --- a name OCR split inside a syllable ------------------------------------------------------

def test_a_name_split_inside_a_syllable_is_joined_with_a_warning() -> None:
    """bb-stp-quangbinh-02-2022: OCR read "Ông Đặn g Đại Bàng" in the list of the minutes."""
    rec = extract_text("Hội đồng thống nhất đề nghị tặng Bằng khen cho 02 cá nhân, cụ thể:\n\n"
                       "Ông Đặn g Đại Bàng, Bí thư Tỉnh đoàn tỉnh Quảng Bình\n\n"
                       "Ông Nguyễn Văn Tình - Phó Chủ tịch UBND thị xã Ba Đồn\n")
    [award] = rec.awards
    text = rec.text or ""
    assert [(r.name, r.position, r.note, text[r.start:r.end]) for r in award.recipients] == [
        ("Đặng Đại Bàng", "Bí thư", "Ông", "Ông Đặn g Đại Bàng, Bí thư Tỉnh đoàn tỉnh Quảng Bình"),
        ("Nguyễn Văn Tình", "Phó Chủ tịch", "Ông", "Ông Nguyễn Văn Tình - Phó Chủ tịch UBND thị xã Ba Đồn"),
    ]
    assert [w.message for w in rec.warnings if w.code == "W_OCR_NAME_JOINED"] == [
        "recipient 'Đặng Đại Bàng' read from 'Ông Đặn g Đại Bàng, Bí thư Tỉnh đoàn tỉnh Quảng Bình': "
        "a syllable split by OCR was joined"]
    assert "ocr_name_joined" in rec.review.reasons


def test_a_lower_case_word_that_makes_no_syllable_is_not_joined() -> None:
    from vnadmin_extract.extractors.recipients import _rejoined
    assert _rejoined("Đặn g Đại Bàng") == "Đặng Đại Bàng"
    assert _rejoined("Nguyễ n Văn An") == "Nguyễn Văn An"
    assert _rejoined("Trần Văn và") is None  # "Vănvà" is no syllable
    assert _rejoined("Lê Văn Tiến") is None  # nothing to join


def test_a_row_broken_over_two_lines_is_one_row() -> None:
    """OCR of a table cell too narrow for its row: the rest of the row on a line of its own,
    starting in lower case (a blank line between, as OCR puts between blocks)."""
    rec = extract_text("Hội đồng thống nhất đề nghị tặng Bằng khen cho 02 tập thể và 02 cá nhân, cụ thể:\n\n"
                       "Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp\n\ntỉnh Quảng Bình\n\n"
                       "Công an tỉnh Quảng Bình\n\n"
                       "Ông Trương Quang Sáng, Phó Giám đốc Sở Tư\n\npháp tỉnh Quảng Bình\n\n"
                       "Ông Nguyễn Văn Tình - Phó Chủ tịch UBND thị xã Ba Đồn\n\n"
                       "Hội đồng đã thống nhất và biểu quyết 09/09 thành viên có mặt.\n")
    [award] = rec.awards
    text = rec.text or ""
    assert [(r.name, r.kind, r.position, r.organization, r.note) for r in award.recipients] == [
        ("Phòng Phổ biến, giáo dục pháp luật", "collective", None, "Sở Tư pháp tỉnh Quảng Bình", None),
        ("Công an tỉnh Quảng Bình", "collective", None, None, None),
        ("Trương Quang Sáng", "individual", "Phó Giám đốc", "Sở Tư pháp tỉnh Quảng Bình", "Ông"),
        ("Nguyễn Văn Tình", "individual", "Phó Chủ tịch", "UBND thị xã Ba Đồn", "Ông"),
    ]
    assert text[award.recipients[2].start:award.recipients[2].end] == \
        "Ông Trương Quang Sáng, Phó Giám đốc Sở Tư\n\npháp tỉnh Quảng Bình"
    assert [w.code for w in rec.warnings if w.code == "W_RECIPIENT_COUNT"] == []


def test_a_lower_case_sentence_after_a_row_is_not_its_rest() -> None:
    # the contrast: a clause ("đã ...") after the last row ends the list, it is no part of the row
    rec = extract_text("Hội đồng thống nhất đề nghị tặng Bằng khen cho 01 tập thể, cụ thể:\n\n"
                       "Công an tỉnh Quảng Bình\n\nđã được biểu quyết 09/09 thành viên có mặt.\n")
    assert [(r.name, r.organization) for a in rec.awards for r in a.recipients] == [("Công an tỉnh Quảng Bình", None)]


def test_marks_ocr_read_between_two_rows_run_together_are_left_out() -> None:
    """bb-stp-quangbinh-02-2022: "Kỉe Ông Trương Quang Sáng, ... tỉnh Quảng Bình lự se Đại tá Lê Văn
    Tiến - ...": two rows on one line, with stray marks before, between and after them."""
    rec = extract_text("Hội đồng thống nhất đề nghị tặng Bằng khen cho 02 cá nhân, cụ thể:\n\nCá nhân\n\n"
                       "Kỉe Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp tỉnh Quảng Bình lự se Đại tá Lê Văn Tiến - "
                       "Chính ủy Bộ đội Biên phòng tỉnh Quảng Bình\n")
    [award] = rec.awards
    text = rec.text or ""
    assert [(r.name, r.position, r.organization, r.note, text[r.start:r.end]) for r in award.recipients] == [
        ("Trương Quang Sáng", "Phó Giám đốc", "Sở Tư pháp tỉnh Quảng Bình", "Ông",
         "Ông Trương Quang Sáng, Phó Giám đốc Sở Tư pháp tỉnh Quảng Bình"),
        ("Lê Văn Tiến", "Chính ủy", "Bộ đội Biên phòng tỉnh Quảng Bình", "Đại tá",
         "Đại tá Lê Văn Tiến - Chính ủy Bộ đội Biên phòng tỉnh Quảng Bình"),
    ]
