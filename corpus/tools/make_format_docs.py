"""Write the corpus documents whose recipients sit in a real table of a binary format.

Three documents of corpus/documents/ are made here rather than typed, because their point is
the container: a Word table (python-docx), a text-layer PDF with a ruled table (reportlab) and
an Excel list (openpyxl). Fictional agencies and people, in the style of real ones.

    python corpus/tools/make_format_docs.py        # rewrites the three files

Needs python-docx, openpyxl and reportlab (reportlab only for this script). The output is
reproducible: fixed document properties, reportlab's invariant mode.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "documents"
FIXED = dt.datetime(2025, 1, 1, 0, 0, 0)

# --- a. DOCX: Quyết định tặng Giấy khen, DANH SÁCH as a Word table ----------------------------

DOCX_NAME = "qd-sgddt-lam-dong-1207-2025-tang-giay-khen-bang-word.docx"
DOCX_COLLECTIVES = [
    ("Tổ Toán - Tin", "Trường THPT Chuyên Thăng Long"),
    ("Trường Phổ thông Dân tộc nội trú tỉnh", ""),
    ("Phòng Giáo dục Trung học", "Sở Giáo dục và Đào tạo"),
]
DOCX_INDIVIDUALS = [
    ("Nguyễn Thị Thu Hà", "Giáo viên, Trường THPT Chuyên Thăng Long"),
    ("ThS. Trần Văn Lộc", "Hiệu trưởng Trường THPT Bùi Thị Xuân"),
    ("Đỗ Minh Tâm", "Giáo viên, Trường Phổ thông Dân tộc nội trú tỉnh"),
    ("Lê Hoàng Phúc", "Phó Trưởng phòng Giáo dục Trung học, Sở Giáo dục và Đào tạo"),
    ("Phạm Ngọc Bích Trâm", "Chuyên viên Phòng Tổ chức cán bộ, Sở Giáo dục và Đào tạo"),
]


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def make_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.created = FIXED
    doc.core_properties.modified = FIXED
    doc.core_properties.author = "Phòng Tổ chức cán bộ"
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    # Header block: the usual borderless two-column table (issuer | national motto).
    head = doc.add_table(rows=2, cols=2)
    _no_borders(head)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 1207/QĐ-SGDĐT"
    head.cell(1, 1).text = "Lâm Đồng, ngày 16 tháng 6 năm 2025"
    for row in head.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def para(text: str, bold: bool = False, center: bool = False) -> None:
        p = doc.add_paragraph()
        p.add_run(text).bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para("QUYẾT ĐỊNH", bold=True, center=True)
    para("Về việc tặng Giấy khen năm học 2024-2025", bold=True, center=True)
    para("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", bold=True, center=True)
    para("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    para("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
         "tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
    para("Theo đề nghị của Trưởng phòng Tổ chức cán bộ.")
    para("QUYẾT ĐỊNH:", bold=True, center=True)
    para("Điều 1. Tặng Giấy khen của Giám đốc Sở Giáo dục và Đào tạo cho 03 tập thể và 05 cá nhân "
         "đã có thành tích xuất sắc trong năm học 2024-2025 (có danh sách kèm theo).")
    para("Điều 2. Chánh Văn phòng Sở, Trưởng phòng Tổ chức cán bộ và các tập thể, cá nhân có tên "
         "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")

    # Signature block: Nơi nhận | signer, borderless as well.
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT, TCCB."
    sign.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nHuỳnh Thị Kim Oanh"
    for p in sign.cell(0, 1).paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    para("DANH SÁCH", bold=True, center=True)
    para("TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN NĂM HỌC 2024-2025", bold=True, center=True)
    para("(Kèm theo Quyết định số 1207/QĐ-SGDĐT ngày 16/6/2025 của Giám đốc Sở Giáo dục và Đào tạo)",
         center=True)

    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"

    def row(*cells: str) -> None:
        r = table.add_row()
        for k, text in enumerate(cells):
            r.cells[k].text = text

    def part(text: str) -> None:  # a part heading: one cell merged over the table's width
        r = table.add_row()
        merged = r.cells[0].merge(r.cells[2])
        merged.text = text
        merged.paragraphs[0].runs[0].bold = True

    row("STT", "Họ và tên", "Chức vụ, đơn vị")
    part("I. TẬP THỂ")
    for n, (name, org) in enumerate(DOCX_COLLECTIVES, 1):
        row(str(n), name, org)
    part("II. CÁ NHÂN")
    for n, (name, post) in enumerate(DOCX_INDIVIDUALS, 1):
        row(str(n), name, post)
    para("Danh sách có 03 tập thể và 05 cá nhân./.")
    doc.save(str(path))


# --- b. text-layer PDF: Quyết định công nhận Chiến sĩ thi đua cơ sở, list as a ruled table -----

PDF_NAME = "qd-ubnd-huyen-yen-the-2136-2024-chien-si-thi-dua-co-so-bang-pdf.pdf"
PDF_ROWS = [
    ("Hoàng Văn Thắng", "Phó Chủ tịch", "UBND xã Đồng Tâm"),
    ("Nguyễn Thị Lệ", "Giáo viên", "Trường Tiểu học Bố Hạ"),
    ("Lương Văn Dũng", "Phó Trưởng phòng", "Phòng Tài chính - Kế hoạch"),
    ("Dương Thị Thanh Huyền", "Điều dưỡng trưởng", "Trung tâm Y tế huyện Yên Thế"),
    ("Vi Văn Khải", "Chủ tịch", "Hội Nông dân xã Tam Tiến"),
    ("Trần Minh Đức", "Kế toán", "Phòng Giáo dục và Đào tạo"),
    ("Ngô Thị Mai Phương", "Chuyên viên", "Văn phòng HĐND và UBND huyện"),
]


def make_pdf(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = Path("/usr/share/fonts/truetype/dejavu")
    pdfmetrics.registerFont(TTFont("Serif", str(fonts / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(fonts / "DejaVuSerif-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Serif", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=8 * mm, spaceAfter=4)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    bold_c = ParagraphStyle("boldc", parent=center, fontName="Serif-Bold")
    cell = ParagraphStyle("cell", parent=body, firstLineIndent=0, alignment=0, spaceAfter=0)

    story = []
    head = Table([
        [Paragraph("ỦY BAN NHÂN DÂN<br/><b>HUYỆN YÊN THẾ</b>", center),
         Paragraph("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b>Độc lập - Tự do - Hạnh phúc</b>", center)],
        [Paragraph("Số: 2136/QĐ-UBND", center),
         Paragraph("<i>Yên Thế, ngày 24 tháng 12 năm 2024</i>", center)],
    ], colWidths=[65 * mm, 105 * mm])
    story += [head, Spacer(1, 6 * mm)]
    story += [Paragraph("QUYẾT ĐỊNH", bold_c),
              Paragraph("Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024", bold_c),
              Spacer(1, 3 * mm),
              Paragraph("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ", bold_c), Spacer(1, 3 * mm)]
    for text in [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Trưởng phòng Nội vụ huyện tại Tờ trình số 57/TTr-PNV ngày 16/12/2024.",
    ]:
        story.append(Paragraph(text, body))
    story.append(Paragraph("QUYẾT ĐỊNH:", bold_c))
    for text in [
        "Điều 1. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 cho 07 cá nhân đã có thành tích "
        "tiêu biểu xuất sắc trong thực hiện nhiệm vụ (có danh sách kèm theo).",
        "Điều 2. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Thủ trưởng các cơ quan, đơn "
        "vị liên quan và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ]:
        story.append(Paragraph(text, body))
    story.append(Spacer(1, 6 * mm))
    sign = Table([[
        Paragraph("<b><i>Nơi nhận:</i></b><br/>- Như Điều 2;<br/>- Sở Nội vụ tỉnh Bắc Giang;<br/>- Lưu: VT, NV.",
                  ParagraphStyle("nn", parent=cell, fontSize=9, leading=12)),
        Paragraph("<b>CHỦ TỊCH</b><br/><br/><br/><br/><b>Lê Đình Khoa</b>", center),
    ]], colWidths=[80 * mm, 90 * mm])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [sign, PageBreak()]

    story += [Paragraph("DANH SÁCH", bold_c),
              Paragraph("CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2024", bold_c),
              Paragraph("<i>(Kèm theo Quyết định số 2136/QĐ-UBND ngày 24/12/2024 của Chủ tịch UBND huyện Yên Thế)</i>",
                        center), Spacer(1, 4 * mm)]
    hdr = ParagraphStyle("hdr", parent=cell, fontName="Serif-Bold", alignment=TA_CENTER)
    rows = [[Paragraph(h, hdr) for h in ("STT", "Họ và tên", "Chức vụ", "Đơn vị")]]
    for n, (name, post, org) in enumerate(PDF_ROWS, 1):
        rows.append([Paragraph(str(n), ParagraphStyle("n", parent=cell, alignment=TA_CENTER)),
                     Paragraph(name, cell), Paragraph(post, cell), Paragraph(org, cell)])
    table = Table(rows, colWidths=[14 * mm, 50 * mm, 42 * mm, 64 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, invariant=1,
                            title="Quyết định 2136/QĐ-UBND", author="UBND huyện Yên Thế")
    pdf.build(story)


# --- c. XLSX: DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG (no statement of its own) -------------------------

XLSX_NAME = "ds-stnmt-quang-tri-2024-de-nghi-khen-thuong-bang-tinh.xlsx"
BK = "Bằng khen của Chủ tịch UBND tỉnh"
CSTD = "Chiến sĩ thi đua cấp tỉnh"
XLSX_COLLECTIVES = [
    ("Phòng Quản lý đất đai", "", "Sở Tài nguyên và Môi trường", BK),
    ("Văn phòng Đăng ký đất đai", "", "Sở Tài nguyên và Môi trường", BK),
]
XLSX_INDIVIDUALS = [
    ("Hồ Xuân Trường", "Phó Giám đốc", "Sở Tài nguyên và Môi trường", CSTD),
    ("Lê Thị Diệu Linh", "Trưởng phòng", "Phòng Khoáng sản - Tài nguyên nước", BK),
    ("Phan Văn Tuấn", "Phó Chánh Thanh tra", "Thanh tra Sở", BK),
    ("Nguyễn Hữu Quý", "Giám đốc", "Trung tâm Quan trắc tài nguyên và môi trường", CSTD),
    ("Trương Thị Hằng", "Kế toán trưởng", "Văn phòng Sở", BK),
]


def make_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "Văn phòng Sở"
    ws = wb.active
    ws.title = "DS de nghi"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = "UBND TỈNH QUẢNG TRỊ"
    ws["A2"] = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    ws.merge_cells("A1:C1")
    ws.merge_cells("A2:C2")
    ws["A4"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    ws["A5"] = "Thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024"
    ws["A6"] = "(Kèm theo Tờ trình số 214/TTr-STNMT ngày 12/11/2024 của Sở Tài nguyên và Môi trường)"
    for r in (4, 5, 6):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        ws.cell(r, 1).font = Font(bold=r == 4)
    header = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"]
    r = 8
    for c, h in enumerate(header, 1):
        ws.cell(r, c, h).font = Font(bold=True)
        ws.cell(r, c).border = box

    def put(values: list[object]) -> None:
        nonlocal r
        r += 1
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v).border = box

    def part(label: str, text: str) -> None:
        nonlocal r
        r += 1
        ws.cell(r, 1, label).font = Font(bold=True)
        ws.cell(r, 2, text).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)

    part("I", "TẬP THỂ")
    for n, row in enumerate(XLSX_COLLECTIVES, 1):
        put([n, row[0], row[1] or None, row[2], row[3]])
    part("II", "CÁ NHÂN")
    for n, row in enumerate(XLSX_INDIVIDUALS, 1):
        put([n, *row])
    r += 2
    ws.cell(r, 4, "GIÁM ĐỐC")
    ws.cell(r + 4, 4, "Nguyễn Văn Đông")
    for col, width in zip("ABCDE", (6, 40, 22, 44, 34), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(str(path))


def _fixed_zip(path: Path) -> None:
    """Rewrite an Office file's ZIP with fixed entry times and core dates (they carry the clock otherwise)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    # openpyxl stamps dcterms:modified with the clock on save, whatever the properties say
    parts = [(n, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, d)
              if n == "docProps/core.xml" else d) for n, d in parts]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


def main() -> None:
    make_docx(OUT / DOCX_NAME)
    _fixed_zip(OUT / DOCX_NAME)
    make_pdf(OUT / PDF_NAME)
    make_xlsx(OUT / XLSX_NAME)
    _fixed_zip(OUT / XLSX_NAME)
    for name in (DOCX_NAME, PDF_NAME, XLSX_NAME):
        print(OUT / name)


if __name__ == "__main__":
    main()
