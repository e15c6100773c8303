"""Optional parts and the extra that installs each (``pip install 'vnadmin-extract[EXTRA]'``).

Their imports are lazy: ``require`` is called where a command or function starts needing one,
so that a missing part gives one clear line instead of an ``ImportError`` deep in a traceback.
"""

from __future__ import annotations

import importlib.util

# module -> (extra, what needs it)
EXTRAS = {
    "distributed": ("dask", "running on a Dask cluster (--executor dask)"),
    "datasette": ("serve", "browsing a run (vnadmin-extract serve)"),
    "spacy": ("spacy", "spaCy export and the review page (export-spacy, highlight)"),
    "matplotlib": ("notebooks", "figures (vnadmin_extract.analysis.plotting)"),
    "networkx": ("notebooks", "citation graphs (vnadmin_extract.analysis.legal.citation_graph)"),
}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra installs it."""


def require(module: str) -> None:
    """Raise ``MissingExtra`` when ``module`` (a key of ``EXTRAS``) cannot be imported."""
    extra, purpose = EXTRAS[module]
    if importlib.util.find_spec(module) is None:
        raise MissingExtra(f"{purpose} needs {module}: pip install 'vnadmin-extract[{extra}]'")
