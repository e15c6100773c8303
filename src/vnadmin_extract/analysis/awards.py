"""The award statements ready for analysis: labels, recipient kinds, conferring authorities.

``awards_table(ds)`` is ``ds.awards`` with the issuing document's ``doc_year, doc_type,
doc_issuer, doc_province`` and three columns derived from the award taxonomy
(``patterns/awards.yaml``) and the text:

- ``recipient_kind``: whom the award is for by law: ``individual``, ``collective``,
  ``household`` (Gia đình văn hóa) or ``any`` (Bằng khen, Huân chương ... go to both); a class
  suffix ("Huân chương Lao động hạng Ba") is looked up without its class;
- ``authority``: ``conferred_by`` in one spelling, so counts do not split over variants:
  "Chủ tịch Ủy ban nhân dân tỉnh" and "Chủ tịch UBND tỉnh" are both "Chủ tịch UBND tỉnh"
  ("Ủy ban nhân dân" -> UBND, "Hội đồng nhân dân" -> HĐND, "Giáo dục và Đào tạo" -> GD&ĐT,
  case of the first letter);
- ``households``: for household awards, the number of families (from ``collectives``,
  ``individuals`` or ``total``, whichever the statement gives), because 41,250 "Gia đình văn hóa"
  are families, neither collectives nor individuals (those two are then null).

``LEVEL_LABELS``, ``STATUS_LABELS``, ``CATEGORY_LABELS`` are display labels in Vietnamese.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pandas as pd
import regex

from ..rules.load import load_yaml

if TYPE_CHECKING:
    from ..dataset import Dataset

LEVEL_LABELS = {
    "nha_nuoc": "Nhà nước", "thu_tuong": "Thủ tướng", "bo_tinh": "Bộ, ngành, tỉnh", "co_so": "Cơ sở",
    "dang": "Đảng", "cong_doan": "Công đoàn", "doan_thanh_nien": "Đoàn Thanh niên", "other": "Khác",
}
STATUS_LABELS = {"conferred": "đã tặng", "registered": "đăng ký", "proposed": "đề nghị", "target": "chỉ tiêu"}
CATEGORY_LABELS = {"emulation_title": "danh hiệu thi đua", "commendation": "hình thức khen thưởng",
                   "rating": "xếp loại", "other": "khác"}

_CLASS = regex.compile(r"\s+hạng\s+(?:Nhất|Nhì|Ba)$", regex.IGNORECASE)
_AUTHORITY = [
    (regex.compile(r"\bỦy ban nhân dân\b", regex.IGNORECASE), "UBND"),
    (regex.compile(r"\bHội đồng nhân dân\b", regex.IGNORECASE), "HĐND"),
    (regex.compile(r"\bGiáo dục và Đào tạo\b", regex.IGNORECASE), "GD&ĐT"),
    (regex.compile(r"\s+"), " "),
]


@functools.cache
def _taxonomy() -> dict[str, str]:
    return {str(a["canonical"]): str(a["recipient"]) for a in load_yaml("awards.yaml")["awards"]}


def recipient_kind(award: Any) -> str | None:
    """``individual``, ``collective``, ``household`` or ``any`` for a canonical award name."""
    if not isinstance(award, str):
        return None
    table = _taxonomy()
    return table.get(award) or table.get(_CLASS.sub("", award))


def authority_key(name: Any) -> str | None:
    """One spelling of a conferring authority ("Chủ tịch Ủy ban nhân dân tỉnh" -> "Chủ tịch UBND tỉnh")."""
    if not isinstance(name, str) or not name.strip():
        return None
    out = name.strip()
    for pattern, repl in _AUTHORITY:
        out = pattern.sub(repl, out)
    return out[:1].upper() + out[1:]


def awards_table(ds: Dataset) -> pd.DataFrame:
    """``ds.awards`` with document metadata, ``recipient_kind``, ``authority`` and ``households``."""
    table = ds.with_documents("awards", ("year", "doc_type", "issuer", "province"))
    table = table.rename(columns={"doc_doc_type": "doc_type"})
    table["recipient_kind"] = pd.Series([recipient_kind(a) for a in table["award"].tolist()],
                                        index=table.index, dtype="string")
    table["authority"] = pd.Series([authority_key(a) for a in table["conferred_by"].tolist()],
                                   index=table.index, dtype="string")
    household = (table["recipient_kind"] == "household").fillna(False).astype(bool)
    counted = table["collectives"].fillna(table["individuals"]).fillna(table["total"])
    table["households"] = counted.where(household).astype("Int64")
    table.loc[household, ["collectives", "individuals"]] = pd.NA
    return table
