"""`--executor dask`: a two-worker LocalCluster gives the same records as local processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from batch_testlib import cli, env, read_lines, write_docs

distributed = pytest.importorskip("distributed")


def _by_doc_id(records: Path) -> dict[str, dict]:
    # Records carry no timing fields; compare everything else.
    return {r["doc_id"]: r for r in read_lines(records)}


def test_dask_outputs_equal_local_outputs(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", 6)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "copy.txt").write_bytes(docs[0].read_bytes())
    inputs = str((tmp_path / "in").absolute())

    local = subprocess.run(cli("run", inputs, "-o", str(tmp_path / "local"), "--workers", "2"),
                           env=env(), capture_output=True, text=True, timeout=120)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = subprocess.run(
            cli("run", inputs, "-o", str(tmp_path / "dask"), "--executor", "dask",
                "--scheduler", cluster.scheduler_address),
            env=env(), capture_output=True, text=True, timeout=120,
        )

    assert local.returncode == remote.returncode == 1, remote.stderr  # the empty file
    assert "errors: 1 (E_EMPTY 1)" in remote.stderr, remote.stderr
    assert _by_doc_id(tmp_path / "local" / "records.jsonl") == _by_doc_id(tmp_path / "dask" / "records.jsonl")
    assert len(_by_doc_id(tmp_path / "dask" / "records.jsonl")) == 7
    summary = json.loads((tmp_path / "dask" / "summary.json").read_text())
    assert len(summary["duplicates"]) == 1 and summary["errors_by_code"] == {"E_EMPTY": 1}
    assert (tmp_path / "dask" / "vnadmin.db").exists()
