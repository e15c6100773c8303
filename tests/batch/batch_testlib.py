"""Helpers for the tests in tests/batch (not a test module).

``faulty_process`` is the per-document function the tests inject through the runner's
``fn_spec`` (or the CLI's VNADMIN_EXTRACT_DOC_FN): a document whose file name contains
"raise", "hang" or "die" raises, hangs or kills its worker; "hog" asks for 3 GB; "stuck" hangs where no signal
reaches it (SIGALRM blocked, as in C code), so only the parent's kill ends it; "surrogate"
returns a record the JSON encoder refuses. With VNADMIN_TEST_SLOW set, every document takes
that many seconds more.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from vnadmin_extract.pipeline import process_file
from vnadmin_extract.schema import Award, DateValue, Header, Issuer, Record, Source

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
HOOK = "batch_testlib:faulty_process"

TEMPLATE = """UBND TỈNH QUẢNG NGÃI
SỞ KHOA HỌC VÀ CÔNG NGHỆ

Số: {n}/BC-SKHCN

Quảng Ngãi, ngày {d:02d} tháng 01 năm 2024

BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2023 (bản {n})

I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023

1. Công tác khen thưởng

Giám đốc Sở công nhận danh hiệu “Lao động tiên tiến” cho {c:02d} tập thể và {i} cá nhân; \
công nhận danh hiệu “Chiến sỹ thi đua cơ sở” cho 06 cá nhân.

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Văn An {n}
"""


def write_docs(folder: Path, n: int, prefix: str = "doc") -> list[Path]:
    """``n`` distinct small documents named ``<prefix>-NNN.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        p = folder / f"{prefix}-{k:03d}.txt"
        p.write_text(TEMPLATE.format(n=k + 1, d=k % 28 + 1, c=k % 9 + 1, i=10 + k), encoding="utf-8")
        paths.append(p)
    return paths


def faulty_process(path: str, keep_text: bool = True) -> Record:
    name = Path(path).name
    if "raise" in name:
        raise RuntimeError("injected failure")
    if "hang" in name:
        time.sleep(3600)
    if "die" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "stuck" in name:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    if "hog" in name:  # wants 3 GB at once: over the worker's memory cap
        blob = bytearray(3 * 1024**3)
        return process_file(path, keep_text=keep_text) if blob else None  # type: ignore[return-value]
    if "surrogate" in name:
        rec = process_file(path, keep_text=keep_text)
        rec.text = "lone \udcff surrogate"
        return rec
    slow = float(os.environ.get("VNADMIN_TEST_SLOW") or 0)
    if slow:
        time.sleep(slow)
    return process_file(path, keep_text=keep_text)


def env(**extra: str) -> dict[str, str]:
    """Environment for a CLI subprocess that can import this module."""
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(HERE), str(SRC), e.get("PYTHONPATH", "")])
    e.pop("VNADMIN_EXTRACT_DOC_FN", None)
    e.update(extra)
    return e


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "vnadmin_extract", *args]


def read_lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), "records.jsonl ends with a cut line"
    return [json.loads(line) for line in data.splitlines()]


def award_record(doc_id: str = "a1b2c3d4e5f60718", issuer_parent: str = "UBND tỉnh Quảng Ngãi") -> Record:
    """A record with two award rows (built by hand: the extractors are not under test here)."""
    text = ("Giám đốc Sở công nhận danh hiệu “Lao động tiên tiến” cho 06 tập thể và 59 cá nhân; "
            "công nhận danh hiệu “Chiến sỹ thi đua cơ sở” cho 06 cá nhân. Ghi chú: '); DROP TABLE awards; --")
    s2 = text.index("Chiến sỹ")
    return Record(
        doc_id=doc_id,
        source=Source(path=f"/data/{doc_id}.txt", format="txt", sha256=doc_id + "0" * 48, bytes=len(text.encode())),
        text=text,
        header=Header(issuer=Issuer(name="Sở Khoa học và Công nghệ", parent=issuer_parent), place="Quảng Ngãi",
                      date=DateValue(raw="ngày 23 tháng 01 năm 2024", value="2024-01-23"),
                      title="Tổng kết công tác thi đua, khen thưởng năm 2023"),
        awards=[
            Award(award="Lao động tiên tiến", award_raw="Lao động tiên tiến", category="emulation_title",
                  status="conferred", conferred_by="Giám đốc Sở", collectives=6, individuals=59, total=65,
                  year=2023, start=0, end=s2 - 2),
            Award(award="Chiến sĩ thi đua cơ sở", award_raw="Chiến sỹ thi đua cơ sở", category="emulation_title",
                  status="conferred", conferred_by="Giám đốc Sở", individuals=6, total=6, year=2023,
                  start=s2 - 28, end=s2 + 40),
        ],
    )


def write_records(outdir: Path, records: list[Record]) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path
