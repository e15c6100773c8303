"""Word 97-2003 (.doc) and RTF, through small Debian converters.

- ``.doc``: ``antiword`` (Debian ``antiword``), with ``catdoc`` as the fallback for the
  files antiword refuses (Word 6/95, some fast-saved files). Both take milliseconds per
  document and together install under 1 MB, where LibreOffice headless takes seconds per
  document (a JVM-free but 300 MB install and a profile to start). antiword drops font
  names, so a legacy encoding is found from the content (``legacy.repair``: each word
  is tried through the TCVN3 and VNI tables and kept where it reads as Vietnamese), which
  also handles documents mixing TCVN3 and VNI runs; headings typed in ``.VnTimeH`` are
  given capitals where the ASCII letters show it ("MôC LôC" -> "MỤC LỤC").
- ``.rtf``: ``unrtf --html`` (Debian ``unrtf``), which keeps every run's font face, so
  ``.VnTime``/``.VnTimeH``/``VNI-*`` runs are converted by font (and ``.VnTimeH`` runs
  upper-cased). unrtf drops ``\\tab``, which lays out signature blocks, so tabs are
  turned into forced spaces before conversion.

Tables come out as ``|cell|cell|`` rows (antiword) or ``<table>`` (unrtf): a two-column
header or signature table is read as two blocks (left column, then right column), other
tables as one line per row.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from ..errors import E_CONVERTER, E_TIMEOUT, W_LEGACY_ENCODING, IngestError
from . import legacy, limits
from ._layout import order_text_columns, table_lines
from .base import RawText

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_WORD = {".xls", ".xlt", ".xla", ".ppt", ".pps", ".pot", ".msg", ".msi", ".vsd", ".pub"}
TIMEOUT_SECONDS = 60


def _run(cmd: list[str], timeout: float = TIMEOUT_SECONDS) -> subprocess.CompletedProcess[bytes]:
    left = limits.time_left()  # within the document's budget, when it has one
    if left is not None:
        timeout = max(1.0, min(timeout, left))
    exe = shutil.which(cmd[0])
    if exe is None:
        raise IngestError(E_CONVERTER, f"{cmd[0]} is not installed (Debian: apt-get install {cmd[0]})")
    try:
        return subprocess.run([exe, *cmd[1:]], capture_output=True, timeout=timeout, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise IngestError(E_TIMEOUT, f"{cmd[0]} took more than {timeout:.0f} s") from exc


# --- .doc ---------------------------------------------------------------------------

_TABLE_LINE = re.compile(r"^\|.*\|\s*$")


def _antiword_tables(text: str) -> str:
    """Turn antiword's ``|a|b|`` table rows into blocks (header/signature) or row lines."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _TABLE_LINE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        rows: list[list[str]] = []
        while j < len(lines) and _TABLE_LINE.match(lines[j]):
            rows.append([c.strip() for c in lines[j].strip()[1:-1].split("|")])
            j += 1
        out.extend(table_lines(rows))
        i = j
    return "\n".join(out)


def _read_doc(path: Path, data: bytes) -> RawText:
    with tempfile.TemporaryDirectory(prefix="vnadmin-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        proc = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(src)])
        text = proc.stdout.decode("utf-8", errors="replace")
        converter = "antiword"
        if proc.returncode != 0 or not text.strip():
            fallback = _run(["catdoc", "-d", "utf-8", "-w", str(src)])
            text = fallback.stdout.decode("utf-8", errors="replace")
            converter = "catdoc"
            if fallback.returncode != 0 or not text.strip():
                why = (proc.stderr or fallback.stderr).decode("utf-8", errors="replace").strip()
                raise IngestError(E_CONVERTER, f"antiword and catdoc could not read the file: {why[:200]}")
    raw = legacy.repair(RawText(text=text, format="doc", metadata={"converter": converter}))
    text = _antiword_tables(raw.text)
    raw.text = order_text_columns("\n".join(line for line in text.split("\n") if line.strip() != "[pic]"))
    return raw


# --- .rtf ---------------------------------------------------------------------------

_RTF_TAB = re.compile(rb"(?<!\\)\\tab(?![a-z])\s?")
_RTF_SPACES = re.compile(rb"(?<=[^\s\\]) {2,}")


class _UnrtfHtml(HTMLParser):
    """Text runs with their font face from ``unrtf --html`` output, tables collected."""

    _BLOCK = frozenset({"p", "div", "center", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.encodings: set[str] = set()
        self._faces: list[str | None] = []
        self._skip = 0
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self.title = ""
        self._in_title = False

    def _face(self) -> str | None:
        return next((f for f in reversed(self._faces) if f), None)

    def _emit(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)
        else:
            self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "script"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "font":
            self._faces.append(dict(attrs).get("face"))
        elif tag == "br" or tag in self._BLOCK:
            self._emit("\n")
        elif tag == "table":
            self._rows = []
            self.parts.append("\n")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag == "td" and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "font" and self._faces:
            self._faces.pop()
        elif tag in self._BLOCK:
            self._emit("\n")
        elif tag == "td" and self._cell is not None and self._rows is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._rows is not None:
            rows = [[" ".join(c.split()) for c in r] for r in self._rows]
            self._rows = None
            self.parts.append("\n".join(table_lines(rows)) + "\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        text = data.replace("\r", "").replace("\n", "")
        if not text:
            return
        converted, encoding = legacy.decode_run(text, self._face())
        if encoding:
            self.encodings.add(encoding)
        self._emit(converted)


def _read_rtf(path: Path, data: bytes) -> RawText:
    # unrtf drops tabs and collapses runs of spaces, which lay out signature blocks:
    # make them forced spaces (the first of a run may end a control word, so it stays).
    data = _RTF_TAB.sub(rb"\\~\\~\\~\\~", data)
    data = _RTF_SPACES.sub(lambda m: b" " + b"\\~" * (len(m.group()) - 1), data)
    with tempfile.TemporaryDirectory(prefix="vnadmin-rtf-") as tmp:
        src = Path(tmp) / "input.rtf"
        src.write_bytes(data)
        proc = _run(["unrtf", "--html", "--nopict", str(src)])
    if proc.returncode != 0 or not proc.stdout.strip():
        why = proc.stderr.decode("utf-8", errors="replace").strip()
        raise IngestError(E_CONVERTER, f"unrtf could not read the file: {why[:200]}")
    parser = _UnrtfHtml()
    parser.feed(proc.stdout.decode("utf-8", errors="replace"))
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    encodings = sorted(parser.encodings)
    raw = RawText(text=text, format="rtf", encoding="+".join(encodings) or None)
    if encodings:
        raw.warnings.append((W_LEGACY_ENCODING,
                             f"converted from legacy {' and '.join(e.upper() for e in encodings)} by font"))
    raw = legacy.repair(raw)
    raw.text = order_text_columns(raw.text)
    return raw


class OfficeReader:
    name = "office"
    formats = ("doc", "rtf")

    def sniff(self, path: Path, head: bytes) -> bool:
        if head.lstrip()[:5] == b"{\\rtf":
            return True
        return head.startswith(_OLE_MAGIC) and path.suffix.lower() not in _NOT_WORD

    def read(self, path: Path, data: bytes) -> RawText:
        if data.lstrip()[:5] == b"{\\rtf":
            return _read_rtf(path, data)
        return _read_doc(path, data)


READER = OfficeReader()
