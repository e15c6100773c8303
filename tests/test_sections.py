from vnadmin_extract import extract_file, extract_text


def test_restarted_list_nests_in_subsection(seeds_dir) -> None:
    rec = extract_file(seeds_dir / "000_ff6a27539d3b0b29.txt")
    ids = [s.id for s in rec.sections]
    assert ids[:9] == ["I", "I.1", "I.2", "I.2.1", "I.2.2", "I.2.2.1", "I.2.2.2", "I.2.2.2.-1", "I.2.2.3"]
    assert "II.3.1" in ids and "II.4.5" in ids and "I.3" not in ids


def test_section_spans_nest_and_point_at_their_labels(seeds_dir) -> None:
    rec = extract_file(seeds_dir / "001_f64e128b8eff9545.txt")
    by_id = {s.id: s for s in rec.sections}
    for s in rec.sections:
        assert rec.text[s.start:s.end].startswith(s.label or s.heading[:5])
        if s.parent:
            p = by_id[s.parent]
            assert p.start <= s.start and s.end <= p.end and s.level == p.level + 1


def test_markers_of_every_kind() -> None:
    text = ("QUYẾT ĐỊNH:\n\nĐiều 1. Tặng Bằng khen cho:\n\na) 05 tập thể;\n\nb) 04 cá nhân.\n\n"
            "Điều 2. Giao Sở Nội vụ:\n\n1. Thực hiện.\n\n- Ý thứ nhất;\n\n+ Chi tiết;\n\n- Ý thứ hai.\n\n"
            "Điều 3. Hiệu lực.\n")
    rec = extract_text(text)
    assert [s.id for s in rec.sections] == [
        "Điều 1", "Điều 1.a", "Điều 1.b", "Điều 2", "Điều 2.1", "Điều 2.1.-1", "Điều 2.1.-1.+1",
        "Điều 2.1.-2", "Điều 3"]
    assert rec.sections[0].heading == "Tặng Bằng khen cho:"


def test_run_in_star_headings(seeds_dir) -> None:
    rec = extract_file(seeds_dir / "004_43076c7763059a94.txt")
    ids = [s.id for s in rec.sections]
    assert ids[:2] == ["*1", "*1.-1"] and "*3.-2.+2" in ids and "*4" in ids
