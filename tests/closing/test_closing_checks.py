"""The kontroller before a bokslut: each finding is triggered and then cleared."""

from __future__ import annotations

import pytest

from finsam_desktop.book import Book
from finsam_desktop.closing.checks import run_checks, save_bank_statement
from finsam_desktop.closing.close import BlockedError, close_year
from finsam_desktop.cli import main


def _by_id(findings, fid):
    return next(f for f in findings if f.check == fid)


@pytest.fixture
def year(book: Book):
    """2021: driftbidrag 1 000 000 kr in, 400 000 kr of costs with 100 000 kr moms paid
    out; IB bank 200 000 kr against eget kapital."""
    y = book.years()[0]
    book.set_opening_balances(y.id, {1930: 200_000_00, 2010: -200_000_00})
    book.book_voucher("2021-01-20", "Driftbidrag", [(1930, 1_000_000_00), (3010, -1_000_000_00)])
    book.book_voucher("2021-03-10", "Lokalhyra", [(6110, 400_000_00), (1640, 100_000_00),
                                                 (1930, -500_000_00)])
    return y


def test_unbooked_draft_in_period_blocks_until_booked(book, year):
    assert _by_id(run_checks(book, year.id), "utkast").severity == "ok"
    did = book.save_draft("2021-12-20", "Telefonfaktura", [(6420, 500_00), (1930, -500_00)])
    f = _by_id(run_checks(book, year.id), "utkast")
    assert f.is_error and f.fix == "drafts" and "Telefonfaktura" in f.message
    book.book_draft(did)
    assert _by_id(run_checks(book, year.id), "utkast").severity == "ok"


def test_draft_after_a_delar_period_end_does_not_block_the_delar(book, year):
    book.save_draft("2021-09-01", "September", [(6420, 500_00), (1930, -500_00)])
    assert _by_id(run_checks(book, year.id, date_to="2021-06-30"), "utkast").severity == "ok"
    assert _by_id(run_checks(book, year.id), "utkast").is_error


def test_bank_balance_is_compared_with_the_statement_and_the_difference_shown(book, year):
    f = _by_id(run_checks(book, year.id), "bank")
    assert f.severity == "warning" and "inte angivet" in f.message
    # Booked: 200 000 + 1 000 000 − 500 000 = 700 000 kr.
    f = _by_id(run_checks(book, year.id, bank_statement=699_500_00), "bank")
    assert f.is_error and f.fix == "bank"
    assert "differens 500,00 kr" in f.message
    save_bank_statement(book, year.id, year.end, 700_000_00)
    assert book.year_text(year.id, "bank_saldo") == "700 000,00"
    assert _by_id(run_checks(book, year.id), "bank").severity == "ok"


def test_bank_statement_of_a_delar_is_kept_apart(book, year):
    save_bank_statement(book, year.id, "2021-06-30", 700_000_00)
    assert book.year_text(year.id, "bank_saldo_2021-06-30") == "700 000,00"
    assert _by_id(run_checks(book, year.id, date_to="2021-06-30"), "bank").severity == "ok"
    assert _by_id(run_checks(book, year.id), "bank").severity == "warning"


def test_momsfordran_without_refund_warns_until_refunded(book, year):
    f = _by_id(run_checks(book, year.id), "momsfordran")
    assert f.severity == "warning" and "ingen återbetalning" in f.message
    book.book_voucher("2021-04-12", "Återbetald moms mars", [(1930, 100_000_00), (1640, -100_000_00)])
    assert _by_id(run_checks(book, year.id), "momsfordran").severity == "ok"


def test_momsfordran_older_than_the_last_refund_warns(book, year):
    # Only 60 000 of the 100 000 kr claimed in March comes back: 40 000 kr is left behind.
    book.book_voucher("2021-04-12", "Återbetald moms", [(1930, 60_000_00), (1640, -60_000_00)])
    book.book_voucher("2021-11-05", "Kontorsmaterial", [(6410, 8_000_00), (1640, 2_000_00),
                                                       (1930, -10_000_00)])
    f = _by_id(run_checks(book, year.id), "momsfordran")
    assert f.severity == "warning" and "40 000,00 kr är äldre" in f.message


def test_account_with_balance_and_no_report_row_blocks(book, year):
    book.add_account(8999, "Årets resultat")  # a closing account: no report row
    book.book_voucher("2021-12-31", "Eget bokslut", [(8999, 300_000_00), (2010, -300_000_00)])
    f = _by_id(run_checks(book, year.id), "konton_utan_rad")
    assert f.is_error and f.fix == "kontoplan" and "8999" in f.message
    assert "boka inte om det själv" in f.message


def test_open_previous_year_blocks_the_arsbokslut_and_warns_the_delar(book, year):
    nxt = book.add_year("2022-01-01", "2022-12-31")
    f = _by_id(run_checks(book, nxt.id), "foregaende_ar")
    assert f.is_error and f.fix == "previous_year"
    assert _by_id(run_checks(book, nxt.id, date_to="2022-06-30"), "foregaende_ar").severity == "warning"
    close_year(book, year.id)
    findings = run_checks(book, nxt.id)
    assert _by_id(findings, "foregaende_ar").severity == "ok"
    assert _by_id(findings, "ingaende_balanser").severity == "ok"


def test_stale_opening_balances_block_until_the_previous_year_is_closed_again(book, year):
    nxt = close_year(book, year.id)
    book.reopen_year(year.id, "Saknad faktura")
    book.book_voucher("2021-12-31", "Saknad faktura", [(6110, 1_000_00), (1930, -1_000_00)])
    close_year(book, year.id)  # recomputes; now reopen and leave it stale
    book.reopen_year(year.id, "Ännu en")
    findings = run_checks(book, nxt.id)
    assert _by_id(findings, "foregaende_ar").is_error
    close_year(book, year.id)
    assert _by_id(run_checks(book, nxt.id), "ingaende_balanser").severity == "ok"


def test_close_year_refuses_while_blocking_findings_exist(book, year):
    book.save_draft("2021-12-20", "Telefonfaktura", [(6420, 500_00), (1930, -500_00)])
    with pytest.raises(BlockedError, match="kan inte stängas: 1 utkast"):
        close_year(book, year.id, bank_statement=700_000_00)
    assert not book.year(year.id).is_closed


def test_check_command_exits_1_on_blocking_findings(book, year, capsys):
    path = str(book.path)
    book.save_draft("2021-12-20", "Telefonfaktura", [(6420, 500_00), (1930, -500_00)])
    assert main(["check", path, "--year", "2021", "--bank-saldo", "700 000"]) == 1
    text = capsys.readouterr().out
    assert "STOPP    Ej bokförda utkast" in text and "OK       Banksaldo mot kontoutdrag" in text


def test_close_and_reopen_commands(book, year, capsys):
    path = str(book.path)
    book.book_voucher("2021-04-12", "Återbetald moms", [(1930, 100_000_00), (1640, -100_000_00)])
    assert main(["close-year", path, "--year", "2021", "--bank-saldo", "800 000"]) == 0
    assert "ett överskott på 600 000,00 kr" in capsys.readouterr().out
    assert main(["reopen-year", path, "--year", "2021", "--reason", "Fel i not 3"]) == 0
    assert main(["reopen-year", path, "--year", "2021", "--reason", "igen"]) == 2
    assert "inte stängt" in capsys.readouterr().err
