from vnadmin_extract import extract_text


def _movements(sentence: str) -> list[str]:
    rec = extract_text("KẾ HOẠCH\nThi đua\n\n" + sentence + "\n")
    out = []
    for e in rec.entities:
        if e.type == "MOVEMENT":
            assert rec.text[e.start:e.end] == e.text
            out.append(e.value)
    return out


def test_quoted_and_unquoted_movements() -> None:
    assert _movements("Hưởng ứng Phong trào \"Cao Bằng chung sức xây dựng nông thôn mới\"; phong trào thi đua "
                      "“Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”; Năm 2023 chủ đề của Khối thi "
                      "đua là “Đoàn kết, đổi mới sáng tạo”.") == [
        "Cao Bằng chung sức xây dựng nông thôn mới", "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau",
        "Đoàn kết, đổi mới sáng tạo"]


def test_prose_after_phong_trao_is_not_a_name() -> None:
    assert _movements("Các phong trào thi đua do các cấp phát động đã được hưởng ứng; phong trào thi đua yêu nước.") == []
