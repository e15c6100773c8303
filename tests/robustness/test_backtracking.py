"""No pattern backtracks catastrophically: pathological text takes work linear in its length.

Each case is a string built from a repeated fragment (runs of digits, dots, dashes, quotes,
"1.1.1.1...", "Số: " again and again, slashes and dashes mixed with digits ...). It goes
through the whole pipeline (``process_text``) at size n and 4n; linear work grows about 4
times, quadratic work 16 times. Two measures, neither of them wall-clock time, so another
process using the CPU cannot fail the test (issue 15, item 17):

- operations: the Python and C function calls the pipeline makes (``sys.setprofile``
  events), the same on every machine; the ratio must stay under ``OPS_BOUND``;
- CPU seconds of this thread (``time.thread_time``): what the calls cost inside, where a
  regular expression re-searching a growing line hides its quadratic work in one call;
  waiting for the CPU does not count; the ratio must stay under ``CPU_BOUND``.

Timings in wall-clock seconds are in ``benchmarks/bench_linearity.py``. What is not linear
is stopped by the per-document time budget (last test). Cases found quadratic here
("numbered-lines": sections scanned per award statement; "persons": span lists scanned per
name; "hard-wrap", "cr-only", "u2028", "deep-numbering-growing", "repeated-numbers":
joining re-searched the growing line, repeated section ids probed every earlier suffix)
were fixed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import pytest

from vnadmin_extract import errors
from vnadmin_extract.pipeline import process_text
from vnadmin_extract.structure.sections import MARKERS

OPS_BOUND = 6.0  # operations at 4n over operations at n: linear about 4, quadratic 16
CPU_BOUND = 12.0  # CPU seconds at 4n over CPU seconds at n, best of three (generous: cache effects;
# "dash-run" measured 10.05 twice on a loaded 2-core box; quadratic work gives 16)
LINEAR_BOUND = 8.0  # the section markers' own test
N = 20_000
MIN_CPU = 0.02  # below this the CPU measure is too coarse: the size is doubled first

CASES: dict[str, Callable[[int], str]] = {
    "dotted-digits": lambda n: "1." * (n // 2),
    "digit-run": lambda n: "1" * n,
    "dash-run": lambda n: "-" * n,
    "em-dash-run": lambda n: "—" * n,
    "dot-run": lambda n: "." * n,
    "quote-run": lambda n: '"' * n,
    "curly-quote-run": lambda n: "“”" * (n // 2),
    "apostrophe-run": lambda n: "'" * n,
    "paren-nesting": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "so-repeated": lambda n: "Số: " * (n // 4),
    "slash-dash-digits": lambda n: "12/-3-/4/" * (n // 9),
    "symbol-like": lambda n: "12/QĐ-" * (n // 6),
    "long-symbol": lambda n: "Số: 12/" + "QĐ-UBND-" * (n // 8),
    "date-fragments": lambda n: "ngày 1 tháng " * (n // 13),
    "numeric-dates": lambda n: "01/02/" * (n // 6),
    "capitalised-words": lambda n: "Nguyễn " * (n // 7),
    "award-words": lambda n: "Huân chương Lao động hạng Nhì " * (n // 30),
    "commemoration-words": lambda n: "kỷ niệm 94 năm " * (n // 15),
    "commemoration-full": lambda n: "94 năm Ngày thành lập Đảng (03/02/1930-03/02/2024), " * (n // 53),
    "legal-words": lambda n: "Nghị định số " * (n // 13),
    "legal-full": lambda n: "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ; " * (n // 57),
    "legal-laws": lambda n: "Căn cứ Luật Thi đua, khen thưởng năm 2022 và Luật này, Luật sư; " * (n // 63),
    "legal-law-lines": lambda n: "Luật Ban hành văn bản số 64/2025/QH15;\nquy định chi tiết Luật Thi đua;\n" * (n // 71),
    "movements": lambda n: "phong trào “Thi đua yêu nước” " * (n // 30),
    "roman-lines": lambda n: "I.\n" * (n // 3),
    "bullet-lines": lambda n: "- Nguyễn Văn An, ngày 01/02/2024\n" * (n // 33),
    "numbered-lines": lambda n: "".join(f"{k % 99 + 1}. Tặng Bằng khen cho 02 tập thể\n" for k in range(n // 33)),
    "deep-numbering": lambda n: "".join(f"{'1.' * (k % 9 + 1)} Mục\n" for k in range(n // 12)),
    "upper-lines": lambda n: "ỦY BAN NHÂN DÂN TỈNH\n" * (n // 21),
    "persons": lambda n: "đồng chí Nguyễn Văn An, Giám đốc Sở Nội vụ; " * (n // 45),
    "award-sentences": lambda n: "Tặng Bằng khen cho 02 tập thể. " * (n // 31),
    "spaces": lambda n: "a" + " " * n + "b",
    "one-long-word": lambda n: "a" * n,
    "markdown-stars": lambda n: "*" * n,
    "markdown-pipes": lambda n: "|" * n,
    "mixed-punctuation": lambda n: "1.-/\"'“”(),;:" * (n // 13),
    "hard-wrap": lambda n: "cán bộ công chức viên chức\n" * (n // 27),
    "cr-only": lambda n: "cán bộ công chức viên chức\r" * (n // 27),
    "u2028": lambda n: "cán bộ công chức viên chức\u2028" * (n // 27),
    "deep-numbering-growing": lambda n: _growing_numbering(n),
    "repeated-numbers": lambda n: "".join(f"{k % 99 + 1}. Mục số\n" for k in range(n // 11)),
}


def _growing_numbering(n: int) -> str:
    """Lines "I.1 Mục", "I.1.1 Mục", ... each one level deeper, about ``n`` characters."""
    lines, size, depth = [], 0, 1
    while size < n:
        line = "I." + ".".join(["1"] * depth) + " Mục\n"
        lines.append(line)
        size += len(line)
        depth += 1
    return "".join(lines)
KNOWN: dict = {}  # formerly quadratic (awards: sections scanned per statement; persons: span lists): fixed


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    # Pattern files, compiled regexes and lazy imports load once, outside the measurement.
    process_text("Số: 12/QĐ-UBND\nQuảng Ngãi, ngày 15 tháng 3 năm 2024\nI. Mục\n1. Tặng Bằng khen cho 02 tập thể.")


def _operations(text: str) -> int:
    """Function calls (Python and C) the pipeline makes on ``text``: the same on every run."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        rec = process_text(text, keep_text=False)
    finally:
        sys.setprofile(None)
    assert rec.error is None or rec.error.code == errors.E_EMPTY, rec.error  # markup only: empty
    return count


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.thread_time()
        process_text(text, keep_text=False)
        best = min(best, time.thread_time() - t0)
    return best


@pytest.mark.parametrize("name", [pytest.param(n, marks=KNOWN[n]) if n in KNOWN else n for n in CASES])
def test_pathological_text_takes_linear_time(name: str) -> None:
    make = CASES[name]
    small, large = _operations(make(N)), _operations(make(4 * N))
    assert large / small < OPS_BOUND, f"{name}: {small} operations at {N} chars, {large} at {4 * N}"
    n = N
    cpu_small = _cpu(make(n))
    while cpu_small < MIN_CPU and n < 16 * N:
        n *= 2
        cpu_small = _cpu(make(n))
    cpu_large = _cpu(make(4 * n))
    assert cpu_large / max(cpu_small, 1e-6) < CPU_BOUND, (
        f"{name}: {cpu_small:.3f} CPU s at {n} chars, {cpu_large:.3f} at {4 * n}")


@pytest.mark.parametrize(("kind", "pattern"), MARKERS)
def test_section_markers_do_not_backtrack(kind: str, pattern) -> None:
    """Each section marker, on the lines that come closest to matching it."""
    for unit in ("1.", "1", "I", "-", "Điều 1", "Phần ", "a)", "1.1.1", " ", "*"):
        t1 = _match_seconds(pattern, unit * 25_000)
        t4 = _match_seconds(pattern, unit * 100_000)
        assert t4 < max(LINEAR_BOUND * t1, 0.05), f"{kind} on {unit!r}: {t1:.4f} s -> {t4:.4f} s"


def _match_seconds(pattern, text: str) -> float:
    best = float("inf")
    for _ in range(3):  # CPU time of this thread, best of three: waiting for the CPU does not count
        t0 = time.thread_time()
        pattern.match(text)
        best = min(best, time.thread_time() - t0)
    return best


def test_the_time_budget_stops_what_is_not_linear() -> None:
    """The budget is the backstop: a document that runs past it is an E_TIMEOUT record."""
    text = "".join(f"{k % 99 + 1}. Tặng Bằng khen cho 02 tập thể\n" for k in range(40_000))
    rec = process_text(text, timeout=1.0)
    assert rec.error is not None and rec.error.code == errors.E_TIMEOUT
    assert "1 s" in rec.error.message and rec.source.sha256
