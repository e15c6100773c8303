"""`vnadmin-extract run / load / search`: outputs, exit codes, kill -9 and resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from batch_testlib import HOOK, award_record, cli, env, read_lines, write_docs, write_records

from vnadmin_extract.cli import main
from vnadmin_extract.store import TABLES


def _dump(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f'select * from "{t}" order by 1, 2').fetchall() for t in TABLES}
    finally:
        con.close()


def test_run_writes_every_output_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "-o", str(out), "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "documents: 3" in err and "errors: 0" in err and "docs/s" in err
    assert len(read_lines(out / "records.jsonl")) == 3
    assert {p.stem for p in (out / "parquet").glob("*.parquet")} == set(TABLES)
    assert len(_dump(out / "vnadmin.db")["documents"]) == 3

    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["run", str(tmp_path / "in"), "-o", str(out), "--no-text"]) == 1
    assert "E_EMPTY 1" in capsys.readouterr().err
    assert len(read_lines(out / "records.jsonl")) == 4


def test_outputs_in_an_input_folder_are_not_read_back(tmp_path: Path) -> None:
    write_docs(tmp_path, 2)
    out = tmp_path / "out"
    assert main(["run", str(tmp_path), "-o", str(out), "--workers", "1"]) == 0
    assert main(["run", str(tmp_path), "-o", str(out), "--workers", "1"]) == 0
    assert len(read_lines(out / "records.jsonl")) == 2


@pytest.mark.parametrize("extra", [
    ["--workers", "0"], ["--timeout", "0"], ["--executor", "dask"], ["--scheduler", "tcp://127.0.0.1:1"],
])
def test_usage_errors_exit_2(tmp_path: Path, extra: list[str]) -> None:
    write_docs(tmp_path / "in", 1)
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *extra]) == 2


def test_missing_input_or_outdir_that_is_a_file_exit_2(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 1)
    (tmp_path / "file").write_text("x")
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "file")]) == 2
    assert main(["load", str(tmp_path / "in")]) == 2
    assert main(["search", str(tmp_path / "in"), "x"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["run", str(tmp_path / "in")])  # -o is required
    assert exc.value.code == 2


def test_outputs_never_escape_outdir(tmp_path: Path) -> None:
    write_records(tmp_path / "out", [award_record()])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out" / "parquet").symlink_to(elsewhere)
    assert main(["load", str(tmp_path / "out")]) == 2
    assert list(elsewhere.iterdir()) == []


def test_kill_9_mid_run_then_rerun_finishes_each_document_once(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 30)
    out = tmp_path / "out"
    cmd = cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2")
    proc = subprocess.Popen(cmd, env=env(VNADMIN_EXTRACT_DOC_FN=HOOK, VNADMIN_TEST_SLOW="0.1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    records = out / "records.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not records.exists() or records.read_bytes().count(b"\n") < 6):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the run's own workers, if any outlived it
    except ProcessLookupError:
        pass
    done = records.read_bytes().count(b"\n")
    assert 6 <= done < 30, "the run was not stopped in the middle"

    rerun = subprocess.run(cmd, env=env(), capture_output=True, text=True, timeout=120)

    assert rerun.returncode == 0, rerun.stderr
    assert f"{done} already done" in rerun.stderr
    recs = read_lines(records)
    assert sorted(r["source"]["path"] for r in recs) == sorted(str(p) for p in files)
    assert len({r["doc_id"] for r in recs}) == 30


def test_load_rebuilds_the_same_database(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "-o", str(out), "--workers", "1"]) == 0
    before = _dump(out / "vnadmin.db")
    (out / "vnadmin.db").unlink()
    for p in (out / "parquet").iterdir():
        p.unlink()
    assert main(["load", str(out)]) == 0
    assert _dump(out / "vnadmin.db") == before
    assert {p.stem for p in (out / "parquet").glob("*.parquet")} == set(TABLES)


def test_search_command_prints_the_award_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_records(tmp_path, [award_record()])
    assert main(["load", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["search", str(tmp_path), "chien si thi dua", "--table", "awards", "--limit", "1"]) == 0
    printed = capsys.readouterr().out
    assert "Chiến sĩ thi đua cơ sở" in printed and "«Chiến» «sỹ» «thi» «đua»" in printed
    assert main(["search", str(tmp_path), "lao dong tien tien", "--json"]) == 0
    assert '"doc_id": "a1b2c3d4e5f60718"' in capsys.readouterr().out
