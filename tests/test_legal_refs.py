import pytest

from vnadmin_extract import extract_text

KEYS = ("doc_type", "number", "year", "symbol", "date", "issuer", "title")


def _refs(sentence: str) -> list[tuple]:
    rec = extract_text("Số: 01/KH-UBND\n\nKẾ HOẠCH\nThi đua\n\n" + sentence + "\n")
    for r in rec.legal_refs:
        assert rec.text[r.start:r.end] == r.raw
    return [tuple(getattr(r, k) for k in KEYS) for r in rec.legal_refs]


# fmt: off
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều "
     "của Luật Thi đua, khen thưởng;",
     [("Nghị định", "98", 2023, "NĐ-CP", "2023-12-31", "Chính phủ", None)]),
    ("tham mưu phê duyệt (Quyết định 563/QĐ-UBND ngày 05/9/2022).",
     [("Quyết định", "563", 2022, "QĐ-UBND", "2022-09-05", None, None)]),
    ("theo Quyết định số 932/QD-UBND ngày 07/9/2018 của Ủy ban nhân dân tỉnh về việc sửa đổi",
     [("Quyết định", "932", 2018, "QD-UBND", "2018-09-07", "Ủy ban nhân dân tỉnh", None)]),
    ("theo tinh thần Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về đổi mới",
     [("Chỉ thị", "34", 2014, "CT/TW", "2014-04-07", "Bộ Chính trị", None)]),
    ("thực hiện Quy định số 132-QĐ/TW và Kế hoạch số 15/KH-UBND ngày 22/01/2024 của Chủ tịch UBND tỉnh phát động",
     [("Quy định", "132", None, "QĐ/TW", None, None, None),
      ("Kế hoạch", "15", 2024, "KH-UBND", "2024-01-22", "Chủ tịch UBND tỉnh", None)]),
    ("Công văn số 1021/UBND-NC và Tờ trình số 88/TTr-SNV; Thông tư số 12/2019/TT-BNV",
     [("Công văn", "1021", None, "UBND-NC", None, None, None), ("Tờ trình", "88", None, "TTr-SNV", None, None, None),
      ("Thông tư", "12", 2019, "TT-BNV", None, None, None)]),
    ("Thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn;",
     [("Luật", None, 2022, None, None, None, "Thi đua, khen thưởng")]),
    ("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;",
     [("Luật", None, 2008, None, "2008-11-13", None, "Cán bộ, công chức")]),
    ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
     [("Luật", "06", 2022, "QH15", "2022-06-15", None, "Thi đua, khen thưởng")]),
])
def test_reference_forms(sentence: str, expected: list[tuple]) -> None:
    assert _refs(sentence) == expected


def test_own_number_is_not_a_reference() -> None:
    rec = extract_text("Số: 1234/QĐ-UBND\n\nQUYẾT ĐỊNH\nTặng Bằng khen\n\nĐiều 1. Tặng.\n\n"
                       "DANH SÁCH\n(Kèm theo Quyết định số 1234/QĐ-UBND ngày 18/12/2024 của Chủ tịch UBND tỉnh)\n")
    assert rec.legal_refs == []


def test_a_law_named_with_a_comma_keeps_its_whole_title_and_date() -> None:
    # issue 13 class 9: "Luật Thi đua, Khen thưởng ngày 26/11/2003" was cut to "Luật Thi đua".
    refs = extract_text("Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số "
                        "điều của Luật Thi đua, Khen thưởng ngày 16/11/2013;").legal_refs
    assert [(r.doc_type, r.title, r.date, r.year) for r in refs] == [
        ("Luật", "Thi đua, Khen thưởng", "2003-11-26", 2003),
        ("Luật", "sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng", "2013-11-16", 2013),
    ]


def test_two_laws_separated_by_a_comma_stay_two() -> None:
    refs = extract_text("Căn cứ Luật Đất đai, Luật Nhà ở năm 2014;").legal_refs
    assert [(r.title, r.year) for r in refs] == [("Đất đai", None), ("Nhà ở", 2014)]
