"""PDF with a text layer: column layout, running headers, errors, legacy fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_testkit import (
    HEADER_LEFT,
    HEADER_RIGHT,
    SIGN_LEFT,
    SIGN_RIGHT,
    corpus_file,
    document_text,
    encrypted_pdf,
    similarity,
    word_f1,
    write_document_pdf,
)

from vnadmin_extract.errors import E_PDF, IngestError
from vnadmin_extract.ingest import read_path
from vnadmin_extract.ingest.pdf import read_pdf
from vnadmin_extract.pipeline import process_file


def _read(path: Path):
    return read_path(path, path.read_bytes())


def test_two_column_header_and_signature_read_as_blocks(tmp_path):
    raw = _read(write_document_pdf(tmp_path / "doc.pdf"))
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    assert raw.format == "pdf" and raw.pages == 1 and raw.ocr is False
    # Each block whole: the three left lines, then the three right lines.
    assert lines[:6] == [*HEADER_LEFT, *HEADER_RIGHT]
    assert lines[-6:] == [*SIGN_LEFT, *SIGN_RIGHT]


def test_pdf_text_agrees_with_the_plain_text(tmp_path):
    raw = _read(write_document_pdf(tmp_path / "doc.pdf"))
    assert similarity(raw.text, document_text()) >= 0.97


def test_running_headers_and_page_numbers_dropped(tmp_path):
    raw = _read(write_document_pdf(tmp_path / "doc.pdf", pages=3, running_header=True))
    assert raw.pages == 3
    assert "CÔNG BÁO" not in raw.text
    assert "Trang 2/3" not in raw.text and "Trang 1/3" not in raw.text
    assert raw.text.count("\f") == 2
    assert similarity(raw.text.split("\f")[0], document_text()) >= 0.97


def test_encrypted_pdf_is_e_pdf(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(IngestError) as err:
        _read(path)
    assert err.value.code == E_PDF and "password" in err.value.message
    assert process_file(path).error.code == E_PDF


@pytest.mark.parametrize("payload", [
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", b"%PDF-1.4\n" + bytes(range(256)) * 40, b"not a pdf at all",
])
def test_damaged_or_not_pdf_is_e_pdf(tmp_path, payload):
    path = tmp_path / "bad.pdf"
    path.write_bytes(payload)
    rec = process_file(path)
    assert rec.error is not None and rec.error.code == E_PDF


def test_truncated_real_pdf_is_e_pdf(tmp_path):
    good = write_document_pdf(tmp_path / "doc.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) // 3])
    rec = process_file(path)
    assert rec.error is None or rec.error.code == E_PDF
    if rec.error is None:  # PDFium repairs some truncations: then text must be sane
        assert rec.source.pages == 1


# --- real files -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "f1"), [
    ("qd-ttg-115-2004-quy-bao-lanh-tin-dung-tcvn3-pdf.pdf", 0.97),
    # 58 pages of statistics tables: rows become "| a | b |" lines, numbers split differently.
    ("bc-chinh-phu-2004-ke-hoach-2005-qh-tcvn3-pdf.pdf", 0.95),
])
def test_tcvn3_pdf_matches_transcript(name, f1):
    path = corpus_file(name)
    raw = _read(path)
    assert raw.encoding == "tcvn3"
    gt = path.with_suffix(".gt.txt").read_text(encoding="utf-8")
    assert word_f1(raw.text, gt) >= f1


def test_tcvn3_pdf_small_sequence_similarity():
    path = corpus_file("qd-ttg-115-2004-quy-bao-lanh-tin-dung-tcvn3-pdf.pdf")
    raw = _read(path)
    assert similarity(raw.text, path.with_suffix(".gt.txt").read_text(encoding="utf-8")) >= 0.95
    assert "Trung ương" in raw.text  # "−¬ng": the PDF's minus sign is TCVN3 ư


def test_born_digital_header_columns_separated():
    raw = _read(corpus_file("bc-stc-haugiang-2024-gia-thi-truong-thang-7.pdf"))
    lines = [line.strip() for line in raw.text.split("\n")]
    assert raw.pages == 6
    assert lines[:2] == ["UBND TỈNH HẬU GIANG", "SỞ TÀI CHÍNH"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[:6]
    assert "Nơi nhận:" in lines and lines.index("KT. GIÁM ĐỐC") > lines.index("Nơi nhận:")


def test_encrypted_corpus_pdf_opens_with_empty_user_password():
    # AES-encrypted with an empty user password: readable, so not an error.
    raw = read_pdf(corpus_file("cv-ubnd-danang-5710-2023-nq29-scan-encrypted-ocr.pdf").read_bytes(),
                   use_ocr=False)
    assert raw.pages == 6 and len(raw.text) > 1000


def test_running_header_of_gazette_dropped():
    raw = _read(corpus_file("vbhn-luat-thi-dua-khen-thuong-cong-bao-2014-broken-spacing.pdf"))
    assert raw.pages == 41
    assert "CÔNG BÁO/Số 31 + 32" not in raw.text
    assert "khen thưởng" in raw.text and "khen th ưởng" not in raw.text
