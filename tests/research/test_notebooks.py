"""The notebooks run top to bottom on a fresh run over corpus/ and produce their figures."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .conftest import NOTEBOOKS

PAIRS = sorted(NOTEBOOKS.glob("0*.py"))
FIGURES = {
    "01_award_dataset": {"01_awards_by_level_status", "01_awards_by_year", "01_authorities",
                         "01_collectives_individuals"},
    "02_campaign_language": {"02_commemorations", "02_slogans", "02_term_trends", "02_distinctive"},
    "03_legal_references": {"03_most_cited", "03_who_cites_what", "03_over_time", "03_network"},
}


def test_there_are_three_paired_notebooks() -> None:
    assert [p.stem for p in PAIRS] == sorted(FIGURES)
    for py in PAIRS:
        assert py.with_suffix(".ipynb").is_file(), py


@pytest.mark.parametrize("py", PAIRS, ids=lambda p: p.stem)
def test_pair_is_in_sync_and_committed_without_outputs(py: Path) -> None:
    ipynb = nbformat.read(py.with_suffix(".ipynb"), as_version=4)
    text = jupytext.read(py)
    assert ipynb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    assert ipynb.metadata["kernelspec"]["name"] == "python3"
    assert [(c.cell_type, c.source.strip()) for c in ipynb.cells] == [(c.cell_type, c.source.strip())
                                                                       for c in text.cells]
    for cell in ipynb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "commit notebooks without outputs"


@pytest.mark.parametrize("py", PAIRS, ids=lambda p: p.stem)
def test_notebook_runs_and_draws(py: Path, run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    figures = tmp_path / "figures"
    # The kernel inherits this environment: the run to analyse, a non-interactive backend, where to save.
    monkeypatch.setenv("VNADMIN_RUN", str(run_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("VNADMIN_FIGURES", str(figures))
    nb = nbformat.read(py.with_suffix(".ipynb"), as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    try:
        client.execute()
    except CellExecutionError as exc:  # the failing cell's traceback is the useful message
        pytest.fail(f"{py.name} failed:\n{exc}")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= len(FIGURES[py.stem]), f"{py.stem}: {len(images)} images"
    assert {p.stem for p in figures.glob("*.png")} == FIGURES[py.stem]
    assert all(p.stat().st_size > 10_000 for p in figures.glob("*.png"))
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert f"run: {run_dir} (from $VNADMIN_RUN)" in printed  # it analysed the run it was given
