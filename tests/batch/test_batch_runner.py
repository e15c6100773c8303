"""The batch runner: one record per document whatever happens, resume, duplicates."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from batch_testlib import HOOK, read_lines, write_docs

from vnadmin_extract import errors
from vnadmin_extract.batch import RunConfig, Task, format_summary, journal, process_document, run_batch
from vnadmin_extract.batch.progress import Progress


def _config(**kw) -> RunConfig:
    return RunConfig(**{"workers": 2, "progress": False, "fn_spec": HOOK, **kw})


def test_one_record_per_document_duplicates_reported(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", 5)
    (tmp_path / "in" / "sub").mkdir()
    copy = tmp_path / "in" / "sub" / "copy-of-doc-001.txt"
    copy.write_bytes(docs[1].read_bytes())
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    files = sorted([*docs, copy, empty])
    out = tmp_path / "out"

    s = run_batch(files, out, _config())

    recs = read_lines(out / "records.jsonl")
    assert len(recs) == s.documents == 6 and s.inputs == 7
    assert len({r["doc_id"] for r in recs}) == 6
    assert {r["source"]["path"] for r in recs} == {str(p) for p in files if p != copy}
    assert s.duplicates == [{"path": str(copy), "duplicate_of": str(docs[1]), "key": s.duplicates[0]["key"]}]
    assert s.errors_by_code == {errors.E_EMPTY: 1}
    assert "copy-of-doc-001.txt is identical to" in format_summary(s)
    assert str(copy) in (out / "duplicates.tsv").read_text(encoding="utf-8")
    assert json.loads((out / "summary.json").read_text())["documents"] == 6


def test_raise_hang_and_dead_worker_become_error_records(tmp_path: Path) -> None:
    good = write_docs(tmp_path / "in", 4)
    bad = {}
    for kind in ("raise", "hang", "die"):
        p = tmp_path / "in" / f"zz-{kind}.txt"
        p.write_text(f"Báo cáo {kind}\n", encoding="utf-8")
        bad[kind] = p
    t0 = time.monotonic()

    s = run_batch(sorted([*good, *bad.values()]), tmp_path / "out", _config(timeout=5.0))

    assert time.monotonic() - t0 < 30
    by_path = {r["source"]["path"]: r for r in read_lines(tmp_path / "out" / "records.jsonl")}
    assert len(by_path) == 7
    assert all(by_path[str(p)]["error"] is None for p in good)
    assert by_path[str(bad["raise"])]["error"]["code"] == errors.E_INTERNAL
    assert "injected failure" in by_path[str(bad["raise"])]["error"]["message"]
    assert by_path[str(bad["hang"])]["error"]["code"] == errors.E_TIMEOUT
    assert by_path[str(bad["die"])]["error"]["code"] == errors.E_INTERNAL
    assert "SIGKILL" in by_path[str(bad["die"])]["error"]["message"]
    assert s.errors_by_code == {errors.E_INTERNAL: 2, errors.E_TIMEOUT: 1}
    assert s.processed == 7


def test_resume_repairs_cut_line_and_finishes_once(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 6)
    out = tmp_path / "out"
    run_batch(files[:4], out, _config())
    records = out / "records.jsonl"
    lines = records.read_bytes().splitlines(keepends=True)
    # As if killed while writing the fourth record: three whole lines and a cut one.
    records.write_bytes(b"".join(lines[:3]) + lines[3][: len(lines[3]) // 2])

    s = run_batch(files, out, _config())

    assert s.repaired_bytes == len(lines[3]) // 2
    assert s.already_done == 3 and s.processed == 3
    recs = read_lines(records)
    assert sorted(r["source"]["path"] for r in recs) == sorted(str(p) for p in files)


def test_second_run_is_idempotent(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(files, out, _config())
    before = (out / "records.jsonl").read_bytes()
    s = run_batch(files, out, _config())
    assert (out / "records.jsonl").read_bytes() == before
    assert s.processed == 0 and s.already_done == 3


def test_unreadable_input_is_recorded_once(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "missing.txt")
    out = tmp_path / "out"
    s1 = run_batch([dangling], out, _config(workers=1))
    s2 = run_batch([dangling], out, _config(workers=1))
    recs = read_lines(out / "records.jsonl")
    assert len(recs) == 1 and recs[0]["error"]["code"] in {errors.E_NOT_FOUND, errors.E_UNREADABLE}
    assert s1.errors == 1 and s2.processed == 0 and s2.errors == 1


def test_repair_keeps_a_whole_record_missing_its_newline(tmp_path: Path) -> None:
    p = tmp_path / "records.jsonl"
    p.write_bytes(b'{"doc_id": "a", "source": {"sha256": "a"}}\n{"doc_id": "b", "source": {"sha256": "b"}}')
    assert journal.repair(p) == 0
    assert p.read_bytes().endswith(b"}\n")
    assert set(journal.scan(p).done) == {"a", "b"}


def test_a_second_concurrent_run_is_refused(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    holder = journal.Journal(out / "records.jsonl", out / ".vnadmin-extract.lock")
    holder.lock()
    try:
        with pytest.raises(RuntimeError, match="another run"):
            run_batch(files, out, _config())
    finally:
        holder.close()


def test_progress_without_terminal_prints_plain_lines() -> None:
    stream = io.StringIO()
    p = Progress(3, tty=False, stream=stream, interval=0.0)
    for err in (False, True, False):
        p.update(err)
    p.close()
    last = stream.getvalue().splitlines()[-1]
    assert "3/3 documents" in last and "docs/s" in last and "1 errors" in last and "ETA" in last


def test_in_thread_timeout_for_executors_that_cannot_kill(tmp_path: Path) -> None:
    p = tmp_path / "x-hang.txt"
    p.write_text("x", encoding="utf-8")
    task = Task(str(p), "f" * 64, 1)
    res = process_document(task, fn_spec=HOOK, timeout=0.5)
    assert res.error_code == errors.E_TIMEOUT and res.doc_id == "f" * 16
    assert os.getpid()  # the test process is still fine


def test_documents_queued_behind_a_dying_one_are_sent_again(tmp_path: Path) -> None:
    die = tmp_path / "in" / "a-die.txt"
    good = write_docs(tmp_path / "in", 3)
    die.write_text("x", encoding="utf-8")
    s = run_batch([die, *good], tmp_path / "out", _config(workers=1))
    recs = {r["source"]["path"]: r for r in read_lines(tmp_path / "out" / "records.jsonl")}
    assert recs[str(die)]["error"]["code"] == errors.E_INTERNAL
    assert all(recs[str(p)]["error"] is None for p in good)
    assert s.processed == 4 and s.errors == 1


def _exit_at_start(conn, keep_text, fn_spec) -> None:
    os._exit(3)


def test_workers_that_cannot_start_stop_the_run_instead_of_failing_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from vnadmin_extract.batch import local

    monkeypatch.setattr(local, "worker_main", _exit_at_start)
    files = write_docs(tmp_path / "in", 3)
    with pytest.raises(local.WorkerStartError, match="exit as they start"):
        run_batch(files, tmp_path / "out", _config(workers=1, mp_context=multiprocessing.get_context("fork")))
    assert (tmp_path / "out" / "records.jsonl").read_bytes() == b""
