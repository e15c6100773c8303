"""Size-doubling ratios of the pathological texts: wall-clock and CPU seconds, and operations.

    python benchmarks/bench_linearity.py                    # every case, n = 20,000 and 4n
    python benchmarks/bench_linearity.py --only hard-wrap cr-only u2028 --n 50000

The cases are ``tests/robustness/test_backtracking.py``'s (runs of digits, dots, quotes,
"Số: " again and again, hard-wrapped lines, CR-only and U+2028 line ends, numbering one level
deeper each line, a number repeated thousands of times ...). Each goes through
``process_text`` at n and 4n characters: linear work grows about 4 times, quadratic 16
times. The test asserts on operations (function calls, deterministic) and CPU seconds;
wall-clock seconds depend on what else the machine runs, so they are measured here only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.robustness.test_backtracking import CASES, _operations  # noqa: E402

from vnadmin_extract.pipeline import process_text  # noqa: E402


def _times(text: str) -> tuple[float, float]:
    wall = cpu = float("inf")
    for _ in range(3):
        w0, c0 = time.perf_counter(), time.thread_time()
        process_text(text, keep_text=False)
        wall, cpu = min(wall, time.perf_counter() - w0), min(cpu, time.thread_time() - c0)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", help="case names")
    ap.add_argument("--n", type=int, default=20_000, help="the smaller size in characters")
    args = ap.parse_args()
    process_text("Số: 12/QĐ-UBND\nI. Mục\n1. Tặng Bằng khen cho 02 tập thể.")
    print(f"{'case':26} {'wall n':>8} {'wall 4n':>8} {'ratio':>6} {'cpu ratio':>9} {'ops ratio':>9}")
    worst = 0.0
    for name, make in CASES.items():
        if args.only and name not in args.only:
            continue
        small, large = make(args.n), make(4 * args.n)
        (w1, c1), (w4, c4) = _times(small), _times(large)
        ops = _operations(large) / _operations(small)
        worst = max(worst, c4 / max(c1, 1e-6))
        print(f"{name:26} {w1:8.3f} {w4:8.3f} {w4 / max(w1, 1e-6):6.1f} {c4 / max(c1, 1e-6):9.1f} {ops:9.1f}")
    print(f"worst CPU ratio at 4x the size: {worst:.1f} (linear 4, quadratic 16)")


if __name__ == "__main__":
    main()
