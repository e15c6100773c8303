"""The corpus evaluation: every field at or above its threshold in corpus/thresholds.toml."""

from vnadmin_extract.evaluation import evaluate, load_thresholds, totals

from .conftest import CORPUS


def test_corpus_meets_thresholds() -> None:
    results = evaluate(CORPUS)
    scored = [r for r in results if r.doc_path is not None]
    assert len(scored) >= 15
    assert not [r.doc_path for r in scored if r.error]
    tot = totals(scored)
    below = {k: round(tot[k].f1, 3) for k, need in load_thresholds(CORPUS).items() if tot[k].f1 < need}
    assert below == {}
