"""Running Tesseract: one place for every page, crop and orientation read.

Two engines give the same columns as ``pytesseract.image_to_data`` (text, word boxes,
per-word confidence and Tesseract's block, paragraph and line numbers):

- ``api`` (the default when installed): Tesseract's C++ API in this process, through
  tesserocr. The model is loaded once per process and the pixels are handed over as they
  are, with no file written and no program started. On the public scans this reads a page
  in about three quarters of the program's CPU time (``benchmarks/bench_ingest.py --scans``).
- ``cli``: the ``tesseract`` program through pytesseract, one process a read.

``VNADMIN_OCR_ENGINE=cli`` (or ``api``) picks one. Otherwise ``api`` when tesserocr imports,
finds the model and runs the same Tesseract version as the program (or there is no
program), else ``cli``. Both engines read the same model files, those of the Debian
packages ``tesseract-ocr-vie`` and ``tesseract-ocr-osd``; on the same pixels the two give
the same words, boxes, confidences and line numbers (tests/ingest/test_tesseract_engine.py).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

LANG = os.environ.get("VNADMIN_OCR_LANG", "vie")
OEM = 1  # the LSTM recogniser: the Debian model has no other
# Tesseract's OpenMP threads make it slower, not faster, on a small machine (measured:
# 4.4 s a page with the default threads, 1.8 s with one). Set before the library loads.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")
# Where Debian, Fedora, Homebrew and source builds put the model files.
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
)


class TesseractFailed(RuntimeError):
    """Tesseract could not read an image; ``timed_out`` when it ran out of time."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@functools.cache
def tessdata_dir() -> str | None:
    """The folder holding ``LANG.traineddata``: ``TESSDATA_PREFIX``, where the ``tesseract``
    program says its models are, or a usual place."""
    candidates: list[str] = []
    if os.environ.get("TESSDATA_PREFIX"):
        prefix = os.environ["TESSDATA_PREFIX"]
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    exe = shutil.which("tesseract")
    if exe:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
            found = re.search(r'"([^"]+)"', out.stdout + out.stderr)
            if found:
                candidates.append(found.group(1))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += list(_TESSDATA_DIRS)
    for folder in candidates:
        if (Path(folder) / f"{LANG}.traineddata").is_file():
            return str(Path(folder))
    return None


@functools.cache
def engine() -> str | None:
    """``api``, ``cli``, or None when neither can read ``LANG``."""
    wanted = os.environ.get("VNADMIN_OCR_ENGINE", "").strip().lower()
    if wanted not in ("", "api", "cli"):
        raise ValueError(f"VNADMIN_OCR_ENGINE must be 'api' or 'cli', not {wanted!r}")
    if wanted == "api" and _api_ok():
        return "api"
    # By default the API only when it runs the same Tesseract as the program (tesserocr
    # built on the system's library, as .ci/run builds it): a wheel that bundles another
    # Tesseract reads some pages differently, and records should not depend on which of
    # the two happened to be installed.
    if wanted == "" and _api_ok() and _cli_tesseract() in (None, _api_tesseract()):
        return "api"
    if wanted in ("", "cli") and _cli_ok():
        return "cli"
    return None


def _api_ok() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata_dir() is not None


def _api_tesseract() -> str:
    import tesserocr

    return str(tesserocr.tesseract_version().split()[1])


def _cli_tesseract() -> str | None:
    """The ``tesseract`` program's version, None when there is no program."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"tesseract\s+v?(\S+)", out.stdout + out.stderr)
    return found.group(1) if found else None


def _cli_ok() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return LANG in pytesseract.get_languages(config="")
    except Exception:
        return False


@functools.cache
def version() -> str:
    """The engine and Tesseract's version, e.g. ``api tesseract 5.3.4``: a record's OCR
    depends on both."""
    which = engine()
    if which == "api":

        return f"api tesseract {_api_tesseract()}"
    if which == "cli":
        return f"cli tesseract {_cli_tesseract()}"
    return "none"


# One API (its model loaded) per process and thread: Tesseract's API is not thread-safe.
_LOCAL = threading.local()


def _api(lang: str) -> Any:
    apis: dict[str, Any] | None = getattr(_LOCAL, "apis", None)
    if apis is None:
        apis = _LOCAL.apis = {}
    if lang not in apis:
        import tesserocr

        api = tesserocr.PyTessBaseAPI(path=tessdata_dir() or "", lang=lang,
                                      oem=tesserocr.OEM.LSTM_ONLY)
        # Tesseract's notes ("Estimating resolution as 389") go nowhere, as the program's
        # stderr did: a batch's progress bar is not the place for them.
        api.SetVariable("debug_file", os.devnull)
        _quiet_leptonica()
        apis[lang] = api
    return apis[lang]


@functools.cache
def _quiet_leptonica() -> None:
    """Leptonica's messages ("Error in pixScanForForeground: invalid box", printed when a
    crop of the page is blank) off: the program's stderr swallowed them, the API's would
    print them between the batch's progress lines. Best effort: Linux's map of loaded
    libraries names Leptonica's file."""
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "lept" in line.rsplit("/", 1)[-1]}
        for path in paths:
            ctypes.CDLL(path).setMsgSeverity(6)  # L_SEVERITY_NONE
    except (OSError, AttributeError):
        pass


def _raw(image: Any) -> tuple[bytes, int]:
    """The image's pixels and bytes per pixel: 8-bit gray or 24-bit colour, as a PPM file
    gives them to the program (no resolution field: Tesseract estimates it alike)."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("L" if image.mode in ("1", "LA", "I", "I;16", "F") else "RGB")
    return image.tobytes(), (1 if image.mode == "L" else 3)


def read_data(image: Any, psm: int, timeout: float) -> dict[str, list[Any]]:
    """Tesseract's words of ``image`` (a PIL image) read with page segmentation ``psm``, in
    ``image_to_data``'s columns; raises ``TesseractFailed``."""
    which = engine()
    if which == "api":
        return _api_data(image, psm, timeout)
    if which == "cli":
        return _cli_data(image, psm, timeout)
    raise TesseractFailed(f"Tesseract with the '{LANG}' model is not installed")


def _cli_data(image: Any, psm: int, timeout: float) -> dict[str, list[Any]]:
    import pytesseract

    # pytesseract hands the image over as a file, PNG unless told otherwise: PNG encoding
    # and decoding of a 300 dpi page cost up to 0.9 s. Raw PGM costs next to nothing and
    # gives Tesseract the same pixels without a resolution field (BMP carries one, and
    # Tesseract then reads the page differently: "TĨNH HĨNH" for "TÌNH HÌNH" on mau-02).
    image.format = "PPM"
    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image, lang=LANG, config=f"--oem {OEM} --psm {psm}",
            output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as exc:  # pytesseract's timeout
        if "timeout" in str(exc).lower():
            raise TesseractFailed(f"OCR took more than {timeout:.0f} s", timed_out=True) from exc
        raise TesseractFailed(str(exc)[:300]) from exc
    except Exception as exc:
        raise TesseractFailed(str(exc)[:300]) from exc
    return data


def _api_data(image: Any, psm: int, timeout: float) -> dict[str, list[Any]]:
    try:
        api = _api(LANG)
        pixels, depth = _raw(image)
        api.SetPageSegMode(psm)
        api.SetImageBytes(pixels, image.width, image.height, depth, image.width * depth)
        done = api.Recognize(timeout=max(1, int(timeout * 1000)))
        data = _tsv_columns(api) if done else None
        api.Clear()  # the page's results and the pixels' reference go now, not at the next read
    except Exception as exc:  # as the program's failures are: the page's error, not a crash
        raise TesseractFailed(str(exc)[:300]) from exc
    if data is None:
        raise TesseractFailed(f"OCR took more than {timeout:.0f} s or failed", timed_out=True)
    return data


_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text")


def _tsv_columns(api: Any) -> dict[str, list[Any]]:
    """The word rows of Tesseract's TSV output, numbered as its TSV renderer numbers them
    (blocks, paragraphs and lines counted from 1 at each word that starts one)."""
    import tesserocr
    from tesserocr import RIL

    data: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    it = api.GetIterator()
    if it is None:
        return data
    block = par = line = word = 0
    for w in tesserocr.iterate_level(it, RIL.WORD):
        if w.Empty(RIL.WORD):
            continue
        if w.IsAtBeginningOf(RIL.BLOCK):
            block, par, line, word = block + 1, 0, 0, 0
        if w.IsAtBeginningOf(RIL.PARA):
            par, line, word = par + 1, 0, 0
        if w.IsAtBeginningOf(RIL.TEXTLINE):
            line, word = line + 1, 0
        word += 1
        box = w.BoundingBox(RIL.WORD)
        if box is None:
            continue
        x0, y0, x1, y1 = box
        for col, value in zip(_COLUMNS, (5, 1, block, par, line, word, x0, y0, x1 - x0, y1 - y0,
                                         # whole numbers, as the TSV has them
                                         int(w.Confidence(RIL.WORD)), w.GetUTF8Text(RIL.WORD) or ""),
                              strict=True):
            data[col].append(value)
    return data


def osd(image: Any, timeout: float) -> tuple[int, float] | None:
    """The clockwise rotation (0, 90, 180, 270) that makes ``image`` upright and Tesseract's
    confidence in it; None when Tesseract fails or the ``osd`` model is missing."""
    which = engine()
    if which == "api":
        try:
            api = _api("osd")
            pixels, depth = _raw(image)
            api.SetPageSegMode(0)
            api.SetImageBytes(pixels, image.width, image.height, depth, image.width * depth)
            found = api.DetectOrientationScript()
            api.Clear()
        except Exception:
            return None
        if not found:
            return None
        # orient_deg is how far the page is turned clockwise: turning it back upright takes
        # the rest of a full turn, as the program's "Rotate:" line says.
        return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])
    if which == "cli":
        import pytesseract

        try:
            image.format = "PPM"
            out = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
        except Exception:
            return None
        rot, conf = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
        if not rot or not conf:
            return None
        return int(rot.group(1)) % 360, float(conf.group(1))
    return None
