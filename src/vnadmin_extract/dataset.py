"""The tables of a run as typed pandas DataFrames, for analysis: ``load(OUTDIR)``.

>>> from vnadmin_extract import dataset
>>> ds = dataset.load("out")                         # doctest: +SKIP
>>> ds.awards.groupby(["year", "status"], observed=True)["total"].sum()   # doctest: +SKIP
>>> ds.kwic("thi đua", window=8)                     # doctest: +SKIP

``load`` reads ``OUTDIR/parquet/<table>.parquet`` as written by ``vnadmin-extract run`` (or
``load``) and returns a ``Dataset`` whose attributes are the eight tables: ``documents,
sections, entities, awards, recipients, links, commemorations, legal_refs, persons, warnings``. Every row carries
``doc_id``; the columns and their meaning are those of ``store.tables.TABLES``
(``describe("awards")`` prints them in English and Vietnamese). Types:

- text columns are pandas ``string`` (missing is ``<NA>``); counts, years, offsets and other
  integers are nullable ``Int64`` (missing is ``<NA>``, never 0); flags are nullable ``boolean``;
- dates are ``datetime64[s]`` (seconds, so 1010 or 2300 do not overflow). A record gives dates at
  the precision the document gave ("2024-01-23", "2024-01", "2024"), so every date column
  ``X`` comes with ``X_iso`` (the string as in the record) and ``X_precision`` (``day``,
  ``month``, ``year``, or ``<NA>``); a partial date is placed on its first day (2024-01 ->
  2024-01-01) and a value that is not a date ("--07-27", a day without a year) is ``NaT`` with
  its ``X_iso`` kept. Date columns: ``documents.date``, ``awards.doc_date``,
  ``commemorations.start_date``, ``commemorations.anniversary_date``, ``legal_refs.date``;
- closed vocabularies are ``category`` with a meaningful order: ``awards.category``
  (emulation_title, commendation, rating, other), ``awards.status`` (conferred, registered,
  proposed, target), ``awards.level`` (nha_nuoc, thu_tuong, bo_tinh, co_so, dang, cong_doan,
  doan_thanh_nien, other), ``entities.type``, ``documents.genre``. A value outside the list (a
  newer run) is appended to the categories, never turned into a missing value. Group with
  ``observed=True`` to leave out categories without rows;
- JSON columns are decoded to Python objects: ``documents.signers`` (list of dicts),
  ``documents.recipients`` (list of str), ``awards.recipients`` (list of objects), ``entities.value``.

A run whose Parquet files lack a column (an older version) gets it as all ``<NA>`` with a
warning; extra columns (a newer version) are kept.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import typing
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .schema import AwardCategory, AwardStatus, EntityType, RecipientKind
from .store.paths import PARQUET_DIR, RECORDS
from .store.tables import TABLES

if TYPE_CHECKING:
    from .analysis.corpus import Corpus
    from .nlp.segment import Segmenter

TABLE_NAMES = tuple(TABLES)
RUN_ENV = "VNADMIN_RUN"

DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("date",),
    "awards": ("doc_date",),
    "recipients": ("doc_date",),
    "links": ("date",),
    "commemorations": ("start_date", "anniversary_date"),
    "legal_refs": ("date",),
}
AWARD_LEVELS = ("nha_nuoc", "thu_tuong", "bo_tinh", "co_so", "dang", "cong_doan", "doan_thanh_nien", "other")
CATEGORIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("awards", "category"): typing.get_args(AwardCategory),
    ("awards", "status"): typing.get_args(AwardStatus),
    ("awards", "level"): AWARD_LEVELS,
    ("recipients", "status"): typing.get_args(AwardStatus),
    ("recipients", "kind"): typing.get_args(RecipientKind),
    ("entities", "type"): typing.get_args(EntityType),
    ("documents", "genre"): ("document", "news"),
}
_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


class NotARunError(FileNotFoundError):
    """OUTDIR is not the output folder of ``vnadmin-extract run``."""


def _check_run(outdir: Path) -> None:
    if not outdir.exists():
        raise NotARunError(f"{outdir} does not exist; make a run with: vnadmin-extract run INPUT... -o {outdir}")
    if not outdir.is_dir():
        raise NotARunError(f"{outdir} is a file, not a run's output folder (vnadmin-extract run ... -o OUTDIR)")
    folder = outdir / PARQUET_DIR
    missing = [t for t in TABLE_NAMES if not (folder / f"{t}.parquet").is_file()]
    if not missing:
        return
    if (outdir / RECORDS).is_file():
        raise NotARunError(
            f"{outdir} has {RECORDS} but not the Parquet tables {missing}: the run did not finish its "
            f"last step; rebuild them with: vnadmin-extract load {outdir}")
    raise NotARunError(
        f"{outdir} is not a vnadmin-extract run: no {RECORDS} and no {PARQUET_DIR}/*.parquet "
        f"(make one with: vnadmin-extract run INPUT... -o {outdir})")


def _precision(iso: Any) -> Any:
    if not isinstance(iso, str):
        return pd.NA
    parts = iso.split("-")
    if not parts[0].isdigit():
        return pd.NA
    return {1: "year", 2: "month", 3: "day"}.get(len(parts), pd.NA)


def _to_datetime(values: pd.Series) -> pd.Series:
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[s]")
    for i, v in enumerate(values.tolist()):
        if isinstance(v, str) and v[:1].isdigit():
            try:
                out[i] = np.datetime64(v, "D").astype("datetime64[s]")
            except ValueError:  # not a calendar date ("2024-02-30", "--07-27")
                pass
    return pd.Series(out, index=values.index)


def _decode(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _categorical(series: pd.Series, order: Sequence[str]) -> pd.Series:
    seen = [v for v in pd.unique(series.dropna()) if v not in order]
    return series.astype(pd.CategoricalDtype(list(order) + sorted(map(str, seen)), ordered=True))


def _typed(name: str, df: pd.DataFrame) -> pd.DataFrame:
    table = TABLES[name]
    missing = [c.name for c in table.columns if c.name not in df.columns]
    if missing:
        warnings.warn(f"{name}.parquet lacks columns {missing} (an older run?); they are all <NA>",
                      UserWarning, stacklevel=4)
    out = {}
    for col in table.columns:
        raw = df[col.name] if col.name in df.columns else pd.Series([None] * len(df), index=df.index)
        if col.kind == "json":
            out[col.name] = pd.Series([_decode(v) for v in raw.tolist()], index=df.index, dtype=object)
        else:
            series = raw.astype(object).where(raw.notna(), None) if col.kind == "bool" else raw
            out[col.name] = series.astype(_DTYPES[col.kind])
        order = CATEGORIES.get((name, col.name))
        if order is not None:
            out[col.name] = _categorical(out[col.name].astype(object), order)
    for extra in df.columns:
        if extra not in out:
            out[extra] = df[extra]
    frame = pd.DataFrame(out, index=df.index)
    for col in DATE_COLUMNS.get(name, ()):
        iso = frame[col].astype("string")
        at = frame.columns.get_loc(col)
        frame[col] = _to_datetime(iso)
        frame.insert(at + 1, f"{col}_iso", iso)
        frame.insert(at + 2, f"{col}_precision",
                     pd.Categorical([_precision(v) for v in iso.tolist()], categories=["day", "month", "year"]))
    return frame.reset_index(drop=True)


@dataclass
class Dataset:
    """The tables of one run. Attributes are DataFrames; ``ds["awards"]`` works too."""

    outdir: Path
    documents: pd.DataFrame
    sections: pd.DataFrame
    entities: pd.DataFrame
    awards: pd.DataFrame
    recipients: pd.DataFrame
    links: pd.DataFrame
    commemorations: pd.DataFrame
    legal_refs: pd.DataFrame
    persons: pd.DataFrame
    warnings: pd.DataFrame
    _corpus: Corpus | None = field(default=None, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
        return getattr(self, name)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {len(df)}" for n, df in self.tables.items())
        return f"<Dataset {self.outdir}: {counts}>"

    def text(self, doc_id: str) -> str:
        """The normalized text of a document (what every ``start``/``end`` points into)."""
        rows = self.documents.loc[self.documents["doc_id"] == doc_id, "text"]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r} in {self.outdir}")
        value = rows.iloc[0]
        if not isinstance(value, str):
            raise ValueError(f"document {doc_id} has no text (the run was made with --no-text)")
        return value

    def evidence(self, table: str, row: int | pd.Series) -> str:
        """``text[start:end]`` of one row of ``table`` (by position or as a row)."""
        item = self[table].iloc[row] if isinstance(row, int) else row
        return self.text(item["doc_id"])[int(item["start"]):int(item["end"])]

    def with_documents(self, table: str,
                       columns: Iterable[str] = ("year", "date", "issuer", "province", "doc_type", "genre")
                       ) -> pd.DataFrame:
        """``table`` joined on ``doc_id`` with document columns, prefixed ``doc_`` ("doc_year")."""
        cols = [c for c in columns if c in self.documents.columns]
        meta = self.documents[["doc_id", *cols]].rename(columns={c: f"doc_{c}" for c in cols})
        frame = self[table]
        meta = meta.drop(columns=[c for c in meta.columns if c != "doc_id" and c in frame.columns])
        return frame.merge(meta, on="doc_id", how="left")

    # ----------------------------------------------------------- text analysis (analysis/)

    def corpus(self, segmenter: Segmenter | None = None) -> Corpus:
        """The documents segmented into words (built once, then reused)."""
        if self._corpus is None or segmenter is not None:
            from .analysis.corpus import build_corpus

            self._corpus = build_corpus(self, segmenter=segmenter)
        return self._corpus

    def kwic(self, query: str, window: int = 8, **kwargs: Any) -> pd.DataFrame:
        """Keyword in context; see ``analysis.kwic.kwic``."""
        from .analysis.kwic import kwic

        return kwic(self.corpus(), query, window=window, **kwargs)

    def terms(self, by: str | Sequence[str] | None = None, n: int = 1, **kwargs: Any) -> pd.DataFrame:
        """Term or n-gram frequencies per group; see ``analysis.terms.term_frequencies``."""
        from .analysis.terms import term_frequencies

        return term_frequencies(self.corpus(), by=by, n=n, **kwargs)

    def distinctive(self, a: Any, b: Any = None, by: str | None = None, **kwargs: Any) -> pd.DataFrame:
        """Terms of ``a`` against ``b``; see ``analysis.distinctive.distinctive_terms``."""
        from .analysis.distinctive import distinctive_terms

        return distinctive_terms(self.corpus(), a, b, by=by, **kwargs)


def load(outdir: str | os.PathLike[str], tables: Iterable[str] | None = None) -> Dataset:
    """The tables of the run in ``outdir`` as typed DataFrames (see the module docstring).

    ``tables`` limits which tables are read (the others are empty frames with their columns);
    raises ``NotARunError`` when ``outdir`` is not a run's output folder.
    """
    root = Path(outdir)
    _check_run(root)
    wanted = set(TABLE_NAMES if tables is None else tables)
    unknown = wanted - set(TABLE_NAMES)
    if unknown:
        raise KeyError(f"no table(s) {sorted(unknown)}; the tables are {', '.join(TABLE_NAMES)}")
    records = root / RECORDS
    documents_file = root / PARQUET_DIR / "documents.parquet"
    if records.is_file() and records.stat().st_mtime > documents_file.stat().st_mtime + 1:
        warnings.warn(f"{records} is newer than the Parquet tables; run `vnadmin-extract load {root}` "
                      "to include the latest records", UserWarning, stacklevel=2)
    frames = {}
    for name in TABLE_NAMES:
        path = root / PARQUET_DIR / f"{name}.parquet"
        raw = pd.read_parquet(path) if name in wanted else pd.DataFrame(columns=TABLES[name].names)
        frames[name] = _typed(name, raw)
    return Dataset(outdir=root, **frames)


def describe(table: str) -> pd.DataFrame:
    """The columns of ``table`` as ``load`` returns them: name, dtype, meaning (en, vi)."""
    if table not in TABLES:
        raise KeyError(f"no table {table!r}; the tables are {', '.join(TABLE_NAMES)}")
    sample = _typed(table, pd.DataFrame(columns=TABLES[table].names))
    meaning = {c.name: (c.en, c.vi) for c in TABLES[table].columns}
    rows = []
    for col in sample.columns:
        base = col.removesuffix("_iso").removesuffix("_precision")
        en, vi = meaning.get(col, meaning.get(base, ("", "")))
        if col.endswith("_iso"):
            en = f"{en} (ISO 8601 text, as in the record)"
        elif col.endswith("_precision") and col != base:
            en = "precision of the date: day, month or year"
        rows.append({"column": col, "dtype": str(sample[col].dtype), "en": en, "vi": vi})
    return pd.DataFrame(rows)


def _repo_corpus() -> Path | None:
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        candidate = base / "corpus" / "documents"
        if candidate.is_dir():
            return candidate
    return None


def make_run(inputs: Sequence[str | os.PathLike[str]], outdir: str | os.PathLike[str] | None = None,
             workers: int | None = None) -> Path:
    """Run ``vnadmin-extract run INPUTS -o OUTDIR`` (a new temporary folder by default); returns OUTDIR.

    The run is a subprocess, so it works the same inside a notebook kernel.
    """
    out = Path(outdir) if outdir is not None else Path(tempfile.mkdtemp(prefix="vnadmin-run-"))
    cmd = [sys.executable, "-m", "vnadmin_extract", "run", *map(str, inputs), "-o", str(out)]
    if workers:
        cmd += ["--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: some document has an error record, the run is still whole
        raise RuntimeError(f"vnadmin-extract run failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return out


def default_run() -> Path:
    """The run the notebooks analyse: ``$VNADMIN_RUN`` if set, else a fresh run over the checkout's
    ``corpus/documents`` in a temporary folder."""
    env = os.environ.get(RUN_ENV)
    if env:
        return Path(env)
    corpus = _repo_corpus()
    if corpus is None:
        raise NotARunError(f"set {RUN_ENV}=OUTDIR (a vnadmin-extract run); no corpus/documents folder found here")
    return make_run([corpus])
