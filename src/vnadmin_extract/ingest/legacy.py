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
from dataclasses import dataclass, replace

from viparse.normalize.tables import Charmap, build_charmap
from viparse.normalize.tables import convert as _table_convert
from viparse.normalize.tcvn3 import TCVN3
from viparse.normalize.viscii import VISCII
from viparse.normalize.vni import VNI as _VIPARSE_VNI

from ..errors import W_LEGACY_ENCODING, W_MOJIBAKE_REPAIRED
from .base import RawText

__all__ = [
    "CHARMAPS", "convert", "decode_run", "encode", "font_encoding", "is_vietnamese_word",
    "repair", "repair_text",
]

# VNI-Windows letters viparse leaves out (present in UniKey's VNI-WIN table): ẳ/Ẳ are
# base + "ú"/"Ú", and ỵ/Ỵ also have the single bytes 0xEE/0xCE.
VNI = build_charmap("vni", [*_VIPARSE_VNI.pairs, ("aú", "ẳ"), ("AÚ", "Ẳ"), ("î", "ỵ"), ("Î", "Ỵ")])

CHARMAPS: dict[str, Charmap] = {"tcvn3": TCVN3, "vni": VNI, "viscii": VISCII}

# --- Vietnamese syllables --------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = r"(?:ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e eo ec em en eng ep et ê êu êch êm ên ênh êp êt i ia iu ich im in inh ip it
iêc iêm iên iêng iêp iêt iêu o oa oe oi oc om on ong op ot oo ooc oong
oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oen oet oeo
ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua ui uc um un ung up ut
uân uâng uât uây uê uêch uênh uôc uôi uôm uôn uông uôt uơ uy uya uych uyên uyêt uyn
uynh uyt uyu ư ưa ưi ưu ưc ưng ưm ưn ưt ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
""".split()
_SYLLABLE = re.compile(rf"^{_ONSET}(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})$")
_STOP_CODA = re.compile(r"(?:c|ch|p|t)$")


@functools.lru_cache(maxsize=65536)
def is_vietnamese_word(word: str) -> bool:
    """True when ``word`` (letters only) is a well-formed Vietnamese syllable.

    Onset + rhyme from the orthography, at most one tone mark, and the rule that a
    syllable closed by c/ch/p/t carries sắc or nặng (or no mark, for ASCII loans).
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if not _SYLLABLE.match(base):
        return False
    return not (tones and tones[0] not in {"\u0301", "\u0323"} and _STOP_CODA.search(base))


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _valid(token: str) -> bool:
    """Every letter run of ``token`` is a Vietnamese syllable or plain ASCII."""
    runs = _LETTER_RUN.findall(unicodedata.normalize("NFC", token))
    return bool(runs) and all(r.isascii() or is_vietnamese_word(r) for r in runs)


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


def convert(text: str, encoding: str, capitals: bool = False) -> str:
    """Convert ``text`` from a legacy encoding with the table; whitespace is untouched."""
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


def encode(text: str, encoding: str, capitals_font: bool = False) -> str:
    """Unicode -> legacy code points (the inverse of ``convert``); used to make fixtures.

    TCVN3 has no capital toned letters: with ``capitals_font`` (a ``.VnTimeH`` run) every
    letter is written with its lower-case code, as such fonts were typed; otherwise a
    capital toned letter raises ``ValueError``.
    """
    inverse = _inverse(encoding)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        src = ch.lower() if capitals_font else ch
        if src in inverse:
            out.append(inverse[src])
        elif src.isascii():
            out.append(src)
        elif ch.lower() in inverse and encoding == "tcvn3":
            raise ValueError(f"TCVN3 has no code for {ch!r} outside a capitals font")
        else:
            out.append(src)
    return "".join(out)


# --- detection by content ---------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?*/\\|-_=+`~^%&#@$0123456789…“”‘’–—•"
_LEGACY_HINT = re.compile(r"[\u0080-\u00ff\u2212\u2219\x02\x05\x06\x14\x19\x1e]")


@dataclass
class _Tally:
    votes: dict[str, int]

    def best(self) -> str | None:
        enc, n = max(self.votes.items(), key=lambda kv: (kv[1], kv[0] == "unicode"))
        return enc if n > 0 else None


def _token_votes(token: str) -> tuple[set[str], bool, dict[str, str]]:
    """Encodings under which ``token`` reads as Vietnamese, whether it does as it is, and
    the converted forms."""
    core = token.strip(_EDGE_PUNCT)
    if not core or not _LEGACY_HINT.search(core):
        return set(), True, {}
    as_is = _valid(core)
    good: set[str] = set()
    forms: dict[str, str] = {}
    for enc in CHARMAPS:
        conv = convert(core, enc)
        if conv == core:
            continue
        forms[enc] = conv
        if _valid(conv):
            good.add(enc)
    return good, as_is, forms


_LEGACY_ENCODINGS = tuple(CHARMAPS)


def _line_tally(tokens: list[str]) -> _Tally:
    votes = dict.fromkeys(("unicode", *_LEGACY_ENCODINGS), 0)
    for tok in tokens:
        good, as_is, forms = _token_votes(tok)
        if not forms:
            continue
        if as_is and not good:
            votes["unicode"] += 1
        elif not as_is and good:
            for enc in good:
                votes[enc] += 1 if len(good) == 1 else 0
            if len(good) > 1:  # ambiguous between tables: half a vote each
                for enc in good:
                    votes[enc] += 0
    return _Tally(votes)


_CAPS_WORD = re.compile(r"[^\W\d_]+")


def _restore_capitals(line: str) -> str:
    """Upper-case a TCVN3 line or word typed in a capitals font (see module docstring)."""
    words = _CAPS_WORD.findall(line)
    ascii_upper = sum(1 for w in words for ch in w if ch.isascii() and ch.isupper())
    ascii_lower = sum(1 for w in words for ch in w if ch.isascii() and ch.islower())
    if ascii_upper >= 2 and ascii_lower == 0 and any(not ch.isascii() and ch.islower() for ch in line):
        return line.upper()

    def fix(m: re.Match[str]) -> str:
        w = m.group()
        up = sum(1 for ch in w if ch.isascii() and ch.isupper())
        low_ascii = any(ch.isascii() and ch.islower() for ch in w)
        if up >= 2 and not low_ascii and any(not ch.isascii() and ch.islower() for ch in w):
            return w.upper()
        return w

    return _CAPS_WORD.sub(fix, line)


def _convert_line(line: str, encoding: str | None) -> str:
    """Convert one line with its encoding, word by word where a word disagrees."""
    if encoding is None:
        return line
    pieces: list[str] = []
    last = 0
    for m in _TOKEN.finditer(line):
        tok = m.group()
        pieces.append(line[last:m.start()])
        last = m.end()
        good, as_is, forms = _token_votes(tok)
        if not forms:
            pieces.append(tok)
            continue
        use = encoding
        if encoding not in good:
            if as_is:
                use = None
            elif good:
                use = sorted(good)[0] if len(good) == 1 else (encoding if encoding in good else sorted(good)[0])
        if use is None or use not in forms:
            pieces.append(tok)
        else:
            pieces.append(convert(tok, use))
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
    return _cp1252_or_latin1(data)


def _cp1252_or_latin1(data: bytes) -> str:
    return "".join(
        data[i:i + 1].decode("cp1252", errors="strict") if _cp1252_ok(b) else chr(b)
        for i, b in enumerate(data)
    ) if any(0x80 <= b <= 0x9F for b in data) else data.decode("latin-1")


@functools.cache
def _cp1252_ok(b: int) -> bool:
    try:
        bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def detect_lines(text: str) -> tuple[list[str | None], dict[str, int]]:
    """Encoding of each line (None: Unicode) and the document's vote totals."""
    lines = text.split("\n")
    decided: list[str | None] = []
    totals = dict.fromkeys(("unicode", *_LEGACY_ENCODINGS), 0)
    for line in lines:
        if not _LEGACY_HINT.search(line):
            decided.append("")  # nothing to convert: take any neighbour's verdict
            continue
        tally = _line_tally(_TOKEN.findall(line))
        for k, v in tally.votes.items():
            totals[k] += v
        best = tally.best()
        decided.append(best if best is not None else "?")
    legacy_total = sum(totals[e] for e in _LEGACY_ENCODINGS)
    if legacy_total < 2 or legacy_total < 0.25 * totals["unicode"]:
        return [None] * len(lines), totals
    majority = max(_LEGACY_ENCODINGS, key=lambda e: totals[e])
    # Undecided lines take the previous decided line's verdict (runs of paragraphs), or
    # the next one's at the top, or the majority.
    out: list[str | None] = []
    prev: str | None = None
    for verdict in decided:
        if verdict in ("", "?"):
            out.append(prev if prev is not None else "?")
        else:
            prev = None if verdict == "unicode" else verdict
            out.append(prev)
            if verdict == "unicode":
                prev = None
    nxt: str | None = majority
    for i in range(len(out) - 1, -1, -1):
        if out[i] == "?":
            out[i] = nxt
        else:
            nxt = out[i] if out[i] is not None else nxt
    return out, totals


# --- mojibake -----------------------------------------------------------------------------

_MOJIBAKE_HINT = re.compile(r"[ÃÄÅÆáºá»Ă][\u0080-\u00ff\u0100-\u024f\u2010-\u203a\u20ac\u0300-\u0323]")


def _score(text: str) -> int:
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
    base = _score(text)
    best = max(candidates, key=_score, default=None)
    if best is None or best == text or _score(best) <= base:
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
        if view is not text:
            return text, [], False
        return text, [], False
    lines = view.split("\n")
    out = [_convert_line(line, enc) for line, enc in zip(lines, verdicts, strict=True)]
    used = sorted({v for v in verdicts if v}, key=lambda e: -totals[e])
    return "\n".join(out), used, False


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
