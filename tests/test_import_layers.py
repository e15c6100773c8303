"""Every import points down: a module imports only from its own floor's package or a lower
floor (issue 12, "Layers"). An import needed only for type annotations (under
``TYPE_CHECKING``) is allowed upward: it does not run.

Floors, lowest first; within one floor, packages do not import each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "vnadmin_extract"
FLOORS: list[set[str]] = [
    {"errors", "schema", "vietnamese", "extras", "paths", "resources"},
    {"rules"},
    {"normalize", "nlp", "document"},
    {"ingest", "structure"},
    {"extractors"},
    {"pipeline"},
    {"evaluation", "store"},
    {"batch"},
    {"analysis"},  # functions on DataFrames; Dataset only as a type annotation
    {"dataset"},
    {"review", "spacy_export"},
    {"cli", ""},  # "" is the package's __init__: the public API on top
    {"__main__"},
]
FLOOR = {name: i for i, names in enumerate(FLOORS) for name in names}


def _imports(path: Path) -> list[tuple[str, int]]:
    """(top-level package imported, line) for every relative import that runs."""
    rel = path.relative_to(PKG).with_suffix("")
    parts = list(rel.parts)
    package = parts[:-1]  # the package a module (or an __init__) imports relative to
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and id(node) not in type_only:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            if not target:  # "from .. import __version__" and the like: the names imported
                targets = [a.name for a in node.names]
            else:
                targets = [target[0]]
            out += [(t, node.lineno) for t in targets]
    return out


def _top(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    return "" if rel.parts == ("__init__",) else rel.parts[0]


def test_every_module_is_on_a_floor() -> None:
    tops = {_top(p) for p in PKG.rglob("*.py")}
    assert tops - set(FLOOR) == set()


def test_imports_point_down() -> None:
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        me = _top(path)
        for target, line in _imports(path):
            if target == "__version__" or target == me:
                continue
            if target not in FLOOR:
                continue  # a module-level name of the package __init__ other than the floors
            if FLOOR[target] >= FLOOR[me]:
                bad.append(f"{path.relative_to(PKG)}:{line} imports {target} (floor {FLOOR[target]} >= {FLOOR[me]})")
    assert bad == []
