"""The ``people``, ``units`` and ``award_history`` views on a real run over corpus/documents,
and the grouping keys behind them (store/groups.py, store/views.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vnadmin_extract.store import datasette as ds
from vnadmin_extract.store.groups import keys

HA_NAM = {"f16c2c745b1ab1f8": "TTr 45", "d71211d83a8ed746": "QĐ 512", "d5fa17f4c260ef32": "BC 88"}


def _db(run: Path) -> sqlite3.Connection:
    con = sqlite3.connect(run / "vnadmin.db")
    ds.register_functions(con)
    return con


@pytest.mark.parametrize(("name", "org", "province", "want"), [
    # punctuation and case of the organisation do not matter
    ("Vũ Thị Ngọc Lan", "phòng Cải cách hành chính, Sở Nội vụ", "Hà Nam",
     ("vu thi ngoc lan", "phong cai cach hanh chinh so noi vu|ha nam")),
    ("Vũ Thị Ngọc Lan", "Phòng Cải cách hành chính - Sở Nội vụ", "Hà Nam",
     ("vu thi ngoc lan", "phong cai cach hanh chinh so noi vu|ha nam")),
    # abbreviations are expanded; "tỉnh X" in the organisation gives the scope
    ("Đoàn Văn Khánh", "UBND xã Thanh Hà", "Hà Nam", ("doan van khanh", "uy ban nhan dan xa thanh ha|ha nam")),
    ("Đoàn Văn Khánh", "Ủy ban nhân dân xã Thanh Hà", "Hà Nam",
     ("doan van khanh", "uy ban nhan dan xa thanh ha|ha nam")),
    ("Nguyễn Văn A", "Sở Tư pháp tỉnh Quảng Bình", None, ("nguyen van a", "so tu phap|quang binh")),
    # a bare trailing "tỉnh" is the document's province; no organisation: the name within the province
    ("Lê Văn Tiến", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Quảng Bình",
     ("le van tien", "bo doi bien phong|quang binh")),
    # other names of one body (grouping.yaml aliases): the Quảng Bình Biên bản, Tờ trình and
    # Quyết định write these two people's organisations two ways
    ("Lê Văn Tiến", "Bộ đội Biên phòng tỉnh Quảng Bình", None, ("le van tien", "bo doi bien phong|quang binh")),
    ("Đặng Đại Bàng", "Tỉnh đoàn tỉnh Quảng Bình", None, ("dang dai bang", "doan tncs ho chi minh|quang binh")),
    ("Đặng Đại Bàng", "Đoàn TNCS Hồ Chí Minh tỉnh Quảng Bình", None,
     ("dang dai bang", "doan tncs ho chi minh|quang binh")),
    ("Trung tâm Phục vụ hành chính công tỉnh", None, "Hà Nam", ("trung tam phuc vu hanh chinh cong", "|ha nam")),
    ("CĐCS Bệnh viện Đa khoa tỉnh", None, "Hà Tĩnh", ("cong doan co so benh vien da khoa", "|ha tinh")),
    (None, "Sở Nội vụ", "Hà Nam", (None, None)),
])
def test_grouping_keys(name: str | None, org: str | None, province: str | None, want: tuple) -> None:
    assert keys(name, org, province) == want


def test_the_same_name_in_two_provinces_is_two_people() -> None:
    assert keys("Nguyễn Văn An", "Sở Tư pháp", "Hà Nam") != keys("Nguyễn Văn An", "Sở Tư pháp", "Quảng Ngãi")


def test_a_unit_of_the_issuers_district_is_scoped_by_it() -> None:
    """"Phòng Tài chính - Kế hoạch huyện" of a Đông Sơn decision and of a Thăng Bình report
    (corpus/documents, neither gives a province) are two units."""
    dong_son = keys("Phòng Tài chính - Kế hoạch huyện", None, None, "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN")
    thang_binh = keys("Phòng Tài chính - Kế hoạch huyện", None, None, "ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH")
    assert dong_son == ("phong tai chinh ke hoach huyen", "|/huyen dong son")
    assert thang_binh == ("phong tai chinh ke hoach huyen", "|/huyen thang binh")


def test_award_history_of_the_ha_nam_chain(corpus_run: Path) -> None:
    """TTr 45 proposes six, QĐ 512 confers five of them, BC 88 reports QĐ 512."""
    rows = _db(corpus_run).execute(
        "select name, kind, award, proposal_doc, proposal_number, decision_doc, decision_number, decision_type, "
        "reports from award_history where proposal_doc = 'f16c2c745b1ab1f8' or decision_doc = 'd71211d83a8ed746' "
        "order by name").fetchall()
    got = [(n, k, a, HA_NAM.get(p), pn, HA_NAM.get(d), dn, dt, [HA_NAM[x] for x in json.loads(r)] if r else None)
           for n, k, a, p, pn, d, dn, dt, r in rows]
    conferred = ("QĐ 512", "Số: 512/QĐ-UBND", "Quyết định", ["BC 88"])
    assert got == [
        ("Lại Quốc Toản", "individual", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV", None, None, None, None),
        ("Phòng Cải cách hành chính", "collective", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV", *conferred),
        ("Trung tâm Phục vụ hành chính công tỉnh", "collective", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV", *conferred),
        ("Vũ Thị Ngọc Lan", "individual", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV", *conferred),
        ("Đoàn Văn Khánh", "individual", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV", *conferred),
        ("Ủy ban nhân dân xã Thanh Hà, huyện Thanh Liêm", "collective", "Bằng khen", "TTr 45", "Số: 45/TTr-SNV",
         *conferred),
    ]


def test_people_and_units_group_across_documents(corpus_run: Path) -> None:
    con = _db(corpus_run)
    people = con.execute("select name, organization, documents, statements, conferred, proposed, first_year, "
                         "last_year, doc_ids, awards, positions from people where documents > 1 order by name").fetchall()
    assert [(n, o, d, s, c, p, f, la, sorted(json.loads(ids)), json.loads(aw), json.loads(pos))
            for n, o, d, s, c, p, f, la, ids, aw, pos in people] == [
        ("Vũ Thị Ngọc Lan", "phòng Cải cách hành chính, Sở Nội vụ", 2, 2, 1, 1, 2024, 2024,
         ["d71211d83a8ed746", "f16c2c745b1ab1f8"], ["Bằng khen"], ["Trưởng phòng"]),
        ("Đoàn Văn Khánh", "UBND xã Thanh Hà", 2, 2, 1, 1, 2024, 2024,
         ["d71211d83a8ed746", "f16c2c745b1ab1f8"], ["Bằng khen"], ["Phó Chủ tịch"]),
    ]
    units = con.execute("select name, kind, documents, org_key from units where documents > 1 order by name").fetchall()
    assert units == [
        ("Phòng Cải cách hành chính", "collective", 2, "so noi vu|ha nam"),
        ("Trung tâm Phục vụ hành chính công tỉnh", "collective", 2, "|ha nam"),
        ("Ủy ban nhân dân xã Thanh Hà, huyện Thanh Liêm", "collective", 2, "|ha nam"),
    ]
    # every recipient is in exactly one group
    n_people = con.execute("select sum(statements) from people").fetchone()[0]
    n_units = con.execute("select sum(statements) from units").fetchone()[0]
    assert n_people + n_units == con.execute("select count(*) from recipients where name_key is not null").fetchone()[0]


def test_canned_queries_on_the_views(corpus_run: Path) -> None:
    con = _db(corpus_run)
    history = con.execute(ds.QUERIES["award_history_of"]["sql"], {"name": "doan van khanh"}).fetchall()
    assert [(r[0], r[5], r[8]) for r in history] == [("Đoàn Văn Khánh", "Số: 45/TTr-SNV", "Số: 512/QĐ-UBND")]
    repeat = con.execute(ds.QUERIES["repeat_recipients"]["sql"], {"min_documents": "2"}).fetchall()
    assert len(repeat) == 5 and {r[3] for r in repeat} == {2}
    meta = ds.metadata()["databases"][ds.DB_NAME]["tables"]
    assert {"people", "units", "award_history"} <= set(meta)
    assert meta["people"]["columns"]["org_key"].startswith("đơn vị không dấu")


def test_postgresql_views_give_the_sqlite_rows(corpus_run: Path, pg_dsn: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    from vnadmin_extract.store.postgres import export_run

    export_run(corpus_run, pg_dsn)
    queries = {
        "people": "select name_key, org_key, documents, statements, conferred, proposed, first_year, last_year "
                  "from {s}people order by 1, 2",
        "units": "select name_key, org_key, kind, documents, statements from {s}units order by 1, 2, 3",
        "award_history": "select name, award, proposal_doc, decision_doc, reports from {s}award_history "
                         "order by 1, 2, 3 nulls first, 4 nulls first",
    }
    con = _db(corpus_run)
    with psycopg.connect(pg_dsn) as pg:
        for name, sql in queries.items():
            lite = con.execute(sql.format(s="")).fetchall()
            post = pg.execute(sql.format(s="vnadmin.")).fetchall()
            if name == "award_history":  # JSON text in SQLite, jsonb in PostgreSQL; SQLite sorts NULL first too
                lite = [(*r[:4], json.loads(r[4]) if r[4] else None) for r in lite]
                post = [(*r[:4], r[4]) for r in post]
            assert [tuple(r) for r in post] == [tuple(r) for r in lite], name
    assert len(lite) > 60
