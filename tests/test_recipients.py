"""Award recipients: lists after a decision, parts, posts, inline names, count warnings."""

from __future__ import annotations

from pathlib import Path

from vnadmin_extract import extract_file, extract_text

REPO = Path(__file__).resolve().parent.parent
TWO_LISTS = REPO / "corpus/documents/qd-ubnd-huyen-dong-son-312-2025-bang-khen-chien-si-thi-dua-hai-danh-sach.txt"


def _rows(award):
    return [(r.name, r.kind, r.position, r.organization, r.note) for r in award.recipients]


def test_two_lists_go_to_their_statements_and_count_mismatch_warns() -> None:
    rec = extract_file(TWO_LISTS)
    gk, cstd = rec.awards
    assert (gk.award, gk.collectives, gk.individuals) == ("Giấy khen", 3, 2)
    assert _rows(gk) == [
        ("Trường Tiểu học Đông Thanh", "collective", None, None, None),
        ("Trạm Y tế xã Đông Hòa", "collective", None, None, None),
        ("Phòng Tài chính - Kế hoạch huyện", "collective", None, None, None),
        ("Trịnh Thị Thu Hằng", "individual", "Giáo viên", "Trường Mầm non Đông Tiến", "Bà"),
        ("Nguyễn Hữu Lộc", "individual", "Phó Chủ tịch", "Ủy ban nhân dân xã Đông Khê", "Ông"),
    ]
    assert cstd.award == "Chiến sĩ thi đua cơ sở" and cstd.individuals == 2  # the stated count stays
    assert [r.name for r in cstd.recipients] == ["Lê Văn Thịnh", "Hoàng Thị Mai Anh", "Đỗ Thị Hạnh"]
    assert [w.message for w in rec.warnings if w.code == "W_RECIPIENT_COUNT"] == [
        "Chiến sĩ thi đua cơ sở: 2 individuals stated, 3 listed"]
    r = gk.recipients[3]
    assert rec.text[r.start:r.end] == "Bà Trịnh Thị Thu Hằng, Giáo viên Trường Mầm non Đông Tiến"


def test_numbered_paragraphs_after_a_colon_are_not_recipients() -> None:
    text = ("Đề nghị tặng Bằng khen cho 02 tập thể như sau:\n"
            "1. Giao Sở Nội vụ hoàn thiện hồ sơ trình Chủ tịch UBND tỉnh xem xét.\n"
            "2. Các đơn vị tiếp tục triển khai nhiệm vụ năm 2025.\n")
    rec = extract_text(text)
    assert all(not a.recipients for a in rec.awards)


def test_quang_binh_scan_lists_nine(public_dir: Path) -> None:
    path = public_dir / "qd-ubnd-quangbinh-2871-2022-tang-bang-khen-5-tap-the-4-ca-nhan-scan.pdf"
    if not path.exists():
        import pytest
        pytest.skip("corpus-public absent")
    rec = extract_file(path)
    [award] = [a for a in rec.awards if a.award == "Bằng khen"]
    kinds = [r.kind for r in award.recipients]
    assert kinds.count("collective") == 5 and kinds.count("individual") == 4
    assert ("Lê Văn Tiến", "individual", "Chính ủy", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Đại tá") in _rows(award)


def test_report_names_the_decision_and_recipients_inline() -> None:
    rec = extract_file(REPO / "corpus/documents/bc-snv-ha-nam-88-2025-ket-qua-khen-thuong-quy-1.txt")
    reported, one, units, person = rec.awards
    assert reported.document_ref is not None
    assert reported.document_ref.model_dump() == {"doc_type": "Quyết định", "number": "512", "symbol": "QĐ-UBND",
                                                  "date": "2025-03-20", "issuer": None}
    assert [a.document_ref for a in (one, units, person)] == [None, None, None]
    assert _rows(one) == [("Phan Thị Thu Trang", "individual", "Phó Giám đốc",
                           "Trung tâm Phục vụ hành chính công tỉnh", "bà")]
    assert [(r.name, r.kind) for r in units.recipients] == [("Phòng Tổ chức - Biên chế", "collective"),
                                                            ("Văn phòng Sở", "collective")]
    assert _rows(person) == [("Trần Đức Mạnh", "individual", "Chuyên viên", "Phòng Công chức - Viên chức", "ông")]


def test_a_decision_citing_its_proposal_has_no_document_ref() -> None:
    rec = extract_file(REPO / "corpus/documents/qd-ubnd-ha-nam-512-2025-tang-bang-khen-cai-cach-hanh-chinh.txt")
    [award] = rec.awards
    assert award.document_ref is None
    assert [r.name for r in award.recipients][-2:] == ["Vũ Thị Ngọc Lan", "Đoàn Văn Khánh"]


def test_enumerations_in_the_sentence() -> None:
    text = ("Đề nghị xét tặng danh hiệu “Nhà giáo ưu tú” cho 02 cá nhân: PGS.TS Lê Thị Hoa Sen, Phó Hiệu trưởng "
            "Trường Đại học Nông Lâm; PGS.TS Hồ Đắc Minh, Viện trưởng Viện Công nghệ sinh học.\n"
            "Chủ tịch nước tặng Huân chương Chiến công hạng Ba cho 01 tập thể và 01 cá nhân có thành tích "
            "đặc biệt xuất sắc (Ban CHQS huyện Hương Khê và Thượng úy Phan Văn Tài, Trợ lý Tác chiến Ban CHQS "
            "huyện Hương Khê).\n")
    rec = extract_text(text)
    ngut, hc = rec.awards
    assert _rows(ngut) == [
        ("Lê Thị Hoa Sen", "individual", "Phó Hiệu trưởng", "Trường Đại học Nông Lâm", "PGS.TS"),
        ("Hồ Đắc Minh", "individual", "Viện trưởng", "Viện Công nghệ sinh học", "PGS.TS")]
    assert _rows(hc) == [
        ("Ban CHQS huyện Hương Khê", "collective", None, None, None),
        ("Phan Văn Tài", "individual", "Trợ lý Tác chiến", "Ban CHQS huyện Hương Khê", "Thượng úy")]


def test_show_lists_awards_with_recipients(capsys) -> None:
    from vnadmin_extract.cli import main

    assert main(["show", str(TWO_LISTS)]) == 0
    out = capsys.readouterr().out
    assert "  Chiến sĩ thi đua cơ sở | conferred [conferred_default] | 2024 [clause_year] | 2 [counts_after]" in out
    assert "      - Lê Văn Thịnh (individual), Trưởng phòng, phòng Văn hóa và Thông tin huyện\n" in out
    assert "  ! W_RECIPIENT_COUNT: Chiến sĩ thi đua cơ sở: 2 individuals stated, 3 listed" in out


def test_docx_table_list_gives_recipients(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 01 tập thể và 02 cá nhân (có danh sách kèm theo).")
    d.add_paragraph("DANH SÁCH")
    table = d.add_table(rows=4, cols=3)
    rows = [["STT", "Họ và tên", "Chức vụ, đơn vị"], ["1", "Phòng Tổng hợp", ""],
            ["2", "Ông Nguyễn Văn An", "Trưởng phòng Tổng hợp"], ["3", "Bà Lê Thị Bình", "Chuyên viên Văn phòng Sở"]]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    d.save(tmp_path / "ds.docx")
    rec = extract_file(tmp_path / "ds.docx")
    assert "2 │ Ông Nguyễn Văn An │ Trưởng phòng Tổng hợp" in rec.text
    [award] = rec.awards
    assert [(r.name, r.kind, r.position, r.organization) for r in award.recipients] == [
        ("Phòng Tổng hợp", "collective", None, None),
        ("Nguyễn Văn An", "individual", "Trưởng phòng", "phòng Tổng hợp"),
        ("Lê Thị Bình", "individual", "Chuyên viên", "Văn phòng Sở")]


def test_an_abbreviated_union_head_keeps_the_whole_name() -> None:
    """"CĐCS" (công đoàn cơ sở) heads a unit's name like "Công đoàn": the name is not cut to the
    body after it (corpus/documents/bc-cdcs-benh-vien-da-khoa-ha-tinh-2024-tong-ket.txt)."""
    rec = extract_file(REPO / "corpus/documents/bc-cdcs-benh-vien-da-khoa-ha-tinh-2024-tong-ket.txt")
    named = [(a.award, a.status, r.name, r.kind, rec.text[r.start:r.end]) for a in rec.awards for r in a.recipients
             if "Bệnh viện" in r.name]
    assert named == [
        ("Hoàn thành xuất sắc nhiệm vụ", "conferred", "CĐCS Bệnh viện Đa khoa tỉnh", "collective",
         "CĐCS Bệnh viện Đa khoa tỉnh"),
        ("Hoàn thành xuất sắc nhiệm vụ", "target", "CĐCS Bệnh viện Đa khoa tỉnh", "collective",
         "CĐCS Bệnh viện Đa khoa tỉnh"),
    ]


def test_a_bare_unit_head_is_the_unit_the_paragraph_named_in_full() -> None:
    """Seed 000's paragraph names "Chi đoàn Sở Khoa học và Công nghệ", then "tặng giấy khen cho
    tập thể Chi đoàn" and "Chi đoàn được Đoàn Khối xét và đề nghị": both are that Chi đoàn."""
    text = ("5. Chi đoàn Sở Khoa học và Công nghệ được Đoàn khối Cơ quan và Doanh nghiệp tỉnh đánh giá, "
            "xếp loại hoàn thành xuất sắc nhiệm vụ; được Đoàn khối Cơ quan và Doanh nghiệp tỉnh tặng giấy khen "
            "cho tập thể Chi đoàn và 02 cá nhân; đề nghị Tỉnh đoàn tặng bằng khen. Chi đoàn được Đoàn Khối xét "
            "và đề nghị Tỉnh đoàn tặng bằng khen vì có nhiều thành tích xuất sắc trong giai đoạn 2022-2023.\n")
    rec = extract_text(text)
    got = [(a.award, a.status, r.name, text[r.start:r.end]) for a in rec.awards for r in a.recipients]
    full = "Chi đoàn Sở Khoa học và Công nghệ"
    assert ("Giấy khen", "conferred", full, full) in got
    assert ("Bằng khen", "proposed", full, full) in got
    assert "Chi đoàn" not in [g[2] for g in got]


def test_a_bare_unit_head_without_a_full_mention_stays() -> None:
    """Seed 004: "Công đoàn được xếp loại ...; Chi đoàn đạt ..." names no fuller unit before."""
    text = ("Kết quả phân loại Công đoàn được xếp loại Hoàn thành tốt nhiệm vụ; "
            "Chi đoàn đạt Hoàn thành xuất sắc nhiệm vụ năm 2022.\n")
    rec = extract_text(text)
    assert [(a.award, [r.name for r in a.recipients]) for a in rec.awards] == [
        ("Hoàn thành tốt nhiệm vụ", ["Công đoàn"]), ("Hoàn thành xuất sắc nhiệm vụ", ["Chi đoàn"])]


def test_a_list_whose_numbers_ocr_lost_is_read_row_by_row(public_dir: Path) -> None:
    """The Quảng Bình Biên bản 02/BB-STP (a scan): "... cho 05 tập thể và 04 cá nhân ..., cụ thể:",
    a caption, one unit a line, "Cá nhân", then person rows OCR ran together or split."""
    path = public_dir / "bb-stp-quangbinh-02-2022-hop-hoi-dong-tdkt-scan.pdf"
    if not path.exists():
        import pytest
        pytest.skip("corpus-public absent")
    rec = extract_file(path)
    [award] = rec.awards
    assert (award.award, award.status, award.collectives, award.individuals) == ("Bằng khen", "proposed", 5, 4)
    assert [(r.name, r.kind, r.position, r.note) for r in award.recipients] == [
        ("Phòng Phổ biến, giáo dục pháp luật", "collective", None, None),
        ("Công an tỉnh Quảng Bình", "collective", None, None),
        ("Đài Phát thanh truyền hình tỉnh Quảng Bình", "collective", None, None),
        ("UBND huyện Quảng Ninh", "collective", None, None),
        ("Sở Tài nguyên và Môi trường tỉnh Quảng Bình", "collective", None, None),
        ("Trương Quang Sáng", "individual", "Phó Giám đốc", "Ông"),  # "Kỉe Ông Trương Quang Sáng, ..."
        ("Lê Văn Tiến", "individual", "Chính ủy", "Đại tá"),  # run into the row above by OCR
        ("Đặng Đại Bàng", "individual", "Bí thư", "Ông"),  # "Ông Đặn g Đại Bàng": the syllable joined
        ("Nguyễn Văn Tình", "individual", "Phó Chủ tịch", "Ông"),
    ]
    assert [w.code for w in rec.warnings if w.code == "W_RECIPIENT_COUNT"] == []


def test_a_paragraph_after_a_colon_is_not_a_bare_list() -> None:
    """Unnumbered rows after "cụ thể:" must each read as a recipient; a sentence ends the list."""
    text = ("Hội đồng thống nhất đề nghị tặng Bằng khen cho 02 tập thể, cụ thể:\n\n"
            "Công an huyện Quảng Ninh\n\n"
            "Trường THPT Lê Quý Đôn\n\n"
            "Hội đồng đã thống nhất và biểu quyết 09/09 thành viên có mặt.\n\n"
            "Phòng Tư pháp huyện\n")
    rec = extract_text(text)
    assert [(r.name, r.kind) for a in rec.awards for r in a.recipients] == [
        ("Công an huyện Quảng Ninh", "collective"), ("Trường THPT Lê Quý Đôn", "collective")]
