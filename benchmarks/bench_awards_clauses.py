"""Time of the awards stage on one sentence of many clauses (issue 15, item 9), by size doubling.

Before the rules package: ``'tặng Bằng khen cho 1 tập thể và 1 cá nhân; ' * 20000`` took 158 s
in ``extract`` and ``'Giám đốc Sở tặng Giấy khen cho 01 cá nhân; ' * 120000`` did not finish in
300 s. The suite checks the growth by operation counts (tests/test_awards_rules.py); this prints
the seconds of the awards stage alone and the ratio at each doubling. Usage::

    PYTHONPATH=src python benchmarks/bench_awards_clauses.py [--start 15000] [--steps 3]
"""

from __future__ import annotations

import argparse
import copy
import time

from vnadmin_extract import extract_text, pipeline
from vnadmin_extract.extractors import awards

UNITS = ("tặng Bằng khen cho 1 tập thể và 1 cá nhân; ", "Giám đốc Sở tặng Giấy khen cho 01 cá nhân; ")


def stage_seconds(text: str) -> tuple[float, int]:
    """Seconds of ``awards.find`` on ``text`` after the other stages, and the statements found."""
    saved = {}
    stages = pipeline._stages
    pipeline._stages = lambda: [(n, (lambda d: saved.setdefault("doc", copy.deepcopy(d))) if n == "awards" else f)
                                for n, f in stages()]
    try:
        extract_text(text)
    finally:
        pipeline._stages = stages
    doc = saved["doc"]
    t0 = time.perf_counter()
    awards.find(doc)
    return time.perf_counter() - t0, len(doc.awards)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--start", type=int, default=15000)
    ap.add_argument("--steps", type=int, default=3)
    args = ap.parse_args()
    for unit in UNITS:
        prev = None
        for i in range(args.steps):
            n = args.start * 2 ** i
            secs, found = stage_seconds(unit * n)
            ratio = f"  x{secs / prev:.2f}" if prev else ""
            print(f"{unit[:28]!r:32} x{n:7}: {secs:6.2f} s, {found} statements{ratio}", flush=True)
            prev = secs
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
