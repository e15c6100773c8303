"""Spreadsheets: ``.xlsx`` (openpyxl) and ``.xls`` (xlrd), sheet by sheet, as table rows.

Award lists and summary forms ("DANH SÁCH ... STT | Họ và tên | Chức vụ, đơn vị") come as
workbooks. Each sheet gives its name in brackets as a paragraph, then one paragraph per non-empty row,
the non-empty cells joined by ``CELL_SEP`` (" │ ", a box-drawing bar). Not the "| a | b |"
of DOCX tables: normalization treats ASCII pipes as Markdown table residue and puts every
cell on its own line, which loses the row; the box-drawing bar is left alone and the blank
line between rows keeps the line joiner from gluing rows together, so a row stays one line
of ``Record.text`` and the recipients stage can read its cells.

Legacy fonts: ``.xls`` cells in ``.VnTime``/``.VnTimeH`` (TCVN3) or ``VNI-*`` fonts are
converted by font name, cell by cell (a workbook may mix both); cells in other fonts go
through ``legacy.repair`` with the rest of the text, which converts a line only where it
reads as legacy Vietnamese. xlsx keeps per-cell fonts too and gets the same treatment.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import E_SPREADSHEET, IngestError
from . import legacy
from .base import RawText

CELL_SEP = " │ "
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XLS_SUFFIXES = (".xls", ".xlt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
# A sheet is read up to this many rows and columns: a stray format at XFD1048576 makes a
# sheet's declared range huge while its data is small.
MAX_ROWS = 100_000
MAX_COLS = 200


def cell_text(value: Any) -> str:
    """One cell's value as text: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def row_line(cells: list[str]) -> str:
    """A row as one line; trailing empty cells dropped, inner ones kept so columns line up.
    A row with one filled cell is a title or a heading: that cell alone."""
    filled = [c for c in cells if c]
    if len(filled) <= 1:
        return filled[0] if filled else ""
    while cells and not cells[-1]:
        cells = cells[:-1]
    if not cells:
        return ""
    return CELL_SEP.join(cells).strip()


def render(sheets: Iterable[tuple[str, Iterable[list[str]]]]) -> str:
    """``(sheet name, rows of cell texts)`` as text: the name, then one paragraph per row.

    Columns empty in the whole sheet are dropped (layout spacers, merged-cell tails)."""
    parts: list[str] = []
    for name, rows in sheets:
        table = [r for r in rows if any(r)]
        if not table:
            continue
        width = max(len(r) for r in table)
        used = [k for k in range(width) if any(k < len(r) and r[k] for r in table)]
        # In brackets: a lower-case name ("bang 2") after a long row would be joined to it
        # as the rest of a paragraph cut by a page break.
        parts.append("[" + " ".join(name.split()) + "]")
        parts.extend(row_line([r[k] if k < len(r) else "" for k in used]) for r in table)
    return "\n\n".join(parts)


class _Legacy:
    """Cell conversion by font name, remembering which legacy encodings were met."""

    def __init__(self) -> None:
        self.encodings: set[str] = set()

    def __call__(self, text: str, font: str | None) -> str:
        if not text or not font:
            return text
        converted, encoding = legacy.decode_run(text, font)
        if encoding:
            self.encodings.add(encoding)
        return converted


# --- .xls ------------------------------------------------------------------------------------

def _xls_sheets(data: bytes, conv: _Legacy) -> Iterator[tuple[str, list[list[str]]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception:
        try:  # formatting_info is not supported for every BIFF version: read without fonts
            book = xlrd.open_workbook(file_contents=data, on_demand=True)
        except Exception as exc:
            raise IngestError(E_SPREADSHEET, f"not a readable XLS workbook: {type(exc).__name__}: {exc}") from exc
    fonts = book.font_list if book.formatting_info else []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        rows: list[list[str]] = []
        for r in range(min(sheet.nrows, MAX_ROWS)):
            cells: list[str] = []
            for c in range(min(sheet.ncols, MAX_COLS)):
                cell = sheet.cell(r, c)
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                    except Exception:  # an out-of-range serial: keep the number
                        value = cell.value
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    value = None
                text = cell_text(value)
                if text and cell.ctype == xlrd.XL_CELL_TEXT and fonts:
                    xf = book.xf_list[cell.xf_index]
                    text = " ".join(conv(str(cell.value), fonts[xf.font_index].name).split())
                cells.append(text)
            rows.append(cells)
        yield sheet.name, rows
        book.unload_sheet(index)


# --- .xlsx -----------------------------------------------------------------------------------

def _xlsx_sheets(data: bytes, conv: _Legacy) -> Iterator[tuple[str, list[list[str]]]]:
    import openpyxl

    from .docx import check_container

    try:
        check_container(data)  # zip and XML bombs are refused before openpyxl inflates anything
    except IngestError as exc:
        raise IngestError(exc.code if exc.code != "E_DOCX" else E_SPREADSHEET,
                          exc.message.replace("DOCX", "XLSX")) from exc
    try:
        # Not read_only: read-only worksheets give no fonts (legacy cells are known by font).
        with warnings.catch_warnings():  # "Data Validation extension is not supported": harmless
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise IngestError(E_SPREADSHEET, f"not a readable XLSX workbook: {type(exc).__name__}: {exc}") from exc
    for sheet in book.worksheets:
        rows: list[list[str]] = []
        for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), max_col=min(sheet.max_column, MAX_COLS)):
            cells: list[str] = []
            for cell in row:
                text = cell_text(cell.value)
                if text and isinstance(cell.value, str):
                    font = cell.font.name if cell.font is not None else None
                    text = " ".join(conv(cell.value, font).split())
                cells.append(text)
            rows.append(cells)
        yield sheet.title, rows


class SpreadsheetReader:
    name = "spreadsheet"
    formats = ("xlsx", "xls")

    def sniff(self, path: Path, head: bytes) -> bool:
        suffix = path.suffix.lower()
        if head.startswith(_OLE_MAGIC):
            return suffix in _XLS_SUFFIXES
        if head.startswith(b"PK\x03\x04"):
            return suffix in _XLSX_SUFFIXES or (b"xl/" in head and b"word/" not in head)
        return False

    def read(self, path: Path, data: bytes) -> RawText:
        conv = _Legacy()
        if data.startswith(_OLE_MAGIC):
            fmt, sheets = "xls", _xls_sheets(data, conv)
        else:
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise IngestError(E_SPREADSHEET, "not a ZIP container (damaged XLSX)")
            fmt, sheets = "xlsx", _xlsx_sheets(data, conv)
        text = render(sheets)
        return legacy.font_converted(RawText(text=text, format=fmt), conv.encodings)


READER = SpreadsheetReader()
