"""``vnadmin-extract export-spacy``: a DocBin that round-trips the run's entities."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from spacy.tokens import Doc

from vnadmin_extract import dataset
from vnadmin_extract.cli import main
from vnadmin_extract.spacy_export import ENT_PRIORITY, blank_vi, choose_ents, read_docbin, record_doc

from .conftest import BINH_DINH, CDCS_HA_TINH, N_CORPUS, doc_id_of


@pytest.fixture(scope="module")
def docs(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Doc]:
    path = tmp_path_factory.mktemp("spacy") / "corpus.spacy"
    assert main(["export-spacy", str(run_dir), "-o", str(path)]) == 0
    loaded = read_docbin(path)
    return {d.user_data["doc_id"]: d for d in loaded}


def test_round_trip_keeps_text_and_every_entity(docs: dict[str, Doc], ds: dataset.Dataset) -> None:
    assert len(docs) == len(ds.documents) == N_CORPUS
    for doc_id, doc in docs.items():
        assert doc.text == ds.text(doc_id)  # offsets of the record are offsets of the Doc
        ents = ds.entities[ds.entities["doc_id"] == doc_id]
        assert len(doc.spans["sc"]) == len(ents)
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]} == {
            (int(e.start), int(e.end), str(e.type)) for e in ents.itertuples()}
        for s in doc.spans["sc"]:  # entity boundaries are token boundaries: no stretched spans
            assert doc.char_span(s.start_char, s.end_char) is not None
        ordered = sorted(doc.ents, key=lambda e: e.start)
        assert all(a.end <= b.start for a, b in itertools.pairwise(ordered))  # no overlap
        assert {(e.start_char, e.end_char, e.label_) for e in doc.ents} <= {
            (s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        assert len(doc.user_data["entities"]) == len(ents)


def test_specific_spans_and_the_ents_policy(docs: dict[str, Doc], ds: dataset.Dataset) -> None:
    doc = docs[doc_id_of(ds, BINH_DINH)]
    decree = "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"
    assert (decree, "LEGAL_REF") in {(e.text, e.label_) for e in doc.ents}
    # The DATE inside the reference is kept in spans["sc"] but not in doc.ents (longest first).
    assert ("ngày 31 tháng 12 năm 2023", "DATE") in {(s.text, s.label_) for s in doc.spans["sc"]}
    assert ("ngày 31 tháng 12 năm 2023", "DATE") not in {(e.text, e.label_) for e in doc.ents}
    assert "Bằng khen" in [t.text for t in doc]  # underthesea words with the domain compounds
    assert doc.user_data["year"] == 2024 and doc.user_data["province"] == "Bình Định"
    assert doc.user_data["date"] == "2024-12-18"
    sents = [s.text.strip() for s in doc.sents]
    assert "QUYẾT ĐỊNH:" in sents  # a line is a sentence
    # The same words tagged AWARD and MOVEMENT: doc.ents keeps the AWARD (type priority on a tie).
    cdcs = docs[doc_id_of(ds, CDCS_HA_TINH)]
    slogan = "Giỏi việc nước, đảm việc nhà"
    assert {s.label_ for s in cdcs.spans["sc"] if s.text == slogan} == {"AWARD", "MOVEMENT"}
    assert {e.label_ for e in cdcs.ents if e.text == slogan} == {"AWARD"}


def test_entities_cutting_a_word_split_it() -> None:
    vocab = blank_vi().vocab
    text = "Tặng Bằng khen cho tập thể"
    # "khen" alone is tagged: the word "Bằng khen" must be cut so the span is exact.
    doc = record_doc(vocab, text, [{"type": "AWARD", "start": 10, "end": 14}])
    assert [t.text for t in doc] == ["Tặng", "Bằng", "khen", "cho", "tập thể"]
    assert [(e.text, e.label_) for e in doc.ents] == [("khen", "AWARD")]
    assert doc.user_data["split_tokens"] == 1
    # Offsets outside the text are dropped and counted, white space around an entity trimmed.
    doc = record_doc(vocab, text, [{"type": "ORG", "start": 3, "end": 99}, {"type": "AWARD", "start": 4, "end": 15}])
    assert doc.user_data["dropped_entities"] == 1
    assert [e.text for e in doc.ents] == ["Bằng khen"]


def test_policies() -> None:
    vocab = blank_vi().vocab
    text = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
    ents = [{"type": "LEGAL_REF", "start": 7, "end": len(text)}, {"type": "DATE", "start": 34, "end": 49},
            {"type": "ORG", "start": 54, "end": len(text)}]
    longest = record_doc(vocab, text, ents)
    assert [e.label_ for e in longest.ents] == ["LEGAL_REF"]
    by_type = record_doc(vocab, text, ents, ents_policy="priority")
    assert [e.label_ for e in by_type.ents] == ["LEGAL_REF"]  # LEGAL_REF outranks DATE and ORG too
    only = record_doc(vocab, text, ents, types=["DATE", "ORG"])
    assert [e.label_ for e in only.ents] == ["DATE", "ORG"] and len(only.spans["sc"]) == 2
    assert ENT_PRIORITY[0] == "AWARD"
    with pytest.raises(ValueError):
        choose_ents([], "shortest")


def test_cli_types_and_usage_errors(run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "awards.spacy"
    assert main(["export-spacy", str(run_dir), "-o", str(path), "--types", "award"]) == 0
    assert "doc.ents" in capsys.readouterr().out
    labels = {s.label_ for d in read_docbin(path) for s in d.spans["sc"]}
    assert labels == {"AWARD"}
    assert main(["export-spacy", str(tmp_path), "-o", str(tmp_path / "x.spacy")]) == 2
    assert "not a vnadmin-extract run" in capsys.readouterr().err
    assert main(["export-spacy", str(run_dir), "-o", str(tmp_path / "y.spacy"), "--types", "AWARDS"]) == 2
