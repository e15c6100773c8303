"""TCVN3 headings typed in a capitals font (.VnTimeH) and read without fonts: ``ingest.legacy_caps``.

The lines are the real ones of the corpus-public .doc files (issue 13), written back to TCVN3
codes as antiword gives them ("bé tµi chÝnh"), then read through ``legacy.repair_text``.
"""

from __future__ import annotations

import pytest
from tests.conftest import cached_record

from vnadmin_extract import extract_text
from vnadmin_extract.ingest import legacy, legacy_caps
from vnadmin_extract.rules.load import load_yaml


def _tcvn3(text: str) -> str:
    """Unicode -> TCVN3 codes, every letter with its lower-case code where TCVN3 has no capital."""
    return legacy.encode(text, "tcvn3", strict=False)


def _read(lines: list[str]) -> list[str]:
    text, found, _ = legacy.repair_text("\n".join(_tcvn3(x) for x in lines))
    assert found == ["tcvn3"]
    return text.split("\n")


def test_header_block_of_a_ministry_decision():
    # qd-btc-144-2002-thue-nhap-khau-tcvn3.doc, as antiword reads it
    got = _read([
        "bộ tài chính",
        "-0-",
        "SỐ:  144 /2002/QĐ/BTC",
        "cộng hoà xã hội chủ  nghĩa Việt nam",
        "Độc lập-Tự do-Hạnh phúc",
        "quyết định của bộ trưởng bộ tài chính",
        "về việc sửa đổi mức thuế suất của một số mặt hàng trong",
        "bộ trưởng bộ tài chính",
        "Căn cứ Nghị định số 86/2002/NĐ-CP ngày 05/11/2002 của Chính phủ quy định chức năng;",
        "bộ trưởng bộ tài chính",
    ])
    assert got == [
        "BỘ TÀI CHÍNH",
        "-0-",
        "SỐ:  144 /2002/QĐ/BTC",
        "CỘNG HOÀ XÃ HỘI CHỦ  NGHĨA VIỆT NAM",
        "Độc lập-Tự do-Hạnh phúc",
        "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH",
        "về việc sửa đổi mức thuế suất của một số mặt hàng trong",
        "BỘ TRƯỞNG BỘ TÀI CHÍNH",
        "Căn cứ Nghị định số 86/2002/NĐ-CP ngày 05/11/2002 của Chính phủ quy định chức năng;",
        "bộ trưởng bộ tài chính",  # in the body: not a heading of the header zone
    ]


def test_two_columns_laid_out_with_tabs_and_tables():
    # qd-ub-cantho-256-2004 (tabs between the columns) and quy-dinh-ubnd-angiang-522-2002 (a table)
    got = _read([
        "   ủy Ban Nhân Dân \t         Cộng hòa xã hội chủ nghĩa việt nam",
        "thành phố cần thơ \t                   Độc lập - Tự do - Hạnh phúc",
        "|ủy ban nhân dân   |Cộng hòa xã hội chủ nghĩa việt nam   |",
        "|Tỉnh an giang     |Độc lập - Tự do - Hạnh phúc          |",
    ])
    assert got == [
        "   ỦY BAN NHÂN DÂN \t         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "THÀNH PHỐ CẦN THƠ \t                   Độc lập - Tự do - Hạnh phúc",
        "|ỦY BAN NHÂN DÂN   |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |",
        "|TỈNH AN GIANG     |Độc lập - Tự do - Hạnh phúc          |",
    ]


def test_signature_blocks_and_the_copy_mark():
    got = _read([
        "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký./.",
        "                                                 tm . ubnd thành phố Cần Thơ",
        "                                                                          chủ tịch",
        "                                                                                        (đã ký)",
        "Nơi nhận:                                                            KT/ bộ trưởng bộ tài chính",
        "Thứ trưởng",
    ])
    assert got == [
        "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký./.",
        "                                                 TM. UBND THÀNH PHỐ CẦN THƠ",
        "                                                                          CHỦ TỊCH",
        "                                                                                        (đã ký)",
        "Nơi nhận:                                                            KT/ BỘ TRƯỞNG BỘ TÀI CHÍNH",
        "Thứ trưởng",  # typed so: a capital T is no capitals font
    ]


def test_leftover_tcvn3_of_the_copy_mark_is_decoded():
    # "(®· ký)": "ký" reads the same in TCVN3 and Latin-1, so it is no vote for Unicode
    text, found, _ = legacy.repair_text("tm . ubnd thµnh phè CÇn Th¬\nchñ tÞch\n(®· ký)\nVâ Thanh Tßng")
    assert found == ["tcvn3"]
    assert text == "TM. UBND THÀNH PHỐ CẦN THƠ\nCHỦ TỊCH\n(đã ký)\nVõ Thanh Tòng"


def test_a_type_line_running_on_into_its_subject_is_split():
    got = _read(["bộ tài chính", "quyết định của bộ trưởng bộ tài chính về việc sửa đổi mức thuế suất"])
    assert got == ["BỘ TÀI CHÍNH", "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH", "về việc sửa đổi mức thuế suất"]


def test_a_lower_case_cell_of_a_table_is_left_alone():
    # du-an-cntt-lamdong-2004: a heading cell's second line "dự án" is no type line
    got = _read(["Căn cứ quyết định số 12;", "|Số │ Tên gọi hạng mục │ dự án │ hạng mục dự án │ năm 1998|"])
    assert got[1] == "|Số │ Tên gọi hạng mục │ dự án │ hạng mục dự án │ năm 1998|"


@pytest.mark.parametrize(("line", "restored"), load_yaml("legacy_caps.yaml")["examples"])
def test_pattern_file_examples(line, restored):
    assert legacy_caps.restore_lines([line], [True]) == [restored]


@pytest.mark.parametrize("line", load_yaml("legacy_caps.yaml")["counter_examples"])
def test_pattern_file_counter_examples(line):
    lines = ["Căn cứ Luật Tổ chức Chính phủ;", line]  # after the header zone
    assert legacy_caps.restore_lines(lines, [True, True]) == lines
    assert legacy_caps.restore_lines([line], [True]) == [line]


def test_restored_only_on_tcvn3_lines():
    assert legacy_caps.restore_lines(["bộ tài chính"], [False]) == ["bộ tài chính"]


# --- the header and signature stages on what the restored lines give ----------------------

def test_signer_title_in_sentence_case_under_a_slash_code():
    record = extract_text("QUYẾT ĐỊNH\n\nĐiều 1. Tặng Giấy khen.\n\nKT/ BỘ TRƯỞNG BỘ TÀI CHÍNH\nThứ trưởng\n"
                          "(Đã ký)\nTrương Chí Trung\n")
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in record.signers] == [
        ("Trương Chí Trung", "Thứ trưởng", "KT", "Bộ trưởng Bộ Tài chính")]


def test_law_number_line_names_its_type():
    record = extract_text("QUỐC HỘI\n--------\nLuật số: 06/2022/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                          "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 15 tháng 6 năm 2022\n\nLUẬT\n\n"
                          "THI ĐUA, KHEN THƯỞNG\n\nCăn cứ Hiến pháp;\n")
    h = record.header
    assert (h.issuer.name, h.number.number, h.number.symbol, h.doc_type.name) == ("QUỐC HỘI", "06", "QH15", "Luật")


def test_a_cited_law_number_is_not_the_header_number():
    record = extract_text("VĂN BẢN HỢP NHẤT\nLuật số 32/2009/QH12 ngày 18 tháng 6 năm 2009\n\nCăn cứ Hiến pháp;\n")
    assert record.header.number is None


# --- the real files ------------------------------------------------------------------------

REAL = {
    "qd-btc-144-2002-thue-nhap-khau-tcvn3.doc": (
        "BỘ TÀI CHÍNH", "Quyết định", [("Trương Chí Trung", "Thứ trưởng", "KT", "Bộ trưởng Bộ Tài chính")]),
    "qd-ub-cantho-256-2004-cai-cach-hanh-chinh-tcvn3.doc": (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Quyết định",
        [("Võ Thanh Tòng", "Chủ tịch", "TM", "UBND thành phố Cần Thơ")]),
    "quy-dinh-ubnd-angiang-522-2002-uu-dai-dau-tu-tcvn3.doc": (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Quy định", [("Nguyễn Hoàng Việt", "Phó Chủ tịch", "KT", "Chủ tịch")]),
    "qd-btc-12-2001-che-do-ke-toan-tcvn3.doc": (
        "BỘ TÀI CHÍNH", "Quyết định", [("Trần Văn Tá", "Thứ trưởng", "KT", "Bộ trưởng Bộ Tài chính")]),
    "luat-thi-dua-khen-thuong-2022.doc": ("QUỐC HỘI", "Luật", [("Vương Đình Huệ", "Chủ tịch Quốc hội", None, None)]),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_doc_headers_and_signers(public_dir, name):
    path = public_dir / name
    if not path.exists():
        pytest.skip(f"{name} is not in corpus-public")
    record = cached_record(path)
    issuer, doc_type, signers = REAL[name]
    assert record.header.issuer is not None and record.header.issuer.name == issuer
    assert not record.header.issuer.inferred
    assert record.header.doc_type is not None and record.header.doc_type.name == doc_type
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in record.signers] == signers
