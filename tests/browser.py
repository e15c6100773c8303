"""Shared by the browser tests: headless Chromium, and a Datasette (`vnadmin-extract serve`)
started on a free loopback port and stopped afterwards.

Used by tests/batch/test_serve_e2e.py, tests/export/test_datasette_browser.py and the scan
review page test (tests/research/test_scan_review.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Skip without Chromium on a developer machine; in CI its absence is a failure (.ci/apt-packages.txt).
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed (apt-get install chromium)"
)
SRC = Path(__file__).resolve().parents[1] / "src"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read().decode("utf-8")


def browser(url: str, *flags: str, window: str = "1280,1000", timeout: float = 90) -> subprocess.CompletedProcess:
    """Headless Chromium on ``url`` with ``flags`` (``--dump-dom``, ``--screenshot=PATH``), a fresh profile."""
    assert CHROMIUM, "CI needs chromium (see .ci/apt-packages.txt)"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             f"--window-size={window}", *flags, url],
            capture_output=True, text=True, timeout=timeout, check=False,
        )


def dump_dom(url: str, **kwargs: object) -> str:
    """The DOM after the page's scripts ran."""
    done = browser(url, "--dump-dom", **kwargs)  # type: ignore[arg-type]
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cli_env(*paths: Path | str) -> dict[str, str]:
    """The environment of a CLI subprocess that imports this checkout (and ``paths``)."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([*map(str, paths), str(SRC), os.environ.get("PYTHONPATH", "")]))


@contextmanager
def datasette(outdir: Path | str, *, env: dict[str, str] | None = None, extra: Sequence[str] = (),
              start_seconds: float = 60) -> Iterator[str]:
    """``vnadmin-extract serve OUTDIR`` on a free port; yields its base URL, stops it on exit."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "vnadmin_extract", "serve", str(outdir), "--port", str(port), *extra],
                            env=env or cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    # A start-up bound, not a speed check: polled until Datasette answers or the process dies.
    deadline = time.monotonic() + start_seconds
    try:
        while True:
            try:
                get(base + "/-/versions.json", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(f"datasette did not start: {proc.stderr.read() if proc.stderr else ''}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
