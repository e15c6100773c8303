"""The notebooks: the ``.py`` sources (jupytext percent) are the truth; the committed ``.ipynb``
are those sources executed by ``notebooks/build.py``, with their outputs and charts, so they read
on a code host. Each notebook also runs top to bottom on a fresh run over corpus/ and draws."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from .conftest import NOTEBOOKS, REPO

PAIRS = sorted(NOTEBOOKS.glob("0*.py"))
FIGURES = {
    "01_award_dataset": {"01_awards_by_level_status", "01_awards_by_year", "01_authorities",
                         "01_collectives_individuals"},
    "02_campaign_language": {"02_commemorations", "02_slogans", "02_term_trends", "02_distinctive"},
    "03_legal_references": {"03_most_cited", "03_who_cites_what", "03_over_time", "03_network"},
    "04_who_is_awarded": {"04_kinds_by_level", "04_positions", "04_repeat_recipients"},
}
# What would make a committed output differ from one machine to the next.
MACHINE = re.compile(r"/tmp/|/home/|/root/|/work/|vnadmin-notebooks-|vnadmin-run-|\d{4}-\d\d-\d\dT\d\d:\d\d")


def _build():
    spec = importlib.util.spec_from_file_location("notebooks_build", NOTEBOOKS / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def should_output(source: str) -> bool:
    """A code cell should leave an output when it ends with an expression (its value is shown)
    or prints, shows a figure or displays something."""
    tree = ast.parse(source)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        return True
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return bool(calls & {"print", "show", "display"})


def test_should_output() -> None:
    assert should_output("x = 1\nx")
    assert should_output("for r in rows:\n    print(r)")
    assert should_output("fig = 1\nshow(fig, 'a')\ny = 2")
    assert not should_output("import os\n\ndef f():\n    return 1")
    assert not should_output("a = b.copy()")


def test_every_notebook_has_its_source_and_figures() -> None:
    assert [p.stem for p in PAIRS] == sorted(FIGURES)
    assert [p.stem for p in _build().sources()] == sorted(FIGURES)  # build.py builds exactly these
    for py in PAIRS:
        assert py.with_suffix(".ipynb").is_file(), py


@pytest.mark.parametrize("py", PAIRS, ids=lambda p: p.stem)
def test_committed_notebook_is_its_source_executed(py: Path) -> None:
    ipynb = nbformat.read(py.with_suffix(".ipynb"), as_version=4)
    text = jupytext.read(py)
    assert ipynb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    assert ipynb.metadata["kernelspec"]["name"] == "python3"
    # in sync: the same cells, code and text, as the .py (run `python notebooks/build.py`)
    assert [(c.cell_type, c.source.strip()) for c in ipynb.cells] == [(c.cell_type, c.source.strip())
                                                                       for c in text.cells]
    code = [c for c in ipynb.cells if c.cell_type == "code"]
    # executed top to bottom in one go, without errors
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    missing = [c.source.splitlines()[0] for c in code if should_output(c.source) and not c.outputs]
    assert not missing, f"cells without their output: {missing}"
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= len(FIGURES[py.stem])
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "run: out (from $VNADMIN_RUN)" in printed  # built on a corpus run, its path written `out`
    # rebuilt elsewhere, the text outputs stay the same: no path of this machine, no time stamp
    for c in code:
        assert "execution" not in c.metadata
        for o in c.outputs:
            shown = o.get("text", "") + "".join(v if isinstance(v, str) else "" for k, v in o.get("data", {}).items()
                                                 if k.startswith("text/"))
            assert not MACHINE.search(shown), MACHINE.search(shown)
            assert str(REPO) not in shown


def test_scrub_writes_the_run_as_out() -> None:
    build = _build()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(RUN)")])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="run: /tmp/x/out/ and /tmp/x/out\n"),
                           nbformat.v4.new_output("execute_result", data={"text/plain": "Dataset(/tmp/x/out)"})]
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-12-05T00:00:00"}
    build.scrub(nb, {"/tmp/x/out": "out", "/tmp/x": "."})
    assert nb.cells[0].outputs[0].text == "run: out/ and out\n"
    assert nb.cells[0].outputs[1].data["text/plain"] == "Dataset(out)"
    assert "execution" not in nb.cells[0].metadata


@pytest.mark.parametrize("py", PAIRS, ids=lambda p: p.stem)
def test_notebook_runs_and_draws(py: Path, run_dir: Path, tmp_path: Path) -> None:
    figures = tmp_path / "figures"
    try:
        nb = _build().execute(py, run_dir, figures=figures, timeout=120)
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
