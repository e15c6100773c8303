"""Hostile and broken inputs: what each gives, how long it takes, how much memory.

    python benchmarks/bench_hostile.py                 # every input, 60 s budget each
    python benchmarks/bench_hostile.py --batch         # and one `vnadmin-extract run` over them all
    python benchmarks/bench_hostile.py --only text-one-line pdf-2000-pages --timeout 120
    python benchmarks/bench_hostile.py --json hostile.json

The inputs are the ones ``tests/robustness/hostile.py`` builds (written to a temporary
folder, removed at the end). Each goes through ``process_file`` in a fresh Python process
with the given per-document budget, so its peak resident memory is its own: the table
shows the process's peak RSS and how much the document added to an interpreter that had
already loaded the pipeline. The last lines are the summary the robustness README quotes:
documents tried, error records, the worst time and the worst peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.robustness import hostile as H  # noqa: E402

# Peak RSS from /proc/self/status (VmHWM): ru_maxrss survives exec on Linux, so a child of a
# big process would report its parent's size.
_MEASURE = r"""
import json, os, resource, sys, time

def peak_kb():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from vnadmin_extract.pipeline import process_file, process_text
process_text("Số: 12/QĐ-UBND\nQuảng Ngãi, ngày 15 tháng 3 năm 2024\nI. Tặng Bằng khen cho 02 tập thể.")
base = peak_kb()
path = os.fsdecode(bytes.fromhex(sys.argv[1]))
t0 = time.perf_counter()
rec = process_file(path, timeout=float(sys.argv[2]))
line = rec.model_dump_json()
seconds = time.perf_counter() - t0
peak = peak_kb()
print(json.dumps({"code": rec.error.code if rec.error else None,
                  "message": rec.error.message if rec.error else "",
                  "warnings": sorted({w.code for w in rec.warnings}), "chars": len(rec.text or ""),
                  "pages": rec.source.pages, "seconds": round(seconds, 2),
                  "peak_rss_mb": round(peak / 1024), "added_mb": round((peak - base) / 1024),
                  "record_bytes": len(line)}, ensure_ascii=False))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    return env


def measure(path: Path, timeout: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", _MEASURE, os.fsencode(path).hex(), str(timeout)],
                              capture_output=True, text=True, env=_env(), timeout=timeout * 3 + 60)
    except subprocess.TimeoutExpired:
        return {"code": "HUNG", "message": "the process did not end", "seconds": None}
    if done.returncode != 0 or not done.stdout.strip():
        return {"code": "CRASHED", "message": (done.stderr or "")[-300:], "seconds": None,
                "returncode": done.returncode}
    return json.loads(done.stdout.strip().splitlines()[-1])


def batch(folder: Path, out: Path, timeout: float) -> dict:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "vnadmin_extract", "run", str(folder), "-o", str(out),
                           "--timeout", str(timeout)], capture_output=True, text=True, env=_env())
    seconds = time.perf_counter() - t0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8")) if (out / "summary.json").exists() else {}
    lines = (out / "records.jsonl").read_bytes().splitlines() if (out / "records.jsonl").exists() else []
    return {"returncode": done.returncode, "seconds": round(seconds, 1), "records": len(lines),
            "errors_by_code": summary.get("errors_by_code"), "peak_worker_rss_mb": summary.get("peak_worker_rss_mb"),
            "slowest": summary.get("slowest"), "stderr_tail": done.stderr[-400:]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="per-document budget (default 60, as `run`)")
    ap.add_argument("--only", nargs="*", metavar="NAME", help="only these inputs (names as in hostile.py)")
    ap.add_argument("--batch", action="store_true", help="also one `vnadmin-extract run` over every input")
    ap.add_argument("--json", metavar="FILE", help="write the figures here too")
    args = ap.parse_args()
    unknown = set(args.only or ()) - set(H.BY_NAME)
    if unknown:
        ap.error(f"unknown inputs: {', '.join(sorted(unknown))}")
    tmp = Path(tempfile.mkdtemp(prefix="vnadmin-hostile-"))
    try:
        paths = H.build_all(tmp / "in", args.only)
        rows = []
        print(f"{'input':22} {'record':14} {'seconds':>8} {'peak MB':>8} {'+MB':>6}  ok  notes")
        for name, path in paths.items():
            h = H.BY_NAME[name]
            m = measure(path, args.timeout)
            ok = H.accepts(h, m.get("code")) or (name == "text-one-line" and m.get("code") in (None, "E_TIMEOUT"))
            rows.append({"name": name, "what": h.what, "ok": ok, **m})
            notes = ",".join(m.get("warnings") or []) or (m.get("message") or "")[:60]
            secs = "-" if m.get("seconds") is None else f"{m['seconds']:.2f}"
            print(f"{name:22} {m.get('code') or 'record':14} {secs:>8} {m.get('peak_rss_mb', '-'):>8} "
                  f"{m.get('added_mb', '-'):>6}  {'yes' if ok else 'NO':3} {notes}", flush=True)
        timed = [r for r in rows if r.get("seconds") is not None]
        worst_t = max(timed, key=lambda r: r["seconds"]) if timed else None
        worst_m = max(timed, key=lambda r: r.get("peak_rss_mb", 0)) if timed else None
        errors = sum(1 for r in rows if r.get("code"))
        print()
        print(f"documents tried: {len(rows)}; error records: {errors}; records without error: {len(rows) - errors}; "
              f"unexpected: {sum(1 for r in rows if not r['ok'])}")
        if worst_t and worst_m:
            print(f"worst time: {worst_t['seconds']:.1f} s ({worst_t['name']}, {worst_t.get('code') or 'record'}); "
                  f"worst peak memory: {worst_m['peak_rss_mb']} MB RSS ({worst_m['name']}, "
                  f"+{worst_m['added_mb']} MB over a loaded interpreter)")
        report: dict = {"timeout": args.timeout, "inputs": rows}
        if args.batch:
            b = batch(tmp / "in", tmp / "out", args.timeout)
            report["batch"] = b
            print(f"batch run: {b['records']} records in {b['seconds']} s, exit {b['returncode']}, "
                  f"errors {b['errors_by_code']}, peak worker memory {b['peak_worker_rss_mb']} MB")
        if args.json:
            Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0 if all(r["ok"] for r in rows) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
