"""DOCX (python-docx) and HTML (trafilatura): layout tables, legacy fonts, boilerplate."""

from __future__ import annotations

import pytest
from ingest_testkit import (
    HEADER_LEFT,
    HEADER_RIGHT,
    SIGN_LEFT,
    SIGN_RIGHT,
    corpus_file,
    document_html,
    document_text,
    similarity,
    write_document_docx,
)

from vnadmin_extract.errors import E_DOCX, W_LEGACY_ENCODING
from vnadmin_extract.ingest import read_path
from vnadmin_extract.pipeline import process_file


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_docx_header_and_signature_tables_as_blocks(tmp_path):
    path = write_document_docx(tmp_path / "doc.docx")
    raw = read_path(path, path.read_bytes())
    lines = _lines(raw.text)
    assert raw.format == "docx" and raw.encoding is None
    assert lines[:6] == [*HEADER_LEFT, *HEADER_RIGHT]
    assert lines[-6:] == [*SIGN_LEFT, *SIGN_RIGHT]
    assert similarity(raw.text, document_text()) >= 0.97


@pytest.mark.parametrize(("font", "encoding"), [(".VnTime", "tcvn3"), ("VNI-Times", "vni")])
def test_docx_legacy_font_runs(tmp_path, font, encoding):
    path = write_document_docx(tmp_path / "doc.docx", legacy_font=font)
    raw = read_path(path, path.read_bytes())
    assert raw.encoding == encoding
    assert any(code == W_LEGACY_ENCODING for code, _ in raw.warnings)
    assert similarity(raw.text, document_text()) >= 0.97
    if encoding == "tcvn3":  # headings in .VnTimeH: lower-case codes, capitals restored
        assert "QUYẾT ĐỊNH" in _lines(raw.text)


def test_docx_soft_hyphen_is_tcvn3_u_horn(tmp_path):
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("Th")
    run.font.name = ".VnTime"
    etree.SubElement(run._r, qn("w:softHyphen"))  # TCVN3 ư stored by Word as a soft hyphen
    run2 = p.add_run("\xeang")
    run2.font.name = ".VnTime"
    path = tmp_path / "sh.docx"
    d.save(str(path))
    raw = read_path(path, path.read_bytes())
    assert raw.text.strip() == "Thường"
    assert raw.encoding == "tcvn3"


def test_corpus_docx_header():
    path = corpus_file("hd-hdtdkt-hungyen-2021-cum-khoi-thi-dua-du-thao.docx")
    lines = _lines(read_path(path, path.read_bytes()).text)
    assert lines[:2] == ["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG TỈNH HƯNG YÊN"]
    assert lines[4] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[-1] == "Đặng Ngọc Quỳnh"


def test_broken_docx_is_e_docx(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert process_file(path).error.code == E_DOCX


def test_html_boilerplate_dropped_and_metadata_kept(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(document_html(), encoding="utf-8")
    raw = read_path(path, path.read_bytes())
    assert raw.format == "html"
    for chrome in ("Lượt truy cập", "Tin liên quan", "Trang chủ", "Bản quyền", "Đánh giá",
                   "Hội nghị tổng kết"):
        assert chrome not in raw.text
    assert raw.metadata == {
        "title": "Quyết định tặng Bằng khen năm 2024", "date": "2024-03-16",
        "author": "Phòng Thi đua", "source_name": "Cổng thông tin điện tử tỉnh Quảng Ngãi",
    }
    lines = _lines(raw.text)
    i = lines.index(HEADER_LEFT[0])
    assert lines[i:i + 6] == [*HEADER_LEFT, *HEADER_RIGHT]
    assert lines[-6:] == [*SIGN_LEFT, *SIGN_RIGHT]
    body = "\n".join(lines[i:])
    assert similarity(body, document_text()) >= 0.97


def test_html_sniffed_without_suffix(tmp_path):
    path = tmp_path / "page"
    path.write_text(document_html(), encoding="utf-8")
    assert read_path(path, path.read_bytes()).format == "html"


def test_vbpl_page_header_and_signer():
    path = corpus_file("tt-bnv-20-2025-chi-tiet-thi-dua-khen-thuong.vbpl.html")
    raw = read_path(path, path.read_bytes())
    lines = _lines(raw.text)
    assert "Trang chủ" not in raw.text
    i = lines.index("BỘ NỘI VỤ")
    assert lines[i + 2:i + 4] == ["Số: 20/2025/TT-BNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert lines[-3:] == ["BỘ TRƯỞNG", "(Đã ký)", "Phạm Thị Thanh Trà"]
    assert raw.metadata["source_name"] == "vbpl.vn"


def test_cross_format_agreement(tmp_path):
    """PDF, DOCX and HTML of one document give the same normalized text."""
    from ingest_testkit import write_document_pdf

    texts = {}
    pdf = write_document_pdf(tmp_path / "doc.pdf")
    texts["pdf"] = read_path(pdf, pdf.read_bytes()).text
    docx_path = write_document_docx(tmp_path / "doc.docx")
    texts["docx"] = read_path(docx_path, docx_path.read_bytes()).text
    html = tmp_path / "doc.html"
    html.write_text(document_html(), encoding="utf-8")
    lines = _lines(read_path(html, html.read_bytes()).text)
    texts["html"] = "\n".join(lines[lines.index(HEADER_LEFT[0]):])
    for fmt, text in texts.items():
        assert similarity(text, document_text()) >= 0.97, fmt
