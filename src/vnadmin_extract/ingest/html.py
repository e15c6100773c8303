"""Saved web pages (.html): main content through trafilatura, page facts as metadata.

trafilatura (maintained, Apache-2.0) scores the page's blocks and keeps the article; it
also finds the headline, publication date (htmldate), author and site name, which go to
``RawText.metadata`` as "title", "date", "author", "source_name". Before it runs, the
page is cleaned of what it sometimes keeps on Vietnamese portals: breadcrumbs ("Trang
chủ > Văn bản"), menus, visitor counters, ratings, share bars and related-article lists
(by tag and by class/id names). Header and signature tables (issuer | motto, Nơi nhận |
signer) are rewritten as two blocks of lines first, since trafilatura flattens a table
cell into one line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import E_HTML, IngestError
from . import legacy
from ._layout import is_header_or_signature
from .base import RawText
from .text import check_chars

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp"}
_HTML_HEAD = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                        re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)

_CHROME_WORDS = re.compile(
    r"breadcrumb|\bmenu|\bnav|sidebar|footer|related|relate|counter|visitor|luot-?xem|"
    r"rating|\bvote|share|social|comment|banner|advert|\bads?\b|tags?-?list|popup|cookie|"
    r"tin-?lien-?quan|tin-?khac|lienquan|\bpaging|pagination",
    re.IGNORECASE,
)
_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "button",
              "select", "svg")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "blockquote", "pre", "dd", "dt"}


def decode_html(data: bytes) -> tuple[str, str]:
    """Bytes to text: BOM, then ``<meta charset>``, then UTF-8, then Windows-1258."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff"), enc
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", errors="ignore").lower()
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


# Elements whose content is never text; dropped before parsing (megabytes of script or
# inline SVG made the parser and trafilatura slow and memory-hungry for nothing).
_HEAVY_OPEN = re.compile(r"<(script|style|noscript|svg|template|object|math)\b", re.IGNORECASE)
_HEAVY_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE)
                for tag in ("script", "style", "noscript", "svg", "template", "object", "math")}
# data: URIs (inline images, fonts) longer than a short one: the payload goes, "data:," stays.
_DATA_URI = re.compile(r"(?i)\bdata:[^\s\"'<>()]{200,}")
_TAG = re.compile(r"<[^<>]*>")


def strip_heavy(html: str) -> str:
    """``html`` without script, style, SVG and similar elements, and without long inline
    ``data:`` payloads. Linear in the length: an element left open runs to the end of the
    page (as a browser reads it), so no closing tag is searched for twice."""
    if "<" not in html:
        return html
    out: list[str] = []
    pos = 0
    for m in _HEAVY_OPEN.finditer(html):
        if m.start() < pos:
            continue  # inside an element already dropped
        close = _HEAVY_CLOSE[m.group(1).lower()].search(html, m.end())
        out.append(html[pos:m.start()])
        if close is None:
            pos = len(html)
            break
        pos = close.end()
    out.append(html[pos:])
    return _DATA_URI.sub("data:,", "".join(out))


def _tag_free_text(html: str) -> str:
    """Text with every tag removed: the last resort for a page lxml cannot build a tree of
    (100,000 nested elements go past its depth limit and come out empty)."""
    import html as html_lib

    lines = html_lib.unescape(_TAG.sub("\n", html)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _cell_lines(el: object) -> list[str]:
    """Text lines of an element, one per block element or <br>."""
    parts: list[str] = []

    def walk(node: object) -> None:
        tag = getattr(node, "tag", None)
        if isinstance(tag, str) and tag.lower() in _BLOCK_TAGS:
            parts.append("\n")
        if getattr(node, "text", None):
            parts.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if isinstance(tag, str) and tag.lower() in _BLOCK_TAGS:
            parts.append("\n")

    walk(el)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def _clean(root: object) -> None:
    from lxml import etree

    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    for el in list(root.iter()):  # type: ignore[attr-defined]
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag.lower() in ("html", "body", "main", "article"):
            continue
        names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if names.strip() and _CHROME_WORDS.search(names):
            el.getparent().remove(el)


def _rewrite_layout_tables(root: object) -> None:
    """Two-column header/signature tables become left lines then right lines."""
    from lxml import etree

    tables = list(root.iter("table"))  # type: ignore[attr-defined]
    for table in reversed(tables):  # innermost first
        rows = [tr for tr in table.iter("tr")]
        grid = [[td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
                for tr in rows]
        if not grid or max(len(r) for r in grid) != 2:
            continue
        left = [line for r in grid if r for line in _cell_lines(r[0])]
        right = [line for r in grid if len(r) > 1 for line in _cell_lines(r[1])]
        if not is_header_or_signature(left, right):
            continue
        div = etree.Element("div")
        for line in [*left, *right]:
            p = etree.SubElement(div, "p")
            p.text = line
        div.tail = table.tail
        parent = table.getparent()
        if parent is not None:
            parent.replace(table, div)


def _plain_body(root: object) -> str:
    body = root.find(".//body")  # type: ignore[attr-defined]
    return "\n".join(_cell_lines(body if body is not None else root))


_SOURCE_LINE = re.compile(r"^\s*(?:Nguồn|Theo)\s*[:：]?\s*(.{2,80}?)\s*$", re.MULTILINE)


def read_html_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a page."""
    import lxml.html
    import trafilatura

    try:
        # As bytes with the encoding given: lxml refuses a str that declares its encoding
        # (XHTML starting with <?xml ... encoding="UTF-8"?>); the text is already decoded.
        root = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception as exc:
        raise IngestError(E_HTML, f"unparseable HTML: {exc}") from exc
    title_el = root.find(".//title")
    page_title = " ".join((title_el.text_content() if title_el is not None else "").split())
    _clean(root)
    _rewrite_layout_tables(root)
    cleaned = lxml.html.tostring(root, encoding="unicode")
    doc = trafilatura.bare_extraction(cleaned, with_metadata=True, include_tables=True,
                                      include_comments=False, favor_recall=True, deduplicate=False)
    meta: dict[str, str] = {}
    text = ""
    if doc is not None:
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = d.get("text") or ""
        for src, dst in (("title", "title"), ("date", "date"), ("author", "author"),
                         ("sitename", "source_name")):
            value = d.get(src)
            if value:
                meta[dst] = str(value)
    if len(text.strip()) < 40:
        text = _plain_body(root)
    if "title" not in meta and page_title:
        meta["title"] = page_title
    sources = _SOURCE_LINE.findall(text)
    if sources and "source_name" not in meta:
        meta["source_name"] = sources[-1]
    # Each line is an HTML block (a paragraph, a cell line): there are no hard wraps to
    # undo, so paragraphs are kept apart for the normalizer's line joining.
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    return text, meta


class HtmlReader:
    name = "html"
    formats = ("html",)

    def sniff(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() in _HTML_SUFFIXES:
            return True
        return bool(_HTML_HEAD.match(head.lstrip(codecs.BOM_UTF8)))

    def read(self, path: Path, data: bytes) -> RawText:
        html, encoding = decode_html(data)
        html = strip_heavy(html)
        check_chars(html)
        text, meta = read_html_text(html)
        if not text.strip():
            text = _tag_free_text(html)
        if not text.strip():
            raise IngestError(E_HTML, "no text content in the page")
        return legacy.repair(RawText(text=text, format="html", encoding=encoding, metadata=meta))


READER = HtmlReader()
