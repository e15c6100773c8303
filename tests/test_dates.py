import pytest

from vnadmin_extract.rules.dates import find_dates, find_ranges, parse_date

# fmt: off
CASES = [
    ("Quảng Ngãi, ngày 23 tháng 01 năm 2024", "2024-01-23"),
    ("Bắc Giang, ngày tháng 01 năm 2024", "2024-01"),          # blank day in a draft
    ("Đắk Lắk, ngày 18\ntháng 11 năm 2025", "2025-11-18"),     # hard wrap inside the date
    ("Chỉ thị số 26-CT/TU ngày 02/6/2023", "2023-06-02"),
    ("Trang chủ >> Tin KH&CN trong tỉnh (16-01-2023)", "2023-01-16"),
    ("Ngày Khoa học và Công nghệ Việt Nam (18/5)", "--05-18"),
    ("hạn chót 05.11.2024", "2024-11-05"),
]
# fmt: on


@pytest.mark.parametrize(("text", "value"), CASES)
def test_date_values(text: str, value: str) -> None:
    d = parse_date(text)
    assert d is not None and d.value == value


def test_impossible_date_has_no_value_and_says_why() -> None:
    d = parse_date("(03/2/1930-30/2/2024)".split("-")[1])
    assert d is not None and d.value is None and d.raw == "30/2/2024"
    assert d.problem == "day 30 does not exist in month 2 of 2024"


def test_fractions_are_not_dates() -> None:
    assert find_dates("đã tiếp nhận và giải quyết 37/37 hồ sơ; 39/57 TTHC") == []


@pytest.mark.parametrize(("text", "first", "second"), [
    ("(03/02/1930-03/02/2024)", "1930-02-03", "2024-02-03"),
    ("(19/10/1961 – 19/10/2024)", "1961-10-19", "2024-10-19"),
    ("(19/5/1890- 19/5/2024)", "1890-05-19", "2024-05-19"),
    ("từ 01/7/2024 đến 31/12/2024", "2024-07-01", "2024-12-31"),
    ("520 năm ngày thành lập tỉnh Cao Bằng (1499-2019)", "1499", "2019"),
])
def test_ranges(text: str, first: str, second: str) -> None:
    ranges = find_ranges(text, find_dates(text))
    assert [(r.first.value, r.second.value) for r in ranges] == [(first, second)]
