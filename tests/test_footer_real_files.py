"""Signature blocks in the shapes real files give them (issue 13, class 4)."""

from __future__ import annotations

from vnadmin_extract import extract_text

HEAD = ("BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 3621/QĐ-BYT\nHà Nội, ngày 24 tháng 11 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy trình giải quyết thủ tục hành chính\n\n")


def _signers(text: str) -> list[tuple[str | None, ...]]:
    return [(s.name, s.position, s.authority, s.on_behalf_of) for s in extract_text(text).signers]


def test_an_attached_form_with_its_own_noi_nhan_does_not_hide_the_signer() -> None:
    # qd-byt-3621-2025 (corpus-public): the decision is signed after its Nơi nhận; a form in the
    # attachment repeats "Nơi nhận" above a blank "CHỦ TỊCH HỘI ĐỒNG / Ký tên, đóng dấu".
    text = HEAD + (
        "Điều 1. Ban hành kèm theo Quyết định này 01 Quy trình.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành./.\n\n"
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, YDCT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG THƯỜNG TRỰC\nVũ Mạnh Hà\n\n"
        "DANH MỤC\nBM.08\nHội đồng kính đề nghị Bộ trưởng Bộ Y tế xem xét, quyết định.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu.\nCHỦ TỊCH HỘI ĐỒNG\nKý tên, đóng dấu\n")
    rec = extract_text(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Vũ Mạnh Hà", "Thứ trưởng Thường trực", "KT", "Bộ trưởng")]
    assert rec.recipients == ["Như Điều 3", "Lưu: VT, YDCT"]


def test_a_name_read_above_its_position() -> None:
    # tt-bng-03-2018 (.doc read by catdoc): the signature table's cells come out name first.
    text = HEAD + ("Điều 38. Thông tư này có hiệu lực thi hành kể từ ngày ký ban hành./.\n\n"
                   "Nơi nhận:\n- Công báo;\n- Lưu: HC, TĐKT.\nPhạm Bình Minh\nBỘ TRƯỞNG\n\nPHỤ LỤC\nMẪU BÁO CÁO\n")
    assert _signers(text) == [("Phạm Bình Minh", "Bộ trưởng", None, None)]


def test_position_signed_and_name_on_one_line() -> None:
    # tt-bkhcn-25-2025 (vbpl.vn page): "BỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng".
    text = HEAD + "Điều 27. Tổ chức thực hiện Thông tư này./.\n\nBỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng\n"
    rec = extract_text(text)
    assert [(s.name, s.position) for s in rec.signers] == [("Nguyễn Mạnh Hùng", "Bộ trưởng")]
    s = rec.signers[0]
    assert rec.text[s.start:s.end] == "BỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng"


# --- OCR'd signature blocks: stamps and signatures over the words ---------------------------

def _ocr_record(text: str):  # type: ignore[no-untyped-def]
    from vnadmin_extract.ingest.base import RawText
    from vnadmin_extract.pipeline import process_raw
    from vnadmin_extract.schema import Source

    return process_raw(RawText(text=text, format="pdf", ocr=True), Source(path="<scan>", format="pdf", sha256="", bytes=0))


def _ocr_signers(text: str) -> list[tuple[str | None, ...]]:
    return [(s.name, s.position, s.authority, s.on_behalf_of) for s in _ocr_record(text).signers]


OCR_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 672/KH-UBND\nQuảng Bình, ngày 17 tháng 4 năm 2024\n\n"
            "KẾ HOẠCH\nThu thập thông tin về người lao động\n\n")


def test_a_damaged_kt_code_and_a_lost_position_line_give_the_deputy_with_a_warning() -> None:
    # kh-ubnd-quangbinh-672-2024 (scan): "KT." read as "K†", the "PHÓ CHỦ TỊCH" line under the
    # signature read as marks.
    text = OCR_HEAD + ("kịp thời báo cáo Ủy ban nhân dân tỉnh để xem xét, giải quyết./.\n\n"
                       "Nơi nhận:\n- Bộ LĐ-TBXH;\n- Lưu: VT, KSTTHC, NCVX.\nK†CHỦ TỊCH\n( ——ỀỖŠ m6 .mẰ.\nHoàng Xuân Tân\n")
    rec = _ocr_record(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Hoàng Xuân Tân", "Phó Chủ tịch", "KT", "Chủ tịch")]
    assert "W_SIGNER_POSITION_INFERRED" in [w.code for w in rec.warnings]
    assert "signer_inferred" in rec.review.reasons


def test_a_name_at_the_end_of_a_line_of_stamp_marks() -> None:
    # cv-sgddt-danang-1906-2020 page 2 (photo): "Nơi nhận" read as "4ơi nhận", "GIÁM ĐỐC" as
    # "= GIÁM ĐÓC", and the name at the end of the signature's marks.
    text = OCR_HEAD + ("Sở Giáo dục và Đào tạo yêu cầu thủ trưởng các đơn vị khẩn trương triên khai thực hiện./.\n\n"
                       "4ơi nhận:\nNhư trên; ⁄ Bộ Giáo dục và Đảo tạo;\n- Các Sở: Y tế, TT&TT;\n- Lưu: VT, CTrTT.\n"
                       "= GIÁM ĐÓC\n9% NN\nsử NÀ\\ TT Giác TP) B) (Cà pàoz@2 JMG@AM,_ \".m 5 y6 Z Lê Thị Bích Thuận\n")
    assert _ocr_signers(text) == [("Lê Thị Bích Thuận", "Giám đốc", None, None)]


def test_a_name_after_a_few_strokes_read_as_letters() -> None:
    # the same page once its signature column is read again: two strokes left before the name
    text = OCR_HEAD + ("Sở Giáo dục và Đào tạo yêu cầu thủ trưởng các đơn vị khẩn trương triển khai thực hiện./.\n\n"
                       "4ơi nhận:\nNhư trên;\n- Lưu: VT, CTrTT.\nGIÁM ĐÓC\nx ad Lê Thị Bích Thuận\n")
    assert _ocr_signers(text) == [("Lê Thị Bích Thuận", "Giám đốc", None, None)]
    # a word of a sentence before a name is no stroke
    text = OCR_HEAD + ("Sở Giáo dục và Đào tạo yêu cầu thủ trưởng các đơn vị khẩn trương triển khai thực hiện./.\n\n"
                       "4ơi nhận:\nNhư trên;\n- Lưu: VT, CTrTT.\nGIÁM ĐÓC\nPhòng Tổ chức Lê Thị Bích Thuận\n")
    assert _ocr_signers(text) == []


def test_minutes_signed_side_by_side_under_a_stamp_read_once() -> None:
    # bb-stp-quangbinh-02-2022 (scan): THƯ KÝ and CHỦ TRÌ side by side, read as rows; the second
    # position is under the stamp. The secretary is read; the chair's position is not guessed.
    text = OCR_HEAD.replace("KẾ HOẠCH", "BIÊN BẢN") + (
        "Cuộc họp kết thúc vào hồi 16h30 cùng ngày.\n\nTHƯ KÝ\nZ+.\nCHỦ k=\n\nNguyễn Văn Nghĩa\nSử Chí Tiến\n\n"
        "Nơi nhận:\n- Hội đông TĐ-KT tỉnh;\n- Lưu: VT, VP.\n")
    assert _ocr_signers(text) == [("Nguyễn Văn Nghĩa", "Thư ký", None, None)]


def test_two_positions_side_by_side_pair_with_the_names_in_order() -> None:
    text = OCR_HEAD.replace("KẾ HOẠCH", "BIÊN BẢN") + (
        "Cuộc họp kết thúc vào hồi 16h30 cùng ngày.\n\nTHƯ KÝ\nCHỦ TỊCH\nNguyễn Văn Nghĩa\nTrần Chí Tiến\n\n"
        "Nơi nhận:\n- Lưu: VT, VP.\n")
    assert _signers(text) == [("Nguyễn Văn Nghĩa", "Thư ký", None, None), ("Trần Chí Tiến", "Chủ tịch", None, None)]


def test_a_signer_whose_position_is_lost_keeps_the_name_and_says_so() -> None:
    # cv-sgddt-danang-1595-2019 (scan): "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" under the stamp, unread.
    text = OCR_HEAD + ("báo cáo về Sở GD&ĐT trước ngày 25/8/2019./.\n\nNơi nhận:\n- Như trên;\n"
                       "- Lưu: VT, CTTTTT (Chương).\nTrần Nguyễn Minh Thành\n")
    rec = _ocr_record(text)
    assert [(s.name, s.position) for s in rec.signers] == [("Trần Nguyễn Minh Thành", None)]
    assert "W_SIGNER_POSITION_MISSING" in [w.code for w in rec.warnings]


def test_a_name_without_position_is_no_signer_in_a_text_document() -> None:
    text = HEAD + "Điều 2. Quyết định này có hiệu lực./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTrần Nguyễn Minh Thành\n"
    assert _signers(text) == []


def test_kt_without_position_line_in_a_text_document_is_the_deputy() -> None:
    text = HEAD + "Điều 2. Quyết định này có hiệu lực./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nVũ Mạnh Hà\n"
    assert _signers(text) == [("Vũ Mạnh Hà", "Thứ trưởng", "KT", "Bộ trưởng")]


def test_appendix_titles_in_capitals_do_not_extend_the_position() -> None:
    # tt-bng-03-2018 (.doc): name above position, then the appendix forms in capitals with their
    # own "TL. BỘ TRƯỞNG / VỤ TRƯỞNG ..." blocks left blank.
    text = HEAD + ("Điều 38. Thông tư này có hiệu lực thi hành kể từ ngày ký ban hành./.\n\n"
                   "Nơi nhận:\n- Công báo;\n- Lưu: HC, TĐKT.\nPhạm Bình Minh\nBỘ TRƯỞNG\n\nPHỤ LỤC\n"
                   "MẪU BÁO CÁO THÀNH TÍCH\nTL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ THI ĐUA KHEN THƯỞNG VÀ TRUYỀN THÔNG\n"
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTÓM TẮT THÀNH TÍCH VÀ QUÁ TRÌNH CÔNG TÁC\n")
    assert _signers(text) == [("Phạm Bình Minh", "Bộ trưởng", None, None)]


def test_a_chapter_heading_is_no_signer() -> None:
    # qd-bqlkcn-bariavungtau-2007 (.doc, VNI): the regulation's "Chương I" under "TRƯỞNG BAN".
    text = HEAD + "Điều 3. Quyết định có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Lưu: VP.\nTRƯỞNG BAN\nChương I\n"
    assert _signers(text) == []


def test_a_draft_signed_with_no_name_still_ends_the_body_before_its_attachment() -> None:
    # qd-bqlkcn-bariavungtau-2007 (.doc): "TRƯỞNG BAN" with no name yet, the recipients, then the
    # regulation the decision issues, with its chapters and articles.
    text = HEAD + ("Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\nTRƯỞNG BAN\n\nNơi nhận :\n- Như điều 2\n"
                   "- Lưu VT, VP.\n\nQUY CHẾ\nCHI TIÊU NỘI BỘ\n\nChương I\nQUY ĐỊNH CHUNG\n\n"
                   "Điều 1: Mục đích\nQuy chế nhằm tạo quyền chủ động.\n")
    rec = extract_text(text)
    assert rec.signers == []
    assert [s.label for s in rec.sections if s.level == 1][-1:] == ["Chương I"]


def test_the_chair_of_minutes_signs_as_chu_toa() -> None:
    # bb-stp-quangbinh-02-2022 (scan) as the signature column's second reading gives it.
    text = OCR_HEAD.replace("KẾ HOẠCH", "BIÊN BẢN") + (
        "Cuộc họp kết thúc vào hồi 16h30 cùng ngày.\n\nTHƯ KÝ\nCHỦ TỌA\n\nNguyễn Văn Nghĩa\nTrần Chí Tiến\n\n"
        "Nơi nhận:\n- Hội đông TĐ-KT tỉnh;\n- Lưu: VT, VP.\n")
    assert _ocr_signers(text) == [("Nguyễn Văn Nghĩa", "Thư ký", None, None), ("Trần Chí Tiến", "Chủ tọa", None, None)]


def test_kt_over_the_same_title_means_the_deputy_lost_its_pho() -> None:
    # cv-sgddt-danang-1595-2019 (bilevel scan): a black seal over "PHÓ GIÁM ĐỐC" leaves "GIÁM ĐÓC";
    # the signing line's marks are lost too ("KT. GIAM ĐỌC"). Nobody signs KT. for himself.
    text = OCR_HEAD + ("báo cáo về Sở GD&ĐT trước ngày 25/8/2019./.\n\nNơi nhận:\n- Như trên;\n"
                       "- Lưu: VT, CTTTTT (Chương).\nKT. GIAM ĐỌC\nGIÁM ĐÓC\nTrần Nguyễn Minh Thành\n")
    rec = _ocr_record(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Trần Nguyễn Minh Thành", "Phó Giám đốc", "KT", "Giám đốc")]
    assert [w.message for w in rec.warnings if w.code == "W_SIGNER_POSITION_INFERRED"] == [
        "the position under 'KT. GIÁM ĐỐC' reads 'GIÁM ĐỐC' again: Trần Nguyễn Minh Thành is taken to sign "
        "as its deputy, Phó Giám đốc"]


def test_what_is_left_of_pho_before_a_head_title_reads_as_the_deputy() -> None:
    # kh-ubnd-quangbinh-672-2024 (scan): a signature's loop crosses "PHÓ" and "KT.".
    text = OCR_HEAD + ("kịp thời báo cáo Ủy ban nhân dân tỉnh để xem xét, giải quyết./.\n\n"
                       "Nơi nhận:\n- Bộ LĐ-TBXH;\n- Lưu: VT, KSTTHC, NCVX.\nK†CHỦ TỊCH\n(\nO CHU TỊCH\n"
                       "——ỀỖŠ m6 .mẰ.\nHoàng Xuân Tân\n")
    rec = _ocr_record(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Hoàng Xuân Tân", "Phó Chủ tịch", "KT", "Chủ tịch")]
    assert [w.message for w in rec.warnings if w.code == "W_SIGNER_POSITION_INFERRED"] == [
        "the position line of Hoàng Xuân Tân reads 'O CHU TỊCH': taken as Phó Chủ tịch "
        "(a signature or seal over its first word)"]


def test_a_typed_kt_block_is_not_touched_by_the_ocr_repairs() -> None:
    # Born-digital text keeps what it says: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" with no warning.
    text = HEAD + ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
                   "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐỗ Xuân Tuyên\n")
    rec = extract_text(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Đỗ Xuân Tuyên", "Thứ trưởng", "KT", "Bộ trưởng")]
    assert "W_SIGNER_POSITION_INFERRED" not in [w.code for w in rec.warnings]


def test_a_signing_code_without_a_space() -> None:
    # tt-btc-08-2001 (.rtf): "KT.BỘ TRƯỞNG BỘ TÀI CHÍNH".
    text = HEAD + ("Điều 3. Thông tư này có hiệu lực thi hành sau 15 ngày kể từ ngày ký./.\n\nNơi nhận:\n- Công báo\n"
                   "- Lưu : VP(HC,TH),TCT(HC,NV5)\nKT.BỘ TRƯỞNG BỘ TÀI CHÍNH\nTHỨ TRƯỞNG\nVũ Văn Ninh\n")
    assert _signers(text) == [("Vũ Văn Ninh", "Thứ trưởng", "KT", "Bộ trưởng Bộ Tài chính")]


def test_a_wrapped_signing_line_and_an_abbreviation_in_it() -> None:
    # tb-cuc-hai-quan-37693-2025 (thuvienphapluat page): the KT line wraps before "HQ".
    text = HEAD + ("Cục Hải quan thông báo để các đơn vị biết./.\n\nNơi nhận:\n- Cổng thông tin điện tử Hải quan;\n"
                   "- Lưu: VT, NVTHQ-PL-Hoàng (3b).\nTL.\nCỤC TRƯỞNG\nKT. TRƯỞNG BAN NGHIỆP VỤ THUẾ\nHQ\n"
                   "PHÓ TRƯỞNG BAN\nĐào Thu Hương\n")
    assert _signers(text) == [("Đào Thu Hương", "Phó Trưởng ban", "KT", "Trưởng ban Nghiệp vụ Thuế HQ")]


def test_abbreviations_keep_their_capitals_in_a_signing_line() -> None:
    # qd-ub-cantho-256-2004 (.doc): "TM. UBND THÀNH PHỐ CẦN THƠ".
    text = HEAD + ("Điều 3. Quyết định có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n"
                   "TM. UBND THÀNH PHỐ CẦN THƠ\nCHỦ TỊCH\nVõ Thanh Tòng\n")
    assert _signers(text) == [("Võ Thanh Tòng", "Chủ tịch", "TM", "UBND thành phố Cần Thơ")]


def test_a_signature_with_no_noi_nhan_before_a_long_appendix() -> None:
    # quy-dinh-ubnd-angiang-522-2002 (TCVN3 .doc): no "Nơi nhận", no "./.", pages of Phụ lục after.
    appendix = "\n".join(f"{k}. Dự án sản xuất hàng xuất khẩu nhóm {k}" for k in range(1, 40))
    text = HEAD + ("Điều 42. Trong quá trình tổ chức thực hiện, Sở Kế hoạch và Đầu tư có trách nhiệm tổng hợp trình UBND "
                   "tỉnh xem xét, bổ sung hoặc sửa đổi.\n\nTM. ỦY BAN NHÂN TỈNH AN GIANG\nKT. CHỦ TỊCH\nPhó chủ tịch\n"
                   "Nguyễn Hoàng Việt\n\nPhụ lục\n\nDanh mục 1\n" + appendix + "\n")
    rec = extract_text(text)
    assert [(s.name, s.position, s.authority, s.on_behalf_of) for s in rec.signers] == [
        ("Nguyễn Hoàng Việt", "Phó Chủ tịch", "KT", "Chủ tịch")]
    assert rec.signers[0].chain == ["TM. Ủy ban nhân tỉnh An Giang", "KT. Chủ tịch"]
