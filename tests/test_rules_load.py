"""``rules.load``: every pattern file validated at load; one ``RuleError`` naming file and entry,
from the API (``extract_text``) and from the CLI (exit 2, one line, no traceback)."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from vnadmin_extract import extract_text
from vnadmin_extract.cli import main
from vnadmin_extract.errors import RuleError
from vnadmin_extract.rules import models
from vnadmin_extract.rules.load import ENV, load_rules, validate

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def _first_list(data: dict[str, Any]) -> tuple[str, list[Any]]:
    key = next(k for k, v in data.items() if isinstance(v, list) and v)
    return key, data[key]


def _wrong_type(data: dict[str, Any]) -> str:
    key, items = _first_list(data)
    if isinstance(items[0], dict):
        field = next((k for k, v in items[0].items() if isinstance(v, str) and k != "id"),
                     next(k for k in items[0] if k != "id"))
        items[0][field] = 123
        return f"{key}[0]"
    items[0] = 123
    return f"{key}[0]"


def _unknown_key(data: dict[str, Any]) -> str:
    key, items = _first_list(data)
    if isinstance(items[0], dict):
        items[0]["colour"] = "blue"
        return f"{key}[0]"
    data["colour"] = "blue"
    return "colour"


def _duplicate_id(data: dict[str, Any]) -> str:
    key = models.ID_LISTS[_duplicate_id.file][0]  # type: ignore[attr-defined]
    data[key].append(copy.deepcopy(data[key][0]))
    return f"{key}[{len(data[key]) - 1}] (id={data[key][0]['id']}): duplicate id"


CASES = [(f, m) for f in sorted(models.FILES) for m in ("wrong type", "unknown key")] + \
        [(f, "duplicate id") for f in sorted(models.ID_LISTS)]


def _broken(tmp_path: Path, name: str, mutation: str) -> tuple[Path, str]:
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS, folder)
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    if mutation == "wrong type":
        where = _wrong_type(data)
    elif mutation == "unknown key":
        where = _unknown_key(data)
    else:
        _duplicate_id.file = name  # type: ignore[attr-defined]
        where = _duplicate_id(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder, where


@pytest.mark.parametrize(("name", "mutation"), CASES, ids=[f"{f}-{m}" for f, m in CASES])
def test_a_broken_entry_raises_one_rule_error_naming_file_and_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, mutation: str) -> None:
    folder, where = _broken(tmp_path, name, mutation)
    monkeypatch.setenv(ENV, str(folder))
    with pytest.raises(RuleError) as info:
        load_rules()
    assert any(p.startswith(f"{name}: {where}") for p in info.value.problems), info.value.problems
    assert all(p.startswith(f"{name}: ") for p in info.value.problems)


def test_every_problem_is_listed_at_once() -> None:
    data = {n: yaml.safe_load((PATTERNS / n).read_text(encoding="utf-8")) for n in models.FILES}
    data["awards.yaml"]["awards"][0]["category"] = "medal"
    data["awards.yaml"]["awards"][1]["id"] = data["awards.yaml"]["awards"][0]["id"]
    data["stopwords.yaml"]["stopwords"] = []
    data["web_chrome.yaml"]["chrome"][0]["pattern"] = "Lượt(xem"
    data["movements.yaml"]["introducers"][0] = "phong tra\u0300o"  # decomposed: not NFC
    data["extra.yaml"] = {"words": ["a"]}
    del data["compounds.yaml"]
    problems: list[str] = []
    validate(data, problems)
    assert [p.split(":")[0] for p in problems] == [
        "compounds.yaml", "awards.yaml", "awards.yaml", "movements.yaml", "stopwords.yaml",
        "web_chrome.yaml", "extra.yaml"]
    assert problems[1] == ("awards.yaml: awards[0] (id=cstd_toan_quoc).category: Input should be 'emulation_title', "
                           "'commendation', 'rating' or 'other'")
    assert problems[2].startswith("awards.yaml: awards[1] (id=cstd_toan_quoc): duplicate id (first at awards[0])")
    assert problems[3] == "movements.yaml: introducers[0]: not NFC: 'phong tra\u0300o'"
    assert problems[4] == "stopwords.yaml: stopwords: List should have at least 1 item after validation, not 0"
    assert problems[5].startswith("web_chrome.yaml: chrome[0] (id=luot_xem): pattern does not compile")


def test_extract_text_raises_rule_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _where = _broken(tmp_path, "positions.yaml", "unknown key")
    monkeypatch.setenv(ENV, str(folder))
    with pytest.raises(RuleError, match=r"positions\.yaml: positions\[0\] \(canonical=Tổng Bí thư\)"):
        extract_text("Quảng Ngãi, ngày 23 tháng 01 năm 2024\n\nBÁO CÁO\nTổng kết năm 2023")


def test_cli_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder, _where = _broken(tmp_path, "awards.yaml", "duplicate id")
    doc = tmp_path / "doc.txt"
    doc.write_text("BÁO CÁO\nTổng kết năm 2023\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(folder))
    assert main(["extract", str(doc), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "awards.yaml: awards[105] (id=cstd_toan_quoc): duplicate id" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_process_prints_no_traceback(tmp_path: Path) -> None:
    folder, _where = _broken(tmp_path, "doc_types.yaml", "wrong type")
    doc = tmp_path / "doc.txt"
    doc.write_text("BÁO CÁO\n", encoding="utf-8")
    env = {**__import__("os").environ, ENV: str(folder)}
    out = subprocess.run([sys.executable, "-m", "vnadmin_extract", "extract", str(doc)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert out.stderr.startswith("vnadmin-extract extract: error: 1 problem(s) in the pattern files")
    assert "doc_types.yaml: doc_types[0] (code=123).code: Input should be a valid string" in out.stderr


def test_a_missing_extra_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else real(name, *a))
    doc = tmp_path / "doc.txt"
    doc.write_text("BÁO CÁO\n", encoding="utf-8")
    assert main(["highlight", str(doc)]) == 2
    assert capsys.readouterr().err == (
        "vnadmin-extract highlight: error: spaCy export and the review page (export-spacy, highlight) "
        "needs spacy: pip install 'vnadmin-extract[spacy]'\n")
