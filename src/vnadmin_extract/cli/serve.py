"""``vnadmin-extract serve OUTDIR``: browse vnadmin.db with Datasette on 127.0.0.1, read-only.

Safe by default: the server listens on the loopback interface only and opens the database
immutable (Datasette cannot write it; SQL typed in the browser can only read). Both are
changed only on request: ``--host 0.0.0.0`` to share it on a network (a warning says so;
a reverse proxy with authentication belongs in front), ``--writable`` to open the database
for Datasette plugins that write.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

from ..extras import require
from . import UsageError

NAME = "serve"
HELP = "browse OUTDIR/vnadmin.db in Datasette (read-only, on 127.0.0.1) with facets and search"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="a folder with vnadmin.db")
    p.add_argument("--port", type=int, default=8001, metavar="P", help="port on 127.0.0.1 (default 8001; 0: any free)")
    p.add_argument("--host", default=LOOPBACK, metavar="ADDR",
                   help="interface to listen on (default 127.0.0.1: this machine only; 0.0.0.0 shares it "
                        "with the network, without any login)")
    p.add_argument("--writable", action="store_true",
                   help="open the database writable, for Datasette plugins that write (default: immutable)")


LOOPBACK = "127.0.0.1"


def command(db: Path, metadata: Path, port: int, host: str = LOOPBACK, writable: bool = False) -> list[str]:
    """The Datasette command line: immutable database on the loopback interface unless asked."""
    from ..store.datasette import PLUGINS_DIR

    database = [str(db)] if writable else ["--immutable", str(db)]
    return [
        sys.executable, "-m", "datasette", "serve", *database, "--metadata", str(metadata),
        "--plugins-dir", str(PLUGINS_DIR), "--host", host, "--port", str(port),
        # the person queries fold every sentence in Python: more than the default 1 s on a large run
        "--setting", "sql_time_limit_ms", "5000",
        "--setting", "truncate_cells_html", "300", "--setting", "default_page_size", "50",
        "--setting", "suggest_facets", "off", "--setting", "default_facet_size", "8", "--setting", "allow_download", "on",
    ]


def _port_free(host: str, port: int) -> bool:
    """Whether Datasette will be able to listen there (checked first: its own error is a traceback)."""
    import socket

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except OSError:
        return True  # let Datasette say what is wrong with the address
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(addr)
        except OSError:
            return False
    return True


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def run(args: argparse.Namespace) -> int:
    from ..store.datasette import metadata
    from ..store.paths import DATABASE, DATASETTE_METADATA, RECORDS, discard, fresh_tmp, inside

    outdir = Path(args.outdir)
    db = outdir / DATABASE
    if not db.is_file():
        raise UsageError(f"no {DATABASE} in {outdir} (make it with 'vnadmin-extract load {outdir}')")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    require("datasette")
    if args.port and not _port_free(args.host, args.port):
        raise UsageError(f"port {args.port} on {args.host} is in use; choose another with --port (0: any free port)")
    meta = inside(outdir, DATASETTE_METADATA)
    tmp = fresh_tmp(meta)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:  # fresh_tmp reserved the unique name
            records = outdir / RECORDS
            fh.write(json.dumps(metadata(db, records if records.is_file() else None), ensure_ascii=False, indent=2))
        os.replace(tmp, meta)
    except BaseException:
        discard(tmp)
        raise
    if not is_loopback(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this machine can read the database "
              "(put a reverse proxy with a login in front)", file=sys.stderr)
    if args.writable:
        print("warning: the database is opened writable (--writable)", file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {db} on http://{shown}:{args.port}/ ({'writable' if args.writable else 'read-only'}; "
          "Ctrl-C stops)", file=sys.stderr)
    sys.stderr.flush()
    cmd = command(db, meta, args.port, args.host, args.writable)
    if hasattr(os, "execv"):
        # Datasette takes this process's place: signals (Ctrl-C, kill) reach it directly.
        os.execv(cmd[0], cmd)
    return subprocess.call(cmd)  # pragma: no cover (no exec on this platform)
