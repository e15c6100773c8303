"""The shape of every file in ``patterns/``, as pydantic models (unknown keys are errors).

One model per file, named after it (``awards.yaml`` -> ``AwardsFile``), listed in ``FILES``.
``load.load_rules()`` validates every file against its model, and the cross-entry checks
(unique ids, compiling regexes, NFC) at once, so that a broken entry is reported with its
file and entry before any document is read.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Phrase = Annotated[str, StringConstraints(min_length=1)]
Phrases = Annotated[list[Phrase], Field(min_length=1)]
# A rule id: ascii snake_case, unique in its file.
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Checked(_Model):
    """An entry with sentences it must match (``examples``) and must not (``counter_examples``);
    ``tests/test_patterns_data.py`` runs them through the matcher that uses the entry."""

    examples: Phrases
    counter_examples: list[Phrase] = []


# --- awards.yaml -------------------------------------------------------------------------

AwardCategory = Literal["emulation_title", "commendation", "rating", "other"]
AwardLevel = Literal["nha_nuoc", "thu_tuong", "bo_tinh", "co_so", "dang", "cong_doan", "doan_thanh_nien", "other"]
Recipient = Literal["individual", "collective", "household", "any"]


class Award(_Model):
    id: RuleId
    canonical: Phrase
    category: AwardCategory
    level: AwardLevel
    recipient: Recipient
    conferred_by: list[Phrase] = []
    legal_basis: str | None = None
    classes: bool = False
    variants: Phrases
    examples: list[Phrase] = []
    counter_examples: list[Phrase] = []


class AwardsFile(_Model):
    awards: Annotated[list[Award], Field(min_length=1)]


# --- award_cues.yaml ---------------------------------------------------------------------

class StatusCues(_Model):
    conferred: Phrases
    registered: Phrases
    proposed: Phrases
    target: Phrases


class RecipientNouns(_Model):
    collective: Phrases
    individual: Phrases
    household: Phrases
    mixed: Phrases


class AwardCuesFile(_Model):
    status_cues: StatusCues
    heading_neutral_cues: Phrases
    recipient_nouns: RecipientNouns
    authority_heads: Phrases
    number_words: Annotated[dict[Phrase, int], Field(min_length=1)]


# --- small vocabularies ------------------------------------------------------------------

class CompoundsFile(_Model):
    compounds: Phrases


class DocType(_Model):
    code: Phrase | None
    names: Phrases
    older: list[Phrase] = []


class DocTypesFile(_Model):
    doc_types: Annotated[list[DocType], Field(min_length=1)]


class MovementsFile(_Model):
    introducers: Phrases
    examples: list[Phrase] = []


class StopwordsFile(_Model):
    stopwords: Phrases


class LegalRefsFile(_Model):
    """Words of legal references (extractors/legal_refs.py)."""

    title_stops: Phrases
    lower_title_refused: Phrases
    draft_law_before: Phrases
    parent_line_starts: Phrases
    constitution_generic_after: Phrases


# --- organisations, positions, persons ---------------------------------------------------

class NameEnd(Checked):
    """A word after which an organisation's name has ended: a verb or function word.

    One syllable: it ends the name unless the next word is in ``unless_next`` ("dự" but not
    "Ban Quản lý dự án"). Two syllables: a compound verb whose first syllable also occurs
    inside names ("báo cáo", but "Ban Báo chí"): it ends the name only as a whole."""

    id: RuleId
    word: Phrase
    unless_next: list[Phrase] = []


class IssuerEnd(Checked):
    """A word that ends the issuer's name in a citation ("... của Chính phủ quy định ...").

    ``lower_case``: it ends the name when written in lower case, from the first word on;
    ``any_case``: in any case, once a word of the name is taken ("V/v"); ``unless_next``: the
    next words that keep it inside the name ("ban chỉ đạo")."""

    id: RuleId
    word: Phrase
    lower_case: bool = True
    any_case: bool = False
    unless_next: list[Phrase] = []


class OrganizationsFile(_Model):
    heads: Phrases
    abbreviations: Annotated[dict[Phrase, Phrase], Field(min_length=1)]
    name_ends: Annotated[list[NameEnd], Field(min_length=1)]
    citation_issuer_ends: Annotated[list[IssuerEnd], Field(min_length=1)]
    # Lower-case words that go on a body's name after any word ("Quốc hội khóa XV", "Chi cục
    # Thuế khu vực II"): besides the heads, positions and administrative units.
    citation_issuer_continues: list[Phrase] = []
    # Words after which a quoted movement is part of the name ("Ban Chỉ đạo phong trào “...”").
    citation_issuer_movements: list[Phrase] = []
    # Bodies that issue under their own name and head no other name ("Quốc hội", "Bộ Chính trị").
    citation_issuer_bodies: list[Phrase] = []


class Position(_Model):
    canonical: Phrase
    variants: list[Phrase] = []
    examples: list[Phrase] = []
    counter_examples: list[Phrase] = []


class PositionsFile(_Model):
    positions: Annotated[list[Position], Field(min_length=1)]
    deputies: dict[Phrase, Phrase] = {}  # head -> who signs "KT." for it, where not "Phó " + head


class Titles(_Model):
    military_and_police_ranks: Phrases
    academic: Phrases
    academic_abbreviations: Phrases
    honorary: Phrases
    honorary_abbreviations: Phrases


class Honorific(Checked):
    """A word of address before a name ("đồng chí", "ông"); written in lower case, matched
    lower case and capitalised. ``signature``: also written before a signer's name under the
    signature ("Ông Nguyễn Văn An"), where only the capitalised form is recognised."""

    id: RuleId
    word: Phrase
    signature: bool = False


class PersonNamesFile(_Model):
    surnames: Phrases
    not_persons: Phrases
    named_after_person: Phrases = []
    titles: Titles
    honorifics: Annotated[list[Honorific], Field(min_length=1)]


# --- places ------------------------------------------------------------------------------

class Province(_Model):
    name: Phrase
    kind: Literal["tinh", "thanh_pho"]
    merged_into: Phrase
    aliases: list[Phrase] = []


AdminLevel = Literal["province", "district", "commune"]


class AdminUnit(Checked):
    """A kind of administrative unit written before a place's name ("thị xã Điện Bàn")."""

    id: RuleId
    word: Phrase
    level: AdminLevel
    abbreviations: list[Phrase] = []


class ProvincesFile(_Model):
    provinces_pre2025: Annotated[list[Province], Field(min_length=1)]
    admin_units: Annotated[list[AdminUnit], Field(min_length=1)]


# --- web pages ---------------------------------------------------------------------------

class ChromeRule(Checked):
    """A line of page furniture (counters, share buttons, related-news lists).

    ``pattern`` is a regular expression (``regex`` syntax, verbose, case-insensitive)
    matched at the start of a line; ``tail``: once seen after the body, the rest of the
    page is not the document; ``inline``: the line is furniture wherever it stands."""

    id: RuleId
    pattern: Phrase
    inline: bool = True
    tail: bool = False


class WebChromeFile(_Model):
    chrome: Annotated[list[ChromeRule], Field(min_length=1)]


# --- award statements (extractors/awards/) -----------------------------------------------

class AwardRuleWords(_Model):
    """A word list of the award-statement rules: phrases in order (white space inside a
    phrase matches any run)."""

    id: RuleId
    words: Phrases
    examples: list[Phrase] = []
    counter_examples: list[Phrase] = []


class AwardRulesFile(_Model):
    entries: Annotated[list[AwardRuleWords], Field(min_length=1)]


# --- award recipients (extractors/recipients.py) -------------------------------------------

class RecipientKinds(_Model):
    collective: Phrases
    individual: Phrases
    household: Phrases


class RecipientColumns(_Model):
    index: Phrases
    name: Phrases
    position: Phrases
    organization: Phrases
    note: Phrases
    award: Phrases
    kind: Phrases


class TitleStatus(_Model):
    proposed: Phrases
    conferred: Phrases


class RecipientsFile(_Model):
    """How lists of recipients are laid out: part headings by kind, phrases that refer to a
    list, list titles, the status a title gives, household prefixes, table columns, unit heads."""

    parts: RecipientKinds
    list_refs: Phrases
    list_titles: Phrases
    title_status: TitleStatus
    household_prefixes: Phrases
    columns: RecipientColumns
    unit_heads: Phrases


# --- grouping recipients across documents (store/groups.py) -------------------------------

class GroupingFile(_Model):
    """Abbreviations expanded in organisation keys, other names of one body, the words that put a
    province before its name, and the bare words that mean the issuer's own district."""

    abbreviations: dict[Phrase, Phrase]
    aliases: dict[Phrase, Phrase]
    province_words: Phrases
    local_words: Phrases


# --- header and signature blocks ----------------------------------------------------------

class HeaderWordsFile(_Model):
    """Phrases of the header and signature blocks: OCR'd header lines are repaired against them
    (ingest/ocr_repair.py) and lines a narrow cell broke inside one are rejoined
    (structure/reflow.py); ``rejoin_examples`` are line pairs to rejoin, ``rejoin_counter_examples``
    pairs that must stay apart."""

    phrases: Phrases
    rejoin_examples: Annotated[list[Annotated[list[Phrase], Field(min_length=2, max_length=2)]],
                               Field(min_length=1)]
    rejoin_counter_examples: list[Annotated[list[Phrase], Field(min_length=2, max_length=2)]] = []
    # the labels of a letterhead's contact lines ("Điện thoại: ...", "Website: ..."), walked over
    # when the header block is found above the number (structure/boilerplate.py)
    contact_labels: list[Phrase] = []
    contact_examples: list[Phrase] = []


class OcrWordsFile(_Model):
    """Word repair of OCR'd running text (ingest/ocr_words.py): administrative words missing
    from underthesea's word list (``words``), list words never restored to (``never_targets``),
    (OCR'd line, repaired line) ``examples`` and correct lines left as they are
    (``counter_examples``)."""

    words: Phrases
    never_targets: list[Phrase] = []
    examples: Annotated[list[Annotated[list[Phrase], Field(min_length=2, max_length=2)]], Field(min_length=1)]
    counter_examples: list[Phrase] = []


class LegacyCapsFile(_Model):
    """Header and signature lines of TCVN3 text whose capitals font was lost (ingest/legacy_caps.py);
    ``examples`` are (line as decoded, line restored), ``counter_examples`` lines left as they are."""

    signing_codes: Phrases
    type_links: Phrases
    type_prefixes: Phrases
    motto: Phrases
    subject_starts: Phrases
    body_starts: Phrases
    examples: Annotated[list[Annotated[list[Phrase], Field(min_length=2, max_length=2)]], Field(min_length=1)]
    counter_examples: list[Phrase] = []


class IssuersFile(_Model):
    """What may stand as the issuing body in a header block (rules/issuers.py)."""

    issuing_positions: Phrases
    abbreviation_prefixes: Phrases
    examples: Phrases
    counter_examples: Phrases


class HeaderLayoutsFile(_Model):
    """Header layouts besides the two-column block (structure/header_layouts.py): type-line
    qualifiers, form labels, blank-form issuer placeholders, consolidation certificates."""

    type_qualifiers: Phrases
    form_labels: Phrases
    placeholder_issuers: Phrases
    certification_lines: Phrases
    not_titles: Phrases


# The file name -> its model. Every ``*.yaml`` in patterns/ must be listed here.
FILES: dict[str, type[_Model]] = {
    "awards.yaml": AwardsFile,
    "award_rules.yaml": AwardRulesFile,
    "award_cues.yaml": AwardCuesFile,
    "compounds.yaml": CompoundsFile,
    "doc_types.yaml": DocTypesFile,
    "grouping.yaml": GroupingFile,
    "header_layouts.yaml": HeaderLayoutsFile,
    "header_words.yaml": HeaderWordsFile,
    "issuers.yaml": IssuersFile,
    "legacy_caps.yaml": LegacyCapsFile,
    "legal_refs.yaml": LegalRefsFile,
    "movements.yaml": MovementsFile,
    "ocr_words.yaml": OcrWordsFile,
    "organizations.yaml": OrganizationsFile,
    "person_names.yaml": PersonNamesFile,
    "positions.yaml": PositionsFile,
    "provinces.yaml": ProvincesFile,
    "recipients.yaml": RecipientsFile,
    "stopwords.yaml": StopwordsFile,
    "web_chrome.yaml": WebChromeFile,
}

# Lists of entries whose ``id`` must be unique in the file, and whose ``pattern`` must compile.
ID_LISTS: dict[str, tuple[str, ...]] = {
    "award_rules.yaml": ("entries",),
    "awards.yaml": ("awards",),
    "organizations.yaml": ("name_ends", "citation_issuer_ends"),
    "person_names.yaml": ("honorifics",),
    "provinces.yaml": ("admin_units",),
    "web_chrome.yaml": ("chrome",),
}
