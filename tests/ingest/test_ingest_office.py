"""Word 97-2003 (.doc, antiword/catdoc) and RTF (unrtf), legacy encodings inside."""

from __future__ import annotations

import pytest
from ingest_testkit import corpus_file, need_tool, similarity, word_f1

from vnadmin_extract.errors import E_CONVERTER
from vnadmin_extract.ingest import read_path
from vnadmin_extract.pipeline import process_file

# (file, expected encoding, minimum word F1 against the transcript). Transcripts keep
# the interleaved header lines that the reader separates, so the measure is order-free.
LEGACY_DOCS = [
    ("qd-ubnd-binhphuoc-991-2008-vni.doc", "vni", 0.97),
    ("quy-dinh-ubnd-camau-05-2006-doi-kiem-tra-814-vni.doc", "vni", 0.98),
    ("qd-bqlkcn-bariavungtau-2007-quy-che-chi-tieu-vni.doc", "vni", 0.97),
    ("mau-bao-cao-bhld-bqlkcn-dongnai-2009-vni.doc", "vni", 0.97),
    ("qd-btc-144-2002-thue-nhap-khau-tcvn3.doc", "tcvn3", 0.97),
    ("qd-ub-cantho-256-2004-cai-cach-hanh-chinh-tcvn3.doc", "tcvn3", 0.98),
    ("quy-dinh-ubnd-angiang-522-2002-uu-dai-dau-tu-tcvn3.doc", "tcvn3", 0.98),
    ("qd-btc-12-2001-che-do-ke-toan-tcvn3.doc", "tcvn3", 0.97),
    ("du-an-cntt-lamdong-2004-mixed-tcvn3-vni.doc", "tcvn3+vni", 0.96),
    ("tt-btc-08-2001-thue-tndn-tcvn3.rtf", "tcvn3", 0.98),
]


@pytest.mark.parametrize(("name", "encoding", "f1"), LEGACY_DOCS)
def test_legacy_office_file_matches_transcript(name, encoding, f1):
    need_tool("antiword", "catdoc", "unrtf")
    path = corpus_file(name)
    raw = read_path(path, path.read_bytes())
    assert set((raw.encoding or "").split("+")) == set(encoding.split("+"))
    assert word_f1(raw.text, path.with_suffix(".gt.txt").read_text(encoding="utf-8")) >= f1


def test_small_vni_doc_sequence_similarity():
    need_tool("antiword")
    path = corpus_file("qd-ubnd-binhphuoc-991-2008-vni.doc")
    raw = read_path(path, path.read_bytes())
    assert similarity(raw.text, path.with_suffix(".gt.txt").read_text(encoding="utf-8")) >= 0.93
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    # header table: issuer block, then motto block
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH PHƯỚC", "Số: 991/QĐ-UBND"]
    assert lines[3] == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_rtf_fonts_convert_and_capitalise():
    need_tool("unrtf")
    path = corpus_file("tt-btc-08-2001-thue-tndn-tcvn3.rtf")
    raw = read_path(path, path.read_bytes())
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    assert lines[0].split() == ["BỘ", "TÀI", "CHÍNH"]
    assert "THÔNG TƯ" in lines  # .VnTimeH run, lower-case codes, drawn as capitals
    # signature laid out with spaces: Nơi nhận block, then the signer block
    i = lines.index("Nơi nhận :")
    assert lines.index("- Lưu : VP(HC,TH),TCT(HC,NV5)") > i
    assert lines[-3:] == ["KT.BỘ TRƯỞNG BỘ TÀI CHÍNH", "THỨ TRƯỞNG", "Vũ Văn Ninh"]


def test_generated_rtf_with_legacy_fonts(tmp_path):
    need_tool("unrtf")
    from vnadmin_extract.ingest import legacy

    def esc(text: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\'{ord(ch):02x}" for ch in text)

    heading = esc(legacy.encode("QUYẾT ĐỊNH", "tcvn3", capitals_font=True))
    body = esc(legacy.encode("Căn cứ Luật Thi đua, khen thưởng;", "tcvn3"))
    vni = esc(legacy.encode("Điều 1. Tặng Bằng khen cho tập thể.", "vni"))
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}{\\f1 .VnTime;}"
           "{\\f2 .VnTimeH;}{\\f3 VNI-Times;}}\n"
           f"\\pard\\qc{{\\f2 {heading}}}\\par\n\\pard{{\\f1 {body}}}\\par\n\\pard{{\\f3 {vni}}}\\par\n"
           "\\pard{\\f1 N\\'aci nh\\'cbn:}\\tab\\tab{\\f2 ch\\'f1 t\\'dech}\\par}")
    path = tmp_path / "doc.rtf"
    path.write_text(rtf, encoding="ascii")
    raw = read_path(path, path.read_bytes())
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    assert lines[:3] == ["QUYẾT ĐỊNH", "Căn cứ Luật Thi đua, khen thưởng;", "Điều 1. Tặng Bằng khen cho tập thể."]
    assert lines[3:] == ["Nơi nhận:", "CHỦ TỊCH"]
    assert set(raw.encoding.split("+")) == {"tcvn3", "vni"}


def test_doc_antiword_refuses_catdoc_reads():
    need_tool("antiword", "catdoc")
    path = corpus_file("tt-bng-03-2018-thi-dua-khen-thuong-nganh-ngoai-giao.doc")
    raw = read_path(path, path.read_bytes())
    assert raw.metadata["converter"] == "catdoc"
    assert "THÔNG TƯ" in raw.text and "BỘ NGOẠI GIAO" in raw.text


def test_unicode_doc_untouched_encoding():
    need_tool("antiword")
    path = corpus_file("luat-thi-dua-khen-thuong-2022.doc")
    raw = read_path(path, path.read_bytes())
    assert raw.encoding is None
    lines = [line.strip() for line in raw.text.split("\n") if line.strip()]
    assert lines[:3] == ["QUỐC HỘI", "--------", "Luật số: 06/2022/QH15"]


def test_garbage_doc_is_converter_error(tmp_path):
    need_tool("antiword", "catdoc")
    path = tmp_path / "bad.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    rec = process_file(path)
    assert rec.error is not None and rec.error.code == E_CONVERTER
