"""``vnadmin-extract export-spacy OUTDIR -o corpus.spacy``: the run's entities as a spaCy DocBin."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import UsageError

NAME = "export-spacy"
HELP = ("write the entities of a run as a spaCy DocBin (doc.ents non-overlapping, doc.spans['sc'] all), "
        "tokenized with the underthesea word segmentation, to train or evaluate NER models")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a run's output folder (vnadmin-extract run ... -o OUTDIR)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.spacy", help="the DocBin file to write")
    p.add_argument("--types", metavar="T,T", help="only these entity types, comma-separated (e.g. AWARD,ORG,PER)")
    p.add_argument("--ents-policy", choices=("longest", "priority"), default="longest",
                   help="how doc.ents resolves overlaps: longest entity first (default) or type priority first")


def run(args: argparse.Namespace) -> int:
    from ..extras import require

    require("spacy")
    from ..dataset import NotARunError
    from ..spacy_export import export_docbin

    types = [t.strip().upper() for t in args.types.split(",") if t.strip()] if args.types else None
    out = Path(args.output)
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name such as {out / 'corpus.spacy'}")
    try:
        report = export_docbin(args.outdir, out, types=types, ents_policy=args.ents_policy,
                               progress="vnadmin-extract export-spacy")
    except NotARunError as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    labels = ", ".join(f"{k} {v}" for k, v in sorted(report.by_label.items()))
    print(f"wrote {out}: {report.documents} documents, {report.tokens} tokens, {report.ents} doc.ents, "
          f"{report.spans} spans in doc.spans['sc'] ({labels or 'none'})")
    if report.split_tokens or report.dropped:
        print(f"{report.split_tokens} words cut at entity boundaries; {report.dropped} entities dropped "
              "(offsets outside the text or only white space)")
    for doc_id, why in sorted(report.skipped.items()):
        print(f"skipped {doc_id}: {why}")
    return 0
