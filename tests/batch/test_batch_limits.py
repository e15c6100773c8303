"""The batch runner's limits: two deadlines, fresh workers after a timeout, size limits,
records that cannot be written, file names that break TSV."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from batch_testlib import HOOK, read_lines, write_docs

from vnadmin_extract import errors
from vnadmin_extract.batch import RunConfig, Task, process_document, run_batch
from vnadmin_extract.batch.local import grace_for
from vnadmin_extract.ingest.limits import Limits


def _config(**kw) -> RunConfig:
    return RunConfig(**{"workers": 1, "progress": False, "fn_spec": HOOK, **kw})


def test_a_hang_is_stopped_inside_the_worker_and_the_worker_replaced(tmp_path: Path) -> None:
    hang = tmp_path / "in" / "a-hang.txt"
    good = write_docs(tmp_path / "in", 3)
    hang.write_text("Báo cáo\n", encoding="utf-8")
    t0 = time.monotonic()
    s = run_batch([hang, *good], tmp_path / "out", _config(timeout=5.0))
    recs = {r["source"]["path"]: r for r in read_lines(tmp_path / "out" / "records.jsonl")}
    assert recs[str(hang)]["error"]["code"] == errors.E_TIMEOUT
    assert "time budget" in recs[str(hang)]["error"]["message"]  # from the worker, not the parent's kill
    assert all(recs[str(p)]["error"] is None for p in good) and s.processed == 4
    assert time.monotonic() - t0 < 5.0 + grace_for(5.0) + 60  # stopped, not waited out (generous: a busy machine)


def test_code_no_signal_reaches_is_killed_after_the_grace(tmp_path: Path) -> None:
    stuck = tmp_path / "in" / "a-stuck.txt"
    good = write_docs(tmp_path / "in", 2)
    stuck.write_text("Báo cáo\n", encoding="utf-8")
    s = run_batch([stuck, *good], tmp_path / "out", _config(timeout=3.0))
    recs = {r["source"]["path"]: r for r in read_lines(tmp_path / "out" / "records.jsonl")}
    err = recs[str(stuck)]["error"]
    assert err["code"] == errors.E_TIMEOUT and "killed" in err["message"] and "grace" in err["message"]
    assert all(recs[str(p)]["error"] is None for p in good) and s.processed == 3


def test_a_record_the_encoder_refuses_becomes_an_error_record(tmp_path: Path) -> None:
    p = tmp_path / "x-surrogate.txt"
    p.write_text("Báo cáo", encoding="utf-8")
    res = process_document(Task(str(p), "e" * 64, 7), fn_spec=HOOK)
    assert res.error_code == errors.E_INTERNAL
    assert "could not be written as JSON" in json.loads(res.line)["error"]["message"]


def test_files_over_max_bytes_are_recorded_unread(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", 2)
    big = tmp_path / "in" / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50_000)
    s = run_batch([*docs, big], tmp_path / "out", _config(limits=Limits(max_bytes=10_000)))
    recs = {r["source"]["path"]: r for r in read_lines(tmp_path / "out" / "records.jsonl")}
    assert recs[str(big)]["error"]["code"] == errors.E_TOO_LARGE and recs[str(big)]["source"]["bytes"] == 50_000
    assert s.errors_by_code == {errors.E_TOO_LARGE: 1}
    again = run_batch([*docs, big], tmp_path / "out", _config(limits=Limits(max_bytes=10_000)))
    assert again.processed == 0 and again.already_done == 3  # known by its path key on resume


def test_duplicate_file_names_with_tabs_and_newlines_stay_one_tsv_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    docs = write_docs(folder, 1)
    odd = folder / "copy\twith tab\nand newline.txt"
    odd.write_bytes(docs[0].read_bytes())
    bad = Path(os.fsdecode(os.fsencode(folder) + b"/copy-\xff.txt"))
    bad.write_bytes(docs[0].read_bytes())
    run_batch([docs[0], odd, bad], tmp_path / "out", _config())
    rows = (tmp_path / "out" / "duplicates.tsv").read_text(encoding="utf-8").split("\n")
    assert rows[0] == "path\tduplicate_of\tsha256" and rows[-1] == ""
    assert len(rows) == 4 and all(r.count("\t") == 2 for r in rows[:-1])
    assert "copy\\twith tab\\nand newline.txt" in rows[1] + rows[2] and "copy-\\\\xff.txt" in rows[1] + rows[2]  # the byte as \\xff, its backslash escaped
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["duplicates"]) == 2
