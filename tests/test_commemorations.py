from vnadmin_extract import extract_text

KEYS = ("event", "ordinal", "start_date", "anniversary_date", "consistent")


def _comms(sentence: str) -> list[tuple]:
    rec = extract_text("KẾ HOẠCH\nThi đua\n\n" + sentence + "\n")
    return [tuple(getattr(c, k) for k in KEYS) for c in rec.commemorations], rec


def test_record_md_example() -> None:
    got, _ = _comms("lập thành tích chào mừng kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930-03/02/2024), "
                    "49 năm ngày giải phóng Miền nam, thống nhất đất nước (30/4/1975 – 30/4/2024);")
    assert got == [("Ngày thành lập Đảng Cộng sản Việt Nam", 94, "1930-02-03", "2024-02-03", True),
                   ("ngày giải phóng Miền nam, thống nhất đất nước", 49, "1975-04-30", "2024-04-30", True)]


def test_years_only_no_ordinal_and_no_dates() -> None:
    got, _ = _comms("kỷ niệm 50 năm thực hiện Di chúc Chủ tịch Hồ Chí Minh, 520 năm thành lập tỉnh Cao Bằng (1499-2019); "
                    "Chào mừng kỷ niệm Ngày Khoa học và Công nghệ Việt Nam (18/5).")
    assert got == [("thực hiện Di chúc Chủ tịch Hồ Chí Minh", 50, None, None, None),
                   ("thành lập tỉnh Cao Bằng", 520, "1499", "2019", True),
                   ("Ngày Khoa học và Công nghệ Việt Nam", None, None, "--05-18", None)]


def test_impossible_date_and_inconsistent_ordinal_warn() -> None:
    got, rec = _comms("chào mừng 94 năm ngày thành lập Đảng Cộng sản Việt Nam (03/2/1930-30/2/2024); "
                      "kỷ niệm 78 năm Ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc (11/6/1948-11/6/2025).")
    assert got == [("ngày thành lập Đảng Cộng sản Việt Nam", 94, "1930-02-03", None, None),
                   ("Ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc", 78, "1948-06-11", "2025-06-11", False)]
    codes = [w.code for w in rec.warnings]
    assert "W_INVALID_DATE" in codes and "W_INCONSISTENT_ANNIVERSARY" in codes
    bad = next(w for w in rec.warnings if w.code == "W_INVALID_DATE")
    assert rec.text[bad.start:bad.end] == "30/2/2024"


def test_periods_are_not_anniversaries() -> None:
    got, _ = _comms("thực hiện kế hoạch 5 năm (2021 - 2025); sau 5 năm thực hiện Chỉ thị, công tác đã chuyển biến.")
    assert got == []
