"""Is a PDF text layer Vietnamese? (issue 13, class 6: text layers that lie).

A scanner's OCR layer (OmniPage, a Kodak driver) or a broken font map gives a text layer
that looks like text but is not what is printed: "NGAY 17/812023 CUA TITUNG TRIJ'C",
"thrc hin", "cüa", "näm". Trusting it yields wrong headers without a warning; such a page
is better rendered and OCR'd again.

The test is the share of words that are well-formed Vietnamese syllables
(``legacy.is_vietnamese_word``: onset + rhyme + at most one tone, the stop-coda rule) among
the letter runs of two letters or more. A born-digital page scores 0.82-1.00 on the
public corpus (tables of prices and abbreviations are the low end); the OmniPage layer of
a scanned letter scores 0.60-0.67. Legacy TCVN3/VNI layers score low before conversion,
so a page is judged on the better of its text as read and its text through
``legacy.repair_text``. A layer that lost every diacritic ("CONG HOA xA HQI CHU NGHIA")
is caught by the share of words with a mark. A layer with no sign of Vietnamese at all (no
marked words, no common Vietnamese words: an English page) is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import legacy

MIN_WORDS = 30  # fewer words than this: too little to judge, the layer is kept
MIN_VALID = 0.75  # below this share of valid syllables the layer is rejected
MAX_UNMARKED = 0.15  # share of words with a diacritic below which ...
MIN_BARE_COMMON = 0.08  # ... and common Vietnamese words without marks above which: lost marks

_WORD = re.compile(r"[^\W\d_]{2,}")

_BARE_VIETNAMESE = frozenset(
    "cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc ngay thang nam so cua va cac "
    "nhan dan uy ban tinh thanh pho ve viec trong nhung duoc cho voi theo tai bao giao duc "
    "quyet dinh thong tri khen thuong thi dua".split()
)


@dataclass(frozen=True)
class LayerVerdict:
    words: int
    valid: float  # share of well-formed syllables (the better of as-read and legacy-repaired)
    marked: float  # share of words with a non-ASCII letter
    reason: str | None  # why the layer is rejected, None when it is kept

    @property
    def rejected(self) -> bool:
        return self.reason is not None


def _valid_share(words: list[str]) -> float:
    return sum(1 for w in words if legacy.is_vietnamese_word(w)) / len(words)


def judge(text: str) -> LayerVerdict:
    """The verdict on one page's text layer."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    n = len(words)
    if n < MIN_WORDS:
        return LayerVerdict(n, 1.0, 1.0, None)
    marked = sum(1 for w in words if not w.isascii()) / n
    common = sum(1 for w in words if w.lower() in _BARE_VIETNAMESE) / n
    if marked < MAX_UNMARKED and common > MIN_BARE_COMMON:
        return LayerVerdict(n, _valid_share(words), marked,
                            f"Vietnamese without diacritics ({marked:.0%} of {n} words have one)")
    if marked < MAX_UNMARKED and common <= MIN_BARE_COMMON:
        # No sign of Vietnamese at all (an English page, a page of codes): not a lying
        # layer of a Vietnamese page, and OCR with the Vietnamese model would not help.
        return LayerVerdict(n, _valid_share(words), marked, None)
    valid = _valid_share(words)
    if valid < MIN_VALID:
        repaired, found, _ = legacy.repair_text(text)
        if found:
            again = _WORD.findall(unicodedata.normalize("NFC", repaired))
            if again:
                valid = max(valid, _valid_share(again))
    if valid < MIN_VALID:
        return LayerVerdict(n, valid, marked,
                            f"not Vietnamese ({valid:.0%} of {n} words are Vietnamese syllables)")
    return LayerVerdict(n, valid, marked, None)
