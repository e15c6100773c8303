"""Ingest speed: text-layer PDFs through the project's reader vs pdfplumber vs pypdfium2.

Generates multi-page PDFs (two-column header and signature on the first page, body text
after) with PDFium and DejaVu Sans, then in the same run measures pages per second for
  - ``vnadmin_extract.ingest.pdf.read_pdf`` (layout: columns, running headers, rejoining),
  - plain ``pdfplumber`` ``page.extract_text()``,
  - raw ``pypdfium2`` ``textpage.get_text_range()``,
and OCR seconds per page (Tesseract ``vie``, one thread) on a scanned copy, and peak RSS.

Run: ``python benchmarks/bench_ingest.py [--docs 10] [--pages 10] [--ocr-pages 2]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))

import ingest_testkit as kit


def _rate(label: str, pages: int, seconds: float) -> None:
    print(f"{label:<34} {pages:5d} pages {seconds:8.3f} s {pages / seconds:10.1f} pages/s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--ocr-pages", type=int, default=2)
    args = ap.parse_args()

    import pdfplumber
    import pypdfium2 as pdfium

    from vnadmin_extract.ingest import ocr
    from vnadmin_extract.ingest.pdf import read_pdf

    with tempfile.TemporaryDirectory() as tmp:
        paths = [kit.write_document_pdf(Path(tmp) / f"d{i}.pdf", pages=args.pages, running_header=True)
                 for i in range(args.docs)]
        blobs = [p.read_bytes() for p in paths]
        total = args.docs * args.pages
        print(f"{args.docs} generated PDFs x {args.pages} pages (two-column header, running header/footer)")

        read_pdf(blobs[0])  # warm-up (imports, font cache)
        t = time.perf_counter()
        for b in blobs:
            raw = read_pdf(b)
        _rate("vnadmin-extract pdf reader", total, time.perf_counter() - t)
        first = [line for line in raw.text.split("\n") if line.strip()][:6]
        ok = first == [*kit.HEADER_LEFT, *kit.HEADER_RIGHT]
        print(f"  column layout right (header blocks whole): {ok}")

        t = time.perf_counter()
        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
        _rate("pdfplumber extract_text()", total, time.perf_counter() - t)

        t = time.perf_counter()
        for b in blobs:
            doc = pdfium.PdfDocument(b)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()
        _rate("pypdfium2 get_text_range()", total, time.perf_counter() - t)

        if ocr.available() and args.ocr_pages:
            one = kit.write_document_pdf(Path(tmp) / "one.pdf", pages=args.ocr_pages)
            scanned = kit.scan_pdf(one, Path(tmp) / "scan.pdf")
            t = time.perf_counter()
            raw = read_pdf(scanned.read_bytes())
            dt = time.perf_counter() - t
            print(f"OCR (tesseract vie, 300 dpi, 1 thread) {dt / args.ocr_pages:6.2f} s/page "
                  f"over {args.ocr_pages} pages, mean confidence {raw.ocr_confidence}")
        else:
            print("OCR: Tesseract with 'vie' not installed, skipped")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {peak_kb / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
