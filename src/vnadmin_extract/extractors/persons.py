"""(stub)"""

from __future__ import annotations

from ..document import Document


def find(doc: Document) -> None:
    return None
