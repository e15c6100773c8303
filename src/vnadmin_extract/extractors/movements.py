"""Campaign and movement names, themes and slogans (MOVEMENT entities).

"phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”", "chủ đề “Đoàn kết, đổi mới
sáng tạo, ...”", "Phong trào "Doanh nghiệp Việt Nam hội nhập và phát triển"". The introducers
are data (``patterns/movements.yaml``); the value is the name without its quotes. Unquoted
names are taken only after "phong trào (thi đua)" / "cuộc vận động" and only when they start
with a capital letter on the same line.
"""

from __future__ import annotations

import functools

import regex

from ..document import Document
from ..resources import load_yaml
from ..rules.cache import rx as _rx
from ..rules.spans import Spans

_BARE_INTROS = ("phong trào thi đua", "phong trào", "cuộc vận động")


def _alts(phrases: list[str] | tuple[str, ...]) -> str:
    return "|".join(r"[ \t]+".join(regex.escape(w) for w in p.split())
                    for p in sorted(phrases, key=len, reverse=True))


@functools.cache
def _quoted() -> regex.Pattern[str]:
    intro = _alts(load_yaml("movements.yaml")["introducers"])
    return regex.compile(rf"(?<![\p{{L}}])(?P<intro>(?i:{intro}))(?:[ \t]+(?i:của)[ \t]+[^“\"\n,;.]{{0,40}}?)?"
                         rf"(?:[ \t]+(?i:là))?[ \t]*:?[ \t]*[“\"](?P<name>[^”\"\n]{{3,200}})[”\"]")


@functools.cache
def _bare() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?P<intro>(?i:{_alts(_BARE_INTROS)}))[ \t]+"
                         rf"(?P<name>\p{{Lu}}[^,;.:()“”\"\n]{{5,120}})")


def find(doc: Document) -> None:
    """Stage: MOVEMENT entities."""
    lo, hi = doc.scratch.get("doc_start", 0), doc.scratch.get("doc_end", len(doc.text))
    taken = Spans()
    for pattern, min_words in ((_quoted(), 1), (_bare(), 3)):
        for m in pattern.finditer(doc.text, lo, hi):
            name = m["name"].strip()
            s = m.start("name")
            if len(name.split()) < min_words or taken.covers(s):
                continue
            kind = _rx(r"\s+").sub("_", m["intro"].lower())
            doc.add_entity("MOVEMENT", s, s + len(m["name"].rstrip()), name, f"pattern:movement:{kind}")
            taken.add(m.start(), m.end())
