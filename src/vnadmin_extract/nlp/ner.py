"""underthesea NER on small windows, with offsets aligned back to the text.

underthesea reads about 8,000 characters per second here, so it is never run over a whole
document: the persons stage passes only short windows around capitalised runs that start
with a family name and that no rule explained (bylines, bare names in lists).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

NerFn = Callable[[str], list[tuple[Any, ...]]]


@functools.cache
def _ner() -> NerFn | None:
    try:
        from underthesea import ner
    except Exception:  # absent or broken install: rules still work
        return None
    return ner  # type: ignore[no-any-return]


def entities(text: str, offset: int = 0) -> list[tuple[str, int, int, str]]:
    """``[(label, start, end, surface)]`` for PER/LOC/ORG found by underthesea in ``text``."""
    ner = _ner()
    if ner is None or not text.strip():
        return []
    try:
        tagged = ner(text)
    except Exception:
        return []
    out: list[tuple[str, int, int, str]] = []
    pos = 0
    current: list[Any] | None = None
    for row in tagged:
        token, tag = str(row[0]), str(row[-1])
        found = text.find(token, pos)
        if found < 0:
            current = None
            continue
        start, end = found, found + len(token)
        pos = end
        if tag.startswith("B-"):
            current = [tag[2:], start, end]
            out.append(current)  # type: ignore[arg-type]
        elif tag.startswith("I-") and current is not None and current[0] == tag[2:]:
            current[2] = end
        else:
            current = None
    return [(lab, offset + s, offset + e, text[s:e]) for lab, s, e in out]
