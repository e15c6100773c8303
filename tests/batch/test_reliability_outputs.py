"""Nothing lost silently: write errors stop the run, one lock over journal and build, bad
lines set aside, edited files superseded, summaries of the whole folder (issue 15, items 1-5)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from batch_testlib import HOOK, cli, env, read_lines, write_docs

from vnadmin_extract import errors
from vnadmin_extract.batch import JournalWriteError, RunConfig, journal, run_batch
from vnadmin_extract.cli import main
from vnadmin_extract.store import build_outputs


def _config(**kw) -> RunConfig:
    return RunConfig(**{"workers": 2, "progress": False, "fn_spec": HOOK, **kw})


def _db_rows(out: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(out / "vnadmin.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _full_disk_after(n_ok: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal's writes succeed ``n_ok`` times, then write half a line and fail (ENOSPC)."""
    calls = {"n": 0}

    def write(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] <= n_ok:
            return os.write(fd, data)
        os.write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal.Journal, "_write", staticmethod(write))


def test_a_full_disk_stops_the_run_and_the_rerun_completes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_docs(tmp_path / "in", 8)
    out = tmp_path / "out"
    _full_disk_after(3, monkeypatch)
    with pytest.raises(JournalWriteError, match="No space left on device"):
        run_batch(files, out, _config())
    recs = read_lines(out / "records.jsonl")  # whole lines only: the half line was cut off
    assert len(recs) == 3
    monkeypatch.undo()
    s = run_batch(files, out, _config())
    assert s.already_done == 3 and s.processed == 5 and s.documents == 8
    recs = read_lines(out / "records.jsonl")
    assert sorted(r["source"]["path"] for r in recs) == sorted(map(str, files))


def test_the_cli_says_what_to_do_and_exits_2_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    write_docs(tmp_path / "in", 4)
    _full_disk_after(1, monkeypatch)
    monkeypatch.setenv("VNADMIN_EXTRACT_DOC_FN", HOOK)
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("vnadmin-extract run: error: cannot write a record to ")
    assert "No space left on device" in err[-1] and "run the same command again" in err[-1]
    assert "Traceback" not in "\n".join(err)
    assert len(read_lines(tmp_path / "out" / "records.jsonl")) == 1


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None and shutil.which("umount") is not None


@pytest.fixture
def small_fs(tmp_path: Path):
    """A 64 KB tmpfs (root with mount only; skipped elsewhere)."""
    if not _can_mount():
        pytest.skip("mounting a small file system needs root and mount")
    where = tmp_path / f"fs-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_a_real_full_file_system_loses_nothing(tmp_path: Path, small_fs: Path) -> None:
    files = write_docs(tmp_path / "in", 40)  # about 5 KB a record with its text: over 64 KB
    out = small_fs / "out"
    proc = subprocess.run(cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2"),
                          env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "No space left on device" in proc.stderr and "Traceback" not in proc.stderr
    written = read_lines(out / "records.jsonl")  # whole lines, each a record
    assert 0 < len(written) < 40
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    subprocess.run(["mount", "-o", "remount,size=16m", str(small_fs)], check=True)
    proc = subprocess.run(cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2"),
                          env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert f"{len(written)} already done" in proc.stderr
    recs = read_lines(out / "records.jsonl")
    assert sorted(r["source"]["path"] for r in recs) == sorted(map(str, files))


def test_concurrent_loads_and_a_load_during_a_run_all_succeed(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 12)
    out = tmp_path / "out"
    run = cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2")
    assert subprocess.run(run, env=env(), capture_output=True, timeout=300).returncode == 0
    loads = [subprocess.Popen(cli("load", str(out)), env=env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for _ in range(4)]
    # and a run over more inputs at the same time: it waits for none of them, or they wait for it
    write_docs(tmp_path / "in", 16)
    busy = subprocess.run(run, env=env(VNADMIN_EXTRACT_DOC_FN=HOOK, VNADMIN_TEST_SLOW="0.05"),
                          capture_output=True, text=True, timeout=300)
    codes = [(p.wait(timeout=300), p.stderr.read().decode()) for p in loads]
    assert all(code == 0 for code, _ in codes), codes
    assert busy.returncode == 0 or "another run (or load) is writing" in busy.stderr, busy.stderr
    assert not [p for p in out.rglob("*") if p.name.endswith((".tmp", ".tmp-journal"))]
    assert main(["load", str(out)]) == 0
    n = len(read_lines(out / "records.jsonl"))
    assert _db_rows(out, "SELECT count(*) FROM documents") == [(n,)]


def test_a_failed_build_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vnadmin_extract.store import sqlite as store_sqlite

    write_docs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(sorted((tmp_path / "in").iterdir()), out, _config())

    def full(con) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_sqlite, "create_indexes", full)
    with pytest.raises(sqlite3.OperationalError):
        build_outputs(out)
    assert not [p.name for p in out.rglob("*") if ".tmp" in p.name]


def test_a_schema_invalid_line_is_set_aside_and_redone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(files, out, _config())
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1])
    bad["awards"] = "oops"
    (out / "records.jsonl").write_text("\n".join([lines[0], json.dumps(bad), lines[2]]) + "\n", encoding="utf-8")

    assert main(["load", str(out)]) == 0
    err = capsys.readouterr().err
    assert "set aside 1 unreadable or invalid lines" in err and "line 2 ('awards' is not a list of objects)" in err
    quarantined = [json.loads(x) for x in (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(q["line"], q["reason"]) for q in quarantined] == [(2, "'awards' is not a list of objects")]
    assert json.loads(quarantined[0]["text"])["awards"] == "oops"
    assert _db_rows(out, "SELECT count(*) FROM documents") == [(2,)]

    s = run_batch(files, out, _config())  # the run knows its input: redone
    assert s.processed == 1 and s.already_done == 2 and s.bad_lines == 1 and s.documents == 3
    build_outputs(out)
    assert _db_rows(out, "SELECT count(*) FROM documents") == [(3,)]
    assert _db_rows(out, "SELECT path FROM documents ORDER BY path") == [(str(f),) for f in sorted(files)]


def test_an_edited_file_supersedes_its_old_record(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(files, out, _config())
    build_outputs(out)
    before = _db_rows(out, "SELECT count(*) FROM awards")[0][0]
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("(bản 1)", "(bản 1, sửa)"), encoding="utf-8")

    s = run_batch(files, out, _config())
    report = build_outputs(out)

    assert s.processed == 1 and s.documents == 2 and s.superseded == 0
    assert len(read_lines(out / "records.jsonl")) == 3  # the journal keeps history
    assert report.records == 2 and report.superseded == 1
    assert _db_rows(out, "SELECT count(*) FROM awards")[0][0] == before  # not doubled
    titles = dict(_db_rows(out, "SELECT path, title FROM documents"))
    assert titles[str(files[0])].endswith("(bản 1, sửa)")
    again = run_batch(files, out, _config())
    assert again.processed == 0 and again.superseded == 1


def test_a_file_edited_back_to_older_bytes_is_redone(tmp_path: Path) -> None:
    [doc] = write_docs(tmp_path / "in", 1)
    out = tmp_path / "out"
    original = doc.read_bytes()
    run_batch([doc], out, _config())
    doc.write_bytes(original + "\nPhụ lục.\n".encode())
    run_batch([doc], out, _config())
    doc.write_bytes(original)
    s = run_batch([doc], out, _config())
    assert s.processed == 1
    build_outputs(out)
    assert _db_rows(out, "SELECT sha256 FROM documents") == [(read_lines(out / "records.jsonl")[0]["source"]["sha256"],)]


def test_a_record_keyed_by_path_is_retried_once_the_limit_allows(tmp_path: Path) -> None:
    [doc] = write_docs(tmp_path / "in", 1)
    out = tmp_path / "out"
    from vnadmin_extract.ingest.limits import Limits

    first = run_batch([doc], out, _config(limits=Limits(max_bytes=100)))
    assert first.errors_by_code == {errors.E_TOO_LARGE: 1}
    assert run_batch([doc], out, _config(limits=Limits(max_bytes=100))).processed == 0  # cause still there
    s = run_batch([doc], out, _config())
    assert s.processed == 1 and s.errors_by_code == {} and s.documents == 1
    assert build_outputs(out).records == 1
    assert _db_rows(out, "SELECT error_code FROM documents") == [(None,)]


def test_summary_and_duplicates_describe_the_whole_folder(tmp_path: Path) -> None:
    a = write_docs(tmp_path / "a", 3, prefix="a")
    b = write_docs(tmp_path / "b", 4, prefix="b")  # b-000..b-002 are the bytes of a-000..a-002
    copy_a = tmp_path / "a" / "copy.txt"
    copy_a.write_bytes(a[0].read_bytes())
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run_batch([*a, copy_a], out, _config())
    s = run_batch([b[0], b[3], tmp_path / "b" / "empty.txt"], out, _config())

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s.documents == summary["documents"] == 5 and summary["inputs"] == 3 and summary["processed"] == 2
    assert summary["errors_by_code"] == {errors.E_EMPTY: 1} and summary["already_done"] == 1
    assert summary["awards"] == sum(len(r["awards"]) for r in read_lines(out / "records.jsonl"))
    assert [(d["path"], d["duplicate_of"]) for d in summary["duplicates"]] == [
        (str(copy_a), str(a[0])), (str(b[0]), str(a[0]))]
    tsv = (out / "duplicates.tsv").read_text(encoding="utf-8")
    assert str(copy_a) in tsv and str(b[0]) in tsv


def test_the_build_streams_with_memory_bounded_by_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python memory at the build's peak is the same for 4 times the records (issue 15, item 7)."""
    import tracemalloc

    from batch_testlib import award_record, write_records

    from vnadmin_extract.store import build as store_build

    monkeypatch.setattr(store_build, "BATCH_RECORDS", 10)

    def peak(n: int) -> int:
        recs = []
        for k in range(n):
            rec = award_record(doc_id=f"{k:016x}")
            rec.text = (rec.text or "") + " Nội dung báo cáo." * 3000  # about 60 KB a record
            recs.append(rec)
        out = write_records(tmp_path / f"out-{n}", recs)
        del recs
        tracemalloc.start()
        try:
            report = build_outputs(out.parent if out.name == "records.jsonl" else out)
            return tracemalloc.get_traced_memory()[1] if report.records == n else -1
        finally:
            tracemalloc.stop()

    small, large = peak(40), peak(160)
    assert small > 0 and large > 0
    assert large < 1.5 * small, f"build peak {small} bytes for 40 records, {large} for 160"
