"""Compiled-pattern cache for the few inline patterns of the extractors.

``regex.match(pattern, text)`` looks its pattern up in the module's own cache on every call,
which costs more than the match on short strings; this cache is a plain dict lookup.
"""

from __future__ import annotations

import functools

import regex


@functools.cache
def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)
