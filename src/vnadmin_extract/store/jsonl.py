"""Reading records.jsonl: one record per line, a cut last line tolerated."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ReadReport:
    lines: int = 0
    records: int = 0
    bad_lines: list[int] = field(default_factory=list)  # 1-based numbers of unreadable lines
    truncated_tail: bool = False  # the last line had no newline and was not a whole record


def iter_lines(path: str | Path, report: ReadReport | None = None) -> Iterator[tuple[int, bytes, Any]]:
    """``(line number, raw bytes, parsed value or None)`` for every complete line of ``path``
    (1-based; a line that is not JSON gives None and is counted in ``report.bad_lines``).
    One line is held at a time."""
    report = report if report is not None else ReadReport()
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            report.lines += 1
            complete = raw.endswith(b"\n")
            try:
                rec = json.loads(raw)
            except ValueError:
                rec = None
            if not isinstance(rec, dict):
                if complete:
                    report.bad_lines.append(number)
                    yield number, raw, None
                else:
                    report.truncated_tail = True
                continue
            report.records += 1
            yield number, raw, rec


def iter_records(path: str | Path, report: ReadReport | None = None) -> Iterator[dict[str, Any]]:
    """Each whole record of ``path`` as a dict; lines that are not JSON objects are skipped
    and counted in ``report`` (a run killed mid-write leaves at most a cut last line)."""
    for _number, _raw, rec in iter_lines(path, report):
        if rec is not None:
            yield rec
