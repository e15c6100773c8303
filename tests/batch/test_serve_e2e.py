"""`vnadmin-extract serve`: Datasette on 127.0.0.1, driven by headless Chromium."""

from __future__ import annotations

import json

import pytest
from batch_testlib import award_record, env, write_records
from tests.browser import datasette, dump_dom, get, needs_chromium

from vnadmin_extract.cli import main

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("serve")
    write_records(out, [award_record()])
    assert main(["load", str(out)]) == 0
    with datasette(out, env=env(), start_seconds=30) as base:
        yield base


def test_browser_search_without_diacritics_shows_the_award_row(server: str) -> None:
    dom = dump_dom(server + "/vnadmin/awards?_search=chien+si+thi+dua")
    assert "Chiến sĩ thi đua cơ sở" in dom
    # only the matching row (its sentence column names the other award, no award cell does)
    assert 'col-award type-str">Lao động tiên tiến<' not in dom.split("<table", 1)[-1]
    dom = dump_dom(server + "/vnadmin/awards?_search=lao+dong+tien+tien")
    assert "Lao động tiên tiến" in dom and "Quảng Ngãi" in dom  # the row, with its province facet


def test_server_is_read_only_with_facets_and_canned_queries(server: str) -> None:
    dbs = json.loads(get(server + "/-/databases.json"))
    assert [(d["name"], d["is_mutable"]) for d in dbs] == [("vnadmin", False)]
    page = get(server + "/vnadmin/awards")
    for facet in ("award", "year", "status", "issuer", "province"):
        assert f'data-column="{facet}"' in page or f">{facet}<" in page
    assert "nội dung thi đua, khen thưởng" in page
    assert "Khen thưởng theo năm" in get(server + "/vnadmin/awards_by_year_and_level")
    cited = get(server + "/vnadmin/documents_citing_legal_reference.json?reference=x&_shape=array")
    assert cited.strip().startswith("[")
