import unicodedata

from vnadmin_extract.normalize import normalize


def test_nfd_and_nfc_give_the_same_text() -> None:
    text = "Quảng Ngãi, ngày 23 tháng 01 năm 2024\nBÁO CÁO\nTổng kết công tác thi đua, khen thưởng"
    assert normalize(unicodedata.normalize("NFD", text)) == normalize(text)


def test_look_alike_letters_and_spaces() -> None:
    # Cyrillic "о" and "а" inside Latin words, a no-break space, an eth for Đ.
    assert normalize("Quyết định số 143/2025/TT-BTC c\u043e h\u0430\u00a0\u00d0ảng") == \
        "Quyết định số 143/2025/TT-BTC co ha Đảng"
    assert normalize("Москва") == "Москва"  # a real Cyrillic word stays


def test_markdown_bold_italic_and_table_pipes() -> None:
    raw = "|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH ĐẮK LẮK\n-------\n|\n*Đắk Lắk, ngày 18\ntháng 11 năm 2025*\n|\n"
    assert normalize(raw) == "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nĐắk Lắk, ngày 18 tháng 11 năm 2025"


def test_hard_wraps_are_joined_but_blocks_are_not() -> None:
    raw = ("Thực hiện Quyết định số\n2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch.\n"
           "1. Mục đích\n- Phát huy sức mạnh;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐào Mỹ")
    assert normalize(raw).split("\n") == [
        "Thực hiện Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch.",
        "1. Mục đích", "- Phát huy sức mạnh;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đào Mỹ",
    ]


def test_page_break_inside_a_sentence_is_rejoined() -> None:
    raw = ("Tập trung chỉ đạo thực hiện phong trào thi đua của các phòng, đơn vị; Công đoàn Sở\n\n"
           "làm đầu mối tổ chức các đợt thi đua.")
    assert normalize(raw) == ("Tập trung chỉ đạo thực hiện phong trào thi đua của các phòng, đơn vị; Công đoàn Sở "
                              "làm đầu mối tổ chức các đợt thi đua.")
    assert normalize("KẾ HOẠCH\nThi đua\n\ntham mưu phê duyệt.") == "KẾ HOẠCH\nThi đua\n\ntham mưu phê duyệt."


def test_run_in_star_heading_is_kept() -> None:
    assert normalize("*Về thi đua phát triển kinh tế - xã hội\n\n- Tham mưu") == \
        "*Về thi đua phát triển kinh tế - xã hội\n\n- Tham mưu"


def test_idempotent_on_real_documents(seeds_dir, public_dir) -> None:
    paths = sorted(seeds_dir.glob("*.txt")) + sorted(public_dir.glob("*.md"))
    assert paths
    for p in paths:
        once = normalize(p.read_text(encoding="utf-8"))
        assert normalize(once) == once, p.name


def test_crlf_and_tone_style() -> None:
    assert normalize("Uỷ ban nhân dân tỉnh;\r\nKhánh Hoà.\r\n") == "Ủy ban nhân dân tỉnh;\nKhánh Hòa."
