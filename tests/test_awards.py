"""Award statements on the sentence shapes of the issue and the seeds, with exact values."""

import pytest

from vnadmin_extract import extract_file, extract_text
from vnadmin_extract.rules import awards as tax

FIELDS = ("award", "status", "conferred_by", "collectives", "individuals", "total", "year")


def _awards(body: str, heading: str = "I. KẾT QUẢ NĂM 2023") -> list[tuple]:
    rec = extract_text(f"BÁO CÁO\nTổng kết\n\n{heading}\n\n1. Nội dung.\n\n{body}\n")
    return [tuple(getattr(a, f) for f in FIELDS) for a in rec.awards]


def test_one_authority_several_awards_joined_by_semicolons() -> None:
    assert _awards("Giám đốc Sở công nhận danh hiệu “Lao động tiên tiến” cho 06 tập thể và 59 cá nhân; "
                   "tặng Giấy khen cho 06 tập thể và 58 cá nhân; công nhận danh hiệu “Chiến sĩ thi đua cơ sở” cho 06 cá nhân.") == [
        ("Lao động tiên tiến", "conferred", "Giám đốc Sở", 6, 59, 65, 2023),
        ("Giấy khen", "conferred", "Giám đốc Sở", 6, 58, 64, 2023),
        ("Chiến sĩ thi đua cơ sở", "conferred", "Giám đốc Sở", None, 6, 6, 2023),
    ]


def test_recipients_first_and_combined_lượt_counts() -> None:
    assert _awards("Tính từ năm 2014 tới nay, cụ thể: 01 tập thể và 01 cá nhân được Chủ tịch nước tặng Huân Chương "
                   "Lao động Hạng Nhì, 01 cá nhân được Thủ tướng Chính phủ tặng Bằng khen, 25 lượt tập thể và cá nhân "
                   "được Chủ tịch UBND tỉnh tặng Bằng khen, 373 lượt cá nhân đạt danh hiệu \"Lao động tiên tiến\".") == [
        ("Huân chương Lao động hạng Nhì", "conferred", "Chủ tịch nước", 1, 1, 2, None),
        ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", None, 1, 1, None),
        ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", None, None, 25, None),
        ("Lao động tiên tiến", "conferred", None, None, 373, 373, None),
    ]


def test_authority_with_colon_in_a_registration_section() -> None:
    assert _awards("- Chủ tịch UBND tỉnh tặng: Danh hiệu “Tập thể lao động xuất sắc” cho 01 tập thể; Bằng khen cho 02 cá nhân.",
                   heading="II. ĐĂNG KÝ HÌNH THỨC KHEN THƯỞNG NĂM 2024") == [
        ("Tập thể lao động xuất sắc", "registered", "Chủ tịch UBND tỉnh", 1, None, 1, 2024),
        ("Bằng khen", "registered", "Chủ tịch UBND tỉnh", None, 2, 2, 2024),
    ]


@pytest.mark.parametrize(("body", "expected"), [
    ("Đảng ủy Sở tặng Giấy khen cho 1.250 đảng viên.", ("Giấy khen", None, 1250, 1250)),
    ("Có 35/40 giáo viên đạt danh hiệu “Lao động tiên tiến”.", ("Lao động tiên tiến", None, 35, 35)),
    ("Giám đốc Sở tặng Giấy khen cho một tập thể.", ("Giấy khen", 1, None, 1)),
    ("Đảng ủy Sở xếp loại “Hoàn thành tốt nhiệm vụ” đối với 12 chi bộ.", ("Hoàn thành tốt nhiệm vụ", 12, None, 12)),
    ("+ Hoàn thành tốt nhiệm vụ: 284 đồng chí, chiếm 82,6%;", ("Hoàn thành tốt nhiệm vụ", None, 284, 284)),
])
def test_count_forms(body: str, expected: tuple) -> None:
    got = [(a[0], a[3], a[4], a[5]) for a in _awards(body)]
    assert got == [expected]


def test_named_recipients_and_proposal() -> None:
    rec = extract_text("BÁO CÁO\nX\n\nVới những kết quả đã đạt được trong năm 2023, Hội nghị nhất trí bình chọn, đề xuất "
                       "3 đơn vị tặng Cờ thi đua của Bộ KH&CN gồm: Cục An toàn bức xạ và hạt nhân, Cục Sở hữu trí tuệ, "
                       "Quỹ Phát triển KH&CN Quốc gia.\n")
    (a,) = rec.awards
    assert (a.award, a.status, a.collectives, a.total, a.year) == ("Cờ thi đua của bộ, ban, ngành, tỉnh", "proposed", 3, 3, 2023)
    assert a.recipients == ["Cục An toàn bức xạ và hạt nhân", "Cục Sở hữu trí tuệ", "Quỹ Phát triển KH&CN Quốc gia"]


def test_two_titles_share_one_count_phrase() -> None:
    assert _awards("Điều 1. Công nhận danh hiệu “Tập thể lao động tiên tiến” và “Lao động tiên tiến” cho 25 tập thể "
                   "và 312 cá nhân.") == [
        ("Tập thể lao động tiên tiến", "conferred", None, 25, None, 25, 2023),
        ("Lao động tiên tiến", "conferred", None, None, 312, 312, 2023),
    ]


def test_procedural_mentions_are_not_statements() -> None:
    assert _awards("Bình xét, trình Giám đốc Sở quyết định công nhận danh hiệu thi đua, tặng Giấy khen hoặc đề nghị "
                   "Giám đốc Sở trình Chủ tịch UBND tỉnh tặng Bằng khen.") == []
    assert _awards("Phấn đấu hoàn thành xuất sắc nhiệm vụ được giao.") == []


def test_target_with_counts_and_bare_flag_count() -> None:
    assert _awards("Khối thi đua phấn đấu các đơn vị đạt danh hiêu Tập thể lao động xuất sắc và đạt 03 Cờ thi đua "
                   "của Bộ, 01 Cờ thi đua của Chính phủ năm 2024.") == [
        ("Tập thể lao động xuất sắc", "target", None, None, None, None, 2024),
        # the award's own name says who gives it (corpus/README.md, awards)
        ("Cờ thi đua của bộ, ban, ngành, tỉnh", "target", "Bộ", None, None, 3, 2024),
        ("Cờ thi đua của Chính phủ", "target", "Chính phủ", None, None, 1, 2024),
    ]


def test_variants_resolve_to_canonical_names() -> None:
    text = ("Chiến sỹ thi đua cơ sở; Huân Chương Lao động Hạng Nhì; Huân chương Chiến công hạng III; "
            "CSTĐ cấp tỉnh; Tập lao động Xuất sắc")
    assert [m.canonical for m in tax.find_mentions(text)] == [
        "Chiến sĩ thi đua cơ sở", "Huân chương Lao động hạng Nhì", "Huân chương Chiến công hạng Ba",
        "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Tập thể lao động xuất sắc"]


def test_fuzzy_bound() -> None:
    """The fuzzy pass (quoted titles after "danh hiệu") accepts typos and rejects other titles."""
    assert tax.fuzzy_lookup("Tập thể lao động xuât săc").canonical == "Tập thể lao động xuất sắc"
    assert tax.fuzzy_lookup("Chiến sĩ thi đua cơ sơ").canonical == "Chiến sĩ thi đua cơ sở"
    for other in ("Gương mặt trẻ tiêu biểu", "Thanh niên xung kích", "Doanh nghiệp tiêu biểu", "Nhà khoa học trẻ"):
        assert tax.fuzzy_lookup(other) is None


def test_seed_000_first_record_matches_record_md(seeds_dir) -> None:
    rec = extract_file(seeds_dir / "000_ff6a27539d3b0b29.txt")
    a = rec.awards[0]
    assert (a.award, a.category, a.conferred_by, a.status, a.collectives, a.individuals, a.total, a.year) == (
        "Lao động tiên tiến", "emulation_title", "Giám đốc Sở", "conferred", 6, 59, 65, 2023)
    assert a.section == "I.2.2.1" and rec.text[a.start:a.end] == a.award_raw == "Lao động tiên tiến"
    registered = [x for x in rec.awards if x.status == "registered"]
    assert {x.year for x in registered} == {2024} and len(registered) == 8


# Shapes met on documents written blind (corpus/heldout), each rule kept general.
@pytest.mark.parametrize(("body", "heading", "expected"), [
    # rating verb, counts, then the quoted title; the same shape again after a comma
    ("Ban Thường vụ Hội Nông dân huyện xếp loại 09/13 cơ sở Hội “Hoàn thành xuất sắc nhiệm vụ”, 04/13 cơ sở Hội "
     "“Hoàn thành tốt nhiệm vụ”.", "I. KẾT QUẢ NĂM 2023",
     [("Hoàn thành xuất sắc nhiệm vụ", "conferred", "Ban Thường vụ Hội Nông dân huyện", 9, None, 9, 2023),
      ("Hoàn thành tốt nhiệm vụ", "conferred", "Ban Thường vụ Hội Nông dân huyện", 4, None, 4, 2023)]),
    # households are neither collectives nor individuals (2022 Law, art. 3): total only
    ("Công nhận danh hiệu “Gia đình văn hóa” cho 1.325 hộ gia đình.", "I. KẾT QUẢ NĂM 2025",
     [("Gia đình văn hóa", "conferred", None, None, None, 1325, 2025)]),
    # "nữ" between the number and the noun
    ("Công đoàn cơ sở Khối Dân vận huyện công nhận danh hiệu “Giỏi việc nước, đảm việc nhà” năm 2023 cho 05 nữ cán bộ.",
     "I. KẾT QUẢ", [("Giỏi việc nước, đảm việc nhà", "conferred", "Công đoàn cơ sở Khối Dân vận huyện",
                    None, 5, 5, 2023)]),
    # recipients first, with a long qualifier and counts in words
    ("Dịp này, một tập thể và hai cá nhân có thành tích xuất sắc trong phong trào CNVCLĐ và hoạt động công đoàn "
     "năm 2024 vinh dự được Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen.", "I. KẾT QUẢ",
     [("Bằng khen", "conferred", "Tổng Liên đoàn Lao động Việt Nam", 1, 2, 3, 2024)]),
    # the year the award is for, not the year of the ceremony
    ("Năm 2024, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 312 tập thể và 1.045 cá nhân có thành tích trong phong "
     "trào thi đua năm 2023.", "I. KẾT QUẢ",
     [("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 312, 1045, 1357, 2023)]),
    # "bình xét" in a heading is a process, not a proposal: the sentence's own verb decides
    ("Hiệu trưởng tặng Giấy khen cho 02 tập thể và 12 cá nhân có thành tích xuất sắc trong năm học 2023 - 2024.",
     "II. KẾT QUẢ BÌNH XÉT", [("Giấy khen", "conferred", "Hiệu trưởng", 2, 12, 14, 2024)]),
    # the award, its authority, a colon, the count
    ("- Bằng khen của Bộ trưởng Bộ Y tế: 03 tập thể;", "II. ĐĂNG KÝ HÌNH THỨC KHEN THƯỞNG NĂM 2025",
     [("Bằng khen", "registered", "Bộ trưởng Bộ Y tế", 3, None, 3, 2025)]),
    # a goal at the head of the sentence governs its later clauses
    ("- Phấn đấu có 36 giáo viên đạt danh hiệu “Lao động tiên tiến”; 02 tổ chuyên môn đạt danh hiệu "
     "“Tập thể lao động tiên tiến”.", "II. PHƯƠNG HƯỚNG NĂM 2025",
     [("Lao động tiên tiến", "target", None, None, 36, 36, 2025),
      ("Tập thể lao động tiên tiến", "target", None, 2, None, 2, 2025)]),
    # the rest of the authority's name after the award's own words, and "Sở" as a recipient noun
    ("2. Thống nhất trình Bộ trưởng tặng Cờ thi đua của Bộ Nội vụ cho 03 Sở Nội vụ có thành tích xuất sắc.",
     "I. KẾT QUẢ NĂM 2025",
     [("Cờ thi đua của bộ, ban, ngành, tỉnh", "proposed", "Bộ trưởng", 3, None, 3, 2025)]),
])
def test_shapes_from_blind_documents(body: str, heading: str, expected: list) -> None:
    assert _awards(body, heading=heading) == expected


def test_named_recipients_split_and_in_brackets() -> None:
    rec = extract_text("BÁO CÁO\nX\n\nI. KẾT QUẢ NĂM 2023\n\n- Ủy ban nhân dân tỉnh tặng Bằng khen cho Hội Nông dân xã Mỹ An "
                       "và ông Võ Văn Chín, Chi hội trưởng Chi hội Nông dân ấp 3.\n- Tập thể: 02 tổ chuyên môn "
                       "(Tổ Toán - Tin, Tổ Ngữ văn) đạt danh hiệu Tập thể lao động tiên tiến.\n- Cô Trần Thị Mỹ Lệ, "
                       "giáo viên Tổ Ngữ văn, được Chủ tịch UBND tỉnh tặng Bằng khen.\n")
    got = [(a.award, a.total, a.recipients, a.conferred_by) for a in rec.awards]
    assert got == [
        # the recipients stage moves the honorific to `note` (RECORD.md): the name is "Võ Văn Chín"
        ("Bằng khen", 2, ["Hội Nông dân xã Mỹ An", "Võ Văn Chín"], "Ủy ban nhân dân tỉnh"),
        ("Tập thể lao động tiên tiến", 2, ["Tổ Toán - Tin", "Tổ Ngữ văn"], None),
        ("Bằng khen", 1, ["Trần Thị Mỹ Lệ"], "Chủ tịch UBND tỉnh"),
    ]


def test_delegated_authority_and_titled_person_first() -> None:
    rec = extract_text("THÔNG BÁO\nX\n\nGhi nhận những thành tích đó, thừa ủy quyền của Chủ tịch nước, Thứ trưởng Trần "
                       "Quang Vinh đã trao Huân chương Bảo vệ Tổ quốc hạng Nhì cho Công an tỉnh Đắk Lắk; Huân chương Chiến "
                       "công hạng Ba cho 02 tập thể và 03 cá nhân.\nThượng tá Hoàng Văn Nam được Thủ tướng Chính phủ tặng "
                       "danh hiệu “Chiến sĩ thi đua toàn quốc” năm 2025.\n")
    got = [(a.award, a.conferred_by, a.collectives, a.individuals, a.total, a.recipients) for a in rec.awards]
    assert got == [
        ("Huân chương Bảo vệ Tổ quốc hạng Nhì", "Chủ tịch nước", None, None, 1, ["Công an tỉnh Đắk Lắk"]),
        ("Huân chương Chiến công hạng Ba", "Chủ tịch nước", 2, 3, 5, []),
        ("Chiến sĩ thi đua toàn quốc", "Thủ tướng Chính phủ", None, None, 1, ["Hoàng Văn Nam"]),
    ]


def test_listing_after_a_rating_verb_runs_through_clauses() -> None:
    assert _awards("Ban Thường vụ Huyện ủy xếp loại 14 tổ chức cơ sở đảng “Hoàn thành xuất sắc nhiệm vụ” (chiếm 24,14%); "
                   "40 tổ chức cơ sở đảng “Hoàn thành tốt nhiệm vụ”; 04 tổ chức cơ sở đảng “Hoàn thành nhiệm vụ”.") == [
        ("Hoàn thành xuất sắc nhiệm vụ", "conferred", "Ban Thường vụ Huyện ủy", 14, None, 14, 2023),
        ("Hoàn thành tốt nhiệm vụ", "conferred", "Ban Thường vụ Huyện ủy", 40, None, 40, 2023),
        ("Hoàn thành nhiệm vụ", "conferred", "Ban Thường vụ Huyện ủy", 4, None, 4, 2023),
    ]


@pytest.mark.parametrize(("body", "expected"), [
    ("Điều 1. Công nhận danh hiệu “Gia đình văn hóa” năm 2025 cho 3.418/3.652 hộ gia đình.",
     ("Gia đình văn hóa", None, None, 3418)),
    ("Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã cho 04 tập thể và 12 hộ gia đình.", ("Giấy khen", 4, None, 16)),
    ("Ban Thường vụ Hội Nông dân tỉnh tặng Giấy khen cho 52 tập thể và 1.036 lượt hội viên.", ("Giấy khen", 52, 1036, 1088)),
    ("Kết quả bình xét cuối năm có 24.310 hộ đạt danh hiệu “Hộ nông dân sản xuất, kinh doanh giỏi” các cấp.",
     ("Hộ nông dân sản xuất, kinh doanh giỏi", None, None, 24310)),
])
def test_counts_of_households_shares_and_turns(body: str, expected: tuple) -> None:
    (got,) = _awards(body)
    assert (got[0], got[3], got[4], got[5]) == expected
    assert got[1] == "conferred"


def test_several_classes_of_one_order_are_one_award_without_a_class() -> None:
    """A report's tally of an order's classes: the counts are read, the class is not guessed."""
    assert _awards("Năm 2023, Chủ tịch nước tặng thưởng Huân chương Lao động các hạng cho 5 tập thể, 5 cá nhân "
                   "(hạng Nhất 1 tập thể; hạng Nhì 2 tập thể, 1 cá nhân; hạng Ba 2 tập thể, 4 cá nhân).") == [
        ("Huân chương Lao động", "conferred", "Chủ tịch nước", 5, 5, 10, 2023),
    ]
    assert _awards("Chủ tịch nước tặng Huân chương Lao động hạng Nhì, hạng Ba cho 3 tập thể.") == [
        ("Huân chương Lao động", "conferred", "Chủ tịch nước", 3, None, 3, 2023),
    ]
    # a count after the class is not a second class
    assert _awards("Chủ tịch nước tặng Huân chương Lao động hạng Ba, 3 tập thể được tặng Bằng khen của Thủ tướng "
                   "Chính phủ.")[-1] == ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", 3, None, 3, 2023)


@pytest.mark.parametrize(("phrase", "canonical", "raw"), [
    # tt-bng-03-2018 (Thông tư of the Ministry of Foreign Affairs), Điều 12
    ("Đối với tổ chức nước ngoài: Huân chương Độc lập các hạng, Huân chương Lao động các hạng, Huân chương Hữu nghị",
     "Huân chương Độc lập", "Huân chương Độc lập các hạng"),
    ("tặng Huân chương Lao động hạng Nhất, Nhì và Ba cho 3 tập thể", "Huân chương Lao động",
     "Huân chương Lao động hạng Nhất, Nhì và Ba"),
    ("tặng Huân chương Lao động hạng Ba, ba tập thể được tặng Bằng khen", "Huân chương Lao động hạng Ba",
     "Huân chương Lao động hạng Ba"),
])
def test_class_lists_after_an_order(phrase: str, canonical: str, raw: str) -> None:
    first = tax.find_mentions(phrase)[0]
    assert (first.canonical, first.raw) == (canonical, raw)
