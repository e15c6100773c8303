"""Mutation check of the award rules: for each named rule, delete it and count the documents
whose award values change (evidence aside) and the award tests that fail.

A rule that changes nothing is dead and must go (issue 12). Usage (about a minute per rule on
the shared machine, most of it the tests)::

    PYTHONPATH=src python tests/research/awards_rule_mutation.py [--no-tests]
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from snapshot_records import documents  # noqa: E402
from vnadmin_extract import pipeline  # noqa: E402
from vnadmin_extract.extractors import awards  # noqa: E402
from vnadmin_extract.extractors.awards import counts, giver, status, year  # noqa: E402

LISTS = {"counts": counts.COUNT_RULES, "conferred_by": giver.GIVER_RULES,
         "status": status.STATUS_RULES, "year": year.YEAR_RULES}


def _before_awards() -> list[tuple[str, object]]:
    """Every document just before the awards stage."""
    saved: list[tuple[str, object]] = []
    real = awards.find
    current = {"key": ""}

    def capture(doc: object) -> None:
        saved.append((current["key"], copy.deepcopy(doc)))
        real(doc)  # type: ignore[arg-type]

    stages = pipeline._stages
    pipeline._stages = lambda: [(n, capture if n == "awards" else f) for n, f in stages()]  # type: ignore[assignment]
    try:
        for key, path in documents():
            current["key"] = key
            pipeline.process_file(path)
    finally:
        pipeline._stages = stages  # type: ignore[assignment]
    return saved


def _values(doc: object) -> list[dict]:
    out = []
    for a in doc.awards:  # type: ignore[attr-defined]
        d = a.model_dump()
        d.pop("evidence", None)
        out.append(d)
    return out


def main() -> int:
    docs = _before_awards()

    def run_all() -> dict[str, list[dict]]:
        got = {}
        for key, doc in docs:
            d = copy.deepcopy(doc)
            awards.find(d)  # type: ignore[arg-type]
            got[key] = _values(d)
        return got

    base = run_all()
    with_tests = "--no-tests" not in sys.argv
    for attr, rules in LISTS.items():
        for i in range(len(rules)):
            rule = rules.pop(i)
            try:
                got = run_all()
                changed = [k for k in base if base[k] != got[k]]
                failed = "-"
                if with_tests:
                    code = (f"import runpy,sys;sys.argv=['x'];from vnadmin_extract.extractors.awards import "
                            f"{ {'counts': 'counts', 'conferred_by': 'giver', 'status': 'status', 'year': 'year'}[attr]} as m;"
                            f"L=m.{ {'counts': 'COUNT_RULES', 'conferred_by': 'GIVER_RULES', 'status': 'STATUS_RULES', 'year': 'YEAR_RULES'}[attr]};"
                            f"[L.remove(r) for r in list(L) if r.id=={rule.id!r}];"
                            "import pytest;sys.exit(pytest.main(['-q','-p','no:cacheprovider','-x','tests/test_awards.py','tests/test_awards_rules.py']))")
                    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
                    failed = "tests fail" if res.returncode else "tests pass"
                print(f"{attr:13} {rule.id:22} documents changed: {len(changed):3}  {failed}  {changed[:3]}", flush=True)
            finally:
                rules.insert(i, rule)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
