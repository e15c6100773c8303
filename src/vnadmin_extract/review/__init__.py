"""Review pages: one offline HTML page per document with its entities highlighted (displaCy) and
tables of what was extracted, each row linked to its evidence in the text."""

from __future__ import annotations

from .page import COLORS, build_page, write_page
from .run_pages import write_run_pages

__all__ = ["COLORS", "build_page", "write_page", "write_run_pages"]
