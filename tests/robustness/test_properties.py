"""Properties of extraction that hold for any text (hypothesis).

Two kinds of input: arbitrary Unicode, and administrative text made of real fragments
(header lines, "Số: 12/QĐ-UBND", dates, award names, anniversaries, numbering "I.", "1.",
"a)", legal references, signature blocks) shuffled with noise. For every example:

- extraction never raises and never ends in E_INTERNAL (a bug); the record is valid JSON;
- every offset of every item is inside ``text``, and an item that carries its own words
  has them at its offsets: ``text[start:end]`` is the entity's ``text``, the legal
  reference's and the anniversary's ``raw``, the award's ``award_raw``; a person's and a
  signer's name and a section's heading lie inside their span;
- normalization is idempotent;
- NFC and NFD spellings of the same text give the same record;
- sections nest: a child inside its parent, siblings apart, ids unique, levels counted.

Examples per property: 200 for the text properties (``max_examples``), derandomized when
``CI`` is set (``conftest.py``), so a CI failure reproduces.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vnadmin_extract import errors
from vnadmin_extract.ingest import IngestError, RawText, legacy
from vnadmin_extract.ingest.text import READER as TEXT_READER
from vnadmin_extract.normalize import normalize
from vnadmin_extract.pipeline import process_text
from vnadmin_extract.rules.spans import Spans

EXAMPLES = int(__import__("os").environ.get("VNADMIN_HYPOTHESIS_EXAMPLES", "200"))

FRAGMENTS = [
    "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-UBND", "Số: /BC-SKHCN", "Số: 1234/2024/QĐ-TTg",
    "Quảng Ngãi, ngày 15 tháng 3 năm 2024", "ngày 30 tháng 02 năm 2024", "ngày   tháng 01 năm 2024",
    "15/3/2024", "31/12/2023", "03/02/1930-03/02/2024", "QUYẾT ĐỊNH", "BÁO CÁO",
    "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Tổng kết công tác thi đua, khen thưởng năm 2023",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;",
    "Huân chương Lao động hạng Nhì", "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ",
    "danh hiệu “Lao động tiên tiến” cho 06 tập thể và 59 cá nhân", "“Chiến sỹ thi đua cơ sở”",
    "Tặng Bằng khen cho 02 tập thể và 03 cá nhân", "đề nghị tặng Huân chương Lao động hạng Ba",
    "kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930-03/02/2024)",
    "kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944-22/12/2024)",
    "phong trào “Thi đua yêu nước”", "đồng chí Nguyễn Tuấn Khải, Cục trưởng Cục An toàn bức xạ và hạt nhân",
    "I.", "II.", "1.", "2.", "2.1.", "3)", "a)", "b)", "-", "+", "•", "*", "Điều 1.", "Chương II", "Phần thứ nhất",
    "I. KẾT QUẢ CÔNG TÁC THI ĐUA", "1. Công tác khen thưởng", "a) Khen thưởng thường xuyên",
    "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
    "CHỦ TỊCH", "Nguyễn Văn An", "Triệu Ngọc Trung", "(đã ký)", "|", "**", "# ", "---", "…", "“", "”", "(", ")",
]
JOINERS = [" ", "\n", "\n\n", ", ", "; ", ". ", "", "\t", "\r\n", "\u00a0", "\f"]

fragment = st.sampled_from(FRAGMENTS)
noise = st.text(max_size=8)
piece = st.one_of(fragment, fragment, fragment, noise,
                  fragment.map(str.upper), fragment.map(str.lower), st.integers(0, 3000).map(str))


@st.composite
def admin_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(piece, min_size=1, max_size=40))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(st.sampled_from(JOINERS)))
    return "".join(out)


any_text = st.one_of(st.text(max_size=400), admin_text())


def _items(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every dict in the record with ``start``/``end``, with where it is."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) or isinstance(node.get("end"), int):
            found.append((path, node))
        for k, v in node.items():
            found += _items(v, f"{path}.{k}")
    elif isinstance(node, list):
        for v in node:
            found += _items(v, f"{path}[]")
    return found


# (list, field) whose value is exactly text[start:end]; (list, field) whose value lies inside it.
EXACT = {(".entities[]", "text"), (".legal_refs[]", "raw"), (".commemorations[]", "raw"), (".awards[]", "award_raw")}
INSIDE = {(".persons[]", "name"), (".signers[]", "name"), (".sections[]", "heading")}


def check_record(text_in: str) -> dict[str, Any]:
    rec = process_text(text_in)
    assert rec.error is None or rec.error.code == errors.E_EMPTY, rec.error
    data = json.loads(rec.model_dump_json())
    text = data["text"] or ""
    for where, item in _items(data):
        start, end = item.get("start"), item.get("end")
        if start is None and end is None:
            continue
        assert isinstance(start, int) and isinstance(end, int), (where, item)
        assert 0 <= start <= end <= len(text), (where, item, len(text))
        for field in ("text", "raw", "award_raw", "name", "heading"):
            value = item.get(field)
            if not isinstance(value, str) or not value.strip():
                continue
            if (where, field) in EXACT:
                assert text[start:end] == value, (where, field, value, text[start:end])
            elif (where, field) in INSIDE:
                assert value.strip() in text[start:end], (where, field, value, text[start:end])
    return data


@settings(max_examples=EXAMPLES)
@given(any_text)
@example("1." * 500)
@example("Số: " * 200)
@example("I.\n1.\na)\n-\n" * 50)
def test_extraction_never_raises_and_offsets_point_at_the_evidence(text: str) -> None:
    check_record(text)


@settings(max_examples=EXAMPLES)
@given(any_text)
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


_VOLATILE = ("doc_id", "source")


def _stable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _VOLATILE}


@settings(max_examples=EXAMPLES)
@given(any_text)
@example("Quảng Ngãi, ngày 15 tháng 3 năm 2024\nHuân chương Lao động hạng Nhì cho 02 tập thể")
def test_nfc_and_nfd_give_the_same_record(text: str) -> None:
    nfc = _stable(json.loads(process_text(unicodedata.normalize("NFC", text)).model_dump_json()))
    nfd = _stable(json.loads(process_text(unicodedata.normalize("NFD", text)).model_dump_json()))
    assert nfc == nfd


@settings(max_examples=EXAMPLES)
@given(admin_text())
def test_sections_nest(text: str) -> None:
    data = check_record(text)
    secs = data["sections"]
    by_id = {s["id"]: s for s in secs}
    assert len(by_id) == len(secs), "section ids are unique"
    children: dict[str | None, list[dict[str, Any]]] = {}
    for s in secs:
        children.setdefault(s["parent"], []).append(s)
        if s["parent"] is None:
            assert s["level"] == 1
            continue
        parent = by_id[s["parent"]]
        assert s["level"] == parent["level"] + 1, (s, parent)
        assert parent["start"] <= s["start"] and s["end"] <= parent["end"], (s, parent)
    for group in children.values():
        group = sorted(group, key=lambda s: s["start"])
        for a, b in itertools.pairwise(group):
            assert a["end"] <= b["start"], (a, b)


# --- the readers and helpers under the pipeline --------------------------------------------


@settings(max_examples=EXAMPLES)
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")
@example("Báo cáo".encode("utf-16-le"))
@example(b"PK\x03\x04")
def test_text_reader_gives_text_or_a_coded_error(data: bytes) -> None:
    from pathlib import Path

    try:
        raw = TEXT_READER.read(Path("x.txt"), data)
    except IngestError as exc:
        assert exc.code.startswith("E_") and exc.message
        return
    assert isinstance(raw, RawText) and isinstance(raw.text, str)


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=300) | st.text(max_size=300))
def test_legacy_repair_never_raises(text: str) -> None:
    fixed, found, _mojibake = legacy.repair_text(text, "cp1258")
    assert isinstance(fixed, str) and all(f in legacy.CHARMAPS for f in found)


@settings(max_examples=EXAMPLES)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=30),
       st.lists(st.tuples(st.integers(0, 260), st.integers(0, 30)), max_size=30))
def test_spans_answer_like_a_list(ranges: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    ranges = [(s, s + n) for s, n in ranges]
    taken = Spans()
    plain: list[tuple[int, int]] = []
    for (s, e), (q, n) in zip(ranges, queries + [(0, 0)] * len(ranges), strict=False):
        taken.add(s, e)
        plain.append((s, e))
        real = [(a, b) for a, b in plain if a < b]
        assert taken.covers(q) == any(a <= q < b for a, b in real)
        assert taken.overlaps(q, q + n) == (n > 0 and any(q < b and a < q + n for a, b in real))
