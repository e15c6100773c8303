"""Repair OCR'd header lines against the header vocabulary (issue 13, class 5).

Tesseract drops or swaps the diacritics of capitals ("UBND TINH" for TỈNH, "ĐÔNG" for
ĐỒNG, "BIỂN BẢN" for BIÊN BẢN, "QUYÉT ĐỊNH"), which a Vietnamese reader restores without
thinking because header lines have a small vocabulary: document types
(``doc_types.yaml``), organisation heads (``organizations.yaml``), titles
(``positions.yaml``), provinces, the national motto and a few header phrases
(``header_words.yaml``).

A run of words in a header line is replaced by a vocabulary phrase when
- the words are in capitals (any phrase of the vocabulary), or, not in capitals, the phrase
  is one of two words or more from ``header_words.yaml`` or the provinces ("Độc lập - Tự
  do - Hạnh phúc", "thành phố Đà Nẵng"): organisation heads and titles collide with
  ordinary words in running text ("học viên", "khẩn trương", "địa phương");
- their folded forms (no diacritics, lower case, đ as d) are equal, or, for phrases of
  twelve folded characters or more, within one edit per twelve characters; and
- that phrase is the only one of the vocabulary with that folded form and word count
  (so "SO" alone, Sở or Số, is left as it is; "HA TINH" is Hà Tĩnh and "UBND TINH" is
  UBND TỈNH, since each is the one phrase of its length with that folded form);
- and the words differ from it (case and punctuation inside the run, "QUẢNG: BÌNH",
  aside); a phrase of one word only replaces a word in capitals that lost marks, not one
  with other marks ("TINH" and "HỌI" are repaired, "TÌNH" in "TÌNH HÌNH" is a word of its
  own).
Longest phrases are tried first, left to right; the replaced words keep the line's case
(upper-case words stay upper case). Each repair is returned as (original, repaired) for a
``W_OCR_REPAIRED`` warning.
"""

from __future__ import annotations

import functools
import unicodedata

from ..rules.load import load_yaml
from ..vietnamese import place_tones

HEADER_LINES = 12  # lines at the top of the first page treated as the header zone
_EDGE = "\"'“”‘’()[]{}.,;:!?*|"
_FUZZY_MIN = 12


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return text.split()


def _place_phrases() -> list[str]:
    from ..rules import gazetteer

    phrases: list[str] = list((load_yaml("header_words.yaml") or {}).get("phrases") or [])
    for info in gazetteer.provinces().values():
        phrases.append(info.name)
        prefix = "thành phố" if info.kind == "thanh_pho" else "tỉnh"
        phrases += [f"{prefix} {info.name}", f"UBND {prefix} {info.name}", f"Ủy ban nhân dân {prefix} {info.name}"]
    return phrases


@functools.cache
def _vocabulary() -> dict[int, dict[str, str | None]]:
    """For lines in capitals (issuer, type line, motto, signer's title): word count ->
    folded phrase -> phrase (None when two phrases share the folded form)."""
    from ..rules import vocab

    phrases = _place_phrases()
    phrases += [name for t in vocab.doc_types() for name in t.names]
    phrases += [h for h in vocab.org_heads() if not h.isupper()]  # abbreviations have no marks to restore
    phrases += [canonical for canonical, _ in vocab.positions()]
    return _table(phrases)


@functools.cache
def _mixed_vocabulary() -> dict[int, dict[str, str | None]]:
    """For words not in capitals: only phrases of two words or more from
    ``header_words.yaml`` and the provinces (the motto's second line, the place before the
    date). Organisation heads and titles are left out: in running text they collide with
    ordinary words ("học viên" is a student, "Học viện" an academy)."""
    return {n: t for n, t in _table(_place_phrases()).items() if n >= 2}


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _table(phrases: list[str]) -> dict[int, dict[str, str | None]]:
    table: dict[int, dict[str, str | None]] = {}
    for phrase in phrases:
        phrase = unicodedata.normalize("NFC", " ".join(phrase.split()))
        words = _words(phrase)
        if not words:
            continue
        key = fold(phrase)
        slot = table.setdefault(len(words), {})
        if key in slot and (prev := slot[key]) is not None and prev.lower() != phrase.lower():
            slot[key] = None  # two phrases, one folded form: not unique
        elif key not in slot:
            slot[key] = phrase
    return table


def _distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``most + 1`` once it is over ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > most:
            return most + 1
        prev = cur
    return prev[-1]


def _with_case(target: str, source: str) -> str:
    """``target`` written in ``source``'s case."""
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target[:1].lower() + target[1:] if source[:1].islower() else target


def _match(core: list[str], table: dict[str, str | None]) -> str | None:
    key = fold(" ".join(core))
    if key in table:
        return table[key]
    if len(key) < _FUZZY_MIN:
        return None
    most = len(key) // _FUZZY_MIN
    first, last = key.split()[0], key.split()[-1]
    found: set[str] = set()
    for k, phrase in table.items():
        if phrase is None or len(k) < _FUZZY_MIN or abs(len(k) - len(key)) > most:
            continue
        # OCR rarely garbles both ends of a phrase: one end must be right (and this
        # keeps the edit-distance loop to a few candidates).
        if not (k.startswith(first + " ") or k.endswith(" " + last)):
            continue
        if _distance(key, k, most) <= most:
            found.add(phrase)
    return found.pop() if len(found) == 1 else None


def _marks(word: str) -> set[str]:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return {ch for ch in decomposed if unicodedata.combining(ch)} | ({"đ"} if "đ" in word.lower() else set())


def _lost_marks(word: str, phrase: str) -> bool:
    """``word`` has only marks that ``phrase`` has: OCR lost marks ("TINH", "HỌI") rather
    than read another word ("TÌNH" is not a damaged "TỈNH")."""
    return _marks(word) <= _marks(phrase)


def repair_line(line: str) -> tuple[str, list[tuple[str, str]]]:
    """``line`` with vocabulary phrases restored, and the repairs made."""
    tokens = _words(line)
    if not tokens:
        return line, []
    vocab, mixed = _vocabulary(), _mixed_vocabulary()
    sizes = sorted(vocab, reverse=True)
    out: list[str] = []
    repairs: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        for n in sizes:
            if i + n > len(tokens):
                continue
            window = tokens[i:i + n]
            lead = window[0][:len(window[0]) - len(window[0].lstrip(_EDGE))]
            trail = window[-1][len(window[-1].rstrip(_EDGE)):]
            core = [w.strip(_EDGE) for w in window]
            if not all(core):
                continue
            caps = all(_is_caps(c) for c in core)
            phrase = _match(core, vocab[n] if caps else mixed[n]) if caps or n in mixed else None
            if phrase is None or (n == 1 and not (caps and _lost_marks(core[0], phrase))):
                continue
            new_words = [_with_case(p, c) for p, c in zip(_words(phrase), core, strict=True)]
            clean = lead + " ".join(core) + trail == " ".join(window)  # no punctuation inside the run
            if clean and [place_tones(w.lower()) for w in new_words] == [place_tones(c.lower()) for c in core]:
                out.extend(window)  # already right: keep it, and do not repair inside it
            else:
                # Punctuation inside the run ("QUẢNG: BÌNH") is OCR noise and goes.
                fixed = lead + " ".join(new_words) + trail
                repairs.append((" ".join(window), fixed))
                out.append(fixed)
            i += n
            break
        else:
            out.append(tokens[i])
            i += 1
    if not repairs:
        return line, []
    indent = line[:len(line) - len(line.lstrip())]
    return indent + " ".join(out), repairs


def repair_header(text: str, lines: int = HEADER_LINES) -> tuple[str, list[tuple[str, str]]]:
    """The first ``lines`` non-blank lines of ``text`` repaired; the rest unchanged."""
    out = text.split("\n")
    repairs: list[tuple[str, str]] = []
    seen = 0
    for k, line in enumerate(out):
        if seen >= lines:
            break
        if not line.strip():
            continue
        seen += 1
        fixed, made = repair_line(line)
        if made:
            out[k] = fixed
            repairs.extend(made)
    return "\n".join(out), repairs




def repair_first_page(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Header repair of an OCR'd first page (``repair_header``), as one call for readers."""
    return repair_header(text)


def repair_warning(repairs: list[tuple[str, str]]) -> str:
    """The message of a ``W_OCR_REPAIRED`` warning: every repair, original first."""
    return "OCR'd header words restored from the header vocabulary: " + "; ".join(
        f"{old!r} -> {new!r}" for old, new in repairs)
