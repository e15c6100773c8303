"""Builders of hostile and broken inputs, written into a folder at test time.

Nothing large is committed: every input is made here, in a second or so all together, and
lives in pytest's ``tmp_path``. Big inputs are cheap to make: the 1 GB zip-bomb member is
one precomputed deflate block repeated (the file is 1 MB), the over-the-limit file is
sparse, the 2,000-page PDF is written by hand.

``HOSTILE`` lists every input with what the tool must do with it: ``expect`` is the
error code of its record, ``None`` for a record without error, or a set of acceptable
codes where the platform decides (running as root, a PDFium that repairs a file).
``build_all(folder)`` writes them all; ``tests/robustness/README.md`` is the same list
for people, with the measured time and memory.
"""

from __future__ import annotations

import base64
import gzip
import io
import os
import random
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS_DOCS = REPO / "corpus" / "documents"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024

ADMIN_TEXT = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 12/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 15 tháng 3 năm 2024

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI

Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;

QUYẾT ĐỊNH:
Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 03 cá nhân đã có \
thành tích xuất sắc trong phong trào thi đua năm 2023.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn An
"""


# --- PDF, written by hand -----------------------------------------------------------------


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_bytes(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF whose object ``i`` (1-based) is ``objects[i-1]``; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _pdf_escape(line: str) -> bytes:
    raw = line.encode("latin-1", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(pages: list[list[str]], media_box: tuple[int, int] = (595, 842)) -> bytes:
    """Pages of ASCII lines in Helvetica (a standard font: nothing to embed)."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for k, lines in enumerate(pages):
        content = b"BT /F1 11 Tf 14 TL 60 %d Td " % (media_box[1] - 60)
        content += b" ".join(b"(%s) Tj T*" % _pdf_escape(line) for line in lines) + b" ET"
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (media_box[0], media_box[1], 5 + 2 * k))
        objs.append(_stream(content))
    return pdf_bytes(objs)


def long_pdf(n_pages: int, lines: int = 30) -> bytes:
    """``n_pages`` pages of body text (no running header: every line differs)."""
    pages = []
    for p in range(n_pages):
        body = [f"Report of the emulation council, page {p + 1} line {k + 1}: {17 * p + k} units were "
                f"inspected and {(p * k) % 97} awards proposed." for k in range(lines)]
        pages.append(["", "", "", "", *body])
    return text_pdf(pages)


def blank_pdf(n_pages: int, media_box: tuple[int, int] = (595, 842)) -> bytes:
    """Pages with nothing on them: no text layer, so each is an OCR candidate."""
    kids = b" ".join(b"%d 0 R" % (3 + k) for k in range(n_pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages)]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % media_box for _ in range(n_pages)]
    return pdf_bytes(objs)


def admin_pdf(pages: int = 3) -> bytes:
    lines = [unicodedata.normalize("NFKD", ln).encode("ascii", "ignore").decode() for ln in ADMIN_TEXT.split("\n")]
    lines = [ln.replace("Đ", "D").replace("đ", "d") for ln in lines]
    return text_pdf([[f"Trang {p + 1}", *lines] for p in range(pages)])


def encrypted_pdf() -> bytes:
    """RC4 40-bit with a user password nobody knows."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    return pdf_bytes(objs, trailer=b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ")


def page_tree_loop_pdf() -> bytes:
    """The page tree's only kid is the tree itself."""
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1000000 >>"])


# --- ZIP containers (DOCX, ODT), written by hand where sizes must lie --------------------


def pdf_content_bomb(megabytes: int = 400) -> bytes:
    """One page whose content stream of path commands inflates to ``megabytes`` MB (about
    0.2% of that compressed): PDFium took 97 s and 8 GB on the 400 MB one."""
    unit = b"10 10 m 500 800 l 20 30 l h S\n" * 1000
    co = zlib.compressobj(9)
    block = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    again = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    data = block + again * (megabytes * 1024 * 1024 // len(unit)) + co.flush(zlib.Z_FINISH)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(data, b"/Filter /FlateDecode "),
    ]
    return pdf_bytes(objs)


def _deflate_repeated(unit: bytes, times: int) -> tuple[bytes, int, int]:
    """Raw deflate of ``unit * times`` built from one compressed block: (data, crc, size)."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    again = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    assert block == again or len(again) <= len(block)
    data = block + again * (times - 1) + co.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    return data, crc, len(unit) * times


@dataclass
class ZipMember:
    name: str
    data: bytes  # raw deflate (method 8) or stored bytes (method 0)
    crc: int
    size: int  # uncompressed size written in the headers (may lie)
    method: int = 8


def member(name: str, content: bytes) -> ZipMember:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return ZipMember(name, co.compress(content) + co.flush(), zlib.crc32(content), len(content))


def write_zip(members: list[ZipMember]) -> bytes:
    """A ZIP archive with the headers exactly as given (no zip64: sizes under 4 GB)."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, m.method, 0, 0x21, m.crc,
                           len(m.data), m.size, len(name), 0) + name + m.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, m.method, 0, 0x21, m.crc,
                               len(m.data), m.size, len(name), 0, 0, 0, 0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def docx_parts(text: str = ADMIN_TEXT) -> dict[str, bytes]:
    """The parts of a small valid DOCX made by python-docx."""
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def docx_with(replace: dict[str, ZipMember | bytes]) -> bytes:
    parts = docx_parts()
    members = []
    for name, content in parts.items():
        new = replace.get(name, content)
        members.append(new if isinstance(new, ZipMember) else member(name, new))
    for name, new in replace.items():
        if name not in parts:
            members.append(new if isinstance(new, ZipMember) else member(name, new))
    return write_zip(members)


def _document_xml(body_xml: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>').encode()


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_zip_bomb(gigabytes: float = 1.0) -> bytes:
    """document.xml inflates to ``gigabytes`` GB (spaces between two paragraphs); sizes honest."""
    head = _document_xml(_para("Báo cáo tổng kết") + "\x00BOMB\x00" + _para("hết")).split(b"\x00BOMB\x00")
    unit = b" " * MB
    times = int(gigabytes * 1024)
    # Head, the repeated spaces, tail: deflate pieces joined at full flushes (byte aligned).
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = co.compress(head[0]) + co.flush(zlib.Z_FULL_FLUSH)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    data += (co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)) * times
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    data += co.compress(head[1]) + co.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head[0])
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(head[1], crc)
    size = len(head[0]) + len(unit) * times + len(head[1])
    return docx_with({"word/document.xml": ZipMember("word/document.xml", data, crc, size)})


def docx_lying_sizes() -> bytes:
    """document.xml claims 2 KB but its deflate stream inflates to 256 MB."""
    data, crc, _size = _deflate_repeated(b" " * MB, 256)
    return docx_with({"word/document.xml": ZipMember("word/document.xml", data, crc, 2048)})


def docx_many_members(n: int = 60_000) -> bytes:
    parts = {f"customXml/item{i}.xml": b"<a/>" for i in range(n)}
    return docx_with(parts)  # type: ignore[arg-type]


_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' if i else '<!ENTITY lol0 "lol">'
    for i in range(10)
)


def docx_billion_laughs() -> bytes:
    """Entities nested ten deep: 10^9 "lol"s (3 GB) if anything expanded them."""
    doctype = f"<!DOCTYPE w:document [{_LAUGHS}]>"
    xml = _document_xml(_para("Báo cáo tổng kết năm 2023") + _para("&lol9;"), doctype)
    foot = (f'<?xml version="1.0"?><!DOCTYPE w:footnotes [{_LAUGHS}]>'
            f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
            f"</w:footnote></w:footnotes>").encode()
    return docx_with({"word/document.xml": xml, "word/footnotes.xml": foot})


def docx_quadratic_blowup() -> bytes:
    """One 100 kB entity referenced 20,000 times (2 GB, no nesting to detect)."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY big "{"x" * 100_000}">]>'
    xml = _document_xml(_para("Báo cáo") + _para("&big;" * 20_000), doctype)
    return docx_with({"word/document.xml": xml})


def docx_xxe(secret: Path) -> bytes:
    """An external entity pointing at a local file, and one at the network."""
    doctype = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>')
    xml = _document_xml(_para("Báo cáo tổng kết") + _para("&xxe;") + _para("&net;"), doctype)
    return docx_with({"word/document.xml": xml})


def docx_deep_nesting(depth: int = 5000) -> bytes:
    """Tables nested 5,000 deep."""
    inner = _para("Báo cáo")
    xml = "<w:tbl><w:tr><w:tc>" * depth + inner + "</w:tc></w:tr></w:tbl>" * depth
    return docx_with({"word/document.xml": _document_xml(xml + _para("hết"))})


def odt_file() -> bytes:
    return write_zip([
        ZipMember("mimetype", b"application/vnd.oasis.opendocument.text",
                  zlib.crc32(b"application/vnd.oasis.opendocument.text"), 39, method=0),
        member("content.xml", b'<?xml version="1.0"?><office:document-content '
                              b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
    ])


# --- images --------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG claiming 10^10 pixels (its data would inflate to 1.25 GB of 1-bit rows)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def png_strip(width: int = 30_000, height: int = 2) -> bytes:
    """A real, tiny image 30,000 x 2: enlarged for OCR to 2,000 px high it would be 30 Gpx."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, format="PNG")
    return buf.getvalue()


# --- text -------------------------------------------------------------------------------


def corpus_text() -> str:
    docs = sorted(CORPUS_DOCS.glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in docs) if docs else ADMIN_TEXT * 20


def big_text(n_bytes: int) -> bytes:
    """``n_bytes`` of real documents repeated (each copy numbered so lines differ)."""
    base = corpus_text().encode("utf-8")
    out = bytearray()
    k = 0
    while len(out) < n_bytes:
        out += b"\n\n=== %d ===\n\n" % k + base
        k += 1
    return bytes(out[:n_bytes].decode("utf-8", errors="ignore").encode("utf-8"))


def one_line(n_bytes: int) -> bytes:
    words = " ".join(corpus_text().split()).encode("utf-8")
    out = (words + b" ") * (n_bytes // (len(words) + 1) + 1)
    return out[:n_bytes].decode("utf-8", errors="ignore").encode("utf-8")


ENGLISH = """ANNUAL REPORT 2023
Ministry of Science and Technology
No. 12/2024
1. Introduction
The committee met on 15 March 2024 to review the results of the year. It awarded 3 medals.
2. Results
a) Research output grew by 12 per cent.
"""
CHINESE = "二〇二四年工作报告\n一、总体情况\n2023年，全省科技工作取得显著成效。\n二、主要成绩\n1. 授予先进集体称号3个。\n"
RUSSIAN = ("ГОДОВОЙ ОТЧЁТ\nМинистерство науки и технологий\nПриказ № 12/2024 от 15 марта 2024 г.\n"
           "I. Общие положения\n1. Наградить 3 коллектива почётной грамотой.\n")


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258: base letters precomposed where the code page has them, tones combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323"))
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


def mixed_encodings() -> bytes:
    from vnadmin_extract.ingest import legacy

    lines = ADMIN_TEXT.strip().split("\n")
    out = []
    for i, line in enumerate(lines):
        kind = i % 3
        if kind == 0:
            out.append(line.encode("utf-8"))
        elif kind == 1:
            out.append(cp1258_bytes(line))
        else:
            # Capital toned letters need a capitals font in TCVN3: typed in lower case.
            out.append(legacy.encode(line, "tcvn3", strict=False).encode("latin-1", errors="replace"))
    return b"\n".join(out) + b"\n"


def dots_text(times: int = 100_000) -> bytes:
    return ("1." * times).encode()


# --- the list -------------------------------------------------------------------------------

Builder = Callable[[Path], None]


@dataclass(frozen=True)
class Hostile:
    name: str
    relpath: str  # where build_all writes it, under the folder
    what: str  # for README.md
    expect: str | frozenset[str] | None  # error code(s) of the record; None: no error
    build: Builder
    batch: bool = True  # also part of the batch run (False: needs special handling)
    # Exact text the record must contain (a readable document among the hostile ones).
    contains: str | None = None
    # The time budget the tests give it (process_file(timeout=...)); the batch run has its own.
    budget: float = 60.0


def _bytes(data: bytes | Callable[[], bytes]) -> Builder:
    def build(path: Path) -> None:
        path.write_bytes(data() if callable(data) else data)

    return build


def _sparse(size: int) -> Builder:
    def build(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)

    return build


def _chmod000(path: Path) -> None:
    path.write_text(ADMIN_TEXT, encoding="utf-8")
    path.chmod(0)


def _symlink(target: str) -> Builder:
    def build(path: Path) -> None:
        path.symlink_to(target)

    return build


def _mutual_loop(path: Path) -> None:
    other = path.with_name("loop-b.txt")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dir_loop(path: Path) -> None:
    # path is a folder "loop-dir" holding a document and a link back to its own parent.
    path.mkdir()
    (path / "inside.txt").write_text(ADMIN_TEXT.replace("12/QĐ", "13/QĐ"), encoding="utf-8")
    (path / "back-to-parent").symlink_to("..", target_is_directory=True)
    (path / "self").symlink_to(".", target_is_directory=True)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _xxe(path: Path) -> None:
    secret = path.with_name("xxe-secret.data")
    secret.write_text("XXE-SECRET-MARKER", encoding="utf-8")
    path.write_bytes(docx_xxe(secret))


def _random_bytes(n: int, seed: int, nul: bool) -> Callable[[], bytes]:
    def make() -> bytes:
        rng = random.Random(seed)
        data = bytes(rng.randrange(0 if nul else 1, 256) for _ in range(n))
        return data if nul else data.replace(b"\x00", b"\x01")

    return make


def _bad_utf8_name(path: Path) -> None:
    raw = os.fsencode(path.parent) + b"/bad-name-\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(ADMIN_TEXT.replace("12/QĐ", "14/QĐ").encode("utf-8"))


def _html_inline_data() -> bytes:
    rng = random.Random(7)
    blob = base64.b64encode(bytes(rng.randrange(256) for _ in range(3 * MB))).decode()
    script = "var payload = '" + "x" * (4 * MB) + "';"
    body = "".join(f"<p>{line}</p>" for line in ADMIN_TEXT.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Quyết định 12/QĐ-UBND</title>"
            f"<script>{script}</script><style>.logo{{background:url(data:image/png;base64,{blob[:MB]})}}</style>"
            f"</head><body><nav>Trang chủ &gt; Văn bản</nav><img src='data:image/png;base64,{blob}'>"
            f"<article>{body}</article><script>{script}</script>"
            f"<img src=\"data:image/svg+xml;utf8,{'<g/>' * 200_000}\"></body></html>").encode()


def _html_deep() -> bytes:
    return ("<html><body>" + "<div>" * 100_000 + "<p>Báo cáo tổng kết công tác thi đua năm 2023</p>"
            + "</div>" * 100_000 + "</body></html>").encode()


def _rtf_deep() -> bytes:
    return b"{\\rtf1\\ansi " + b"{" * 100_000 + b"B\\'e1o c\\'e1o" + b"}" * 100_000 + b"}"


def _utf16_no_bom() -> bytes:
    return ADMIN_TEXT.replace("12/QĐ", "15/QĐ").encode("utf-16-le")


HOSTILE: tuple[Hostile, ...] = (
    Hostile("empty", "empty.txt", "zero-byte file", "E_EMPTY", _bytes(b"")),
    Hostile("blank", "blank.txt", "only spaces, tabs and newlines", "E_EMPTY", _bytes(b"  \n\t\n\r\n   \n")),
    Hostile("binary-nul", "binary.txt", "64 kB of random bytes (with NULs) named .txt", "E_BINARY",
            _bytes(_random_bytes(65536, 1, nul=True))),
    Hostile("binary-no-nul", "binary-no-nul.txt", "64 kB of random bytes without NUL named .txt", "E_BINARY",
            _bytes(_random_bytes(65536, 2, nul=False))),
    Hostile("gzip-as-txt", "compressed.txt", "a gzip file named .txt", "E_BINARY",
            _bytes(lambda: gzip.compress(ADMIN_TEXT.encode()))),
    Hostile("utf16-no-bom", "utf16-no-bom.txt", "UTF-16-LE text without a byte-order mark", None,
            _bytes(_utf16_no_bom), contains="15/QĐ-UBND"),
    Hostile("pdf-truncated", "truncated.pdf", "a 3-page PDF cut at a third", frozenset({"E_PDF", None}),
            _bytes(lambda: admin_pdf(3)[: len(admin_pdf(3)) // 3])),
    Hostile("pdf-encrypted", "encrypted.pdf", "PDF encrypted with an unknown user password", "E_PDF",
            _bytes(encrypted_pdf)),
    Hostile("pdf-garbage", "malformed.pdf", "%PDF- header followed by random bytes", "E_PDF",
            _bytes(lambda: b"%PDF-1.7\n" + _random_bytes(100_000, 3, nul=True)())),
    Hostile("pdf-not-pdf", "not-a-pdf.pdf", "an HTML page named .pdf", "E_PDF",
            _bytes(b"<html><body>Not a PDF</body></html>")),
    Hostile("pdf-page-tree-loop", "page-tree-loop.pdf", "a page tree whose kid is itself, /Count 1000000",
            "E_PDF", _bytes(page_tree_loop_pdf)),
    Hostile("pdf-2000-pages", "pages-2000.pdf", "2,000 pages with a text layer (30 lines each)", None,
            _bytes(lambda: long_pdf(2000)), contains="page 2000 line 30"),
    Hostile("pdf-2000-blank", "blank-2000.pdf", "2,000 blank pages (no text layer: OCR candidates)",
            "E_EMPTY", _bytes(lambda: blank_pdf(2000))),
    Hostile("pdf-giant-page", "giant-page.pdf", "one 200 x 200 inch page with no text layer (OCR render bomb)",
            "E_EMPTY", _bytes(lambda: text_pdf([[""]], media_box=(14400, 14400)))),
    Hostile("text-hard-wrapped", "hard-wrapped.txt", "20,000 short lines of one sentence (hard wraps to join)",
            None, _bytes(lambda: ("cán bộ công chức viên chức\n" * 20_000).encode())),
    Hostile("text-cr-only", "cr-only.txt", "200,000 lines ending in CR only", None,
            _bytes(lambda: ("cán bộ công chức viên chức\r" * 200_000).encode())),
    Hostile("text-u2028", "u2028.txt", "100,000 lines separated by U+2028", None,
            _bytes(lambda: ("cán bộ công chức viên chức\u2028" * 100_000).encode())),
    Hostile("text-deep-numbering", "deep-numbering.txt", "2,000 lines numbered one level deeper each (I.1.1...)",
            None, _bytes(lambda: "".join("I." + ".".join(["1"] * d) + " Mục\n" for d in range(1, 2001)).encode())),
    Hostile("pdf-content-bomb", "content-bomb.pdf", "a 1 MB PDF page whose drawing instructions inflate to "
            "400 MB", "E_TOO_LARGE", _bytes(pdf_content_bomb)),
    Hostile("docx-zip-bomb", "zip-bomb.docx", "DOCX whose document.xml inflates to 1 GB (1 MB file)",
            "E_TOO_LARGE", _bytes(docx_zip_bomb)),
    Hostile("docx-lying-sizes", "lying-sizes.docx", "DOCX member claiming 2 kB that inflates to 256 MB",
            "E_DOCX", _bytes(docx_lying_sizes)),
    Hostile("docx-many-members", "many-members.docx", "DOCX with 60,000 zip members", "E_TOO_LARGE",
            _bytes(docx_many_members)),
    Hostile("docx-billion-laughs", "billion-laughs.docx", "DOCX with nested XML entities (billion laughs)",
            "E_DOCX", _bytes(docx_billion_laughs)),
    Hostile("docx-quadratic", "quadratic-blowup.docx", "DOCX with one 100 kB entity used 20,000 times",
            "E_DOCX", _bytes(docx_quadratic_blowup)),
    Hostile("docx-xxe", "xxe.docx", "DOCX with external entities (a local file, a URL)", "E_DOCX", _xxe),
    Hostile("docx-deep", "deep-tables.docx", "DOCX with tables nested 5,000 deep", "E_DOCX",
            _bytes(docx_deep_nesting)),
    Hostile("docx-not-zip", "not-zip.docx", "PK header then garbage, named .docx", "E_DOCX",
            _bytes(b"PK\x03\x04" + b"\x00garbage" * 100)),
    Hostile("odt", "letter.odt", "an ODT (ZIP container, no reader)", "E_UNSUPPORTED", _bytes(odt_file)),
    Hostile("html-inline-data", "inline-data.html",
            "HTML with 8 MB of scripts and 4 MB of inline data: URIs around a decision", None,
            _bytes(_html_inline_data), contains="12/QĐ-UBND"),
    Hostile("html-deep", "deep.html", "HTML with 100,000 nested <div>", None, _bytes(_html_deep),
            contains="Báo cáo tổng kết"),
    Hostile("rtf-deep", "deep.rtf", "RTF with 100,000 nested groups", frozenset({"E_CONVERTER", "E_EMPTY"}),
            _bytes(_rtf_deep)),
    Hostile("png-header-bomb", "bomb.png", "PNG header claiming 100,000 x 100,000 pixels", "E_TOO_LARGE",
            _bytes(png_header_bomb)),
    Hostile("png-strip", "strip.png", "a 30,000 x 2 image (enlargement for OCR would be 30 Gpx)",
            frozenset({"E_EMPTY", "E_OCR"}), _bytes(png_strip)),
    Hostile("text-50mb", "big-50mb.txt", "50 MB of real documents concatenated",
            frozenset({None, "E_TOO_LARGE"}), _bytes(lambda: big_text(50 * MB))),
    Hostile("text-one-line", "one-line-10mb.txt", "a text of one 10 MB line (8 million characters)",
            frozenset({None, "E_TIMEOUT"}), _bytes(lambda: one_line(10 * MB)), budget=5.0),
    Hostile("over-max-bytes", "sparse-200mb.txt", "a 200 MB (sparse) file, over the default --max-bytes",
            "E_TOO_LARGE", _sparse(200 * MB)),
    Hostile("dots", "dots.txt", '"1." repeated 100,000 times', None, _bytes(dots_text)),
    Hostile("english", "english.txt", "an English report", None, _bytes(ENGLISH.encode()), contains="ANNUAL"),
    Hostile("chinese", "chinese.txt", "a Chinese report", None, _bytes(CHINESE.encode()), contains="工作报告"),
    Hostile("russian", "russian.txt", "a Russian order", None, _bytes(RUSSIAN.encode()), contains="Приказ"),
    Hostile("mixed-encodings", "mixed-encodings.txt", "lines in UTF-8, Windows-1258 and TCVN3 in one file",
            None, _bytes(mixed_encodings), contains="Quảng Ngãi, ngày 15 tháng 3 năm 2024"),
    Hostile("path-vietnamese", "thư mục có dấu cách/Báo cáo tổng kết năm 2023 (bản sao).txt",
            "a path with spaces and Vietnamese letters", None,
            _bytes(ADMIN_TEXT.replace("12/QĐ", "16/QĐ").encode()), contains="16/QĐ-UBND"),
    Hostile("path-nfd", unicodedata.normalize("NFD", "quyết định tặng bằng khen.txt"),
            "a file name in NFD (as macOS writes it)", None,
            _bytes(ADMIN_TEXT.replace("12/QĐ", "17/QĐ").encode()), contains="17/QĐ-UBND"),
    Hostile("path-control-chars", "line\nbreak\tand tab.txt", "a file name with a newline and a tab", None,
            _bytes(ADMIN_TEXT.replace("12/QĐ", "18/QĐ").encode()), contains="18/QĐ-UBND"),
    Hostile("path-dash", "-o --evil.txt", "a file name that looks like an option", None,
            _bytes(ADMIN_TEXT.replace("12/QĐ", "19/QĐ").encode()), contains="19/QĐ-UBND"),
    Hostile("path-bad-utf8", "bad-name-placeholder", "a file name that is not UTF-8 (bytes ff fe)", None,
            _bad_utf8_name, contains="14/QĐ-UBND"),
    Hostile("unreadable", "no-permission.txt", "chmod 000 (readable anyway when running as root)",
            frozenset({"E_UNREADABLE", None}), _chmod000),
    Hostile("symlink-self", "loop-self.txt", "a symbolic link to itself", "E_UNREADABLE", _symlink("loop-self.txt")),
    Hostile("symlink-mutual", "loop-a.txt", "two links pointing at each other", "E_UNREADABLE", _mutual_loop),
    Hostile("symlink-dangling", "dangling.txt", "a link to a file that does not exist", "E_NOT_FOUND",
            _symlink("does-not-exist.txt")),
    Hostile("symlink-dir-loop", "loop-dir", "a folder with links to itself and to its parent (given as a file: "
            "E_UNSUPPORTED; searched: each folder once)", "E_UNSUPPORTED", _dir_loop, batch=False),
    Hostile("fifo", "pipe.txt", "a named pipe (reading would block forever)", "E_UNSUPPORTED", _fifo),
    Hostile("dev-zero", "zeros.txt", "a link to /dev/zero (endless)", "E_UNSUPPORTED", _symlink("/dev/zero")),
)

BY_NAME = {h.name: h for h in HOSTILE}


def build(h: Hostile, folder: Path) -> Path:
    """Write one input under ``folder``; returns its path."""
    path = folder / h.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    h.build(path)
    if h.name == "path-bad-utf8":
        return Path(os.fsdecode(os.fsencode(folder) + b"/bad-name-\xff\xfe.txt"))
    return path


def build_all(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {h.name: build(h, folder) for h in HOSTILE if names is None or h.name in names}


def accepts(h: Hostile, code: str | None) -> bool:
    if isinstance(h.expect, frozenset):
        return code in h.expect
    return code == h.expect


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def is_readable_anyway(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and os.access(path, os.R_OK)


__all__ = ["BY_NAME", "HOSTILE", "Hostile", "accepts", "build", "build_all"]
