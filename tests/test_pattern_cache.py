"""``fast_compile``: the stdlib engine with Unicode property classes written out, else ``regex``."""

from __future__ import annotations

import re

import regex

from vnadmin_extract.rules.cache import fast_compile, to_stdlib

SAMPLE = ("Ủy ban nhân dân tỉnh Quảng Nam, ĐỒNG CHÍ Nguyễn Thị Hòa; 12/2024/NĐ-CP ½ ² Ⅷ "
          "Ñandú Ωμέγα Москва ǅ ǈ 東京 ٣ 🏅 a\u0301")


def test_property_classes_match_as_in_regex():
    for prop in (r"\p{Lu}", r"\p{Ll}", r"\p{L}", r"\p{M}", r"\p{N}", r"[^\p{L}\d]", r"\P{L}"):
        fast = fast_compile(prop)
        assert isinstance(fast, re.Pattern), prop
        assert fast.findall(SAMPLE) == regex.findall(prop, SAMPLE), prop


def test_a_real_pattern_runs_on_the_stdlib_engine_with_the_same_matches():
    pattern = r"(?<![\p{L}])(?:Nguyễn|Lê)(?:\s+\p{Lu}\p{Ll}*){1,4}(?![\p{L}])"
    text = "Đồng chí Nguyễn Tuấn Khải và bà Lê Ngân Giang, Phó Vụ trưởng"
    fast = fast_compile(pattern)
    assert isinstance(fast, re.Pattern)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in regex.finditer(pattern, text)]
    assert fast.findall(text) == ["Nguyễn Tuấn Khải", "Lê Ngân Giang"]


def test_what_the_stdlib_engine_cannot_run_stays_with_regex():
    for pattern in (r"\p{Cyrillic}+", r"(?<=\(\s*)\d{4}", r"[^\P{L}]"):
        compiled = fast_compile(pattern)
        assert not isinstance(compiled, re.Pattern), pattern
    assert fast_compile(r"\p{Cyrillic}+").findall(SAMPLE) == ["Москва"]


def test_escapes_and_sets_are_left_alone():
    assert to_stdlib(r"\\p{L}") == r"\\p{L}"  # an escaped backslash, then text
    assert to_stdlib(r"[]\p{Lu}]").startswith("[]A-Z")
    assert to_stdlib(r"\p{Greek}") is None
