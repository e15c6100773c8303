"""Page orientation before OCR: quarter turns (Tesseract OSD) and small skew (projection).

A scanned page may lie on its side (a landscape form scanned in portrait,
``mau-02-...-rotated-jbig2.pdf``) or be a degree or two off; Tesseract reads neither well,
and a skewed page's lines merge in the line finder. Both checks run on a copy reduced to
a quarter (75 dpi for a 300 dpi render), so they cost a few milliseconds a page:

- between text lines there are empty pixel rows (a quarter to two thirds of the rows of
  the text area on the public scans), while hardly any column of the text area is empty;
  a page on its side has it the other way round. Only then is Tesseract's orientation
  detection (``--psm 0``, about a second) asked which way to turn, so upright pages never
  pay for it;
- the skew is the angle, within ``MAX_SKEW`` degrees, that makes the row profile
  sharpest (a projection-profile search in ``SKEW_STEP`` steps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EMPTY_INK = 2  # a row or column of the reduced page with at most this many inked pixels is empty
MAX_SKEW = 3.0
SKEW_STEP = 0.25
MIN_SKEW = 0.4  # smaller angles are left alone (levelling a 0.5 degree page still mends words: "tổng" not "tông")
_REDUCE = 4


@dataclass(frozen=True)
class Orientation:
    rotated: int  # degrees turned counter-clockwise to make the page upright (0, 90, 180, 270)
    skew: float  # degrees turned counter-clockwise to level the lines


def _reduced(image: Any) -> Any:
    return image.resize((max(1, image.width // _REDUCE), max(1, image.height // _REDUCE)))


def _ink(image: Any, small: Any = None) -> Any:
    import numpy as np

    return np.asarray(small if small is not None else _reduced(image), dtype=np.uint8) < 128


def _sharpness(profile: Any) -> float:
    import numpy as np

    return float(np.mean(np.diff(profile.astype(float)) ** 2)) if profile.size > 1 else 0.0


def _empty_share(profile: Any) -> float:
    """Share of empty lines (rows or columns) between the first and the last inked one."""
    import numpy as np

    inked = np.nonzero(profile)[0]
    if inked.size == 0:
        return 0.0
    inner = profile[inked[0]:inked[-1] + 1]
    return float((inner <= EMPTY_INK).mean())


def sideways(image: Any, small: Any = None) -> bool:
    """The page's lines look vertical (a page on its side). ``small``: the page already reduced."""
    ink = _ink(image, small)
    return _empty_share(ink.sum(0)) > _empty_share(ink.sum(1))


def skew_angle(image: Any, small: Any = None) -> float:
    """The small rotation (degrees, counter-clockwise) that levels the text lines. ``small``:
    the page already reduced (the same copy ``sideways`` looked at: one reduction a page)."""
    from PIL import Image

    small = small if small is not None else _reduced(image)
    def score(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=255) if angle else small
        return _sharpness(_ink_full(turned).sum(1))

    # Coarse to fine: every other step first, then the two steps beside the best one.
    coarse = [k * 2 * SKEW_STEP for k in range(-int(MAX_SKEW / (2 * SKEW_STEP)), int(MAX_SKEW / (2 * SKEW_STEP)) + 1)]
    scores = {a: score(a) for a in coarse}
    best = max(coarse, key=lambda a: (scores[a], -abs(a)))
    for a in (best - SKEW_STEP, best + SKEW_STEP):
        if abs(a) <= MAX_SKEW:
            scores[a] = score(a)
    return max(scores, key=lambda a: (scores[a], -abs(a)))


def _ink_full(image: Any) -> Any:
    import numpy as np

    return np.asarray(image, dtype=np.uint8) < 128




OSD_REDUCE = 2  # orientation is asked of a half-size copy first (150 dpi for a 300 dpi render)


def osd_rotation(image: Any, timeout: float = 30) -> int:
    """Tesseract's clockwise rotation (0, 90, 180, 270) to make the page upright; 0 when
    unsure or when the ``osd`` model is missing.

    The half-size copy costs about two thirds of the full page (0.63 against 0.90 CPU s on
    mau-02) and gives the same answer on the public scans; when it is unsure, the full page
    is asked."""
    small = image.resize((max(1, image.width // OSD_REDUCE), max(1, image.height // OSD_REDUCE)))
    found = _osd(small, timeout)
    return found if found is not None else (_osd(image, timeout) or 0)


def _osd(image: Any, timeout: float) -> int | None:
    """The rotation, or None when Tesseract is unsure or fails."""
    from . import tesseract

    found = tesseract.osd(image, timeout)
    if found is None or found[1] < 1.0:
        return None
    return found[0]


def straighten(image: Any, timeout: float = 30) -> tuple[Any, Orientation]:
    """``image`` (mode L) upright and levelled, and what was done to it; ``timeout``
    bounds the orientation detection."""
    from PIL import Image

    rotated = 0
    small = _reduced(image)
    if sideways(image, small):
        clockwise = osd_rotation(image, timeout)
        if clockwise:
            rotated = (360 - clockwise) % 360
            image = image.rotate(-clockwise, expand=True, fillcolor=255)
            small = _reduced(image)
    angle = skew_angle(image, small)
    if abs(angle) >= MIN_SKEW:
        image = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    else:
        angle = 0.0
    return image, Orientation(rotated, angle)
