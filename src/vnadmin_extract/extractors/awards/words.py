"""The word lists of the award rules, from ``patterns/award_rules.yaml``."""

from __future__ import annotations

import functools

import regex

from ...rules.load import load_yaml


@functools.cache
def words(list_id: str) -> tuple[str, ...]:
    for entry in load_yaml("award_rules.yaml")["entries"]:
        if entry["id"] == list_id:
            return tuple(str(w) for w in entry["words"])
    raise KeyError(f"patterns/award_rules.yaml: no entry {list_id!r}")


@functools.cache
def alternation(list_id: str) -> str:
    """The list as a regex alternation, in its order; white space matches any run of it."""
    return "|".join(r"\s+".join(regex.escape(w) for w in phrase.split()) for phrase in words(list_id))
