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


# Issue 13, real documents (../shared/corpus-public): each case is a sentence of one of them.
# fmt: off
@pytest.mark.parametrize(("sentence", "expected"), [
    # a law named in the subject of the citation before it is part of that citation
    # (ttr-stp-quangbinh-2753); after ", căn cứ" a new clause names its own law
    ("Thực hiện Công văn số 2852/BTP-PBGDPL ngày 09/8/2022 của Bộ Tư pháp về việc hướng dẫn khen thưởng 10 năm "
     "thực hiện Luật Phổ biến, giáo dục pháp luật và 10 năm hưởng ứng Ngày Pháp luật Việt Nam, Kế hoạch số 1043/KH- "
     "UBND ngày 16/6/2022 của UBND tỉnh về tổng kết 10 năm thực hiện Luật Phổ biến, giáo dục pháp luật, căn cứ các "
     "quy định, tiêu chuẩn khen thưởng quy định tại Luật Thi đua khen thưởng, các văn bản hướng dẫn thi hành.",
     [("Công văn", "2852", 2022, "BTP-PBGDPL", "2022-08-09", "Bộ Tư pháp", None),
      ("Kế hoạch", "1043", 2022, "KH-UBND", "2022-06-16", "UBND tỉnh", None),
      ("Luật", None, None, None, None, None, "Thi đua khen thưởng")]),
    # ... also when the subject goes on in a line of its own (nq-hdnd-hanoi-83)
    ("Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, "
     "khen thưởng;\nquy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
     [("Nghị định", "152", 2025, "NĐ-CP", None, "Chính phủ", None)]),
    # "; Luật ..." starts the next item of a list; a law with its own year stands alone (kh-ubnd-an-giang-68)
    ("Thực hiện Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi "
     "đua, khen thưởng; Luật Thi đua, khen thưởng năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 "
     "của Chính phủ;",
     [("Chỉ thị", "34", 2014, "CT/TW", "2014-04-07", "Bộ Chính trị", None),
      ("Luật", None, 2022, None, None, None, "Thi đua, khen thưởng"),
      ("Nghị định", "98", 2023, "NĐ-CP", "2023-12-31", "Chính phủ", None)]),
    # a title in lower case, older texts (quy-dinh-ubnd-camau-05-2006); several numbers, one symbol
    ("Căn cứ chức năng, nhiệm vụ quy định tại Luật Thanh tra, Pháp lệnh xử lý vi phạm hành chính, Nghị định "
     "31/CP và các quy định khác có liên quan.",
     [("Luật", None, None, None, None, None, "Thanh tra"),
      ("Pháp lệnh", None, None, None, None, None, "xử lý vi phạm hành chính"),
      ("Nghị định", "31", None, "CP", None, None, None)]),
    ("Ban Chỉ đạo 814 nhằm thực hiện các Nghị định 87,88,31/CP và Chỉ thị 814/TTg của Chính phủ, Thủ tướng "
     "Chính phủ.",
     [("Nghị định", "87", None, "CP", None, None, None), ("Nghị định", "88", None, "CP", None, None, None),
      ("Nghị định", "31", None, "CP", None, None, None), ("Chỉ thị", "814", None, "TTg", None, "Chính phủ", None)]),
    # "Luật này", a law to be passed, the law being enacted: not citations (bc-chinh-phu-2004, luat-tdkt-2022)
    ("Trình Quốc hội thông qua Luật chuyển giao công nghệ, Luật sở hữu trí tuệ năm 2005. Luật này quy định về "
     "thi đua. Quốc hội ban hành Luật Thi đua, khen thưởng. Sớm ban hành Luật đầu tư và Luật doanh nghiệp chung.",
     []),
    # a refused "Luật này ..." does not hide the law after it (vbhn-luat-tdkt-2014)
    ("theo quy định của Luật này sẽ được xem xét, quyết định khen thưởng theo quy định của Luật thi đua, khen "
     "thưởng số 15/2003/QH11. Việc xem xét",
     [("Luật", "15", 2003, "QH11", None, None, "thi đua, khen thưởng")]),
    # the constitution with its year (vbhn-luat-tdkt-2014); "Hiến pháp, luật pháp" is the law in general
    ("Căn cứ vào Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung theo Nghị "
     "quyết số 51/2001/QH10 ngày 25 tháng 12 năm 2001 của Quốc hội khóa X, kỳ họp thứ 10;",
     [("Hiến pháp", None, 1992, None, None, None, None),
      ("Nghị quyết", "51", 2001, "QH10", "2001-12-25", "Quốc hội khóa X", None)]),
    ("1. Tuân thủ Hiến pháp, luật pháp, các quy định của nước Cộng hòa xã hội chủ nghĩa Việt Nam.", []),
    # the decision an attached table belongs to is the document itself (bang-tong-hop-...-141-2006)
    ("(Ban hành kèm theo Quyết định số 141/2006/QĐ-UBND ngày 22 tháng 9 năm 2006 của Ủy ban nhân dân thành phố)",
     []),
    # older numbers: "90TC/TCT", "04 TC/TCT" (tt-btc-08-2001), parts joined by "/" (qd-btc-12-2001)
    ("+ Thông tư số 90TC/TCT ngày 10/11/1993 hướng dẫn một số điểm về chính sách thuế đối với Ngân hàng liên "
     "doanh.\n+ Thông tư số 04 TC/TCT ngày 23/4/1997 hướng dẫn một số điểm về chính sách thuế.",
     [("Thông tư", "90", 1993, "TC/TCT", "1993-11-10", None, None),
      ("Thông tư", "04", 1997, "TC/TCT", "1997-04-23", None, None)]),
    ("Căn cứ Thông tư liên tịch số 30/2000/TTLT/BTC-UBTDTT ngày 24/4/2000 của Bộ Tài chính;",
     [("Thông tư liên tịch", "30", 2000, "TTLT/BTC-UBTDTT", "2000-04-24", "Bộ Tài chính", None)]),
    # the date after the issuer (quy-dinh-ubnd-angiang-522-2002), or before it (ttr-bldtbxh-2015, cv-ubnd-hcm-4240)
    ("quy định tại Điều 13 Nghị định số 16/CP của Chính phủ ngày 21 tháng 02 năm 1997 về chuyển đổi, đăng ký "
     "hợp tác xã",
     [("Nghị định", "16", 1997, "CP", "1997-02-21", "Chính phủ", None)]),
    ("1. Ngày 14/5/2013, Chính phủ đã ban hành Nghị định số 51/2013/NĐ-CP quy định chế độ tiền lương, thù lao.",
     [("Nghị định", "51", 2013, "NĐ-CP", "2013-05-14", "Chính phủ", None)]),
    ("Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX về "
     "việc triển khai cập nhật cơ sở dữ liệu.",
     [("Công văn", "3280", 2025, "UBND-VX", "2025-10-28", "Chủ tịch Ủy ban nhân dân Thành phố", None)]),
    # a number with a dot (tb-vpcp-634-2025); a law with its number is one citation (qd-ubnd-bacninh-86-2025)
    ("tại Nghị quyết số 66.4/2025/NQ-CP ngày 28/5/2025 của Chính phủ",
     [("Nghị quyết", "66.4", 2025, "NQ-CP", "2025-05-28", "Chính phủ", None)]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật Sửa đổi, bổ sung một số điều của Luật "
     "Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;",
     [("Luật", "64", 2025, "QH15", None, None, "Ban hành văn bản quy phạm pháp luật"),
      ("Luật", "87", 2025, "QH15", None, None,
       "Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật")]),
    # one more number of the same type (cd-ttg-229-2025); a type with a qualifier before its number
    # when the symbol is of that type (nq-hdnd-hanoi-83-2025)
    ("Thực hiện các Nghị quyết số 347/NQ-CP ngày 24 tháng 10 năm 2025, số 380/NQ-CP ngày 25 tháng 11 năm 2025 "
     "của Chính phủ và các Công điện.",
     [("Nghị quyết", "347", 2025, "NQ-CP", "2025-10-24", "Chính phủ", None),
      ("Nghị quyết", "380", 2025, "NQ-CP", "2025-11-25", "Chính phủ", None)]),
    ("Xét Tờ trình số 382/TTr-UBND ngày 12 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố; Báo cáo thẩm tra số "
     "118/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế Hội đồng nhân dân Thành phố; Báo cáo giải trình, tiếp "
     "thu số 469/BC-UBND ngày 25 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố;",
     [("Tờ trình", "382", 2025, "TTr-UBND", "2025-11-12", "Ủy ban nhân dân Thành phố", None),
      ("Báo cáo", "118", 2025, "BC-BPC", "2025-11-22", "Ban Pháp chế Hội đồng nhân dân Thành phố", None),
      ("Báo cáo", "469", 2025, "BC-UBND", "2025-11-25", "Ủy ban nhân dân Thành phố", None)]),
    ("Báo cáo kết quả số 12/KH-UBND", []),
    # a number without symbol before "của" (bc-chinh-phu-2004); "số" in a title is a word ("Dân số");
    # "nội dung sửa đổi, bổ sung của Pháp lệnh ..." is no amending law
    ("được triển khai đại trà theo Nghị quyết 40 của Quốc hội. Người dân chưa hiểu đúng về Pháp lệnh Dân số "
     "nên đã không thực hiện; những nội dung sửa đổi, bổ sung của Pháp lệnh thuế thu nhập đối với người có thu "
     "nhập cao.",
     [("Nghị quyết", "40", None, None, None, "Quốc hội", None),
      ("Pháp lệnh", None, None, None, None, None, "Dân số"),
      ("Pháp lệnh", None, None, None, None, None, "thuế thu nhập")]),
    # two laws in one run of words (kh-ubnd-cantho-157-2025); older "ủy ban" in lower case inside
    # a title with its date (qd-ub-cantho-256-2004); "và" and a number of the same type (qd-bqlkcn-2007)
    ("theo quy định phân cấp về quản lý tài chính của Luật Thi đua khen thưởng và Luật Ngân sách Nhà nước.",
     [("Luật", None, None, None, None, None, "Thi đua khen thưởng"),
      ("Luật", None, None, None, None, None, "Ngân sách Nhà nước")]),
    ("Căn cứ Luật Tổ chức Hội đồng nhân dân và ủy ban nhân dân ngày 26/11/2003;",
     [("Luật", None, 2003, None, "2003-11-26", None, "Tổ chức Hội đồng nhân dân và ủy ban nhân dân")]),
    ("Quyết định này thay thế các quyết định số 101/QĐ.BQL-TC ngày 21/7/2005 và 41/QĐ.BQL-TC ngày 30/3/2006",
     [("Quyết định", "101", 2005, "QĐ.BQL-TC", "2005-07-21", None, None),
      ("Quyết định", "41", 2006, "QĐ.BQL-TC", "2006-03-30", None, None)]),
    # a title never runs on to the next line (qd-ttg-01-2026)
    ("Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng\n\nCăn cứ Luật Tổ chức Chính phủ số "
     "63/2025/QH15;",
     [("Luật", None, None, None, None, None, "Thi đua, khen thưởng"),
      ("Luật", "63", 2025, "QH15", None, None, "Tổ chức Chính phủ")]),
    # damaged symbols: a doubled hyphen (the scan kh-ubnd-quangbinh-672), a space for the hyphen
    # before the date (bc-stc-haugiang-2024, a text PDF)
    ("(Gọi tắt là Đề án 06); Quyết định số 90/QĐ- -TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt",
     [("Quyết định", "90", 2022, "QĐ-TTg", "2022-01-18", "Thủ tướng Chính phủ", None)]),
    ("UBND tỉnh Hậu Giang đã ban hành Quyết định số 22/2024/QĐ UBND ngày 11 tháng 7 năm 2024 về ban hành Quy định",
     [("Quyết định", "22", 2024, "QĐ-UBND", "2024-07-11", None, None)]),
    # "số" typed or read wrong (kh-ubnd-nghean-982; the scan qd-ubnd-quangbinh-2871)
    ("- Tổ chức quán triệt, triển khai thực hiện Chỉ thị so 41-CT/TW ngày 26/12/2024 của Bộ Chính trị",
     [("Chỉ thị", "41", 2024, "CT/TW", "2024-12-26", "Bộ Chính trị", None)]),
    ("Căn cứ Nghị định SỐ, 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chỉ tiết thi hành một số Điều của "
     "Luật Thì đua, Khen thưởng,",
     [("Nghị định", "91", 2017, "NĐ-CP", "2017-07-31", "Chính phủ", None)]),
])
def test_reference_forms_of_real_documents(sentence: str, expected: list[tuple]) -> None:
    assert _refs(sentence) == expected


def test_the_subject_line_cites_too() -> None:
    # tt-bnv-20-2025: the title names the law and the decree the circular details; the number
    # in a title line in capitals is the document's own (qd-ttg-115-2004).
    rec = extract_text("BỘ NỘI VỤ\nSố: 20/2025/TT-BNV\n\nTHÔNG TƯ\nQuy định chi tiết thi hành một số điều của Luật "
                       "Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ "
                       "đối với ngành Nội vụ\n\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n")
    assert [tuple(getattr(r, k) for k in KEYS) for r in rec.legal_refs] == [
        ("Luật", None, None, None, None, None, "Thi đua, khen thưởng"),
        ("Nghị định", "152", 2025, "NĐ-CP", "2025-06-14", "Chính phủ", None),
        ("Luật", None, 2022, None, "2022-06-15", None, "Thi đua, khen thưởng"),
    ]


def test_portal_circular_preamble(public_dir) -> None:
    from vnadmin_extract import extract_file

    path = public_dir / "tt-bnv-20-2025-chi-tiet-thi-dua-khen-thuong.vbpl.html"
    if not path.exists():
        pytest.skip(f"{path.name} not in ../shared/corpus-public")
    rec = extract_file(path)
    preamble = rec.text.index("Điều 1.")
    got = [(r.doc_type, r.number, r.date) for r in rec.legal_refs if r.start < preamble]
    assert got == [("Luật", None, None), ("Nghị định", "152", "2025-06-14"), ("Luật", None, "2022-06-15"),
                   ("Nghị định", "25", "2025-02-21"), ("Nghị định", "152", "2025-06-14"),
                   ("Luật", None, None), ("Nghị định", "152", "2025-06-14")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # an OCR'd date with a space inside a number (the scan qd-ubnd-quangbinh-2871)
    ("Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số Điều của Luật Thi đua, "
     "Khen thưởng ngày 16/1 1/2013;",
     [("Luật", None, 2003, None, "2003-11-26", None, "Thi đua, Khen thưởng"),
      ("Luật", None, 2013, None, "2013-11-16", None, "sửa đổi, bổ sung một số Điều của Luật Thi đua, Khen thưởng")]),
    # a quantity is not an older number (qd-bqlkcn-bariavungtau-2007); the lower-case title ends
    ("Định mức theo hợp đồng : 10lít/tháng. Trường hợp cá nhân được đề nghị khen thưởng theo Luật thi đua, "
     "khen thưởng mà chưa đủ điều kiện, tiêu chuẩn.",
     [("Luật", None, None, None, None, None, "thi đua, khen thưởng")]),
])
def test_damaged_and_lower_case_forms(sentence: str, expected: list[tuple]) -> None:
    assert _refs(sentence) == expected


def test_a_number_of_another_type_is_not_the_own_number() -> None:
    # cv-ubnd-danang-5710 (a scan): the own number is handwritten, and the header reads the
    # appendix heading "THÔNG BÁO SỐ 496-TB/TU"; the Thông báo cited in the công văn stays a citation.
    rec = extract_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 496-TB/TU\nV/v thực hiện Thông báo số 496-TB/TU "
                       "ngày 17/8/2023\n\nThực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường "
                       "trực Thành ủy.\n")
    assert rec.header.doc_type is not None and rec.header.doc_type.name == "Công văn"
    assert [(r.doc_type, r.number, r.date) for r in rec.legal_refs] == [
        ("Thông báo", "496", "2023-08-17"), ("Thông báo", "496", "2023-08-17")]


@pytest.mark.parametrize(("sentence", "issuer"), [
    # kh-ubnd-camau-0204-2025: an amount follows the issuer
    ("Nghị định số 87/2025/NĐ-CP ngày 11/4/2025 của Chính phủ khoảng 21 tỷ đồng.", "Chính phủ"),
    ("Nghị quyết số 60/2024/UBTVQH15 ngày 24/12/2024 của Ủy ban Thường vụ Quốc hội khoảng 530 tỷ đồng",
     "Ủy ban Thường vụ Quốc hội"),
    # the closing mark right after the issuer
    ("(theo Kế hoạch số 076/KH-UBND ngày 30/8/2025 của Ủy ban nhân dân tỉnh Cà Mau)./",
     "Ủy ban nhân dân tỉnh Cà Mau"),
    # hd-hdtdkt-hungyen-2021, cv-sldtbxh-quangbinh-2022: the cited document's title runs on
    ("Căn cứ Hướng dẫn số 1479/BTĐKT-VIII ngày 25/7/2016 của Ban Thi đua - Khen thưởng Trung ương "
     "Hướng dẫn công tác thi đua", "Ban Thi đua - Khen thưởng Trung ương"),
    ("Căn cứ Quyết định số 18/2019/QĐ-UBND của UBND tỉnh Hưng Yên Ban hành Quy chế", "UBND tỉnh Hưng Yên"),
    # a type name inside the issuer's own name is kept
    ("Quyết định số 811/QĐ-BKH ngày 22 tháng 8 năm 2005 của Bộ trưởng Bộ Kế hoạch và Đầu tư về việc",
     "Bộ trưởng Bộ Kế hoạch và Đầu tư"),
    ("Thông tư số 11/2022/TT-BLĐTBXH ngày 30/6/2022 của Bộ Lao động - Thương binh và Xã hội Hướng dẫn một số nội dung",
     "Bộ Lao động - Thương binh và Xã hội"),
    # a spreadsheet's cell mark (bang-tong-hop-dau-tu-kem-qd-141-2006, .xls)
    ("Công văn số 3600/UBND-VX ngày 02/6/2006 của UBNDTP │ Chương trình", "UBNDTP"),
    # a lower-case word that is no part of a name (qd-ttg-01-2026, qd-btc-144-2002, cv-ubnd-danang-5710)
    ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ vẫn tiếp tục được áp dụng", "Chính phủ"),
    ("Quyết định số 137/2001/QĐ/BTC ngày 18/12/2001 của Bộ trưởng Bộ Tài chính thành mức thuế suất thuế nhập khẩu mới",
     "Bộ trưởng Bộ Tài chính"),
    ("quán triệt Chỉ thị số 21- CT/TW của Ban Bí thư mới đây", "Ban Bí thư"),
    # an aside in brackets, "và" before a lower-case word, a blank line (cv-cuc-thue-5317-2025, qd-ubnd-angiang-522)
    ("Nghị định số 291/2025/NĐ-CP ngày 06/11/2025 của Chính phủ (có hiệu lực từ ngày 01/01/2026)", "Chính phủ"),
    ("căn cứ Nghị định số 291/2025/NĐ-CP ngày 06/11/2025 của Chính phủ và hồ sơ cụ thể của doanh nghiệp", "Chính phủ"),
    ("Nghị định số 02/2000/NĐ-CP ngày 03 tháng 02 năm 2000 của Chính phủ\n\nThủ tục xét", "Chính phủ"),
    # lower-case words that are part of a name: "nhân dân", units, a term, a quoted movement
    ("Căn cứ Nghị quyết số 12/2024/NQ-HĐND ngày 1/2/2024 của Hội đồng nhân dân tỉnh Quảng Bình khóa XVIII về việc",
     "Hội đồng nhân dân tỉnh Quảng Bình khóa XVIII"),
    ("theo Kế hoạch số 12/KH-BCĐ của Thường trực ban chỉ đạo tỉnh về việc", "Thường trực ban chỉ đạo tỉnh"),
    ("Xét Tờ trình số 52/TTr-BCĐ ngày 08 tháng 12 năm 2025 của Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng "
     "đời sống văn hóa” phường về việc", "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” phường"),
])
def test_the_issuer_of_a_citation_ends_where_the_name_does(sentence: str, issuer: str) -> None:
    assert [r.issuer for r in extract_text(sentence).legal_refs] == [issuer]


def _issuers(sentence: str) -> list[tuple]:
    return [(r.doc_type, r.number, r.issuer, r.issuer_source) for r in extract_text(sentence).legal_refs]


@pytest.mark.parametrize(("sentence", "expected"), [
    # kh-ubnd-camau-0204-2025: one issuer after a list of one type
    ("chi trả chế độ nghỉ hưu sớm theo Nghị định số 178/2024/NĐ-CP, Nghị định số 67/2025/NĐ-CP của Chính phủ.",
     [("Nghị định", "178", "Chính phủ", "shared"), ("Nghị định", "67", "Chính phủ", "after")]),
    ("giảm thuế theo Nghị quyết số 174/2024/QH15 ngày 30/11/2024, Nghị quyết số 204/2025/QH15 ngày 17/6/2025 "
     "của Quốc hội khoảng 110 tỷ đồng",
     [("Nghị quyết", "174", "Quốc hội", "shared"), ("Nghị quyết", "204", "Quốc hội", "after")]),
    # cd-ttg-229-2025: "số ..." continues the list; the year after the symbol
    ("theo các Nghị quyết số 347/NQ-CP ngày 24 tháng 10 năm 2025, số 380/NQ-CP ngày 25 tháng 11 năm 2025 của Chính phủ",
     [("Nghị quyết", "347", "Chính phủ", "shared"), ("Nghị quyết", "380", "Chính phủ", "after")]),
    ("theo các Nghị quyết 347/NQ-CP năm 2025, Nghị quyết 380/NQ-CP năm 2025 của Chính phủ và các Công điện",
     [("Nghị quyết", "347", "Chính phủ", "shared"), ("Nghị quyết", "380", "Chính phủ", "after")]),
    # two bodies' decisions (the symbols differ), two types: nothing is shared
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2024, Quyết định số 15/QĐ-SNV ngày 3/2/2024 của Sở Nội vụ",
     [("Quyết định", "12", None, None), ("Quyết định", "15", "Sở Nội vụ", "after")]),
    ("thực hiện Nghị định 87,88,31/CP và Chỉ thị 814/TTg của Chính phủ, Thủ tướng Chính phủ",
     [("Nghị định", "87", None, None), ("Nghị định", "88", None, None), ("Nghị định", "31", None, None),
      ("Chỉ thị", "814", "Chính phủ", "after")]),
])
def test_an_issuer_written_once_after_a_list_is_shared(sentence: str, expected: list[tuple]) -> None:
    assert _issuers(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # cv-sldtbxh-quangbinh-2022, qd-ubnd-quangbinh-2871-2022: "của X tại", "và Y tại"
    ("sử dụng kinh phí theo hướng dẫn của Sở Lao động - Thương binh và Xã hội tại công văn số 1412/SLĐTBXH-LĐVLDN "
     "ngày 28/9/2022 và đúng quy định pháp luật.",
     [("Công văn", "1412", "Sở Lao động - Thương binh và Xã hội", "before")]),
    ("Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 2753/TTr-STP 28/9/2022 và Giám đốc Sở Nội vụ tại "
     "Tờ trình số 1849/TTr-SNV-TĐKT ngày 18/10/2022.",
     [("Tờ trình", "2753", "Giám đốc Sở Tư pháp", "before"), ("Tờ trình", "1849", "Giám đốc Sở Nội vụ", "before")]),
    # kh-ubnd-camau-0204-2025: a citation named with its kind ("Chương trình hành động")
    ("theo ý kiến chỉ đạo của Ủy ban nhân dân tỉnh tại Chương trình hành động số 01/CTr-UBND ngày 19/01/2025;",
     [("Chương trình", "01", "Ủy ban nhân dân tỉnh", "before")]),
    # cv-bnv-10988-2025: the body is the subject of "đã có", "đã thông qua"
    ("[2] Bộ Chính trị, Ban Bí thư đã có Kết luận số 212-KL/TW ngày 18/11/2025, trong đó yêu cầu",
     [("Kết luận", "212", "Bộ Chính trị, Ban Bí thư", "before")]),
    # what stands before "tại" is no body: a place, an award
    ("chi nhánh của tổ chức nước ngoài hoạt động tại Việt Nam qui định tại Thông tư số 99/1998/TT-BTC ngày 14/7/1998",
     [("Thông tư", "99", None, None)]),
    ("việc tặng Giấy khen thực hiện theo quy định tại Quyết định số 35/2019/QĐ-UBND ngày 11/11/2019",
     [("Quyết định", "35", None, None)]),
])
def test_an_issuer_named_before_the_citation(sentence: str, expected: list[tuple]) -> None:
    assert _issuers(sentence) == expected


def test_a_law_passed_on_a_day_and_a_one_word_law_with_its_date() -> None:
    # cv-bnv-10988-2025: a law with its number exists, even after "thông qua"; the day it was passed
    rec = extract_text("Ngày 16/6/2025, Quốc hội đã thông qua Luật Tổ chức chính quyền địa phương số 72/2025/QH15 "
                       "với những quy định mới")
    assert [(r.doc_type, r.number, r.symbol, r.date, r.title, r.issuer, r.issuer_source) for r in rec.legal_refs] == [
        ("Luật", "72", "QH15", "2025-06-16", "Tổ chức chính quyền địa phương", "Quốc hội", "before")]
    # bc-stc-haugiang-2024: a lower-case one-word title is a law with its date only; "kể từ ngày ..."
    # is when the law took effect, not the decision's date
    rec = extract_text("1. Thực hiện Luật giá ngày 19 tháng 6 năm 2023 có hiệu lực kể từ ngày 01 tháng 7 năm 2024, "
                       "UBND tỉnh Hậu Giang đã ban hành Quyết định số 22/2024/QĐ-UBND về giá")
    assert [(r.doc_type, r.number, r.date, r.title, r.issuer, r.issuer_source) for r in rec.legal_refs] == [
        ("Luật", None, "2023-06-19", "giá", None, None),
        ("Quyết định", "22", None, None, "UBND tỉnh Hậu Giang", "before")]
    assert extract_text("Luật sư bào chữa theo luật định. Luật này quy định.").legal_refs == []


def test_issuer_after_a_law_a_blank_draft_date_and_a_title_in_capitals() -> None:
    """corpus-public: qd-ttg-01-2026 (vbpl.vn), qd-byt-3621-2025 (a draft form's blank date),
    qd-ttg-115-2004 (a Công báo title in capitals)."""
    from vnadmin_extract import extract_text

    def refs(text: str) -> list[tuple]:
        return [(r.doc_type, r.number, r.issuer, r.issuer_source) for r in extract_text(text).legal_refs]

    assert refs("ban hành Quyết định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng số "
                "06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội.") == [("Luật", "06", "Quốc hội", "after")]
    assert refs("Căn cứ Thông tư số 24/2024/TT-BYT ngày tháng năm 2024 của Bộ trưởng Bộ Y tế về việc ban hành "
                "tiêu chí") == [("Thông tư", "24", "Bộ trưởng Bộ Y tế", "after")]
    assert refs("QUY CHẾ THÀNH LẬP QUỸ BẢO LÃNH TÍN DỤNG CHO DOANH NGHIỆP NHỎ VÀ VỪA\nBAN HÀNH KÈM THEO QUYẾT ĐỊNH "
                "SỐ 193/2001/QĐ-TTG\nNGÀY 20 THÁNG 12 NĂM 2001 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\nTHỦ TƯỚNG CHÍNH PHỦ\n") == [
        ("Quyết định", "193", "THỦ TƯỚNG CHÍNH PHỦ", "after")]
    # capitals end at a function word: the subject after the issuer is not the issuer
    assert refs("SỬA ĐỔI QUY CHẾ BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 13/2018/QĐ-UBND NGÀY 27 THÁNG 4 NĂM 2018 CỦA UBND "
                "TỈNH VỀ VIỆC BAN HÀNH QUY CHẾ") == [("Quyết định", "13", "UBND TỈNH", "after")]
    # a law without its number or date takes no issuer from a "của" that follows its title
    assert refs("theo Luật Thi đua, khen thưởng của Việt Nam") == [("Luật", None, None, None)]


def test_the_symbol_settles_a_generic_or_compound_type() -> None:
    """qd-ubnd-hatinh-2920-2025 ("Văn bản số 71/SNV-VP": no type code, a công văn) and
    kh-ubnd-hcm-174-2025 ("Thông báo kết luận số 196-TB/TW": the symbol's TB)."""
    from vnadmin_extract import extract_text

    def types(text: str) -> list[tuple]:
        return [(r.doc_type, r.number, r.symbol) for r in extract_text(text).legal_refs]

    assert types("Theo đề nghị của Giám đốc Sở Nội vụ tại Văn bản số 71/SNV-VP ngày 12/11/2025;") == [
        ("Công văn", "71", "SNV-VP")]
    assert types("Thực hiện Văn bản số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh;") == [("Kế hoạch", "12", "KH-UBND")]
    assert types("triển khai Thông báo kết luận số 196-TB/TW ngày 16 tháng 3 năm 2015 của Ban Bí thư") == [
        ("Thông báo", "196", "TB/TW")]
    assert types("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị") == [("Kết luận", "01", "KL/TW")]
