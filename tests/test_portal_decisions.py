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


# baodongkhoi.vn (Bến Tre), 31/05/2018: a provincial council's proposals, as a news page prints them
COUNCIL_NEWS = """Thống nhất đề xuất khen thưởng tập thể, cá nhân đạt thành tích năm 2017

31/05/2018 - 19:08

Hội đồng Thi đua - Khen thưởng tỉnh vừa họp lần thứ 2 năm 2018 thông qua xem xét khen thưởng thành tích tổng kết kinh tế - xã hội năm 2017.

Qua xem xét, thảo luận, bỏ phiếu, Hội đồng Thi đua - Khen thưởng tỉnh thống nhất đề nghị: tặng bằng khen của Thủ tướng Chính phủ cho 5 tập thể và 44 cá nhân; Chiến sĩ thi đua toàn quốc cho 1 cá nhân.

Hội đồng thống nhất thông qua đề nghị tặng bằng khen của Chủ tịch UBND tỉnh cho 20 tập thể, cá nhân; Chiến sĩ thi đua cấp tỉnh cho 16 cá nhân.

Trần Cao
"""


def test_a_news_page_starts_at_its_headline_above_the_dateline() -> None:
    rec = extract_text(COUNCIL_NEWS)
    assert rec.header.title == "Thống nhất đề xuất khen thưởng tập thể, cá nhân đạt thành tích năm 2017"
    assert rec.header.date is not None and rec.header.date.value == "2018-05-31"
    # the body is the whole article: the first paragraph's proposals are read
    assert [(a.award, a.status, a.collectives, a.individuals, a.total) for a in rec.awards] == [
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", 5, 44, 49),
        ("Chiến sĩ thi đua toàn quốc", "proposed", None, 1, 1),
        ("Bằng khen", "proposed", None, None, 20),
        ("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "proposed", None, 16, 16)]


def test_counts_before_a_proposal_verb() -> None:
    # baothainguyen.vn, 11/03/2016: "N tập thể, M cá nhân đề nghị tặng thưởng X"
    rec = extract_text("Trong đó có 1 tập thể đề nghị tặng thưởng Huân chương Lao động hạng Nhất là Sở Tài chính tỉnh; "
                       "2 tập thể, 2 cá nhân đề nghị tặng thưởng Huân chương Lao động hạng Nhì; 1 tập thể, 12 cá nhân "
                       "đề nghị tặng Bằng khen của Thủ tướng Chính phủ và 3 tập thể đề nghị tặng Cờ Thi đua Chính phủ.")
    assert [(a.award, a.status, a.collectives, a.individuals) for a in rec.awards] == [
        ("Huân chương Lao động hạng Nhất", "proposed", 1, None),
        ("Huân chương Lao động hạng Nhì", "proposed", 2, 2),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", 1, 12),
        ("Cờ thi đua của Chính phủ", "proposed", 3, None)]
    # "mỗi một khối" is each unit of a quota, not a count (hd-hdtdkt-hungyen-2021)
    rec = extract_text("Mỗi một khối thi đua đề nghị xét tặng: 02 Cờ và 01 Bằng khen.")
    assert [a.collectives for a in rec.awards] == [None]


def test_a_body_name_wrapped_between_parent_and_issuer() -> None:
    # vanbanphapluat.co, Công văn 13/BTC-TĐKT (2009): four header lines, the parent wrapped over three
    rec = extract_text("BAN TỔ CHỨC\nĐẠI HỘI ĐẠI BIỂU\nCÁC DÂN TỘC THIỂU SỐ VIỆT NAM\nTIỂU BAN THI ĐUA – KHEN THƯỞNG\n"
                       "-------------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\n"
                       "Số: 13/BTC-TĐKT\nV/v bổ sung hướng dẫn công tác khen thưởng tại Đại hội cấp tỉnh, cấp huyện\n\n"
                       "Hà Nội, ngày 08 tháng 09 năm 2009\n\nKính gửi: Ban Chỉ đạo Đại hội các tỉnh\n\n"
                       "Tiểu ban hướng dẫn một số nội dung cụ thể sau:\n")
    assert rec.header.issuer is not None
    assert (rec.header.issuer.parent, rec.header.issuer.name) == (
        "BAN TỔ CHỨC ĐẠI HỘI ĐẠI BIỂU CÁC DÂN TỘC THIỂU SỐ VIỆT NAM", "TIỂU BAN THI ĐUA – KHEN THƯỞNG")
    assert "W_ISSUER_REJECTED" not in {w.code for w in rec.warnings}


def test_a_letterhead_with_address_and_contact_lines() -> None:
    # hoiyhoctphcm.org.vn, Hướng dẫn 63/2008 of the Hội Y học TP. Hồ Chí Minh: the association's
    # address, telephone, e-mail and website stand between its name and the number
    rec = extract_text("TỔNG HỘI Y HỌC VIỆT NAM\n\nHỘI Y HỌC TP. HỒ CHÍ MINH\n\nSố: 59B Nguyễn Thị Minh Khai.Q.I.TP.HCM\n\n"
                       "ĐT: 9309634 – ĐT/Fax: 9301288\n\nE.mail: hhyd@.vnn.vn\n\nwww.hoiyhoctphcm.org.vn\n\n"
                       "SỐ :   63/ 2008 / HYH- HD/TĐKT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập – Tự do – Hạnh phúc\n\n"
                       "TP. Hồ Chí Minh, ngày 09   tháng 12   năm 2008\n\nHƯỚNG DẪN.\n\n(Lập hồ sơ đề nghị Khen thưởng nhân "
                       "dịp sơ kết năm hoạt động Văn phòng)\n\nCăn cứ Luật Thi đua Khen thưởng ban hành ngày 26/11/2003.\n")
    assert rec.header.issuer is not None
    assert (rec.header.issuer.parent, rec.header.issuer.name) == ("TỔNG HỘI Y HỌC VIỆT NAM", "HỘI Y HỌC TP. HỒ CHÍ MINH")
    assert rec.header.number is not None and (rec.header.number.number, rec.header.number.year) == ("63", 2008)
    assert rec.header.title == "Lập hồ sơ đề nghị Khen thưởng nhân dịp sơ kết năm hoạt động Văn phòng"


# news reports of conferrals and proposals (baoapbac.vn 2013, 2016; plo.vn; hanoimoi.vn 2021)
def _statements(sentence: str) -> list[tuple]:
    return [(a.award, a.status, a.conferred_by, a.total, [r.name for r in a.recipients])
            for a in extract_text(sentence).awards]


def test_the_giver_is_the_post_not_its_holder_nor_a_symbol() -> None:
    assert _statements("Thủ tướng Chính phủ vừa ban hành Quyết định 1290/QĐ-TTg tặng Cờ thi đua của Thủ tướng Chính "
                       "phủ cho 4 tập thể thuộc tỉnh Tiền Giang.") == [
        ("Cờ thi đua của Chính phủ", "conferred", "Thủ tướng Chính phủ", 4, [])]
    assert _statements("Phó Thủ tướng Chính phủ Nguyễn Xuân Phúc vừa ký Quyết định phong tặng danh hiệu Chiến sĩ thi "
                       "đua toàn quốc cho 2 cá nhân.") == [
        ("Chiến sĩ thi đua toàn quốc", "conferred", "Thủ tướng Chính phủ", 2, [])]
    # a school named after a person keeps its name
    assert _statements("Hiệu trưởng Trường THPT Bùi Thị Xuân tặng Giấy khen cho 12 học sinh.") == [
        ("Giấy khen", "conferred", "Hiệu trưởng Trường THPT Bùi Thị Xuân", 12, [])]
    # the giver ends before the next award's "và"
    assert [(a.award, a.conferred_by) for a in extract_text(
        "Cũng trong dịp này, 25 cá nhân khác được tặng kỷ niệm chương của Chính phủ và kỷ niệm chương của Bộ Nội vụ."
    ).awards][:1] == [("Kỷ niệm chương", "Chính phủ")]


def test_one_named_recipient_after_cho_or_doi_voi() -> None:
    assert _statements("Thủ tướng Chính phủ đã ban hành Quyết định 1301/QĐ-TTg tặng Bằng khen của Thủ tướng Chính phủ "
                       "cho Thanh tra tỉnh Tiền Giang, vì đã có thành tích.") == [
        ("Bằng khen của Thủ tướng Chính phủ", "conferred", "Thủ tướng Chính phủ", 1, ["Thanh tra tỉnh Tiền Giang"])]
    assert _statements("Cụ thể, thành phố Hà Nội dự kiến đề nghị khen thưởng Huân chương Độc lập hạng Nhất đối với nhân "
                       "dân và cán bộ quận Hoàn Kiếm; Huân chương Lao động hạng Nhất đối với nhân dân và cán bộ huyện "
                       "Đông Anh.") == [
        ("Huân chương Độc lập hạng Nhất", "proposed", None, 1, ["nhân dân và cán bộ quận Hoàn Kiếm"]),
        ("Huân chương Lao động hạng Nhất", "proposed", None, 1, ["nhân dân và cán bộ huyện Đông Anh"])]


def test_a_merit_met_is_no_target_and_the_giver_ends_at_the_place() -> None:
    # dienbientv.vn, 22/05/2024: "hoàn thành xuất sắc các chỉ tiêu" says why, not what is aimed at
    assert [(a.award, a.status, a.conferred_by, a.collectives) for a in extract_text(
        "Nhân dịp này, 4 tập thể có thành tích trong phong trào thi đua, hoàn thành xuất sắc các chỉ tiêu giao ước Cụm "
        "thi đua vùng cao năm 2023 được UBND tỉnh tặng Bằng khen.").awards] == [("Bằng khen", "conferred", "UBND tỉnh", 4)]
    assert [a.status for a in extract_text("Chỉ tiêu: phấn đấu 100% tập thể đạt danh hiệu Tập thể lao động tiên tiến.").awards] \
        == ["target"]
    # la34.com.vn, 24/06/2024: where it was given is no part of the giver
    assert [(a.conferred_by, a.collectives) for a in extract_text(
        "2 tập thể được tặng cờ thi đua của UBND tỉnh tại hội nghị").awards] == [("UBND tỉnh", 2)]


def test_items_under_a_proposing_lead_in_are_proposals() -> None:
    # tayninh.gov.vn: the council publishes what it will propose; an item's award names its giver
    rec = extract_text("Hội đồng Thi đua - Khen thưởng tỉnh thông báo trên Cổng Thông tin điện tử tỉnh lấy ý kiến dư "
                       "luận xã hội, làm cơ sở đề nghị Thủ tướng Chính phủ khen thưởng cụ thể:\n"
                       "1. Cờ Thi đua của Chính phủ cho 10 tập thể gồm:\n- Sở Công Thương tỉnh Tây Ninh.\n"
                       "- Hội Liên hiệp Phụ nữ tỉnh Tây Ninh\n- Nhân dân và cán bộ huyện Dương Minh Châu tỉnh Tây Ninh.\n"
                       "2. Bằng khen của Thủ tướng Chính phủ cho Phòng Tổ chức phong trào và chính sách phát triển hợp "
                       "tác xã thuộc Liên minh Hợp tác xã tỉnh Tây Ninh.\n")
    assert [(a.award, a.status, a.evidence["status"], a.total) for a in rec.awards] == [
        ("Cờ thi đua của Chính phủ", "proposed", "list_lead_in", 10),
        ("Bằng khen của Thủ tướng Chính phủ", "proposed", "list_lead_in", 1)]
    # an item with a verb of its own reports what was done
    rec = extract_text("Kết quả cụ thể:\n- 01 tập thể và 01 cá nhân được Chủ tịch nước tặng Huân chương Lao động hạng Ba.\n")
    assert [(a.status, a.evidence["status"]) for a in rec.awards] == [("conferred", "conferred_default")]


def test_a_flag_the_government_gives_is_the_governments() -> None:
    # backan.gov.vn, 28/09/2022
    assert [(a.award, a.status, a.conferred_by, a.collectives) for a in extract_text(
        "Kết quả, Hội đồng Thi đua - Khen thưởng tỉnh đã thống nhất đề nghị Chính phủ tặng Cờ thi đua cho 4 tập thể xuất "
        "sắc tiêu biểu dẫn đầu phong trào thi đua năm học 2021 - 2022.").awards] == [
        ("Cờ thi đua của Chính phủ", "proposed", "Chính phủ", 4)]


# luatminhkhue.vn copy of Công văn 1855/BTĐKT-Vụ II (26/9/2007), as the page sets it
CV_1855 = """BAN THI ĐUA-KHEN THƯỞNG TRUNG ƯƠNG
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
---------

Số: 1855/BTĐKT-Vụ II
V/v Thông báo ý kiến của Thủ tướng Chính phủ đối với việc cấp "Bằng Tổ quốc ghi công"

Hà Nội, ngày 26 tháng 09 năm 2007

Kính gửi:

- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, các cơ quan Trung ương của các Đoàn thể;
- UBND các tỉnh, thành phố trực thuộc TW;
- Các Tập đoàn kinh tế và Tổng Công ty Nhà nước (TCTy 91).

Ban Thi đua- Khen thưởng Trung ương đề nghị các Bộ, cơ quan ngang bộ thực hiện ý kiến chỉ đạo trên của Thủ tướng Chính phủ.

KT.TRƯỞNG BAN
PHÓ TRƯỞNG BAN THƯỜNG TRỰC
Đỗ Xuân Thăng
"""


def test_a_department_numbered_in_roman_and_addressees_set_apart_by_blank_lines() -> None:
    rec = extract_text(CV_1855)
    assert (rec.header.number.number, rec.header.number.symbol) == ("1855", "BTĐKT-Vụ II")
    assert rec.header.addressees == [
        "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, các cơ quan Trung ương của các Đoàn thể",
        "UBND các tỉnh, thành phố trực thuộc TW", "Các Tập đoàn kinh tế và Tổng Công ty Nhà nước (TCTy 91)"]
    assert rec.sections == []  # the addressees are not the body's list
    assert [(s.name, s.position) for s in rec.signers] == [("Đỗ Xuân Thăng", "Phó Trưởng ban Thường trực")]
