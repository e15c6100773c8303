"""The README's main command uses a relative output folder; the run must accept it."""

import json
import shutil
from pathlib import Path

from vnadmin_extract.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


def test_run_with_relative_outdir(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(CORPUS.glob("*"))[:3]:
        shutil.copy(p, docs / p.name)
    monkeypatch.chdir(tmp_path)
    assert main(["run", "docs", "-o", "out", "--workers", "1"]) == 0
    lines = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(x)["error"] is None for x in lines)
    assert (tmp_path / "out" / "vnadmin.db").is_file()
