"""End of the document: "Nơi nhận" list, signature blocks, where the body ends.

Signature blocks (Nghị định 30/2020, Phụ lục I): optional prefix lines ("TM. ỦY BAN NHÂN
DÂN", "KT. CHỦ TỊCH"), a position line ("PHÓ CHỦ TỊCH"), the name. News pages end with
"Tác giả bài viết: ...", a bare byline, or "Nguồn: ...".
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import errors
from ..document import Document, Line
from ..rules import gazetteer, lexicon, person_parts, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..schema import Signer
from ..vietnamese import fold, is_vietnamese_word, mostly_upper, strip_diacritics
from . import boilerplate
from .reflow import reflow

NOI_NHAN = fast_compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", regex.I)
NOI_NHAN_OCR = fast_compile(r"^\S?ơi\s+nhận\s*:\s*(?P<rest>.*)$", regex.I)  # "4ơi nhận:" (OCR)
# OCR of a signature block (stamp, handwriting over the words): a damaged signing code before
# the position ("K†CHỦ TỊCH", "(@. HIỆU TRƯỞNG", "= GIÁM ĐÓC") and marks before the name.
OCR_PREFIX = fast_compile(r"^(?:(?P<k>K)[^\p{L}\s]{1,2}\s*|[^\p{L}\s]{1,3}\s+|[^\p{L}\s]{1,3}(?=\p{Lu}))(?P<rest>\p{Lu}.*)$")
_NOT_NAME = fast_compile(r"^(?:Chương|Điều|Mục|Phần|Phụ\s+lục|Biểu|Mẫu)\b|.*\b[IVXLC]+$")
_NOISE_MARKS = frozenset("@#$%^*=<>{}[]\\|~`⁄†€")
RECIPIENT = fast_compile(r"^[-+•–]\s*(?P<item>.+?)\s*[;.,]?\s*$")
PREFIX = fast_compile(
    r"^(?P<code>KT|TM|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T|T\.L)\s*(?:[.:/]\s*|\s+)(?P<of>\p{Lu}.*)$"
)
STORED = fast_compile(r"^[-+•–]?\s*Lưu\s*:?\s*(?:VT|VP|Văn\s+thư|HC)\b", regex.I)  # the list's last line
CLOSING = fast_compile(r"\./\.\s*$|^Trên\s+đây\s+là\b", regex.I)
SIGNED = fast_compile(r"^[(\[]?\s*(?:Đã\s+ký|đã\s+ký|Ký\s+tên|ký,?\s+ghi\s+rõ|Ký\s+và\s+đóng\s+dấu|daky|Chữ\s+ký)[^)\]]*[)\]]?$", regex.I)
AUTHOR = fast_compile(r"^(?:Tác\s+giả(?:\s+bài\s+viết)?|Tin\s*,?\s*ảnh|Bài\s*,?\s*ảnh|Người\s+viết)\s*:\s*(?P<v>.+?)\s*$", regex.I)
SOURCE = fast_compile(r"^(?:Nguồn|Theo)\s*:\s*(?P<v>.+?)\s*$", regex.I)


@functools.cache
def _name_line() -> Any:
    """A signer's name alone on its line, after an honorific (``signature: true`` in
    patterns/person_names.yaml) or a title."""
    return fast_compile(
        rf"^(?:(?:{lexicon.honorific_pattern(signature=True)}|TS|ThS|PGS\.?\s*TS|GS\.?\s*TS|BS|KS|Đại\s+tá|Thượng\s+tá|"
        r"Trung\s+tá)\.?\s+)?(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})\s*$"
    )


_CODE = {"T/M": "TM", "K/T": "KT", "T/L": "TL", "T.M": "TM", "K.T": "KT", "T.L": "TL"}


@functools.cache
def _trailing_name() -> Any:
    """A name at the end of an OCR'd line after marks: a known family name, then one to three
    capitalised syllables ("sử NÀ\\ TT ... Z Lê Thị Bích Thuận")."""
    return fast_compile(rf"(?<![\p{{L}}])(?P<name>{person_parts.surname_pattern()}(?:\s+\p{{Lu}}\p{{Ll}}+){{1,3}})\s*$")


def _short_marks_before_name(t: str) -> bool:
    """A name after a few one- to two-letter tokens ("x ad Lê Thị Bích Thuận"): no word of a
    sentence or a title stands before it."""
    nm = _trailing_name().search(t)
    if not nm or not t[:nm.start()].strip():
        return False
    return all(len(tok) <= 2 or not any(c.isalpha() for c in tok) for tok in t[:nm.start()].split())


def _noise(t: str) -> bool:
    """An OCR'd line that is mostly marks: a stamp or a signature read as characters."""
    chars = [c for c in t if not c.isspace()]
    if not chars:
        return True
    letters = sum(c.isalpha() for c in chars)
    return letters / len(chars) < 0.7 or any(c in _NOISE_MARKS for c in chars)


def _ocr_position(t: str) -> tuple[str | None, str | None]:
    """(position, signing code) of an OCR'd line that names a position under marks or with
    its marks lost ("K†CHỦ TỊCH" -> ("CHỦ TỊCH", "KT"), "= GIÁM ĐÓC" -> ("GIÁM ĐỐC", None))."""
    m = OCR_PREFIX.match(t)
    rest, code = (m["rest"], "KT" if m["k"] else None) if m else (t, None)
    if _looks_like_position(rest):
        return rest, code
    canonical = vocab.position_by_letters().get(strip_diacritics(fold(rest)))
    return (canonical.upper(), code) if canonical and mostly_upper(rest) else (None, None)


# What is left of "PHÓ" when a signature's loop crosses it: "P Ó", "O", "PH".
_PHO_LEFT = fast_compile(r"^(?P<pho>(?:[PpHhOoÓó]\s?){1,3})\s+(?P<rest>\p{Lu}.*)$")


def _damaged_deputy(t: str) -> str | None:
    """"O CHU TỊCH" / "P Ó CHỦ TỊCH" on an OCR'd page: a head's title after what is left of
    "PHÓ" reads as that head's deputy ("PHÓ CHỦ TỊCH"), in capitals; None otherwise."""
    m = _PHO_LEFT.match(t.strip())
    if not m or not mostly_upper(t):
        return None
    letters = strip_diacritics(fold(m["pho"])).replace(" ", "")
    pho = iter("pho")
    if not all(c in pho for c in letters):  # what is left must be a part of "pho", in order
        return None
    rest = m["rest"]
    head = vocab.position_canonical().get(fold(rest)) or vocab.position_by_letters().get(strip_diacritics(fold(rest)))
    return vocab.deputy_of(head).upper() if head and not fold(head).startswith("phó") else None


@dataclass
class _Footer:
    """What one reading of the footer found, applied to the document once chosen."""

    warnings: list[tuple[str, str, int, int]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    names: list[tuple[int, int, str]] = field(default_factory=list)  # PER entities of signers
    body_end: int | None = None
    last_signer_line: Line | None = None
    last_recipient_line: Line | None = None


def find(doc: Document) -> None:
    """Stage: recipients, signers, ``doc.body_end`` and ``doc.appendix_start``.

    Attached forms repeat "Nơi nhận" with a blank signature block, so each "Nơi nhận" is
    tried in document order and the first one with a signer is the document's own; with
    none, the last one gives the recipients (as before)."""
    if doc.header.genre == "news":
        _news_footer(doc)
        return
    lo, hi = doc.line_index(doc.body_start), doc.line_index(max(doc.body_start, doc.doc_end - 1))
    lines = reflow(doc.lines[lo:hi + 1])  # "TM. ỦY BAN NHÂN" / "DÂN" is one line
    cands = [i for i, ln in enumerate(lines) if NOI_NHAN.match(ln.text)]
    if not cands and doc.ocr:
        cands = [i for i, ln in enumerate(lines) if NOI_NHAN_OCR.match(ln.text)]
    chosen = None
    for nn in cands[:-1]:
        attempt = _read_footer(lines, nn, doc.ocr)
        if attempt.signers:
            chosen = attempt
            break
    if chosen is None:
        chosen = _read_footer(lines, cands[-1] if cands else None, doc.ocr)
    for code, message, start, end in chosen.warnings:
        doc.warn(code, message, start, end)
    doc.recipients.extend(chosen.recipients)
    doc.signers.extend(chosen.signers)
    for start, end, name in chosen.names:
        doc.add_entity("PER", start, end, name, "pattern:signer")
    doc.body_end = chosen.body_end if chosen.body_end is not None else doc.doc_end
    # what follows the signature (or, with no signer found, the recipients: a draft signed
    # "TRƯỞNG BAN" with no name yet) is an attachment: a list, a regulation, a form
    last = chosen.last_signer_line or (chosen.last_recipient_line if not chosen.signers else None)
    if last is not None:
        after = doc.line_index(last.end) + 1
        tail = [ln for ln in doc.lines[after:] if ln.text and ln.start < doc.doc_end]
        # a recipients list broken by OCR'd stamp marks goes on to its "Lưu: VT" line
        broken = chosen.last_signer_line is None and any(STORED.match(ln.text) for ln in tail[:10])
        if tail and not NOI_NHAN.match(tail[0].text) and not broken:
            doc.appendix_start = tail[0].start
    doc.body_end = max(doc.body_end, doc.body_start)


def _read_footer(lines: list[Line], nn: int | None, ocr: bool = False) -> _Footer:
    """Recipients after line ``nn`` ("Nơi nhận"), the signature block around them, where the
    body ends."""
    out = _Footer()
    close = None
    stop = nn if nn is not None else len(lines)
    for i in range(stop - 1, -1, -1):
        if lines[i].text and CLOSING.search(lines[i].text):
            close = i
            break
    recip_idx: set[int] = set()
    if nn is not None:
        rest = (NOI_NHAN.match(lines[nn].text) or NOI_NHAN_OCR.match(lines[nn].text)).group("rest")  # type: ignore[union-attr]
        if rest.strip():
            out.recipients.append(_clean_recipient(rest))
        i = nn + 1
        while i < len(lines) and (RECIPIENT.match(lines[i].text) or not lines[i].text):
            if lines[i].text:
                out.recipients.append(_clean_recipient(lines[i].text))
                recip_idx.add(i)
                out.last_recipient_line = lines[i]
            i += 1
    # The signature block sits after the closing line (or after the list when the text
    # order put the recipients first), or just before "Nơi nhận" in some layouts.
    region_start = (close + 1) if close is not None else (nn if nn is not None else max(0, len(lines) - 15))
    if close is None and nn is None:
        # No "Nơi nhận" and no closing mark: a signing line ("TM. ỦY BAN NHÂN DÂN TỈNH") opens
        # the block even when an appendix runs on for pages after it.
        region_start = next((i for i, ln in enumerate(lines) if (m := PREFIX.match(ln.text.strip()))
                             and mostly_upper(m.group("of"))), region_start)
    if close is None and nn is not None:
        region_start = _walk_up_signature(lines, nn, ocr)
    region = [(i, ln) for i, ln in enumerate(lines[region_start:], start=region_start)
              if i not in recip_idx and i != nn]
    out.last_signer_line = _read_signers(out, region, ocr)
    body_end_line = lines[region_start] if region_start < len(lines) else None
    if close is None and nn is None and out.signers:
        # No closing line and no "Nơi nhận": the region is only the last lines searched, and the
        # body runs up to the signature block itself ("Điều 1. Tặng ... cho 03 tập thể.\nGIÁM ĐỐC").
        first_signer = min(s.start for s in out.signers)
        body_end_line = next(ln for ln in reversed(lines) if ln.start <= first_signer)
    if nn is not None and (close is None or nn < region_start):
        body_end_line = lines[min(nn, region_start)]
    if body_end_line is not None and (out.signers or nn is not None or close is not None):
        out.body_end = body_end_line.start
    return out


def _walk_up_signature(lines: list[Line], nn: int, ocr: bool = False) -> int:
    """With no closing line, a signature block may stand just above "Nơi nhận"."""
    i, seen = nn, 0
    while i > 0 and seen < 8:
        t = lines[i - 1].text.strip()
        if t and not (PREFIX.match(t) or _name_line().match(t) or SIGNED.match(t) or (mostly_upper(t) and len(t) < 80)
                      or (ocr and (_noise(t) or _ocr_position(t)[0]))):
            break
        i -= 1
        seen += bool(t)
    return i


def _clean_recipient(text: str) -> str:
    t = _rx(r"^[-+•–]\s*").sub("", text.strip())
    return _rx(r"\s*[;,.]+$").sub("", t).strip()


def _read_signers(out: _Footer, region: list[tuple[int, Line]], ocr: bool = False) -> Line | None:
    """Signature blocks in ``region``: prefix lines, a position, then the name; also the name
    before its position (two table cells read in the other order: "Phạm Bình Minh" / "BỘ
    TRƯỞNG"), both on one line ("BỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng"), and two blocks side by
    side read as rows ("THƯ KÝ" / "CHỦ TRÌ" / name / name). On an OCR'd page, lines that are
    stamp or signature marks are passed over, a position is read under marks or with lost
    marks, and a name may end a line of marks."""
    chain: list[tuple[str, str]] = []
    position: str | None = None
    beside: list[str] = []  # positions of blocks standing side by side, in reading order
    first: Line | None = None
    last: Line | None = None
    pending: tuple[Line, regex.Match[str]] | None = None  # a name seen before any position
    guessed: str | None = None  # the OCR'd line a position was guessed from ("O CHU TỊCH")

    def sign(ln: Line, nm: regex.Match[str]) -> None:
        name = nm.group("name")
        authority = chain[-1][0] if chain else None
        on_behalf = _sentence_case(chain[-1][1]) if chain else None
        start = min((first or ln).start, ln.start)
        end = max(ln.start + nm.end("name"), first.end if first else 0)
        pos: str | None
        if guessed and position:
            pos = _sentence_case(position)
            out.warnings.append((errors.W_SIGNER_POSITION_INFERRED, f"the position line of {name} reads "
                                 f"'{guessed}': taken as {pos} (a signature or seal over its first word)",
                                 start, end))
        elif position and authority == "KT" and on_behalf and fold(position) == fold(on_behalf) \
                and vocab.deputy_of(on_behalf):
            # "KT. GIÁM ĐỐC" / "GIÁM ĐỐC": no one signs for himself, so the "PHÓ" of the
            # deputy's line was lost (a seal over it, in a scan)
            pos = vocab.deputy_of(on_behalf)
            out.warnings.append((errors.W_SIGNER_POSITION_INFERRED, f"the position under 'KT. {chain[-1][1]}' "
                                 f"reads '{position}' again: {name} is taken to sign as its deputy, {pos}",
                                 start, end))
        elif position:
            pos = _sentence_case(position)
        elif authority == "KT" and on_behalf:
            # "KT. CHỦ TỊCH" over a name whose own line is lost: a deputy signs for the head
            pos = vocab.deputy_of(on_behalf)
            out.warnings.append((errors.W_SIGNER_POSITION_INFERRED, f"no position line under 'KT. {chain[-1][1]}': "
                                 f"{name} is taken to sign as its deputy, {pos}", start, end))
        else:
            pos = on_behalf
        if pos is None:
            out.warnings.append((errors.W_SIGNER_POSITION_MISSING, f"the position of the signer {name} could not "
                                 "be read (a stamp or signature over it in the scan)", start, end))
        out.signers.append(Signer(name=name, position=pos, authority=authority, on_behalf_of=on_behalf,
                                  chain=[f"{c}. {_sentence_case(o)}" for c, o in chain], start=start, end=end))
        out.names.append((ln.start + nm.start("name"), ln.start + nm.end("name"), name))

    closed = False  # a blank line after the position: the block ends there
    lines = _split_inline_signatures(region)
    for k, (_i, ln) in enumerate(lines):
        t = ln.text.strip()
        if not t and position is not None:
            closed = True
        if not t or SIGNED.match(t) or _rx(r"[\W_]+").fullmatch(t):
            continue
        if closed and pending is not None and last is None:
            break  # "Phạm Bình Minh" / "BỘ TRƯỞNG" / blank / "PHỤ LỤC": signed below, then an appendix
        m = PREFIX.match(t)
        if m and mostly_upper(m.group("of")):
            if position is not None:  # a new block starts
                chain, position = [], None
            code = _CODE.get(m.group("code"), m.group("code"))
            of = m.group("of").strip()
            if ocr:
                of = _ocr_position(of)[0] or of  # "KT. GIAM ĐỌC": marks lost under a seal
            joined = None if _next_is_position(lines, k) else _position_after(of)
            if joined:
                # "KT THỦ TƯỚNG PHÓ THỦ TƯỚNG": a portal's table cell, the signing line and the
                # position on one line ("TM. ĐOÀN CHỦ TỊCH" over "CHỦ TỊCH" keeps its body whole)
                of, position = joined
            chain.append((code, of))
            first = first or ln
            continue
        nm = _name_line().match(t)
        if nm and _NOT_NAME.match(nm["name"]):
            nm = None  # "Chương I", "Phần II": a heading of the attachment
        if ocr and not nm:
            found, code = _ocr_position(t)
            if found and code and not chain and position is None:
                chain.append((code, found))  # "K†CHỦ TỊCH": the code's marks were lost
                first = first or ln
                continue
            if not found and (deputy := _damaged_deputy(t)):
                guessed, found = t, deputy
            if found:
                t = found
            elif _noise(t) or _short_marks_before_name(ln.text):
                # "sử NÀ\ TT ... Z Lê Thị Bích Thuận", "x ad Lê Thị Bích Thuận": a signature's
                # strokes read as characters before the name
                nm = _trailing_name().search(ln.text)
                if not nm:
                    continue
        if chain and position is None and not nm and mostly_upper(t) and len(t.split()) <= 4 \
                and not _looks_like_position(t) and _next_is_position(lines, k):
            # "KT. TRƯỞNG BAN NGHIỆP VỤ THUẾ" / "HQ" / "PHÓ TRƯỞNG BAN": the signing line wrapped
            code, of = chain[-1]
            chain[-1] = (code, f"{of} {t}")
            continue
        # A title typed in sentence case under a signing line ("KT/ BỘ TRƯỞNG" / "Thứ trưởng").
        if not nm and (mostly_upper(t) or (chain and position is None and _full_position(t))) \
                and len(t) < 120 and (chain or _looks_like_position(t)):
            if position is None:
                position = t
            elif _full_position(position) and _full_position(t):
                beside.append(t)  # "THƯ KÝ" then "CHỦ TRÌ": two blocks side by side
            elif len(position) + len(t) < POSITION_MAX:
                position = f"{position} {t}"  # a position wrapped over two lines
            else:
                continue  # capitals after a whole position: an attachment's titles, not more of it
            first = first or ln
            continue
        if nm and (chain or position):
            sign(ln, nm)
            chain, position, first, last, pending, closed, guessed = [], None, None, ln, None, False, None
            if beside:
                position = beside.pop(0)
            continue
        if position is not None or chain:
            continue
        if nm and last is None:
            pending = (ln, nm)
            continue
        if last is not None:
            break  # content after the last signature: an appendix
    if pending is not None and last is None and (position is not None or ocr):
        # the name stood above its position; or, OCR'd, a name whose position is unreadable
        sign(*pending)
        last = pending[0]
    return last


def _next_is_position(lines: list[tuple[int, Line]], k: int) -> bool:
    """Whether the next non-blank line after ``lines[k]`` starts with a position title."""
    for _i, ln in lines[k + 1:]:
        if ln.text.strip():
            return _looks_like_position(ln.text.strip())
    return False


POSITION_MAX = 90  # "PHÓ CHỦ TỊCH THƯỜNG TRỰC HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH" fits


def _full_position(t: str) -> bool:
    return fold(t) in vocab.position_canonical()


def _position_after(of: str) -> tuple[str, str] | None:
    """("THỦ TƯỚNG", "PHÓ THỦ TƯỚNG") from "THỦ TƯỚNG PHÓ THỦ TƯỚNG": the longest position that
    ends the line after at least one word of the body signed for; None when there is none."""
    words = of.split()
    for i in range(1, len(words)):
        if _full_position(" ".join(words[i:])):
            return " ".join(words[:i]), " ".join(words[i:])
    return None


# "BỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng": a legal portal's signature cell on one line.
INLINE_SIGNED = fast_compile(
    r"^(?P<pos>[^()\n]{3,80}?)\s*[(\[]\s*(?:Đã\s+ký|đã\s+ký|Ký)\s*[)\]]\s*(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})\s*$"
)


def _split_inline_signatures(region: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    out: list[tuple[int, Line]] = []
    for i, ln in region:
        m = INLINE_SIGNED.match(ln.text)
        if m and mostly_upper(m.group("pos")):
            out.append((i, Line(ln.start + m.start("pos"), ln.start + m.end("pos"), m.group("pos"))))
            out.append((i, Line(ln.start + m.start("name"), ln.start + m.end("name"), m.group("name"))))
        else:
            out.append((i, ln))
    return out


def _looks_like_position(t: str) -> bool:
    return bool(vocab.position_regex().match(t))


# Words that keep a capital inside a position or a body's name.
_KEEP_CAPS = {"ủy", "ban", "nhân", "dân"}


def _sentence_case(text: str) -> str:
    """"PHÓ GIÁM ĐỐC" -> "Phó Giám đốc"; "ỦY BAN NHÂN DÂN" -> "Ủy ban nhân dân"."""
    if "," in text:
        return ", ".join(_sentence_case(p.strip()) for p in text.split(",") if p.strip())
    canonical = vocab.position_canonical().get(fold(text))
    if canonical:
        return canonical
    m = vocab.position_regex().match(text)
    if m and m.end() < len(text):
        head = vocab.position_canonical().get(fold(m.group()), m.group())
        return f"{head} {_org_case(text[m.end():].strip())}"
    return _org_case(text)


def _org_case(text: str) -> str:
    if not mostly_upper(text):
        return text
    original = text.split()
    words = text.lower().split()
    if not words:
        return text
    out = [words[0][:1].upper() + words[0][1:]]
    for prev, w in itertools.pairwise(words):
        # Vietnamese organisation names capitalise the word after the head noun.
        cap = prev in {"sở", "bộ", "cục", "vụ", "phòng", "trường"}
        out.append(w[:1].upper() + w[1:] if cap else w)
    # An abbreviation stays in capitals ("UBND", "HQ", "GD&ĐT"): no piece of it is a syllable.
    def abbreviation(word: str) -> bool:
        pieces = [p for p in _rx(r"[^\p{L}]+").split(word) if p]
        return bool(pieces) and all(p.isupper() and len(p) > 1 and not is_vietnamese_word(p) for p in pieces)

    out = [orig if abbreviation(orig) else o for o, orig in zip(out, original, strict=True)]
    # Restore the capitals of place names lost by lower-casing ("tỉnh quảng ngãi").
    return gazetteer.province_regex_ci().sub(lambda m: gazetteer.province(m.group()).name  # type: ignore[union-attr]
                                              , " ".join(out))


def _news_footer(doc: Document) -> None:
    end = doc.doc_end
    lo = doc.line_index(doc.body_start)
    body_end = end
    last_content: Line | None = None
    for ln in doc.lines[lo:]:
        if ln.start >= end:
            break
        t = ln.text.strip()
        if not t:
            continue
        a, s = AUTHOR.match(t), SOURCE.match(t)
        if a:
            doc.header.author = doc.header.author or a.group("v")
            body_end = min(body_end, ln.start)
        elif s:
            doc.header.source_name = doc.header.source_name or s.group("v")
            body_end = min(body_end, ln.start)
        elif boilerplate.chrome().match(t):
            body_end = min(body_end, ln.start)
        elif ln.start < body_end:
            last_content = ln
    # A bare byline: the last content line is a short personal name (seed 004).
    if doc.header.author is None and last_content is not None:
        nm = _name_line().match(last_content.text.strip())
        if nm and len(nm.group("name").split()) <= 4:
            doc.header.author = nm.group("name")
            body_end = min(body_end, last_content.start)
    doc.body_end = max(doc.body_start, body_end)
