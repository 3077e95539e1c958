"""A book written before the årsredovisning's registers and longer accounts (only the
first migration) opens, migrates, keeps its ledger and takes a six-digit account."""

from __future__ import annotations

import sqlite3

import pytest

from finsam_desktop.book import Book
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION
from finsam_desktop.errors import RuleError
from old_books import old_book

FIRST = MIGRATIONS.index(next(m for m in MIGRATIONS if "participant_figures" in m))


def _old_book(path) -> None:
    """A book as the program before these migrations wrote it: schema up to FIRST, a
    förbund, a year, two accounts and one verifikation."""
    conn = old_book(path, FIRST, year=2025)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("INSERT INTO account (number, name, kind, row_id) VALUES (1930, 'Bank', 'T', 'kassa_och_bank')")
    conn.execute("INSERT INTO account (number, name, kind, row_id) VALUES "
                 "(3010, 'Driftbidrag', 'I', 'verksamhetens_intakter')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO account (number, name, kind) VALUES (145010, 'För långt', 'T')")
    conn.close()


def test_an_old_book_migrates_and_takes_six_digit_accounts(tmp_path):
    p = tmp_path / "gammal.finsam"
    _old_book(p)
    with Book.open(p) as book:
        assert book.schema_version == SCHEMA_VERSION
        book.book_voucher("2025-01-10", "Driftbidrag", [(1930, 100_00), (3010, -100_00)])
        acc = book.add_account(145010, "Fordran på kommunen")
        assert acc.row_id == "forrad" and acc.kind == "T"
        assert book.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        y = book.years()[0]
        book.set_organisation(y.id, [("Anna", "ledamot", "Ordförande", None)])
    with Book.open(p) as again:   # a new connection reads the widened schema too
        assert again.account(145010).name == "Fordran på kommunen"
        again.add_account(999999, "Sex nior")
        with pytest.raises(Exception, match="fyra till sex siffror"):
            again.add_account(1_000_000, "Sju siffror")
        with pytest.raises(RuleError):
            again.execute("INSERT INTO account (number, name, kind) VALUES (1000000, 'x', 'T')")
        assert [o.name for o in again.organisation(again.years()[0].id)] == ["Anna"]
