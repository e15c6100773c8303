"""Review pages: everything from records is escaped, control characters do not crash a page,
one bad record does not stop the others, and pages never land in the input tree (issue 15,
items 12 and 15)."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from vnadmin_extract.cli import main
from vnadmin_extract.pipeline import process_text
from vnadmin_extract.review import build_page
from vnadmin_extract.review.page import xml_safe
from vnadmin_extract.review.run_pages import find_records, page_name, write_run_pages_counted

EVIL = "<img src=x onerror=alert(1)>"


def _record_with_evil_type() -> dict:
    rec = json.loads(process_text("Giám đốc Sở tặng Bằng khen cho 02 tập thể.").model_dump_json())
    rec["entities"] = [{"type": EVIL, "text": "Giám đốc", "start": 0, "end": 8, "value": EVIL, "source": EVIL}]
    return rec


def test_an_entity_type_from_records_is_text_not_markup() -> None:
    page = build_page(_record_with_evil_type())
    root = lxml.html.document_fromstring(page)
    assert root.xpath("//img") == [] and root.xpath("//@onerror") == []
    assert EVIL in root.text_content()  # shown, as text


def test_control_characters_are_replaced_keeping_offsets() -> None:
    text = "Số: 12\x01/QĐ\x1b-UBND\x0cngày 1\ufffe"
    assert xml_safe(text) == "Số: 12\ufffd/QĐ\ufffd-UBND\ufffdngày 1\ufffd" and len(xml_safe(text)) == len(text)
    rec = json.loads(process_text("Quảng Ngãi, ngày 23 tháng 01 năm 2024\nTặng Bằng khen cho 02 tập thể.")
                     .model_dump_json())
    rec["text"] = rec["text"].replace("Bằng khen", "Bằng\x01khen") + "\x02"
    page = build_page(rec)
    assert "Bằng\ufffdkhen" in page and "\x01" not in page


def test_the_vni_ground_truth_with_control_characters_gets_a_page(public_dir: Path, tmp_path: Path) -> None:
    src = public_dir / "qd-ubnd-binhphuoc-991-2008-vni.gt.txt"
    if not src.is_file():
        pytest.skip("corpus-public file not present")
    out = tmp_path / "page.html"
    assert main(["highlight", str(src), "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000


def test_one_record_that_cannot_be_drawn_does_not_stop_the_others(tmp_path: Path) -> None:
    good = json.loads(process_text("Tặng Bằng khen cho 02 tập thể.").model_dump_json())
    broken = {**good, "doc_id": "badbadbadbad0001", "header": "not an object"}
    escaping = {**good, "doc_id": "../../escape"}
    index, failed = write_run_pages_counted([broken, good, escaping], tmp_path / "pages")
    assert failed == 1
    names = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert names == sorted(["index.html", page_name(good), page_name(escaping)])
    assert page_name(escaping).startswith("doc-") and not (tmp_path / "escape").exists()
    assert "page not written: AttributeError" in index.read_text(encoding="utf-8")


def test_highlight_writes_into_the_current_folder_not_next_to_the_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    doc = archive / "qd.txt"
    doc.write_text("Số: 1/QĐ-UBND\nTặng Bằng khen cho 02 tập thể.", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["highlight", str(doc)]) == 0
    assert sorted(p.name for p in archive.iterdir()) == ["qd.txt"]
    assert (work / "qd.txt.html").is_file()


def test_highlight_run_lists_every_record(tmp_path: Path) -> None:
    out = tmp_path / "run"
    out.mkdir()
    good = process_text("Tặng Bằng khen cho 02 tập thể.").model_dump_json()
    broken = json.loads(good)
    broken.update(doc_id="feedfeedfeedfeed", header="oops")
    (out / "records.jsonl").write_text(good + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    assert len(find_records(out)) == 2
    assert main(["highlight", "--run", str(out), "-o", str(tmp_path / "pages")]) == 1
    assert len(list((tmp_path / "pages").glob("*.html"))) == 2  # the good page and the index
