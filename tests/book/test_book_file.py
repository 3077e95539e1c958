"""The book file: creation and migration, and refusing what is not a Finsam book."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import VALID_ORGNR, digest
from finsam_desktop.book import Book
from finsam_desktop.book.core import _split_sql
from finsam_desktop.book.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from finsam_desktop.errors import BookFileError, InputError


def test_migration_from_empty_file_sets_version_and_application_id(tmp_path):
    p = tmp_path / "tom.finsam"
    sqlite3.connect(str(p)).close()  # an empty SQLite file: user_version 0
    conn = sqlite3.connect(str(p), isolation_level=None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    book = Book(p, conn)
    book._migrate()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"forbund", "fiscal_year", "account", "voucher", "voucher_row", "balance_day", "audit_log",
            "member", "member_contribution", "project", "project_grant", "counterpart", "budget_row",
            "year_text", "signatory", "opening_balance"} <= tables
    book._migrate()  # a second run is a no-op
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_every_migration_statement_is_complete():
    for script in MIGRATIONS:
        for stmt in _split_sql(script):
            assert sqlite3.complete_statement(stmt)


def test_new_book_has_chart_year_and_settings(tmp_path):
    book = Book.create(tmp_path / "ny.finsam", namn=" Förbundet ", orgnr="2220001354",
                       year_start="2021-07-01", year_end="2022-06-30")
    assert book.forbund().namn == "Förbundet" and book.forbund().orgnr == VALID_ORGNR
    assert [(y.start, y.end, y.status) for y in book.years()] == [("2021-07-01", "2022-06-30", "open")]
    assert book.years()[0].label == "2021-07-01 – 2022-06-30"
    assert book.account(4530).row_id == "verksamhetens_kostnader"
    assert all(a.row_id for a in book.accounts())  # every account has its report row
    assert {k: book.setting(k) for k in ("bank_account", "accrual_account", "equity_account",
                                         "project_account")} == \
        {"bank_account": "1930", "accrual_account": "2990", "equity_account": "2010", "project_account": "4530"}
    assert book.schema_version == SCHEMA_VERSION
    book.close()


def test_create_refuses_invalid_orgnr_and_leaves_no_file(tmp_path):
    p = tmp_path / "fel.finsam"
    with pytest.raises(InputError, match="kontrollsiffran"):
        Book.create(p, namn="X", orgnr="222000-1355", year_start="2021-01-01", year_end="2021-12-31")
    with pytest.raises(InputError, match="tio siffror"):
        Book.create(p, namn="X", orgnr="12345", year_start="2021-01-01", year_end="2021-12-31")
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_existing_file(book):
    before = digest(book.path)
    with pytest.raises(BookFileError, match="finns redan"):
        Book.create(book.path, namn="X", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31")
    assert digest(book.path) == before


def test_open_refuses_missing_file(tmp_path):
    with pytest.raises(BookFileError, match="finns inte"):
        Book.open(tmp_path / "saknas.finsam")


def test_open_refuses_non_sqlite_file(tmp_path):
    p = tmp_path / "text.finsam"
    p.write_text("#FLAGGA 0\n#PROGRAM x\n" * 20, encoding="utf-8")
    before = digest(p)
    with pytest.raises(BookFileError, match="inte en SQLite-databas"):
        Book.open(p)
    assert digest(p) == before


def test_open_refuses_foreign_sqlite_file(tmp_path):
    p = tmp_path / "annan.sqlite"
    conn = sqlite3.connect(str(p))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(p)
    with pytest.raises(BookFileError, match="annat program"):
        Book.open(p)
    assert digest(p) == before


def test_open_refuses_newer_version(book):
    path = book.path
    book.close()
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(BookFileError, match=f"nyare version.*filversion {SCHEMA_VERSION + 1}"):
        Book.open(path)
    with pytest.raises(BookFileError, match="nyare version"):
        Book.open(path, read_only=True)
    assert digest(path) == before


def test_open_refuses_corrupt_file(book):
    path = book.path
    book.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is garbage, the header intact
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(BookFileError, match="skadad"):
        Book.open(path)
    assert digest(path) == before


def test_open_refuses_truncated_file(tmp_path):
    p = tmp_path / "kort.finsam"
    p.write_bytes(b"SQLite format 3\x00")
    with pytest.raises(BookFileError, match="inte en SQLite-databas"):
        Book.open(p)


def test_open_refuses_folder(tmp_path):
    with pytest.raises(BookFileError, match="mapp"):
        Book.open(tmp_path)


def test_failed_change_leaves_file_unchanged(book):
    book.book_voucher("2021-02-01", "x", [(1930, 1_00), (3010, -1_00)])
    path = book.path
    book.close()
    before = digest(path)
    b = Book.open(path)
    with pytest.raises(Exception):
        b.book_voucher("2021-02-01", "y", [(1930, 1_00), (3010, -2_00)])
    b.close()
    assert digest(path) == before
