"""Which lines of records.jsonl the tables hold: the newest record of each path.

records.jsonl keeps history: a file edited between two runs gets a second record under the
same ``source.path``, and a file that was over a limit or unreadable gets a new record once
it can be read. The tables hold the newest record of each path (a later line supersedes an
earlier one); a ``doc_id`` held twice (outputs concatenated) keeps its first kept line. A
line that is not JSON or does not fit the tables (``tables.rows_of``) is set aside with its
line number (``quarantined``); its document is redone by the next run that has its input.

One pass, one line in memory at a time; what is kept is a few small fields per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .jsonl import ReadReport, iter_lines
from .tables import BadRecord, rows_of


@dataclass(frozen=True)
class Kept:
    line: int
    doc_id: str
    key: str | None  # source.sha256: the run's key of the document
    path: str | None  # source.path as recorded
    error_code: str | None
    awards: int


@dataclass
class Selection:
    kept: dict[int, Kept] = field(default_factory=dict)  # line number -> the record the tables hold
    superseded: int = 0  # older records of a path that a newer one replaced
    repeated_ids: int = 0  # kept lines left out because their doc_id came earlier
    quarantined: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    read: ReadReport = field(default_factory=ReadReport)

    def by_key(self) -> dict[str, Kept]:
        return {k.key: k for k in self.kept.values() if k.key}

    def by_path(self) -> dict[str, Kept]:
        return {k.path: k for k in self.kept.values() if k.path}


def _str(v: object) -> str | None:
    return v if isinstance(v, str) and v else None


def select(path: str | Path) -> Selection:
    """The selection of ``path`` (an absent file selects nothing)."""
    out = Selection()
    if not Path(path).exists():
        return out
    newest: dict[str, Kept] = {}
    pathless: list[Kept] = []
    for number, _raw, rec in iter_lines(path, out.read):
        if rec is None:
            out.quarantined.append((number, "not a JSON object"))
            continue
        try:
            rows_of(rec)
        except BadRecord as exc:
            out.quarantined.append((number, str(exc)))
            continue
        src = rec.get("source") or {}
        err = rec.get("error") or {}
        info = Kept(number, rec["doc_id"], _str(src.get("sha256")), _str(src.get("path")),
                    _str(err.get("code")), len(rec.get("awards") or []))
        if info.path is None:
            pathless.append(info)
            continue
        if info.path in newest:
            out.superseded += 1
        newest[info.path] = info
    seen: set[str] = set()
    for info in sorted([*newest.values(), *pathless], key=lambda k: k.line):
        if info.doc_id in seen:
            out.repeated_ids += 1
            continue
        seen.add(info.doc_id)
        out.kept[info.line] = info
    return out
