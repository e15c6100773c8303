"""Batch runs over many documents: parallel, resumable, with a summary.

>>> from vnadmin_extract.batch import RunConfig, run_batch       # doctest: +SKIP
>>> summary = run_batch(files, "out", RunConfig(workers=2))      # doctest: +SKIP
"""

from __future__ import annotations

from .journal import JournalWriteError
from .runner import Interrupted, RunConfig, RunSummary, format_summary, run_batch
from .tasks import Task
from .worker import DEFAULT_DOC_FN, DOC_FN_ENV, DocResult, process_document

__all__ = ["DEFAULT_DOC_FN", "DOC_FN_ENV", "DocResult", "Interrupted", "JournalWriteError", "RunConfig", "RunSummary", "Task",
           "format_summary", "process_document", "run_batch"]
