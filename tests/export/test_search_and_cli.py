"""search: phrases, names ranked first, every table, --no-text runs; usage of unknown options; run --skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnadmin_extract.cli import main
from vnadmin_extract.cli._inputs import DEFAULT_SKIP, expand_inputs
from vnadmin_extract.store import build_outputs, search
from vnadmin_extract.store.fold import query_groups
from vnadmin_extract.store.tables import TABLES

PLAN = "kh-tinh-doan-nghe-an-25-2026-thanh-nien-tinh-nguyen.txt"


def _doc_id(run: Path, name: str) -> str:
    for line in (run / "records.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["source"]["path"].endswith(name):
            return rec["doc_id"]
    raise AssertionError(name)


def test_quoted_words_are_one_phrase() -> None:
    assert query_groups('"chiến sĩ thi đua" bằng') == [["chien", "si", "thi", "dua"], ["bang"]]
    assert query_groups("“Lao động tiên tiến”") == [["lao", "dong", "tien", "tien"]]
    assert query_groups('"" x') == [["x"]]


def test_a_phrase_matches_only_words_in_that_order(corpus_run: Path) -> None:
    db = corpus_run / "vnadmin.db"
    loose = {h.doc_id for h in search(db, "dua thi si chien", limit=50)}
    phrase = {h.doc_id for h in search(db, '"dua thi si chien"', limit=50)}
    assert loose and phrase == set()
    hits = search(db, '"chien si thi dua" "bang khen"', limit=50)
    assert hits and {h.doc_id for h in hits} <= {h.doc_id for h in search(db, "chien si thi dua bang khen", limit=50)}


def test_a_persons_name_ranks_the_document_naming_them_first(corpus_run: Path) -> None:
    # The signer of the Youth Union's plan: every word of the name is common, together they are one man.
    db = corpus_run / "vnadmin.db"
    hits = search(db, "nguyen van quyet")
    assert hits[0].doc_id == _doc_id(corpus_run, PLAN)
    assert "«Nguyễn» «Văn» «Quyết»" in hits[0].snippet
    assert search(db, "Nguyễn Văn Quyết")[0].doc_id == hits[0].doc_id


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_is_searchable(corpus_run: Path, table: str, capsys) -> None:
    assert main(["search", str(corpus_run), "thi dua" if table != "persons" else "nguyen",
                 "--table", table, "--json", "--limit", "3"]) == 0
    out = capsys.readouterr()
    lines = [json.loads(x) for x in out.out.splitlines()]
    if table in ("documents", "awards", "sections", "entities", "persons", "legal_refs", "commemorations"):
        assert lines, table
    for line in lines:
        assert line["doc_id"] and line["score"] is not None


def test_persons_and_legal_refs_fold_accents(corpus_run: Path) -> None:
    db = corpus_run / "vnadmin.db"
    person = search(db, "nguyen van quyet", table="persons")
    assert person[0].fields["name"] == "Nguyễn Văn Quyết" and person[0].doc_id == _doc_id(corpus_run, PLAN)
    refs = search(db, '"ND-CP"', table="legal_refs", limit=50)
    assert refs and all("NĐ-CP" in (h.fields["raw"] or "") + (h.fields["symbol"] or "") for h in refs)


def test_a_run_without_text_says_so(corpus_run: Path, tmp_path: Path, capsys) -> None:
    lines = (corpus_run / "records.jsonl").read_text(encoding="utf-8").splitlines()
    with open(tmp_path / "records.jsonl", "w", encoding="utf-8") as fh:
        for line in lines:
            rec = json.loads(line)
            rec["text"] = None
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    build_outputs(tmp_path)
    assert main(["search", str(tmp_path), "nguyen van quyet"]) == 0
    err = capsys.readouterr().err
    assert "no matches in the titles: this run was made with --no-text" in err and "text search needs" in err
    assert main(["search", str(corpus_run), "zzzqqq"]) == 0
    assert capsys.readouterr().err.strip() == "no matches"


@pytest.mark.parametrize("argv", [["search", "out", "x"], ["export", "out", "--to", "postgresql://u@h/db"],
                                  ["run", "in", "-o", "out"], ["serve", "out"], ["load", "out"]])
def test_an_unknown_option_prints_the_commands_own_usage(argv: list[str], capsys) -> None:
    command = argv[0]
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--no-such-option"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: vnadmin-extract {command} ")
    assert "unrecognized arguments: --no-such-option" in err


def test_run_skips_documented_patterns_and_counts_them(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "README.md", "SOURCES.tsv", "x.json", "notes-1.txt", "sub/b.md", "sub/c.yaml", ".hidden"):
        (folder / name).write_text(f"Báo cáo tổng kết {name}.\n", encoding="utf-8")
    skipped: list[tuple[Path, str]] = []
    files = expand_inputs([str(folder)], skip=[*DEFAULT_SKIP, "notes-*"], skipped=skipped)
    assert [f.relative_to(folder).as_posix() for f in files] == ["a.txt", "sub/b.md"]
    assert sorted((p.name, pat) for p, pat in skipped) == [
        ("README.md", "README.md"), ("SOURCES.tsv", "SOURCES.tsv"), ("c.yaml", "*.yaml"),
        ("notes-1.txt", "notes-*"), ("x.json", "*.json")]
    every = expand_inputs([str(folder)], skip=[])
    assert len(every) == 7  # hidden files are never inputs
    assert main(["run", str(folder), "-o", str(tmp_path / "out"), "--workers", "1", "--skip", "notes-*"]) == 0
    err = capsys.readouterr().err
    assert "skipped: 5 files (*.json 1, *.yaml 1, README.md 1, SOURCES.tsv 1, notes-* 1)" in err
    assert len((tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert main(["run", str(folder / "README.md"), "-o", str(tmp_path / "out2"), "--workers", "1"]) == 0
    assert "skipped: none" in capsys.readouterr().err  # a file named on the command line is read


def test_export_spacy_and_highlight_show_progress_like_run(corpus_run: Path, tmp_path: Path, capsys) -> None:
    n = len((corpus_run / "records.jsonl").read_text(encoding="utf-8").splitlines())
    assert main(["highlight", "--run", str(corpus_run), "-o", str(tmp_path / "pages")]) == 0
    err = capsys.readouterr().err
    assert f"vnadmin-extract highlight: {n}/{n} documents (100.0%)" in err
    assert main(["export-spacy", str(corpus_run), "-o", str(tmp_path / "corpus.spacy")]) == 0
    err = capsys.readouterr().err
    assert f"vnadmin-extract export-spacy: {n}/{n} documents (100.0%)" in err
