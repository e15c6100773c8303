import pytest

from vnadmin_extract.vietnamese import fold, place_tones, strip_diacritics

# fmt: off
TONES = [
    ("hoà", "hòa"), ("thuý", "thúy"), ("uỷ", "ủy"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"),
    ("THUỶ", "THỦY"), ("Hoà Bình", "Hòa Bình"),
    # unchanged: one placement only, or not a Vietnamese syllable
    ("quý", "quý"), ("giữ", "giữ"), ("gìn", "gìn"), ("hoàng", "hoàng"), ("người", "người"),
    ("khuỷu", "khuỷu"), ("được", "được"), ("Đắk Lắk", "Đắk Lắk"), ("radio", "radio"),
    # misplaced marks are moved: "hòang" has a final consonant, the mark goes on a
    ("hòang", "hoàng"), ("tìên", "tiền"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), TONES)
def test_place_tones(text: str, expected: str) -> None:
    assert place_tones(text) == expected


def test_place_tones_keeps_length() -> None:
    text = "Uỷ ban nhân dân tỉnh Khánh Hoà; Thuỷ lợi; khoẻ mạnh"
    assert len(place_tones(text)) == len(text)


def test_fold_equates_case_and_tone_style() -> None:
    assert fold("ỦY BAN NHÂN DÂN") == fold("Uỷ ban nhân dân") == "ủy ban nhân dân"
    assert fold("“Lao động tiên tiến”.") == "lao động tiên tiến"
    assert fold("Chiến sỹ") != fold("Chiến sĩ")  # i/y is lexical, not folded


def test_strip_diacritics() -> None:
    assert strip_diacritics("Chiến sỹ thi đua Đắk Lắk") == "Chien sy thi dua Dak Lak"
