"""The same document gives the same record whatever format it arrives in.

Every corpus document is written, inside the test run, as a text-layer PDF (lines wrapped at
the page width), a DOCX, an HTML page with boilerplate, and TCVN3- and VNI-encoded text; the
record of each must agree with the plain-text record on the header, the signers and the award
statements. One document also goes through a scanned PDF and OCR (agreement at least 0.90).
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import pytest
from ingest_testkit import PdfWriter, need_ocr, scan_pdf

from vnadmin_extract import extract_file
from vnadmin_extract.ingest import legacy
from vnadmin_extract.normalize import normalize
from vnadmin_extract.vietnamese import fold

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
DOCS = sorted(p for p in CORPUS.glob("*") if p.suffix in {".txt", ".md"})


def fields(rec) -> list[tuple[str, object]]:
    """The values compared across formats, folded."""
    h = rec.header
    out: list[tuple[str, object]] = [
        ("issuer.name", fold(h.issuer.name) if h.issuer else None),
        ("issuer.parent", fold(h.issuer.parent) if h.issuer else None),
        ("number", h.number.symbol if h.number else None),
        ("date", h.date.value if h.date else None),
        ("doc_type", h.doc_type.name if h.doc_type else None),
        ("title", fold(h.title)),
    ]
    out += [(f"signer{i}", (fold(s.name), fold(s.position), s.authority)) for i, s in enumerate(rec.signers)]
    out += [(f"award{i}", (a.award, a.status, a.collectives, a.individuals, a.total, a.year))
            for i, a in enumerate(rec.awards)]
    return out


def agreement(a, b) -> float:
    fa, fb = dict(fields(a)), dict(fields(b))
    keys = set(fa) | set(fb)
    return sum(fa.get(k) == fb.get(k) for k in keys) / len(keys)


def lines_of(path: Path) -> list[str]:
    # The normalized text: what a faithful conversion of the document says, line by line.
    return normalize(path.read_text(encoding="utf-8")).split("\n")


def write_pdf(lines: list[str], dst: Path) -> Path:
    w = PdfWriter()
    w.new_page()
    y = 60.0
    for line in lines:
        for part in textwrap.wrap(line, 88) or [""]:
            if y > 800:
                w.new_page()
                y = 60.0
            if part:
                w.text(50, y, part, 10)
            y += 14
    return w.save(dst)


def write_docx(lines: list[str], dst: Path) -> Path:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(dst))
    return dst


def write_html(lines: list[str], dst: Path) -> Path:
    body = "\n".join(f"<p>{html.escape(x)}</p>" if x else "<p></p>" for x in lines)
    dst.write_text("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Văn bản</title></head>"
                   "<body><nav><ul><li>Trang chủ</li><li>Văn bản</li></ul></nav>"
                   f"<article>{body}</article><div class='related'>Tin liên quan</div>"
                   "<footer>Bản quyền thuộc Cổng thông tin điện tử.</footer></body></html>", encoding="utf-8")
    return dst


def _byte(ch: str) -> bytes:
    # Legacy fonts sit on Windows-1252: curly quotes and dashes are its bytes 0x91-0x97.
    if ord(ch) < 256:
        return bytes([ord(ch)])
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return b"?"


def write_legacy(lines: list[str], dst: Path, encoding: str) -> Path:
    text = legacy.encode("\n".join(lines), encoding, strict=False)
    dst.write_bytes(b"".join(_byte(ch) for ch in text))
    return dst


WRITERS = {
    "pdf": lambda lines, d: write_pdf(lines, d / "doc.pdf"),
    "docx": lambda lines, d: write_docx(lines, d / "doc.docx"),
    "html": lambda lines, d: write_html(lines, d / "doc.html"),
    "tcvn3": lambda lines, d: write_legacy(lines, d / "doc.txt", "tcvn3"),
    "vni": lambda lines, d: write_legacy(lines, d / "doc.txt", "vni"),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_corpus_document_agrees_across_formats(fmt: str, tmp_path: Path) -> None:
    assert DOCS, "the corpus has documents"
    disagreements = []
    for doc in DOCS:
        base = extract_file(doc)
        work = tmp_path / doc.stem
        work.mkdir()
        rec = extract_file(WRITERS[fmt](lines_of(doc), work))
        assert rec.error is None, (doc.name, rec.error)
        score = agreement(base, rec)
        if score < 1.0:
            fa, fb = dict(fields(base)), dict(fields(rec))
            diff = {k: (fa.get(k), fb.get(k)) for k in set(fa) | set(fb) if fa.get(k) != fb.get(k)}
            disagreements.append((doc.name, round(score, 3), diff))
    assert disagreements == []


def test_scanned_pdf_through_ocr_agrees(tmp_path: Path) -> None:
    need_ocr()
    doc = CORPUS / "qd-ubnd-huyen-huong-khe-1875-2024-cong-nhan-lao-dong-tien-tien.txt"
    base = extract_file(doc)
    pdf = write_pdf(lines_of(doc), tmp_path / "doc.pdf")
    rec = extract_file(scan_pdf(pdf, tmp_path / "scan.pdf", dpi=300))
    assert rec.source.ocr and rec.source.ocr_confidence is not None
    assert agreement(base, rec) >= 0.90
