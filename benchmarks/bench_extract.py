"""Throughput of the full extraction pipeline against a named baseline, in one run.

Baseline: ``underthesea.ner`` over every non-empty line of each document (what "run NER on
everything" costs). Prints documents per second, characters per second and the peak RSS of the
process after each phase, then the ratio. The ratio is measured interleaved: before each
document of the baseline, one pass of the pipeline over the whole corpus, so that both are timed
under the same load (on a shared machine the speed drifts by a third within a minute, and timing
the two phases one after the other let that drift into the ratio; a whole pass, not the same
document again, so that no cache of the last document flatters the pipeline). Usage::

    python benchmarks/bench_extract.py [--repeat 5] [--baseline-docs 8]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[tuple[str, str]]:
    paths = sorted((REPO / "corpus" / "documents").glob("*"))
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        paths += sorted(seeds.glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in paths if p.is_file()]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus for the pipeline")
    ap.add_argument("--baseline-docs", type=int, default=0, help="documents for the baseline (0: all)")
    args = ap.parse_args()

    from vnadmin_extract import extract_text

    docs = corpus_texts()
    chars = sum(len(t) for _, t in docs)
    print(f"corpus: {len(docs)} documents, {chars:,} characters")
    for name, text in docs:  # warm-up: patterns compiled, models loaded, once per process
        extract_text(text, path=name)
    t0 = time.perf_counter()
    n = 0
    for _ in range(args.repeat):
        for name, text in docs:
            extract_text(text, path=name, keep_text=False)
            n += 1
    dt = time.perf_counter() - t0
    pipe_dps, pipe_cps = n / dt, args.repeat * chars / dt
    rss_pipeline = peak_rss_mb()
    print(f"pipeline   : {pipe_dps:8.1f} docs/s  {pipe_cps:10,.0f} chars/s  ({n} docs in {dt:.2f} s; one core)")
    print(f"peak RSS after pipeline: {rss_pipeline:.0f} MB")

    from underthesea import ner

    base_docs = docs[: args.baseline_docs] if args.baseline_docs else docs
    ner("Khởi động mô hình.")
    pdt = bdt = 0.0
    pipe_chars = 0
    for _name, text in base_docs:  # interleaved: a pipeline pass, then one baseline document
        t0 = time.perf_counter()
        for name, other in docs:
            extract_text(other, path=name, keep_text=False)
        pdt += time.perf_counter() - t0
        pipe_chars += chars
        t0 = time.perf_counter()
        for line in text.splitlines():
            if line.strip():
                ner(line)
        bdt += time.perf_counter() - t0
    base_chars = sum(len(t) for _, t in base_docs)
    base_dps, base_cps = len(base_docs) / bdt, base_chars / bdt
    print(f"baseline   : {base_dps:8.2f} docs/s  {base_cps:10,.0f} chars/s  (underthesea.ner on every line, "
          f"{len(base_docs)} docs in {bdt:.2f} s)")
    print(f"pipeline   : {len(base_docs) * len(docs) / pdt:8.1f} docs/s  {pipe_chars / pdt:10,.0f} chars/s  "
          f"({len(base_docs)} passes over the corpus, each before one baseline document)")
    print(f"peak RSS after baseline: {peak_rss_mb():.0f} MB")
    ratio = (pipe_chars / pdt) / base_cps
    print(f"ratio (pipeline / baseline, chars/s, interleaved): {ratio:.0f}x")
    ok = ratio >= 100 and pipe_dps >= 100 and rss_pipeline < 400
    print("targets (>=100x, >=100 docs/s, RSS < 400 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
