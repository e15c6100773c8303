"""``extract`` and the API have the run's hard limits by default (issue 15, items 8, 10, 16)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from batch_testlib import HOOK, cli, env, write_docs

from vnadmin_extract import errors, extract_file
from vnadmin_extract.cli import main
from vnadmin_extract.pipeline import process_file


def _extract(*args: str, hook: bool = True) -> subprocess.CompletedProcess[str]:
    extra = {"VNADMIN_EXTRACT_DOC_FN": HOOK} if hook else {}
    return subprocess.run(cli("extract", *args), env=env(**extra), capture_output=True, text=True, timeout=300)


def test_a_document_stuck_where_no_signal_reaches_is_killed_and_the_rest_follow_in_order(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", 2)
    stuck = tmp_path / "in" / "doc-001-stuck.txt"
    stuck.write_text("Báo cáo stuck\n", encoding="utf-8")
    done = _extract(str(tmp_path / "in"), "--timeout", "3")  # generous: the good documents must fit on a busy machine
    assert done.returncode == 1, done.stderr
    recs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["source"]["path"]).name for r in recs] == ["doc-000.txt", "doc-001-stuck.txt", "doc-001.txt"]
    assert [(r["error"] or {}).get("code") for r in recs] == [None, errors.E_TIMEOUT, None]
    assert "the worker was killed" in recs[1]["error"]["message"]
    assert recs[0]["doc_id"] == process_file(docs[0]).doc_id


def test_a_document_over_the_memory_cap_gets_an_error_record(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 1)
    (tmp_path / "in" / "doc-hog.txt").write_text("Báo cáo hog\n", encoding="utf-8")
    done = _extract(str(tmp_path / "in"), "--max-memory", "1G")
    recs = [json.loads(line) for line in done.stdout.splitlines()]
    codes = {Path(r["source"]["path"]).name: (r["error"] or {}).get("code") for r in recs}
    assert codes == {"doc-000.txt": None, "doc-hog.txt": errors.E_TOO_LARGE}
    assert done.returncode == 1


def test_extract_output_is_the_same_in_a_worker_and_in_process(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", 3)
    worker = _extract(str(tmp_path / "in"), "--no-text", hook=False)
    inproc = _extract(str(tmp_path / "in"), "--no-text", "--in-process", hook=False)
    assert worker.returncode == inproc.returncode == 0
    assert worker.stdout == inproc.stdout and len(worker.stdout.splitlines()) == 3


def test_an_empty_input_folder_says_so_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(tmp_path / "empty")]) == 2
    assert capsys.readouterr().err.strip() == "vnadmin-extract extract: error: no documents found in the inputs"


def test_the_api_runs_in_a_worker_when_given_limits(tmp_path: Path) -> None:
    [doc] = write_docs(tmp_path / "in", 1)
    isolated = extract_file(doc, timeout=30, max_memory=2 * 1024**3)
    assert isolated.model_dump() == extract_file(doc).model_dump()
