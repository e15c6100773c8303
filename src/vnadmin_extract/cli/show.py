"""``vnadmin-extract show FILE``: a readable summary of one document's record."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..pipeline import process_file
from ..schema import Award
from . import UsageError

NAME = "show"
HELP = ("print a readable summary of one document: header, signers, section outline, entity counts, "
        "award statements with the rule that decided each attribute, and their recipients")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")


def award_line(a: Award) -> str:
    """One award statement with the rule that decided each attribute:
    ``Bằng khen | conferred [heading_cue] | 2023 [sentence_year] | 6+59=65 [counts_after] | by Giám đốc Sở [authority_before]``."""
    ev = a.evidence
    counts = "+".join(str(v) for v in (a.collectives, a.individuals) if v is not None)
    counts = f"{counts}={a.total}" if counts and "+" in counts else str(a.total if a.total is not None else "-")
    parts = [a.award, f"{a.status} [{ev.get('status', '-')}]", f"{a.year or '-'} [{ev.get('year', '-')}]",
             f"{counts} [{ev.get('counts', '-')}]", f"by {a.conferred_by or '-'} [{ev.get('conferred_by', '-')}]"]
    return " | ".join(parts)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {args.file!r}")
    rec = process_file(path)
    h = rec.header
    print(f"{path}  [{rec.source.format}, {rec.source.encoding}]  doc_id {rec.doc_id}")
    if rec.error:
        print(f"ERROR {rec.error.code}: {rec.error.message}")
        return 1
    issuer = h.issuer
    rows = [
        ("issuer", issuer and " / ".join(x for x in (issuer.parent, issuer.name) if x)
         + (" (inferred)" if issuer.inferred else "")),
        ("number", h.number and h.number.raw), ("place, date", f"{h.place or '-'}, {h.date and h.date.value}"),
        ("type", h.doc_type and f"{h.doc_type.name} ({h.doc_type.code or '-'})"), ("title", h.title),
        ("author", h.author), ("source", h.source_name),
    ]
    for label, value in rows:
        if value:
            print(f"  {label:12} {value}")
    for s in rec.signers:
        print(f"  {'signer':12} {s.name} — {s.position}" + (f" ({s.authority}. {s.on_behalf_of})" if s.authority else ""))
    if rec.recipients:
        print(f"  {'recipients':12} {len(rec.recipients)}: " + "; ".join(rec.recipients[:4])
              + (" ..." if len(rec.recipients) > 4 else ""))
    print("sections:")
    for sec in rec.sections:
        print(f"  {'  ' * (sec.level - 1)}{sec.label or sec.id} {sec.heading[:70]}")
    counts = Counter(e.type for e in rec.entities)
    print("entities: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    print(f"awards {len(rec.awards)}, commemorations {len(rec.commemorations)}, legal refs {len(rec.legal_refs)}, "
          f"persons {len(rec.persons)}, warnings {len(rec.warnings)}")
    for a in rec.awards:
        print("  " + award_line(a))
        if a.document_ref:
            print(f"      reports: {a.document_ref.number}/{a.document_ref.symbol}")
        for r in a.recipients[:MAX_RECIPIENTS]:
            post = ", ".join(x for x in (r.position, r.organization) if x)
            print(f"      - {r.name} ({r.kind})" + (f", {post}" if post else ""))
        if len(a.recipients) > MAX_RECIPIENTS:
            print(f"      ... and {len(a.recipients) - MAX_RECIPIENTS} more")
    for w in rec.warnings:
        print(f"  ! {w.code}: {w.message}")
    return 0


MAX_RECIPIENTS = 12  # per award statement; a spreadsheet may list hundreds
