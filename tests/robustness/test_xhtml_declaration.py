"""XHTML that starts with an XML declaration naming its encoding is read (issue 15, item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness import hostile as H
from vnadmin_extract.pipeline import process_file

BODY = ("<body><h1>Quyết định về việc tặng Bằng khen</h1><p>Số: 12/QĐ-UBND</p>"
        "<p>Quảng Ngãi, ngày 15 tháng 3 năm 2024</p><p>Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "cho 02 tập thể và 03 cá nhân đã có thành tích xuất sắc trong công tác năm 2023.</p></body>")


@pytest.mark.parametrize(("declaration", "encoding"), [
    ('<?xml version="1.0" encoding="UTF-8"?>', "utf-8"),
    ("<?xml version='1.0' encoding='utf-8' standalone='yes'?>", "utf-8"),
    ('<?xml version="1.0" encoding="windows-1258"?>', "cp1258"),
])
def test_xhtml_with_an_encoding_declaration_is_read(tmp_path: Path, declaration: str, encoding: str) -> None:
    page = (f'{declaration}\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f"<title>QĐ 12</title></head>{BODY}</html>")
    path = tmp_path / "page.xhtml"
    path.write_bytes(H.cp1258_bytes(page) if encoding == "cp1258" else page.encode(encoding))
    rec = process_file(path)
    assert rec.error is None, rec.error
    assert "12/QĐ-UBND" in (rec.text or "") and rec.header.date.value == "2024-03-15"
