"""Award statements: who confers which award on how many collectives/individuals, when.

The unit of analysis is the sentence, split into clauses at ";" (``mentions``). Inside a clause
each run of award names joined by "và"/"," is a *group*; every group with recipients (a count,
named recipients, or a target) becomes one statement per award. Each attribute of a group is
decided by the first rule of an ordered list that applies, and the rule's id is recorded in the
statement's ``evidence``:

| attribute | rules, in order | module |
|---|---|---|
| counts | counts_after, counts_before, bare_number | ``counts`` |
| conferred_by | delegated_authority, authority_after, authority_before, authority_in_name, recipients_first, clause_authority, sentence_authority | ``giver`` |
| status | clause_cue, carried_cue, sentence_cue, heading_cue, conferring_verb (default: conferred) | ``status`` |
| year | period_after_award, achievement_year, clause_year, sentence_year, sentence_period, heading_year, title_year, document_date_year | ``year`` |

All rules read one context object (``context.Group``: the group, its clause and sentence, and
what earlier clauses passed on). Award names without recipients are AWARD entities only
(procedural mentions). Word lists live in ``patterns/award_rules.yaml`` and ``award_cues.yaml``.
"""

from __future__ import annotations

from ...document import Document
from ...vietnamese import lowered
from . import tables
from .context import DocState
from .mentions import SENTENCE_END, find_mentions, with_mentions
from .statements import statements

__all__ = ["SENTENCE_END", "find"]


def find(doc: Document) -> None:
    """Stage: AWARD and COUNT entities, ``doc.awards``."""
    regions = [(doc.body_start, doc.body_end)]
    if doc.appendix_start is not None:
        regions.append((doc.appendix_start, doc.doc_end))
    st = DocState(doc, doc.text, lowered(doc.text))
    for lo, hi in regions:
        mentions, sentences = find_mentions(doc.text, st.low, lo, hi)
        for m in mentions:
            doc.add_entity("AWARD", m.start, m.end, m.canonical, m.source)
        count = len(doc.awards)
        statements(st, with_mentions(sentences, mentions))
        rows = tables.find(st, lo, hi)
        if rows:  # a table row read by its headings is not read again as a sentence
            doc.awards[count:] = [a for a in doc.awards[count:]
                                  if a.evidence.get("counts") == "table_columns"
                                  or not any(s <= a.start < e for s, e in rows)]
