"""Infer the issuer when the header block is missing (seeds 000 and 001).

The symbol's issuer code is built from the issuer's initials ("BC-SKHCN": Sở Khoa học và
Công nghệ; "KH-KHCN": the same without the head's letter), so the text's organisation
names are matched against it. A provincial department's parent is the province's
People's Committee when the place of issue is a province.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

import regex

from .. import errors
from ..document import Document
from ..rules import gazetteer, vocab
from ..rules.cache import fast_compile
from ..rules.cache import rx as _rx
from ..schema import Header, Issuer
from ..vietnamese import strip_diacritics

_SKIP = {"và", "&", "các", "của"}
_PROVINCIAL_HEADS = ("Sở", "Ban", "Văn phòng", "Thanh tra", "Đài", "Báo", "Trường", "Bệnh viện", "Trung tâm")


@functools.cache
def _org_name_regex() -> Any:
    heads = "|".join(regex.escape(h) for h in vocab.org_heads() if h[:1].isupper() and " " not in h)
    return fast_compile(rf"(?<!\w)(?:{heads})(?:\s+(?:và\s+|&\s*)?\p{{Lu}}[\p{{Ll}}\p{{Lu}}&]*(?:\s+\p{{Ll}}+)?){{1,6}}")


def _org_names(text: str) -> list[str]:
    return [m.group().strip() for m in _org_name_regex().finditer(text)]


def _initials(name: str, with_head: bool) -> str:
    words = [w for w in _rx(r"\s+").split(name) if w.lower() not in _SKIP]
    if not with_head:
        words = words[1:]
    return strip_diacritics("".join(w[0] for w in words if w)).upper()


def infer(doc: Document, header: Header) -> None:
    code = (header.number.issuer_code if header.number else None) or ""
    key = strip_diacritics(code).upper()
    name = None
    if key:
        counts: Counter[str] = Counter()
        for cand in _org_names(doc.text[: doc.doc_end]):
            # Try the longest prefix whose initials equal the code.
            words = cand.split()
            for n in range(len(words), 1, -1):
                sub = " ".join(words[:n])
                if key in (_initials(sub, True), _initials(sub, False)):
                    counts[sub] += 1
                    break
        if counts:
            name = counts.most_common(1)[0][0]
    if name is None:
        doc.warn(errors.W_NO_HEADER, "no header block and no issuer could be inferred from the text")
        return
    parent = None
    prov = gazetteer.province(header.place)
    if prov and name.startswith(_PROVINCIAL_HEADS):
        parent = f"UBND {'thành phố' if prov.kind == 'thanh_pho' else 'tỉnh'} {header.place}"
    header.issuer = Issuer(name=name, parent=parent, inferred=True)
    header.sources["issuer"] = "inferred"
    doc.warn(errors.W_ISSUER_INFERRED,
             f"no header block: issuer {name!r} inferred from the symbol {code!r} and the text"
             + (f", parent from the place {header.place!r}" if parent else ""))
