"""Every XML part of a DOCX is parsed by a parser that stops at a DTD, whatever the part's
name, its encoding or the length of its prolog (issue 15, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness import hostile as H
from vnadmin_extract import errors
from vnadmin_extract.pipeline import process_file

_DOCTYPE = f"<!DOCTYPE w:document [{H._LAUGHS}]>"


def _xml(doctype: str = _DOCTYPE, prolog: str = "", encoding: str = "UTF-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>\n{prolog}{doctype}'
            f'<w:document xmlns:w="{H.W_NS}"><w:body>{H._para("Báo cáo tổng kết")}{H._para("&lol9;")}'
            "</w:body></w:document>")


def _content_types_for(main: str) -> bytes:
    parts = H.docx_parts()
    types = parts["[Content_Types].xml"].decode()
    return types.replace('PartName="/word/document.xml"', f'PartName="/{main}"').encode()


def _rels_for(main: str) -> bytes:
    return H.docx_parts()["_rels/.rels"].decode().replace('Target="word/document.xml"', f'Target="{main}"').encode()


CASES = {
    "utf-16-without-bom": {"word/document.xml": _xml(encoding="UTF-16").encode("utf-16-le")},
    "utf-16-big-endian-without-bom": {"word/document.xml": _xml(encoding="UTF-16").encode("utf-16-be")},
    "prolog-over-64-kb": {"word/document.xml": _xml(prolog="<!--" + "x" * 70_000 + "-->").encode()},
    "white-space-before-64-kb": {"word/document.xml": ("\n" * 70_000 + _xml()[_xml().index("<!DOCTYPE"):]).encode()},
    "main-part-not-named-xml": {
        "word/document.bin": _xml().encode(), "[Content_Types].xml": _content_types_for("word/document.bin"),
        "_rels/.rels": _rels_for("word/document.bin"),
    },
    "doctype-in-a-custom-part": {"customXml/item9.dat": _xml().encode()},
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_dtd_is_refused_wherever_it_hides(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(H.docx_with(CASES[name]))  # type: ignore[arg-type]
    rec = process_file(path)
    assert rec.error is not None and rec.error.code == errors.E_DOCX, rec.error
    assert "declares a DTD or entities" in rec.error.message


def test_ordinary_docx_and_binary_parts_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.docx"
    path.write_bytes(H.docx_with({"word/media/image1.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000,
                                  "customXml/item1.xml": b"<a>\n</a>", "docProps/empty.xml": b""}))
    rec = process_file(path)
    assert rec.error is None and "12/QĐ-UBND" in (rec.text or "")
