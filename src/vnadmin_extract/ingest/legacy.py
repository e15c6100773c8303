"""Legacy Vietnamese 8-bit encodings (TCVN3, VNI, VISCII) and mojibake, to Unicode.

Text set in a legacy font reaches us as the font's code points read as Windows-1252 /
Latin-1 ("B¸o c¸o tæng kÕt" is TCVN3 for "Báo cáo tổng kết", "Quyeát ñònh" is VNI for
"Quyết định"). Conversion is a longest-match table lookup (``viparse``'s tables, with
VNI's gaps ẳ/Ẳ and single-byte ỵ/Ỵ filled) followed by NFC; whitespace is never touched,
so the text keeps its lines and paragraphs.

Two ways to know a run is legacy:
- by its font, when the format keeps fonts (DOCX, RTF, PDF): ``.VnTime`` is TCVN3,
  ``.VnTimeH`` is TCVN3 drawn in capitals, ``VNI-Times`` is VNI (``decode_run``);
- by its content (``repair``), for formats that lose fonts (.doc through antiword, .txt):
  each word is tried as it is and through each table, and the one that gives valid
  Vietnamese syllables wins. Votes are taken per line, so a document mixing TCVN3 and
  VNI paragraphs converts each with its own table, and a word that reads as Unicode in a
  legacy line (a name typed later in Times New Roman) is left alone.

Capitals: TCVN3 has no precomposed capital toned letters; headings were set in the
``.VnTimeH`` font, which draws lower-case codes as capitals. With the font name known the
run is upper-cased; without it, a word whose ASCII letters are all capitals but whose
legacy letters decode lower-case ("MôC LôC" -> "MụC LụC") is upper-cased ("MỤC LỤC").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace

from viparse.normalize.tables import Charmap, build_charmap
from viparse.normalize.tables import convert as _table_convert
from viparse.normalize.tcvn3 import TCVN3
from viparse.normalize.viscii import VISCII
from viparse.normalize.vni import VNI as _VIPARSE_VNI

from ..errors import W_LEGACY_ENCODING, W_MOJIBAKE_REPAIRED
from ..vietnamese import is_vietnamese_word
from .base import RawText
from .legacy_caps import restore_lines

__all__ = [
    "CHARMAPS", "convert", "decode_run", "encode", "font_encoding", "is_vietnamese_word",
    "repair", "repair_text",
]

# VNI-Windows letters viparse leaves out (present in UniKey's VNI-WIN table): ẳ/Ẳ are
# base + "ú"/"Ú", and ỵ/Ỵ also have the single bytes 0xEE/0xCE.
VNI = build_charmap("vni", [*_VIPARSE_VNI.pairs, ("aú", "ẳ"), ("AÚ", "Ẳ"), ("î", "ỵ"), ("Î", "Ỵ")])

CHARMAPS: dict[str, Charmap] = {"tcvn3": TCVN3, "vni": VNI, "viscii": VISCII}

# Syllable well-formedness lives with the other Vietnamese text rules (vietnamese.py).


_PIECE_SPLIT = re.compile(r"[\x21-\x40\x5b-\x60\x7b-\x7e]+")
_ABBREVIATION = re.compile(r"^[A-ZĐ]{2,}$")


def _valid(token: str) -> bool:
    """``token`` reads as Vietnamese: split on ASCII punctuation and digits ("QĐ-TTg"),
    every piece is letters only and is a syllable, an abbreviation or plain ASCII."""
    pieces = [p for p in _PIECE_SPLIT.split(unicodedata.normalize("NFC", token)) if p]
    if not pieces:
        return False
    for piece in pieces:
        if piece.isascii():
            if not piece.isalpha():
                return False
            continue
        if not piece.isalpha():
            return False
        if not (is_vietnamese_word(piece) or _ABBREVIATION.match(piece)):
            return False
    return True


# --- fonts ------------------------------------------------------------------------------

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"(?:[,-]?(?:Bold|Italic|Oblique|Regular|Roman|BoldItalic|MT|PS))+$", re.I)


@functools.lru_cache(maxsize=1024)
def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """``(encoding, capitals)`` a font name implies: ``(".VnTimeH")`` -> ``("tcvn3", True)``."""
    if not font:
        return None, False
    name = _SUBSET_TAG.sub("", font.strip()).split(",")[0].strip()
    bare = name.lstrip(".")
    low = bare.lower()
    if low.startswith("vni"):
        return "vni", False
    if low.startswith("vn") and (name.startswith(".") or bare[:2] == "Vn"):
        core = _STYLE_SUFFIX.sub("", bare)
        return "tcvn3", core.endswith("H")
    if low.startswith(("viscii", "vn-viscii")) or low.endswith("viscii"):
        return "viscii", False
    return None, False


# A PDF text layer gives TCVN3's ư (0xAD) as U+2212 and ã (0xB7) as U+2219; viparse
# restores them beside a letter, but not beside another legacy code ("−¬ng" is ương).
_PDF_GLYPHS = re.compile(r"(?<=[\xa1-\xfe])[\u2212\u2219]|[\u2212\u2219](?=[\xa1-\xfe])")


def convert(text: str, encoding: str, capitals: bool = False) -> str:
    """Convert ``text`` from a legacy encoding with the table; whitespace is untouched."""
    if encoding == "tcvn3" and ("\u2212" in text or "\u2219" in text):
        text = _PDF_GLYPHS.sub(lambda m: "\xad" if m.group() == "\u2212" else "\xb7", text)
    out = _table_convert(text, CHARMAPS[encoding])
    return out.upper() if capitals else out


def decode_run(text: str, font: str | None) -> tuple[str, str | None]:
    """Convert one run by its font name; return ``(text, encoding or None)``."""
    encoding, capitals = font_encoding(font)
    if encoding is None or not text:
        return text, None
    return convert(text, encoding, capitals), encoding


@functools.cache
def _inverse(encoding: str) -> dict[str, str]:
    inverse: dict[str, str] = {}
    for legacy_seq, uni in CHARMAPS[encoding].pairs:
        # Prefer the single-byte form when a letter has two (VNI ỵ: "î" and "yï").
        if uni not in inverse or len(legacy_seq) < len(inverse[uni]):
            inverse[uni] = legacy_seq
    return inverse


def encode(text: str, encoding: str, capitals_font: bool = False, strict: bool = True) -> str:
    """Unicode -> legacy code points (the inverse of ``convert``); used to make fixtures.

    TCVN3 has no capital toned letters: with ``capitals_font`` (a ``.VnTimeH`` run) every
    letter is written with its lower-case code, as such fonts were typed; otherwise a
    capital toned letter raises ``ValueError`` (``strict``) or is written with its
    lower-case code, as a typist in a ``.VnTime`` font would have done.
    """
    inverse = _inverse(encoding)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        src = ch.lower() if capitals_font else ch
        if src in inverse:
            out.append(inverse[src])
        elif src.isascii():
            out.append(src)
        elif ch.lower() in inverse and encoding == "tcvn3" and not strict:
            out.append(inverse[ch.lower()])
        elif ch.lower() in inverse and encoding == "tcvn3":
            raise ValueError(f"TCVN3 has no code for {ch!r} outside a capitals font")
        else:
            out.append(src)
    return "".join(out)


# --- detection by content ---------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?*/\\|-_=+`~^%&#@$0123456789…“”‘’–—•"
_LEGACY_HINT = re.compile(r"[\u0080-\u00ff\u2212\u2219\x02\x05\x06\x14\x19\x1e]")


_LEGACY_ENCODINGS = tuple(CHARMAPS)
_PREFERENCE = ("tcvn3", "vni", "viscii")


@functools.lru_cache(maxsize=50_000)
def _unchanged_by(token: str) -> frozenset[str]:
    """Tables that leave ``token`` as it is ("ký": TCVN3's ý is Latin-1's). A token that every
    table of the document leaves as it is reads the same either way: no vote for Unicode."""
    core = token.strip(_EDGE_PUNCT)
    return frozenset(enc for enc in CHARMAPS if convert(core, enc) == core)


@functools.lru_cache(maxsize=50_000)  # bounded: a worker runs for hours
def _token_votes(token: str) -> tuple[frozenset[str], bool, bool]:
    """``(tables under which token reads as Vietnamese, reads as it is, has legacy codes)``.

    Tokens of one character, or with nothing a table would change, give no evidence.
    """
    core = token.strip(_EDGE_PUNCT)
    if not _LEGACY_HINT.search(core):
        return frozenset(), True, False
    if len(core) < 2:
        return frozenset(), False, True
    good = frozenset(enc for enc in CHARMAPS if (c := convert(core, enc)) != core and _valid(c))
    return good, _valid(core), True


def _line_votes(line: str, allowed: tuple[str, ...]) -> dict[str, float]:
    """A word that reads as Vietnamese through one table only votes for that table; one
    that reads as it is and through no table votes for Unicode."""
    votes = dict.fromkeys(("unicode", *allowed), 0.0)
    for tok in _TOKEN.findall(line):
        good, as_is, hinted = _token_votes(tok)
        if not hinted:
            continue
        good = good.intersection(allowed)
        if as_is and not good and not (allowed and _unchanged_by(tok).issuperset(allowed)):
            votes["unicode"] += 1
        elif not as_is and good:
            for enc in good:
                votes[enc] += 1 / len(good)
    return votes


_CAPS_WORD = re.compile(r"[^\W\d_]+")


def _caps_evident(text: str) -> bool:
    """ASCII letters all capitals (at least two) while decoded legacy letters are lower."""
    up = sum(1 for ch in text if ch.isascii() and ch.isupper())
    return (up >= 2 and not any(ch.isascii() and ch.islower() for ch in text)
            and any(not ch.isascii() and ch.islower() for ch in text))


def _restore_capitals(line: str) -> str:
    """Upper-case a TCVN3 line or word typed in a capitals font (see module docstring)."""
    if _caps_evident(line):
        return line.upper()
    line = _CAPS_WORD.sub(lambda m: m.group().upper() if _caps_evident(m.group()) else m.group(), line)
    return _restore_lost_capitals(line)


def _is_caps(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _restore_lost_capitals(line: str) -> str:
    """TCVN3 has no capital toned letters, so a typist's "SỞ NỘI VỤ" arrives as "Sở NỘI Vụ" and
    "Ngọc Ánh" as "Ngọc ánh". A word between capitals words is put in capitals; on a short line
    of capitalised words (a name), a word that starts with a lower-case toned letter gets its
    capital back."""
    words = list(_CAPS_WORD.finditer(line))
    if not words:
        return line
    out = list(line)
    texts = [w.group() for w in words]
    for i, w in enumerate(words):
        t = texts[i]
        if t.isupper() or t.isascii():
            continue
        prev_caps = i > 0 and _is_caps(texts[i - 1])
        next_caps = i + 1 < len(texts) and _is_caps(texts[i + 1])
        # Only the toned letters can have lost their capitals: "Vụ", "Sở" (not "Văn", "Độc").
        lost = not any(c.isascii() and c.islower() for c in t)
        # "SỞ NỘI Vụ" but not "NHẤT: Kế hoạch" (a lower-case word follows: sentence case).
        run_before = prev_caps and (i == 1 or _is_caps(texts[i - 2])) and \
            (i + 1 == len(texts) or not texts[i + 1][:1].islower())
        if lost and (((prev_caps or next_caps) and (prev_caps or i == 0) and (next_caps or i + 1 == len(texts)))
                     or run_before):
            out[w.start():w.end()] = list(t.upper())
            texts[i] = t.upper()
        elif (2 <= len(words) <= 5 and i > 0 and t[0].islower() and not t[0].isascii()
              and all(x[:1].isupper() for j, x in enumerate(texts) if j != i)):
            out[w.start()] = t[0].upper()
    return "".join(out)


def _convert_line(line: str, encoding: str | None, allowed: tuple[str, ...]) -> str:
    """Convert one line with its encoding, word by word where a word disagrees."""
    if encoding is None:
        return line
    pieces: list[str] = []
    last = 0
    for m in _TOKEN.finditer(line):
        tok = m.group()
        pieces.append(line[last:m.start()])
        last = m.end()
        good, as_is, hinted = _token_votes(tok)
        use: str | None = encoding
        if hinted and good and encoding not in good:
            use = None if as_is else min(good.intersection(allowed) or good, key=_PREFERENCE.index)
        elif hinted and not good and as_is:
            use = None
        pieces.append(convert(tok, use) if use and hinted else tok)
    pieces.append(line[last:])
    out = "".join(pieces)
    return _restore_capitals(out) if encoding == "tcvn3" else out


def _latin_view(text: str, source_encoding: str | None) -> str:
    """The text as the legacy font's code points: undo a cp1258 decoding of 8-bit bytes."""
    if source_encoding != "cp1258":
        return text
    try:
        data = text.encode("cp1258")
    except UnicodeEncodeError:
        return text
    return "".join(_BYTE_CHAR[b] for b in data)


# Windows-1252 where it defines the byte, Latin-1 elsewhere.
_BYTE_CHAR = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


def detect_lines(text: str) -> tuple[list[str | None], dict[str, float]]:
    """Encoding of each line (None: Unicode) and the document's vote totals."""
    lines = text.split("\n")
    totals = dict.fromkeys(("unicode", *_LEGACY_ENCODINGS), 0.0)
    for line in lines:
        if _LEGACY_HINT.search(line):
            for k, v in _line_votes(line, _LEGACY_ENCODINGS).items():
                totals[k] += v
    legacy_total = sum(totals[e] for e in _LEGACY_ENCODINGS)
    if legacy_total < 2 or legacy_total < 0.25 * totals["unicode"]:
        return [None] * len(lines), totals
    # Tables with a real share of the evidence; stray votes for a third table are noise.
    allowed = tuple(e for e in _PREFERENCE if totals[e] >= max(2.0, 0.1 * legacy_total))
    if not allowed:  # votes spread thin over several tables: noise, not a legacy text
        return [None] * len(lines), totals
    majority = max(allowed, key=lambda e: totals[e])
    decided: list[str | None] = []
    prev: str | None = "?"
    for line in lines:
        if _LEGACY_HINT.search(line):
            votes = _line_votes(line, allowed)
            best, n = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "unicode"))
            if n > 0:
                prev = None if best == "unicode" else best
        decided.append(prev)
    # Lines before the first verdict take the first verdict (or the majority).
    first = next((d for d in decided if d != "?"), majority)
    return [first if d == "?" else d for d in decided], totals


def _allowed(totals: dict[str, float]) -> tuple[str, ...]:
    legacy_total = sum(totals[e] for e in _LEGACY_ENCODINGS)
    return tuple(e for e in _PREFERENCE if totals[e] >= max(2.0, 0.1 * legacy_total))


# --- mojibake -----------------------------------------------------------------------------

_MOJIBAKE_HINT = re.compile(r"[ÃÄÅÆáºá»Ă][\u0080-\u00ff\u0100-\u024f\u2010-\u203a\u20ac\u0300-\u0323]")


def score(text: str) -> int:
    """Tokens that read as Vietnamese minus those that do not (ASCII tokens do not count)."""
    good = 0
    for tok in _TOKEN.findall(text):
        core = tok.strip(_EDGE_PUNCT)
        if core and not core.isascii():
            good += 1 if _valid(core) else -1
    return good


def _fix_mojibake(text: str) -> str | None:
    """UTF-8 read as Windows-1252/1258 back to UTF-8, or None when it is not mojibake."""
    if not _MOJIBAKE_HINT.search(text):
        return None
    candidates: list[str] = []
    try:
        import ftfy

        candidates.append(ftfy.fix_encoding(text))
    except ImportError:  # pragma: no cover - ftfy is a dependency
        pass
    for codec in ("cp1258", "cp1252"):
        try:
            candidates.append(text.encode(codec).decode("utf-8"))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    base = score(text)
    best = max(candidates, key=score, default=None)
    if best is None or best == text or score(best) <= base:
        return None
    return best


# --- the entry points ----------------------------------------------------------------------


def repair_text(text: str, source_encoding: str | None = None) -> tuple[str, list[str], bool]:
    """Return ``(text, legacy encodings found, mojibake repaired)``."""
    fixed = _fix_mojibake(text)
    if fixed is not None:
        return fixed, [], True
    view = _latin_view(text, source_encoding)
    verdicts, totals = detect_lines(view)
    if all(v is None for v in verdicts):
        return text, [], False
    lines = view.split("\n")
    allowed = _allowed(totals)
    out = [_convert_line(line, enc, allowed) for line, enc in zip(lines, verdicts, strict=True)]
    out = restore_lines(out, [enc == "tcvn3" for enc in verdicts])
    used = sorted({v for v in verdicts if v}, key=lambda e: -totals[e])
    return "\n".join(out), used, False


def font_converted(raw: RawText, encodings: set[str]) -> RawText:
    """``raw`` of a reader that converted legacy-font runs by font name (DOCX, spreadsheets):
    the encodings and their warning recorded, then the text-level repair."""
    if encodings:
        names = sorted(encodings)
        raw.encoding = "+".join(names)
        raw.warnings.append((W_LEGACY_ENCODING,
                             f"converted from legacy {' and '.join(n.upper() for n in names)} by font"))
    return repair(raw)


def repair(raw: RawText) -> RawText:
    """Detect and convert legacy encodings and mojibake in ``raw.text``."""
    text, found, mojibake = repair_text(raw.text, raw.encoding)
    if mojibake:
        return replace(raw, text=text, encoding=raw.encoding or "utf-8",
                       warnings=[*raw.warnings, (W_MOJIBAKE_REPAIRED,
                                                 "UTF-8 text read as Windows-1252/1258 was repaired")])
    if not found:
        return raw
    known = [e for e in (raw.encoding or "").split("+") if e in CHARMAPS]
    names = list(dict.fromkeys([*known, *found]))
    return replace(raw, text=text, encoding="+".join(names),
                   warnings=[*raw.warnings, (W_LEGACY_ENCODING,
                                             f"converted from legacy {' and '.join(n.upper() for n in names)}")])
