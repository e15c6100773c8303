"""A throwaway PostgreSQL cluster for tests (not a test module).

``initdb`` into a fresh temporary folder, ``pg_ctl start`` on a free local port with the
socket in that folder, trust authentication for local connections only; stopped and
removed at the end. initdb refuses to run as root, so as root the cluster belongs to the
``postgres`` user (Debian's package creates it) and the commands run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb and pg_ctl (or those on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
                   if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    user: str

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def _cmd(self, *args: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", self.user, "--", *args]
        return list(args)

    def run(self, *args: str) -> None:
        done = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")

    def start(self) -> None:
        data = self.root / "data"
        self.run(str(self.bindir / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust",
                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.root / "log"),
                 "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def make_cluster(bindir: Path) -> Cluster:
    root = Path(tempfile.mkdtemp(prefix="vnadmin-pg-"))
    if os.geteuid() == 0:
        user = "postgres"
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    return Cluster(bindir=bindir, root=root, port=_free_port(), user=user)
