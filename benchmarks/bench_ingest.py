"""Ingest speed: text-layer PDFs through the project's reader vs pdfplumber vs pypdfium2.

Generates multi-page PDFs (two-column header and signature on the first page, body text
after) with PDFium and DejaVu Sans, then in the same run measures pages per second for
  - ``vnadmin_extract.ingest.pdf.read_pdf`` (layout: columns, running headers, rejoining),
  - plain ``pdfplumber`` ``page.extract_text()``,
  - raw ``pypdfium2`` ``textpage.get_text_range()``,
and OCR seconds per page (Tesseract ``vie``, one thread) on a scanned copy, and peak RSS.

Run: ``python benchmarks/bench_ingest.py [--docs 10] [--pages 10] [--ocr-pages 2]`` (with the
repository on ``PYTHONPATH``: the test kit is imported from ``tests/``)

``--scans DIR`` instead measures OCR on the real scans of a folder (``*scan*.pdf``, e.g.
``../shared/corpus-public``), page by page, for the reader as it is ("layout": seal dropped,
orientation, skew, word-box layout, header repair) and for the plain reading it replaced
("plain": grayscale render, one ``image_to_data`` pass), interleaved so that machine load
hits both alike. The reader is measured with each Tesseract engine installed
(``ingest/tesseract.py``: the program, one process a read, and the API in this process).
Time is CPU seconds (this process plus Tesseract when it runs as a child process), so that
the figures do not depend on the other jobs of a shared machine; set ``OMP_THREAD_LIMIT=1``
(the reader does) for one core.
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


def _cpu() -> float:
    return _own() + _kids()


def _own() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _kids() -> float:
    """CPU seconds of the finished child processes: Tesseract."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _plain_ocr(page: object) -> None:
    """The OCR of a page before issue 13: grayscale render, one image_to_data pass."""
    import pytesseract

    from vnadmin_extract.ingest import ocr

    w, h = page.get_size()  # type: ignore[attr-defined]
    bitmap = page.render(scale=ocr.render_scale(w, h), grayscale=True)  # type: ignore[attr-defined]
    img = ocr._prepare(bitmap.to_pil())
    pytesseract.image_to_data(img, lang=ocr.LANG, config="--oem 1 --psm 3", output_type=pytesseract.Output.DICT)


class _TessClock:
    """CPU seconds spent inside ``ingest.tesseract`` (the program as a child process, or the
    API in this process), so that the reader's own work can be told from Tesseract's."""

    def __init__(self) -> None:
        from vnadmin_extract.ingest import tesseract

        self.seconds = 0.0
        for name in ("read_data", "osd"):
            setattr(tesseract, name, self._timed(getattr(tesseract, name)))

    def _timed(self, fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = _cpu()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += _cpu() - t
        return run


def scans(folder: Path) -> None:
    import os

    import pypdfium2 as pdfium

    from vnadmin_extract.ingest import ocr, tesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not ocr.available():
        print("OCR: Tesseract with 'vie' not installed, skipped")
        return
    os.environ["VNADMIN_OCR_ENGINE"] = "api"
    tesseract.engine.cache_clear()
    engines = ["cli", "api"] if tesseract.engine() == "api" else ["cli"]
    if engines == ["cli"]:
        print("tesserocr is not installed: the API is not measured")
    clock = _TessClock()
    names = ["plain", *engines]
    totals = {name: [0.0, 0] for name in names}
    slow = dict.fromkeys(names, 0)
    split = {e: [0.0, 0.0] for e in engines}  # per engine: Tesseract seconds, the reader's own
    print(f"{'scan':<58} {'page':>4} {'plain s':>8}" + "".join(f" {e + ' s':>7} {'tess':>5}" for e in engines))
    for path in sorted(folder.glob("*scan*.pdf")):
        doc = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(doc)):
            page = doc[index]
            t = _cpu()
            _plain_ocr(page)
            took = {"plain": _cpu() - t}
            tess: dict[str, float] = {}
            for engine in engines:  # interleaved, so that machine load hits each alike
                os.environ["VNADMIN_OCR_ENGINE"] = engine
                tesseract.engine.cache_clear()
                t, c = _cpu(), clock.seconds
                ocr.ocr_pdf_page(page)
                took[engine], tess[engine] = _cpu() - t, clock.seconds - c
                split[engine][0] += tess[engine]
                split[engine][1] += took[engine] - tess[engine]
            for name in names:
                totals[name][0] += took[name]
                totals[name][1] += 1
                slow[name] += took[name] > 2.0
            print(f"{path.name[:58]:<58} {index + 1:>4} {took['plain']:8.2f}"
                  + "".join(f" {took[e]:7.2f} {tess[e]:5.2f}" for e in engines))
            page.close()
        doc.close()
    labels = {"plain": "plain (baseline: program, one pass)", "cli": "reader, Tesseract program",
              "api": "reader, Tesseract API"}
    base = totals["plain"][0] / max(1, totals["plain"][1])
    for name, (sec, n) in totals.items():
        mean = sec / max(1, n)
        print(f"{labels[name]:<36} {n} pages, {mean:.2f} CPU s/page (300 dpi, 1 thread), "
              f"{slow[name]} over 2 s, {mean / base:.2f} x plain")
    for engine, (tess_s, own_s) in split.items():
        n = max(1, totals[engine][1])
        print(f"{labels[engine]}: Tesseract {tess_s / n:.2f} CPU s/page, the reader's own work {own_s / n:.2f} "
              "(render, red channel, orientation, skew, layout)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scans", type=Path, help="measure OCR page by page on the *scan*.pdf of this folder")
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--ocr-pages", type=int, default=2)
    args = ap.parse_args()
    if args.scans:
        scans(args.scans)
        return

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
