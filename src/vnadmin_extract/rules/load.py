"""The one loader of ``patterns/``: parse, validate every file, report every problem at once.

``load_rules()`` reads every ``*.yaml`` in the patterns folder (``$VNADMIN_PATTERNS`` if set,
else the one shipped with the package), validates each against its model in
``rules/models.py`` and the checks no model expresses (unique ids, regexes that compile, NFC
strings, no file without a model), and raises one ``RuleError`` listing every problem as
``file: entry: what``. The result is cached per folder.

Parsing was the largest part of a cold start (PyYAML's pure-Python loader: 180 ms on an
idle machine, over a second under load); files are read with libyaml's C loader (``CSafeLoader``,
about 20 ms for all of them), and with the pure-Python safe loader only where PyYAML was built
without libyaml. Both construct plain data only (no Python objects from tags).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml
from pydantic import BaseModel, ValidationError

from ..errors import RuleError
from . import models

ENV = "VNADMIN_PATTERNS"

# libyaml's safe loader, about ten times faster than the pure-Python one
_SAFE_LOADER: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


@dataclass(frozen=True)
class Rules:
    """Every pattern file: ``data[name]`` as parsed, ``by_file[name]`` validated."""

    directory: Path
    data: dict[str, Any]
    by_file: dict[str, BaseModel]

    # Typed access for the modules that read one file.
    @property
    def awards(self) -> models.AwardsFile:
        return self.by_file["awards.yaml"]  # type: ignore[return-value]

    @property
    def award_cues(self) -> models.AwardCuesFile:
        return self.by_file["award_cues.yaml"]  # type: ignore[return-value]

    @property
    def compounds(self) -> models.CompoundsFile:
        return self.by_file["compounds.yaml"]  # type: ignore[return-value]

    @property
    def doc_types(self) -> models.DocTypesFile:
        return self.by_file["doc_types.yaml"]  # type: ignore[return-value]

    @property
    def grouping(self) -> models.GroupingFile:
        return self.by_file["grouping.yaml"]  # type: ignore[return-value]

    @property
    def legal_refs(self) -> models.LegalRefsFile:
        return self.by_file["legal_refs.yaml"]  # type: ignore[return-value]

    @property
    def movements(self) -> models.MovementsFile:
        return self.by_file["movements.yaml"]  # type: ignore[return-value]

    @property
    def organizations(self) -> models.OrganizationsFile:
        return self.by_file["organizations.yaml"]  # type: ignore[return-value]

    @property
    def person_names(self) -> models.PersonNamesFile:
        return self.by_file["person_names.yaml"]  # type: ignore[return-value]

    @property
    def positions(self) -> models.PositionsFile:
        return self.by_file["positions.yaml"]  # type: ignore[return-value]

    @property
    def provinces(self) -> models.ProvincesFile:
        return self.by_file["provinces.yaml"]  # type: ignore[return-value]

    @property
    def stopwords(self) -> models.StopwordsFile:
        return self.by_file["stopwords.yaml"]  # type: ignore[return-value]

    @property
    def web_chrome(self) -> models.WebChromeFile:
        return self.by_file["web_chrome.yaml"]  # type: ignore[return-value]


def patterns_dir() -> Path:
    """``$VNADMIN_PATTERNS`` if set (a folder holding every pattern file), else the package's."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    from ..resources import patterns_dir as shipped

    return shipped()


def load_rules() -> Rules:
    """Every pattern file, validated (cached per folder); raises ``RuleError``."""
    return _load(str(patterns_dir()))


def load_yaml(name: str) -> Any:
    """The parsed data of one pattern file, after every file validated."""
    return load_rules().data[name]


@functools.cache
def _load(directory: str) -> Rules:
    folder = Path(directory)
    if not folder.is_dir():
        raise RuleError([f"{folder}: the patterns folder does not exist"])
    files = sorted(p for p in folder.iterdir() if p.suffix == ".yaml")
    data: dict[str, Any] = {}
    problems: list[str] = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                data[path.name] = yaml.load(fh, Loader=_SAFE_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: cannot be read: {_one_line(str(exc))}")
    validated = validate(data, problems)
    if problems:
        raise RuleError(problems)
    return Rules(folder, data, validated)


def validate(data: dict[str, Any], problems: list[str]) -> dict[str, BaseModel]:
    """The models of ``data`` (file name -> parsed YAML); every problem appended to ``problems``."""
    out: dict[str, BaseModel] = {}
    for name in sorted(set(models.FILES) - set(data)):
        problems.append(f"{name}: missing")
    for name, content in data.items():
        model = models.FILES.get(name)
        if model is None:
            problems.append(f"{name}: no model in rules/models.py describes this file")
            continue
        before = len(problems)
        for where, text in _strings(content):
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{name}: {_entry(content, where)}: not NFC: {text!r}")
        if not isinstance(content, dict):
            problems.append(f"{name}: expected a mapping at the top, got {type(content).__name__}")
            continue
        try:
            validated = model.model_validate(content)
        except ValidationError as exc:
            for err in exc.errors():
                where = tuple(err["loc"])
                problems.append(f"{name}: {_entry(content, where)}: {err['msg']}")
        _check_entries(name, content, problems)
        if len(problems) == before:
            out[name] = validated
    return out


def _check_entries(name: str, content: dict[str, Any], problems: list[str]) -> None:
    """Unique ids in every list of rules; each ``pattern`` compiles."""
    for key in models.ID_LISTS.get(name, ()):
        seen: dict[str, int] = {}
        entries = content.get(key)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            rid = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(rid, str):
                continue  # the model reported it
            if rid in seen:
                problems.append(f"{name}: {key}[{i}] (id={rid}): duplicate id (first at {key}[{seen[rid]}])")
            seen.setdefault(rid, i)
            pattern = entry.get("pattern")
            if isinstance(pattern, str):
                try:
                    regex.compile(pattern, regex.X | regex.I)
                except regex.error as exc:
                    problems.append(f"{name}: {key}[{i}] (id={rid}): pattern does not compile: {exc}")


def _entry(content: Any, where: tuple[Any, ...]) -> str:
    """``awards[3] (id=cstd_co_so).variants[2]``: a location a person can find in the file."""
    out, node = "", content
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict):
                label = next((f"{k}={node[k]}" for k in ("id", "canonical", "code", "name", "word", "head", "title")
                              if isinstance(node.get(k), str | int)), None)
                if label:
                    out += f" ({label})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(top)"


def _strings(node: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str):
                yield (*where, k), k
            yield from _strings(v, (*where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*where, i))


def _one_line(message: str) -> str:
    return re.sub(r"\s+", " ", message).strip()
