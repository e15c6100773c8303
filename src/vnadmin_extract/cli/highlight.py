"""``vnadmin-extract highlight FILE -o FILE.html``: an offline review page of one document.

Also for the documents of a run: ``vnadmin-extract highlight --run OUTDIR [DOC...] -o PAGES/``
writes ``PAGES/<doc_id>.html`` and ``PAGES/index.html`` from OUTDIR/records.jsonl (DOC is a
doc_id or a source path; none means every document).

A scan's page shows its page images with the OCR boxes of its values: for FILE always (the
pages read during extraction are kept, ``--no-page-images`` to leave them out), for --run with
``--page-images`` (the files are OCR'd again).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..extras import require
from . import UsageError

if TYPE_CHECKING:
    from ..review.scan_pane import ScanPages

NAME = "highlight"
HELP = ("write an offline HTML review page: the text with every entity highlighted by type (displaCy), "
        "the section outline, and tables of header, awards, commemorations and legal references "
        "linked to their evidence")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="FILE",
                   help="a document to extract and show; with --run: doc_ids or source paths of the run")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="the page (default: FILE.html in the current folder, never next to FILE: the input "
                        "tree stays as it is); with --run: a folder (default OUTDIR/review)")
    p.add_argument("--run", metavar="OUTDIR", help="take the records of this run instead of extracting FILE")
    p.add_argument("--title", help="page title (default: the document's title)")
    p.add_argument("--no-page-images", action="store_true",
                   help="FILE: do not show a scan's page images and OCR boxes beside the text")
    p.add_argument("--page-images", action="store_true",
                   help="with --run: show the page images of OCR'd documents; their files are read (OCR'd) "
                        "again, about 2 s a page, and must still be where the run found them")


def _single(args: argparse.Namespace) -> int:
    require("spacy")
    from ..pipeline import process_file
    from ..review import write_page

    if len(args.inputs) != 1:
        raise UsageError("give one FILE (or use --run OUTDIR for the documents of a run)")
    path = Path(args.inputs[0])
    if not path.is_file():
        raise UsageError(f"no such file: {args.inputs[0]!r}")
    out = Path(args.output) if args.output else Path.cwd() / (path.name + ".html")
    if out.is_dir():
        out = out / (path.name + ".html")
    if out.resolve() == path.resolve():
        raise UsageError("the page would overwrite the document; choose another -o")
    from ..ingest import ocr
    from ..review.scan_pane import ScanPages

    # The pages Tesseract reads while extracting are kept for the page (images and word boxes):
    # a scan is read once.
    with ocr.capture_pages() as captured:
        rec = process_file(path)
    scan = ScanPages.captured(captured) if captured and not args.no_page_images else None
    write_page(rec, out, title=args.title, scan=scan)
    shown = f", {len(scan.images)} page images" if scan else ""
    print(f"wrote {out} ({len(rec.entities)} entities, {len(rec.awards)} awards{shown})")
    if rec.error:
        print(f"{path}: {rec.error.code}: {rec.error.message}")
        return 1
    return 0


def _from_run(args: argparse.Namespace) -> int:
    require("spacy")
    from ..review import write_page
    from ..review.run_pages import find_records, write_run_pages_counted

    outdir = Path(args.run)
    try:
        records = find_records(outdir, args.inputs)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    if not records:
        raise UsageError(f"no record in {outdir} matches {' '.join(args.inputs)!r}")
    scans = _scans_of if args.page_images else None
    if len(args.inputs) == 1 and len(records) == 1 and args.output and args.output.endswith(".html"):
        out = write_page(records[0], args.output, title=args.title, scan=scans(records[0]) if scans else None)
        print(f"wrote {out}")
    else:
        folder = Path(args.output) if args.output else outdir / "review"
        index, failed = write_run_pages_counted(records, folder, progress="vnadmin-extract highlight", scans=scans)
        print(f"wrote {len(records) - failed} pages and {index}"
              + (f"; {failed} pages could not be made (listed in the index)" if failed else ""))
        if failed:
            return 1
    return 1 if any(r.get("error") for r in records) else 0


def _scans_of(rec: dict) -> ScanPages | None:
    """A run's OCR'd document read again for its page images (None for the others)."""
    from ..review.scan_pane import read_scan

    source = rec.get("source") or {}
    if not source.get("ocr") or not rec.get("text") or not source.get("path"):
        return None
    return read_scan(source["path"], source.get("sha256"))


def run(args: argparse.Namespace) -> int:
    return _from_run(args) if args.run else _single(args)
