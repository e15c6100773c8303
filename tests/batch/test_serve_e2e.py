"""`vnadmin-extract serve`: Datasette on 127.0.0.1, driven by headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from batch_testlib import award_record, cli, env, write_records

from vnadmin_extract.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def _dump_dom(url: str) -> str:
    assert CHROMIUM, "CI needs chromium (see .ci/apt-packages.txt)"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("serve")
    write_records(out, [award_record()])
    assert main(["load", str(out)]) == 0
    port = _free_port()
    proc = subprocess.Popen(cli("serve", str(out), "--port", str(port)), env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(base + "/-/versions.json")
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"datasette did not start: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_browser_search_without_diacritics_shows_the_award_row(server: str) -> None:
    dom = _dump_dom(server + "/vnadmin/awards?_search=chien+si+thi+dua")
    assert "Chiến sĩ thi đua cơ sở" in dom
    # only the matching row (its sentence column names the other award, no award cell does)
    assert 'col-award type-str">Lao động tiên tiến<' not in dom.split("<table", 1)[-1]
    dom = _dump_dom(server + "/vnadmin/awards?_search=lao+dong+tien+tien")
    assert "Lao động tiên tiến" in dom and "Quảng Ngãi" in dom  # the row, with its province facet


def test_server_is_read_only_with_facets_and_canned_queries(server: str) -> None:
    dbs = json.loads(_get(server + "/-/databases.json"))
    assert [(d["name"], d["is_mutable"]) for d in dbs] == [("vnadmin", False)]
    page = _get(server + "/vnadmin/awards")
    for facet in ("award", "year", "status", "issuer", "province"):
        assert f'data-column="{facet}"' in page or f">{facet}<" in page
    assert "nội dung thi đua, khen thưởng" in page
    assert "Khen thưởng theo năm" in _get(server + "/vnadmin/awards_by_year_and_level")
    cited = _get(server + "/vnadmin/documents_citing_legal_reference.json?reference=x&_shape=array")
    assert cited.strip().startswith("[")
