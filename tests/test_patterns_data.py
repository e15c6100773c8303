"""Integrity tests for the vocabularies in ``patterns/``.

The first tests read the YAML files directly (``yaml.safe_load``), so they guard the data
independently of the loader in ``src/``; the last ones (lists moved out of Python) run each
entry's ``examples`` and ``counter_examples`` through the matcher in ``src/`` that uses it. They check structure, allowed values, NFC,
uniqueness, and that every award example really yields its entry (and no counter-example
does) under the matching rules of ``patterns/README.md``: case-insensitive on a folded
copy of the text, white space in a variant matching any run of white space, whole words,
longest variant first, no overlaps.

Example: the example "công nhận danh hiệu “Tập thể lao động tiên tiến” cho 06 tập thể"
must yield ``tap_the_lao_dong_tien_tien`` and, as a counter-example of
``lao_dong_tien_tien``, must not yield that entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parent.parent
PATTERNS = REPO / "patterns"
CORPUS_README = REPO / "corpus" / "README.md"
SEEDS = REPO.parent / "shared" / "seeds"

AWARD_KEYS = {
    "id",
    "canonical",
    "category",
    "level",
    "recipient",
    "conferred_by",
    "legal_basis",
    "classes",
    "variants",
    "examples",
    "counter_examples",
}
CATEGORIES = {"emulation_title", "commendation", "rating", "other"}
LEVELS = {"nha_nuoc", "thu_tuong", "bo_tinh", "co_so", "dang", "cong_doan", "doan_thanh_nien", "other"}
RECIPIENTS = {"individual", "collective", "household", "any"}
STATUSES = {"conferred", "registered", "proposed", "target"}
RECIPIENT_KINDS = {"collective", "individual", "household", "mixed"}
CLASS_SUFFIX = re.compile(r"\s+hạng\s+(Nhất|Nhì|Ba)$", re.IGNORECASE)

# New-style tone placement ("hoà", "thuý", "khoẻ") -> traditional ("hòa", "thúy", "khỏe").
# Same length, applied to text and variants alike, as the matcher's folding does.
_TONES = {"̀", "́", "̉", "̃", "̣"}


def _fold_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    i = 0
    while i < len(decomposed):
        ch = decomposed[i]
        # pattern: o|u, then a|e|y (base letter), then one tone mark -> move the mark
        if (
            ch in "ou"
            and i + 2 < len(decomposed)
            and decomposed[i + 1] in ("a", "e", "y")
            and decomposed[i + 2] in _TONES
            and (ch, decomposed[i + 1]) in {("o", "a"), ("o", "e"), ("u", "y")}
        ):
            out.extend([ch, decomposed[i + 2], decomposed[i + 1]])
            i += 3
            continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Lower case, NFC, one tone-mark placement; length-preserving for NFC input."""
    return _fold_tones(unicodedata.normalize("NFC", text).lower())


def load(name: str) -> Any:
    with open(PATTERNS / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def walk_strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    """All (path, string) pairs in a loaded YAML tree, keys included."""
    found: list[tuple[str, str]] = []
    if isinstance(node, str):
        found.append((path, node))
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                found.append((f"{path}/<key>", key))
            found.extend(walk_strings(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(walk_strings(value, f"{path}[{index}]"))
    return found


@lru_cache(maxsize=1)
def awards() -> list[dict[str, Any]]:
    data = load("awards.yaml")
    assert isinstance(data, dict) and set(data) == {"awards"}, "awards.yaml must have the single top key 'awards'"
    assert isinstance(data["awards"], list) and data["awards"]
    return data["awards"]


def variant_regex(variant: str) -> re.Pattern[str]:
    words = fold(variant).split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


@lru_cache(maxsize=1)
def compiled_variants() -> list[tuple[int, re.Pattern[str], str]]:
    items = [(len(fold(v)), variant_regex(v), entry["id"]) for entry in awards() for v in entry["variants"]]
    items.sort(key=lambda item: -item[0])
    return items


def match_awards(text: str) -> list[tuple[int, int, str]]:
    """Longest variant first, non-overlapping: the README's matching rule."""
    folded = fold(text)
    assert len(folded) == len(unicodedata.normalize("NFC", text)), "folding must keep offsets"
    taken: list[tuple[int, int, str]] = []
    for _, regex, award_id in compiled_variants():
        for m in regex.finditer(folded):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), award_id))
    return sorted(taken)


# --------------------------------------------------------------------------- all files


ALL_FILES = sorted(p.name for p in PATTERNS.glob("*.yaml"))


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_loads_and_is_nfc(name: str) -> None:
    raw = (PATTERNS / name).read_text(encoding="utf-8")
    assert raw == unicodedata.normalize("NFC", raw), f"{name} is not NFC"
    data = load(name)
    assert data, f"{name} is empty"
    bad = [(p, s) for p, s in walk_strings(data) if s != unicodedata.normalize("NFC", s)]
    assert not bad, f"non-NFC strings in {name}: {bad[:5]}"
    blank = [(p, s) for p, s in walk_strings(data) if not s.strip() or s != s.strip()]
    assert not blank, f"empty or padded strings in {name}: {blank[:5]}"


def test_fold_is_consistent() -> None:
    assert fold("Hoà") == fold("hòa")
    assert fold("THUỶ") == fold("thủy")
    assert fold("Khoẻ") == fold("khỏe")
    assert fold("Chiến sỹ") != fold("Chiến sĩ")  # i/y stays apart: variants must list both


# --------------------------------------------------------------------------- awards.yaml


def test_award_entries_have_exactly_the_keys() -> None:
    for entry in awards():
        assert isinstance(entry, dict)
        assert set(entry) == AWARD_KEYS, f"{entry.get('id')}: keys {sorted(set(entry) ^ AWARD_KEYS)}"


def test_award_field_types_and_allowed_values() -> None:
    for entry in awards():
        award_id = entry["id"]
        assert isinstance(award_id, str) and re.fullmatch(r"[a-z][a-z0-9_]*", award_id), award_id
        assert isinstance(entry["canonical"], str) and entry["canonical"], award_id
        assert entry["category"] in CATEGORIES, award_id
        assert entry["level"] in LEVELS, award_id
        assert entry["recipient"] in RECIPIENTS, award_id
        assert isinstance(entry["classes"], bool), award_id
        assert isinstance(entry["legal_basis"], str) and entry["legal_basis"], award_id
        for key in ("conferred_by", "variants", "examples", "counter_examples"):
            assert isinstance(entry[key], list), f"{award_id}.{key}"
            assert all(isinstance(x, str) and x for x in entry[key]), f"{award_id}.{key}"
        assert entry["variants"], f"{award_id}: no variants"
        assert entry["examples"], f"{award_id}: no examples"
        assert entry["conferred_by"], f"{award_id}: no conferred_by"


def test_award_ids_and_canonicals_unique() -> None:
    ids = Counter(e["id"] for e in awards())
    assert not [k for k, n in ids.items() if n > 1], ids.most_common(3)
    canon = Counter(fold(e["canonical"]) for e in awards())
    assert not [k for k, n in canon.items() if n > 1], canon.most_common(3)


def test_canonical_is_one_of_its_variants() -> None:
    for entry in awards():
        assert fold(entry["canonical"]) in {fold(v) for v in entry["variants"]}, entry["id"]


def test_no_variant_shared_or_repeated() -> None:
    owner: dict[str, str] = {}
    for entry in awards():
        seen: set[str] = set()
        for variant in entry["variants"]:
            key = " ".join(fold(variant).split())
            assert key not in seen, f"{entry['id']}: duplicate variant {variant!r}"
            seen.add(key)
            assert key not in owner, f"variant {variant!r} in both {owner.get(key)} and {entry['id']}"
            owner[key] = entry["id"]


def test_every_example_contains_a_variant() -> None:
    for entry in awards():
        regexes = [variant_regex(v) for v in entry["variants"]]
        for example in entry["examples"]:
            assert any(r.search(fold(example)) for r in regexes), f"{entry['id']}: {example!r}"


def test_every_example_yields_its_entry() -> None:
    for entry in awards():
        for example in entry["examples"]:
            found = {award_id for _, _, award_id in match_awards(example)}
            assert entry["id"] in found, f"{entry['id']}: {example!r} yields {sorted(found)}"


def test_no_counter_example_yields_its_entry() -> None:
    for entry in awards():
        for sentence in entry["counter_examples"]:
            found = {award_id for _, _, award_id in match_awards(sentence)}
            assert entry["id"] not in found, f"{entry['id']}: counter-example {sentence!r} matches"


def test_longest_variant_wins() -> None:
    hits = match_awards("công nhận danh hiệu Tập thể lao động tiên tiến cho 06 tập thể và Lao động tiên tiến cho 59 cá nhân")
    assert [h[2] for h in hits] == ["tap_the_lao_dong_tien_tien", "lao_dong_tien_tien"]
    hits = match_awards("phấn đấu đạt 03 Cờ thi đua của Bộ, 01 Cờ thi đua của Chính phủ")
    assert [h[2] for h in hits] == ["co_thi_dua_bo_tinh", "co_thi_dua_chinh_phu"]


def test_risky_bare_words_are_not_variants() -> None:
    risky = {"tiên tiến", "xuất sắc", "tiêu biểu", "văn hóa", "vững mạnh", "huy chương", "huy hiệu", "lao động", "anh hùng", "thi đua"}
    variants = {" ".join(fold(v).split()) for e in awards() for v in e["variants"]}
    assert not (variants & {fold(r) for r in risky}), variants & {fold(r) for r in risky}


def corpus_award_bullet() -> str:
    """The `award` bullet of the awards section of corpus/README.md."""
    text = CORPUS_README.read_text(encoding="utf-8")
    section = text.split("### awards", 1)[1].split("\n### ", 1)[0]
    return section.split("- `award`:", 1)[1].split("\n- ", 1)[0]


@pytest.mark.skipif(not CORPUS_README.exists(), reason="corpus/README.md absent")
def test_corpus_readme_canonicals_exist() -> None:
    bullet = corpus_award_bullet()
    # '"X" for "Y"': Y is a raw form whose canonical is X; it is checked in the next test
    raw_forms = set(re.findall(r'"[^"]+"\s+for\s+"([^"]+)"', bullet))
    names = [n for n in re.findall(r'"([^"]+)"', bullet) if n not in raw_forms]
    assert len(names) >= 10, names
    by_canonical = {e["canonical"]: e for e in awards()}
    for name in names:
        if name in by_canonical:
            continue
        base = CLASS_SUFFIX.sub("", name)
        assert base != name and base in by_canonical, f"canonical {name!r} missing from awards.yaml"
        assert by_canonical[base]["classes"], f"{base!r} must have classes: true for {name!r}"


@pytest.mark.skipif(not CORPUS_README.exists(), reason="corpus/README.md absent")
def test_corpus_readme_raw_forms_map_to_their_canonical() -> None:
    pairs = re.findall(r'"([^"]+)"\s+for\s+"([^"]+)"', corpus_award_bullet())
    by_id = {e["id"]: e["canonical"] for e in awards()}
    for canonical, raw in pairs:
        found = [by_id[award_id] for _, _, award_id in match_awards(raw)]
        assert found == [canonical], f"{raw!r} yields {found}, expected {canonical!r}"


def test_classes_entries() -> None:
    with_classes = {e["canonical"] for e in awards() if e["classes"]}
    for name in ("Huân chương Độc lập", "Huân chương Quân công", "Huân chương Lao động",
                 "Huân chương Bảo vệ Tổ quốc", "Huân chương Chiến công", "Huy chương Chiến sĩ vẻ vang"):
        assert name in with_classes, name
    for name in ("Huân chương Sao vàng", "Huân chương Hồ Chí Minh", "Bằng khen", "Lao động tiên tiến"):
        assert name not in with_classes, name


SEED_EXPECTATIONS = {
    "000_ff6a27539d3b0b29.txt": {
        "lao_dong_tien_tien", "giay_khen", "cstd_co_so", "hoan_thanh_tot_nhiem_vu", "dang_vien_htxsnv",
        "doan_vien_cong_doan_xuat_sac", "gioi_viec_nuoc_dam_viec_nha", "tap_the_lao_dong_xuat_sac",
        "bang_khen", "hoan_thanh_xuat_sac_nhiem_vu", "mo_hinh_hay",
    },
    "002_f680bfdb2deb1d55.txt": {
        "huan_chuong_lao_dong", "bang_khen", "tap_the_lao_dong_xuat_sac", "cstd_bo_tinh",
        "tap_the_lao_dong_tien_tien", "cstd_co_so", "lao_dong_tien_tien", "ky_niem_chuong",
        "an_toan_ve_an_ninh_trat_tu", "co_quan_van_hoa", "dien_hinh_tien_tien",
    },
    "003_0c92ae88f08ac5b2.txt": {"tap_the_lao_dong_xuat_sac", "co_thi_dua_bo_tinh", "co_thi_dua_chinh_phu"},
    "004_43076c7763059a94.txt": {"bang_khen", "cstd_bo_tinh", "lao_dong_tien_tien", "cstd_co_so",
                                 "an_toan_ve_an_ninh_trat_tu", "sang_kien_cap_tinh", "sang_kien_co_so"},
}


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTATIONS))
def test_seed_awards_are_found(seed: str) -> None:
    path = SEEDS / seed
    if not path.exists():
        pytest.skip(f"{path} absent")
    found = {award_id for _, _, award_id in match_awards(path.read_text(encoding="utf-8"))}
    missing = SEED_EXPECTATIONS[seed] - found
    assert not missing, f"{seed}: not found {sorted(missing)}"


# --------------------------------------------------------------------------- award_cues.yaml


def test_award_cues_structure() -> None:
    cues = load("award_cues.yaml")
    assert set(cues) == {"status_cues", "heading_neutral_cues", "recipient_nouns", "authority_heads", "number_words"}
    assert {fold(w) for w in cues["heading_neutral_cues"]} <= {fold(w) for w in cues["status_cues"]["proposed"]}
    assert set(cues["status_cues"]) == STATUSES
    assert set(cues["recipient_nouns"]) == RECIPIENT_KINDS
    for group in ("status_cues", "recipient_nouns"):
        owner: dict[str, str] = {}
        for kind, words in cues[group].items():
            assert isinstance(words, list) and words, f"{group}.{kind}"
            for word in words:
                assert isinstance(word, str) and word
                key = fold(word)
                assert key not in owner, f"{group}: {word!r} in both {owner.get(key)} and {kind}"
                owner[key] = kind
    heads = cues["authority_heads"]
    assert isinstance(heads, list) and len(heads) >= 20
    assert len({fold(h) for h in heads}) == len(heads), "duplicate authority head"


def test_status_cues_cover_the_brief() -> None:
    cues = load("award_cues.yaml")["status_cues"]
    required = {
        "conferred": ["công nhận", "tặng", "được tặng", "trao tặng", "đạt", "xếp loại", "khen thưởng", "suy tôn", "truy tặng"],
        "registered": ["đăng ký"],
        "proposed": ["đề nghị", "đề xuất", "trình", "kính trình", "bình chọn", "bình xét", "hiệp y"],
        "target": ["phấn đấu", "chỉ tiêu", "phần đầu", "mục tiêu"],
    }
    for status, words in required.items():
        have = {fold(w) for w in cues[status]}
        assert {fold(w) for w in words} <= have, (status, {fold(w) for w in words} - have)


def test_number_words() -> None:
    numbers = load("award_cues.yaml")["number_words"]
    assert isinstance(numbers, dict)
    for word, value in numbers.items():
        assert isinstance(word, str) and word == word.strip().lower(), word
        assert isinstance(value, int) and not isinstance(value, bool), (word, value)
        assert 0 < value < 1000, (word, value)
    for word, value in {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
                        "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười lăm": 15, "hai mươi": 20}.items():
        assert numbers.get(word) == value, word
    assert set(range(1, 21)) <= set(numbers.values())


# --------------------------------------------------------------------------- positions.yaml


def test_positions() -> None:
    data = load("positions.yaml")
    assert set(data) == {"positions", "deputies"}
    positions = data["positions"]
    known = {fold(v) for p in positions for v in p["variants"]}
    # a deputy is a position of its own, and so is the head it stands in for
    assert all(fold(h) in known and fold(d) in known for h, d in data["deputies"].items()), data["deputies"]
    assert isinstance(positions, list) and len(positions) >= 40
    canon = Counter(fold(p["canonical"]) for p in positions)
    assert not [k for k, n in canon.items() if n > 1], canon.most_common(3)
    owner: dict[str, str] = {}
    for position in positions:
        assert {"canonical", "variants"} <= set(position) <= {"canonical", "variants", "examples", "counter_examples"}, position
        assert isinstance(position["variants"], list) and position["variants"]
        assert fold(position["canonical"]) in {fold(v) for v in position["variants"]}, position["canonical"]
        for variant in position["variants"]:
            key = fold(variant)
            assert owner.get(key, position["canonical"]) == position["canonical"], (
                f"{variant!r} in both {owner[key]} and {position['canonical']}"
            )
            owner[key] = position["canonical"]
    names = {p["canonical"] for p in positions}
    for name in ("Chủ tịch nước", "Thủ tướng", "Bộ trưởng", "Giám đốc", "Phó Giám đốc", "Phó Chủ tịch",
                 "Chánh Văn phòng", "Hiệu trưởng", "Bí thư", "Cục trưởng", "Khối trưởng"):
        assert name in names, name
    assert owner.get(fold("PGĐ")) == "Phó Giám đốc"
    assert owner.get(fold("PCT")) == "Phó Chủ tịch"


# --------------------------------------------------------------------------- organizations.yaml


def test_organizations() -> None:
    data = load("organizations.yaml")
    assert set(data) == {"heads", "abbreviations", "name_ends", "citation_issuer_ends", "citation_issuer_continues",
                         "citation_issuer_movements", "citation_issuer_bodies"}
    for key in ("citation_issuer_continues", "citation_issuer_movements", "citation_issuer_bodies"):
        words = data[key]
        assert isinstance(words, list) and words and all(isinstance(w, str) and w.strip() == w for w in words), key
    # a quoted movement goes on the name only after a word that itself goes on it
    assert set(data["citation_issuer_movements"]) <= set(data["citation_issuer_continues"])
    heads = data["heads"]
    assert isinstance(heads, list) and len(heads) >= 40
    assert len({fold(h) for h in heads}) == len(heads), "duplicate head"
    lengths = [len(h) for h in heads]
    assert lengths == sorted(lengths, reverse=True), "heads must be ordered longest first"
    abbreviations = data["abbreviations"]
    assert isinstance(abbreviations, dict)
    for short, long in abbreviations.items():
        assert isinstance(short, str) and isinstance(long, str) and short and long, short
    assert abbreviations["UBND"] == "Ủy ban nhân dân"
    for short in ("HĐND", "KH&CN", "TĐKT", "MTTQ", "LĐLĐ", "ĐTN", "CBCCVC", "GD&ĐT", "NN&PTNT", "TN&MT"):
        assert short in abbreviations, short


# --------------------------------------------------------------------------- stopwords.yaml


def test_stopwords() -> None:
    data = load("stopwords.yaml")
    assert set(data) == {"stopwords"}
    words = data["stopwords"]
    assert isinstance(words, list) and 150 <= len(words) <= 300, len(words)
    assert len({fold(w) for w in words}) == len(words), "duplicate stopword"
    assert all(w == w.lower() for w in words)
    for content in ("thực hiện", "triển khai", "thi đua", "khen thưởng", "bằng khen", "tập thể", "cá nhân"):
        assert content not in words, content
    for function in ("và", "của", "các", "những", "cho", "được", "đã", "với", "trong", "theo", "là", "năm"):
        assert function in words, function


# ----------------------------------------------- lists moved out of Python: examples run through
# the matcher that uses each entry (as dateparser checks its language files)


def _rules():  # the validated data, as the extractors read it
    from vnadmin_extract.rules.load import load_rules

    return load_rules()


def test_every_pattern_file_has_a_model_and_validates() -> None:
    from vnadmin_extract.rules import models

    assert {p.name for p in PATTERNS.glob("*.yaml")} == set(models.FILES)
    assert set(_rules().by_file) == set(models.FILES)


def _honorifics() -> list[Any]:
    return list(_rules().person_names.honorifics)


@pytest.mark.parametrize("entry", _honorifics(), ids=lambda e: e.id)
def test_honorific_examples(entry: Any) -> None:
    from vnadmin_extract.extractors import persons

    def leads(text: str) -> list[str]:
        return [fold(m.group()[: len(entry.word)]) for m in persons._honorific_re().finditer(text)]

    for ex in entry.examples:
        assert fold(entry.word) in leads(ex), ex
    for ex in entry.counter_examples:
        assert fold(entry.word) not in leads(ex), ex


def test_signature_honorifics_name_a_signer() -> None:
    from vnadmin_extract.structure import footer

    for entry in _honorifics():
        m = footer._name_line().match(f"{entry.word[:1].upper()}{entry.word[1:]} Nguyễn Văn An")
        assert (m is not None and m["name"] == "Nguyễn Văn An") == entry.signature, entry.id


def _name_ends() -> list[Any]:
    return list(_rules().organizations.name_ends)


@pytest.mark.parametrize("entry", _name_ends(), ids=lambda e: e.id)
def test_name_end_examples(entry: Any) -> None:
    from vnadmin_extract.extractors import persons

    for ex in entry.examples:
        org, end = persons._org_after(ex, 0, len(ex))
        assert org is not None and ex[end:].lstrip().startswith(entry.word), (ex, org)
    for ex in entry.counter_examples:
        org, _end = persons._org_after(ex, 0, len(ex))
        assert org is not None and re.search(rf"(?<!\w){entry.word}(?!\w)", org), (ex, org)


def test_two_syllable_name_ends_are_not_shadowed() -> None:
    """"dự lễ" would never be reached: the one-syllable "dự" decides first."""
    singles = {e.word for e in _name_ends() if " " not in e.word}
    assert [e.word for e in _name_ends() if " " in e.word and e.word.split()[0] in singles] == []


def _admin_units() -> list[Any]:
    return list(_rules().provinces.admin_units)


@pytest.mark.parametrize("entry", _admin_units(), ids=lambda e: e.id)
def test_admin_unit_examples(entry: Any) -> None:
    from vnadmin_extract.extractors import persons
    from vnadmin_extract.rules import gazetteer

    for ex in entry.examples:
        org, end = persons._org_after(ex, 0, len(ex))
        assert (org, end) == (ex, len(ex)), ex
    for ex in entry.counter_examples:
        org, _end = persons._org_after(ex, 0, len(ex))
        assert org == ex.split(",")[0], (ex, org)
    from vnadmin_extract.structure import header

    assert header._locality().match(f"{entry.word.upper()} THĂNG BÌNH"), entry.word  # an issuer line
    if entry.level == "province":
        for form in [entry.word, *(f"{a}." for a in entry.abbreviations)]:
            assert gazetteer.province(f"{form} Quảng Nam") is not None, form
    else:
        assert gazetteer.province(f"{entry.word} Quảng Nam") is None


def _chrome() -> list[Any]:
    return list(_rules().web_chrome.chrome)


@pytest.mark.parametrize("entry", _chrome(), ids=lambda e: e.id)
def test_web_chrome_examples(entry: Any) -> None:
    import regex

    from vnadmin_extract.structure import boilerplate

    own = regex.compile(rf"^(?:{entry.pattern})", regex.X | regex.I)
    for ex in entry.examples:
        assert own.match(ex), ex
        assert bool(boilerplate.tail().match(ex)) or not entry.tail, ex
        if entry.inline:
            assert boilerplate.chrome().match(ex), ex
    for ex in entry.counter_examples:
        assert not own.match(ex), ex


def _issuer_ends() -> list[Any]:
    return list(_rules().organizations.citation_issuer_ends)


@pytest.mark.parametrize("entry", _issuer_ends(), ids=lambda e: e.id)
def test_citation_issuer_end_examples(entry: Any) -> None:
    from vnadmin_extract.extractors import legal_refs

    for ex in entry.examples:
        issuer, end = legal_refs._issuer_after(ex, ex.index(" của"))
        assert issuer is not None and ex[end:].lstrip().lower().startswith(entry.word), (ex, issuer)
    for ex in entry.counter_examples:
        issuer, _end = legal_refs._issuer_after(ex, ex.index(" của"))
        flags = re.I if entry.any_case else 0  # an any-case word may stand capitalised in a name
        assert issuer is not None and re.search(rf"(?<!\w){re.escape(entry.word)}(?!\w)", issuer, flags), (ex, issuer)


def _positions_with_examples() -> list[Any]:
    return [p for p in _rules().positions.positions if p.examples or p.counter_examples]


@pytest.mark.parametrize("entry", _positions_with_examples(), ids=lambda e: e.canonical)
def test_position_examples(entry: Any) -> None:
    from vnadmin_extract.rules import vocab
    from vnadmin_extract.vietnamese import fold as fold_as_matched

    def found(text: str) -> list[str]:
        return [vocab.position_canonical()[fold_as_matched(" ".join(m.group().split()))]
                for m in vocab.position_regex().finditer(text)]

    for ex in entry.examples:
        assert entry.canonical in found(ex), (ex, found(ex))
    for ex in entry.counter_examples:
        assert entry.canonical not in found(ex), (ex, found(ex))


def test_contact_label_examples_are_contact_lines() -> None:
    """patterns/header_words.yaml ``contact_examples`` through the letterhead's contact-line
    matcher; a body line that starts like a label ("Webinar:", "Điều 1.") is not one."""
    from vnadmin_extract.structure import boilerplate

    words = _rules().by_file["header_words.yaml"]
    assert words.contact_labels and words.contact_examples
    for example in words.contact_examples:
        assert boilerplate._contact().match(example), example
    for line in ("Webinar: chuyển đổi số", "Điều 1. Tặng Bằng khen", "Đề nghị các đơn vị: báo cáo"):
        assert not boilerplate._contact().match(line), line
