"""Word repair of OCR'd running text (ingest/ocr_words.py): real lines of the scans of
../shared/corpus-public, correct text that must be left alone, the warning, the cost."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnadmin_extract.errors import W_OCR_REPAIRED
from vnadmin_extract.ingest import ocr_layout, ocr_words, read_bytes, read_path
from vnadmin_extract.rules.load import load_yaml

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def fixed(text: str) -> str:
    return ocr_words.repair_text(text)[0]


@pytest.mark.parametrize(("read", "restored", "repairs"), [
    # kh-ubnd-quangbinh-672-2024 (scan): the title
    ("Thu thập, cập nhật, chỉnh sửa, tông hợp thông tin về người lao động\n"
     "và nhu cầu tuyễn dụng lao động trên địa bàn tỉnh Quảng Bình",
     "Thu thập, cập nhật, chỉnh sửa, tổng hợp thông tin về người lao động\n"
     "và nhu cầu tuyển dụng lao động trên địa bàn tỉnh Quảng Bình",
     [("tông hợp", "tổng hợp"), ("tuyễn dụng", "tuyển dụng")]),
    # ttr-stp-quangbinh-2753-2022 (scan): both syllables lost their tone
    ("trong 10 năm thực hiện Luật Phô biên, giáo dục pháp luật",
     "trong 10 năm thực hiện Luật Phổ biến, giáo dục pháp luật",
     [("Phô biên", "Phổ biến")]),
    # cv-sgddt-danang-1906-2020-covid-p1 (photo): the comma keeps "phòng" out of the window;
    # "chồng dịch" is no word, "chống dịch" is (ocr_words.yaml), and the digit read as I
    ("V/v khẩn trương thực hiện các biện pháp phòng, chồng dịch COVID-I9",
     "V/v khẩn trương thực hiện các biện pháp phòng, chống dịch COVID-19",
     [("chồng dịch", "chống dịch"), ("COVID-I9", "COVID-19")]),
    # kh-ubnd-quangbinh-672-2024: a line break inside running text joins the window
    ("sản xuất sản\nphâm hàng hóa", "sản xuất sản\nphẩm hàng hóa", [("sản\nphâm", "sản\nphẩm")]),
    # a mark Vietnamese has not: the breve and acute of "ắ" read as a diaeresis
    ("đã có thành tích xuất säc trong năm học", "đã có thành tích xuất sắc trong năm học",
     [("xuất säc", "xuất sắc")]),
    # the hat lost under a tone read right (cv-ubnd-danang-5710-2023)
    ("trên địa bàn thành phó và tổng thẻ", "trên địa bàn thành phố và tổng thể",
     [("thành phó", "thành phố"), ("tổng thẻ", "tổng thể")]),
    # capitals keep their case letter by letter
    ("KẾ HOẠCH TÔ CHỨC THỰC HIỆN", "KẾ HOẠCH TỔ CHỨC THỰC HIỆN", [("TÔ CHỨC", "TỔ CHỨC")]),
    ("Tô chức thực hiện", "Tổ chức thực hiện", [("Tô chức", "Tổ chức")]),
    # one syllable on its own: no syllable of the language, or a rare one beside a very common one
    ("đào tạo nguôn nhân lực phù hợp", "đào tạo nguồn nhân lực phù hợp", [("nguôn", "nguồn")]),
    ("Thông tư sô 01/2022/TT-BLĐTBXH ngày", "Thông tư số 01/2022/TT-BLĐTBXH ngày", [("sô", "số")]),
    # a capitalised syllable in mixed case: its pair decides
    ("Quôc hội", "Quốc hội", [("Quôc hội", "Quốc hội")]),
    # digits read as letters where the rest of the part is digits
    ("năm 2O19, số l5/KH", "năm 2019, số 15/KH", [("2O19,", "2019,"), ("l5/KH", "15/KH")]),
])
def test_real_ocr_lines_are_restored(read: str, restored: str, repairs: list[tuple[str, str]]) -> None:
    assert ocr_words.repair_text(read) == (restored, repairs)


@pytest.mark.parametrize("line", [
    # from documents of the corpus, each once "repaired" by a looser rule
    "Cục Sở hữu trí tuệ làm Khối phó Khối thi đua năm 2025",  # "khối phố" is a word too
    "do các đồng chí lãnh đạo đang đương nhiệm ký được thực hiện theo",  # not "nhiệm kỳ"
    "12,5 độ vĩ bắc, 116,1 độ kinh đông, cách đảo Song Tử Tây khoảng 230km",  # a dot is not lost
    "Có thành tích xuất sắc trong kỳ thi, hội thi",  # a syllable with no mark stays
    "Kết quả họp Hội đồng Thi đua - Khen thưởng tỉnh",  # no hat is added under a dot
    "Bằng khen của Chủ tịch UBND tỉnh tặng cho 05 tập thể",  # no tone swapped but look-alikes
    "tỉnh về công tác thi đua, khen thưởng",  # "tinh vệ": no tone taken away
    "đã tổ chức tuyên\ndương các tập thể",  # "tuyến đường" differs from "tuyên dương" in a đ
    "cho đơn vị chuyên trách cùng câp phục vụ",  # "cấp" or "cập": both common
    # correct text of corpus-public text layers and transcripts
    "cá lóc đồng dao động từ 100.000 - 120.000đ/kg, cá điêu hồng 45.000",  # "điêu" is not rare enough
    "phải nghỉ lại tại các vùng nông thôn",  # a function word beside a syllable read with a tone
    "nối với Switching HUB trung tâm bằng cáp đồng trục",
    "bảo đảm tính phù hợp, không chồng lấn; đồng thời",  # a rare syllable with a tone stays
    "Bảng 2: (Đối với Côc Thèng kê và Ban Tổ chức)",  # capitalised: a name for all we know
    # names: capitalised syllables in mixed case, a signer's name in capitals
    "Đồng chí Phan Văn Tông, Trưởng phòng Nội vụ huyện Quang Bình",
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTÔ VĂN CHÂU",
    # digits and codes that are not numbers
    "Số: 115/PA83-CTĐ ngày 10/11/2018; mẫu TT01, phụ lục II, Điều l",
    # cv-sgddt-danang-1595-2019: the page says "số 1, 2, 3"; a letter beside its own digit stays
    "- Giám đốc các trung tâm GDTX số l1, 2, 3.",
])
def test_correct_text_is_left_alone(line: str) -> None:
    assert ocr_words.repair_text(line) == (line, [])


def test_pattern_examples() -> None:
    data = load_yaml("ocr_words.yaml")
    for read, restored in data["examples"]:
        assert fixed(read) == restored, read
    for line in data["counter_examples"]:
        assert fixed(line) == line


def test_repairs_keep_length_and_offsets() -> None:
    read = "Kính gửi: Sở Giáo dục; tông hợp, tuyễn dụng lao động, một sô nội dung, COVID-I9"
    out, repairs = ocr_words.repair_text(read)
    assert len(out) == len(read)
    assert out == "Kính gửi: Sở Giáo dục; tổng hợp, tuyển dụng lao động, một số nội dung, COVID-19"
    # everything but the repaired syllables is where it was
    assert [i for i, (a, b) in enumerate(zip(read, out, strict=True)) if a != b] == [
        read.index("tông") + 1, read.index("tuyễn") + 3, read.index("sô") + 1, read.index("I9")]
    assert repairs == [("tông hợp", "tổng hợp"), ("tuyễn dụng", "tuyển dụng"), ("một sô", "một số"),
                       ("COVID-I9", "COVID-19")]


def test_warning_text() -> None:
    _, repairs = ocr_words.repair_text("tô chức tốt; đã tô chức; Phô biên")
    assert ocr_words.repair_warning(repairs) == (
        "3 OCR'd word(s) restored from the Vietnamese word list: "
        "'tô chức' -> 'tổ chức' (x2); 'Phô biên' -> 'Phổ biến'")


def test_repair_pages_only_touches_ocr_pages() -> None:
    layer = "Luật Phô biên, giáo dục pháp luật"  # a text layer is what the PDF says
    scan = "UBND TINH QUẢNG BÌNH\nLuật Phô biên, giáo dục pháp luật"
    pages, warnings = ocr_layout.repair_pages([scan, layer, scan], [True, False, True])
    assert pages == ["UBND TỈNH QUẢNG BÌNH\nLuật Phổ biến, giáo dục pháp luật", layer,
                     "UBND TINH QUẢNG BÌNH\nLuật Phổ biến, giáo dục pháp luật"]
    assert warnings == [
        (W_OCR_REPAIRED, "OCR'd header words restored from the header vocabulary: 'UBND TINH QUẢNG BÌNH' -> 'UBND TỈNH QUẢNG BÌNH'"),
        (W_OCR_REPAIRED, "2 OCR'd word(s) restored from the Vietnamese word list: "
                         "'Phô biên' -> 'Phổ biến' (x2)"),
    ]
    assert ocr_layout.repair_pages([layer], [False]) == ([layer], [])


def test_work_is_linear_in_words() -> None:
    """Dictionary look-ups per document grow with its words, not faster (no clock)."""
    line = "Thu thập, cập nhật, chỉnh sửa, tông hợp thông tin về người lao động và nhu cầu tuyễn dụng\n"
    counts = []
    for n in (50, 100, 200):
        stats = ocr_words.Stats()
        ocr_words.repair_text(line * n, stats)
        counts.append(stats.ops)
    assert counts[1] == 2 * counts[0] and counts[2] == 2 * counts[1]
    assert counts[0] <= 4 * len((line * 50).split())


def test_word_list_loads_once() -> None:
    first = ocr_words.lexicon()
    assert ocr_words.lexicon() is first
    assert "tổng hợp" in first.words and "chống dịch" in first.words
    assert len(first.words) > 50_000


def _clean_texts(paths: list[Path]) -> list[tuple[str, str]]:
    out = []
    for p in paths:
        raw = read_path(p, read_bytes(p))
        assert not raw.ocr
        out.append((p.name, raw.text))
    return out


def _false_repairs(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = []
    for name, text in texts:
        for page in text.split("\f"):
            found += [(name, a, b) for a, b in ocr_words.repair_text(page)[1]]
    return found


def test_clean_corpus_text_is_left_alone() -> None:
    """Correct text read as if it were OCR: no word changes (the team's documents)."""
    paths = sorted(p for sub in ("documents", "heldout/documents", "heldout-b/documents", "heldout-c/documents")
                   for p in (CORPUS / sub).iterdir() if p.suffix in (".txt", ".md"))
    assert len(paths) >= 40
    assert _false_repairs(_clean_texts(paths)) == []


def test_clean_real_text_is_left_alone(seeds_dir: Path, public_dir: Path) -> None:
    """The same on the seeds and the Markdown and legal-portal files of corpus-public."""
    paths = sorted(p for p in seeds_dir.iterdir() if p.suffix in (".txt", ".md"))
    paths += sorted(p for p in public_dir.iterdir()
                    if (p.suffix == ".md" or p.name.endswith(".vbpl.html")) and p.name not in ("README.md", "LEADS.md"))
    assert len(paths) >= 25
    assert _false_repairs(_clean_texts(paths)) == []
