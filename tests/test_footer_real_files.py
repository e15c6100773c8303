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
