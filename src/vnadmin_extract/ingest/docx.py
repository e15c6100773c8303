"""Word 2007+ (.docx) through python-docx.

Body paragraphs and tables in document order. A two-column table whose cells hold a
header or signature block (issuer | national motto, Nơi nhận | signer), usually without
borders, is read as two blocks: the left column's lines, then the right column's. Other
tables give one line per row (``| a | b |``). Text boxes (``w:txbxContent``, read once
though Word stores them twice, as DrawingML and as a VML fallback) and footnotes follow.

Each run's font is resolved (run, character style, paragraph style chain, document
defaults), so runs set in ``.VnTime``/``.VnTimeH`` (TCVN3) or ``VNI-*`` fonts are
converted by font and ``.VnTimeH`` runs upper-cased; ``legacy.repair`` then catches
legacy text in fonts with other names.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import E_DOCX, E_TOO_LARGE, IngestError
from . import legacy, limits
from ._layout import is_header_or_signature, table_lines
from .base import RawText

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _R, _T = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("r"), _q("t")
_SDT, _SDT_CONTENT, _TXBX = _q("sdt"), _q("sdtContent"), _q("txbxContent")
_FALLBACK = f"{{{_MC}}}Fallback"


class _Fonts:
    """Font name of a run: direct formatting, then styles, then document defaults."""

    def __init__(self, document: Any) -> None:
        self._style_font: dict[str, str | None] = {}
        self._based_on: dict[str, str | None] = {}
        self._default: str | None = None
        styles_el = document.styles.element
        defaults = styles_el.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}/{_q('rFonts')}")
        if defaults is not None:
            self._default = defaults.get(_q("ascii")) or defaults.get(_q("hAnsi"))
        for st in styles_el.findall(_q("style")):
            sid = st.get(_q("styleId"))
            if sid is None:
                continue
            rf = st.find(f"{_q('rPr')}/{_q('rFonts')}")
            self._style_font[sid] = (rf.get(_q("ascii")) or rf.get(_q("hAnsi"))) if rf is not None else None
            based = st.find(_q("basedOn"))
            self._based_on[sid] = based.get(_q("val")) if based is not None else None
            if st.get(_q("default")) == "1" and st.get(_q("type")) == "paragraph":
                self._default_para = sid

    def style_font(self, sid: str | None) -> str | None:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            font = self._style_font.get(sid)
            if font:
                return font
            sid = self._based_on.get(sid)
        return None

    def run_font(self, run: Any, para_style: str | None) -> str | None:
        rpr = run.find(_q("rPr"))
        if rpr is not None:
            rf = rpr.find(_q("rFonts"))
            if rf is not None:
                font = rf.get(_q("ascii")) or rf.get(_q("hAnsi"))
                if font:
                    return font
            rs = rpr.find(_q("rStyle"))
            if rs is not None:
                font = self.style_font(rs.get(_q("val")))
                if font:
                    return font
        return self.style_font(para_style or getattr(self, "_default_para", None)) or self._default


class _Walker:
    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.encodings: set[str] = set()
        self.boxes: list[str] = []

    def run_text(self, run: Any, para_style: str | None) -> str:
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _q("tab"):
                parts.append("\t")
            elif tag in (_q("br"), _q("cr")):
                parts.append("\n")
            elif tag == _q("softHyphen"):
                parts.append("\xad")  # TCVN3 ư; normalize drops a real soft hyphen
            elif tag == _q("noBreakHyphen"):
                parts.append("-")
            elif tag == _q("sym"):
                code = child.get(_q("char"))
                if code:
                    try:
                        cp = int(code, 16)
                        parts.append(chr(cp - 0xF000 if cp >= 0xF000 else cp))
                    except ValueError:
                        pass
        text = "".join(parts)
        if not text:
            return ""
        converted, encoding = legacy.decode_run(text, self.fonts.run_font(run, para_style))
        if encoding:
            self.encodings.add(encoding)
        return converted

    def paragraph(self, p: Any) -> str:
        ppr = p.find(_q("pPr"))
        style = None
        if ppr is not None:
            ps = ppr.find(_q("pStyle"))
            style = ps.get(_q("val")) if ps is not None else None
        out: list[str] = []
        for el in self._inline(p):
            if el.tag == _R:
                out.append(self.run_text(el, style))
                for box in el.iter(_TXBX):
                    if not any(a.tag == _FALLBACK for a in box.iterancestors()):
                        self.boxes.extend(self.block(box))
        return "".join(out)

    def _inline(self, el: Any) -> Iterator[Any]:
        """Runs of a paragraph, through hyperlinks, smart tags, fields and insertions."""
        for child in el:
            if child.tag == _R:
                yield child
            elif child.tag in (_q("hyperlink"), _q("smartTag"), _q("ins"), _q("fldSimple"),
                               _SDT, _SDT_CONTENT, _q("customXml")):
                yield from self._inline(child)

    def block(self, container: Any) -> list[str]:
        """Lines of a body, cell or text box: paragraphs and tables in order."""
        lines: list[str] = []
        for child in container:
            if child.tag == _P:
                lines.append(self.paragraph(child))
            elif child.tag == _TBL:
                lines.extend(self.table(child))
            elif child.tag in (_SDT, _SDT_CONTENT, _q("customXml")):
                lines.extend(self.block(child))
        return lines

    def table(self, tbl: Any) -> list[str]:
        rows: list[list[str]] = []
        spans: list[list[int]] = []  # grid columns each cell covers (w:gridSpan)
        for tr in tbl.findall(_TR):
            cells: list[str] = []
            widths: list[int] = []
            for tc in tr.findall(_TC):
                lines = self.block(tc)
                cells.append("\n".join(line for line in lines if line.strip()))
                widths.append(_grid_span(tc))
            rows.append(cells)
            spans.append([_grid_before(tr), *widths])
        ncols = max((len(r) for r in rows), default=0)
        if ncols == 2:
            # Header/signature test and blocks work on the cells' lines.
            left = [line for r in rows if r for line in r[0].split("\n") if line.strip()]
            right = [line for r in rows if len(r) > 1 for line in r[1].split("\n") if line.strip()]
            if is_header_or_signature(left, right):
                return [*left, *right]
        if ncols <= 1:
            return [line for r in rows for c in r for line in c.split("\n") if line.strip()]
        # a cell spanning columns is followed by empty cells, so that every row keeps the
        # grid's columns: a summary table's counts stay under their column headings
        flat = [_on_grid([c.replace("\n", " ") for c in r], w) for r, w in zip(rows, spans, strict=True)]
        return table_lines(flat)


def _grid_span(tc: Any) -> int:
    span = tc.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    val = span.get(_q("val")) if span is not None else None
    return int(val) if val and val.isdigit() and 0 < int(val) <= 64 else 1


def _grid_before(tr: Any) -> int:
    before = tr.find(f"{_q('trPr')}/{_q('gridBefore')}")
    val = before.get(_q("val")) if before is not None else None
    return int(val) if val and val.isdigit() and 0 < int(val) <= 64 else 0


def _on_grid(cells: list[str], widths: list[int]) -> list[str]:
    """``cells`` placed on the table grid: ``widths[0]`` empty cells before the row (w:gridBefore),
    then each cell followed by an empty one per extra column it spans."""
    out = [""] * widths[0]
    for cell, width in zip(cells, widths[1:], strict=True):
        out.append(cell)
        out.extend([""] * (width - 1))
    return out


# No entities resolved, no DTD or network fetched, no huge trees: a part is data only.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _footnotes(document: Any, walker: _Walker) -> list[str]:
    lines: list[str] = []
    for rel in document.part.rels.values():
        if rel.reltype != _FOOTNOTES:
            continue
        root = etree.fromstring(rel.target_part.blob, _SAFE_PARSER)
        for fn in root.findall(_q("footnote")):
            if fn.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(line for line in walker.block(fn) if line.strip())
            if text.strip():
                lines.append(f"{fn.get(_q('id'))} {text.strip()}")
    return lines


def read_docx_bytes(data: bytes) -> RawText:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise IngestError(E_DOCX, "python-docx is not installed") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise IngestError(E_DOCX, f"not a readable DOCX: {type(exc).__name__}: {exc}") from exc
    walker = _Walker(_Fonts(document))
    lines = walker.block(document.element.body)
    if walker.boxes:
        lines += ["", *walker.boxes]
    notes = _footnotes(document, walker)
    if notes:
        lines += ["", *notes]
    meta: dict[str, str] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    raw = RawText(text="\n".join(lines), format="docx", encoding=None, metadata=meta)
    return legacy.font_converted(raw, walker.encodings)


# --- the container, checked before python-docx inflates anything ---------------------------

_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")


def check_container(data: bytes, lim: limits.Limits | None = None) -> None:
    """Refuse a DOCX whose ZIP would cost too much or lies about itself, before any part is
    read for real: ``E_TOO_LARGE`` past ``max_members`` parts or ``max_unzipped`` bytes
    inflated (a zip bomb: 1 GB of spaces is a 1 MB file), ``E_DOCX`` for a part that
    inflates to more than its header says (Python's zipfile cuts such a part at the
    declared size but first inflates all of it in one call), an encrypted part, or an XML
    part that declares a DTD or entities (OOXML has none; they are how XML bombs and
    external-entity reads work).

    Each part is inflated once here, in 64 kB steps, counting: memory stays small whatever
    the file claims.
    """
    lim = lim or limits.current()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise IngestError(E_DOCX, f"not a readable ZIP container: {exc}") from exc
    if len(infos) > lim.max_members:
        raise IngestError(E_TOO_LARGE, f"the DOCX has {len(infos)} parts, over the limit of {lim.max_members}")
    declared = sum(i.file_size for i in infos)
    if declared > lim.max_unzipped:
        raise IngestError(E_TOO_LARGE, f"the DOCX inflates to {declared} bytes, over the limit of "
                                       f"{lim.max_unzipped} (a zip bomb?)")
    xml_most = lim.max_unzipped // 4
    for info in infos:
        if info.filename.lower().endswith(".xml") and info.file_size > xml_most:
            raise IngestError(E_TOO_LARGE, f"the DOCX part {info.filename!r} holds {info.file_size} bytes of XML, "
                                           f"over the limit of {xml_most} (a quarter of the archive limit)")
    view = memoryview(data)
    for info in infos:
        _check_part(view, info)


def _check_part(view: memoryview, info: zipfile.ZipInfo) -> None:
    name = info.filename
    if info.flag_bits & 0x1:
        raise IngestError(E_DOCX, f"the DOCX part {name!r} is encrypted")
    off = info.header_offset
    if off + _LOCAL_HEADER.size > len(view):
        raise IngestError(E_DOCX, f"the DOCX part {name!r} lies outside the file (damaged ZIP)")
    head = _LOCAL_HEADER.unpack(view[off:off + _LOCAL_HEADER.size])
    if head[0] != 0x04034B50:
        raise IngestError(E_DOCX, f"the DOCX part {name!r} has no local header (damaged ZIP)")
    start = off + _LOCAL_HEADER.size + head[9] + head[10]
    comp = view[start:start + info.compress_size]
    if len(comp) < info.compress_size:
        raise IngestError(E_DOCX, f"the DOCX part {name!r} is cut short (truncated file)")
    sniffer = _XmlSniffer(name)
    if info.compress_type == zipfile.ZIP_STORED:
        total = len(comp)
        for pos in range(0, len(comp), _CHUNK):
            sniffer.feed(bytes(comp[pos:pos + _CHUNK]))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        total = 0
        try:
            for pos in range(0, len(comp), _CHUNK):
                buf: bytes | memoryview = comp[pos:pos + _CHUNK]
                while buf:
                    out = inflater.decompress(buf, _CHUNK)
                    total += len(out)
                    if total > info.file_size:
                        raise IngestError(E_DOCX, f"the DOCX part {name!r} inflates to more than the "
                                                  f"{info.file_size} bytes its header says (a zip bomb?)")
                    sniffer.feed(out)
                    buf = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error as exc:
            raise IngestError(E_DOCX, f"the DOCX part {name!r} is damaged: {exc}") from exc
    else:
        raise IngestError(E_DOCX, f"the DOCX part {name!r} uses an unsupported compression "
                                  f"({info.compress_type})")
    if total != info.file_size:
        raise IngestError(E_DOCX, f"the DOCX part {name!r} inflates to {total} bytes, not the "
                                  f"{info.file_size} its header says (damaged ZIP)")
    sniffer.close()


class _DoctypeSeen(Exception):
    pass


class _NoTree:
    """An lxml parser target that keeps nothing (no tree: memory stays flat) and stops at a
    document type declaration: OOXML has none; DTDs and entities are how XML bombs and
    external-entity reads work."""

    def doctype(self, *_args: object) -> None:
        raise _DoctypeSeen()

    def close(self) -> None:
        return None


def _safe_parser() -> Any:
    return etree.XMLParser(target=_NoTree(), resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


class _XmlSniffer:
    """Feeds a part, chunk by chunk, to a parser that resolves no entities, loads no DTD and
    reads nothing from the network. Every part is tried, whatever its name (a main part
    need not be called ``.xml``) or encoding (UTF-16 needs no byte order mark, a prolog
    can be long): a part that is not XML fails at its first bytes and is left alone."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser: Any = _safe_parser()

    def feed(self, data: bytes) -> None:
        if data and self.parser is not None:
            self._call(self.parser.feed, data)

    def close(self) -> None:
        if self.parser is not None:
            self._call(self.parser.close)
            self.parser = None

    def _call(self, fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except _DoctypeSeen:
            self.parser = None
            raise IngestError(E_DOCX, f"the DOCX part {self.name!r} declares a DTD or entities, which OOXML "
                                      "never does (an XML bomb or an external-entity read); refused") from None
        except etree.XMLSyntaxError:
            self.parser = None  # not well-formed: python-docx's own parser refuses it too


class DocxReader:
    name = "docx"
    formats = ("docx",)

    def sniff(self, path: Path, head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        if path.suffix.lower() in (".docx", ".docm", ".dotx"):
            return True
        return b"word/" in head

    def read(self, path: Path, data: bytes) -> RawText:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise IngestError(E_DOCX, "not a ZIP container (damaged DOCX)")
        check_container(data)
        return read_docx_bytes(data)


READER = DocxReader()
