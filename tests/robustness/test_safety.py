"""Safety: pattern files are data, Datasette is local and read-only, SQL never carries
document content, outputs stay inside OUTDIR."""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from vnadmin_extract.cli import main
from vnadmin_extract.cli import serve as serve_cmd
from vnadmin_extract.errors import RuleError
from vnadmin_extract.rules.load import load_rules
from vnadmin_extract.schema import Award, Header, Issuer, LegalRef, Record, Source
from vnadmin_extract.store import build_outputs
from vnadmin_extract.store.paths import OutsideOutdir, fresh_tmp, inside

SRC = Path(__file__).resolve().parents[2] / "src" / "vnadmin_extract"


# --- pattern files are data ---------------------------------------------------------------


def test_pattern_files_are_loaded_with_the_safe_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "evil.yaml").write_text(
        f'awards: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    monkeypatch.setenv("VNADMIN_PATTERNS", str(tmp_path))
    with pytest.raises(RuleError, match=r"evil\.yaml: cannot be read"):
        load_rules()
    assert not marker.exists()


_UNSAFE_CALLS = {"eval", "exec", "compile", "__import__"}
_UNSAFE_ATTRS = {("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"), ("yaml", "load_all"),
                 ("yaml", "unsafe_load_all"), ("pickle", "load"), ("pickle", "loads"), ("marshal", "loads"),
                 ("marshal", "load"), ("dill", "loads"), ("shelve", "open")}


def _safe_yaml_load(call: ast.Call) -> bool:
    """``yaml.load(..., Loader=_SAFE_LOADER)`` where the module binds it to a safe loader only."""
    loader = next((k.value for k in call.keywords if k.arg == "Loader"), None)
    return isinstance(loader, ast.Name) and loader.id == "_SAFE_LOADER"


def _safe_loader_bindings() -> list[str]:
    out = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                if any(isinstance(t, ast.Name) and t.id == "_SAFE_LOADER" for t in targets):
                    out.append(ast.unparse(node.value))  # type: ignore[arg-type]
    return out


def test_the_yaml_loader_is_a_safe_one() -> None:
    bindings = _safe_loader_bindings()
    assert bindings == ["yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader"]


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_code_is_built_from_data_anywhere_in_the_package() -> None:
    """No eval/exec, no unsafe YAML, no pickle: pattern files and records stay data."""
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and f.id in _UNSAFE_CALLS:
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {f.id}()")
            elif (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                  and (f.value.id, f.attr) in _UNSAFE_ATTRS and not _safe_yaml_load(node)):
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {f.value.id}.{f.attr}()")
    assert not found, found


# --- Datasette ------------------------------------------------------------------------------


class _Exec(Exception):
    """Raised instead of starting Datasette."""


def _no_exec(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    seen: list[list[str]] = []

    def fake(exe: str, argv: list[str]) -> None:
        seen.append(list(argv))
        raise _Exec

    monkeypatch.setattr(os, "execv", fake)
    return seen


def test_serve_is_loopback_and_immutable_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cmd = serve_cmd.command(tmp_path / "vnadmin.db", tmp_path / "meta.json", 8001)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--immutable") + 1] == str(tmp_path / "vnadmin.db")
    assert "--root" not in cmd and "-i" not in cmd[:cmd.index("--immutable")]
    # The command the CLI would exec, without starting a server.
    build_outputs(_outdir_with(tmp_path, [_record()]))
    seen = _no_exec(monkeypatch)
    with pytest.raises(_Exec):
        main(["serve", str(tmp_path), "--port", "0"])
    argv = seen[-1]
    assert argv[argv.index("--host") + 1] == "127.0.0.1" and "--immutable" in argv


def test_serve_changes_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    build_outputs(_outdir_with(tmp_path, [_record()]))
    seen = _no_exec(monkeypatch)
    with pytest.raises(_Exec):
        main(["serve", str(tmp_path), "--host", "0.0.0.0", "--writable"])
    argv = seen[-1]
    assert argv[argv.index("--host") + 1] == "0.0.0.0" and "--immutable" not in argv
    err = capsys.readouterr().err
    assert "warning: listening on 0.0.0.0" in err and "writable" in err
    assert serve_cmd.is_loopback("127.0.0.1") and serve_cmd.is_loopback("::1")
    assert serve_cmd.is_loopback("localhost") and not serve_cmd.is_loopback("0.0.0.0")


# --- SQL -----------------------------------------------------------------------------------

_EXECUTE = {"execute", "executemany", "executescript"}


def _assignments(func: ast.AST) -> dict[str, list[ast.expr]]:
    out: dict[str, list[ast.expr]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(node.value)
    return out


def _safe(node: ast.AST, local: dict[str, list[ast.expr]], depth: int = 0) -> bool:
    """SQL text made only of literals, quoted identifiers (``q(...)``), module constants and
    placeholders: no value from a document can be in it."""
    if depth > 8:
        return False
    rec = lambda n: _safe(n, local, depth + 1)  # noqa: E731
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | int)
    if isinstance(node, ast.JoinedStr):
        return all(rec(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return rec(node.value)
    if isinstance(node, ast.Name):
        if node.id.lstrip("_").isupper():
            return True  # a module constant (_SQL, TOKENIZE)
        return node.id in local and all(rec(v) for v in local[node.id])
    if isinstance(node, ast.Subscript):  # _SQL[table], _SQL_TYPE[kind]: a constant's entry
        return isinstance(node.value, ast.Name) and node.value.id.lstrip("_").isupper()
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id == "q":
            return True  # a quoted identifier of the store (refuses anything else)
        if isinstance(f, ast.Name) and f.id == "len":
            return True
        if isinstance(f, ast.Attribute) and f.attr == "join" and isinstance(f.value, ast.Constant):
            return all(rec(a) for a in node.args)
        return False
    if isinstance(node, ast.IfExp):
        return rec(node.body) and rec(node.orelse)
    if isinstance(node, ast.GeneratorExp | ast.ListComp):
        return rec(node.elt)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):  # "?" * n placeholders
        return rec(node.left) and rec(node.right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return rec(node.left) and rec(node.right)
    return False


def test_no_sql_is_formatted_from_values() -> None:
    """Every SQL text given to execute() is built from literals and quoted identifiers only;
    values go as parameters ("grep" by syntax tree, over the whole package)."""
    offenders = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]:
            local = _assignments(func)
            for node in ast.walk(func):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in _EXECUTE and node.args):
                    if not _safe(node.args[0], local):
                        offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node.args[0])[:90]}")
    assert not offenders, "\n".join(offenders)


class _Recording:
    """A sqlite3 connection that keeps the SQL text of every statement."""

    def __init__(self, con: sqlite3.Connection, log: list[str]) -> None:
        object.__setattr__(self, "_con", con)
        object.__setattr__(self, "_log", log)

    def execute(self, sql: str, *args: Any) -> Any:
        self._log.append(sql)
        return self._con.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        self._log.append(sql)
        return self._con.executemany(sql, *args)

    def executescript(self, sql: str) -> Any:
        self._log.append(sql)
        return self._con.executescript(sql)

    def __enter__(self) -> Any:
        return self._con.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self._con.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._con, name, value)


HOSTILE_VALUES = ["'); DROP TABLE awards; --", 'x" OR 1=1 --', "Robert'); DELETE FROM documents;--",
                  "%s %d {0} {x}", "\x00nul", "đ' UNION SELECT sql FROM sqlite_master --"]


def _record(doc_id: str = "a1b2c3d4e5f60718", value: str = "Sở Nội vụ") -> Record:
    text = f"Giám đốc Sở tặng Bằng khen cho 02 tập thể. {value}"
    return Record(
        doc_id=doc_id, source=Source(path=f"/data/{value}.txt", format="txt", sha256=doc_id + "0" * 48, bytes=10),
        text=text, header=Header(issuer=Issuer(name=value, parent=value), place=value, title=value),
        awards=[Award(award=value, award_raw=value, category="commendation", status="conferred",
                      conferred_by=value, total=2, year=2024, recipients=[value], start=0, end=10)],
        legal_refs=[LegalRef(doc_type=value, number=value, symbol=value, raw=value, title=value, start=0, end=5)],
    )


def _outdir_with(outdir: Path, records: list[Record]) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "records.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return outdir


def test_document_content_never_reaches_sql_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vnadmin_extract.store.search import search

    records = [_record(f"{k:016x}", v) for k, v in enumerate(HOSTILE_VALUES)]
    out = _outdir_with(tmp_path / "out", records)
    log: list[str] = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: _Recording(real_connect(*a, **kw), log))
    build_outputs(out)
    for value in HOSTILE_VALUES:
        search(out / "vnadmin.db", value, table="awards")
        search(out / "vnadmin.db", value)
    monkeypatch.undo()
    assert log, "the store ran no SQL?"
    for sql in log:
        for value in HOSTILE_VALUES:
            assert value not in sql, (value, sql[:200])
    con = sqlite3.connect(out / "vnadmin.db")
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(HOSTILE_VALUES)
        names = {r[0] for r in con.execute("SELECT issuer FROM documents")}
    finally:
        con.close()
    assert names == set(HOSTILE_VALUES)  # stored as values, verbatim


# --- outputs stay in OUTDIR -------------------------------------------------------------------


def _tree(root: Path, skip: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        if skip in p.parents or p == skip:
            continue
        key = str(p.relative_to(root))
        out[key] = f"-> {os.readlink(p)}" if p.is_symlink() else (p.read_bytes() if p.is_file() else "dir")
    return out


def test_inputs_named_to_escape_never_move_outputs(tmp_path: Path) -> None:
    docs = tmp_path / "in" / "sub"
    docs.mkdir(parents=True)
    text = "Số: 12/QĐ-UBND\nQuảng Ngãi, ngày 15 tháng 3 năm 2024\nTặng Bằng khen cho 02 tập thể."
    for name in ("..evil.txt", "records.jsonl.txt", "vnadmin.db", "-o", "summary.json.txt", " .txt"):
        (docs / name).write_text(text + name, encoding="utf-8")
    (tmp_path / "evil.txt").write_text(text + " outside", encoding="utf-8")
    out = tmp_path / "out"
    before = _tree(tmp_path, out)
    rel = os.path.relpath(tmp_path / "in" / "sub" / ".." / ".." / "evil.txt")
    code = main(["run", str(tmp_path / "in"), rel, str((tmp_path / "evil.txt").resolve()), "-o", str(out),
                 "--workers", "1"])
    assert code == 0
    assert _tree(tmp_path, out) == before, "nothing was written outside OUTDIR"
    made = {str(p.relative_to(out)) for p in out.rglob("*")}
    assert {"records.jsonl", "vnadmin.db", "summary.json", "duplicates.tsv", "parquet"} <= made
    assert all(not Path(m).name.startswith(("..", "-")) for m in made)


def test_inside_refuses_names_that_leave_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for parts in (("..", "x"), ("../x",), ("/etc/passwd",), ("a", "..", "..", "x")):
        with pytest.raises(OutsideOutdir):
            inside(out, *parts)
    (out / "link").symlink_to(tmp_path)
    with pytest.raises(OutsideOutdir):
        inside(out, "link", "x")
    (out / "loop").symlink_to("loop")
    with pytest.raises(OutsideOutdir):
        inside(out, "loop")
    assert inside(out, "parquet", "awards.parquet") == out.resolve() / "parquet" / "awards.parquet"


def test_a_planted_temporary_link_cannot_redirect_an_output(tmp_path: Path) -> None:
    out = _outdir_with(tmp_path / "out", [_record()])
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    for name in (".summary.json.tmp", ".duplicates.tsv.tmp", ".vnadmin.db.tmp"):
        (out / name).symlink_to(victim)
    (out / "parquet").mkdir()
    (out / "parquet" / ".awards.parquet.tmp").symlink_to(victim)
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Số: 1/QĐ-UBND\nTặng Bằng khen cho 02 tập thể.", encoding="utf-8")
    assert main(["run", str(docs), "-o", str(out), "--workers", "1"]) == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    for name in ("summary.json", "duplicates.tsv", "vnadmin.db", "parquet/awards.parquet"):
        assert (out / name).is_file() and not (out / name).is_symlink()
    # the folder's documents: the record already there and the new one
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["documents"] == 2
    tmp = fresh_tmp(out / "x.json")  # a new name each time, created empty: nothing planted is written through
    assert tmp.name.startswith(".x.json.") and tmp.name.endswith(".tmp") and tmp.stat().st_size == 0
    assert fresh_tmp(out / "x.json") != tmp


def test_records_file_that_links_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").symlink_to(outside)
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Số: 1/QĐ-UBND", encoding="utf-8")
    assert main(["run", str(docs), "-o", str(out), "--workers", "1"]) == 2
    assert outside.read_text(encoding="utf-8") == ""


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("POSIX paths and links")
