"""``vnadmin-extract eval CORPUS_DIR``: precision, recall and F1 per field against gold files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..evaluation import DocResult, by_group, evaluate, load_thresholds, totals
from . import UsageError

NAME = "eval"
HELP = "score extraction against the gold files of a corpus folder; exit 1 below the thresholds"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", metavar="CORPUS_DIR", help="folder with documents/, gold/ and thresholds.toml")
    p.add_argument("--per-doc", action="store_true", help="also print each document's F1 per field")
    p.add_argument("--json", action="store_true", help="print the totals as JSON")
    p.add_argument("--by-format", action="store_true",
                   help="also print F1 per format class of the gold files (scan-pdf, docx, portal-html, ...)")


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    if not (corpus / "gold").is_dir():
        raise UsageError(f"{corpus} has no gold/ folder (give the corpus folder, e.g. corpus/)")
    results = evaluate(corpus)
    scored = [r for r in results if r.doc_path is not None]
    skipped = [r for r in results if r.doc_path is None]
    tot = totals(scored)
    thresholds = load_thresholds(corpus)
    if args.json:
        print(json.dumps({k: {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                              "tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in tot.items()}, indent=2))
    else:
        if args.per_doc:
            for r in scored:
                worst = sorted((s.f1, k) for k, s in r.scores.items() if s.tp + s.fp + s.fn)[:4]
                print(f"{r.gold_path.name:60} " + "  ".join(f"{k}={f:.2f}" for f, k in worst))
        if args.by_format:
            _print_by_format(scored)
        print(f"documents scored: {len(scored)}; gold files whose document is absent: {len(skipped)}")
        print(f"{'field':26} {'P':>6} {'R':>6} {'F1':>6} {'min':>6}  tp/fp/fn")
        for name, s in tot.items():
            need = thresholds.get(name)
            flag = "" if need is None or s.f1 >= need else "  BELOW"
            print(f"{name:26} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                  f"{'' if need is None else f'{need:.2f}':>6}  {s.tp}/{s.fp}/{s.fn}{flag}")
    failing = [n for n, need in thresholds.items() if n in tot and tot[n].f1 < need]
    errors = [r for r in scored if r.error]
    for r in errors:
        print(f"error in {r.doc_path}: {r.error}")
    if failing:
        print("below threshold: " + ", ".join(failing))
    return 1 if failing or errors else 0


_FORMAT_COLUMNS = ("header", "header.unflagged", "header.date", "header.issuer.name", "header.number.number", "header.doc_type",
                   "signers", "awards", "award_recipients", "legal_refs")


def _print_by_format(scored: list[DocResult]) -> None:
    groups = by_group(scored)
    print(f"{'format':14} {'docs':>4} " + " ".join(f"{c.removeprefix('header.'):>13}" for c in _FORMAT_COLUMNS))
    for group, tot in groups.items():
        n = sum(1 for r in scored if (r.group or "-") == group)
        cells = []
        for c in _FORMAT_COLUMNS:
            s = tot.get(c)
            if c == "header.unflagged":  # precision: how many of the values users keep are right
                cells.append(f"{s.precision:.2f} ({s.tp}/{s.tp + s.fp})" if s and s.tp + s.fp else "-")
            else:
                cells.append(f"{s.f1:.2f} ({s.tp}/{s.tp + s.fn})" if s and s.tp + s.fp + s.fn else "-")
        print(f"{group:14} {n:4} " + " ".join(f"{c:>13}" for c in cells))
    print("(F1, then true positives / gold values; unflagged: precision of the header values of records "
          "not flagged for review, then right / given)")
