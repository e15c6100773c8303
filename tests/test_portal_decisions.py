"""Decisions as legal portals and news sites print them, from agencies outside the corpus
(vbpl.vn and 123doc copies of Thủ tướng decisions of 2008 conferring Cờ thi đua and Bằng khen).
Each test is one failure class seen on such a page: recipients listed without a count, a post
and its body on two header lines, the signing line and the position in one table cell, the
rule under the subject, the proposer named before a bracketed Tờ trình."""

from vnadmin_extract import extract_text

# vbpl.vn, Quyết định của Thủ tướng Chính phủ về việc tặng thưởng Cờ thi đua của Chính phủ (2008)
CO_THI_DUA = """Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho:

1. Nhân dân và Cán bộ xã Yên Cư, huyện Chợ Mới, tỉnh Bắc Kạn;

2. Nhân dân và Cán bộ phường Nguyễn Thị Minh Khai, thị xã Bắc Kạn, tỉnh Bắc Kạn;

3. Công ty Cổ phần Tư vấn Xây dựng Bắc Kạn, tỉnh Bắc Kạn,

Đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm 2007 của tỉnh Bắc Kạn.

Điều 2. Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn, Trưởng ban Ban Thi đua-Khen thưởng Trung ương và tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
"""

# 123doc copy of Quyết định số 345/QĐ-TTg (3/4/2008), as the page prints it
QD_345 = """THỦ TƯỚNG
CHÍNH PHỦ
Số: 345/QĐ-TTg
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 3 tháng 4 năm 2008
QUYẾT ĐỊNH
Về việc tặng thưởng Cờ thi đua của Chính phủ
_
Căn cứ Nghị định số 121/2005/NĐ-CP ngày 30 tháng 9 năm 2005 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, Khen thưởng;
Xét đề nghị của Chủ tịch UBND tỉnh Quảng Ninh (Tờ trình số 1134/TTr-BTC ngày 25/3/2008) và Trưởng ban Ban Thi đua-Khen thưởng Trung ương (Tờ trình số 358/TTr-BTĐKT ngày 31 tháng 3 năm 2008),
QUYẾT ĐỊNH:
Điều 1 Tặng thưởng bằng khen của Thủ tướng Chính phủ cho:
Nhân dân và cán bộ thị xã Uông Bí, tỉnh Quảng Ninh, đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm
2007 của tỉnh Quảng Ninh
Điều 2 Chủ tịch UBND tỉnh Quảng Ninh, Trưởng ban Ban Thi đua-Khen
thưởng Trung ương, các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./
Nơi nhận:
- Chủ tịch UBND tỉnh Quảng Ninh;
- Ban Thi đua-Khen thưởng TW;
- Website Chính phủ;
KT THỦ TƯỚNG PHÓ THỦ TƯỚNG
(Đã ký)
Nguyễn Sinh Hùng
"""


def test_recipients_listed_after_cho_colon_without_a_count() -> None:
    rec = extract_text(CO_THI_DUA)
    assert [(a.award, a.status, a.collectives, a.individuals, a.total) for a in rec.awards] == [
        ("Cờ thi đua của Chính phủ", "conferred", None, None, 3)]
    assert [(r.name, r.kind) for r in rec.awards[0].recipients] == [
        ("Nhân dân và Cán bộ xã Yên Cư, huyện Chợ Mới, tỉnh Bắc Kạn", "collective"),
        ("Nhân dân và Cán bộ phường Nguyễn Thị Minh Khai, thị xã Bắc Kạn, tỉnh Bắc Kạn", "collective"),
        ("Công ty Cổ phần Tư vấn Xây dựng Bắc Kạn, tỉnh Bắc Kạn", "collective")]
    assert rec.awards[0].evidence["counts"] == "attached_list"


def test_a_recipient_paragraph_with_its_merit() -> None:
    rec = extract_text(QD_345)
    assert [(a.award, a.status, a.conferred_by, a.total) for a in rec.awards] == [
        ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", 1)]
    assert [(r.name, r.kind) for r in rec.awards[0].recipients] == [
        ("Nhân dân và cán bộ thị xã Uông Bí, tỉnh Quảng Ninh", "collective")]


def test_a_colon_without_a_list_gives_no_statement() -> None:
    # the recipients stage finds no row: the provisional statement is dropped
    rec = extract_text("Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho:\n\nĐiều 2. Quyết định này có hiệu lực.\n")
    assert rec.awards == []


def test_header_post_over_its_body_subject_rule_and_one_cell_signature() -> None:
    rec = extract_text(QD_345)
    assert rec.header.issuer is not None and rec.header.issuer.name == "THỦ TƯỚNG CHÍNH PHỦ"
    assert rec.header.title == "Về việc tặng thưởng Cờ thi đua của Chính phủ"
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Nguyễn Sinh Hùng", "Phó Thủ tướng", "KT", "Thủ tướng")]
    assert "W_SIGNER_POSITION_INFERRED" not in {w.code for w in rec.warnings}


def test_a_body_named_like_a_post_keeps_its_name_over_its_position() -> None:
    # Mặt trận Tổ quốc signs "TM. ĐOÀN CHỦ TỊCH" over "CHỦ TỊCH": the presidium, not a post
    rec = extract_text("Điều 3. Thi hành./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ĐOÀN CHỦ TỊCH\nCHỦ TỊCH\n"
                       "Nguyễn Văn An\n")
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Nguyễn Văn An", "Chủ tịch", "TM", "Đoàn chủ tịch")]


def test_the_proposer_before_a_bracketed_submission() -> None:
    rec = extract_text(QD_345)
    assert [(r.doc_type, r.number, r.issuer, r.issuer_source) for r in rec.legal_refs if r.doc_type == "Tờ trình"] == [
        ("Tờ trình", "1134", "Chủ tịch UBND tỉnh Quảng Ninh", "before"),
        ("Tờ trình", "358", "Trưởng ban Ban Thi đua-Khen thưởng Trung ương", "before")]
    # bc-chinh-phu-2004: the bracket says what the programme is, not who proposed it
    rec = extract_text("ban hành Chương trình hành động của Chính phủ (Quyết định số 51/2004/QĐ-TTg), xác định tiến độ")
    assert [(r.number, r.issuer) for r in rec.legal_refs] == [("51", None)]
