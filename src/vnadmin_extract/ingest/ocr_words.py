"""Restore the marks OCR lost on ordinary words of running text (issue 13, class 5).

Tesseract's Vietnamese model drops or swaps the tone and vowel marks of ordinary words
("tông hợp" for "tổng hợp", "tuyễn dụng" for "tuyển dụng", "Phô biên" for "Phổ biến",
"phòng, chồng dịch" for "phòng, chống dịch"). A Vietnamese reader restores them because
the damaged pair is not a word and exactly one re-marking of it is. This module does the
same with a word list: underthesea's ``Viet74K.txt`` (74,000 words, read once from the
installed package), the compounds of ``patterns/compounds.yaml`` and the administrative
words of ``patterns/ocr_words.yaml``; and with syllable frequencies (``wordfreq``).

A wrong repair of correct text is worse than a missed one, so every condition below was
added to remove the false repairs it made on 556,000 words of correct text (the corpus,
the seeds, the Markdown, portal, text-layer and transcript files of corpus-public).

A window of two or three adjacent syllables (same line, or the next line when it goes on
in lower case; no punctuation between them) is re-marked when

- it is not a word of the list as it stands (lower case, one tone placement);
- exactly one lower-case word of the list has its letters once the marks are set aside,
  ``đ`` counted as ``d`` (so "tuyên đương" is left alone: "tuyến đường" or "tuyên dương"),
  and that word keeps every ``đ`` and ``d`` as read;
- each syllable it changes is a mistake Tesseract makes (``_ocr_could_read``: a tone lost
  over a hat, a hat lost under a tone, acute/grave or hook/tilde swapped; one per
  syllable; never a syllable read with no mark at all) and the restored syllable is more
  frequent than the one read ("trọng" is rarer than "trong");
- no syllable it changes is part of a word of the list with a neighbour, and no word of
  the list crosses the window's edge ("đương nhiệm ký" is not "đương" + "nhiệm kỳ");
- a syllable read with a tone is changed only when no function word (``stopwords.yaml``)
  stands beside it in the window ("nghỉ lại", "bằng cáp" are two words each);
- no overlapping window gives the same syllable another re-marking; and
- it is no name: in mixed case, not all its syllables are capitalised ("Văn Tiên");
  a line in capitals of at most ``MAX_NAME`` syllables that starts with a surname is a
  signer's name and left whole.

A syllable that is part of no word with its neighbours is re-marked alone when it is no
syllable of the language, or a rare one read without a tone, and one syllable with its
letters is far commoner than any other (``_single``: "quôc", "nguôn", "sô"). Tokens that
mix digits with the letters OCR reads for them ("COVID-I9", "2O19", "l5": ``O`` and ``o``
for 0, ``I`` and ``l`` for 1) are read as the number when the rest of that part is digits.

Each repair keeps the case of every letter and the text's length (a re-marked syllable has
the same letters in NFC), so a stretch of the page is the same stretch of the repaired
page; repairs are returned as (original, repaired) for a ``W_OCR_REPAIRED`` warning.
``Stats.ops`` counts dictionary look-ups: the work is linear in the words of a page.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from dataclasses import dataclass, field

from ..rules.load import load_yaml
from ..vietnamese import place_tones

MAX_WINDOW = 3
MAX_NAME = 5  # syllables of a personal name
# wordfreq's zipf scale: 3 is once a million words, 6 a thousand times.
SINGLE_MIN_ZIPF = 4.0
RARE_MAX_ZIPF = 4.2
DOMINANT_MIN_ZIPF = 6.0
DOMINANT_GAP = 1.0
_TOKEN = re.compile(r"\S+")
_DIGIT_PART = re.compile(r"[0-9OoIl]+")
_DIGIT_MAP = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_SPLIT_PARTS = re.compile(r"([-/.,:;()])")
# A letter beside the digit it stands for is as likely a stroke read twice as a digit: "số
# l1, 2, 3" on the page is "số 1, 2, 3".
_DOUBLED = re.compile(r"[Il]1|1[Il]|[Oo]0|0[Oo]")


@dataclass
class Lexicon:
    words: frozenset[str]  # every entry, lower case, one tone placement
    by_bare: dict[str, tuple[str, ...]]  # bare key -> lower-case entries with those letters
    surnames: frozenset[str]  # lower case (person_names.yaml): a line in capitals starting with one is a name
    syllables: frozenset[str]  # every syllable of the list, lower case
    function_words: frozenset[str]  # one-syllable stop words (stopwords.yaml): "lại", "bằng"
    syllable_by_bare: dict[str, tuple[str, ...]]  # bare key -> syllables of lower-case entries


@dataclass
class Stats:
    ops: int = 0  # dictionary look-ups: linear in the number of words
    repairs: list[tuple[str, str]] = field(default_factory=list)


def _bare(text: str) -> str:
    """Lower case, no tone or vowel marks, ``đ`` as ``d``: the key under which a read is
    ambiguous. A repair never changes ``d`` and ``đ`` (OCR drops and adds the bar: "tuyên
    đương" is "tuyên dương"), but a word that differs from it only there makes it unsure."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _norm(text: str) -> str:
    return place_tones(unicodedata.normalize("NFC", text.lower()))


def _viet74k() -> list[str]:
    """underthesea's word list, from the installed package (no download)."""
    root = importlib.resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt"
    return root.read_text(encoding="utf-8").splitlines()


@functools.cache
def lexicon() -> Lexicon:
    data = load_yaml("ocr_words.yaml") or {}
    extra = [str(w) for w in data.get("words") or []]
    extra += [str(w) for w in (load_yaml("compounds.yaml") or {}).get("compounds") or []]
    never = {_norm(w) for w in data.get("never_targets") or []}
    surnames = frozenset(_norm(w) for w in (load_yaml("person_names.yaml") or {}).get("surnames") or [])
    try:
        entries = _viet74k() + extra
    except (ModuleNotFoundError, FileNotFoundError):
        entries = list(extra)
    words: set[str] = set()
    by_bare: dict[str, set[str]] = {}
    known: set[str] = set()
    targets: set[str] = set()
    for raw in entries:
        entry = unicodedata.normalize("NFC", " ".join(raw.split()))
        syllables = entry.split()
        for syllable in syllables:
            if syllable.isalpha():
                low_syllable = _norm(syllable)
                known.add(low_syllable)
                if syllable == syllable.lower():
                    targets.add(low_syllable)
        if not 1 < len(syllables) <= MAX_WINDOW or not all(s.isalpha() for s in syllables):
            continue
        low = _norm(entry)
        words.add(low)
        # Names (capitalised entries) count as words, never as repair targets.
        if entry == entry.lower() and low not in never:
            by_bare.setdefault(_bare(low), set()).add(low)
    syllable_by_bare: dict[str, set[str]] = {}
    for syllable in targets:
        syllable_by_bare.setdefault(_bare(syllable), set()).add(syllable)
    stop = frozenset(_norm(w) for w in (load_yaml("stopwords.yaml") or {}).get("stopwords") or []
                     if len(str(w).split()) == 1)
    return Lexicon(frozenset(words), {k: tuple(sorted(v)) for k, v in by_bare.items()}, surnames,
                   frozenset(known), stop, {k: tuple(sorted(v)) for k, v in syllable_by_bare.items()})


@dataclass
class _Tok:
    start: int  # offset of the core (letters) in the text
    end: int
    core: str
    low: str
    linked: bool  # joined to the previous syllable (same or next line, no punctuation)


def _syllables(text: str) -> list[list[_Tok]]:
    """Runs of adjacent syllables: letters only, no punctuation or blank line between."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    prev_end = 0
    prev_open = False  # the previous token ended in letters (no punctuation after it)
    for m in _TOKEN.finditer(text):
        token = m.group()
        gap = text[prev_end:m.start()]
        core = token.strip("\"'“”‘’()[]{}.,;:!?*|…-–—/")
        lead = token.find(core) if core else 0
        ok = bool(core) and core.isalpha() and len(core) <= 7
        # A line break joins running text only ("tổng\nhợp"), never a line in capitals to the
        # next (a header or signature block: "TRƯỞNG" / "PHÓ GIÁM ĐỐC").
        joined = prev_open and lead == 0 and "\f" not in gap and (
            "\n" not in gap or (gap.count("\n") == 1 and core[:1].islower()))
        if ok:
            tok = _Tok(m.start() + lead, m.start() + lead + len(core), core, _norm(core), joined)
            if not joined and run:
                runs.append(run)
                run = []
            run.append(tok)
            prev_open = lead + len(core) == len(token)
        else:
            if run:
                runs.append(run)
            run = []
            prev_open = False
        prev_end = m.end()
    if run:
        runs.append(run)
    return runs


_TONE = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_ABOVE = frozenset({"grave", "acute", "tilde", "hook"})  # tones written over the vowel
_STACKING = frozenset({"\u0302", "\u0306"})  # hat and breve: a tone above sits on them
_VIET_MARKS = frozenset({"\u0302", "\u0306", "\u031b"})  # hat, breve, horn: the vowel marks
# Marks Tesseract mistakes for each other: the acute and the grave, the hook and the tilde.
_LOOKALIKE = {frozenset({"acute", "grave"}), frozenset({"hook", "tilde"})}


def _letters(syllable: str) -> list[tuple[frozenset[str], str | None]]:
    """Letter by letter: its vowel marks (hat, breve, horn) and its tone, if any."""
    out: list[tuple[frozenset[str], str | None]] = []
    for ch in syllable:
        parts = unicodedata.normalize("NFD", ch)[1:]
        tone = next((_TONE[m] for m in parts if m in _TONE), None)
        out.append((frozenset(m for m in parts if m not in _TONE), tone))
    return out


def _letters_toned(syllable: str) -> bool:
    return any(t for _, t in _letters(syllable))


def _ocr_could_read(read: str, word: str) -> bool:
    """Whether OCR reading ``word`` plausibly gives ``read`` (same letters, one mistake).

    On the scans we have, Tesseract loses one of two marks stacked over a vowel: the tone
    over a hat ("sô", "quôc", "tông") or the hat under a tone ("phó" for "phố", "ĐÓC" for
    "ĐỐC"), or takes a tone for its look-alike (acute and grave, hook and tilde: "chồng"
    for "chống", "tuyễn" for "tuyển"). It does not add marks or lose a horn. A syllable
    read with no mark at all ("thi", "ngay", "chi") is a word far more often than a damaged
    one and is left alone, as is a tone read where there is none ("có", "cô"), a dot below
    lost ("nhân" for "nhận") and a hat lost under it ("họp" for "hộp")."""
    r, w = _letters(read), _letters(word)
    if len(r) != len(w) or not any(q or t for q, t in r):
        return False
    mistakes = 0
    for (rq, rt), (wq, wt) in zip(r, w, strict=True):
        if rq == wq and rt == wt:
            continue
        mistakes += 1
        if rq - _VIET_MARKS:  # a mark Vietnamese has not ("säc", "ä" for the breve and acute
            ok = bool(wq or wt)  # stacked on "ắ"): the word's letter carries marks of its own
        elif rq == wq:  # the tone lost over a hat, breve or horn, or read as its look-alike
            ok = (rt is None and bool(wq) and wt in _ABOVE) or (
                rt is not None and wt is not None and frozenset({rt, wt}) in _LOOKALIKE)
        else:  # the hat or breve lost under a tone read right
            ok = rt == wt and rt in _ABOVE and rq < wq and (wq - rq) <= _STACKING
        if not ok:
            return False
    return mistakes == 1


@functools.cache
def _zipf(syllable: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # without frequencies no syllable is more likely than another
        return 0.0
    return float(zipf_frequency(syllable, "vi"))


def _more_likely(read: str, word: str) -> bool:
    """``word`` is a more frequent syllable than ``read``: "tổng" than "tông", "số" than "sô";
    not "trọng" than "trong", which OCR read right far more often than it lost a dot."""
    return _zipf(word) > _zipf(read)


def _is_caps(word: str) -> bool:
    return all(c.isupper() for c in word if c.isalpha())


def _with_case(new: str, old: str) -> str:
    """``new`` (same letters as ``old`` in NFC) with ``old``'s case, letter by letter."""
    if len(new) != len(old):
        return old
    return "".join(n.upper() if o.isupper() else n for n, o in zip(new, old, strict=True))


def _propose(run: list[_Tok], lex: Lexicon, stats: Stats,
             mixed_case: bool) -> tuple[dict[int, str], list[tuple[int, int]], list[bool]]:
    """Position in ``run`` -> repaired syllable (lower case), the windows repaired, and
    whether each syllable is part of a word of the list as it stands."""
    n = len(run)
    in_word = [False] * n
    windows: list[tuple[int, int]] = [(i, i + size) for size in range(2, MAX_WINDOW + 1)
                                      for i in range(n - size + 1)]
    is_word: dict[tuple[int, int], bool] = {}
    words_at: list[tuple[int, int]] = []
    for a, b in windows:
        stats.ops += 1
        if " ".join(t.low for t in run[a:b]) in lex.words:
            is_word[(a, b)] = True
            words_at.append((a, b))
            for k in range(a, b):
                in_word[k] = True
    proposals: dict[int, set[str]] = {}
    chosen: list[tuple[int, int, list[str]]] = []
    for a, b in windows:
        if is_word.get((a, b)):
            continue
        toks = run[a:b]
        if mixed_case and all(t.core[:1].isupper() for t in toks):
            continue  # a name: "Văn Tiên", "Quang Bình"
        stats.ops += 1
        cands = lex.by_bare.get(_bare(" ".join(t.low for t in toks)), ())
        if len(cands) != 1:
            continue
        new = cands[0].split()
        if any(("đ" in t.low) != ("đ" in w) or t.low.count("đ") != w.count("đ")
               for t, w in zip(toks, new, strict=True)):
            continue  # the one word differs in a "đ": OCR misread the letter, not a mark
        changed = [k for k, (t, s) in enumerate(zip(toks, new, strict=True)) if t.low != s]
        if not changed or any(in_word[a + k] for k in changed):
            continue
        # A syllable kept as it is must not belong to a word that crosses the window's edge:
        # "đương nhiệm ký" is "đương nhiệm" + "ký", not "đương" + "nhiệm kỳ".
        if any(c < a < d < b or a < c < b < d for c, d in words_at):
            continue
        if not all(_ocr_could_read(toks[k].low, new[k]) and _more_likely(toks[k].low, new[k]) for k in changed):
            continue
        # A syllable read with a tone is a word as it stands, unless its pair says otherwise:
        # a function word beside it pairs with anything ("nghỉ lại", "bằng cáp" are right).
        if any(_letters_toned(toks[k].low) for k in changed) and any(
                t.low in lex.function_words for k, t in enumerate(toks) if k not in changed):
            continue
        chosen.append((a, b, new))
        for k in changed:
            proposals.setdefault(a + k, set()).add(new[k])
    out: dict[int, str] = {}
    spans: list[tuple[int, int]] = []
    for a, b, new in chosen:
        changed = [a + k for k in range(b - a) if run[a + k].low != new[k]]
        if all(len(proposals[k]) == 1 for k in changed):
            for k in changed:
                out[k] = new[k - a]
            spans.append((a, b))
    return out, spans, in_word


def _single(tok: _Tok, lex: Lexicon, stats: Stats) -> str | None:
    """One syllable re-marked on its own, when it is not part of a word with a neighbour:

    - a syllable that is no syllable of the language ("quôc", "nguôn", "xuât": in no word of
      the list, never seen by wordfreq) when one syllable alone is common (zipf >=
      ``SINGLE_MIN_ZIPF``) among those with the same letters, hats and horns and any tone
      ("câp" stays: "cấp" and "cập" are both common; so does "đôt", "đốt" or "đột");
    - a rare syllable read without a tone (zipf <= ``RARE_MAX_ZIPF``: "sô", "đên") when one
      syllable with its letters is among the commonest of the language (zipf >=
      ``DOMINANT_MIN_ZIPF``: "số", "đến") and ten times as frequent as any other ("vê"
      stays: "về" and "vệ"); a rare syllable with a tone is a word more often than a
      swapped tone ("chồng lấn" is not "chồng lần").
    In both cases OCR must have been able to read the syllable so (``_ocr_could_read``)."""
    stats.ops += 1
    low = tok.low
    read_zipf = _zipf(low)
    unknown = low not in lex.syllables and read_zipf == 0
    if not unknown and (read_zipf > RARE_MAX_ZIPF or any(t for _, t in _letters(low))):
        return None
    quality = [q for q, _ in _letters(low)]
    ranked = sorted(((_zipf(c), c) for c in lex.syllable_by_bare.get(_bare(low), ())
                     if c != low and c.count("đ") == low.count("đ") and [q for q, _ in _letters(c)] == quality),
                    reverse=True)
    if unknown:
        common = [c for z, c in ranked if z >= SINGLE_MIN_ZIPF]
        best = common[0] if len(common) == 1 else None
    elif ranked and ranked[0][0] >= DOMINANT_MIN_ZIPF and (
            len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= DOMINANT_GAP):
        best = ranked[0][1]
    else:
        best = None
    return best if best is not None and _ocr_could_read(low, best) else None


def _digit_fixes(text: str) -> list[tuple[int, int, str, int, int]]:
    """(start, end, digits, token start, token end) for parts of tokens read with letters
    for digits ("COVID-I9", "2O19"): a part of digits and ``O o I l`` with a digit in it,
    no such letter beside the digit it stands for ("l1" may be "1")."""
    out: list[tuple[int, int, str, int, int]] = []
    for m in _TOKEN.finditer(text):
        token, base = m.group(), m.start()
        pos = 0
        for part in _SPLIT_PARTS.split(token):
            if (len(part) >= 2 and _DIGIT_PART.fullmatch(part) and any(c.isdigit() for c in part)
                    and not part.isdigit() and not _DOUBLED.search(part)):
                out.append((base + pos, base + pos + len(part), part.translate(_DIGIT_MAP), m.start(), m.end()))
            pos += len(part)
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def repair_text(text: str, stats: Stats | None = None) -> tuple[str, list[tuple[str, str]]]:
    """``text`` (one OCR'd page) with word marks and digits restored, and the repairs made."""
    stats = stats if stats is not None else Stats()
    lex = lexicon()
    edits: list[tuple[int, int, str]] = []
    shown: list[tuple[int, int]] = []  # stretches of text reported, in the text's offsets
    for run in _syllables(text):
        # A run all in capitals (a title line) may be re-marked whole; in mixed case a run
        # of capitalised syllables is a name.
        caps = all(_is_caps(t.core) for t in run)
        if caps and len(run) <= MAX_NAME and run[0].low in lex.surnames:
            continue  # a signer's name in capitals: "HOÀNG XUÂN TÂN"
        fixes, spans, in_word = _propose(run, lex, stats, mixed_case=not caps)
        for k, new in sorted(fixes.items()):
            tok = run[k]
            edits.append((tok.start, tok.end, _with_case(new, tok.core)))
        shown += [(run[a].start, run[b - 1].end) for a, b in _merged(spans)]
        for k, tok in enumerate(run):
            if k in fixes or in_word[k] or (not caps and tok.core[:1].isupper()):
                continue  # a capitalised syllable in mixed case may be a name: only its pair decides
            if (one := _single(tok, lex, stats)) is not None:
                edits.append((tok.start, tok.end, _with_case(one, tok.core)))
                shown.append((tok.start, tok.end))
    digits = _digit_fixes(text)
    edits += [(s, e, new) for s, e, new, _, _ in digits]
    shown += sorted({(ts, te) for _, _, _, ts, te in digits})
    if not edits:
        return text, []
    edits.sort()
    pieces: list[str] = []
    last = 0
    for start, end, new in edits:
        pieces.append(text[last:start])
        pieces.append(new)
        last = end
    pieces.append(text[last:])
    fixed = "".join(pieces)
    # Equal lengths: a stretch of the text is the same stretch of the repaired text.
    repairs = [(text[s:e], fixed[s:e]) for s, e in sorted(shown)]
    stats.repairs.extend(repairs)
    return fixed, repairs


def repair_warning(repairs: list[tuple[str, str]]) -> str:
    """The message of a ``W_OCR_REPAIRED`` warning for word repairs: each distinct repair
    once, original first, in the order of the text, with its count when it was made more
    than once."""
    counts: dict[tuple[str, str], int] = {}
    for pair in repairs:
        counts[pair] = counts.get(pair, 0) + 1
    return f"{len(repairs)} OCR'd word(s) restored from the Vietnamese word list: " + "; ".join(
        f"{old!r} -> {new!r}" + (f" (x{n})" if n > 1 else "") for (old, new), n in counts.items())
