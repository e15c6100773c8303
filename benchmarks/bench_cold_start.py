"""Cold start of ``vnadmin-extract extract`` on one small document, against Python's own start-up.

    PYTHONPATH=src python benchmarks/bench_cold_start.py [DOC] [--runs 5] [--src OTHER/src]

Prints the median wall time of ``python -c pass``, of ``python -c "import vnadmin_extract"`` and of
``python -m vnadmin_extract extract DOC -o /dev/null`` (each a fresh process; median of --runs).
``--src`` times another checkout's ``src`` (with its ``patterns/`` next to it) the same way, to
compare before and after; the variants run round-robin, so that a change of load on a shared
machine hits them alike. Compare medians taken together, never across runs of the script.
``python -X importtime -m vnadmin_extract extract DOC`` shows where the rest goes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DOC = REPO / "corpus" / "documents" / "qd-ubnd-huyen-huong-khe-1875-2024-cong-nhan-lao-dong-tien-tien.txt"


def _once(argv: list[str], src: Path | None) -> float:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    t = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("doc", nargs="?", type=Path, default=DEFAULT_DOC)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--src", type=Path, action="append", default=[], help="another checkout's src/ to compare")
    args = ap.parse_args()
    py = sys.executable
    jobs: dict[str, tuple[list[str], Path | None]] = {"python -c pass": ([py, "-c", "pass"], None)}
    for src in [None, *args.src]:
        label = "this checkout" if src is None else str(src)
        jobs[f"{label}: import"] = ([py, "-c", "import vnadmin_extract"], src)
        jobs[f"{label}: extract"] = ([py, "-m", "vnadmin_extract", "extract", str(args.doc), "-o", os.devnull], src)
    for argv, src in jobs.values():  # compile the bytecode once, outside the timings
        _once(argv, src)
    times: dict[str, list[float]] = {k: [] for k in jobs}
    for _ in range(args.runs):  # round-robin, so that a change of machine load hits every variant alike
        for k, (argv, src) in jobs.items():
            times[k].append(_once(argv, src))
    for k, ts in times.items():
        print(f"{k}: {statistics.median(ts):.3f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
