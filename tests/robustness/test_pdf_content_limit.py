"""A PDF whose drawing instructions inflate to hundreds of megabytes is refused before PDFium
parses it (issue 15, item 8): checking costs the limit's worth of inflating, not the bomb's."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tests.robustness import hostile as H
from vnadmin_extract import errors
from vnadmin_extract.ingest import limits
from vnadmin_extract.pipeline import process_file


def test_a_content_stream_bomb_is_too_large_before_rendering(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(H.pdf_content_bomb(400))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    rec = process_file(bomb)
    assert rec.error is not None and rec.error.code == errors.E_TOO_LARGE
    assert "inflate to more than 64 MB" in rec.error.message


def test_counting_stops_just_past_the_limit() -> None:
    data = H.pdf_content_bomb(100)
    limit = 1024 * 1024
    size = limits.pdf_content_size(data, limit)
    assert limit < size <= limit + 2 * 65536  # one chunk past it: the bomb is never inflated whole
    assert limits.pdf_content_size(data, 1 << 40) > 99 * 1024 * 1024


def test_ordinary_pdfs_and_images_pass() -> None:
    assert limits.pdf_content_size(H.admin_pdf(3), 1 << 40) == 0  # uncompressed streams are read as they are
    image = zlib.compress(b"\\x00" * 50_000_000)  # a big Flate image: PDFium decodes images lazily
    pdf = H.pdf_bytes([b"<< /Type /Catalog >>",
                       H._stream(image, b"/Type /XObject /Subtype /Image /Filter /FlateDecode ")])
    assert limits.pdf_content_size(pdf, 1 << 40) == 0
    with limits.use(limits.Limits(max_content=10)):
        limits.check_pdf_content(H.admin_pdf(1))


@pytest.mark.parametrize("name", ["pdf-content-bomb"])
def test_the_limit_is_an_option(tmp_path: Path, name: str) -> None:
    path = H.build(H.BY_NAME[name], tmp_path)
    with limits.use(limits.Limits(max_content=1024 * 1024 * 1024)):
        assert limits.pdf_content_size(path.read_bytes(), 64 * 1024 * 1024) > 64 * 1024 * 1024
