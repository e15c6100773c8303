"""Gated patterns (``rules/gate.py``) find exactly what their pattern's own ``finditer`` finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vnadmin_extract.extractors import legal_refs, movements, persons
from vnadmin_extract.normalize import normalize
from vnadmin_extract.rules import awards as tax
from vnadmin_extract.rules.gate import GatedPattern, first_word, word_starts
from vnadmin_extract.vietnamese import lower_same_length

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# (name, gate, runs on the lower-cased text)
GATES = [
    ("honorific", persons._honorific_gate, False),
    ("position", persons._position_gate, True),
    ("family name", persons._name_gate, False),
    ("province", persons._province_gate, False),
    ("organisation", persons._org_gate, False),
    ("award", tax.mention_gate, True),
    ("award status cue", tax.status_gate, True),
    ("conferring authority", tax.authority_gate, True),
    ("movement quoted", movements._quoted, True),
    ("movement bare", movements._bare, True),
    ("legal reference", legal_refs._numbered, False),
]


def _texts() -> list[str]:
    paths = sorted((REPO / "corpus").glob("*/*.txt")) + sorted((REPO / "corpus").glob("*/*/*.txt"))
    paths += sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    return [normalize(p.read_text(encoding="utf-8")) for p in paths]


TEXTS = _texts()


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize("name,gate,lowered", GATES, ids=[g[0] for g in GATES])
def test_gate_finds_what_the_pattern_finds(name, gate, lowered):
    assert len(TEXTS) >= 20
    rng = random.Random(7)
    g: GatedPattern = gate()
    found_any = False
    for text in TEXTS:
        t = lower_same_length(text) if lowered else text
        whole = _spans(g.pattern.finditer(t))
        assert _spans(g.finditer(t)) == whole, name
        found_any = found_any or bool(whole)
        # ranges that cut through words and matches
        for _ in range(3):
            lo = rng.randrange(len(t))
            hi = rng.randrange(lo, len(t) + 1)
            assert _spans(g.finditer(t, lo, hi)) == _spans(g.pattern.finditer(t, lo, hi)), (name, lo, hi)
    assert found_any, f"the {name} pattern found nothing in the corpus: the check proves nothing"


def test_gate_on_real_sentences():
    text = ("Đồng chí Nguyễn Tuấn Khải, Cục trưởng Cục An toàn bức xạ và hạt nhân; ông bà con; "
            "Phó Vụ trưởng Vụ Thi đua - Khen thưởng Lê Ngân Giang")
    assert [m.group("name") for m in persons._honorific_gate().finditer(text)] == ["Nguyễn Tuấn Khải"]
    # a candidate finder: "Phó" is also a family name, and the rules drop "Phó Vụ" later
    assert [m.group() for m in persons._name_gate().finditer(text)] == [
        "Nguyễn Tuấn Khải", "Phó Vụ", "Lê Ngân Giang"]
    low = lower_same_length(text)
    assert [m.group() for m in persons._position_gate().finditer(low)] == ["cục trưởng", "phó vụ trưởng"]


def test_word_index_holds_whole_words_only():
    persons._honorific_gate()  # "ông" is a first word
    index = word_starts("Ông Lê, ông; bông ông")
    assert index["ông"] == [0, 8, 18]  # not the "ông" inside "bông"


def test_a_phrase_must_start_with_a_letter():
    assert first_word("Đồng chí") == "đồng"
    with pytest.raises(ValueError, match="must start with a letter"):
        first_word("(Ban)")
    with pytest.raises(ValueError):
        first_word("01 tập thể")
