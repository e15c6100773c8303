"""Campaign and movement names, themes and slogans (MOVEMENT entities).

"phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”", "chủ đề “Đoàn kết, đổi mới
sáng tạo, ...”", "Phong trào "Doanh nghiệp Việt Nam hội nhập và phát triển"". The introducers
are data (``patterns/movements.yaml``); the value is the name without its quotes. Unquoted
names are taken only after "phong trào (thi đua)" / "cuộc vận động" and only when they start
with a capital letter on the same line.
"""

from __future__ import annotations

import functools
import re

from ..document import Document
from ..rules.cache import rx as _rx
from ..rules.gate import GatedPattern
from ..rules.load import load_yaml
from ..rules.spans import Spans
from ..rules.trie import trie_pattern
from ..vietnamese import lower_same_length, lowered

_BARE_INTROS = ("phong trào thi đua", "phong trào", "cuộc vận động")


def _alts(phrases: list[str] | tuple[str, ...]) -> str:
    return trie_pattern({lower_same_length(p) for p in phrases}).replace(r"\s+", r"[ \t]+")


# Both scans run on the lowered text (same offsets) with the stdlib engine: no I flag, no
# Unicode properties, several times faster, and only where an introducer's first word starts;
# the name is then read from the text itself.
@functools.cache
def _quoted() -> GatedPattern:
    phrases = load_yaml("movements.yaml")["introducers"]
    intro = _alts(phrases)
    return GatedPattern(re.compile(rf"(?<![^\W\d_])(?P<intro>{intro})(?:[ \t]+của[ \t]+[^“\"\n,;.]{{0,40}}?)?"
                      rf"(?:[ \t]+là)?[ \t]*:?[ \t]*[“\"](?P<name>[^”\"\n]{{3,200}})[”\"]"), phrases)


@functools.cache
def _bare() -> GatedPattern:
    return GatedPattern(re.compile(rf"(?<![^\W\d_])(?P<intro>{_alts(_BARE_INTROS)})[ \t]+"
                                   rf"(?P<name>[^\W\d_][^,;.:()“”\"\n]{{5,120}})"), _BARE_INTROS)


def find(doc: Document) -> None:
    """Stage: MOVEMENT entities."""
    text = doc.text
    low = lowered(text)
    lo, hi = doc.doc_start, doc.doc_end
    taken = Spans()
    for pattern, min_words, capital in ((_quoted(), 1, False), (_bare(), 3, True)):
        for m in pattern.finditer(low, lo, hi):
            s, e = m.start("name"), m.end("name")
            raw = text[s:e]
            name = raw.strip()
            if len(name.split()) < min_words or taken.covers(s) or (capital and not raw[:1].isupper()):
                continue
            kind = _rx(r"\s+").sub("_", m["intro"])
            doc.add_entity("MOVEMENT", s, s + len(raw.rstrip()), name, f"pattern:movement:{kind}")
            taken.add(m.start(), m.end())
