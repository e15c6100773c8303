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


def _line(*words: tuple[str, float]):
    from vnadmin_extract.ingest.ocr import OcrResult, OcrWord

    boxes = [OcrWord(100.0 * i, 0, 100.0 * i + 80, 40, text, conf, (1, 1, 1)) for i, (text, conf) in enumerate(words)]
    return OcrResult(text=" ".join(t for t, _ in words), confidence=None, words=len(words), boxes=boxes)


def test_a_number_much_less_sure_than_the_words_beside_it_is_unsure():
    """Word confidences of the public scans' number lines: a handwritten 1595 read "635" at 50
    between "Số:" at 96 and the symbol at 84; a small phone photo's printed "1906" at 57
    between words at 57 and 49; a printed "115" at 77."""
    from vnadmin_extract.ingest.ocr import unsure_numbers

    assert unsure_numbers([_line(("Số:", 96), ("635", 50), ("/SGDĐT-CTrTT", 84), ("Đà", 96))]) == {"635": 50}
    assert unsure_numbers([_line(("Số:", 96), ("14.", 17), ("/UBND-SGDĐT", 90))]) == {"14": 17}
    assert unsure_numbers([_line(("Số:", 57), ("1906", 57), ("/SGDĐT-CTrTT", 49), ("Đà", 94))]) == {}
    assert unsure_numbers([_line(("Số:", 91), ("115", 77), ("/CV-PA83", 86))]) == {}
    assert unsure_numbers([_line(("ngày", 72), ("84", 70), ("tháng", 95))]) == {}  # not under 60


def test_a_handwritten_number_read_as_print_is_left_null():
    """cv-sgddt-danang-1595-2019: the number 1595 is written in by hand; Tesseract reads "635"."""
    need_ocr()
    from vnadmin_extract import extract_file

    rec = extract_file(corpus_file("cv-sgddt-danang-1595-2019-attgt-scan-badocr.pdf"))
    assert (rec.header.number.number, rec.header.number.symbol) == (None, "SGDĐT-CTrTT")
    warned = [w for w in rec.warnings if w.code == "W_NUMBER_ILLEGIBLE"]
    assert len(warned) == 1 and "'635' at OCR confidence 50" in warned[0].message
    assert "number_illegible" in rec.review.reasons
