"""SIGTERM stops a run like Ctrl-C (summary, exit 143, the rerun finishes); workers die with
their parent; environment errors are one line and exit 2 (issue 15, items 6 and 16)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from batch_testlib import HOOK, cli, env, read_lines, write_docs

from vnadmin_extract.cli import main


def _wait(predicate, limit: float = 120.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_writes_the_summary_and_the_rerun_finishes(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "in", 30)
    out = tmp_path / "out"
    cmd = cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2")
    proc = subprocess.Popen(cmd, env=env(VNADMIN_EXTRACT_DOC_FN=HOOK, VNADMIN_TEST_SLOW="0.2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert _wait(lambda: _lines(out / "records.jsonl") >= 3)
    os.killpg(proc.pid, signal.SIGTERM)  # the whole group, as a service manager does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "documents:" in err and err.rstrip().endswith(
        "vnadmin-extract run: terminated; run the same command again to finish")
    done = read_lines(out / "records.jsonl")
    assert 3 <= len(done) < 30 and all(r["error"] is None for r in done)  # no document failed for it
    assert '"interrupted": true' in (out / "summary.json").read_text(encoding="utf-8")
    rerun = subprocess.run(cmd, env=env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(r["source"]["path"] for r in read_lines(out / "records.jsonl")) == sorted(map(str, files))


def test_workers_exit_when_only_the_parent_is_killed(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 4)
    (tmp_path / "in" / "doc-a-hang.txt").write_text("Báo cáo hang\n", encoding="utf-8")
    (tmp_path / "in" / "doc-b-hang.txt").write_text("Báo cáo hang 2\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(cli("run", str(tmp_path / "in"), "-o", str(out), "--workers", "2", "--timeout", "600"),
                            env=env(VNADMIN_EXTRACT_DOC_FN=HOOK), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert _wait(lambda: _lines(out / "records.jsonl") >= 1)
        family = _children(proc.pid)
        family += [g for c in family for g in _children(c)]
        assert family
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone
        proc.wait()
        assert _wait(lambda: not any(_alive(p) for p in family), limit=60), "workers outlived their run"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_an_unwritable_output_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_docs(tmp_path / "in", 1)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "-o", str(blocker / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("vnadmin-extract run: error: ") and "Traceback" not in err[0]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "records.jsonl").mkdir()  # a folder where a file should be
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("vnadmin-extract run: error: ") and "records.jsonl" in err[-1]


def test_a_corrupt_database_for_search_is_one_line_and_exit_2(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "vnadmin.db").write_bytes(b"this is not a database" * 100)
    assert main(["search", str(tmp_path), "lao dong"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("vnadmin-extract search: error: the database is damaged") and "load" in err
    assert isinstance(sqlite3.DatabaseError(), Exception)


def test_a_port_in_use_for_serve_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("datasette")
    from vnadmin_extract.store import build_outputs

    write_docs(tmp_path / "in", 1)
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    build_outputs(tmp_path / "out")
    capsys.readouterr()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(tmp_path / "out"), "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"vnadmin-extract serve: error: port {port} on 127.0.0.1 is in use; "
                   "choose another with --port (0: any free port)")
