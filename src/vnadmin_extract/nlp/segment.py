"""Vietnamese word segmentation with character offsets into ``Record.text``, cached.

**What a word is here.** A segmented document is a list of ``(start, end)`` offsets into the
record's normalized text, so ``text[start:end]`` is the word as written and every analysis
result can point back to its evidence. A multi-syllable word keeps its space in the surface
form (``"thi đua"``, ``"nông thôn mới"``), which is also how spaCy's Vietnamese tokens look.
Its *term key* for counting is lower case with the syllables joined by ``"_"``
(``term_key("Thi đua") == "thi_đua"``), the convention of underthesea's ``format="text"`` and
VnCoreNLP; n-grams join term keys with one space (``"phong_trào thi_đua"``), so a term never
contains a space and an n-gram splits back into its words unambiguously.

**How.** Every non-blank line goes to ``underthesea.word_tokenize(line,
use_token_normalize=False, fixed_words=...)``; lines because in these documents a line is a
paragraph, a list item or a heading, and no word crosses one. ``fixed_words`` are the domain
compounds of ``patterns/compounds.yaml`` ("Bằng khen", "nông thôn mới", "đảng ủy", which
underthesea's news-trained model splits) in four capitalisations; a word the model glues onto
a compound is cut off again ("chung tay chuyển đổi số" -> "chung tay" + "chuyển đổi số"). A line that is mostly upper
case (titles, headings, the issuer block) is segmented in lower case, because the model reads
capitals as a sign of a name and glues "BẰNG KHEN CỦA" together; offsets are unaffected. underthesea returns strings,
not offsets: each word is aligned back to the line syllable by syllable (only white space may lie
between syllables). If underthesea changed a character (its character normalisation), the rest of
the line is cut into plain syllable tokens instead (``stats.fallback_lines`` counts these; none
on ``corpus/``). Every non-space character of the text ends up in exactly one word.

**Speed and cache.** underthesea segments about 12,000 words (65,000 characters) per second
per core here with the compounds (23,000 words without them), and loading its model takes 0.3 s;
corpus/ (18 documents, 62,000 characters) takes 0.9 s, and 3 ms when read back from the cache. A
document is segmented once: results are kept in memory (``memory_items`` texts) and in an
SQLite file, ``segments.sqlite`` in ``$VNADMIN_CACHE_DIR`` (default
``$XDG_CACHE_HOME/vnadmin-extract`` or ``~/.cache/vnadmin-extract``; set the variable to an
empty string or ``off`` to keep the cache in memory only). The key is the sha256 of this
module's version, underthesea's version, the compounds and the text, so a changed text, model
or compound list never reads a stale segmentation.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import sqlite3
import sys
import threading
import time
import warnings
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ..rules.load import load_yaml

Span = tuple[int, int]

# Bump when the algorithm changes: part of every cache key.
SEGMENTER_VERSION = "3"
CACHE_ENV = "VNADMIN_CACHE_DIR"

# A syllable run (letters, digits, marks) or one other visible character.
_SYLLABLE = regex.compile(r"[\w\p{M}]+|[^\w\p{M}\s]")
_COMPOUND_OK = regex.compile(r"^\p{L}+(?: \p{L}+)+$")


def term_key(surface: str) -> str:
    """The counting key of a word: lower case, syllables joined by ``_``.

    >>> term_key("Nông thôn  mới")
    'nông_thôn_mới'
    """
    return "_".join(surface.lower().split())


def syllable_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Plain tokens without segmentation: syllables and single punctuation characters.

    >>> [("Số: 98/2023"[s:e]) for s, e in syllable_spans("Số: 98/2023")]
    ['Số', ':', '98', '/', '2023']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _SYLLABLE.finditer(text, start, end)]


def split_spans(spans: Sequence[Span], cuts: Iterable[int], text: str) -> list[Span]:
    """``spans`` cut at every offset in ``cuts`` that falls strictly inside one of them.

    The pieces are trimmed of white space, so cutting "Chiến sĩ thi đua" before "thi" gives
    "Chiến sĩ" and "thi đua". Used to make entity boundaries token boundaries.
    """
    points = sorted(set(cuts))
    out: list[Span] = []
    for s, e in spans:
        i = bisect.bisect_right(points, s)
        inner = []
        while i < len(points) and points[i] < e:
            inner.append(points[i])
            i += 1
        if not inner:
            out.append((s, e))
            continue
        bounds = [s, *inner, e]
        for a, b in itertools.pairwise(bounds):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
    return out


def load_compounds() -> tuple[str, ...]:
    """``patterns/compounds.yaml``: lower-case multi-syllable words kept whole."""
    words = load_yaml("compounds.yaml")["compounds"]
    bad = [w for w in words if not isinstance(w, str) or not _COMPOUND_OK.match(w) or w != w.lower()]
    if bad:
        raise ValueError(f"patterns/compounds.yaml: not lower-case letters and single spaces: {bad[:5]}")
    return tuple(words)


def _variants(words: Iterable[str]) -> list[str]:
    out = set()
    for w in words:
        out.update({w, w[:1].upper() + w[1:], w.title(), w.upper()})
    # underthesea tries the alternatives in order: longest first, so "cờ thi đua" wins over "thi đua".
    return sorted(out, key=lambda v: (-len(v), v))


def default_cache_dir() -> Path | None:
    """Where the segmentation cache lives, or None when ``VNADMIN_CACHE_DIR`` turns it off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vnadmin-extract"


@dataclass
class SegmentStats:
    calls: int = 0
    memory_hits: int = 0
    disk_hits: int = 0
    segmented_chars: int = 0  # characters underthesea actually read (cache misses)
    words: int = 0  # words produced by those misses
    seconds: float = 0.0  # time spent in underthesea and alignment
    fallback_lines: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


class _DiskCache:
    """An SQLite key -> spans table; any error turns it off with one warning (a cache is optional)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "segments.sqlite"
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._lock = threading.Lock()
        self.disabled = False

    def _connection(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        if self._conn is None or self._pid != os.getpid():  # a forked child must not share the handle
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("CREATE TABLE IF NOT EXISTS seg (key TEXT PRIMARY KEY, spans BLOB NOT NULL)")
                conn.commit()
            except (sqlite3.Error, OSError) as exc:
                self._off(exc)
                return None
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def _off(self, exc: BaseException) -> None:
        self.disabled = True
        warnings.warn(f"segmentation cache {self.path} disabled: {exc}", RuntimeWarning, stacklevel=3)

    def get_many(self, keys: list[str]) -> dict[str, list[Span]]:
        with self._lock:
            conn = self._connection()
            if conn is None or not keys:
                return {}
            found: dict[str, list[Span]] = {}
            try:
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, blob in conn.execute(f"SELECT key, spans FROM seg WHERE key IN ({marks})", chunk):
                        flat = array("I")
                        flat.frombytes(blob)
                        found[key] = list(zip(flat[0::2], flat[1::2], strict=True))
            except sqlite3.Error as exc:
                self._off(exc)
            return found

    def put_many(self, items: list[tuple[str, list[Span]]]) -> None:
        with self._lock:
            conn = self._connection()
            if conn is None or not items:
                return
            rows = []
            for key, spans in items:
                rows.append((key, array("I", [x for span in spans for x in span]).tobytes()))
            try:
                conn.executemany("INSERT OR REPLACE INTO seg (key, spans) VALUES (?, ?)", rows)
                conn.commit()
            except sqlite3.Error as exc:
                self._off(exc)


class Segmenter:
    """underthesea word segmentation returning offsets, with a memory and a disk cache.

    >>> seg = Segmenter(cache_dir=None)
    >>> text = "Tặng Bằng khen cho tập thể"
    >>> [text[s:e] for s, e in seg.segment(text)]
    ['Tặng', 'Bằng khen', 'cho', 'tập thể']
    """

    def __init__(self, compounds: Iterable[str] | None = None, cache_dir: str | Path | bool | None = True,
                 memory_items: int = 2048) -> None:
        self.compounds = tuple(load_compounds() if compounds is None else compounds)
        self._fixed = _variants(self.compounds)
        self._compound_set = {tuple(c.split()) for c in self.compounds}
        self._longest = max((len(c) for c in self._compound_set), default=0)
        folder = default_cache_dir() if cache_dir is True else (Path(cache_dir) if cache_dir else None)
        self._disk = _DiskCache(folder) if folder else None
        self._memory: OrderedDict[str, list[Span]] = OrderedDict()
        self._memory_items = memory_items
        self._tokenize: Any = None
        self.stats = SegmentStats()
        import underthesea

        version = getattr(underthesea, "__version__", "?")
        compounds_hash = hashlib.sha256("\n".join(self.compounds).encode()).hexdigest()[:16]
        self._key_prefix = f"{SEGMENTER_VERSION}|{version}|{compounds_hash}|{sys.byteorder}|".encode()

    @property
    def cache_path(self) -> Path | None:
        return self._disk.path if self._disk and not self._disk.disabled else None

    def key(self, text: str) -> str:
        return hashlib.sha256(self._key_prefix + text.encode("utf-8", "surrogatepass")).hexdigest()

    def segment(self, text: str) -> list[Span]:
        """The words of ``text`` as ``(start, end)`` offsets, in order."""
        return self.segment_many([text])[0]

    def words(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.segment(text)]

    def segment_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Segment many texts, reading and writing the disk cache in batches."""
        self.stats.calls += len(texts)
        keys = [self.key(t) for t in texts]
        out: list[list[Span] | None] = [None] * len(texts)
        missing: list[int] = []
        for i, key in enumerate(keys):
            hit = self._memory.get(key)
            if hit is not None:
                self._memory.move_to_end(key)
                self.stats.memory_hits += 1
                out[i] = hit
            else:
                missing.append(i)
        if missing and self._disk is not None:
            found = self._disk.get_many([keys[i] for i in missing])
            still = []
            for i in missing:
                spans = found.get(keys[i])
                if spans is not None and _plausible(spans, texts[i]):
                    self.stats.disk_hits += 1
                    out[i] = spans
                    self._remember(keys[i], spans)
                else:
                    still.append(i)
            missing = still
        new: list[tuple[str, list[Span]]] = []
        for i in missing:
            spans = self._segment_uncached(texts[i])
            out[i] = spans
            self._remember(keys[i], spans)
            new.append((keys[i], spans))
        if new and self._disk is not None:
            self._disk.put_many(new)
        return [o if o is not None else [] for o in out]

    def _remember(self, key: str, spans: list[Span]) -> None:
        self._memory[key] = spans
        self._memory.move_to_end(key)
        while len(self._memory) > self._memory_items:
            self._memory.popitem(last=False)

    def _word_tokenize(self) -> Any:
        if self._tokenize is None:
            from underthesea import word_tokenize

            self._tokenize = word_tokenize
        return self._tokenize

    def _unglue(self, words: list[str]) -> list[str]:
        """Split words the model glued onto a compound ("chung tay chuyển đổi số").

        ``fixed_words`` only makes a compound one input token; the CRF may still attach the next
        token to it. A word that contains a compound on syllable boundaries, without being one,
        is cut at the compound's edges (longest compound first, left to right).
        """
        out: list[str] = []
        for word in words:
            syllables = word.split()
            if len(syllables) < 2 or tuple(x.lower() for x in syllables) in self._compound_set:
                out.append(word)
                continue
            low = [x.lower() for x in syllables]
            pieces: list[list[str]] = [[]]
            i = 0
            while i < len(low):
                hit = next((n for n in range(min(self._longest, len(low) - i), 1, -1)
                            if tuple(low[i:i + n]) in self._compound_set), 0)
                if hit:
                    pieces += [syllables[i:i + hit], []]
                    i += hit
                else:
                    pieces[-1].append(syllables[i])
                    i += 1
            out.extend(" ".join(p) for p in pieces if p)
        return out

    def _segment_uncached(self, text: str) -> list[Span]:
        t0 = time.perf_counter()
        tokenize = self._word_tokenize()
        spans: list[Span] = []
        pos = 0
        for line in text.split("\n"):
            line_start, pos = pos, pos + len(line) + 1
            if not line.strip():
                continue
            view = _case_view(line)
            try:
                words = tokenize(view, use_token_normalize=False, fixed_words=self._fixed)
            except Exception:  # a model failure on one odd line must not lose the document
                words = []
            aligned, done = _align(view, self._unglue(words))
            if not done:
                self.stats.fallback_lines += 1
                resume = aligned[-1][1] if aligned else 0
                aligned += syllable_spans(line, resume)
            spans.extend(_cover(line, aligned, line_start))
        self.stats.segmented_chars += len(text)
        self.stats.words += len(spans)
        self.stats.seconds += time.perf_counter() - t0
        return spans


def _case_view(line: str) -> str:
    """The line as the model should see it: lower case when mostly upper case.

    The CRF model uses capitalisation as a clue for names, so an upper-case heading comes out as
    "BẰNG KHEN CỦA", "CHÀO MỪNG CÁC"; lower-cased it segments like running text. ``lower()``
    keeps the length for Vietnamese, so the offsets are the line's (checked all the same).
    """
    letters = [ch for ch in line if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    if len(letters) >= 4 and upper >= 0.6 * len(letters):
        low = line.lower()
        if len(low) == len(line):
            return low
    return line


def _align(line: str, words: Sequence[str]) -> tuple[list[Span], bool]:
    """Offsets of underthesea's ``words`` in ``line``; False when a word cannot be found."""
    spans: list[Span] = []
    pos = 0
    for word in words:
        start = -1
        for syllable in word.split():
            j = line.find(syllable, pos)
            if j < 0 or (j > pos and not line[pos:j].isspace()):
                return spans, False
            if start < 0:
                start = j
            pos = j + len(syllable)
        if start >= 0:
            spans.append((start, pos))
    return spans, True


def _cover(line: str, spans: list[Span], offset: int) -> list[Span]:
    """Shift ``spans`` by ``offset`` and give any visible character they left out its own token."""
    out: list[Span] = []
    pos = 0
    for s, e in spans:
        if s > pos and not line[pos:s].isspace():
            out.extend((a + offset, b + offset) for a, b in syllable_spans(line, pos, s))
        out.append((s + offset, e + offset))
        pos = e
    if pos < len(line) and line[pos:].strip():
        out.extend((a + offset, b + offset) for a, b in syllable_spans(line, pos))
    return out


def _plausible(spans: list[Span], text: str) -> bool:
    # A cache entry from a hash collision or a corrupt file must not give offsets outside the text.
    return all(0 <= s < e <= len(text) for s, e in spans[:1] + spans[-1:])


_DEFAULT: Segmenter | None = None
_DEFAULT_LOCK = threading.Lock()


def default_segmenter() -> Segmenter:
    """The process-wide segmenter (compounds from ``patterns/``, cache in ``default_cache_dir()``)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Segmenter()
        return _DEFAULT


def segment(text: str) -> list[Span]:
    """Word offsets of ``text`` with the default segmenter."""
    return default_segmenter().segment(text)


def words(text: str) -> list[str]:
    """The words of ``text`` as written ("thi đua", "Bằng khen")."""
    return default_segmenter().words(text)
