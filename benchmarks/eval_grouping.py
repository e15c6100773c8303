"""How often the `people` and `units` grouping merges different recipients or splits one.

    PYTHONPATH=src python benchmarks/eval_grouping.py            # records from tests/snapshots/
    PYTHONPATH=src python benchmarks/eval_grouping.py --extract  # extract every document again

Mentions: every recipient of every award statement, once from the gold files of corpus/
(all sets: corpus, seeds, held-out, public) and once from the records (the snapshots equal
today's records: tests/test_record_snapshots.py enforces it). Grouping: ``store/groups.py``'s
``(name_key, org_key)`` and the kind, with the document's province and issuer.

Truth: two mentions are the same person or unit when their names fold equal, their kinds are
equal and their documents are one document or one chain: documents linked by gold ``links``,
plus the Quảng Bình proceedings (Biên bản 02/BB-STP -> Tờ trình 2753 -> QĐ 2871, one file of
proposals that the Tờ trình does not cite by number). The corpus's other documents come from
unrelated agencies (fictional ones, or real ones of different provinces and years), so a name
met in two of them is two recipients. Pairs compared: every pair of mentions whose names fold
equal (grouping never joins different names). A *merge* is a pair grouped together that the
truth keeps apart; a *split* is a pair the truth joins that grouping keeps apart. Groups that
join names written differently ("UBND huyện X" and "Ủy ban nhân dân huyện X") are listed to be
judged by eye: the truth's names are as written, so it cannot tell a variant from a merge.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import regex  # noqa: E402

from vnadmin_extract.evaluation import resolve_document  # noqa: E402
from vnadmin_extract.store.fold import fold_search  # noqa: E402
from vnadmin_extract.store.groups import keys  # noqa: E402
from vnadmin_extract.store.provinces import province_of  # noqa: E402

# One proceedings the documents do not cite by number (SOURCES.tsv of corpus-public).
EXTRA_CHAINS = [("bb-stp-quangbinh-02-2022-hop-hoi-dong-tdkt-scan.pdf",
                 "ttr-stp-quangbinh-2753-2022-de-nghi-khen-thuong-scan.pdf")]


def _golds() -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for folder in [REPO / "corpus", *(p for p in (REPO / "corpus").iterdir() if (p / "gold").is_dir())]:
        for gold_path in sorted((folder / "gold").glob("*.json")) + sorted((folder / "gold" / "seeds").glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append((resolve_document(folder, gold), gold))
    return out


def _chains(golds: list[tuple[Path, dict[str, Any]]]) -> dict[str, str]:
    """document file name -> its chain's representative (union-find over gold links)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    pairs = [(path.name, Path(link["to"]).name) for path, gold in golds for link in gold.get("links") or []]
    for a, b in pairs + EXTRA_CHAINS:
        parent[find(a)] = find(b)
    return {name: find(name) for name in parent}


def _fold_name(name: str) -> str:
    """The name folded as written (no abbreviation or province rule: the truth's own key)."""
    return " ".join(regex.findall(r"[\w&]+", fold_search(name)))


def _mentions(doc: str, header: dict[str, Any], awards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    province = province_of(header)
    issuer = header.get("issuer") or {}
    lines = "\n".join(x for x in (issuer.get("name"), issuer.get("parent")) if isinstance(x, str))
    out = []
    for a in awards or []:
        if a.get("status") == "rule":
            continue
        for r in a.get("recipients") or []:
            if isinstance(r, str):
                r = {"name": r}
            if not r.get("name"):
                continue
            out.append({"doc": doc, "name": _fold_name(r["name"]), "kind": r.get("kind") or "?",
                        "group": (*keys(r["name"], r.get("organization"), province, lines), r.get("kind") or "?"),
                        "raw": (r["name"], r.get("organization"))})
    return out


def score(mentions: list[dict[str, Any]], chain: dict[str, str]) -> dict[str, Any]:
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_name[m["name"]].append(m)
    pairs = merges = splits = 0
    examples: dict[str, list[str]] = {"merge": [], "split": []}
    for group in by_name.values():
        for a, b in combinations(group, 2):
            pairs += 1
            same = a["kind"] == b["kind"] and (a["doc"] == b["doc"] or chain.get(a["doc"], a["doc"]) == chain.get(b["doc"], b["doc"]))
            grouped = a["group"] == b["group"]
            if grouped and not same:
                merges += 1
                if len(examples["merge"]) < 5:
                    examples["merge"].append(f"{a['raw']} {a['doc']} ~ {b['raw']} {b['doc']}")
            elif same and not grouped:
                splits += 1
                if len(examples["split"]) < 5:
                    examples["split"].append(f"{a['raw']} {a['group'][1]} {a['doc']} ~ {b['raw']} {b['group'][1]} {b['doc']}")
    groups = {m["group"] for m in mentions}
    # Entities: truth clusters (name, kind, chain); how many fall into more than one group, and
    # how many groups hold more than one truth cluster.
    truth_groups: dict[tuple[str, str, str], set[Any]] = defaultdict(set)
    group_truths: dict[Any, set[tuple[str, str, str]]] = defaultdict(set)
    for m in mentions:
        t = (m["name"], m["kind"], chain.get(m["doc"], m["doc"]))
        truth_groups[t].add(m["group"])
        group_truths[m["group"]].add(t)
    return {"mentions": len(mentions), "groups": len(groups), "same_name_pairs": pairs,
            "merged_wrongly": merges, "split_wrongly": splits, "examples": examples,
            "entities": len(truth_groups), "entities_split": sum(len(g) > 1 for g in truth_groups.values()),
            "groups_merged": sum(len(t) > 1 for t in group_truths.values()),
            "joined": [sorted(n for n, _k, _c in t) for t in group_truths.values() if len(t) > 1][:8],
            "entities_in_2_docs": sum(len({m["doc"] for m in mentions if (m["name"], m["kind"], chain.get(m["doc"], m["doc"])) == t}) > 1
                                      for t in truth_groups)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extract", action="store_true", help="extract the documents instead of reading the snapshots")
    args = ap.parse_args()
    golds = [(p, g) for p, g in _golds() if g.get("awards")]
    chain = _chains(golds)
    snapshots = {p.name.removesuffix(".json"): p for p in (REPO / "tests" / "snapshots").rglob("*.json")}
    gold_mentions: list[dict[str, Any]] = []
    record_mentions: list[dict[str, Any]] = []
    for path, gold in golds:
        gold_mentions += _mentions(path.name, gold.get("header") or {}, gold["awards"])
        if args.extract:
            if not path.exists():
                continue
            from vnadmin_extract import extract_file

            rec = extract_file(path).model_dump()
        elif path.name in snapshots:
            rec = json.loads(snapshots[path.name].read_text(encoding="utf-8"))
        else:
            continue
        record_mentions += _mentions(path.name, rec.get("header") or {}, rec.get("awards") or [])
    for label, mentions in (("gold", gold_mentions), ("records", record_mentions)):
        s = score(mentions, chain)
        print(f"{label:8} mentions {s['mentions']:4}  groups {s['groups']:4}  same-name pairs {s['same_name_pairs']:4}  "
              f"merged wrongly {s['merged_wrongly']:3}  split wrongly {s['split_wrongly']:3}")
        print(f"{'':8} entities {s['entities']:4} (in 2+ documents {s['entities_in_2_docs']})  "
              f"split into 2+ groups {s['entities_split']}  groups joining names written differently {s['groups_merged']}")
        for names in s["joined"]:  # judge these by eye: a spelling variant, or two recipients merged
            print(f"    joined: {' = '.join(names)}")
        for kind, lines in s["examples"].items():
            for line in lines:
                print(f"    {kind}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
