"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258.

Legacy 8-bit Vietnamese encodings (TCVN3, VNI) and mojibake are repaired after decoding
by ``ingest.legacy`` when that module is present.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from ..errors import E_BINARY, E_DECODE, E_TOO_LARGE, E_UNSUPPORTED, W_LEGACY_ENCODING, IngestError
from . import limits
from .base import RawText

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v", "\x1a"}


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    return bad / len(sample)


# Formats an archive holds that are not text; named in the error instead of "binary data".
_MAGIC = (
    (b"PK\x03\x04", "a ZIP container"), (b"\x1f\x8b", "gzip-compressed data"), (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"), (b"\x7fELF", "a program (ELF)"), (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"GIF8", "a GIF image"), (b"BM", "a bitmap image"),
    (b"\x00\x00\x01\x00", "an icon"), (b"OggS", "an Ogg media file"), (b"ID3", "an MP3 file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
_ODF = b"mimetypeapplication/vnd.oasis.opendocument."


def _magic(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        if _ODF in data[:200]:
            return "an OpenDocument file (.odt/.ods); save it as DOCX or PDF to read it"
        return "a ZIP container (no reader for it; .docx files are read when named .docx)"
    for magic, what in _MAGIC[1:]:
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text saved as UTF-16 without a byte-order mark: NULs in every other byte (the high
    byte of ASCII characters), on one side only."""
    sample = data[:65536]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= 0.3 * half and low <= 0.01 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) <= 0.02:
                return text, codec
    return None


def check_chars(text: str) -> None:
    """``E_TOO_LARGE`` for a text over ``max_chars``, as early as it is known."""
    most = limits.current().max_chars
    if len(text) > most:
        raise IngestError(E_TOO_LARGE, f"the text has {len(text)} characters, over the limit of {most} "
                                       "(raise --max-chars to process it)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to ``(text, encoding)``; raise ``IngestError`` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(E_DECODE, f"UTF-16 BOM but undecodable bytes at {exc.start}") from exc
    what = _magic(data)
    if what is not None:
        code = E_UNSUPPORTED if what.startswith(("a ZIP", "an OpenDocument")) else E_BINARY
        raise IngestError(code, f"{what}, not text")
    if b"\x00" in data[:65536]:
        decoded = _utf16_without_bom(data)
        if decoded is not None:
            return decoded
        raise IngestError(E_BINARY, "binary data (NUL bytes), not text in a supported encoding")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_8bit(data)
    if _control_ratio(text) > 0.02:
        raise IngestError(E_BINARY, "binary data (control characters), not text")
    return text, encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        # Bytes cp1258 leaves undefined: legacy 8-bit fonts (TCVN3/VNI) are read as
        # latin-1 so that ``ingest.legacy`` can map them byte for byte.
        return data.decode("latin-1"), "latin-1"


_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1258": "Windows-1258", "latin-1": "8-bit", "tcvn3": "TCVN3",
                   "vni": "VNI", "viscii": "VISCII"}


def decode_mixed(data: bytes) -> RawText | None:
    """A file whose lines are in different encodings (UTF-8 lines pasted into a TCVN3 or
    Windows-1258 file, or the reverse), decoded run by run; None for a file that is not.

    Each run of lines that are valid UTF-8 with non-ASCII letters stays UTF-8; each run of
    the other lines is decoded as an 8-bit file would be and its legacy encoding repaired
    on its own. Decoding the whole file one way turned every line of the other kinds into
    mojibake.
    """
    try:
        data.decode("utf-8")
        return None  # all UTF-8: not mixed
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    kinds: list[bool] = []  # True: a UTF-8 line (or ASCII, which goes with its neighbours)
    has_utf8 = False
    for line in lines:
        try:
            line.decode("utf-8")
            ok = True
            has_utf8 = has_utf8 or not line.isascii()
        except UnicodeDecodeError:
            ok = False
        kinds.append(ok)
    if not has_utf8:
        return None
    if len(data) > limits.current().max_chars:  # at least one character per 4 bytes
        check_chars(data.decode("utf-8", errors="replace"))
    used: dict[str, int] = {}
    # The 8-bit lines are read together, so that the legacy tables' votes are the file's,
    # not a short line's; each UTF-8 line stays as it is.
    eight_bit = [k for k, ok in enumerate(kinds) if not ok]
    decoded = _decode_8bit_lines([lines[k] for k in eight_bit], used)
    out = [line.decode("utf-8") if ok else "" for line, ok in zip(lines, kinds, strict=True)]
    for k, text in zip(eight_bit, decoded, strict=True):
        out[k] = text
    used["utf-8"] = len(lines) - len(eight_bit)
    text = "\n".join(out)
    if _control_ratio(text) > 0.02:
        raise IngestError(E_BINARY, "binary data (control characters), not text")
    names = sorted(used, key=lambda e: -used[e])
    raw = RawText(text=text, format="txt", encoding="+".join(names))
    raw.warnings.append((W_LEGACY_ENCODING, "lines in several encodings, each decoded on its own: " + ", ".join(
        f"{_ENCODING_NAMES.get(e, e)} {used[e]} line(s)" for e in names)))
    return raw


def _decode_8bit_lines(lines: list[bytes], used: dict[str, int]) -> list[str]:
    """Lines that are not UTF-8, each read the way that gives the most Vietnamese words:
    Windows-1258, or the legacy font tables (``legacy.repair_text`` on the bytes)."""
    from . import legacy

    chunk = b"\n".join(lines)
    view = chunk.decode("latin-1").translate(_CP1252_VIEW)
    converted, found, _mojibake = legacy.repair_text(view, None)
    as_legacy = converted.split("\n")
    verdicts, _totals = legacy.detect_lines(view)
    out = []
    for k, line in enumerate(lines):
        try:
            as_cp1258 = line.decode("cp1258")
        except UnicodeDecodeError:
            as_cp1258 = None
        cand = as_legacy[k] if len(as_legacy) == len(lines) else line.decode("latin-1")
        verdict = verdicts[k] if k < len(verdicts) else None
        cp_score, legacy_score = (legacy.score(as_cp1258), legacy.score(cand)) if as_cp1258 is not None else (0, 0)
        if as_cp1258 is not None and (cp_score > legacy_score or (cp_score == legacy_score and verdict is None)):
            out.append(as_cp1258)
            name = "cp1258"
        else:
            out.append(cand)
            name = verdict or (found[0] if found else "latin-1")
        used[name] = used.get(name, 0) + 1
    return out


# Bytes 0x80-0x9f as Windows-1252 characters where it defines them (the legacy tables are
# written for that view of the bytes), Latin-1 elsewhere.
_CP1252_VIEW = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


class TextReader:
    name = "text"
    formats = ("txt", "md")

    def sniff(self, path: Path, head: bytes) -> bool:
        return True  # the fallback: decode_text() rejects what is not text

    def read(self, path: Path, data: bytes) -> RawText:
        fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
        mixed = decode_mixed(data) if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                           codecs.BOM_UTF16_BE)) and b"\x00" not in data[:65536] else None
        if mixed is not None:
            mixed.format = fmt
            return mixed
        text, encoding = decode_text(data)
        check_chars(text)  # before the legacy repair, which reads every line
        raw = RawText(text=text, format=fmt, encoding=encoding)
        try:
            from . import legacy
        except ImportError:
            return raw
        return legacy.repair(raw)


READER = TextReader()
