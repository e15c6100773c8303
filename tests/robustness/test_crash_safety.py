"""Killing the batch runner at random moments loses nothing and duplicates nothing.

A corpus of about 300 documents (variants of corpus/documents, the batch tests' template
documents, a few broken files, one document that kills its worker and one that hangs) is
run with ``vnadmin-extract run`` in its own process group, killed with SIGKILL (the whole
group: parent, workers, fork server) after a random, seeded delay, and started again, at
least 20 times while documents are being processed and a few more times while the
outputs are being built; then a last run finishes. After every kill records.jsonl holds
whole lines plus at most one cut last line; at the end every input is in records.jsonl
exactly once, every line is JSON, and vnadmin.db and the Parquet tables hold the same
documents once each.

Documents are slowed down (``VNADMIN_TEST_SLOW``, through the batch tests' hook) so that
the kills land while work is in flight. A kill almost never lands inside the few
microseconds of one ``write``, so every fourth kill also tears the last line on purpose,
as a power cut would leave it; the next run must cut it off and redo that document.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.robustness import hostile as H
from vnadmin_extract.cli._inputs import expand_inputs

REPO = Path(__file__).resolve().parents[2]
BATCH_TESTS = REPO / "tests" / "batch"
MIN_KILLS = 20
BUILD_KILLS = 3
SEED = 20240523

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")


def _corpus(folder: Path) -> list[Path]:
    sys.path.insert(0, str(BATCH_TESTS))
    try:
        from batch_testlib import write_docs
    finally:
        sys.path.remove(str(BATCH_TESTS))
    folder.mkdir(parents=True)
    write_docs(folder / "template", 100)
    docs = sorted((REPO / "corpus" / "documents").glob("*.txt"))
    variants = folder / "variants"
    variants.mkdir()
    for k in range(12):
        for i, p in enumerate(docs):  # a different first line: a different document (doc_id)
            # Numbered names: the hook acts on "raise", "hang" and "die" in a name ("thang-binh").
            (variants / f"doc-{i:02d}-v{k:02d}.txt").write_text(f"Bản sao số {k}\n" + p.read_text(encoding="utf-8"),
                                                               encoding="utf-8")
    broken = folder / "broken"
    broken.mkdir()
    for name in ("empty", "binary-nul", "pdf-encrypted", "docx-zip-bomb", "symlink-self", "symlink-dangling",
                 "fifo", "path-vietnamese", "path-bad-utf8"):
        H.build(H.BY_NAME[name], broken)
    (broken / "zz-die.txt").write_text("Báo cáo die\n", encoding="utf-8")  # the hook kills its worker
    (broken / "zz-hang.txt").write_text("Báo cáo hang\n", encoding="utf-8")  # the hook hangs on it
    return expand_inputs([str(folder)])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(BATCH_TESTS), str(REPO / "src"), env.get("PYTHONPATH", "")])
    env["VNADMIN_EXTRACT_DOC_FN"] = "batch_testlib:faulty_process"
    env["VNADMIN_TEST_SLOW"] = "0.1"
    return env


def _lines(records: Path) -> tuple[list[dict], bool]:
    """Whole records, and whether a cut last line follows them."""
    if not records.exists():
        return [], False
    data = records.read_bytes()
    lines = data.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline
    whole = [json.loads(line) for line in lines]  # every complete line is a record
    return whole, bool(tail)


def test_random_kills_then_rerun_give_every_document_exactly_once(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in")
    assert len(inputs) >= 300
    expected = {os.fsencode(p).decode("utf-8", errors="backslashreplace") for p in inputs}
    out = tmp_path / "out"
    records = out / "records.jsonl"
    cmd = [sys.executable, "-m", "vnadmin_extract", "run", str(tmp_path / "in"), "-o", str(out),
           "--workers", "2", "--timeout", "1.5"]
    env = _env()
    rng = random.Random(SEED)
    kills = build_kills = cut_lines = finished = torn = 0
    seen_done: list[int] = []
    for _attempt in range(int(os.environ.get("KILL_ATTEMPTS", "80"))):
        if kills >= MIN_KILLS and build_kills >= BUILD_KILLS:
            break
        before = len(_lines(records)[0])
        all_done = before >= len(expected)
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        # Kill at a random moment after the run has shown it works: a new record (progress
        # after every kill), or, once every document is done, a temporary file of the build.
        # Waiting for an event, not a fixed delay, keeps the test meaningful on a busy machine.
        started = _wait_for(proc, (lambda: _building(out)) if all_done else (lambda n=before: len(_lines(records)[0]) > n))
        time.sleep(rng.uniform(0.0, 0.3 if all_done else 1.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            build_kills += all_done
        else:
            finished += 1
        if not all_done:
            assert started, "no record within the wait after a restart: no progress"
        _kill_group(proc.pid)
        if kills % 4 == 0 and not all_done:
            torn += _tear_last_line(records, rng)
        whole, cut = _lines(records)  # raises if a complete line is not JSON
        cut_lines += cut
        keys = Counter(r["source"]["sha256"] for r in whole)
        assert max(keys.values(), default=1) == 1, "a document was written twice"
        seen_done.append(len(whole))
    assert kills >= MIN_KILLS and build_kills >= BUILD_KILLS, f"{(kills, build_kills, finished)} {seen_done}"

    final = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 1, final.stderr[-3000:]  # the broken inputs are error records
    whole, cut = _lines(records)
    assert not cut and records.read_bytes().endswith(b"\n")
    paths = Counter(r["source"]["path"] for r in whole)
    assert set(paths) == expected and max(paths.values()) == 1
    assert len({r["doc_id"] for r in whole}) == len(whole) == len(expected)
    codes = {r["source"]["path"]: (r["error"] or {}).get("code") for r in whole}
    assert codes[str(tmp_path / "in" / "broken" / "zz-die.txt")] == "E_INTERNAL"
    assert codes[str(tmp_path / "in" / "broken" / "zz-hang.txt")] == "E_TIMEOUT"

    con = sqlite3.connect(out / "vnadmin.db")
    try:
        n, distinct = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
        db_paths = {row[0] for row in con.execute("SELECT path FROM documents")}
    finally:
        con.close()
    assert n == distinct == len(expected) and db_paths == expected
    import pandas as pd

    assert len(pd.read_parquet(out / "parquet" / "documents.parquet")) == len(expected)
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"
    print(f"\nkills {kills} (while building outputs: {build_kills}), runs that finished {finished}, "
          f"cut last lines seen {cut_lines} ({torn} torn on purpose), documents done after each attempt {seen_done}")


def _wait_for(proc: subprocess.Popen, event, limit: float = 180.0) -> bool:
    """Poll until ``event()`` or the process ends (then False) or ``limit`` seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if event():
            return True
        if proc.poll() is not None:
            return event()
        time.sleep(0.01)
    return False


def _building(out: Path) -> bool:
    return any(p.name.endswith(".tmp") for p in out.rglob("*"))


def _tear_last_line(records: Path, rng: random.Random) -> int:
    """A write torn by the crash (a kill rarely lands inside the few microseconds of one):
    the last record loses its end, as the disk would have it after a power cut."""
    data = records.read_bytes() if records.exists() else b""
    if data.count(b"\n") < 2:
        return 0
    start = data.rstrip(b"\n").rfind(b"\n") + 1
    cut = rng.randrange(start + 1, len(data) - 1)
    records.write_bytes(data[:cut])
    return 1


def _kill_group(pgid: int) -> None:
    """Every process of the killed run is dead (zombies hold no lock and no file)."""
    for _ in range(3):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.05)
