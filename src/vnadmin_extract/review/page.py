"""One self-contained HTML review page per document.

The page shows the record's normalized text with every entity highlighted by type, drawn by
spaCy's displaCy span renderer (``displacy.render(..., style="span", manual=True)``), so
overlapping entities (a DATE inside a LEGAL_REF) stack as separate underlines; a legend gives
each type's colour and count. Beside it: the header and the section outline; below it: tables
of awards, commemorations, legal references, persons, signers and warnings. Every row links to
its evidence: ``#ent-<n>`` (``n`` = the entity's position in ``record.entities``) when an
entity has the row's exact offsets, else an anchor of its own (``#award-<i>``, ``#signer-<i>``,
``#sec-<i>``, ``#hdr-<field>``). Header fields carry no offsets in the record, so their evidence
is the first place the value is written (case and line breaks ignored); such links are marked ≈.

How the text is drawn: the text is cut into syllables and punctuation marks, further cut at
every entity boundary and anchor, and rendered line by line with displaCy (one ``div.spans`` per
line, so line breaks stay). displaCy writes each token inside an entity as an element and puts
a space after every other token; the page then puts back the text's own spacing between tokens
and adds the anchors (``lxml``), so "năm 2023;" is not shown as "năm 2023 ;". Hovering a
highlighted token shows its entities with their normalized values and sources.

The record's review flag with its reasons and its warnings are at the top. A scan's page
(``build_page(..., scan=ScanPages)``, from ``highlight``) also shows the page images beside the
text, with the OCR boxes of every highlighted value; each table row links to its boxes (▣) and
each box back to its row (``scan_pane``).

Everything is inline (CSS, no scripts, no fonts; page images as data URIs): the page works
offline and can be archived with the data.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import regex
from spacy import displacy

from ..nlp.segment import Span, split_spans, syllable_spans
from . import scan_pane

COLORS: dict[str, str] = {
    "AWARD": "#ffd33d", "COUNT": "#e4e7d2", "ORG": "#7aecec", "PER": "#aa9cfc", "LOC": "#ff9561",
    "POSITION": "#c887fb", "DATE": "#bfe1d9", "DATE_RANGE": "#8fd3c1", "LEGAL_REF": "#ff8197",
    "COMMEMORATION": "#f0d0ff", "MOVEMENT": "#bfeeb7", "DOC_NUMBER": "#d0d0d0",
}
LABELS: dict[str, tuple[str, str]] = {
    "AWARD": ("danh hiệu, hình thức khen thưởng", "award"),
    "COUNT": ("số lượng", "count"),
    "ORG": ("cơ quan, tổ chức", "organisation"),
    "PER": ("người", "person"),
    "LOC": ("địa danh", "place"),
    "POSITION": ("chức vụ", "position"),
    "DATE": ("ngày tháng", "date"),
    "DATE_RANGE": ("khoảng thời gian", "date range"),
    "LEGAL_REF": ("văn bản viện dẫn", "legal reference"),
    "COMMEMORATION": ("ngày kỷ niệm", "commemoration"),
    "MOVEMENT": ("phong trào, cuộc vận động", "movement"),
    "DOC_NUMBER": ("số, ký hiệu văn bản", "document number"),
}

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; }
header.top { padding: 12px 24px; border-bottom: 1px solid var(--line); background: var(--bg); }
header.top h1 { font-size: 20px; margin: 0 0 4px; }
header.top .meta { color: var(--muted); font-size: 13px; }
nav.toc { padding: 6px 24px; font-size: 13px; border-bottom: 1px solid var(--line); }
nav.toc a { margin-right: 14px; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 1.3fr); gap: 24px; padding: 16px 24px; }
.layout aside { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; font-size: 13px; }
h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 3px; margin-top: 22px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 10px; font-size: 12px; margin-bottom: 10px; }
.legend .chip { display: inline-flex; align-items: center; gap: 5px; border: 1px solid var(--line);
  border-radius: 4px; padding: 2px 6px; background: #fff; }
.legend .swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block; }
.legend .n { color: var(--muted); }
.doctext { font-size: 15px; }
.doctext .line { display: grid; grid-template-columns: 44px minmax(0, 1fr); }
.doctext .ln { color: #8c959f; font-size: 11px; text-align: right; padding-right: 8px; padding-top: 12px; user-select: none; }
.doctext .line.blank { height: 10px; }
.doctext .spans { line-height: 2.5 !important; }
.doctext .tok { white-space: pre; }
.doctext .tok > span { white-space: normal; }
a.anchor { display: inline-block; width: 0; height: 0; }
a.anchor:target::after { content: "▶"; color: #cf222e; position: relative; left: -14px; }
[id^="ent-"]:target, .tok:target { outline: 3px solid #cf222e; outline-offset: 2px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 14px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { background: #fff8c5; }
.tables { padding: 0 24px 40px; }
.outline ul { list-style: none; padding-left: 14px; margin: 2px 0; }
.outline > ul { padding-left: 0; }
.muted { color: var(--muted); }
.error { color: #cf222e; font-weight: bold; }
.review { margin: 6px 0 0; font-size: 13px; padding: 4px 8px; border-radius: 4px; display: inline-block; }
.review.needed { background: #fff8c5; border: 1px solid #d4a72c; }
.review.ok { background: #dafbe1; border: 1px solid #4ac26b; }
.review code { margin-right: 6px; }
ul.topwarn { margin: 4px 0 0; padding-left: 18px; font-size: 12px; max-height: 9.5em; overflow: auto; }
ul.topwarn code { color: #9a6700; }
""" + scan_pane.CSS


@dataclass
class _Ent:
    n: int
    type: str
    start: int
    end: int
    text: str
    value: Any
    source: str


def _as_dict(record: Any) -> dict[str, Any]:
    if hasattr(record, "model_dump"):
        return record.model_dump(mode="json")
    if isinstance(record, dict):
        return record
    raise TypeError("record must be a vnadmin_extract Record or a dict (a line of records.jsonl)")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML cannot hold (control characters, lone surrogates)
    replaced by U+FFFD: same length, so the record's offsets still point at the same places."""
    return _NOT_XML.sub("\ufffd", text)


def _esc(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else "; ".join(map(str, value))
    return html.escape(str(value))


def _find(text: str, needle: str | None, *, case: bool = False) -> tuple[int, int] | None:
    """First place ``needle`` is written in ``text``: any white space between its words, any case."""
    if not needle or not needle.strip():
        return None
    words = needle.split()
    pattern = r"\s+".join(regex.escape(w) for w in words)
    m = regex.search(pattern, text, 0 if case else regex.IGNORECASE)
    return (m.start(), m.end()) if m else None


class _Anchors:
    """Anchor ids by text offset, and the evidence link of each table row."""

    def __init__(self, entities: list[_Ent]) -> None:
        self.by_offset: dict[int, list[str]] = defaultdict(list)
        self._exact: dict[tuple[int, int], list[_Ent]] = defaultdict(list)
        for e in entities:
            self._exact[(e.start, e.end)].append(e)

    def link(self, kind: str, i: int | str, start: Any, end: Any, types: Sequence[str] = ()) -> str | None:
        """The ``#id`` showing the evidence ``start:end``: the entity with those offsets, else a new anchor."""
        if not isinstance(start, int) or not isinstance(end, int) or start >= end:
            return None
        same = self._exact.get((start, end), [])
        for e in sorted(same, key=lambda e: (e.type not in types, e.n)):
            return f"ent-{e.n}"
        anchor = f"{kind}-{i}"
        self.by_offset[start].append(anchor)
        return anchor


def _line_html(text: str, line_start: int, tokens: list[Span], entities: list[_Ent],
               anchors: dict[int, list[str]], entity_starts: dict[int, list[int]]) -> str:
    """One line drawn by displaCy, then given back its spacing, anchors and tooltips."""
    starts = [s for s, _ in tokens]
    spans_data = []
    covering: dict[int, list[_Ent]] = defaultdict(list)
    line_end = tokens[-1][1]
    for e in entities:
        s, t = max(e.start, line_start), min(e.end, line_end)
        if s >= t:
            continue
        first = bisect.bisect_left(starts, s)
        last = bisect.bisect_left(starts, t)
        if first >= last:
            continue
        # displaCy puts labels into its markup as they are: a type read from records.jsonl
        # could be markup (``<img onerror=...>``), so it goes in escaped.
        spans_data.append({"start_token": first, "end_token": last, "label": html.escape(e.type)})
        for k in range(first, last):
            covering[k].append(e)
    rendered = displacy.render(
        {"text": text[line_start:line_end], "tokens": [text[s:e] for s, e in tokens], "spans": spans_data},
        style="span", manual=True, jupyter=False, options={"colors": COLORS},
    )
    root = lxml.html.fragment_fromstring(rendered)
    elements = [el for el in root if el.tag == "span"]
    marked = [k for k in range(len(tokens)) if covering.get(k)]
    if len(elements) != len(marked):  # displaCy changed its markup: keep its own rendering
        return rendered
    element_of = dict(zip(marked, elements, strict=True))
    root.text = ""
    for el in elements:
        el.tail = ""
    last_el: Any = None

    def put(s: str) -> None:
        if last_el is None:
            root.text = (root.text or "") + s
        else:
            last_el.tail = (last_el.tail or "") + s

    for k, (s, e) in enumerate(tokens):
        gap = text[e:tokens[k + 1][0]] if k + 1 < len(tokens) else ""
        ids = anchors.get(s, []) + [f"ent-{n}" for n in entity_starts.get(s, [])]
        el = element_of.get(k)
        if el is not None:
            # The token's own text, without displaCy's indentation (the page shows tokens with
            # white-space: pre); a space shared with the next token of the same entity goes
            # inside, so the entity's underline runs on across it.
            for child in el:
                child.tail = None
            inner = bool(gap) and k + 1 < len(tokens) and any(c in covering.get(k + 1, ()) for c in covering[k])
            el.text = None
            for aid in reversed(ids):
                el.insert(0, lxml.html.Element("a", {"id": aid, "class": "anchor"}))
            label = text[s:e] + (gap if inner else "")
            if ids:
                el[len(ids) - 1].tail = label
            else:
                el.text = label
            if inner:
                gap = ""
            el.set("class", "tok")
            el.set("data-start", str(s))
            el.set("title", xml_safe("\n".join(
                f"{c.type}: {c.text}" + (f" → {c.value}" if c.value not in (None, "", c.text) else "")
                + f"  [{c.source}]" for c in covering[k])))
            last_el = el
            put(gap)
        else:
            for aid in ids:
                a = lxml.html.Element("a", {"id": aid, "class": "anchor"})
                index = 0 if last_el is None else root.index(last_el) + 1
                root.insert(index, a)
                last_el = a
            put(text[s:e] + gap)
    return lxml.html.tostring(root, encoding="unicode")


def _text_html(text: str, entities: list[_Ent], anchors: dict[int, list[str]]) -> str:
    cuts = {e.start for e in entities} | {e.end for e in entities} | set(anchors)
    tokens = split_spans(syllable_spans(text), cuts, text)
    # An anchor or entity starting on white space moves to the next token.
    token_starts = [s for s, _ in tokens]

    def snap(pos: int) -> int:
        k = bisect.bisect_left(token_starts, pos)
        return token_starts[k] if k < len(token_starts) else pos

    entity_starts: dict[int, list[int]] = defaultdict(list)
    for e in entities:
        entity_starts[snap(e.start)].append(e.n)
    snapped: dict[int, list[str]] = defaultdict(list)
    for pos, ids in anchors.items():
        snapped[snap(pos)].extend(ids)
    out = []
    pos = 0
    by_line: dict[int, list[Span]] = defaultdict(list)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    for s, e in tokens:
        by_line[bisect.bisect_left(newlines, s)].append((s, e))
    for number, line in enumerate(text.split("\n")):
        line_start, pos = pos, pos + len(line) + 1
        toks = by_line.get(number)
        if not toks:
            out.append(f'<div class="line blank" id="L{number + 1}"></div>')
            continue
        ents = [e for e in entities if e.start < line_start + len(line) and e.end > line_start]
        body = _line_html(text, line_start, toks, ents, snapped, entity_starts)
        out.append(f'<div class="line" id="L{number + 1}"><span class="ln">{number + 1}</span><div>{body}</div></div>')
    return "\n".join(out)


def _link(anchor: str | None, label: str, approx: bool = False) -> str:
    if not anchor:
        return '<span class="muted">–</span>'
    mark = "≈ " if approx else ""
    return f'<a href="#{anchor}" title="show in the text">{mark}{_esc(label)}</a>'


def _snippet(text: str, start: Any, end: Any, width: int = 90) -> str:
    if not isinstance(start, int) or not isinstance(end, int):
        return ""
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[:width - 1] + "…"


def _table(title: str, table_id: str, header: Sequence[str], rows: list[tuple[str, list[str]]],
           numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    if not rows:
        body = f'<tr><td colspan="{len(header)}" class="muted">none</td></tr>'
    else:
        body = "".join(
            f'<tr id="{rid}">' + "".join(
                f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(cells))
            + "</tr>" for rid, cells in rows)
    return (f'<section id="{table_id}"><h2>{_esc(title)} <span class="muted">({len(rows)})</span></h2>'
            f'<table class="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>')


def _outline(sections: list[dict[str, Any]], links: list[str | None]) -> str:
    if not sections:
        return '<p class="muted">no numbered sections</p>'
    out, depth = [], 0
    for sec, anchor in zip(sections, links, strict=True):
        level = max(1, int(sec.get("level") or 1))
        while depth < level:
            out.append("<ul>")
            depth += 1
        while depth > level:
            out.append("</ul>")
            depth -= 1
        heading = _esc((sec.get("heading") or "")[:90])
        label = _esc(sec.get("label") or sec.get("id"))
        out.append(f'<li><a href="#{anchor}">{label}</a> {heading} <span class="muted">{_esc(sec.get("id"))}</span></li>'
                   if anchor else f"<li>{label} {heading}</li>")
    out.extend("</ul>" for _ in range(depth))
    return '<div class="outline">' + "".join(out) + "</div>"


def _review_banner(rec: dict[str, Any], note: str | None = None) -> str:
    """The review flag with its reasons, and the warnings, for the top of the page."""
    review = rec.get("review") or {}
    reasons = [str(r) for r in review.get("reasons") or []]
    if review.get("needed"):
        flag = ('<div class="review needed" id="review"><b>Needs review — cần kiểm tra:</b> '
                + "".join(f"<code>{_esc(r)}</code>" for r in reasons) + "</div>")
    elif review:
        flag = '<div class="review ok" id="review">No review needed — không cần kiểm tra</div>'
    else:
        flag = ""
    warnings = rec.get("warnings") or []
    items = "".join(f'<li><a href="#row-warn-{i}"><code>{_esc(w.get("code"))}</code></a> {_esc(w.get("message"))}</li>'
                    for i, w in enumerate(warnings))
    if note:
        items += f'<li class="muted">{_esc(note)}</li>'
    return flag + (f'<ul class="topwarn" id="top-warnings">{items}</ul>' if items else "")


def build_page(record: Any, *, title: str | None = None, scan: scan_pane.ScanPages | None = None) -> str:
    """The review page of one record (a ``Record`` or a dict from records.jsonl), as HTML text.

    ``scan``: the page images and OCR words of a scan (``highlight``): drawn beside the text."""
    rec = _as_dict(record)
    text: str = xml_safe(rec.get("text") or "")
    header = rec.get("header") or {}
    source = rec.get("source") or {}
    entities = [
        _Ent(n, str(e.get("type")), int(e["start"]), int(e["end"]), str(e.get("text") or ""), e.get("value"),
             str(e.get("source") or ""))
        for n, e in enumerate(rec.get("entities") or [])
        if isinstance(e.get("start"), int) and isinstance(e.get("end"), int) and 0 <= e["start"] < e["end"] <= len(text)
    ]
    anchors = _Anchors(entities)
    marks = scan_pane.marks_for(text, scan)

    def on_page(row_id: str, label: Any, start: Any, end: Any, back_to: str | None = None) -> str:
        """The row's link to its boxes on the page image (nothing for a text document)."""
        return marks.add(row_id, str(label or ""), start, end, back_to) if marks else ""

    if marks:
        for e in entities:
            marks.entity(e.type, f"{e.type}: {e.text}", e.start, e.end)

    # ---- header fields: the record has no offsets, so look for the value in the text
    issuer = header.get("issuer") or {}
    number = header.get("number") or {}
    date = header.get("date") or {}
    doc_type = header.get("doc_type") or {}
    fields = [
        ("issuer", "cơ quan ban hành", issuer.get("name"), None),
        ("issuer_parent", "cơ quan chủ quản", issuer.get("parent"), None),
        ("number", "số, ký hiệu", number.get("raw"), None),
        ("place", "địa danh", header.get("place"), "case"),
        ("date", "ngày ban hành", date.get("value"), date.get("raw")),
        ("doc_type", "loại văn bản", doc_type.get("name"), (doc_type.get("name") or "").upper() or None),
        ("title", "trích yếu", header.get("title"), None),
        ("author", "tác giả", header.get("author"), None),
        ("source_name", "nguồn", header.get("source_name"), None),
    ]
    header_rows = []
    for key, vi, value, hint in fields:
        if not value:
            continue
        found = None
        if hint == "case":
            found = _find(text, str(value), case=True) or _find(text, str(value))
        elif hint:
            found = _find(text, hint, case=True) or _find(text, hint)
        found = found or _find(text, str(value))
        anchor = anchors.link("hdr", key, *(found or (None, None)))
        shown = _esc(value) + (f' <span class="muted">({_esc(date.get("raw"))})</span>' if key == "date" else "")
        if key == "issuer" and issuer.get("inferred"):
            shown += ' <span class="muted">(inferred)</span>'
        header_rows.append((f"row-hdr-{key}", [f"{_esc(key)}<br><span class='muted'>{vi}</span>", shown,
                                               _link(anchor, _snippet(text, *(found or (None, None)), 50), True)
                                               + on_page(f"row-hdr-{key}", f"{key}: {value}",
                                                         *(found or (None, None)))]))

    section_links = [anchors.link("sec", i, s.get("start"), s.get("end")) for i, s in enumerate(rec.get("sections") or [])]

    award_rows = []
    for i, a in enumerate(rec.get("awards") or []):
        anchor = anchors.link("award", i, a.get("start"), a.get("end"), ("AWARD",))
        boxes = on_page(f"row-award-{i}", f"award: {a.get('award')}", a.get("start"), a.get("end"))
        for j, r in enumerate(a.get("recipients") or []):
            if isinstance(r, dict):
                on_page(f"row-award-{i}-r{j}", f"recipient of {a.get('award')}: {r.get('name')}",
                        r.get("start"), r.get("end"), back_to=f"row-award-{i}")
        award_rows.append((f"row-award-{i}", [
            str(i), _esc(a.get("award")), _esc(a.get("category")), _esc(a.get("level")), _esc(a.get("status")),
            _esc(a.get("conferred_by")), _esc(a.get("collectives")), _esc(a.get("individuals")), _esc(a.get("total")),
            _esc(a.get("recipients") or ""), _esc(a.get("year")), _esc(a.get("section")),
            _link(anchor, _snippet(text, a.get("start"), a.get("end"), 60)) + boxes,
            # the named rule behind each attribute (extractors/awards), to trace a wrong value
            _esc("; ".join(f"{k}: {v}" for k, v in (a.get("evidence") or {}).items())),
        ]))
    comm_rows = []
    for i, c in enumerate(rec.get("commemorations") or []):
        anchor = anchors.link("comm", i, c.get("start"), c.get("end"), ("COMMEMORATION",))
        comm_rows.append((f"row-comm-{i}", [
            str(i), _esc(c.get("event")), _esc(c.get("ordinal")), _esc(c.get("start_date")),
            _esc(c.get("anniversary_date")), _esc(c.get("consistent")),
            _link(anchor, c.get("raw") or "") + on_page(f"row-comm-{i}", c.get("event"), c.get("start"), c.get("end")),
        ]))
    ref_rows = []
    for i, r in enumerate(rec.get("legal_refs") or []):
        anchor = anchors.link("ref", i, r.get("start"), r.get("end"), ("LEGAL_REF",))
        ref_rows.append((f"row-ref-{i}", [
            str(i), _esc(r.get("doc_type")), _esc(r.get("number")), _esc(r.get("year")), _esc(r.get("symbol")),
            _esc(r.get("date")), _esc(r.get("issuer")), _esc(r.get("title")),
            _link(anchor, r.get("raw") or "") + on_page(f"row-ref-{i}", r.get("raw"), r.get("start"), r.get("end")),
        ]))
    person_rows = []
    for i, p in enumerate(rec.get("persons") or []):
        anchor = anchors.link("person", i, p.get("start"), p.get("end"), ("PER",))
        person_rows.append((f"row-person-{i}", [
            str(i), _esc(p.get("name")), _esc(p.get("position")), _esc(p.get("organization")),
            _link(anchor, _snippet(text, p.get("start"), p.get("end"), 60))
            + on_page(f"row-person-{i}", f"person: {p.get('name')}", p.get("start"), p.get("end")),
        ]))
    signer_rows = []
    for i, s in enumerate(rec.get("signers") or []):
        anchor = anchors.link("signer", i, s.get("start"), s.get("end"))
        signer_rows.append((f"row-signer-{i}", [
            _esc(s.get("name")), _esc(s.get("position")), _esc(s.get("authority")), _esc(s.get("on_behalf_of")),
            _link(anchor, _snippet(text, s.get("start"), s.get("end"), 40))
            + on_page(f"row-signer-{i}", f"signer: {s.get('name')}", s.get("start"), s.get("end")),
        ]))
    warning_rows = []
    for i, w in enumerate(rec.get("warnings") or []):
        anchor = anchors.link("warn", i, w.get("start"), w.get("end"))
        warning_rows.append((f"row-warn-{i}", [_esc(w.get("code")), _esc(w.get("message")),
                                               _link(anchor, _snippet(text, w.get("start"), w.get("end"), 40))
                                               + on_page(f"row-warn-{i}", w.get("code"), w.get("start"), w.get("end"))]))

    counts = Counter(e.type for e in entities)
    legend = "".join(
        f'<span class="chip" data-label="{t}"><span class="swatch" style="background:{COLORS.get(t, "#ddd")}"></span>'
        f'<b>{t}</b> {_esc(LABELS.get(t, ("", ""))[0])} <span class="n">{counts[t]}</span></span>'
        for t in COLORS if counts[t]) or '<span class="muted">no entities</span>'
    error = rec.get("error")
    body_text = (_text_html(text, entities, anchors.by_offset) if text
                 else '<p class="muted">the record has no text (made with --no-text?)</p>')
    page_title = title or header.get("title") or source.get("path") or rec.get("doc_id") or "document"
    meta = " · ".join(_esc(x) for x in (source.get("path"), f"doc_id {rec.get('doc_id')}", source.get("format"),
                                        source.get("encoding"), f"{len(entities)} entities",
                                        f"{len(award_rows)} awards") if x)
    recipients = "".join(f"<li>{_esc(r)}</li>" for r in rec.get("recipients") or [])
    tables = "".join([
        _table("Awards — khen thưởng", "awards",
               ["#", "award", "category", "level", "status", "conferred by", "collectives", "individuals",
                "total", "recipients", "year", "section", "evidence", "decided by"], award_rows, numeric=(0, 6, 7, 8, 10)),
        _table("Commemorations — kỷ niệm", "commemorations",
               ["#", "event", "ordinal", "start date", "anniversary", "consistent", "evidence"], comm_rows,
               numeric=(0, 2)),
        _table("Legal references — văn bản viện dẫn", "legal-refs",
               ["#", "type", "number", "year", "symbol", "date", "issuer", "title", "evidence"], ref_rows,
               numeric=(0, 3)),
        _table("Persons — cá nhân", "persons", ["#", "name", "position", "organization", "evidence"], person_rows,
               numeric=(0,)),
        _table("Signers — người ký", "signers", ["name", "position", "authority", "on behalf of", "evidence"],
               signer_rows),
        _table("Warnings — cảnh báo", "warnings", ["code", "message", "evidence"], warning_rows),
    ])
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vnadmin-extract highlight">
<title>{_esc(page_title)}</title>
<style>{CSS}</style></head>
<body>
<header class="top"><h1>{_esc(page_title)}</h1><div class="meta">{meta}</div>
{f'<p class="error">{_esc(error.get("code"))}: {_esc(error.get("message"))}</p>' if error else ""}
{_review_banner(rec, scan.note if scan is not None else None)}</header>
<nav class="toc"><a href="#document">Text</a><a href="#header">Header</a><a href="#outline">Outline</a>
<a href="#awards">Awards</a><a href="#commemorations">Commemorations</a><a href="#legal-refs">Legal references</a>
<a href="#persons">Persons</a><a href="#signers">Signers</a><a href="#warnings">Warnings</a></nav>
<div class="layout{' with-scan' if marks and scan else ''}">
<main><section id="document"><h2>Text — văn bản</h2>
<div class="legend" id="legend">{legend}</div>
<div class="doctext">{body_text}</div></section></main>
{scan_pane.pane_html(scan, marks, COLORS, source.get("pages")) if marks and scan else ""}
<aside>
{_table("Header — thông tin văn bản", "header", ["field", "value", "evidence"], header_rows)}
<section id="outline"><h2>Outline — bố cục</h2>{_outline(rec.get("sections") or [], section_links)}</section>
<section id="recipients"><h2>Nơi nhận <span class="muted">({len(rec.get("recipients") or [])})</span></h2>
<ul>{recipients}</ul></section>
</aside></div>
<div class="tables">{tables}</div>
</body></html>
"""


def write_page(record: Any, path: str | Path, *, title: str | None = None,
               scan: scan_pane.ScanPages | None = None) -> Path:
    """Write ``build_page(record)`` to ``path`` (UTF-8); returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_page(record, title=title, scan=scan), encoding="utf-8")
    return out
