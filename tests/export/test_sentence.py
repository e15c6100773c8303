"""The awards table carries the sentence each statement is in (built from the record's text)."""

from __future__ import annotations

from pathlib import Path

from vnadmin_extract.store.parquet import read_parquet
from vnadmin_extract.store.sentence import sentence_of


def _sentences(run: Path, name_part: str) -> list[tuple[str, str]]:
    frames = read_parquet(run)
    docs = frames["documents"]
    doc_id = docs[docs["path"].str.contains(name_part)]["doc_id"].iloc[0]
    awards = frames["awards"][frames["awards"]["doc_id"] == doc_id].sort_values("award_id")
    return list(zip(awards["award"], awards["sentence"], strict=True))


def test_sentences_of_real_statements(corpus_run: Path) -> None:
    got = _sentences(corpus_run, "bc-thcs-le-quy-don")
    assert got[0] == ("Bằng khen", "Cô Trần Thị Mỹ Lệ, giáo viên Tổ Ngữ văn, được Chủ tịch UBND tỉnh tặng Bằng khen "
                                   "vì có thành tích xuất sắc trong công tác bồi dưỡng học sinh giỏi.")
    # a list item: the bullet is dropped, the line is the sentence
    assert got[2] == ("Lao động tiên tiến",
                      "Cá nhân: 35/40 giáo viên đạt danh hiệu “Lao động tiên tiến”; 03 giáo viên đạt Chiến sỹ thi đua cơ sở.")
    hue = _sentences(corpus_run, "bc-ubnd-huyen-thang-binh")
    assert hue[17][1].startswith("UBND huyện kính đề nghị Chủ tịch UBND tỉnh xem xét, trình Chủ tịch nước tặng "
                                 "Huân chương Lao động hạng Ba cho 01 cá nhân là ông Huỳnh Tấn Lực")
    assert all(s and len(s) <= 2 * 300 + 60 for _a, s in got + hue)


def test_sentence_edges() -> None:
    assert sentence_of(None, 0, 1) is None
    assert sentence_of("abc", 2, 9) is None
    text = "Số 1.500 người. Tặng Giấy khen cho TP. Huế\nDòng sau."
    start = text.index("Giấy khen")
    assert sentence_of(text, start, start + 9) == "Tặng Giấy khen cho TP."
    long = "x " * 1000 + "Bằng khen" + " y" * 1000
    s = sentence_of(long, 2000, 2009, limit=50)
    assert s is not None and "Bằng khen" in s and len(s) <= 110 and not s.startswith(" ")
