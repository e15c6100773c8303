"""The review page of a scan: page images beside the text, the OCR boxes of each value on them,
the review reasons and warnings at the top. On a real scan of ../shared/corpus-public (the
Quảng Bình decision 2871/QĐ-UBND, two pages: the decision, then the list of recipients)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from tests.browser import browser, needs_chromium
from vnadmin_extract.cli import main
from vnadmin_extract.ingest import ocr
from vnadmin_extract.pipeline import process_file
from vnadmin_extract.review import build_page
from vnadmin_extract.review.ocr_align import WordMap
from vnadmin_extract.review.scan_pane import ScanPages, marks_for, read_scan

SCAN = "qd-ubnd-quangbinh-2871-2022-tang-bang-khen-5-tap-the-4-ca-nhan-scan.pdf"
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract with 'vie' is not installed")
pytestmark = needs_tesseract


@pytest.fixture(scope="module")
def scan_doc(public_dir: Path):
    """The record of the scan and the pages Tesseract read while extracting it."""
    path = public_dir / SCAN
    if not path.is_file():
        pytest.skip(f"{SCAN} is not in corpus-public")
    with ocr.capture_pages() as captured:
        rec = process_file(path)
    return path, rec.model_dump(mode="json"), ScanPages.captured(captured)


@pytest.fixture(scope="module")
def page_html(scan_doc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _, _ = scan_doc
    out = tmp_path_factory.mktemp("scan-review") / "2871.html"
    assert main(["highlight", str(path), "-o", str(out)]) == 0
    return out


def test_capture_keeps_nothing_outside_the_block(scan_doc) -> None:
    _, _, scan = scan_doc
    assert len(scan.images) == len(scan.results) == 2
    assert all(img.size == tuple(r.size) for img, r in zip(scan.images, scan.results, strict=True))
    assert ocr._CAPTURE.get() is None  # extraction outside ``capture_pages`` pays nothing


def test_every_word_of_the_text_finds_its_ocr_word(scan_doc) -> None:
    _, rec, scan = scan_doc
    wm = WordMap(rec["text"], scan.words)
    assert wm.coverage >= 0.95
    # a word the header repair changed ("QUYÉT" read, "QUYẾT" in the text) still finds its box
    start = rec["text"].index("QUYẾT ĐỊNH")
    assert [b.page for b in wm.boxes(start, start + len("QUYẾT ĐỊNH"))] == [0]


def test_values_lie_where_they_are_printed(scan_doc) -> None:
    _, rec, scan = scan_doc
    text = rec["text"]
    marks = marks_for(text, scan)
    assert marks is not None
    (w1, h1), (w2, h2) = (tuple(r.size) for r in scan.results)
    # the document number: page 1, in the header's top third
    number = text.index(rec["header"]["number"]["raw"])
    assert marks.add("row-hdr-number", "number", number, number + len(rec["header"]["number"]["raw"]))
    _, _, boxes = marks.groups["row-hdr-number"]
    assert boxes and {b.page for b in boxes} == {0} and all(b.bottom < h1 / 3 for b in boxes)
    assert all(b.x1 < w1 / 2 for b in boxes)  # the issuer's column, left of the motto
    # the signer: page 1, below the middle, at the right (the signature block)
    signer = rec["signers"][0]
    assert signer["name"] == "Trần Thắng"
    assert marks.add("row-signer-0", "signer", signer["start"], signer["end"])
    _, _, boxes = marks.groups["row-signer-0"]
    assert len(boxes) > 0 and {b.page for b in boxes} == {0}
    assert all(b.top > h1 / 2 and b.x0 > w1 / 2 for b in boxes)
    # the award statement (Điều 1) on page 1; its nine named recipients on page 2, the list
    award = rec["awards"][0]
    assert (award["award"], award["collectives"], award["individuals"]) == ("Bằng khen", 5, 4)
    assert {b.page for b in marks.wordmap.boxes(award["start"], award["end"])} == {0}
    recipients = award["recipients"]
    assert len(recipients) == 9
    pages = [{b.page for b in marks.wordmap.boxes(r["start"], r["end"])} for r in recipients]
    assert pages == [{1}] * 9
    boxes = [marks.wordmap.boxes(r["start"], r["end"]) for r in recipients]
    tops = [min(b.top for b in bs) for bs in boxes]
    assert tops == sorted(tops)  # listed top to bottom, as in the table
    assert all(b.bottom < h2 / 2 and b.x1 <= w2 for bs in boxes for b in bs)  # the list fills the top half


def test_page_shows_images_boxes_and_review_at_the_top(page_html: Path) -> None:
    page = page_html.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    images = tree.xpath('//section[@id="scan"]//img')
    assert [img.get("alt") for img in images] == ["page 1", "page 2"]
    assert all(img.get("src").startswith("data:image/png;base64,") for img in images)
    assert not re.search(r'src="(?!data:)', page)  # nothing outside the page
    # top: the review reasons and every warning, before the text
    top = tree.xpath('//header[@class="top"]')[0]
    reasons = [c.text for c in top.xpath('.//div[@id="review"]/code')]
    assert reasons == ["ocr_repaired", "number_illegible", "date_partial", "ocr"]
    assert [c.text for c in top.xpath('.//ul[@id="top-warnings"]//code')] == [
        "W_OCR_REPAIRED", "W_OCR_REPAIRED", "W_NUMBER_ILLEGIBLE", "W_DATE_ILLEGIBLE"]  # header, words
    # rows link to their boxes, boxes back to their rows
    number = tree.xpath('//a[@id="ocr-row-hdr-number"]')[0]
    assert number.get("href") == "#row-hdr-number" and number.getparent().getparent().get("id") == "page-1"
    assert tree.xpath('//tr[@id="row-hdr-number"]//a[@href="#ocr-row-hdr-number"]')
    signer = tree.xpath('//a[@id="ocr-row-signer-0"]')[0]
    assert int(signer.get("data-boxes")) > 0 and len(signer.xpath('./span[@class="box"]')) == int(signer.get("data-boxes"))
    recipients = tree.xpath('//a[starts-with(@id, "ocr-row-award-0-r")]')
    assert len(recipients) == 9 and {r.get("href") for r in recipients} == {"#row-award-0"}
    assert {r.getparent().getparent().get("id") for r in recipients} == {"page-2"}
    assert len(tree.xpath('//section[@id="scan"]//span[@class="ent"]')) > 20


def test_a_text_document_has_no_image_pane(seeds_dir: Path) -> None:
    from vnadmin_extract import extract_file

    rec = extract_file(sorted(seeds_dir.glob("*.txt"))[0])
    tree = lxml.html.fromstring(build_page(rec, scan=ScanPages([], [])))
    assert not tree.xpath('//section[@id="scan"]') and not tree.xpath("//img")
    assert tree.xpath('//div[@class="layout"]') and tree.xpath('//div[@id="review"]')


def test_run_pages_read_the_scan_again(scan_doc, tmp_path: Path) -> None:
    path, rec, _ = scan_doc
    again = read_scan(path, rec["source"]["sha256"])
    assert len(again.images) == 2 and again.note is None
    moved = read_scan(tmp_path / "gone.pdf")
    assert moved.images == [] and "is not there any more" in (moved.note or "")
    changed = read_scan(path, "0" * 64)
    assert changed.images == [] and "changed since the record was made" in (changed.note or "")


@needs_chromium
def test_page_in_headless_chromium(page_html: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    shots = tmp_path_factory.mktemp("scan-review-screenshots")
    print(f"\nscreenshots in {shots}")
    url = page_html.as_uri()
    shot = shots / "scan-review.png"
    done = browser(url, f"--screenshot={shot}", window="1400,1000")
    assert done.returncode == 0 and shot.stat().st_size > 50_000
    dom = browser(url, "--dump-dom", window="1400,1000")
    assert dom.returncode == 0
    tree = lxml.html.fromstring(dom.stdout)
    assert tree.xpath('//div[contains(@class, "layout") and contains(@class, "with-scan")]/section[@id="scan"]')
    assert "Needs review — cần kiểm tra" in dom.stdout


def test_highlight_run_with_page_images(scan_doc, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, rec, _ = scan_doc
    out = tmp_path / "out"
    assert main(["run", str(path), "-o", str(out), "--workers", "1"]) == 0
    plain, imaged = tmp_path / "plain", tmp_path / "imaged"
    assert main(["highlight", "--run", str(out), "-o", str(plain)]) == 0
    assert main(["highlight", "--run", str(out), "--page-images", "-o", str(imaged)]) == 0
    name = f"{rec['doc_id']}.html"
    without = lxml.html.fromstring((plain / name).read_text(encoding="utf-8"))
    with_images = lxml.html.fromstring((imaged / name).read_text(encoding="utf-8"))
    assert not without.xpath("//img")  # reading the scan again costs OCR time: only when asked
    assert len(with_images.xpath('//section[@id="scan"]//img')) == 2
    assert with_images.xpath('//a[@id="ocr-row-signer-0"]')
