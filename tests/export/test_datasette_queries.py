"""Canned queries that appear with the tables they need (recipients, links), run on SQLite."""

from __future__ import annotations

import sqlite3

from vnadmin_extract.store import datasette as ds
from vnadmin_extract.store.tables import TABLES, Column, Table


def _db() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    ds.register_functions(con)
    con.executescript("""
        create table documents (doc_id text, number_raw text, date text, title text);
        create table awards (doc_id text, award_id int, award text, status text, year int, conferred_by text,
                             collectives int, individuals int, sentence text, recipients text);
        create table recipients (doc_id text, recipient_id int, award_id int, name text);
        create table links (doc_id text, link_id int, to_doc text, relation text);
        insert into documents values ('ttr', 'Số: 12/TTr-SNV', '2024-03-01', 'Tờ trình'),
                                     ('qd', 'Số: 99/QĐ-UBND', '2024-04-01', 'Quyết định'),
                                     ('ttr2', 'Số: 13/TTr-SNV', '2024-05-01', 'Tờ trình khác');
        insert into awards values ('ttr', 0, 'Bằng khen', 'proposed', 2023, 'Chủ tịch UBND tỉnh', 1, 2,
                                   'Đề nghị tặng Bằng khen cho 01 tập thể và 02 cá nhân.', '[]'),
                                  ('qd', 0, 'Bằng khen', 'conferred', 2023, 'Chủ tịch UBND tỉnh', 1, 2,
                                   'Tặng Bằng khen cho 01 tập thể và 02 cá nhân.', '[]'),
                                  ('ttr2', 0, 'Giấy khen', 'proposed', 2024, 'Giám đốc Sở', 0, 1,
                                   'Đề nghị tặng Giấy khen.', '[]');
        insert into recipients values ('qd', 0, 0, 'Lê Thị Thuỷ');
        insert into links values ('qd', 0, 'ttr', 'confers');
    """)
    return con


def test_proposals_not_conferred_and_recipients_when_those_tables_exist(monkeypatch) -> None:
    extra = {
        "recipients": Table("recipients", "recipient_id", "r", "r", tuple(
            Column(n, "str", n, n) for n in ("doc_id", "recipient_id", "award_id", "name"))),
        "links": Table("links", "link_id", "l", "l", tuple(
            Column(n, "str", n, n) for n in ("doc_id", "link_id", "to_doc", "relation"))),
    }
    monkeypatch.setattr(ds, "TABLES", {**TABLES, **{k: v for k, v in extra.items() if k not in TABLES}})
    queries = ds.queries()
    con = _db()
    open_ones = con.execute(queries["proposals_not_conferred"]["sql"]).fetchall()
    assert [(r[0], r[6], r[9]) for r in open_ones] == [("Giấy khen", "Số: 13/TTr-SNV", "ttr2")]
    person = con.execute(queries["awards_of_person"]["sql"], {"name": "le thi thuy"}).fetchall()
    assert [(r[0], r[1], r[5]) for r in person] == [("Bằng khen", "conferred", "Số: 99/QĐ-UBND")]
    assert ds.ordered_tables()[:6] == ["awards", "recipients", "people", "units", "award_history", "documents"]


def test_without_links_no_proposal_query() -> None:
    if "links" not in TABLES:
        assert "proposals_not_conferred" not in ds.queries()
    assert ds.ordered_tables()[0] == "awards" and "documents" in ds.ordered_tables()[:6]
