"""``vnadmin-extract highlight``: the offline review page, checked as HTML and in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from vnadmin_extract import extract_file
from vnadmin_extract.cli import main
from vnadmin_extract.review import COLORS

from .conftest import BINH_DINH, CORPUS_DOCS, N_CORPUS

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "binh-dinh.html"
    assert main(["highlight", str(CORPUS_DOCS / BINH_DINH), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def record():
    return extract_file(CORPUS_DOCS / BINH_DINH)


def _labels(tree: lxml.html.HtmlElement) -> Counter[str]:
    """displaCy writes each entity's label in a span inside its first token: count them by label."""
    found: Counter[str] = Counter()
    for el in tree.xpath('//div[contains(@class, "spans")]//span'):
        text = (el.text or "").strip()
        if text in COLORS and "position: absolute" in (el.get("style") or ""):
            found[text] += 1
    return found


def _visible(element: lxml.html.HtmlElement) -> str:
    """The text a reader sees: without displaCy's labels and underlines (absolutely positioned)."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    for el in copy.xpath('.//span[contains(@style, "position: absolute")]'):
        if el.getparent() is not None:
            el.drop_tree()
    return copy.text_content()


def _check_dom(tree: lxml.html.HtmlElement, record) -> None:
    types = Counter(e.type for e in record.entities)
    labels = _labels(tree)
    for kind, n in types.items():
        assert labels[kind] >= n, (kind, labels[kind], n)  # one per entity (more when it spans lines)
        chip = tree.xpath(f'//div[@id="legend"]/span[@data-label="{kind}"]/span[@class="n"]')
        assert chip and chip[0].text == str(n), kind
    for n in range(len(record.entities)):
        assert tree.xpath(f'//*[@id="ent-{n}"]'), f"no anchor for entity {n}"
    rows = tree.xpath('//table[@class="awards"]/tbody/tr')
    assert len(rows) == len(record.awards) >= 1
    first = rows[0]
    cells = [c.text_content().strip() for c in first.xpath("./td")]
    assert cells[1] == "Bằng khen" and cells[4] == "conferred"
    assert (cells[6], cells[7], cells[8]) == ("5", "4", "9")  # collectives, individuals, total
    href = first.xpath(".//a/@href")[0]
    target = tree.xpath(f'//*[@id="{href[1:]}"]')[0]
    token = target.getparent()  # the anchor sits inside the first token of the evidence
    assert token.get("class") == "tok" and token.text_content().startswith("Bằng ")  # tokens are syllables
    assert "AWARD: Bằng khen" in token.get("title")


def test_page_is_complete_and_linked(page: Path, record) -> None:
    html = page.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    _check_dom(tree, record)
    ids = set(tree.xpath("//@id"))
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") and href[1:] in ids, href  # every link stays on the page and resolves
    for table in ("header", "awards", "commemorations", "legal-refs", "persons", "signers", "warnings", "outline"):
        assert table in ids
    refs = tree.xpath('//table[@class="legal-refs"]/tbody/tr')
    assert len(refs) == len(record.legal_refs) == 7
    outline_links = tree.xpath('//section[@id="outline"]//a')
    assert len(outline_links) == len(record.sections)
    # The text is shown exactly as normalized, spacing included (displaCy's own rendering would
    # write "năm 2024 ;"): every line's visible text equals the document's line.
    lines = record.text.split("\n")
    for div in tree.xpath('//div[@class="line"]'):
        number = int(div.get("id")[1:])
        assert _visible(div.xpath("./div")[0]) == lines[number - 1], number


def test_page_uses_no_external_assets(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "<script" not in html and "<link" not in html


def test_page_from_a_run_and_the_index(run_dir: Path, tmp_path: Path) -> None:
    assert main(["highlight", "--run", str(run_dir), BINH_DINH, "-o", str(tmp_path / "one.html")]) == 0
    assert (tmp_path / "one.html").stat().st_size > 20_000
    assert main(["highlight", "--run", str(run_dir), "-o", str(tmp_path / "pages")]) == 0
    pages = sorted(p.name for p in (tmp_path / "pages").glob("*.html"))
    assert len(pages) == N_CORPUS + 1 and "index.html" in pages
    index = lxml.html.parse(str(tmp_path / "pages" / "index.html")).getroot()
    assert len(index.xpath("//tbody/tr")) == N_CORPUS


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["highlight", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["highlight", "--run", str(tmp_path)]) == 2


def test_seed_page_shows_its_awards(seeds_dir: Path, tmp_path: Path) -> None:
    seed = sorted(seeds_dir.glob("000_*.txt"))
    if not seed:
        pytest.skip("seed 000 is absent")
    out = tmp_path / "seed.html"
    assert main(["highlight", str(seed[0]), "-o", str(out)]) == 0
    tree = lxml.html.parse(str(out)).getroot()
    rows = [[c.text_content().strip() for c in r.xpath("./td")] for r in tree.xpath('//table[@class="awards"]/tbody/tr')]
    lao_dong = next(r for r in rows if r[1] == "Lao động tiên tiến")
    assert lao_dong[5] == "Giám đốc Sở" and lao_dong[8] == "65"
    # the rule behind each value (extractors/awards), last column
    assert lao_dong[-1] == ("counts: counts_after; conferred_by: authority_before; status: conferred_default; "
                            "year: heading_year")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")
def test_page_in_headless_chromium(page: Path, record, tmp_path: Path) -> None:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-extensions",
             f"--user-data-dir={tmp_path / 'profile'}"]
    url = page.resolve().as_uri()
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    _check_dom(lxml.html.fromstring(dom), record)
    shot = tmp_path / "page.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,2000", url],
                   capture_output=True, timeout=120, check=True)
    assert shot.is_file() and shot.stat().st_size > 10_000
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, highlights, tables: not a blank page
    # The legal references of the "Căn cứ" lines are underlined in their colour: far more pixels
    # of it than the legend's 14x14 swatch.
    wanted = tuple(int(COLORS["LEGAL_REF"][i:i + 2], 16) for i in (1, 3, 5))
    painted = sum(n for n, rgb in colours if all(abs(a - b) <= 6 for a, b in zip(rgb, wanted, strict=True)))
    assert painted > 2000, painted
