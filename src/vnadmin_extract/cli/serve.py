"""``vnadmin-extract serve OUTDIR``: browse vnadmin.db with Datasette on 127.0.0.1, read-only."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from . import UsageError

NAME = "serve"
HELP = "browse OUTDIR/vnadmin.db in Datasette (read-only, on 127.0.0.1) with facets and search"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a folder with vnadmin.db")
    p.add_argument("--port", type=int, default=8001, metavar="P", help="port on 127.0.0.1 (default 8001; 0: any free)")


def command(db: Path, metadata: Path, port: int) -> list[str]:
    """The Datasette command line: immutable database, loopback only."""
    return [
        sys.executable, "-m", "datasette", "serve", "--immutable", str(db), "--metadata", str(metadata),
        "--host", "127.0.0.1", "--port", str(port),
        "--setting", "truncate_cells_html", "300", "--setting", "default_page_size", "50",
        "--setting", "suggest_facets", "off", "--setting", "allow_download", "on",
    ]


def run(args: argparse.Namespace) -> int:
    from ..store.datasette import metadata
    from ..store.paths import DATABASE, DATASETTE_METADATA, inside

    outdir = Path(args.outdir)
    db = outdir / DATABASE
    if not db.is_file():
        raise UsageError(f"no {DATABASE} in {outdir} (make it with 'vnadmin-extract load {outdir}')")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise UsageError("serve needs Datasette: pip install datasette") from None
    meta = inside(outdir, DATASETTE_METADATA)
    tmp = meta.with_name(f".{meta.name}.tmp")
    tmp.write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, meta)
    print(f"serving {db} on http://127.0.0.1:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    sys.stderr.flush()
    cmd = command(db, meta, args.port)
    if hasattr(os, "execv"):
        # Datasette takes this process's place: signals (Ctrl-C, kill) reach it directly.
        os.execv(cmd[0], cmd)
    return subprocess.call(cmd)  # pragma: no cover (no exec on this platform)
