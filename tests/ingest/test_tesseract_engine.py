"""The two ways of running Tesseract (ingest/tesseract.py) read alike, and the choice between
them is the one the module documents."""

from __future__ import annotations

import ctypes
import os

import pytest
from ingest_testkit import corpus_file, need_ocr

from vnadmin_extract.ingest import tesseract


@pytest.fixture
def fresh_engine(monkeypatch):
    """The engine chosen again for the test's environment, and again after it."""
    tesseract.engine.cache_clear()
    tesseract.version.cache_clear()
    yield monkeypatch
    tesseract.engine.cache_clear()
    tesseract.version.cache_clear()


def _need_both() -> None:
    need_ocr()
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("tesserocr must be installed in CI (.ci/run builds it on the system's Tesseract)")
        pytest.skip("tesserocr is not installed")
    if tesseract._cli_tesseract() != tesseract._api_tesseract():
        pytest.skip("tesserocr bundles another Tesseract than the program's")


def _page(name: str, index: int = 0):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(corpus_file(name)))
    return pdf[index].render(scale=300 / 72).to_pil().getchannel("R")


def _read(engine: str, image, psm: int, monkeypatch) -> dict:
    monkeypatch.setenv("VNADMIN_OCR_ENGINE", engine)
    tesseract.engine.cache_clear()
    assert tesseract.engine() == engine
    data = tesseract.read_data(image, psm=psm, timeout=120)
    columns = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")
    rows = [tuple(data[c][i] for c in columns) for i in range(len(data["text"])) if str(data["text"][i]).strip()]
    return {"rows": [(*r[:7], int(float(r[7])), r[8]) for r in rows]}


def test_api_and_program_read_a_real_scan_alike(fresh_engine):
    """The Tờ trình 2753 (a seal over the signature): same words, boxes, whole-number
    confidences and block/paragraph/line numbers from the API as from the program, on the
    page (``--psm 3``) and on its signature corner read as sparse text (``--psm 11``)."""
    _need_both()
    page = _page("ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf")
    api = _read("api", page, 3, fresh_engine)
    cli = _read("cli", page, 3, fresh_engine)
    assert len(api["rows"]) > 250
    assert api == cli
    words = [r[-1] for r in api["rows"]]
    assert "TỜ" in words and "TRÌNH" in words
    corner = page.crop((page.width // 2, page.height * 2 // 3, page.width, page.height))
    assert _read("api", corner, 11, fresh_engine) == _read("cli", corner, 11, fresh_engine)


def test_api_and_program_turn_a_sideways_page_alike(fresh_engine):
    """mau-02 is scanned lying on its side: both ask for the same clockwise quarter turn."""
    _need_both()
    page = _page("mau-02-pli-bao-cao-su-dung-lao-dong-scan-rotated-jbig2.pdf")
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "api")
    tesseract.engine.cache_clear()
    api = tesseract.osd(page, 30)
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "cli")
    tesseract.engine.cache_clear()
    cli = tesseract.osd(page, 30)
    assert api is not None and cli is not None
    assert api[0] == cli[0] == 90
    assert abs(api[1] - cli[1]) < 0.1  # the program prints two decimals


def test_api_timeout_is_reported_as_one(fresh_engine):
    _need_both()
    page = _page("ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf")
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "api")
    with pytest.raises(tesseract.TesseractFailed) as failed:
        tesseract.read_data(page, psm=3, timeout=0.001)
    assert failed.value.timed_out
    # the API is usable again after a cancelled page
    blank = page.crop((0, 0, 50, 50)).point(lambda _: 255)
    assert [w for w in tesseract.read_data(blank, psm=11, timeout=30)["text"] if w.strip()] == []


def test_leptonica_messages_are_off_once_the_api_runs(fresh_engine):
    _need_both()
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "api")
    tesseract._api(tesseract.LANG)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        paths = {line.split()[-1] for line in maps if "lept" in line.rsplit("/", 1)[-1]}
    assert paths
    for path in paths:
        lib = ctypes.CDLL(path)
        assert lib.setMsgSeverity(6) == 6  # returns the severity it replaces: already "none"


def test_default_prefers_the_program_when_the_api_bundles_another_tesseract(fresh_engine):
    """A tesserocr wheel ships its own Tesseract; records must not depend on which got installed."""
    fresh_engine.delenv("VNADMIN_OCR_ENGINE", raising=False)
    fresh_engine.setattr(tesseract, "_api_ok", lambda: True)
    fresh_engine.setattr(tesseract, "_cli_ok", lambda: True)
    fresh_engine.setattr(tesseract, "_api_tesseract", lambda: "5.5.4")
    fresh_engine.setattr(tesseract, "_cli_tesseract", lambda: "5.3.0")
    assert tesseract.engine() == "cli"
    tesseract.engine.cache_clear()
    fresh_engine.setattr(tesseract, "_cli_tesseract", lambda: "5.5.4")
    assert tesseract.engine() == "api"
    tesseract.engine.cache_clear()
    fresh_engine.setattr(tesseract, "_cli_tesseract", lambda: None)  # no program: the API alone
    assert tesseract.engine() == "api"
    tesseract.engine.cache_clear()
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "api")  # asked for by name: taken as it is
    fresh_engine.setattr(tesseract, "_cli_tesseract", lambda: "5.3.0")
    assert tesseract.engine() == "api"


def test_engine_name_must_be_known(fresh_engine):
    fresh_engine.setenv("VNADMIN_OCR_ENGINE", "gpu")
    with pytest.raises(ValueError, match="must be 'api' or 'cli'"):
        tesseract.engine()


def test_no_engine_reads_nothing(fresh_engine):
    fresh_engine.delenv("VNADMIN_OCR_ENGINE", raising=False)
    fresh_engine.setattr(tesseract, "_api_ok", lambda: False)
    fresh_engine.setattr(tesseract, "_cli_ok", lambda: False)
    assert tesseract.engine() is None
    assert tesseract.version() == "none"
    from PIL import Image

    with pytest.raises(tesseract.TesseractFailed, match="not installed"):
        tesseract.read_data(Image.new("L", (10, 10), 255), psm=3, timeout=5)
