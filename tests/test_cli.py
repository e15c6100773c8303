import json
import subprocess
import sys
from pathlib import Path

from vnadmin_extract.cli import main

DOC = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 15/KH-UBND\nQuảng Ngãi, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThi đua\n"


def test_extract_writes_one_line_per_document_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"")  # empty: an error record, the batch goes on
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    rc = main(["extract", str(tmp_path), "-o", str(out), "--no-text"])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rc == 1
    assert [Path(r["source"]["path"]).name for r in rows] == ["a.txt", "b.txt", "c.txt"]
    assert [r["error"] and r["error"]["code"] for r in rows] == ["E_EMPTY", None, "E_BINARY"]
    assert rows[1]["text"] is None and rows[1]["header"]["number"]["symbol"] == "KH-UBND"


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores letters with their quality mark and the tone as a combining mark."""
    import unicodedata

    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = [c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258")


def test_encodings(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + DOC.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(DOC.encode("utf-16"))
    (tmp_path / "w1258.txt").write_bytes(_cp1258(DOC))
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["encoding"] for r in rows] == ["utf-8-sig", "utf-16", "cp1258"]
    assert {r["header"]["date"]["value"] for r in rows} == {"2024-03-05"}
    assert len({r["text"] for r in rows}) == 1


def test_schema_command_prints_json_schema(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"doc_id", "awards", "legal_refs", "error"} <= set(schema["properties"])


def test_console_script_runs() -> None:
    r = subprocess.run([sys.executable, "-m", "vnadmin_extract", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "vnadmin-extract" in r.stdout


def test_show_summarises(tmp_path: Path, capsys) -> None:
    p = tmp_path / "d.txt"
    p.write_text(DOC + "\nI. MỤC ĐÍCH\n\n1. Nội dung.\n", encoding="utf-8")
    assert main(["show", str(p)]) == 0
    out = capsys.readouterr().out
    assert "KH-UBND" in out and "I. MỤC ĐÍCH" in out
