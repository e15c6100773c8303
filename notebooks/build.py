"""Execute the notebooks into ``.ipynb`` files that carry their outputs and charts.

The ``.py`` files (jupytext percent format) are the source: edit them, then run

    python notebooks/build.py                      # all notebooks, on a fresh run over corpus/documents
    python notebooks/build.py 04_who_is_awarded    # one notebook
    python notebooks/build.py --run out            # on an existing run instead

Each ``NN_name.py`` becomes ``NN_name.ipynb`` executed top to bottom (nbclient, kernel ``python3``,
``MPLBACKEND=Agg``; figures are PNG outputs), so the notebooks read on a code host without running.
For rebuilds that differ only where the analysis differs, outputs are kept free of this machine:
the run's folder is written ``out`` (as in ``vnadmin-extract run corpus/documents -o out``), the
checkout's path ``.``, cell ids derive from the cell's position and source, and no execution times
or interpreter version are recorded. Two builds in a row give byte-identical files (measured).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RUN_SHOWN = "out"
KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds; a bound for a stuck kernel, not a speed check


def sources() -> list[Path]:
    """The notebooks' sources, in order."""
    return sorted(HERE.glob("[0-9][0-9]_*.py"))


def notebook_from(py: Path) -> Any:
    """The notebook of ``py`` without outputs, with stable metadata and cell ids."""
    import jupytext

    nb = jupytext.read(py)
    nb.metadata = {
        "jupytext": {"formats": "ipynb,py:percent"},
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(nb.cells):
        cell.id = hashlib.sha1(f"{i}:{cell.source}".encode()).hexdigest()[:8]
    return nb


@contextlib.contextmanager
def _environ(values: Mapping[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute(py: Path, run_dir: Path, figures: Path | None = None, timeout: int = CELL_TIMEOUT) -> Any:
    """``py`` executed on the run in ``run_dir``; raises nbclient's CellExecutionError on a failing cell.

    The kernel inherits this environment: the run to analyse, a non-interactive backend, and
    ``VNADMIN_FIGURES`` (every figure also saved as a file) when ``figures`` is given."""
    from nbclient import NotebookClient

    nb = notebook_from(py)
    env = {"VNADMIN_RUN": str(run_dir), "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    if figures is not None:
        env["VNADMIN_FIGURES"] = str(figures)
    with _environ(env):
        client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                                resources={"metadata": {"path": str(HERE)}})
        client.execute()
    nb.metadata["language_info"] = {"name": "python"}  # the kernel writes its Python version here
    return nb


def _replace(value: Any, replacements: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        for old, new in replacements.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace(v, replacements) for v in value]
    return value


def scrub(nb: Any, replacements: Mapping[str, str]) -> Any:
    """Machine-specific strings in text outputs replaced (longest first); images are left alone."""
    ordered = dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = _replace(out["text"], ordered)
            for mime, data in out.get("data", {}).items():
                if mime.startswith("text/") or mime == "application/json":
                    out["data"][mime] = _replace(data, ordered)
            if out.get("output_type") == "error":
                out["traceback"] = _replace(out.get("traceback", []), ordered)
    return nb


def make_run(outdir: Path) -> Path:
    """``vnadmin-extract run corpus/documents -o OUTDIR`` from the checkout, so that the records'
    paths read ``corpus/documents/...`` on every machine; one worker, so that the tables' rows
    come in input order (with two, ties in the notebooks' sorted tables changed between builds)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "vnadmin_extract", "run", "corpus/documents", "-o", str(outdir),
                           "--workers", "1"], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"the corpus run failed ({done.returncode}): {done.stderr[-2000:]}")
    return outdir


def build(py: Path, run_dir: Path) -> Path:
    """Execute ``py`` on ``run_dir`` and write ``py``'s ``.ipynb`` with its outputs."""
    import nbformat

    nb = execute(py, run_dir)
    scrub(nb, {str(run_dir): RUN_SHOWN, str(run_dir.resolve()): RUN_SHOWN, str(REPO): "."})
    out = py.with_suffix(".ipynb")
    nbformat.write(nb, out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="notebooks to build (default: all), e.g. 04_who_is_awarded")
    ap.add_argument("--run", type=Path, help="an existing run to analyse (default: a fresh run over corpus/documents)")
    args = ap.parse_args(argv)
    chosen = [p for p in sources() if not args.names or p.stem in args.names or p.name in args.names]
    if not chosen:
        ap.error(f"no notebook named {' '.join(args.names)}; there are {', '.join(p.stem for p in sources())}")
    with tempfile.TemporaryDirectory(prefix="vnadmin-notebooks-") as tmp:
        run_dir = args.run.resolve() if args.run else make_run(Path(tmp) / RUN_SHOWN)
        for py in chosen:
            print(f"{py.name} -> {build(py, run_dir).name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
