"""Every bookkeeping rule the database enforces, tried through the API and by raw SQL.

The raw tests open the file with the plain sqlite3 module, as a script or a SQLite shell
would, and check that the database itself refuses (and keeps the book unchanged)."""

from __future__ import annotations

import sqlite3

import pytest

from finsam_desktop.book import Book, VoucherRow
from finsam_desktop.errors import RuleError


def raw(book: Book, *, foreign_keys: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(str(book.path), isolation_level=None)
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return conn


def raw_book(conn: sqlite3.Connection, year_id: int, number: int, date: str, rows: list[tuple],
             series: str = "A", vid: int | None = None) -> int:
    """Book a voucher by hand the documented way: rows first, header last, one transaction."""
    vid = vid or (conn.execute("SELECT ifnull(max(id), 0) + 1 FROM voucher").fetchone()[0])
    conn.execute("BEGIN")
    try:
        conn.executemany("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (?, ?, ?)",
                         [(vid, a, amt) for a, amt in rows])
        conn.execute("INSERT INTO voucher (id, year_id, series, number, date, text, booked_at) "
                     "VALUES (?, ?, ?, ?, ?, 'rå', '2021-01-01T00:00:00Z')",
                     (vid, year_id, series, number, date))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return vid


def snapshot(book: Book) -> tuple:
    c = book.conn
    return (c.execute("SELECT * FROM voucher ORDER BY id").fetchall(),
            c.execute("SELECT * FROM voucher_row ORDER BY id").fetchall(),
            c.execute("SELECT * FROM balance_day ORDER BY date, account, project_id").fetchall())


@pytest.fixture
def booked(book):
    """The test book with one booked verifikation (A 1)."""
    v = book.book_voucher("2021-02-01", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
    return book, v


# ---------------------------------------------------------------------------- booked is final
def test_booked_voucher_cannot_be_changed(booked):
    book, v = booked
    before = snapshot(book)
    with pytest.raises(RuleError, match="kan inte ändras"):
        with book.transaction():
            book.conn.execute("UPDATE voucher SET text = 'ändrad' WHERE id = ?", (v.id,))
    conn = raw(book)
    for sql in ("UPDATE voucher SET text = 'x' WHERE id = ?", "UPDATE voucher SET date = '2021-03-01' WHERE id = ?"):
        with pytest.raises(sqlite3.DatabaseError, match="En bokförd verifikation kan inte ändras"):
            conn.execute(sql, (v.id,))
    assert snapshot(book) == before


def test_booked_voucher_cannot_be_deleted(booked):
    book, v = booked
    before = snapshot(book)
    with pytest.raises(RuleError, match="kan inte tas bort"):
        with book.transaction():
            book.conn.execute("DELETE FROM voucher WHERE id = ?", (v.id,))
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="kan inte tas bort"):
        conn.execute("DELETE FROM voucher WHERE id = ?", (v.id,))
    assert snapshot(book) == before


def test_replace_cannot_rewrite_the_audit_log_or_a_used_account(booked):
    """A REPLACE deletes the row it replaces: the book's connection turns recursive
    triggers on so that delete meets the no-delete triggers (SQLite's default lets it by)."""
    book, _v = booked
    assert book.conn.execute("PRAGMA recursive_triggers").fetchone() == (1,)
    log, accounts = book.audit_log(), book.accounts()
    for sql, refusal in (
            ("INSERT OR REPLACE INTO audit_log (id, at, action, detail) VALUES (1, 'x', 'förfalskad', '{}')",
             "Loggen kan inte ändras"),
            ("INSERT OR REPLACE INTO account (number, name, kind, row_id) VALUES (1930, 'Annat', 'T', NULL)",
             "Kontot används i bokföringen")):
        with pytest.raises(RuleError, match=refusal):
            with book.transaction():
                book.conn.execute(sql)
    assert book.audit_log() == log and book.accounts() == accounts


def test_booked_row_cannot_be_changed_or_deleted(booked):
    book, v = booked
    before = snapshot(book)
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="verifikationsrad kan inte ändras"):
        conn.execute("UPDATE voucher_row SET amount = amount + 1 WHERE voucher_id = ?", (v.id,))
    with pytest.raises(sqlite3.DatabaseError, match="verifikationsrad kan inte tas bort"):
        conn.execute("DELETE FROM voucher_row WHERE voucher_id = ?", (v.id,))
    with pytest.raises(sqlite3.DatabaseError, match="kan inte ändras direkt"):
        conn.execute("DELETE FROM balance_day")
    assert snapshot(book) == before


def test_row_cannot_be_added_to_booked_voucher(booked):
    book, v = booked
    before = snapshot(book)
    with pytest.raises(RuleError, match="redan bokförd"):
        with book.transaction():
            book.conn.execute("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (?, 1930, 5)", (v.id,))
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="redan bokförd"):
        conn.execute("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (?, 1930, 5)", (v.id,))
    assert snapshot(book) == before


# ---------------------------------------------------------------------------- what can be booked
def test_unbalanced_voucher_cannot_be_booked(book):
    with pytest.raises(RuleError, match="balanserar inte.*0,01 kr"):
        book.book_voucher("2021-02-01", "Fel", [(1930, 100_01), (3010, -100_00)])
    for fk in (True, False):  # foreign keys off must not open a back door
        conn = raw(book, foreign_keys=fk)
        with pytest.raises(sqlite3.DatabaseError, match="balanserar inte"):
            raw_book(conn, 1, 1, "2021-02-01", [(1930, 100_01), (3010, -100_00)])
    assert book.count_vouchers() == 0
    assert book.trial_balance(1) == []


def test_voucher_needs_two_rows(book):
    with pytest.raises(RuleError, match="minst två rader"):
        book.book_voucher("2021-02-01", "En rad", [(1930, 0)])
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="minst två rader"):
        raw_book(conn, 1, 1, "2021-02-01", [(1930, 0)])
    with pytest.raises(sqlite3.DatabaseError, match="minst två rader"):
        raw_book(conn, 1, 1, "2021-02-01", [])
    assert book.count_vouchers() == 0


def test_nothing_can_be_booked_outside_every_year(book):
    with pytest.raises(RuleError, match="ligger inte i något räkenskapsår"):
        book.book_voucher("2022-01-01", "Nästa år", [(1930, 1_00), (3010, -1_00)])
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="ligger inte i något räkenskapsår"):
        raw_book(conn, 1, 1, "2022-01-01", [(1930, 1_00), (3010, -1_00)])
    with pytest.raises(sqlite3.DatabaseError, match="ligger inte i något räkenskapsår"):
        raw_book(conn, 99, 1, "2021-06-01", [(1930, 1_00), (3010, -1_00)])  # a year that does not exist
    assert book.count_vouchers() == 0


def test_nothing_can_be_booked_into_a_closed_year(booked):
    book, _ = booked
    book.set_year_status(1, "closed")
    before = snapshot(book)
    with pytest.raises(RuleError, match="stängt"):
        book.book_voucher("2021-05-01", "Sent", [(1930, 1_00), (3010, -1_00)])
    with pytest.raises(RuleError, match="stängt"):
        book.book_vouchers([("2021-05-01", "Sent", [(1930, 1_00), (3010, -1_00)])])
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="stängt"):
        raw_book(conn, 1, 2, "2021-05-01", [(1930, 1_00), (3010, -1_00)])
    # Nor behind the ledger's back, into the daily balances.
    with pytest.raises(sqlite3.DatabaseError, match="stängt"):
        conn.execute("INSERT INTO balance_day (date, account, project_id, amount) VALUES ('2021-05-01', 1930, 0, 1)")
    with pytest.raises(sqlite3.DatabaseError, match="stängt"):
        conn.execute("UPDATE balance_day SET amount = amount + 1")
    assert snapshot(book) == before


def test_numbering_has_no_gaps_per_series_and_year(book):
    book.add_year("2022-01-01", "2022-12-31")
    a1 = book.book_voucher("2021-01-10", "a", [(1930, 1_00), (3010, -1_00)])
    a2 = book.book_voucher("2021-01-11", "b", [(1930, 1_00), (3010, -1_00)])
    b1 = book.book_voucher("2021-01-12", "c", [(1930, 1_00), (3010, -1_00)], series="B")
    n1 = book.book_voucher("2022-01-12", "d", [(1930, 1_00), (3010, -1_00)])
    assert [(v.series, v.number) for v in (a1, a2, b1, n1)] == [("A", 1), ("A", 2), ("B", 1), ("A", 1)]
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="luckor är inte tillåtna"):
        raw_book(conn, 1, 4, "2021-02-01", [(1930, 1_00), (3010, -1_00)])  # skips A 3
    with pytest.raises(sqlite3.DatabaseError, match="UNIQUE|luckor"):
        raw_book(conn, 1, 2, "2021-02-01", [(1930, 1_00), (3010, -1_00)])  # A 2 again
    raw_book(conn, 1, 3, "2021-02-01", [(1930, 1_00), (3010, -1_00)])      # A 3 is accepted
    assert book.voucher_by_ref(1, "A", 3).text == "rå"


def test_row_needs_an_account_from_the_chart(book):
    with pytest.raises(RuleError, match="konto 1234 finns inte"):
        book.book_voucher("2021-02-01", "x", [(1234, 1_00), (3010, -1_00)])
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="Kontot finns inte"):
        raw_book(conn, 1, 1, "2021-02-01", [(1234, 1_00), (3010, -1_00)])


def test_interrupted_booking_leaves_no_rows_and_is_cleaned_up(book):
    conn = raw(book)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (1, 1930, 5)")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute("COMMIT")  # rows without a header cannot be committed
    conn.execute("ROLLBACK")
    # With foreign keys off they can; the next booking removes them before it numbers itself.
    conn2 = raw(book, foreign_keys=False)
    conn2.execute("INSERT INTO voucher_row (voucher_id, account, amount) VALUES (1, 1930, 5)")
    v = book.book_voucher("2021-02-01", "x", [(1930, 1_00), (3010, -1_00)])
    assert [r.amount for r in v.rows] == [1_00, -1_00]
    assert book.trial_balance(1)[0].closing == 1_00


# ---------------------------------------------------------------------------- years and balances
def test_opening_balances_of_closed_year_are_locked(book):
    book.set_opening_balances(1, {1930: 500_00, 2010: -500_00})
    book.set_year_status(1, "closed")
    with pytest.raises(RuleError, match="stängt räkenskapsår"):
        book.set_opening_balances(1, {1930: 600_00, 2010: -600_00})
    conn = raw(book, foreign_keys=False)
    for sql in ("UPDATE opening_balance SET amount = 1",
                "DELETE FROM opening_balance",
                "INSERT INTO opening_balance (year_id, account, amount) VALUES (1, 1510, 1)"):
        with pytest.raises(sqlite3.DatabaseError, match="stängt räkenskapsår"):
            conn.execute(sql)
    assert book.opening_balances(1) == {(1930, None): 500_00, (2010, None): -500_00}


def test_opening_balances_must_balance(book):
    with pytest.raises(RuleError, match="går inte jämnt ut.*1,00"):
        book.set_opening_balances(1, {1930: 500_00, 2010: -499_00})
    assert book.opening_balances(1) == {}


def test_years_cannot_overlap(book):
    with pytest.raises(RuleError, match="överlappar"):
        book.add_year("2021-07-01", "2022-06-30")
    y2 = book.add_year("2022-01-01", "2022-12-31")
    conn = raw(book)
    with pytest.raises(sqlite3.DatabaseError, match="överlappar"):
        conn.execute("INSERT INTO fiscal_year (start, end) VALUES ('2020-06-01', '2021-01-01')")
    with pytest.raises(sqlite3.DatabaseError, match="överlappar"):
        conn.execute("UPDATE fiscal_year SET start = '2021-12-01' WHERE id = ?", (y2.id,))
    assert [(y.start, y.end) for y in book.years()] == [("2021-01-01", "2021-12-31"), ("2022-01-01", "2022-12-31")]


def test_year_with_vouchers_keeps_its_dates(booked):
    book, _ = booked
    conn = raw(book)
    with pytest.raises(sqlite3.DatabaseError, match="kan inte få nya datum"):
        conn.execute("UPDATE fiscal_year SET end = '2021-06-30' WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="kan inte tas bort"):
        conn.execute("DELETE FROM fiscal_year WHERE id = 1")


def test_year_status_change_is_logged(book):
    book.set_year_status(1, "closed")
    raw(book).execute("UPDATE fiscal_year SET status = 'open' WHERE id = 1")  # even by hand
    actions = [(e["action"], e["detail"]["year_id"]) for e in book.audit_log() if e["action"].startswith("year.")
               and "year_id" in e["detail"]]
    assert ("year.close", 1) in actions and ("year.reopen", 1) in actions
    assert actions.index(("year.close", 1)) < actions.index(("year.reopen", 1))


def test_audit_log_cannot_be_edited_or_deleted(booked):
    book, _ = booked
    log = book.audit_log()
    assert {"book.create", "voucher.book"} <= {e["action"] for e in log}
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="Loggen kan inte ändras"):
        conn.execute("UPDATE audit_log SET action = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="Loggen kan inte ändras"):
        conn.execute("DELETE FROM audit_log")
    assert book.audit_log() == log


def test_used_account_keeps_number_and_kind(booked):
    book, _ = booked
    with pytest.raises(RuleError, match="används"):
        book.delete_account(1930)
    with pytest.raises(RuleError, match="kontotypen kan inte ändras"):
        book.update_account(1930, kind="S")
    conn = raw(book, foreign_keys=False)
    with pytest.raises(sqlite3.DatabaseError, match="kan inte tas bort"):
        conn.execute("DELETE FROM account WHERE number = 1930")
    with pytest.raises(sqlite3.DatabaseError, match="kan inte ändras"):
        conn.execute("UPDATE account SET number = 1931 WHERE number = 1930")
    with pytest.raises(sqlite3.DatabaseError, match="kan inte ändras"):
        conn.execute("UPDATE account SET kind = 'S' WHERE number = 1930")
    book.update_account(1930, name="Bank, Handelsbanken")  # the name can change
    assert book.account(1930).name == "Bank, Handelsbanken"


# ---------------------------------------------------------------------------- corrections
def test_reversal_links_to_original_and_nets_to_zero(book):
    p = book.add_project("STEG", "Steg")
    v = book.book_voucher("2021-03-01", "Faktura", [VoucherRow(4530, 10_000_00, p.id), (1640, 250_00),
                                                    (2440, -10_250_00)])
    r = book.reverse_voucher(v.id, date="2021-03-05")
    assert r.corrects_id == v.id and r.ref == "A 2" and r.text.startswith("Rättelse av A 1")
    assert book.reversal_of(v.id) == r.id
    assert sorted((x.account, x.amount, x.project_id) for x in r.rows) == \
        sorted((x.account, -x.amount, x.project_id) for x in v.rows)
    assert book.movements("2021-01-01", "2021-12-31") == {4530: 0, 1640: 0, 2440: 0}
    assert [s.corrected_by for s in book.list_vouchers()] == [r.id, None]
    with pytest.raises(RuleError, match="redan rättad"):
        book.reverse_voucher(v.id)


def test_reversal_of_mixed_insats_rows_is_found(book):
    """Rows that differ only by insats (one with, one without) must still compare."""
    p = book.add_project("P1", "Insats")
    v = book.book_voucher("2021-03-01", "x", [VoucherRow(4530, 100_00, p.id), VoucherRow(4530, 100_00),
                                              (1930, -200_00)])
    r = book.reverse_voucher(v.id)
    assert book.reversal_of(v.id) == r.id


def test_correction_must_refer_to_existing_voucher(book):
    with pytest.raises(RuleError, match="ska rättas finns inte"):
        book.book_voucher("2021-03-01", "x", [(1930, 1_00), (3010, -1_00)], corrects_id=77)


def test_read_only_book_refuses_changes(booked):
    book, _ = booked
    ro = Book.open(book.path, read_only=True)
    try:
        assert ro.count_vouchers() == 1
        with pytest.raises(RuleError, match="skrivskyddad"):
            ro.book_voucher("2021-03-01", "x", [(1930, 1_00), (3010, -1_00)])
    finally:
        ro.close()


def test_concurrent_bookings_from_two_connections_number_in_sequence(book):
    other = Book.open(book.path)
    try:
        for i in range(5):
            (book if i % 2 else other).book_voucher("2021-04-01", f"v{i}", [(1930, 1_00), (3010, -1_00)])
        assert [v.number for v in book.list_vouchers()] == [1, 2, 3, 4, 5]
        # A writer holding the book: the other gets a clear refusal, not a hang or a traceback.
        other.conn.execute("PRAGMA busy_timeout = 0")
        book.conn.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(RuleError, match="används av ett annat program"):
                other.book_voucher("2021-04-02", "x", [(1930, 1_00), (3010, -1_00)])
        finally:
            book.conn.execute("ROLLBACK")
    finally:
        other.close()


def test_hand_made_balance_change_in_open_year_is_found(booked):
    """balance_day is derived; a raw update in an open year is not refused by the
    database but the consistency check names it."""
    book, _ = booked
    assert book.balance_day_mismatches() == []
    raw(book).execute("UPDATE balance_day SET amount = amount + 1 WHERE account = 1930")
    assert book.balance_day_mismatches() == [("2021-02-01", 1930, 0, 100_000_01, 100_000_00)]
