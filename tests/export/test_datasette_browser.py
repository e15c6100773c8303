"""`vnadmin-extract serve` on a corpus run, looked at in headless Chromium as a person would.

Screenshots of every page are saved as test artifacts under the session's temporary folder
(the path is printed; ``pytest -s`` shows it).
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import browser, datasette, get, needs_chromium
from vnadmin_extract.store.fold import fold_search

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datasette-screenshots")
    print(f"\nscreenshots in {folder}")
    return folder


def see(url: str, shots: Path, name: str) -> str:
    """What a person sees: the DOM after the page's scripts ran; a screenshot is kept."""
    browser(url, f"--screenshot={shots / (name + '.png')}")
    done = browser(url, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def site(corpus_run: Path) -> Iterator[str]:
    with datasette(corpus_run) as base:
        yield base


def _rows(base: str, path: str, **params: str) -> list[dict]:
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    return json.loads(get(f"{base}{path}.json?{query}"))


def test_home_page_starts_with_awards_and_the_questions(site: str, shots: Path) -> None:
    dom = see(site + "/", shots, "home")
    listing = dom.split('class="bullets vnadmin-tables"', 1)[1].split("</ul>", 1)[0]
    order = [name for name in ("awards", "recipients", "documents", "persons", "sections", "entities")
             if f">{name}</strong>" in listing]
    assert order[:2] == ["awards", "documents"] or order[:3] == ["awards", "recipients", "documents"]
    assert order.index("documents") < order.index("sections") < order.index("entities")
    assert "Which awards did this person receive?" in dom and "Documents citing this decision" in dom
    assert "Awards by year and level" in dom


def test_an_award_links_to_its_document_and_evidence_and_shows_its_sentence(site: str, shots: Path) -> None:
    award = next(r for r in _rows(site, "/vnadmin/awards", award="Bằng khen", _sort="doc_id")
                 if "Trần Thị Mỹ Lệ" in (r["sentence"] or ""))
    doc_id, award_id = award["doc_id"], award["award_id"]
    dom = see(f"{site}/vnadmin/awards/{doc_id},{award_id}", shots, "award")
    assert "Cô Trần Thị Mỹ Lệ, giáo viên Tổ Ngữ văn, được Chủ tịch UBND tỉnh tặng Bằng khen" in dom
    assert f'href="/vnadmin/documents/{doc_id}"' in dom
    assert f'href="/-/review/{doc_id}?award={award_id}"' in dom
    # the evidence link lands on the award's words in the text of the review page
    with urllib.request.urlopen(f"{site}/-/review/{doc_id}?award={award_id}", timeout=10) as resp:
        landed = resp.geturl()
    anchor = landed.split("#", 1)[1]
    # (headless Chromium screenshots a page scrolled to a fragment blank: the shot is taken without it)
    review = see(landed.split("#", 1)[0], shots, "review")
    assert f'id="{anchor}"' in review and anchor != f"row-award-{award_id}"
    assert f'id="row-award-{award_id}"' in review and "Trần Thị Mỹ Lệ" in review
    doc = see(f"{site}/vnadmin/documents/{doc_id}", shots, "document")
    assert "Tổng kết công tác thi đua, khen thưởng năm học 2023 - 2024" in doc
    assert f'href="/vnadmin/awards?doc_id={doc_id}"' in doc  # its award count lists its awards


def test_awards_table_shows_rows_with_descriptions_one_click_away(site: str, shots: Path) -> None:
    dom = see(site + "/vnadmin/awards", shots, "awards")
    assert '<details class="vnadmin-column-descriptions"><summary>Mô tả cột / column descriptions' in dom
    assert "<details class=\"vnadmin-column-descriptions\" open" not in dom
    head = dom.split("<table", 1)[0]
    assert head.count("<dt>") == 0 or head.index("vnadmin-column-descriptions") < head.index("<dt>")
    assert 'class="col-sentence' in dom and 'href="/vnadmin/documents/' in dom


def test_canned_queries_fold_accents(site: str, shots: Path) -> None:
    dom = see(site + "/vnadmin/awards_of_person?name=tran+thi+my+le", shots, "query-person")
    assert "Bằng khen" in dom and "Cô Trần Thị Mỹ Lệ" in dom and "Số: 42/BC-THCSLQĐ" in dom
    assert _rows(site, "/vnadmin/awards_of_person", name="TRẦN THỊ MỸ LỆ") == \
        _rows(site, "/vnadmin/awards_of_person", name="tran thi my le")
    citing = _rows(site, "/vnadmin/documents_citing_legal_reference", reference="ND-CP")
    assert citing and len({r["doc_id"] for r in citing}) == len(citing)  # one row per document
    assert all("nd-cp" in fold_search(r["references_found"]) for r in citing)
    assert citing == _rows(site, "/vnadmin/documents_citing_legal_reference", reference="NĐ-CP")
    see(site + "/vnadmin/documents_citing_legal_reference?reference=ND-CP", shots, "query-citing")
    by_year = _rows(site, "/vnadmin/awards_by_year_and_level")
    assert sum(r["statements"] for r in by_year) == len(_rows(site, "/vnadmin/awards", _size="max"))
