"""Objects of dimensions other than 6 (insatser) and 20 (motparter) on a SIE file's rows —
kostnadsställe (1), a user dimension declared with #UNDERDIM, another with #DIM — are kept
by the import, row by row, written back by the export and are as permanent as the rows."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import shared_path
from old_books import old_book

from finsam_desktop.book import Book
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_reader import parse_sie, read_sie
from finsam_desktop.exchange.sie_writer import export_sie

FILE = """#FLAGGA 0
#PROGRAM "Hogia" 1.0
#SIETYP 4
#ORGNR 222000-1354
#FNAMN "Samordningsförbundet Objekt"
#RAR 0 20240101 20241231
#KONTO 1930 "Bank"
#KONTO 2440 "Leverantörsskulder"
#KONTO 3010 "Driftbidrag"
#KONTO 5010 "Lokalhyra"
#KONTO 6110 "Kontorsmaterial"
#DIM 1 "Kostnadsställe"
#UNDERDIM 21 "Avdelning" 1
#DIM 25 "Finansiär"
#DIM 6 "Projekt"
#OBJEKT 1 "100" "Kansli"
#OBJEKT 1 "200" "Insatser"
#OBJEKT 21 "A1" "Avdelning 1"
#OBJEKT 25 "ESF" "Europeiska socialfonden"
#OBJEKT 6 "P1" "Steg framåt"
#IB 0 1930 50000.00
#IB 0 2440 -50000.00
#VER A 1 20240105 "Driftbidrag"
{
#TRANS 1930 {} 100000.00
#TRANS 3010 {25 "ESF"} -100000.00
}
#VER A 2 20240201 "Hyra"
{
#TRANS 5010 {1 "100" 21 "A1" 6 "P1"} 12000.00 20240201 "Hyra feb"
#TRANS 1930 {} -12000.00
}
#VER A 3 20240301 "Material"
{
#TRANS 6110 {1 "200"} 499.50
#TRANS 6110 {1 "300" 25 "ESF"} 500.50
#TRANS 2440 {} -1000.00
}
"""

# Per verifikation, per row: the row's objects (dimension, code), other than 6 and 20.
EXPECTED = {("A", 1): [(), ((25, "ESF"),)],
            ("A", 2): [((1, "100"), (21, "A1")), ()],
            ("A", 3): [((1, "200"),), ((1, "300"), (25, "ESF")), ()]}


def row_objects(book: Book, label: str) -> dict:
    y = book.year_by_label(label)
    out = {}
    for series, number, _d, _t, _b, rows in book.iter_year_vouchers(y.id):
        v = book.voucher_by_ref(y.id, series, number)
        out[(series, number)] = [tuple((o.dim, o.code) for o in objs) for objs in book.voucher_row_objects(v.id)]
        assert len(out[(series, number)]) == len(rows)
    return out


def imported(tmp_path, text=FILE, name="hogia.se"):
    src = tmp_path / name
    src.write_bytes(text.encode("cp437"))
    return import_sie(src, tmp_path / "f.finsam")


def test_the_reader_keeps_every_dimension_on_each_row_and_the_underdim_parent():
    s = parse_sie(FILE.encode("cp437"), "hogia.se")
    assert not s.errors and not s.warnings
    assert [[r.objects for r in v.rows] for v in s.vouchers] == [
        [(), ((25, "ESF"),)], [((1, "100"), (21, "A1")), ()], [((1, "200"),), ((1, "300"), (25, "ESF")), ()]]
    assert s.vouchers[1].rows[0].project == "P1"
    assert s.dimensions[21] == "Avdelning" and s.parents == {21: 1}


def test_import_keeps_every_rows_objects_and_warns_only_about_the_undeclared_one(tmp_path):
    report = imported(tmp_path)
    # Object 1 "300" is used on line 36 without #OBJEKT: created without a name, and said so.
    msgs = [w.message for w in report.warnings]
    assert msgs == ["hogia.se, rad 36: Objekt ”300” i dimension 1 används på raden men saknar #OBJEKT; det läggs "
                    "upp utan namn."]
    (w,) = report.warnings
    assert (w.line, w.field) == (36, "objektlista")
    with Book.open(tmp_path / "f.finsam") as book:
        assert row_objects(book, "2024") == EXPECTED
        assert sum(len(objs) for rows in row_objects(book, "2024").values() for objs in rows) == 6
        assert [(d.number, d.name, d.parent) for d in book.object_dimensions()] == [
            (1, "Kostnadsställe", None), (21, "Avdelning", 1), (25, "Finansiär", None)]
        assert book.objects() == [(1, "100", "Kansli"), (1, "200", "Insatser"), (1, "300", ""),
                                  (21, "A1", "Avdelning 1"), (25, "ESF", "Europeiska socialfonden")]
        a2 = book.voucher_by_ref(book.year_by_label("2024").id, "A", 2)
        assert a2.rows[0].project_id == book.project_by_code("P1").id
        assert [o.label for o in book.voucher_row_objects(a2.id)[0]] == ["1 Kostnadsställe 100", "21 Avdelning A1"]
        assert book.balance_at("2024-12-31") == {1930: 138_000_00, 2440: -51_000_00, 3010: -100_000_00,
                                                 5010: 12_000_00, 6110: 1_000_00}


def test_a_reserved_dimension_used_undeclared_gets_its_standard_name_an_unknown_one_a_warning(tmp_path):
    text = FILE.replace('#TRANS 1930 {} 100000.00\n', '#TRANS 1930 {7 "E12" 30 "X"} 100000.00\n')
    report = imported(tmp_path, text)
    msgs = [w.message.split(": ", 1)[1] for w in report.warnings]
    assert "Dimension 30 används i filen men deklareras inte med #DIM; den läggs upp utan namn." in msgs
    assert "Objekt ”E12” i dimension 7 används på raden men saknar #OBJEKT; det läggs upp utan namn." in msgs
    with Book.open(tmp_path / "f.finsam") as book:
        dims = {d.number: d.name for d in book.object_dimensions()}
        assert dims[7] == "Anställd" and dims[30] == ""
        assert row_objects(book, "2024")[("A", 1)] == [((7, "E12"), (30, "X")), ((25, "ESF"),)]


def test_export_writes_the_objects_back_and_reimport_gives_the_same_objects_per_row(tmp_path):
    imported(tmp_path)
    with Book.open(tmp_path / "f.finsam") as book:
        out = tmp_path / "ut.se"
        export_sie(book, book.year_by_label("2024"), out)
        before = row_objects(book, "2024")
    text = out.read_bytes().decode("cp437")
    lines = text.splitlines()
    assert '#DIM 1 "Kostnadsställe"' in lines and '#UNDERDIM 21 "Avdelning" 1' in lines
    assert '#DIM 25 "Finansiär"' in lines
    assert lines.index('#DIM 1 "Kostnadsställe"') < lines.index('#UNDERDIM 21 "Avdelning" 1')
    assert '#OBJEKT 1 "300" ""' in lines and '#OBJEKT 25 "ESF" "Europeiska socialfonden"' in lines
    assert '#TRANS 5010 {1 "100" 6 "P1" 21 "A1"} 12000.00 20240201 "Hyra feb"' in lines
    assert '#TRANS 6110 {1 "300" 25 "ESF"} 500.50' in lines
    s = read_sie(out)
    assert s.checksum == "ok" and not s.warnings
    report = import_sie(out, tmp_path / "igen.finsam")
    assert report.warnings == []
    with Book.open(tmp_path / "igen.finsam") as back:
        assert row_objects(back, "2024") == before == EXPECTED
        assert back.objects()[2] == (1, "300", "")


def test_a_booked_rows_objects_cannot_be_added_changed_or_removed(tmp_path):
    imported(tmp_path)
    with Book.open(tmp_path / "f.finsam") as book:
        y = book.year_by_label("2024")
        a3 = book.voucher_by_ref(y.id, "A", 3)
        row_ids = [r[0] for r in book.conn.execute("SELECT id FROM voucher_row WHERE voucher_id = ? ORDER BY id",
                                                   (a3.id,))]
        path = book.path
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        for sql, params, why in [
            ("UPDATE voucher_row_object SET code = '100' WHERE row_id = ? AND dim = 1", (row_ids[0],),
             "kan inte ändras"),
            ("DELETE FROM voucher_row_object WHERE row_id = ?", (row_ids[1],), "kan inte tas bort"),
            ("INSERT INTO voucher_row_object (row_id, dim, code) VALUES (?, 21, 'A1')", (row_ids[2],),
             "kan inte få nya objekt"),
            ("UPDATE object SET code = '999' WHERE dim = 1 AND code = '300'", (), "dimension och kod kan inte"),
            ("DELETE FROM object WHERE dim = 25", (), "används i bokföringen"),
            ("DELETE FROM object_dimension WHERE number = 1", (), "har objekt"),
        ]:
            with pytest.raises(sqlite3.DatabaseError, match=why):
                conn.execute(sql, params)
        # Renaming an object is allowed (like an insats's name); the row keeps it.
        conn.execute("UPDATE object SET name = 'Övrigt' WHERE dim = 1 AND code = '300'")
        assert conn.execute("SELECT code FROM voucher_row_object WHERE row_id = ? ORDER BY dim",
                            (row_ids[1],)).fetchall() == [("300",), ("ESF",)]
    finally:
        conn.close()
    with Book.open(path) as book:
        assert row_objects(book, "2024") == EXPECTED


def test_a_refused_booking_leaves_no_row_objects_behind(tmp_path):
    imported(tmp_path)
    with Book.open(tmp_path / "f.finsam") as book:
        y = book.year_by_label("2024")
        fine = (1930, 100, None, "", 0, None, ((1, "100"),)), (3010, -100, None, "", 0, None, ((25, "ESF"),))
        unbalanced = (1930, 100, None, "", 0, None, ((1, "200"),)), (3010, -99, None, "", 0, None, ())
        from finsam_desktop.book.bulk import BulkVoucher
        from finsam_desktop.errors import RuleError
        with pytest.raises(RuleError, match="A 5 balanserar inte"):
            book.bulk_book_vouchers(y.id, [BulkVoucher("A", 4, "2024-06-01", "", fine),
                                           BulkVoucher("A", 5, "2024-06-01", "", unbalanced)], project_ids={})
        assert book.conn.execute("SELECT count(*) FROM voucher_row_object").fetchone()[0] == 6
        assert book.next_voucher_number(y.id, "A") == 4
        assert book.bulk_book_vouchers(y.id, [BulkVoucher("A", 4, "2024-06-01", "", fine)], project_ids={}) == 1
        assert row_objects(book, "2024")[("A", 4)] == [((1, "100"),), ((25, "ESF"),)]


def test_a_book_from_before_the_objects_opens_migrates_and_takes_them(tmp_path):
    p = tmp_path / "gammal.finsam"
    conn = old_book(p, len(MIGRATIONS) - 1, year=2024)
    conn.execute("INSERT INTO account (number, name, kind) VALUES (1930, 'Bank', 'T'), (3010, 'Bidrag', 'I')")
    conn.close()
    with Book.open(p) as book:
        assert book.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert book.object_dimensions() == [] and book.objects() == []
        assert book.year_row_objects(book.year_by_label("2024").id) == {}
    src = tmp_path / "in.si"
    src.write_bytes(('#FLAGGA 0\n#SIETYP 4\n#DIM 1 "Kostnadsställe"\n#OBJEKT 1 "100" "Kansli"\n'
                     '#VER A 1 20240105 "Bidrag"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {1 "100"} -100.00\n}\n')
                    .encode("cp437"))
    report = import_sie(src, p)
    assert report.warnings == []
    with Book.open(p) as book:
        assert row_objects(book, "2024") == {("A", 1): [(), ((1, "100"),)]}


# The real files (see their README) that carry objects: none may lose them with a warning.
@pytest.mark.parametrize("name", ["BLBLOV_SIE4.SE", "BLBLOV_SIE3.SE", "BLBLOV_SIE4_UTF_8_1.SE",
                                  "SIE_with_long_voucher_series_number.SE", "Quotes_test.si"])
def test_real_files_import_without_a_dropped_objects_warning(tmp_path, name):
    s = read_sie(shared_path("sie-samples", name))
    assert not [f for f in s.findings if "objekt" in f.message.casefold() and "läses inte in" in f.message]


@pytest.mark.parametrize("objs", ['{1 "100"}', '{1 "100" 6 "P1" 21 "A1"}', '{25 ESF 6 P1}', '{20 "7" 1 " 100 "}',
                                  '{1 ""}', '{1 "100" 1 "200"}', '{6 "P1" 20 "3"}'])
def test_whole_blocks_read_objects_exactly_as_the_line_reader_does(objs):
    def read(block: bool):
        ver = '#VER A 1 20240105 "x"' + ("\n{" if block else " {")
        body = f'#FLAGGA 0\n#KSUMMA\n{ver}\n#TRANS 5010 {objs} 100.00\n#TRANS 1930 {{}} -100.00\n}}\n#KSUMMA 1\n'
        s = parse_sie(body.encode("cp437"), "a.se")
        crc = next(f.message for f in s.findings if "innehållet ger" in f.message).split("innehållet ger ")[1]
        # The same records, one line fewer without the brace's own line: compared without lines.
        others = [(f.field, f.message.split(": ", 1)[1]) for f in s.findings if "Kontrollsumman" not in f.message]
        return [tuple(r[:4]) + tuple(r[5:]) for v in s.vouchers for r in v.rows], crc, others

    assert read(True) == read(False)
    rows, _crc, _w = read(True)
    assert len(rows) == 2 and rows[1][5] == ()


def test_the_cli_import_says_which_dimensions_the_rows_keep(tmp_path, capsys):
    from finsam_desktop.cli import main
    src = tmp_path / "hogia.se"
    src.write_bytes(FILE.encode("cp437"))
    assert main(["import-sie", str(src), "--into", str(tmp_path / "f.finsam")]) == 0
    out = capsys.readouterr().out
    assert "Radernas objekt i andra dimensioner behålls: 5 objekt i dimension 1, 21, 25." in out


def test_a_rattelse_gives_each_reversing_row_the_objects_of_the_row_it_reverses(tmp_path):
    imported(tmp_path)
    with Book.open(tmp_path / "f.finsam") as book:
        y = book.year_by_label("2024")
        a3 = book.voucher_by_ref(y.id, "A", 3)
        r = book.reverse_voucher(a3.id)
        assert [tuple((o.dim, o.code) for o in objs) for objs in book.voucher_row_objects(r.id)] == EXPECTED[("A", 3)]
        # Per kostnadsställe the original and its rättelse sum to zero.
        sums = dict(book.conn.execute(
            "SELECT o.code, sum(r.amount) FROM voucher_row r JOIN voucher_row_object o ON o.row_id = r.id "
            "WHERE o.dim = 1 AND r.voucher_id IN (?, ?) GROUP BY o.code", (a3.id, r.id)))
        assert sums == {"200": 0, "300": 0}
        # A rättelse typed by hand: only the row that reverses one of A 2's rows gets its objects.
        a2 = book.voucher_by_ref(y.id, "A", 2)
        p1 = book.project_by_code("P1").id
        own = book.book_voucher("2024-02-02", "Rättelse av A 2, delvis",
                                [(5010, -12_000_00, p1), (5010, 11_000_00), (1930, 1_000_00)], corrects_id=a2.id)
        assert [tuple((o.dim, o.code) for o in objs) for objs in book.voucher_row_objects(own.id)] == [
            ((1, "100"), (21, "A1")), (), ()]
