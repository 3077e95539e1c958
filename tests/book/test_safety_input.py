"""Input is refused, not cleaned or guessed: amounts, accounts, texts, series, the file
version (issue: '1.500' booked 1 500 kr, a NUL text passed, a series 'A\\nB' was stored)."""

from __future__ import annotations

import re
import sqlite3

import pytest

from finsam_desktop.book import Book
from finsam_desktop.errors import BookFileError, InputError
from tests.conftest import VALID_ORGNR, digest, run_cli


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "b.finsam"
    Book.create(p, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31").close()
    return p


def book_cli(capsys, path, *rows, text="Faktura", series=None):
    argv = ["book", path, "--date", "2021-03-01", "--text", text]
    for r in rows:
        argv += ["--row", r]
    if series is not None:
        argv += ["--series", series]
    return run_cli(capsys, *argv)


def test_ambiguous_amount_is_refused_with_both_readings(capsys, path):
    before = digest(path)
    code, out, err = book_cli(capsys, path, "4530:1.500", "1930:-1.500")
    assert code == 2
    assert "1,500 kr eller 1 500 kr" in err
    assert digest(path) == before
    code, out, err = book_cli(capsys, path, "4530:1.5", "1930:-1.5")
    assert code == 0 and "(1,50 kr)" in out


@pytest.mark.parametrize("row, message", [
    ("\u0664\u0665\u0663\u0660:100", "kontonummer"),     # Arabic-Indic digits as an account
    ("4530:\uff11\uff10\uff10", "siffrorna 0–9"),         # full-width digits as an amount
    ("0930:100", "”0930”"),                              # named as typed, not as konto 930
])
def test_only_ascii_digits_and_accounts_named_as_typed(capsys, path, row, message):
    code, out, err = book_cli(capsys, path, row, "1930:-100")
    assert code == 2 and message in err


@pytest.mark.parametrize("text, message", [
    ("\x00", "styrtecken U+0000"),
    ("Faktura \x1b[31mröd", "styrtecken U+001B"),
    ("x" * 1_000_000, "1000000 tecken lång; högst 500"),
])
def test_texts_with_control_characters_or_too_long_are_refused(path, text, message):
    with Book.open(path) as b:
        with pytest.raises(InputError, match=re.escape(message)):
            b.book_voucher("2021-03-01", text, [(1930, 100), (3010, -100)])
        assert b.conn.execute("SELECT count(*) FROM voucher").fetchone()[0] == 0


@pytest.mark.parametrize("series, message", [("A\nB", "styrtecken U+000A"), ("S" * 21, "högst 20 tecken")])
def test_bad_series_is_refused_in_swedish(path, series, message):
    with Book.open(path) as b:
        with pytest.raises(InputError) as exc:
            b.book_voucher("2021-03-01", "Text", [(1930, 100), (3010, -100)], series=series)
        assert message in exc.value.message and "length(" not in exc.value.message


def test_negative_file_version_is_named_as_such(tmp_path):
    p = tmp_path / "neg.finsam"
    Book.create(p, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31").close()
    c = sqlite3.connect(str(p))
    c.execute("PRAGMA user_version = -5")
    c.commit()
    c.close()
    with pytest.raises(BookFileError, match=r"ogiltig filversion \(-5\)"):
        Book.open(p)
