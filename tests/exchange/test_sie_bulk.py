"""Bulk booking (what a SIE import writes through) and the database rules it runs into:
one pass of checks with messages naming the verifikation, and the triggers refusing in
the same order for a raw connection as for the program."""

from __future__ import annotations

import sqlite3

import pytest

from finsam_desktop.closing.close import close_year
from finsam_desktop.book import Book
from finsam_desktop.book.bulk import BulkVoucher
from finsam_desktop.errors import RuleError


def snapshot(book: Book) -> tuple:
    c = book.conn
    return tuple(c.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
                 for t in ("voucher", "voucher_row", "balance_day"))


def test_bulk_booking_books_insats_codes_and_adds_up_balance_day_per_day(book):
    p1 = book.add_project("P1", "StegSam").id
    y = book.year_by_label("2021")
    vouchers = [
        BulkVoucher("A", 1, "2021-03-01", "två rader på samma konto och insats",
                    [(4530, 100_00, "P1", "a"), (4530, 50_00, "P1", "b"), (1930, -150_00, None, "")], "SIE A 1"),
        BulkVoucher("A", 2, "2021-03-01", "samma dag", [(4530, 25_00, "P1", ""), (1930, -25_00, None, "")]),
        BulkVoucher("B", 1, "2021-03-02", "", [(1930, 7_00, None, ""), (3010, -7_00, None, "")]),
    ]
    assert book.bulk_book_vouchers(y.id, vouchers, project_ids={"P1": p1}) == 3
    day = book.conn.execute("SELECT date, account, project_id, amount FROM balance_day ORDER BY 1, 2, 3").fetchall()
    assert day == [("2021-03-01", 1930, 0, -175_00), ("2021-03-01", 4530, p1, 175_00),
                   ("2021-03-02", 1930, 0, 7_00), ("2021-03-02", 3010, 0, -7_00)]
    assert book.balance_day_mismatches() == []
    v = book.voucher(book.list_vouchers()[0].id)
    assert [(r.account, r.amount, r.project_id, r.text) for r in v.rows] == [
        (4530, 100_00, p1, "a"), (4530, 50_00, p1, "b"), (1930, -150_00, None, "")]


@pytest.mark.parametrize("voucher, message", [
    (BulkVoucher("A", 1, "2021-03-01", "", [(4530, 1_00, "P9", ""), (1930, -1_00, None, "")]),
     "Verifikation A 1: insatsen finns inte."),
    (BulkVoucher("A", 1, "2021-03-01", "", [(4531, 1_00, None, ""), (1930, -1_00, None, "")]),
     "Verifikation A 1: konto 4531 finns inte i kontoplanen."),
    (BulkVoucher("A", 2, "2021-03-01", "", [(3010, 1_00, None, ""), (1930, -1_00, None, "")]),
     "Verifikation A 2 följer inte i nummerserien: nästa nummer är 1."),
    # Planned from a file as A 1, but another verifikation took A 1 meanwhile.
    (BulkVoucher("A", 1, "2021-03-01", "", [(3010, 1_00, None, ""), (1930, -1_00, None, "")], "SIE A 17"),
     "Verifikation SIE A 17 (nummer A 1 i boken) följer inte i nummerserien: serie A har fått en ny "
     "verifikation i boken medan filen lästes in; läs in filen igen."),
    (BulkVoucher("A", 1, "2022-01-01", "", [(3010, 1_00, None, ""), (1930, -1_00, None, "")]),
     "Verifikation A 1 är daterad 2022-01-01, utanför räkenskapsåret 2021."),
    (BulkVoucher("A", 1, "2021-03-01", "", [(3010, 1_00, None, ""), (1930, -2_00, None, "")]),
     "Verifikation A 1 balanserar inte eller har färre än två rader."),
])
def test_bulk_booking_refuses_with_a_message_naming_the_voucher_and_writes_nothing(book, voucher, message):
    book.add_project("P1", "StegSam")
    y = book.year_by_label("2021")
    if voucher.source:   # a booking that came in while the file was planned
        book.book_voucher("2021-02-15", "Bokförd under inläsningen", [(1930, 1_00), (3010, -1_00)])
    fine = BulkVoucher("B", 1, "2021-02-01", "", [(1930, 5_00, None, ""), (3010, -5_00, None, "")])
    before = snapshot(book)
    with pytest.raises(RuleError) as exc:
        book.bulk_book_vouchers(y.id, [fine, voucher], project_ids={"P1": book.projects()[0].id})
    assert str(exc.value) == message
    assert snapshot(book) == before


def raw_attempt(path, rows, header) -> str:
    """Book by hand (rows first, header last); the database's refusal, or 'bokförd'."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    try:
        conn.executemany("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (?, ?, ?)", rows)
        conn.execute("INSERT INTO voucher (id, year_id, series, number, date, booked_at) VALUES (?, ?, ?, ?, ?, 'x')",
                     header)
        conn.execute("COMMIT")
        return "bokförd"
    except sqlite3.DatabaseError as exc:
        conn.execute("ROLLBACK")
        return str(exc)
    finally:
        conn.close()


def test_header_rules_refuse_in_a_fixed_order_when_several_are_broken(book):
    book.book_voucher("2021-02-01", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    y = book.year_by_label("2021").id
    path = book.path
    # number, closed year, date, balance, row count: the first broken rule is named
    assert raw_attempt(path, [(9, 1930, 5)], (9, y, "A", 7, "2030-01-01")).startswith("Verifikationsnumret följer inte")
    assert raw_attempt(path, [(9, 1930, 5)], (9, y, "A", 2, "2030-01-01")) == "Datumet ligger inte i något räkenskapsår."
    assert raw_attempt(path, [(9, 1930, 5)], (9, y, "A", 2, "2021-03-01")).startswith("Verifikationen balanserar inte")
    assert raw_attempt(path, [(9, 1930, 0)], (9, y, "A", 2, "2021-03-01")) == "En verifikation måste ha minst två rader."
    assert raw_attempt(path, [(9, 1930, 5), (9, 3010, -5)], (9, y, "A", 2, "2021-03-01")) == "bokförd"
    # a row: the account is checked before whether its verifikation is already booked
    assert raw_attempt(path, [(9, 4531, 5)], (10, y, "A", 3, "2021-03-01")) == "Kontot finns inte i kontoplanen."
    assert raw_attempt(path, [(9, 1930, 5)], (10, y, "A", 3, "2021-03-01")).startswith(
        "Verifikationen är redan bokförd och kan inte få nya rader")


def test_a_closed_years_daily_balances_refuse_raw_inserts_and_updates(book):
    book.book_voucher("2021-02-01", "Bidrag", [(1930, 100_00), (3010, -100_00)])
    y = book.year_by_label("2021")
    book.add_year("2022-01-01", "2022-12-31")
    close_year(book, y.id)
    conn = sqlite3.connect(str(book.path), isolation_level=None)
    try:
        for sql in ("INSERT INTO balance_day VALUES ('2021-05-01', 1930, 0, 1)",
                    "UPDATE balance_day SET amount = amount + 1 WHERE date = '2021-02-01'",
                    "INSERT INTO balance_day VALUES ('2021-02-01', 1930, 0, 1) "
                    "ON CONFLICT (date, account, project_id) DO UPDATE SET amount = amount + 1"):
            with pytest.raises(sqlite3.DatabaseError, match="Räkenskapsåret är stängt"):
                conn.execute(sql)
        conn.execute("INSERT INTO balance_day VALUES ('2022-05-01', 1930, 0, 0)")   # an open year: not refused
    finally:
        conn.close()
