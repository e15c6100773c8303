"""End-to-end figures for `vnadmin-extract run`: throughput, scaling, memory, load rate.

    python benchmarks/bench_batch.py --docs 1000
    python benchmarks/bench_batch.py --docs 10000 --json bench-10k.json

Generates a corpus of ``--docs`` documents from the texts in corpus/documents (and
../shared/seeds when present), varying numbers, dates and people's names so every file
is distinct, then measures:

- the batch runner (records.jsonl, one fsync per record) with 1 and 2 workers, docs/s and
  the ratio (target: at least 1.6x on two cores);
- a bare ``multiprocessing.Pool`` running the same per-document function with 1 and 2
  processes, writing the lines without fsync (the ceiling the runner is compared with);
- peak resident memory of a worker (compare --docs 1000 and 10000: it should be flat);
- the SQLite and Parquet build from records.jsonl (records/s, rows/s) and output sizes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import regex

from vnadmin_extract.batch import RunConfig, process_document, run_batch
from vnadmin_extract.batch.local import default_context
from vnadmin_extract.batch.tasks import plan
from vnadmin_extract.store import build_outputs

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpus" / "documents", REPO.parent / "shared" / "seeds"]

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Đức Minh Ngọc Thanh Quốc Xuân Thu".split()
GIVEN = "An Bình Cường Dũng Giang Hà Hải Hùng Khải Lan Linh Mai Nam Phong Quang Sơn Tâm Thảo Trung Tuấn".split()
_NAME = regex.compile(rf"\b(?:{'|'.join(FAMILY)})(?: \p{{Lu}}\p{{Ll}}+){{1,3}}\b")
_DATE_WORDS = regex.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_DATE_SLASH = regex.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_NUMBER = regex.compile(r"(?<![\d/])\b\d{1,3}\b(?![\d/])")


def templates() -> list[str]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
                      if p.suffix in {".txt", ".md"} and p.is_file()]
    if not texts:
        sys.exit("no template documents: corpus/documents and ../shared/seeds are empty")
    return texts


def vary(text: str, rng: random.Random) -> str:
    """Same genre, other facts: dates (valid), counts, names."""
    def date(day_month_year: tuple[str, str, str], fmt: str) -> str:
        year = int(day_month_year[2]) + rng.randint(-3, 1)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return fmt.format(d=day, m=month, y=year)

    # Counts first: the date patterns then overwrite any day or month a count touched.
    text = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)).zfill(len(m.group())), text)
    text = _DATE_WORDS.sub(lambda m: date(m.groups(), "ngày {d:02d} tháng {m:02d} năm {y}"), text)
    text = _DATE_SLASH.sub(lambda m: date(m.groups(), "{d:02d}/{m:02d}/{y}"), text)
    return _NAME.sub(lambda m: f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", text)


def generate(folder: Path, n: int, seed: int = 5) -> list[Path]:
    rng = random.Random(seed)
    base = templates()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        p = folder / f"{k // 1000:03d}" / f"doc-{k:06d}.txt"
        p.parent.mkdir(exist_ok=True)
        # The trailing serial keeps two identical variations from being one document.
        p.write_text(vary(base[k % len(base)], rng) + f"\n\n(bản {k})\n", encoding="utf-8")
        paths.append(p)
    return paths


def bench_runner(files: list[Path], out: Path, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    s = run_batch(files, out, RunConfig(workers=workers, progress=False))
    seconds = time.perf_counter() - t0
    return {"workers": workers, "seconds": round(seconds, 2), "docs_per_s": round(len(files) / seconds, 1),
            "errors": s.errors, "peak_worker_rss_mb": s.peak_worker_rss_mb}


def _pool_job(task):  # module level: picklable
    return process_document(task)


def bench_pool(files: list[Path], out: Path, workers: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tasks = plan(files).tasks
    peak = 0
    with default_context().Pool(workers) as pool, open(out / f"pool-{workers}.jsonl", "w") as fh:
        for res in pool.imap_unordered(_pool_job, tasks, chunksize=8):
            fh.write(res.line + "\n")
            peak = max(peak, res.max_rss_kb)
    seconds = time.perf_counter() - t0
    return {"workers": workers, "seconds": round(seconds, 2), "docs_per_s": round(len(files) / seconds, 1),
            "peak_worker_rss_mb": round(peak / 1024, 1)}


def bench_load(out: Path) -> dict:
    r = build_outputs(out)
    rows = sum(r.rows.values())
    sizes = {"records.jsonl": r.sizes["records.jsonl"], "vnadmin.db": r.sizes["vnadmin.db"],
             "parquet": sum(v for k, v in r.sizes.items() if k.startswith("parquet"))}
    return {
        "records": r.records, "rows": rows, "rows_by_table": r.rows,
        "sqlite_seconds": round(r.sqlite_seconds, 2), "sqlite_records_per_s": round(r.records / r.sqlite_seconds),
        "sqlite_rows_per_s": round(rows / r.sqlite_seconds),
        "parquet_seconds": round(r.parquet_seconds, 2),
        "sizes_mb": {k: round(v / 2**20, 1) for k, v in sizes.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, help="where to generate (default: a temporary folder, removed)")
    ap.add_argument("--no-pool", action="store_true", help="skip the bare multiprocessing.Pool comparison")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="vnadmin-bench-"))
    try:
        t0 = time.perf_counter()
        files = generate(work / "corpus", args.docs)
        corpus_mb = sum(p.stat().st_size for p in files) / 2**20
        res: dict = {"docs": args.docs, "cores": os.cpu_count(), "corpus_mb": round(corpus_mb, 1),
                     "generate_seconds": round(time.perf_counter() - t0, 1)}
        print(f"corpus: {args.docs} documents, {corpus_mb:.1f} MB, {os.cpu_count()} cores", flush=True)
        # Start the fork server (imports the pipeline once) outside the timed runs.
        run_batch(files[:1], work / "warm-up", RunConfig(workers=1, progress=False))
        res["runner"] = [bench_runner(files, work / f"out-{w}", w) for w in (1, 2)]
        for r in res["runner"]:
            print(f"runner  {r['workers']} worker(s): {r['docs_per_s']:7.1f} docs/s  ({r['seconds']} s, "
                  f"peak worker RSS {r['peak_worker_rss_mb']} MB, {r['errors']} errors)", flush=True)
        res["runner_ratio"] = round(res["runner"][1]["docs_per_s"] / res["runner"][0]["docs_per_s"], 2)
        print(f"runner  2 vs 1 workers: {res['runner_ratio']}x (target >= 1.6x)")
        if not args.no_pool:
            res["pool"] = [bench_pool(files, work / "pool", w) for w in (1, 2)]
            for r in res["pool"]:
                print(f"Pool    {r['workers']} process(es): {r['docs_per_s']:7.1f} docs/s  ({r['seconds']} s, "
                      f"peak worker RSS {r['peak_worker_rss_mb']} MB)", flush=True)
            res["pool_ratio"] = round(res["pool"][1]["docs_per_s"] / res["pool"][0]["docs_per_s"], 2)
            res["runner_vs_pool_2"] = round(res["runner"][1]["docs_per_s"] / res["pool"][1]["docs_per_s"], 2)
            print(f"Pool    2 vs 1: {res['pool_ratio']}x; runner/Pool at 2 workers: {res['runner_vs_pool_2']}")
        res["load"] = bench_load(work / "out-2")
        ld = res["load"]
        print(f"SQLite  {ld['records']} records, {ld['rows']} rows in {ld['sqlite_seconds']} s: "
              f"{ld['sqlite_records_per_s']} records/s, {ld['sqlite_rows_per_s']} rows/s; "
              f"Parquet {ld['parquet_seconds']} s")
        print("sizes   " + ", ".join(f"{k} {v} MB" for k, v in ld["sizes_mb"].items()))
        if args.json:
            args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
