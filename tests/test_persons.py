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
