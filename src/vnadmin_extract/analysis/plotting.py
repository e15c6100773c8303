"""Figures in notebooks that look the same whatever matplotlib backend runs them.

``show(fig, "awards_by_level")`` renders the figure to PNG, displays it as an image output
(so it appears under the inline backend, under ``MPLBACKEND=Agg`` in CI and in exported
notebooks alike), closes it (no second copy from the inline backend) and, when the
environment variable ``VNADMIN_FIGURES`` names a folder, also saves ``<name>.png`` there.
matplotlib is an optional dependency (the ``notebooks`` extra), imported only here.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

FIGURES_ENV = "VNADMIN_FIGURES"


def show(fig: Any, name: str | None = None, dpi: int = 110) -> Path | None:
    """Display ``fig`` as a PNG image output; save it to ``$VNADMIN_FIGURES/<name>.png`` if set."""
    from ..extras import require

    require("matplotlib")
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    png = buf.getvalue()
    saved = None
    folder = os.environ.get(FIGURES_ENV)
    if folder and name:
        safe = re.sub(r"[^\w.-]+", "_", name)
        saved = Path(folder) / f"{safe}.png"
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(png)
    try:
        from IPython.display import Image, display

        display(Image(data=png, format="png"))
    except ImportError:  # outside IPython: saving is all there is to do
        pass
    return saved
