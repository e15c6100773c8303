"""The sentence around a value: what a reader needs to judge an award statement.

A sentence runs from the last line break or sentence end (``.``, ``!``, ``?``, ``…``
before a space) before the value to the first one after it, trimmed of list bullets and
spaces; at most ``limit`` characters on each side of the value (then cut at a word).

>>> t = "I. KẾT QUẢ\\n- Tổ Toán được Giám đốc Sở tặng Giấy khen. Tổ Văn đạt danh hiệu LĐTT.\\n"
>>> sentence_of(t, t.index("Giấy khen"), t.index("Giấy khen") + 9)
'Tổ Toán được Giám đốc Sở tặng Giấy khen.'
"""

from __future__ import annotations

import regex

# Forward: the first end (kept) or line break; backward: the last of them before the value.
_AFTER = regex.compile(r"[.!?…](?=\s|$)|\n")
_BEFORE = regex.compile(r"(?:[.!?…]\s|\n)(?!.*(?:[.!?…]\s|\n))", regex.DOTALL)
_BULLET = regex.compile(r"^[\s\-–—+•*]+")


def sentence_of(text: str | None, start: int | None, end: int | None, limit: int = 300) -> str | None:
    """The sentence of ``text`` containing ``text[start:end]``; None without text or offsets."""
    if not text or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return None
    lo = max(0, start - limit)
    before = _BEFORE.search(text, lo, start)
    left = before.end() if before else lo
    if not before and lo > 0:
        left = text.find(" ", lo, start) + 1 or lo  # cut at a word
    after = _AFTER.search(text, end, min(len(text), end + limit))
    hi = min(len(text), end + limit)
    if after:
        right = after.end() if after.group() != "\n" else after.start()
    else:
        right = text.rfind(" ", end, hi) if hi < len(text) else hi
        right = right if right > end else hi
    sentence = _BULLET.sub("", text[left:right]).strip()
    return " ".join(sentence.split()) or None
