"""Record snapshots: the safety net for every change to extraction.

Every document we have (``corpus/`` and its held-out sets, ``../shared/seeds`` and
``../shared/corpus-public``) has its whole record committed under ``tests/snapshots/``:
everything but the text itself (its sha256 and length stand for it) and the machine-specific
path. ``tests/test_record_snapshots.py`` compares each record field by field; a change
shows up as readable lines such as ``awards[2].status: 'conferred' -> 'proposed'``.

After a deliberate change, re-bless and put the printed diff in the commit message::

    python tests/snapshot_records.py            # show the diff, write nothing (exit 1 if any)
    python tests/snapshot_records.py --bless    # show the diff and write the new snapshots
    python tests/snapshot_records.py --only heldout-b/   # a subset (substring of the key)
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "tests" / "snapshots"
SHARED = Path(os.environ.get("VNADMIN_SHARED", REPO.parent / "shared"))
_SKIP_NAMES = {"README.md", "SOURCES.tsv", "LEADS.md"}


def documents() -> Iterator[tuple[str, Path]]:
    """``(key, path)`` for every document with a snapshot; ``key`` is ``<set>/<file name>``.

    Documents in ``../shared`` are listed only when it is present."""
    corpus = REPO / "corpus"
    for sub, key in (("documents", "corpus"), ("heldout/documents", "heldout"),
                     ("heldout-b/documents", "heldout-b"), ("heldout-c/documents", "heldout-c")):
        for p in sorted((corpus / sub).iterdir()):
            yield f"{key}/{p.name}", p
    for sub in ("seeds", "corpus-public"):
        d = SHARED / sub
        if not d.is_dir():
            continue
        for p in sorted(d.iterdir()):
            if p.is_file() and p.name not in _SKIP_NAMES and not p.name.endswith(".gt.txt"):
                yield f"{sub}/{p.name}", p


def snapshot_path(key: str) -> Path:
    return SNAPSHOTS / (key + ".json")


def snapshot_of(record: Any) -> dict[str, Any]:
    """The record as it is compared: no text (its hash stands for it), no local path."""
    data = record.model_dump(mode="json")
    text = data.pop("text", None) or ""
    data["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    data["text_chars"] = len(text)
    data["source"].pop("path", None)
    return data


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _short(value: Any, limit: int = 160) -> str:
    s = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return s if len(s) <= limit else s[: limit - 3] + "..."


def diff(old: Any, new: Any, path: str = "") -> list[str]:
    """Readable differences between two JSON values, one line each, most specific path first."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in sorted(set(old) | set(new)):
            sub = f"{path}.{k}" if path else k
            if k not in old:
                out.append(f"{sub}: added {_short(new[k])}")
            elif k not in new:
                out.append(f"{sub}: removed (was {_short(old[k])})")
            else:
                out.extend(diff(old[k], new[k], sub))
        return out
    if isinstance(old, list) and isinstance(new, list):
        if len(old) == len(new):
            return [line for i, (a, b) in enumerate(zip(old, new, strict=True))
                    for line in diff(a, b, f"{path}[{i}]")]
        # Lengths differ: align items so that one insertion reads as one line, not a cascade.
        a_keys = [_short(x, 10_000) for x in old]
        b_keys = [_short(x, 10_000) for x in new]
        out = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a_keys, b=b_keys, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            pairs = _pair_similar(old, new, range(i1, i2), range(j1, j2))
            paired_new = {j for _, j in pairs}
            paired_old = {i for i, _ in pairs}
            for i, j in pairs:
                out.extend(diff(old[i], new[j], f"{path}[{i}->{j}]"))
            out.extend(f"{path}[{i}]: removed {_short(old[i])}" for i in range(i1, i2) if i not in paired_old)
            out.extend(f"{path}[{j}]: added {_short(new[j])}" for j in range(j1, j2) if j not in paired_new)
        return out
    return [] if old == new else [f"{path}: {_short(old)} -> {_short(new)}"]


def _similarity(a: Any, b: Any) -> float:
    """Share of equal fields (for objects), else how alike the JSON texts are."""
    if isinstance(a, dict) and isinstance(b, dict) and (a or b):
        keys = set(a) | set(b)
        return sum(a.get(k) == b.get(k) for k in keys) / len(keys)
    return difflib.SequenceMatcher(a=_short(a, 10_000), b=_short(b, 10_000), autojunk=False).ratio()


def _pair_similar(a: list[Any], b: list[Any], ia: range, jb: range) -> list[tuple[int, int]]:
    """Old and new items of a replaced run paired when they are mostly alike (a changed field),
    in order; the rest read as removed and added."""
    pairs: list[tuple[int, int]] = []
    j0 = jb.start
    for i in ia:
        best, best_j = 0.6, None
        for j in range(j0, jb.stop):
            ratio = _similarity(a[i], b[j])
            if ratio > best:
                best, best_j = ratio, j
        if best_j is not None:
            pairs.append((i, best_j))
            j0 = best_j + 1
    return pairs


def load(key: str) -> dict[str, Any] | None:
    p = snapshot_path(key)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bless", action="store_true", help="write the new snapshots")
    ap.add_argument("--only", default="", help="only documents whose key contains this")
    args = ap.parse_args(argv)
    from vnadmin_extract import extract_file

    changed = 0
    seen = set()
    for key, path in documents():
        if args.only not in key:
            continue
        seen.add(snapshot_path(key))
        new = snapshot_of(extract_file(path))
        old = load(key)
        lines = ["new snapshot"] if old is None else diff(old, new)
        if lines:
            changed += 1
            print(f"## {key} ({len(lines)} change{'s' if len(lines) != 1 else ''})")
            for line in lines[:60]:
                print("  " + line)
            if len(lines) > 60:
                print(f"  ... and {len(lines) - 60} more")
            if args.bless:
                snapshot_path(key).parent.mkdir(parents=True, exist_ok=True)
                snapshot_path(key).write_text(dumps(new), encoding="utf-8")
    if not args.only:
        for stale in sorted(SNAPSHOTS.rglob("*.json")):
            if stale not in seen and (SHARED.is_dir() or stale.relative_to(SNAPSHOTS).parts[0] not in ("seeds", "corpus-public")):
                changed += 1
                print(f"## {stale.relative_to(SNAPSHOTS)}: no such document any more")
                if args.bless:
                    stale.unlink()
    print(f"{changed} document(s) changed" + (" (blessed)" if args.bless and changed else ""))
    return 1 if changed and not args.bless else 0


if __name__ == "__main__":
    sys.exit(main())
