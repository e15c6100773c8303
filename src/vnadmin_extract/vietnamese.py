"""Vietnamese letters: tone-mark placement and comparison keys.

Convention: the traditional placement ("kiểu cũ": hòa, khỏe, thủy, ủy), which the
legal texts and underthesea's normalizer use. Both conventions occur, even in one
document ("Uỷ ban" and "Ủy ban" in seed 004), so ``place_tones`` rewrites every syllable
to one placement. Moving a mark never changes the length of NFC text (every Vietnamese
vowel with any marks is one code point), so offsets are unaffected.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
QUALITY_MARKS = {"\u0302", "\u0306", "\u031b"}  # â ê ô, ă, ơ ư
VOWELS = set("aeiouy")
_FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_INITIALS = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x",
}
# Placement can only differ in a word where a toned vowel stands next to another vowel
# ("hoà", "uỷ", "tìên"): only those words are looked at (the stdlib engine is faster here).
_V = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_TONED = "àằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_V, _TONED = _V + _V.upper(), _TONED + _TONED.upper()
# Capital letters of Vietnamese (for the stdlib engine, which has no \p{Lu}).
UPPER_LETTERS = "A-Z" + "".join(sorted({c.upper() for c in _V + "đ" if not c.isascii()} | {"Đ"}))
_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]*(?:[{_TONED}][{_V}]|[{_V}][{_TONED}])[^\W\d_]*")  # from word starts only


def _letters(word: str) -> list[list[str]]:
    """Split an NFD word into letters: base character followed by its marks."""
    letters: list[list[str]] = []
    for ch in word:
        if unicodedata.combining(ch) and letters:
            letters[-1].append(ch)
        else:
            letters.append([ch])
    return letters


def _tone_index(bases: list[str], has_quality: list[bool]) -> int | None:
    """Index (into ``bases``) of the letter that carries the tone, or None if not a syllable."""
    n = len(bases)
    vowel_idx = [i for i, b in enumerate(bases) if b in VOWELS]
    if not vowel_idx:
        return None
    start = vowel_idx[0]
    # "gi" and "qu" before another vowel: the i/u belongs to the initial consonant.
    if start > 0 and ((bases[start - 1] == "g" and bases[start] == "i") or
                      (bases[start - 1] == "q" and bases[start] == "u")):
        if start + 1 < n and bases[start + 1] in VOWELS:
            start += 1
    end = start
    while end < n and bases[end] in VOWELS:
        end += 1
    if any(b in VOWELS for b in bases[end:]):
        return None  # two vowel runs: not one Vietnamese syllable
    initial = "".join(bases[:start])
    final = "".join(bases[end:])
    if initial not in _INITIALS or final not in _FINALS:
        return None
    nucleus = list(range(start, end))
    if len(nucleus) > 3:
        return None
    quality = [i for i in nucleus if has_quality[i]]
    if quality:
        return quality[-1]
    if len(nucleus) == 1:
        return nucleus[0]
    if final:
        return nucleus[-1]
    if len(nucleus) == 2:
        return nucleus[0]
    return nucleus[1]


def _place_word(word: str) -> str:
    nfd = unicodedata.normalize("NFD", word)
    letters = _letters(nfd)
    tones = [(i, m) for i, marks in enumerate(letters) for m in marks[1:] if m in TONE_MARKS]
    if len(tones) != 1:
        return word
    bases = [marks[0].lower() for marks in letters]
    bases = ["đ" if b == "đ" else b for b in bases]
    has_quality = [any(m in QUALITY_MARKS for m in marks[1:]) for marks in letters]
    target = _tone_index(bases, has_quality)
    current, tone = tones[0]
    if target is None or target == current:
        return word
    letters[current] = [m for m in letters[current] if m != tone]
    base, *marks = letters[target]
    # Canonical order: quality mark before tone mark (NFC composes either way).
    letters[target] = [base, *[m for m in marks if m in QUALITY_MARKS], tone,
                       *[m for m in marks if m not in QUALITY_MARKS]]
    return unicodedata.normalize("NFC", "".join("".join(m) for m in letters))


@functools.lru_cache(maxsize=65536)
def _place_cached(word: str) -> str:
    return _place_word(word)


def place_tones(text: str) -> str:
    """Rewrite every syllable of NFC ``text`` to the traditional tone placement.

    >>> place_tones("Uỷ ban hoà giải, thuý khoẻ")
    'Ủy ban hòa giải, thúy khỏe'
    """
    # Almost every document is already consistent (under one syllable in a thousand moves), so
    # the whitespace tokens are first checked against those known to stay as they are: a set
    # difference, in C. Only a document with a token to change pays for the substitution.
    # (A letter run never spans whitespace, so a token changes exactly when a run in it does.)
    fresh = set(text.split()) - _STEADY_TOKENS
    if not fresh:
        return text
    changed: dict[str, str] = {}
    for token in fresh:
        placed = _WORD.sub(_placed, token)
        if placed != token:
            changed[token] = placed
        elif len(_STEADY_TOKENS) < _STEADY_MAX:
            _STEADY_TOKENS.add(token)
    if not changed:
        return text
    # whole tokens only: the look-arounds keep one token from matching inside another
    alternation = "|".join(map(re.escape, changed))
    return re.sub(rf"(?<!\S)(?:{alternation})(?!\S)", lambda m: changed[m.group()], text)


_STEADY_TOKENS: set[str] = set()
_STEADY_MAX = 500_000  # tokens, a few tens of MB at most over a whole archive


def _placed(m: re.Match[str]) -> str:
    return _place_cached(m.group())


def lower_same_length(text: str) -> str:
    """``str.lower`` that never changes the length (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@functools.lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """``lower_same_length(text)``, kept for the few texts in flight: the stages of one document
    ask for its lower-cased text many times (a str's hash is cached, so a hit costs little)."""
    return lower_same_length(text)


def strip_diacritics(text: str) -> str:
    """"Lao động tiên tiến" -> "Lao dong tien tien" (đ -> d); for search keys."""
    nfd = unicodedata.normalize("NFD", text)
    out = "".join(c for c in nfd if not unicodedata.combining(c))
    return out.replace("đ", "d").replace("Đ", "D")


_FOLD_DROP = regex.compile(r"[\"“”„‘’'`*|«»]")
_SPACES = regex.compile(r"\s+")


def fold(text: str | None) -> str:
    """Comparison key: NFC, one tone placement, lower case, no quotes/markup, single spaces."""
    if text is None:
        return ""
    return _fold(text)


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    s = unicodedata.normalize("NFC", text)
    s = place_tones(s)
    s = lower_same_length(s)
    s = _FOLD_DROP.sub("", s)
    s = _SPACES.sub(" ", s).strip()
    return s.rstrip(".;,: ").strip()


def mostly_upper(text: str, share: float = 0.85) -> bool:
    """Whether at least ``share`` of the letters of ``text`` are capitals ("UBND TỈNH QUẢNG NAM",
    also with a stray lower-case letter from OCR or an abbreviation like "KH&CN, Ttg").
    Header and signature blocks use 0.85; a portal page's issuer lines above the motto 0.8."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= share * len(letters)


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
