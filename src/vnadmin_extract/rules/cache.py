"""Compiling patterns for the engine that runs them fastest.

The stdlib ``re`` engine matches the extractors' patterns two to three times faster than the
``regex`` module, and its per-call overhead is lower (most calls are short matches at one
offset). It lacks Unicode property classes, so ``fast_compile`` writes ``\\p{Lu}``, ``\\p{Ll}``,
``\\p{L}``, ``\\p{M}`` and ``\\p{N}`` out as explicit character ranges, taken once from the
``regex`` module's own tables, and compiles with ``re``. The ranges cover the Basic
Multilingual Plane only: with ranges above it ``re`` tests a character against each range in
turn, which made the patterns several times slower, and no administrative text has letters
there (emoji, which are there, are not letters either way). A pattern that needs more than
that (variable-width look-behind, scripts such as ``\\p{Cyrillic}``) is compiled with
``regex`` as written, and so are the few scanned over long texts for a literal in their middle
("/" in "98/2023/NĐ-CP"), which ``regex`` finds faster.

One difference remains between the engines: ``regex`` counts a combining mark as part of a word
(``\\w``, ``\\b``) and ``re`` does not. Normalized text is NFC, where a combining mark survives
only if no precomposed letter exists ("x" with an acute), so it shows on malformed text only.

``rx(pattern)`` is the same, cached: ``regex.match(pattern, text)`` looks its pattern up in the
module's own cache on every call, which costs more than the match on short strings; this cache
is a plain dict lookup.
"""

from __future__ import annotations

import array
import functools
import re
import sys
import warnings
from typing import Any

import regex

_CATEGORIES = ("L", "Lu", "Ll", "M", "N")


@functools.cache
def _all_code_points() -> str:
    points = array.array("I", range(0xD800))
    points.extend(range(0xE000, 0x10000))
    return points.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


@functools.cache
def _ranges(name: str) -> str:
    """``\\p{name}`` as the inside of a character class ("A-Z..."), taken from the ``regex``
    module's own tables so that both engines agree (about 20 ms, once per category)."""
    out = []
    for m in regex.finditer(rf"\p{{{name}}}+", _all_code_points()):
        a, b = _in_set(m.group()[0]), _in_set(m.group()[-1])
        out.append(a if a == b else f"{a}-{b}")
    return "".join(out)


def _in_set(char: str) -> str:
    """``char`` as written inside a character class: as itself, which ``re`` parses about twice
    as fast as a ``\\U`` escape (a pattern holds hundreds of ranges), escaped only where the
    class syntax needs it."""
    return "\\" + char if char in "\\]^-[" else char


_PROPERTY = re.compile(r"\\(?P<neg>[pP])\{(?P<name>[A-Za-z]+)\}")


def to_stdlib(pattern: str) -> str | None:
    """``pattern`` with its property classes written out, or None if one has no expansion."""
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    out: list[str] = []
    i, n, in_set = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            m = _PROPERTY.match(pattern, i)
            if m:
                name = m["name"]
                if name not in _CATEGORIES:
                    return None
                negated = m["neg"] == "P"
                if in_set:
                    if negated:
                        return None  # a negated class inside a set: leave it to ``regex``
                    out.append(_ranges(name))
                else:
                    out.append(f"[{'^' if negated else ''}{_ranges(name)}]")
                i = m.end()
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_set:
            in_set = True
            out.append(c)
            i += 1
            # "[]...]" and "[^]...]": a first "]" is a literal
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            continue
        if c == "]" and in_set:
            in_set = False
        out.append(c)
        i += 1
    return "".join(out)


def fast_compile(pattern: str, flags: int = 0) -> Any:
    """``pattern`` compiled by ``re`` if it can be (see the module's docstring), else by ``regex``."""
    source = to_stdlib(pattern)
    if source is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # "possible nested set": ``regex`` syntax
                return re.compile(source, flags)
        except (re.error, FutureWarning, DeprecationWarning, OverflowError):
            pass
    return regex.compile(pattern, flags)


@functools.cache
def rx(pattern: str, flags: int = 0) -> Any:
    return fast_compile(pattern, flags)
