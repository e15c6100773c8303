"""Fixture builders for the ingest tests: PDFs, scans, DOCX, HTML made in the test run.

PDFs are written with pypdfium2 (already a runtime dependency) and DejaVu Sans (Debian
``fonts-dejavu-core``), so the tests need no PDF-writing package of their own.
"""

from __future__ import annotations

import ctypes
import difflib
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from tests.robustness.hostile import pdf_bytes

from vnadmin_extract.normalize import normalize

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
CORPUS = SHARED / "corpus-public"

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)

# A short administrative document in the standard layout (ND30): two-column header,
# body, two-column signature block.
HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 1234/QĐ-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Quảng Ngãi, ngày 15 tháng 3 năm 2024"]
BODY = [
    "QUYẾT ĐỊNH",
    "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 56/TTr-SNV ngày 10 tháng 3 năm 2024.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 03 cá nhân",
    "đã có thành tích xuất sắc trong phong trào thi đua năm 2023.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
]
SIGN_LEFT = ["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, NC."]
SIGN_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def document_text() -> str:
    """The document as plain text, header and signature as blocks (left, then right)."""
    return "\n".join([*HEADER_LEFT, *HEADER_RIGHT, "", *BODY, "", *SIGN_LEFT, *SIGN_RIGHT])


def font_path() -> Path:
    for cand in FONT_CANDIDATES:
        if Path(cand).exists():
            return Path(cand)
    pytest.skip("DejaVu Sans not installed (Debian fonts-dejavu-core)")


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def need_tool(*names: str) -> None:
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} must be installed in CI (.ci/apt-packages.txt)")
        pytest.skip(f"{', '.join(missing)} not installed")


def need_ocr() -> None:
    from vnadmin_extract.ingest import ocr

    if not ocr.available():
        if os.environ.get("CI"):
            pytest.fail("Tesseract with the 'vie' model must be installed in CI")
        pytest.skip("Tesseract with the Vietnamese model is not installed")


# --- comparing texts ----------------------------------------------------------------------


def flat(text: str) -> str:
    """Normalized, case-folded, one space between words (line joins do not count)."""
    text = normalize(text).casefold().replace("|", " ").replace("│", " ")  # cell separators are not words
    return re.sub(r"\s+", " ", text).strip()


def similarity(a: str, b: str) -> float:
    """Word-sequence similarity of two texts after ``flat`` (difflib ratio, 0..1)."""
    wa, wb = flat(a).split(), flat(b).split()
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def word_f1(a: str, b: str) -> float:
    """Bag-of-words F1 after ``flat``: order-free, so column reordering does not count."""
    ca, cb = Counter(flat(a).split()), Counter(flat(b).split())
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


# --- PDF ---------------------------------------------------------------------------------

A4 = (595.0, 842.0)


def _wide(text: str) -> ctypes.Array:
    data = (text + "\0").encode("utf-16-le")
    buf = (ctypes.c_ushort * (len(data) // 2)).from_buffer_copy(data)
    return buf


class PdfWriter:
    """Pages of positioned text lines, written with PDFium and a TrueType font."""

    def __init__(self) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as c

        self._c = c
        self.pdf = pdfium.PdfDocument.new()
        font_bytes = font_path().read_bytes()
        self._font_buf = (ctypes.c_uint8 * len(font_bytes)).from_buffer_copy(font_bytes)
        self.font = c.FPDFText_LoadFont(self.pdf.raw, self._font_buf, len(font_bytes),
                                        c.FPDF_FONT_TRUETYPE, True)
        assert self.font, "PDFium could not load the font"
        self.page = None

    def new_page(self) -> None:
        self.finish_page()
        self.page = self.pdf.new_page(*A4)

    def text(self, x: float, top: float, text: str, size: float = 12) -> None:
        """Draw ``text`` with its baseline ``top`` points below the top edge."""
        c = self._c
        obj = c.FPDFPageObj_CreateTextObj(self.pdf.raw, self.font, size)
        c.FPDFText_SetText(obj, _wide(text))
        c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, A4[1] - top)
        c.FPDFPage_InsertObject(self.page.raw, obj)

    def centered(self, top: float, text: str, size: float = 12, cx: float = A4[0] / 2) -> None:
        width = len(text) * size * 0.55
        self.text(cx - width / 2, top, text, size)

    def finish_page(self) -> None:
        if self.page is not None:
            self._c.FPDFPage_GenerateContent(self.page.raw)
            self.page = None

    def save(self, path: Path) -> Path:
        self.finish_page()
        self.pdf.save(str(path))
        return path


def write_document_pdf(path: Path, pages: int = 1, running_header: bool = False) -> Path:
    """The test document as a PDF: two-column header, body, two-column signature."""
    w = PdfWriter()
    for p in range(pages):
        w.new_page()
        if running_header:
            w.centered(30, "CÔNG BÁO TỈNH QUẢNG NGÃI", 9)
            w.centered(820, f"Trang {p + 1}/{pages}", 9)
        if p > 0:  # later pages: body text only
            y = 90.0
            for k in range(30):
                w.text(60, y, f"Dòng {k + 1} của trang {p + 1}: nội dung báo cáo thành tích năm 2023.", 11)
                y += 18
            continue
        y = 70.0
        for left, right in zip(HEADER_LEFT, HEADER_RIGHT, strict=True):
            w.centered(y, left, 11, cx=150)
            w.centered(y, right, 11, cx=405)
            y += 16
        y += 30
        for line in BODY:
            if line.isupper() or line.startswith("Về việc"):
                w.centered(y, line, 12)
            else:
                w.text(60, y, line, 11)
            y += 18
        y += 24
        for left, right in zip(SIGN_LEFT, SIGN_RIGHT, strict=True):
            w.text(60, y, left, 10)
            w.centered(y, right, 11, cx=420)
            y += 16
    return w.save(path)


def scan_pdf(src: Path, dst: Path, dpi: int = 200) -> Path:
    """Render every page of ``src`` and wrap the images into a PDF with no text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    out = pdfium.PdfDocument.new()
    for i in range(len(doc)):
        page = doc[i]
        w, h = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        new_page = out.new_page(w, h)
        img = pdfium.PdfImage.new(out)
        img.set_bitmap(bitmap)
        img.set_matrix(pdfium.PdfMatrix().scale(w, h))
        new_page.insert_obj(img)
        new_page.gen_content()
    out.save(str(dst))
    return dst


def encrypted_pdf(path: Path) -> Path:
    """A PDF encrypted with a user password (RC4 40-bit, password unknown)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    trailer = b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] "
    path.write_bytes(pdf_bytes(objs, trailer))  # the one hand-written PDF writer, shared with the robustness tests
    return path


# --- DOCX and HTML -------------------------------------------------------------------------


def write_document_docx(path: Path, legacy_font: str | None = None) -> Path:
    """The test document as DOCX: borderless two-column header and signature tables."""
    import docx

    from vnadmin_extract.ingest import legacy

    d = docx.Document()

    def put(cell_or_doc, text: str, font: str | None = None) -> None:
        para = cell_or_doc.add_paragraph()
        run = para.add_run(text)
        if font:
            run.font.name = font

    def enc(text: str) -> tuple[str, str | None]:
        if legacy_font is None:
            return text, None
        caps = text.isupper()
        font = legacy_font + ("H" if caps and legacy_font.startswith(".Vn") else "")
        encoding = "vni" if legacy_font.upper().startswith("VNI") else "tcvn3"
        return legacy.encode(text, encoding, capitals_font=caps and encoding == "tcvn3", strict=False), font

    def table(left: list[str], right: list[str]) -> None:
        t = d.add_table(rows=1, cols=2)
        for cell, lines in zip(t.rows[0].cells, (left, right), strict=True):
            cell.paragraphs[0].text = ""
            first = True
            for line in lines:
                text, font = enc(line)
                if first:
                    run = cell.paragraphs[0].add_run(text)
                    if font:
                        run.font.name = font
                    first = False
                else:
                    put(cell, text, font)

    table(HEADER_LEFT, HEADER_RIGHT)
    for line in BODY:
        text, font = enc(line)
        put(d, text, font)
    table(SIGN_LEFT, SIGN_RIGHT)
    d.save(str(path))
    return path


BOILERPLATE_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Quyết định tặng Bằng khen - Cổng thông tin điện tử tỉnh Quảng Ngãi</title>
<meta name="author" content="Phòng Thi đua">
<meta property="article:published_time" content="2024-03-16T08:00:00+07:00">
<meta property="og:site_name" content="Cổng thông tin điện tử tỉnh Quảng Ngãi">
</head><body>
<nav class="main-menu"><ul><li>Trang chủ</li><li>Tin tức</li><li>Văn bản</li><li>Liên hệ</li></ul></nav>
<div class="breadcrumb">Trang chủ &gt; Văn bản &gt; Quyết định</div>
<div class="counter">Lượt truy cập: 1.234.567</div>
<article>
<h1>Quyết định tặng Bằng khen năm 2024</h1>
<p class="byline">Tác giả: Phòng Thi đua</p>
<table style="border:none"><tr>
<td><p>{hl}</p></td><td><p>{hr}</p></td></tr></table>
{body}
<table style="border:none"><tr>
<td><p>{sl}</p></td><td><p>{sr}</p></td></tr></table>
</article>
<div class="rating">Đánh giá: ★★★★☆ (12 lượt)</div>
<div class="related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Khen thưởng các tập thể xuất sắc năm 2022</a></li>
<li><a href="/b">Hội nghị tổng kết công tác thi đua năm 2023</a></li></ul></div>
<footer>Bản quyền thuộc Cổng thông tin điện tử tỉnh Quảng Ngãi. Địa chỉ: 52 Hùng Vương.</footer>
</body></html>"""


def document_html() -> str:
    return BOILERPLATE_HTML.format(
        hl="</p><p>".join(HEADER_LEFT), hr="</p><p>".join(HEADER_RIGHT),
        body="\n".join(f"<p>{line}</p>" for line in BODY),
        sl="</p><p>".join(SIGN_LEFT), sr="</p><p>".join(SIGN_RIGHT),
    )


class FakeReader:
    """Stands in for Tesseract on a crop: records the size of each crop it is given (so a test
    can count the calls and check the crop), answers with fixed words in the crop's pixels."""

    def __init__(self, words: list) -> None:  # list[OcrWord]
        self.words = words
        self.crops: list[tuple[int, int]] = []

    def __call__(self, img) -> list:  # (PIL image) -> list[OcrWord]
        self.crops.append(img.size)
        return self.words
