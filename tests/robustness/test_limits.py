"""The time budget and the limits' plumbing (ingest/limits.py), and the run options."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from vnadmin_extract import errors
from vnadmin_extract.cli import main
from vnadmin_extract.cli.run import parse_size
from vnadmin_extract.ingest import limits
from vnadmin_extract.ingest.limits import DocumentTimeout, Limits, time_budget, time_left


def _spin() -> None:
    while True:  # pure Python: only the alarm can stop it
        pass


def test_the_budget_interrupts_a_busy_loop() -> None:
    with pytest.raises(DocumentTimeout) as err, time_budget(0.2):
        _spin()
    assert "0.2 s" in str(err.value)
    assert time_left() is None  # and it is gone afterwards


def test_a_nested_budget_cannot_extend_the_outer_one() -> None:
    t0 = time.monotonic()
    with pytest.raises(DocumentTimeout), time_budget(0.3), time_budget(30):
        _spin()
    assert time.monotonic() - t0 < 10


def test_a_tighter_inner_budget_gives_the_outer_one_back() -> None:
    with pytest.raises(DocumentTimeout) as err, time_budget(0.6):
        with pytest.raises(DocumentTimeout), time_budget(0.1):
            _spin()
        left = time_left()
        assert left is not None and 0 < left < 0.6
        _spin()  # the outer alarm still fires
    assert err.value.seconds == 0.6


def test_outside_the_main_thread_only_the_readers_see_the_budget() -> None:
    seen: list[float | None] = []

    def work() -> None:
        with time_budget(5):
            seen.append(time_left())
            seen.append(float(limits.running_low(share=1.1)))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen[0] is not None and 4 < seen[0] <= 5 and seen[1] == 1.0


def test_limits_context_and_overrides() -> None:
    assert limits.current() == Limits()
    with limits.use(Limits(max_pages=3)):
        assert limits.current().max_pages == 3
        assert limits.current().with_(max_pages=None, max_bytes=7).max_bytes == 7
    assert limits.current().max_pages == Limits().max_pages


@pytest.mark.parametrize(("text", "size"), [("100M", 100 * 1024**2), ("2G", 2 * 1024**3), ("1.5k", 1536),
                                            ("500000", 500000), ("64MB", 64 * 1024**2)])
def test_sizes_on_the_command_line(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_run_options_reach_the_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "in"
    (docs / "real").mkdir(parents=True)
    (docs / "real" / "a.txt").write_text("Số: 12/QĐ-UBND\nTặng Bằng khen cho 02 tập thể.\n" * 100, encoding="utf-8")
    (docs / "b.txt").write_text("Số: 13/QĐ-UBND", encoding="utf-8")
    (docs / "linked").symlink_to(docs / "real", target_is_directory=True)
    out = tmp_path / "out"
    assert main(["run", str(docs), "-o", str(out), "--workers", "1", "--max-bytes", "1K"]) == 1
    import json

    recs = {Path(r["source"]["path"]).name: r for r in map(json.loads, (out / "records.jsonl").read_text().splitlines())}
    assert recs["a.txt"]["error"]["code"] == errors.E_TOO_LARGE and recs["b.txt"]["error"] is None
    assert "give --follow-links" in capsys.readouterr().err
    out2 = tmp_path / "out2"
    assert main(["run", str(docs), "-o", str(out2), "--workers", "1", "--follow-links"]) == 0
    summary = json.loads((out2 / "summary.json").read_text())
    assert summary["inputs"] == 2 and summary["documents"] == 2  # the folder once, under one of its names
    assert "a folder already searched" in capsys.readouterr().err
    for bad in (["--max-bytes", "lots"], ["--max-pages", "0"], ["--max-ocr-pages", "-1"]):
        with pytest.raises(SystemExit) as exc:
            main(["run", str(docs), "-o", str(out), *bad])
        assert exc.value.code == 2
