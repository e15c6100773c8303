"""OCR: scanned PDFs and page images through Tesseract (runs in CI)."""

from __future__ import annotations

from ingest_testkit import corpus_file, document_text, need_ocr, scan_pdf, similarity, write_document_pdf

from vnadmin_extract.ingest import read_path


def test_scanned_pdf_goes_through_ocr(tmp_path):
    need_ocr()
    scanned = scan_pdf(write_document_pdf(tmp_path / "doc.pdf"), tmp_path / "scan.pdf")
    raw = read_path(scanned, scanned.read_bytes())
    assert raw.ocr is True and raw.pages == 1
    assert raw.ocr_confidence is not None and raw.ocr_confidence >= 80
    assert similarity(raw.text, document_text()) >= 0.90


def test_png_page_image(tmp_path):
    need_ocr()
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(write_document_pdf(tmp_path / "doc.pdf")))
    png = tmp_path / "page.png"
    doc[0].render(scale=200 / 72, grayscale=True).to_pil().save(png)
    raw = read_path(png, png.read_bytes())
    assert raw.format == "png" and raw.ocr is True and raw.pages == 1
    assert similarity(raw.text, document_text()) >= 0.90


def test_real_page_jpg_matches_transcript():
    need_ocr()
    path = corpus_file("cv-sgddt-danang-1906-2020-covid-p1.jpg")
    raw = read_path(path, path.read_bytes())
    assert raw.format == "jpg" and raw.ocr is True
    assert raw.ocr_confidence is not None and raw.ocr_confidence >= 80
    assert similarity(raw.text, path.with_suffix(".gt.txt").read_text(encoding="utf-8")) >= 0.85
