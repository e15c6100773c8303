"""Text normalization: what every extractor sees, and what ``Record.text`` holds.

Steps, in order (each is idempotent, and so is the whole):
1. line endings (CRLF, CR, U+2028/9, form feed) become ``\\n``;
2. look-alike letters from other scripts inside Latin words (Cyrillic "а" in "Quyết
   định"), eth for đ, invisible characters and exotic spaces;
3. Unicode NFC and one tone-mark placement (``vietnamese.place_tones``);
4. Markdown and flattened-table residue: ``**bold**``, ``*italic*`` (but not a "* "
   bullet), ``#`` headings, ``[link](url)``, ``|`` table cells (each cell on its own
   line), horizontal rules;
5. spaces: tabs and runs of spaces become one space, lines are trimmed, at most one
   blank line in a row;
6. hard wraps: a line broken in the middle of a sentence, a date or a document number
   ("Quyết định số\\n2437/QĐ-TTg", "ngày 18\\ntháng 11 năm 2025") is joined to the next,
   and a paragraph split by a page break ("Công đoàn Sở\\n\\nlàm đầu mỗi") is rejoined.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from .rules.cache import fast_compile
from .vietnamese import place_tones

_LINE_BREAKS = fast_compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x85")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_ANY_LINE_BREAK = re.compile(r"[\r\u2028\u2029\x0b\x85]")
_SPACE_LIKE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")

# Letters of other scripts that look like Latin ones; mapped only inside tokens that
# also hold Latin letters, so genuine Cyrillic or Greek words are left alone.
_HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "А": "A", "В": "B", "Е": "E", "К": "K",
    "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J",
    "Ѕ": "S", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i",
})
# Look-alikes within the Latin script: eth for đ, and "ƣ/Ƣ" (U+01A3/U+01A2, OI) for "ư/Ư",
# which fonts of many Vietnamese PDFs map ư to ("Thƣờng trực").
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ", "ƣ": "ư", "Ƣ": "Ư"})
_CHAR_TABLE = {**_INVISIBLE, **_ETH}
_NEEDS_TABLE = re.compile("[" + "".join(map(chr, _CHAR_TABLE)) + "]")
_MIXED_TOKEN = fast_compile(r"[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}][\p{L}\p{M}]*")
_LATIN = fast_compile(r"\p{Latin}")


_ANY_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")


_ANY_SPECIAL = re.compile("|".join(p.pattern for p in (_ANY_LINE_BREAK, _NEEDS_TABLE, _ANY_FOREIGN, _SPACE_LIKE))
                          + "|\f")


def _fix_homoglyphs(text: str) -> str:
    if not _ANY_FOREIGN.search(text):
        return text

    def repl(m: regex.Match[str]) -> str:
        token = m.group()
        return token.translate(_HOMOGLYPHS) if _LATIN.search(token) else token

    return _MIXED_TOKEN.sub(repl, text)


def normalize_chars(text: str) -> str:
    """Steps 1-3: line endings, look-alikes, invisible characters, NFC, tone placement."""
    special = _ANY_SPECIAL.search(text) is not None  # one scan: has any step below work?
    if special:
        if _ANY_LINE_BREAK.search(text):
            text = _LINE_BREAKS.sub("\n", text)
        text = text.replace("\f", "\n\n")
        if _NEEDS_TABLE.search(text):  # translate() walks every character: only when needed
            text = text.translate(_CHAR_TABLE)
        if _ANY_FOREIGN.search(text):
            # Look-alikes may carry combining marks ("а́"): map them on the decomposed text.
            text = _fix_homoglyphs(unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text)
    if special:
        text = _SPACE_LIKE.sub(" ", text)
    return place_tones(text)


# --- step 4: markup ---------------------------------------------------------------

_BOLD = re.compile(r"\*\*+|__+(?=\S)|(?<=\S)__+")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\n]*\)")
_MD_HEADING = re.compile(r"(?m)^[ ]{0,3}#{1,6}(?:[ ]+(?P<h>.*)|[ ]*)$")
_RULE_LINE = re.compile(r"(?m)^[ ]*(?:[-_=~*][ ]*){3,}$\n?")
_BULLET_STAR = fast_compile(r"^[ ]*\*[ ]")
_STAR = re.compile(r"\*")
_PARAGRAPH_BREAK = re.compile(r"\n[ ]*\n")


def _strip_single_stars(paragraph: str) -> str:
    """Drop ``*italic*`` markers; keep a paragraph-initial "* " or lone "*" bullet."""
    lines = paragraph.split("\n")
    positions: list[tuple[int, int]] = []
    for li, line in enumerate(lines):
        if "*" not in line:
            continue
        for m in _STAR.finditer(line):
            if _BULLET_STAR.match(line) and m.start() == line.index("*"):
                continue
            positions.append((li, m.start()))
    if not positions:
        return paragraph
    if len(positions) == 1:
        li, col = positions[0]
        if not lines[li][:col].strip():
            return paragraph  # "*Về thi đua ..." with no closing star: a run-in bullet
    for li, col in reversed(positions):
        lines[li] = lines[li][:col] + lines[li][col + 1:]
    return "\n".join(lines)


def _split_table_cells(line: str) -> list[str]:
    if "|" not in line:
        return [line]
    stripped = line.strip()
    if stripped.startswith("|") or stripped.endswith("|") or stripped.count("|") >= 2:
        return [cell for cell in (c.strip() for c in stripped.split("|")) if cell]
    return [line]


_MARKUP_ONLY_LINE = re.compile(r"(?m)^[ ]*(?:\*+|\||#+|_{2,})(?:[ ]*(?:\*+|\||#+|_{2,}))*[ ]*$\n?")


def _heading(m: regex.Match[str]) -> str:
    h = m["h"]
    while h and (inner := _MD_HEADING.fullmatch(h)):  # "# # Tiêu đề": every marker goes at once
        h = inner["h"]
    return f"\n{h}\n" if h else ""


def strip_markup(text: str) -> str:
    """Step 4: Markdown emphasis, headings, links, rules and table pipes."""
    # A line of markup alone ("**", "|", "* *") goes entirely: it is not a paragraph break.
    # Each pattern runs only if its characters occur: most documents have none of them.
    if "*" in text or "|" in text or "#" in text or "__" in text:
        text = _MARKUP_ONLY_LINE.sub("", text)
    if "](" in text:
        text = _MD_IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", text)
    # A Markdown heading is its own paragraph: blank lines around it stop line joining.
    # Bold markers first: "** # Tiêu đề" is a heading once they are gone.
    if "**" in text or "__" in text:  # the pattern has no literal to skip by: test first
        text = _BOLD.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub(_heading, text)
    text = _RULE_LINE.sub("", text)
    if "|" not in text and "*" not in text:
        return text  # no table cells to split, no stars to strip
    lines: list[str] = []
    for line in text.split("\n"):
        cells = _split_table_cells(line) if "|" in line else [line]
        if len(cells) > 1 or "|" in line:
            cells = [c for c in cells if not _RULE_LINE.fullmatch(c + "\n")]
            # A cell is a line of its own now: "| # Tiêu đề" is a heading the next pass would
            # see, so it is one already (normalize must be idempotent).
            cells = [_MD_HEADING.sub(_heading, c) for c in cells]
        lines.extend(cells)
    paragraphs = _PARAGRAPH_BREAK.split("\n".join(lines))
    return "\n\n".join(_strip_single_stars(p) for p in paragraphs)


# --- step 5: spaces ----------------------------------------------------------------

_MULTI_SPACE = re.compile(r"[ ]{2,}")
_MANY_BLANKS = regex.compile(r"\n{3,}")  # ``regex`` skips to the newlines faster


def tidy_spaces(text: str) -> str:
    # the stdlib engine over the whole text, then one strip per line (this runs on every document)
    out = "\n".join(line.strip() for line in _MULTI_SPACE.sub(" ", text).split("\n"))
    out = _MANY_BLANKS.sub("\n\n", out)
    return out.strip("\n")


# --- step 6: hard wraps --------------------------------------------------------------

# A line that starts one of these is never a continuation of the previous line.
_STARTS_BLOCK = fast_compile(
    r"""^(?:
        [IVXLC]+[.)]\s                                  # I. II.
      | \d{1,3}(?:\.\d+)*[.)](?:\s|$)                    # 1. 2.1. 3) (not "2024." ending a wrapped sentence)
      | [a-zđ][)]\s                                      # a) đ)
      | [-+•–*]\s?                                       # bullets
      | (?:Điều|Chương|Phần|Mục)\s+[\dIVXLC]+            # Điều 1, Chương II
      | (?:Nơi\s+nhận|Kính\s+gửi|Số\s*[:.]|Căn\s+cứ|V/v|Về\s+việc|Lưu\s*:)
      | (?:KT|TM|TL|TUQ|Q|T/M|K/T|T/L)[./]?\s+\p{Lu}     # "KT/ BỘ TRƯỞNG" too
      | [(]\s*[Đđ]ã\s+ký\s*[)]                          # "(Đã ký)": a copy's mark, on its own line
      | \p{Lu}[\p{L} .]{1,30},\s*ngày\b                  # "Quảng Ngãi, ngày ..."
    )""",
    regex.X,
)
_NUMBERED_HEADING = fast_compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
_ENDS_SENTENCE = fast_compile(r"(?:[.;:!?…]|\./\.|[.;:!?][\"”’)]*)$")
_SIGNED_MARK = fast_compile(r"^[(]\s*[Đđ]ã\s+ký\s*[)]$")
_NAME_LINE = fast_compile(r"^\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){1,4}$")
_UPPER_LINE = fast_compile(r"^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$")
_JOINING_END = fast_compile(r"(?:,|\b(?:VÀ|CỦA|THỨ|LẦN|VỀ|CHO|TẠI|NĂM|Và|của|và|-|–))$")


def _is_upper(line: str) -> bool:
    return bool(_UPPER_LINE.match(line))


_LOWER = fast_compile(r"\p{Ll}")
_UPPER = fast_compile(r"\p{Lu}")
_CLOSERS = "\"”’)"


def _tail(line: str) -> str:
    """The end of ``line`` that decides ``_ENDS_SENTENCE`` and ``_JOINING_END``: its trailing
    run of closing quotes and the 8 characters before it (the longest ending tested, with
    the character before a word boundary, is 5). Searching the tail instead of the whole
    line keeps the joining linear: a line that grows by thousands of joins is not searched
    from its start again at every join."""
    return line[max(0, len(line.rstrip(_CLOSERS)) - 8):]


def _ends_sentence(line: str) -> bool:
    return bool(_ENDS_SENTENCE.search(_tail(line)))


def _joining_end(line: str) -> bool:
    return bool(_JOINING_END.search(_tail(line)))


def _is_position(line: str) -> bool:
    """A title and nothing else ("Thứ trưởng"; patterns/positions.yaml)."""
    if len(line) > 60:
        return False
    from .rules import vocab  # the rules load patterns/: only here, never at import time
    from .vietnamese import fold

    return fold(line.strip()) in vocab.position_canonical()


def _should_join(prev: str, nxt: str, prev_upper: bool | None = None) -> bool:
    """Whether ``nxt`` continues ``prev`` (both non-empty, no blank line between).
    ``prev_upper``: ``_is_upper(prev)`` when the caller knows it."""
    if _ends_sentence(prev) or _STARTS_BLOCK.match(nxt) or prev.startswith("Số"):
        return False
    if _NAME_LINE.match(prev) or _SIGNED_MARK.match(prev):
        return False  # a signer's name, and the "(Đã ký)" above it, stand alone on their lines
    if _NAME_LINE.match(nxt) and _is_position(prev):
        return False  # "Thứ trưởng" / "Trần Văn Tá": a title in sentence case over the signer's name
    if _is_upper(prev) if prev_upper is None else prev_upper:
        # Header blocks, headings and signature lines stack upper-case lines on purpose;
        # join only a heading visibly cut in the middle ("I. MỤC ĐÍCH," / "YÊU CẦU").
        return _joining_end(prev) and _is_upper(nxt) and bool(_STARTS_BLOCK.match(prev))
    if _is_upper(nxt) and len(nxt) > 3:
        return False
    if _NUMBERED_HEADING.match(prev) and len(prev) < 60 and nxt[:1].isupper() and not _joining_end(prev):
        return False  # "1. Đánh giá chung" / "Sau 100 ngày ...": a short run-in heading, then its paragraph
    return True


def _joins_across_blank(prev: str, nxt: str, prev_upper: bool | None = None) -> bool:
    """A paragraph cut by a page break: the next one starts in lower case."""
    return (bool(nxt) and nxt[0].islower() and len(prev) >= 60 and not _ends_sentence(prev)
            and not (_is_upper(prev) if prev_upper is None else prev_upper) and not _STARTS_BLOCK.match(nxt))


class _Case:
    """Whether a line has lower-case and upper-case letters, kept up to date as it grows by
    joins (``_is_upper`` of the joined line without reading it again)."""

    __slots__ = ("lower", "upper")

    def __init__(self, line: str) -> None:
        self.lower = bool(_LOWER.search(line))
        self.upper = bool(_UPPER.search(line))

    def add(self, line: str) -> None:
        if not self.lower:
            self.lower = bool(_LOWER.search(line))
        if not self.upper:
            self.upper = bool(_UPPER.search(line))

    @property
    def is_upper(self) -> bool:
        return self.upper and not self.lower


def unwrap(text: str) -> str:
    """Step 6: join hard-wrapped lines. A joined line is tested again against the next one."""
    return _unwrap(text)[0]


def _unwrap(text: str) -> tuple[str, bool]:
    """``unwrap``, and whether unwrapping its result again would change nothing.

    A second run tests the same pairs of lines but one kind: a line that grew by a join was
    tested, as the lower of a pair, by its first part only ("ABC" is upper case, "ABC, và def"
    is not), so only those pairs are tested again.

    Linear in the text: the line being built is a local string grown in place (``+=``), its
    case is kept in a ``_Case``, and its end is tested by its tail only."""
    out: list[str] = []
    grown: set[int] = set()  # indices in ``out`` of lines that grew
    blank_pending = False
    last: str | None = None  # the line being built (out[-1] once it is finished)
    case: _Case | None = None
    last_grew = False
    for line in text.split("\n"):
        if not line:
            blank_pending = True
            continue
        if last:
            if not blank_pending and _should_join(last, line, case.is_upper):  # type: ignore[union-attr]
                last += " " + line
                case.add(line)  # type: ignore[union-attr]
                last_grew = True
                continue
            if blank_pending and _joins_across_blank(last, line, case.is_upper):  # type: ignore[union-attr]
                last += " " + line
                case.add(line)  # type: ignore[union-attr]
                blank_pending = False
                last_grew = True
                continue
        if last is not None:
            if last_grew:
                grown.add(len(out))
            out.append(last)
        if blank_pending and (out or last is not None):
            out.append("")
        blank_pending = False
        last, case, last_grew = line, _Case(line), False
    if last is not None:
        if last_grew:
            grown.add(len(out))
        out.append(last)
    stable = True
    for k in sorted(grown):
        if k >= 2 and not out[k - 1]:
            stable = not _joins_across_blank(out[k - 2], out[k])
        elif k >= 1 and out[k - 1]:
            stable = not _should_join(out[k - 1], out[k])
        if not stable:
            break
    return "\n".join(out), stable


_MAX_PASSES = 6
# What can give a second pass work after the first: markup characters that joining or trimming
# lines can turn into markup ("#" at a line's start, "|" cells, "[text](url)" across lines,
# "=", "~" and "_" rules), and combining marks left after NFC (stacked marks: moving a tone can
# leave a pair to compose). Not "-": a rule line of dashes goes whole, and no join can make a new
# one (a line starting with "-" is never joined to the one above). Not "*" unless a star was
# stripped: joining never puts two stars together nor moves a bullet star off its line's start.
_MARKUP_RISK = re.compile(r"[#|_\[!=~\u0300-\u036f]")


def _one_pass(text: str) -> str:
    return unwrap(tidy_spaces(strip_markup(normalize_chars(text))))


def normalize(text: str) -> str:
    """The whole normalization; ``Record.text`` is ``normalize(decoded_text)``.

    The steps are repeated until the text no longer changes, which makes ``normalize``
    idempotent by construction: one step can expose work for an earlier one (removing
    "**" leaves a "# heading" at a line's start, trimming a line leaves a table's "|" at
    its end, removing a "*" between a letter and its combining accent leaves them to be
    composed). A document needs one pass and a second to confirm it; property tests
    (``tests/robustness/test_properties.py``) found the inputs that need more.
    """
    chars = normalize_chars(text)
    stripped = strip_markup(chars)
    out, stable = _unwrap(tidy_spaces(stripped))
    if not _MARKUP_RISK.search(chars) and ("*" not in chars or stripped == chars):
        # No markup to strip: the later steps only trim, collapse and join white space, which
        # gives the earlier steps nothing new to do, so only the joining needs confirming.
        if stable:
            return out
        out = unwrap(out)
    for _ in range(_MAX_PASSES - 1):
        again = _one_pass(out)
        if again == out:
            break
        out = again
    return out
