"""Capitals of TCVN3 header and signature lines whose capitals font was lost (issue 13).

TCVN3 headings were set in ``.VnTimeH``/``.VnArialH``, fonts that draw lower-case codes as
capitals. A converter that drops fonts (antiword, catdoc) gives the codes as they are, so a
decoded .doc reads "bộ tài chính / cộng hoà xã hội chủ nghĩa Việt nam / quyết định của bộ
trưởng bộ tài chính ... KT/ bộ trưởng bộ tài chính", and the header stage, which looks for
a header block in capitals, finds nothing. ``legacy._restore_capitals`` already upper-cases a
word whose ASCII letters show the font; here a whole line is upper-cased when it is header
vocabulary and nothing else (``patterns/legacy_caps.yaml``):

- in the header zone (the lines before the body starts: "Căn cứ", "Điều", a long line): an
  issuing body or place ("ủy Ban Nhân Dân", "thành phố cần thơ": ``rules/issuers.py``), the
  motto, a type line ("quyết định của bộ trưởng bộ tài chính", "Bản Quy Định") and the line
  naming who decides ("bộ trưởng bộ tài chính"); a type line that runs on into its subject
  ("... bộ tài chính về việc sửa đổi ...") is split before the subject;
- anywhere: a signing line ("tm . ubnd thành phố Cần Thơ", "KT/ bộ trưởng bộ tài chính"), the
  title under it when written all in lower case ("chủ tịch"; "Thứ trưởng" was typed so), and a
  line that is a document type alone in lower case ("quyết định" above "Điều 1").

A line already in capitals, or with anything but vocabulary on it, is left as it is.
"""

from __future__ import annotations

import functools
import re

from ..rules import vocab
from ..rules.issuers import is_issuer_name
from ..rules.load import load_yaml
from ..vietnamese import fold, mostly_upper

__all__ = ["restore_lines"]

HEADER_ZONE = 30  # non-empty lines at most before the body starts
_MAX_WORDS = 14  # a heading line is short
_LONG_LINE = 120
_BAD_CHARS = re.compile(r"[\d,;:!?\"“”()]")  # a heading is no sentence


@functools.cache
def _data() -> dict[str, list[str]]:
    return load_yaml("legacy_caps.yaml")


def _folded_words(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(fold(x).split()) for x in items}, key=len, reverse=True))


@functools.cache
def _vocab() -> dict[str, tuple[tuple[str, ...], ...]]:
    d = _data()
    return {
        "types": _folded_words(list(vocab.type_by_name())),
        "positions": _folded_words(list(vocab.position_phrases_lower())),
        "links": _folded_words(d["type_links"]),
        "prefixes": _folded_words(d["type_prefixes"]),
        "motto": _folded_words(d["motto"]),
    }


@functools.cache
def _signing() -> re.Pattern[str]:
    codes = "|".join(re.escape(c) for c in sorted(_data()["signing_codes"], key=len, reverse=True))
    return re.compile(rf"^(?P<code>(?:{codes}))\s*(?P<sep>[./])\s*(?P<rest>\S.*)$", re.I)


@functools.cache
def _subject() -> re.Pattern[str]:
    alts = "|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in _data()["subject_starts"])
    return re.compile(rf"\s+(?=(?:{alts})\s)", re.I)


@functools.cache
def _body_start() -> re.Pattern[str]:
    alts = "|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in _data()["body_starts"])
    return re.compile(rf"^(?:{alts})\b")


def _prefix(words: list[str], table: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase of ``table`` that ``words`` start with (0: none)."""
    for phrase in table:
        if tuple(words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _body_or_title(text: str, title_alone: bool = True) -> bool:
    """An issuing body ("bộ tài chính", "ubnd thành phố Cần Thơ"), a title ("chủ tịch"; not
    with ``title_alone`` False) or a title followed by its body ("bộ trưởng bộ tài chính")."""
    words = fold(text).split()
    if not words:
        return False
    if is_issuer_name(text):
        return True
    n = _prefix(words, _vocab()["positions"])
    if not n:
        return False
    rest = text.split(maxsplit=n)[n:] if len(text.split()) > n else []
    return (title_alone and not rest) or (bool(rest) and is_issuer_name(rest[0]))


def _type_line(text: str) -> bool:
    """"quyết định", "Bản Quy Định", "quyết định của bộ trưởng bộ tài chính"."""
    words = fold(text).split()
    words = words[_prefix(words, _vocab()["prefixes"]):]
    n = _prefix(words, _vocab()["types"])
    if not n:
        return False
    rest = words[n:]
    if not rest:
        return True
    k = _prefix(rest, _vocab()["links"])
    tail = " ".join(text.split()[len(text.split()) - len(rest) + k:])
    return bool(k) and _body_or_title(tail)


def _motto(text: str) -> bool:
    return _prefix(fold(text).split(), _vocab()["motto"]) == len(text.split())


def _candidate(text: str) -> bool:
    """Short, no digits or sentence punctuation, and not already in capitals."""
    return (bool(text) and len(text.split()) <= _MAX_WORDS and not _BAD_CHARS.search(text)
            and not mostly_upper(text))


def _upper(line: str) -> str:
    return line.upper()


def _sentence_case(text: str) -> bool:
    """"Công văn": a capital first letter, the rest lower case, as running text is typed; a
    type line so written is left alone ("Bản Quy Định", "quyết định của ..." show the font)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and letters[0].isupper() and not any(c.isupper() for c in letters[1:])


def _header_line(line: str) -> str | None:
    """The line restored, or None when it is not a heading of the header zone."""
    core = line.strip()
    if _candidate(core) and (_body_or_title(core, title_alone=False) or _motto(core)
                             or (_type_line(core) and not _sentence_case(core))):
        return _upper(line)
    # A type line that runs on into its subject: split it before the subject.
    parts = _subject().split(core, maxsplit=1)
    if len(parts) == 2 and _candidate(parts[0]) and _type_line(parts[0]):
        indent = line[: len(line) - len(line.lstrip())]
        return f"{indent}{_upper(parts[0])}\n{parts[1]}"
    return None


def _signing_line(line: str) -> str | None:
    core = line.strip()
    m = _signing().match(core)
    if not m or len(core.split()) > _MAX_WORDS or _BAD_CHARS.search(m["rest"]) or mostly_upper(m["rest"]):
        return None
    if not _body_or_title(m["rest"]):
        return None
    indent = line[: len(line) - len(line.lstrip())]
    # "tm . ubnd": the code written as the footer reads it ("TM. UBND").
    return f"{indent}{m['code'].upper()}{m['sep']} {m['rest'].upper()}"


def _lower_heading(core: str, types: bool = True) -> bool:
    """A line that starts with a lower-case letter and is a title or (``types``) a document type
    alone: no Vietnamese line starts so unless a capitals font drew it."""
    return (_candidate(core) and core[:1].islower()
            and (_prefix(fold(core).split(), _vocab()["positions"]) == len(core.split())
                 or (types and _type_line(core.rstrip(":").strip()) and len(core.split()) <= 3)))


_TABLE_ROW = re.compile(r"^\|.*\|\s*$")


def _restore(line: str, in_header: bool, alone: bool = True) -> str | None:
    """``alone``: the line is one column (a cell of a table may be a heading's second line)."""
    fixed = _signing_line(line)
    if fixed is None and in_header:
        fixed = _header_line(line)
    if fixed is None and _lower_heading(line.strip(), types=alone):
        fixed = _upper(line)
    return fixed


_COLUMN_GAP = re.compile(r"(\s*\t\s*|\s{3,}|\|)")


def _columns(line: str) -> list[str]:
    """The line cut into column pieces, separators kept (odd indices): a header or signature
    block is two columns, laid out with tabs or runs of spaces, or a table ("|cell|cell|")."""
    return _COLUMN_GAP.split(line)


def restore_lines(lines: list[str], tcvn3: list[bool]) -> list[str]:
    """``lines`` with the capitals of their heading lines restored (only where ``tcvn3``)."""
    out = list(lines)
    seen = 0
    in_header = True
    for i, line in enumerate(lines):
        parts = _columns(line)
        for piece in parts[::2]:
            core = piece.strip()
            if not core:
                continue
            seen += 1
            if in_header and (seen > HEADER_ZONE or len(core) > _LONG_LINE or _body_start().match(core)):
                in_header = False
        if not tcvn3[i]:
            continue
        texts = [p for p in parts[::2] if p.strip()]
        if len(texts) == 1 and not _TABLE_ROW.match(line):
            fixed = _restore(line, in_header)
            if fixed is not None:
                out[i] = fixed
            continue
        # A split inside one column would break the row: columns are only upper-cased.
        new = [p if k % 2 or not p.strip() or (f := _restore(p, in_header, False)) is None or "\n" in f else f
               for k, p in enumerate(parts)]
        if new != parts:
            out[i] = "".join(new)
    return out
