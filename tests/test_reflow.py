"""Header and signature lines rejoined where a table cell broke a phrase (structure/reflow.py)."""

from __future__ import annotations

import pytest
import yaml

from vnadmin_extract import extract_text
from vnadmin_extract.document import Document
from vnadmin_extract.resources import patterns_dir
from vnadmin_extract.structure.reflow import broken_between, reflow

DATA = yaml.safe_load((patterns_dir() / "header_words.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("first", "second"), DATA["rejoin_examples"])
def test_broken_pairs_are_rejoined(first: str, second: str) -> None:
    assert broken_between(first, second)


@pytest.mark.parametrize(("first", "second"), DATA["rejoin_counter_examples"])
def test_whole_lines_stay_apart(first: str, second: str) -> None:
    assert not broken_between(first, second)


def test_joined_lines_keep_their_offsets() -> None:
    doc = Document(text="ỦY BAN NHÂN\nDÂN\nTỈNH BẮC NINH\nSố:\n86/2025/QĐ-UBND\nBắc Ninh, ngày\n03 tháng 12 năm 2025")
    out = reflow(doc.lines)
    assert [ln.text for ln in out] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 86/2025/QĐ-UBND",
                                       "Bắc Ninh, ngày 03 tháng 12 năm 2025"]
    for ln in out:
        assert doc.text[ln.start:ln.end].replace("\n", " ") == ln.text


# The header and signature of a thuvienphapluat page (qd-ubnd-bacninh-86-2025), cells wrapped.
PORTAL_PAGE = """|
**ỦY BAN NHÂN
DÂN **
TỈNH BẮC NINH
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
86/2025/QĐ-UBND
|
*Bắc Ninh, ngày
03 tháng 12 năm 2025*
|

**QUYẾT ĐỊNH**

BAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG TỈNH BẮC NINH

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;

Điều 1. Ban hành kèm theo Quyết định này Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh.

| **TM. ỦY BAN NHÂN
DÂN**
**CHỦ TỊCH**
Phạm Hoàng Sơn
"""


def test_a_portal_page_with_wrapped_cells_keeps_its_header_and_signer() -> None:
    rec = extract_text(PORTAL_PAGE)
    h = rec.header
    assert h.genre == "document"
    assert (h.issuer.name, h.issuer.parent) == ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", None)
    assert (h.number.number, h.number.symbol) == ("86", "QĐ-UBND")
    assert (h.place, h.date.value, h.doc_type.name) == ("Bắc Ninh", "2025-12-03", "Quyết định")
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Phạm Hoàng Sơn", "Chủ tịch", "TM", "Ủy ban nhân dân")]
