import pytest

from vnadmin_extract import extract_text


def _persons(sentence: str) -> list[tuple]:
    rec = extract_text("THÔNG BÁO\nKết luận\n\n" + sentence + "\n")
    for p in rec.persons:
        assert p.name in rec.text[p.start:p.end]
    return [(p.name, p.position, p.organization) for p in rec.persons]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Thay mặt Khối thi đua, đồng chí Nguyễn Tuấn Khải, Cục trưởng Cục An toàn bức xạ và hạt nhân, Khối trưởng Khối thi đua đã báo cáo.",
     [("Nguyễn Tuấn Khải", "Cục trưởng", "Cục An toàn bức xạ và hạt nhân")]),
    ("Phát biểu chỉ đạo tại Hội nghị, Thứ trưởng Trần Hồng Thái đã ghi nhận kết quả.",
     [("Trần Hồng Thái", "Thứ trưởng", None)]),
    ("Phát biểu tại Hội nghị, Phó Vụ trưởng Vụ Thi đua - Khen thưởng Lê Ngân Giang đã trao đổi.",
     [("Lê Ngân Giang", "Phó Vụ trưởng", "Vụ Thi đua - Khen thưởng")]),
    ("Ông Lê Minh Tuấn, Trưởng phòng Nội vụ huyện Thăng Bình trình bày tham luận.",
     [("Lê Minh Tuấn", "Trưởng phòng", "phòng Nội vụ huyện Thăng Bình")]),
    ("Thay mặt Khối thi đua năm 2023, đồng chí Nguyễn Tuấn Khải cảm ơn các đơn vị.",
     [("Nguyễn Tuấn Khải", None, None)]),
    ("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; thực hiện Di chúc Chủ tịch Hồ Chí Minh.", []),
])
def test_person_shapes(sentence: str, expected: list[tuple]) -> None:
    assert _persons(sentence) == expected


# Shapes met on documents written blind (corpus/heldout), each handled by a general rule.
@pytest.mark.parametrize(("sentence", "expected"), [
    # a rank before the name, the post and a body written with its abbreviation
    ("Đề nghị Chủ tịch nước tặng Huân chương Bảo vệ Tổ quốc hạng Ba cho 01 cá nhân: Đại tá Nguyễn Hữu Lâm, "
     "Phó Chính ủy Bộ CHQS tỉnh.", [("Nguyễn Hữu Lâm", "Phó Chính ủy", "Bộ CHQS tỉnh")]),
    ("Dự hội nghị có đồng chí Tao Văn Hặc, Chủ tịch LĐLĐ tỉnh cùng lãnh đạo các sở.",
     [("Tao Văn Hặc", "Chủ tịch", "LĐLĐ tỉnh")]),
    # a highland name with an apostrophe
    ("Thông tin liên hệ: đồng chí Siu H'Liên, Chuyên viên Phòng Nghiệp vụ, điện thoại: 0269.3826.457.",
     [("Siu H'Liên", "Chuyên viên", "Phòng Nghiệp vụ")]),
    # segments between the name and the post; the post, a comma, the unit
    ("1. Ông Hoàng Văn Thắng, sinh năm 1970, Phó Giáo sư, Tiến sĩ, Trưởng khoa Khoa Toán - Tin học; 28 năm giảng dạy.",
     [("Hoàng Văn Thắng", "Trưởng khoa", "Khoa Toán - Tin học")]),
    ("- Ông Vi Văn Khuê, Giảng viên chính, Khoa Toán - Tin học;", [("Vi Văn Khuê", "Giảng viên chính", "Khoa Toán - Tin học")]),
    # the unit in brackets
    ("Công nhận cho 02 giáo viên: thầy Trần Văn Hoà (tổ Toán - Tin), cô Nguyễn Thu Thuỷ (tổ Ngữ văn).",
     [("Trần Văn Hòa", None, "tổ Toán - Tin"), ("Nguyễn Thu Thủy", None, "tổ Ngữ văn")]),
    # the place after a comma, and a unit with the body it belongs to
    ("Tặng Bằng khen cho ông Võ Văn Chín, Chi hội trưởng Chi hội Nông dân ấp 3, xã Mỹ Hòa.",
     [("Võ Văn Chín", "Chi hội trưởng", "Chi hội Nông dân ấp 3, xã Mỹ Hòa")]),
    ("Liên hệ đồng chí Hà Thị Ngọc Lan, Phó Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ (điện thoại 0207.3822.415).",
     [("Hà Thị Ngọc Lan", "Phó Trưởng Ban", "Ban Thi đua - Khen thưởng, Sở Nội vụ")]),
    # a post's own lower-case qualifier; "Lao động" inside a body's name is not a verb
    ("Ông Đặng Văn Sơn, Đội trưởng thi công, Công ty Cổ phần Xây dựng Hùng Vương;",
     [("Đặng Văn Sơn", "Đội trưởng thi công", "Công ty Cổ phần Xây dựng Hùng Vương")]),
    ("Dự hội nghị có đồng chí Vũ Minh Đức, Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam; đồng chí Lò Thị Xuân.",
     [("Vũ Minh Đức", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"), ("Lò Thị Xuân", None, None)]),
    # "Nhà giáo Việt Nam" is a day's name, not a person
    ("nhân dịp kỷ niệm 41 năm Ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2023).", []),
])
def test_person_shapes_from_blind_documents(sentence: str, expected: list[tuple]) -> None:
    assert _persons(sentence) == expected


def test_organisation_entities_take_whole_words() -> None:
    rec = extract_text("THÔNG BÁO\nX\n\nTặng Cờ thi đua của Bộ Nội vụ cho 03 Sở Nội vụ. Sở Giáo dục và Đào tạo tỉnh "
                       "Quảng Nam tổ chức hội nghị. Sở Y tế tổ chức lễ.\n")
    assert [e.text for e in rec.entities if e.type == "ORG"] == [
        "Bộ Nội vụ", "Sở Nội vụ", "Sở Giáo dục và Đào tạo tỉnh Quảng Nam", "Sở Y tế"]
