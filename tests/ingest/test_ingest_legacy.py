"""Legacy encodings (TCVN3, VNI, VISCII) and mojibake: ``ingest.legacy``."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from ingest_testkit import SHARED, document_text

from vnadmin_extract.errors import W_LEGACY_ENCODING, W_MOJIBAKE_REPAIRED
from vnadmin_extract.ingest import legacy, read_path
from vnadmin_extract.ingest.base import RawText

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
UPPER = [ch.upper() for ch in LOWER]


def test_every_letter_and_tone_is_covered():
    assert len(LOWER) == 73 and len(set(UPPER)) == 73


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_round_trip_lower_case(encoding):
    text = " ".join(LOWER)
    coded = legacy.encode(text, encoding)
    assert coded != text
    assert legacy.convert(coded, encoding) == text


@pytest.mark.parametrize("encoding", ["vni", "viscii"])
def test_round_trip_upper_case(encoding):
    text = " ".join(UPPER)
    assert legacy.convert(legacy.encode(text, encoding), encoding) == text


def test_tcvn3_upper_case_through_a_capitals_font():
    # TCVN3 has no capital toned letters: .VnTimeH draws lower-case codes as capitals.
    text = " ".join(UPPER)
    coded = legacy.encode(text, "tcvn3", capitals_font=True)
    assert legacy.convert(coded, "tcvn3", capitals=True) == text
    assert legacy.decode_run(coded, ".VnTimeH") == (text, "tcvn3")
    with pytest.raises(ValueError):
        legacy.encode("Ấ", "tcvn3")


def test_vni_gaps_filled():
    assert legacy.convert("aú AÚ", "vni") == "ẳ Ẳ"
    assert legacy.convert("Quî", "vni") == "Quỵ"
    assert legacy.convert("Î", "vni") == "Ỵ"


@pytest.mark.parametrize(("font", "expected"), [
    (".VnTime", ("tcvn3", False)), (".VnTimeH", ("tcvn3", True)), ("VnTimeHBold", ("tcvn3", True)),
    ("GDNPNH+VnTime", ("tcvn3", False)), (".VnArialH,Bold", ("tcvn3", True)),
    ("VNI-Times", ("vni", False)), ("Times New Roman", (None, False)), (None, (None, False)),
])
def test_font_encoding(font, expected):
    assert legacy.font_encoding(font) == expected


def _legacy_doc(encoding: str) -> tuple[str, str]:
    text = document_text()
    return text, legacy.encode(text, encoding, strict=False)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_repair_detects_and_converts(encoding):
    original, coded = _legacy_doc(encoding)
    raw = legacy.repair(RawText(text=coded, format="txt", encoding="latin-1"))
    assert raw.encoding == encoding
    assert raw.warnings[-1][0] == W_LEGACY_ENCODING
    if encoding == "vni":
        assert raw.text == original
    else:  # capitals typed in .VnTime decode lower-case; compare case-folded
        assert raw.text.casefold() == original.casefold()
    # whitespace untouched: same lines
    assert raw.text.count("\n") == original.count("\n")


def test_repair_mixed_tcvn3_and_vni_lines():
    a = "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;"
    b = "Xét đề nghị của Giám đốc Sở Nội vụ về việc tặng Bằng khen."
    coded = legacy.encode(a, "tcvn3", strict=False) + "\n" + legacy.encode(b, "vni")
    raw = legacy.repair(RawText(text=coded, format="txt"))
    assert raw.text == a + "\n" + b
    assert set(raw.encoding.split("+")) == {"tcvn3", "vni"}


def test_repair_keeps_unicode_name_inside_vni_line():
    line = legacy.encode("Chủ tịch Ủy ban nhân dân tỉnh ký ngày 14 tháng 5 năm 2008:", "vni")
    raw = legacy.repair(RawText(text=line + " Trương Tấn Thiệu\n" + line, format="txt"))
    assert "Trương Tấn Thiệu" in raw.text
    assert raw.text.startswith("Chủ tịch Ủy ban nhân dân tỉnh")


def test_capitals_restored_from_ascii_letters():
    raw = legacy.repair(RawText(text="MôC LôC\nPHÇN THø NHÊT: KÕ ho¹ch tæng thÓ\nC«ng v¨n", format="txt"))
    assert raw.text.split("\n") == ["MỤC LỤC", "PHẦN THỨ NHẤT: Kế hoạch tổng thể", "Công văn"]


def test_unicode_text_is_left_alone():
    text = document_text() + "\nCafé, señor, naïve, Ñandú, Übermaß."
    raw = RawText(text=text, format="txt", encoding="utf-8")
    assert legacy.repair(raw) is raw


def test_seeds_are_not_legacy():
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("shared/seeds absent")
    for seed in seeds:
        raw = RawText(text=seed.read_text(encoding="utf-8"), format="txt", encoding="utf-8")
        assert legacy.repair(raw) is raw, seed.name


@pytest.mark.parametrize("codec", ["cp1252", "cp1258"])
def test_mojibake_repaired(codec):
    text = "Quyết định của Ủy ban nhân dân tỉnh\ntặng Bằng khen của Chủ tịch cho cá nhân"
    bad = text.encode("utf-8").decode(codec)
    assert bad != text
    raw = legacy.repair(RawText(text=bad, format="txt"))
    assert raw.text == text
    assert raw.warnings[-1][0] == W_MOJIBAKE_REPAIRED


def test_text_reader_converts_tcvn3_bytes(tmp_path: Path):
    original, coded = _legacy_doc("tcvn3")
    path = tmp_path / "doc.txt"
    path.write_bytes(coded.encode("latin-1"))
    raw = read_path(path, path.read_bytes())
    assert raw.encoding is not None and "tcvn3" in raw.encoding
    assert raw.text.casefold() == original.casefold()
