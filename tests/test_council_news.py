"""Provincial news reports of emulation councils' meetings (Bến Tre, Khánh Hòa, Quảng Nam and
Nghệ An pages; agencies outside the corpus). Each test is one failure class such a page showed:
a list of proposals whose items name whose award it is, an order's classes tallied together,
a sentence that breaks down the proposal before it, recipients that "nhận" an award, one
collective named before its merit, a department whose name holds "và"."""

from vnadmin_extract import extract_text

FIELDS = ("award", "status", "conferred_by", "collectives", "individuals", "total")


def _awards(text: str) -> list[tuple]:
    return [tuple(getattr(a, f) for f in FIELDS) for a in extract_text(text).awards]


# thuongmaibentre.com (Bến Tre), "Hội đồng Thi đua – Khen thưởng tỉnh họp phiên thứ hai năm 2020"
BEN_TRE = ("Qua xem xét, thảo luận, bỏ phiếu, Hội đồng Thi đua – Khen thưởng tỉnh thống nhất thông qua đề nghị "
           "bằng khen của Chủ tịch UBND tỉnh cho 18 cá nhân; bằng khen của Thủ tướng Chính phủ cho 1 tập thể, "
           "51 cá nhân, Huân chương Lao động các hạng cho 4 tập thể, 9 cá nhân; danh hiệu “Chiến sĩ thi đua cấp "
           "tỉnh” cho 17 cá nhân, “Chiến sĩ thi đua toàn quốc” cho 1 cá nhân; khen thưởng cán bộ có quá trình cống "
           "hiến lâu dài cho 2 cá nhân; khen thưởng công tác an sinh xã hội, từ thiện cho 5 cá nhân (Huân chương "
           "Lao động hạng Ba cho 1 cá nhân, bằng khen Thủ tướng Chính phủ cho 4 cá nhân).")


def test_a_proposal_list_stays_proposed_when_an_item_names_whose_award_it_is() -> None:
    """"bằng khen của Thủ tướng Chính phủ cho ..." after ";" says whose award it is, not that
    the Prime Minister acted: the item keeps the list's "đề nghị" (it was conferred); and the
    Huân chương after it in the same clause is not the Prime Minister's (it was his)."""
    assert _awards(BEN_TRE) == [
        ("Bằng khen", "proposed", "Chủ tịch UBND tỉnh", None, 18, 18),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", "Thủ tướng Chính phủ", 1, 51, 52),
        ("Huân chương Lao động", "proposed", None, 4, 9, 13),
        ("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "proposed", None, None, 17, 17),
        ("Chiến sĩ thi đua toàn quốc", "proposed", None, None, 1, 1),
        ("Huân chương Lao động hạng Ba", "proposed", None, None, 1, 1),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", None, None, 4, 4),
    ]


# baokhanhhoa.vn, "Đề xuất 22 tập thể, cá nhân được khen thưởng cấp Nhà nước" (2019)
KHANH_HOA = ("Sau khi xem xét từng trường hợp cụ thể, các thành viên Hội đồng Thi đua khen thưởng tỉnh đã thống "
             "nhất đề nghị lên Ban Thi đua khen thưởng Trung ương 22 tập thể, cá nhân được khen thưởng cấp Nhà "
             "nước. Trong đó, có 1 tập thể nhận Huân chương Lao động hạng Nhất; 2 tập thể và 1 cá nhân nhận Huân "
             "chương Lao động hạng Ba; 4 tập thể nhận cờ thi đua của Chính phủ; 5 tập thể và 9 cá nhân nhận bằng "
             "khen của Thủ tướng Chính phủ.")


def test_a_breakdown_sentence_takes_the_proposal_before_it_and_nhận_counts() -> None:
    """"Trong đó, có 1 tập thể nhận ...": the counts come before "nhận" (no statement was read),
    and the sentence breaks down the proposal before it (they were conferred)."""
    assert _awards(KHANH_HOA) == [
        ("Huân chương Lao động hạng Nhất", "proposed", None, 1, None, 1),
        ("Huân chương Lao động hạng Ba", "proposed", None, 2, 1, 3),
        ("Cờ thi đua của Chính phủ", "proposed", "Chính phủ", 4, None, 4),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", "Thủ tướng Chính phủ", 5, 9, 14),
    ]
    # the same breakdown after a conferral confers
    conferred = KHANH_HOA.replace("đã thống nhất đề nghị lên Ban Thi đua khen thưởng Trung ương 22 tập thể, cá nhân "
                                  "được khen thưởng", "đã công bố 22 tập thể, cá nhân được khen thưởng")
    assert [a[1] for a in _awards(conferred)] == ["conferred"] * 4


def test_a_target_met_is_a_merit_and_a_decision_ends_the_giver() -> None:
    # baoquangnam.vn (2014): the giver ends before "theo đề nghị"
    assert _awards("(QNO) - Hôm qua 12.5, UBND tỉnh đã ban hành Quyết định số 1436/QĐ-UBND tặng bằng khen của Chủ "
                   "tịch UBND tỉnh cho 23 tập thể và 23 cá nhân theo đề nghị của Ban Tuyên giáo Tỉnh ủy.") == [
        ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 23, 23, 46)]
    # a pledge kept ("các chỉ tiêu giao ước thi đua") registers nothing; the counts come before the merit
    assert _awards("Năm 2024, 4 tập thể hoàn thành xuất sắc các chỉ tiêu giao ước thi đua được UBND tỉnh tặng "
                   "Bằng khen.") == [("Bằng khen", "conferred", "UBND tỉnh", 4, None, 4)]
    assert _awards("Bằng khen của Chủ tịch UBND tỉnh theo Quyết định số 12/QĐ-UBND cho 3 tập thể.") == [
        ("Bằng khen", "conferred", "Chủ tịch UBND tỉnh", 3, None, 3)]


# baonghean.vn, "Báo Nghệ An được tặng Cờ thi đua của Chính phủ" (2023)
NGHE_AN = ("(Baonghean.vn) - Thủ tướng Chính phủ vừa ban hành Quyết định số 231/QĐ-TTg, ngày 14/3/2023 về việc tặng "
           "Cờ thi đua cho tập thể Báo Nghệ An đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào "
           "thi đua yêu nước của tỉnh Nghệ An năm 2022.\n\nDịp này, tỉnh Nghệ An có 5 tập thể được tặng Cờ thi đua "
           "Chính phủ gồm: Văn phòng Ủy ban nhân dân tỉnh Nghệ An, Sở Giao thông Vận tải tỉnh Nghệ An, Sở Giáo dục và "
           "Đào tạo tỉnh Nghệ An, Sở Tư pháp tỉnh Nghệ An và Báo Nghệ An.")


def test_one_named_collective_before_its_merit_and_a_department_named_with_và() -> None:
    rec = extract_text(NGHE_AN)
    first, second = rec.awards
    assert (first.award, first.status, first.conferred_by, first.collectives, first.year) == (
        "Cờ thi đua của Chính phủ", "conferred", "Thủ tướng Chính phủ", 1, 2022)
    assert [r.name for r in first.recipients] == ["Báo Nghệ An"]
    assert (second.award, second.collectives) == ("Cờ thi đua của Chính phủ", 5)
    assert [r.name for r in second.recipients] == [
        "Văn phòng Ủy ban nhân dân tỉnh Nghệ An", "Sở Giao thông Vận tải tỉnh Nghệ An",
        "Sở Giáo dục và Đào tạo tỉnh Nghệ An", "Sở Tư pháp tỉnh Nghệ An", "Báo Nghệ An"]
    for r in second.recipients:
        assert NGHE_AN[r.start:r.end] == r.name


# quangbinh.gov.vn, "Có 07 tập thể đạt Danh hiệu Tập thể Lao động xuất sắc trong công tác năm 2019"
QUANG_BINH = ("(Quang Binh Portal) - Đó là thông tin tại Quyết định số 1632/QĐ-UBND ngày 22/5/2020 của UBND tỉnh về "
              "việc khen thưởng thành tích công tác năm 2019.\nCụ thể, Chủ tịch UBND tỉnh tặng Danh hiệu Tập thể Lao "
              "động xuất sắc cho 07 tập thể, đó là: Nhân dân và cán bộ xã Văn Hóa; Nhân dân và cán bộ xã Châu Hóa; "
              "Nhân dân và cán bộ xã Thuận Hóa (huyện Tuyên Hóa); Nhân dân và cán bộ thị trấn Quán Hàu; Nhân dân và "
              "cán bộ xã Võ Ninh; Nhân dân và cán bộ xã An Ninh; Nhân dân và cán bộ xã Hải Ninh (huyện Quảng Ninh).\n\n"
              "Dịp này, 02 tập thể đã có thành tích xuất sắc trong công tác năm 2019 cũng được tặng Bằng khen của Chủ "
              "tịch UBND tỉnh là Nhân dân và cán bộ xã Châu Hóa, Nhân dân và cán bộ xã Văn Hóa (huyện Tuyên Hóa).")


def test_names_listed_with_semicolons_and_named_after_là() -> None:
    titles, bang_khen = extract_text(QUANG_BINH).awards
    assert (titles.award, titles.conferred_by, titles.collectives) == ("Tập thể lao động xuất sắc", "Chủ tịch UBND tỉnh", 7)
    assert [r.name for r in titles.recipients] == [
        "Nhân dân và cán bộ xã Văn Hóa", "Nhân dân và cán bộ xã Châu Hóa",
        "Nhân dân và cán bộ xã Thuận Hóa (huyện Tuyên Hóa)", "Nhân dân và cán bộ thị trấn Quán Hàu",
        "Nhân dân và cán bộ xã Võ Ninh", "Nhân dân và cán bộ xã An Ninh",
        "Nhân dân và cán bộ xã Hải Ninh (huyện Quảng Ninh)"]
    # the giver ends at "là", and the two counted collectives are named after it
    assert (bang_khen.award, bang_khen.conferred_by, bang_khen.collectives, bang_khen.year) == (
        "Bằng khen", "Chủ tịch UBND tỉnh", 2, 2019)
    assert [r.name for r in bang_khen.recipients] == [
        "Nhân dân và cán bộ xã Châu Hóa", "Nhân dân và cán bộ xã Văn Hóa (huyện Tuyên Hóa)"]


def test_an_adverb_before_the_verb_is_not_part_of_the_giver() -> None:
    # baovinhlong.com.vn, "Năm 2017, trao Huy hiệu Đảng cho 1.625 đảng viên" (2018)
    rec = extract_text("Ngoài ra, Ban Thường vụ Tỉnh ủy còn tặng bằng khen cho 1 đảng bộ, 10 chi bộ trực thuộc đảng "
                       "ủy cơ sở, 170 đảng viên đạt trong sạch, vững mạnh tiêu biểu 5 năm liền giai đoạn 2012- 2016.")
    first = rec.awards[0]
    assert (first.award, first.conferred_by, first.total, first.year) == ("Bằng khen", "Ban Thường vụ Tỉnh ủy", 11, None)


def test_who_hands_an_award_over_is_not_its_giver() -> None:
    # the Ministry of Home Affairs' 2025 review conference as laodong.vn reported it (Dec 2025; the
    # stored page is its Japanese edition, these sentences are its Vietnamese wording rebuilt)
    assert _awards("Phó Thủ tướng Phạm Thị Thanh Trà cũng trao Huân chương Lao động hạng Ba cho 6 cá nhân là lãnh "
                   "đạo các vụ, cục thuộc Bộ Nội vụ. Bộ trưởng Bộ Nội vụ Đỗ Thanh Bình trao Bằng khen của Thủ tướng "
                   "Chính phủ cho 1 tập thể và 16 cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ.") == [
        # the Deputy Prime Minister presents the President's order: not its giver
        ("Huân chương Lao động hạng Ba", "conferred", None, None, 6, 6),
        # the minister hands over the Prime Minister's Bằng khen
        ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", 1, 16, 17),
    ]


def test_the_merit_between_a_title_and_its_recipient() -> None:
    # nhandan.vn, "Lấy ý kiến về việc phong tặng danh hiệu Anh hùng Lao động" (2023)
    rec = extract_text("Trước đó, Ngân hàng Nhà nước Việt Nam có Tờ trình số 06/TTr-NHNN ngày 17/1/2023 trình Thủ "
                       "tướng Chính phủ xét, đề nghị Chủ tịch nước phong tặng danh hiệu “Anh hùng Lao động” thành "
                       "tích đặc biệt xuất sắc đột xuất cho Ngân hàng TMCP Ngoại thương Việt Nam.")
    (hero,) = rec.awards
    assert (hero.award, hero.status, hero.conferred_by, hero.total) == (
        "Anh hùng Lao động", "proposed", "Chủ tịch nước", 1)
    assert [r.name for r in hero.recipients] == ["Ngân hàng TMCP Ngoại thương Việt Nam"]


def test_a_quota_reported_from_a_draft_is_a_rule() -> None:
    # written in the shape of giaoduc.net.vn's report on the 2023 draft circular (not a quotation)
    rec = extract_text("Theo dự thảo, mỗi năm Bộ chỉ xét tặng Cờ thi đua cho không quá 20% số tập thể dẫn đầu các "
                       "khối thi đua và Bằng khen cho 15 tập thể.")
    assert [(a.award, a.status, a.conferred_by) for a in rec.awards] == [("Bằng khen", "rule", "Bộ")]


# baovinhlong.com.vn, "Năm 2017, trao Huy hiệu Đảng cho 1.625 đảng viên" (2018): headline, then its breakdown
VINH_LONG = ("Năm 2017, trao Huy hiệu Đảng cho 1.625 đảng viên\n\nTrong đó, trao Huy hiệu 70 năm tuổi Đảng cho 5 đảng "
             "viên, huy hiệu 65 năm cho 4 đảng viên, huy hiệu 60 năm cho 14 đảng viên, huy hiệu 55 năm cho 28 đảng "
             "viên, huy hiệu 50 năm cho 95 đảng viên, huy hiệu 45 năm cho 747 đảng viên, huy hiệu 40 năm cho 105 "
             "đảng viên và huy hiệu 30 năm cho 627 đảng viên.")


def test_a_breakdown_of_party_badges_keeps_the_year_of_its_headline() -> None:
    """The list's short forms ("huy hiệu 65 năm") are Party badges, and the breakdown after the
    headline is for the headline's one year (``broken_down_year``)."""
    rec = extract_text(VINH_LONG)
    assert [(a.award, a.individuals, a.year) for a in rec.awards] == [
        ("Huy hiệu Đảng", 1625, 2017), ("Huy hiệu Đảng", 5, 2017), ("Huy hiệu Đảng", 4, 2017),
        ("Huy hiệu Đảng", 14, 2017), ("Huy hiệu Đảng", 28, 2017), ("Huy hiệu Đảng", 95, 2017),
        ("Huy hiệu Đảng", 747, 2017), ("Huy hiệu Đảng", 105, 2017), ("Huy hiệu Đảng", 627, 2017)]
    assert {a.evidence["year"] for a in rec.awards[1:]} == {"broken_down_year"}
