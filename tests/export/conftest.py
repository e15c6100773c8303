"""Fixtures for the export tests: a real run over corpus/documents and a throwaway PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .pgcluster import Cluster, find_bindir, make_cluster

REPO = Path(__file__).resolve().parents[2]
CORPUS_DOCS = REPO / "corpus" / "documents"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``vnadmin-extract run corpus/documents -o OUT``, once per session."""
    out = tmp_path_factory.mktemp("export-run") / "out"
    done = subprocess.run([sys.executable, "-m", "vnadmin_extract", "run", str(CORPUS_DOCS), "-o", str(out),
                           "--workers", "2"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs PostgreSQL (postgresql in .ci/apt-packages.txt)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql postgresql-contrib)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'vnadmin-extract[postgres]')")
    cluster = make_cluster(bindir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_dsn(pg_cluster: Cluster, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database per test, dropped afterwards."""
    import psycopg

    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:50]
    with psycopg.connect(pg_cluster.dsn, autocommit=True) as con:
        con.execute(f'drop database if exists "{name}"')
        con.execute(f'create database "{name}"')
    yield pg_cluster.dsn.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_cluster.dsn, autocommit=True) as con:
        con.execute(f'drop database if exists "{name}" with (force)')
