"""Årsbokslut: closing a year carries the balances forward, books the result into eget
kapital in the next year's IB, locks the year; re-opening is explicit and logged."""

from __future__ import annotations

import pytest

from finsam_desktop.closing.accruals import AccrualEntry, book_accruals
from finsam_desktop.closing.close import close_year
from finsam_desktop.book import Book
from finsam_desktop.book.yearend import following_period
from finsam_desktop.errors import InputError, RuleError


def _project(book: Book, code: str = "P1"):
    owner = book.add_counterpart("Kramfors kommun")
    return book.add_project(code, "StegSam", owner_id=owner.id, account=4530)


def _fill_2021(book: Book):
    """IB 2021: bank 600 000, eget kapital 588 636; a year with a deficit of 198 735 kr
    and an interimsskuld of 492 163 kr to one insats at year end."""
    p = _project(book)
    y = book.years()[0]
    book.set_opening_balances(y.id, {1930: 600_000_00, 2010: -588_636_00, 2990: -11_364_00})
    book.book_voucher("2021-02-01", "Driftbidrag", [(1930, 2_592_000_00), (3010, -2_592_000_00)])
    book.book_voucher("2021-06-30", "Faktura StegSam", [(4530, 2_298_572_00, p.id), (1930, -2_298_572_00)])
    book.book_voucher("2021-12-31", "Interimsskuld StegSam", [(4530, 492_163_00, p.id),
                                                            (2990, -492_163_00, p.id)])
    return y, p


def test_following_period_keeps_the_length_in_months():
    from finsam_desktop.book.model import FiscalYear
    assert following_period(FiscalYear(1, "2024-01-01", "2024-12-31", "open")) == ("2025-01-01", "2025-12-31")
    assert following_period(FiscalYear(1, "2021-07-01", "2022-06-30", "open")) == ("2022-07-01", "2023-06-30")
    # An 18-month first year is followed by 18 months, also across a leap day.
    assert following_period(FiscalYear(1, "2023-07-01", "2024-12-31", "open")) == ("2025-01-01", "2026-06-30")


def test_close_year_carries_closing_balances_and_result_into_next_year(book):
    y, p = _fill_2021(book)
    result = book.year_result(y.id)
    assert result == -2_592_000_00 + 2_298_572_00 + 492_163_00  # deficit 198 735 kr
    assert result == 198_735_00
    nxt = close_year(book, y.id)
    assert (nxt.start, nxt.end, nxt.status) == ("2022-01-01", "2022-12-31", "open")
    ib = book.opening_balances(nxt.id)
    assert ib[(1930, None)] == 600_000_00 + 2_592_000_00 - 2_298_572_00
    # Eget kapital: IB 588 636 minus the deficit 198 735 = 389 901 kr.
    assert ib[(2010, None)] == -389_901_00
    # The interimsskuld keeps its insats; the part without one stays without.
    assert ib[(2990, p.id)] == -492_163_00
    assert ib[(2990, None)] == -11_364_00
    # Result accounts are not carried.
    assert not any(acc >= 3000 for acc, _ in ib)
    assert sum(ib.values()) == 0
    assert book.opening_matches_previous(nxt.id) is True


def test_close_year_books_no_closing_voucher_inside_the_year(book):
    y, _ = _fill_2021(book)
    before = book.count_vouchers()
    close_year(book, y.id)
    assert book.count_vouchers() == before
    # The year's result stays in the year's own result accounts.
    assert book.year_result(y.id) == 198_735_00


def test_closed_year_refuses_bookings(book):
    y, _ = _fill_2021(book)
    close_year(book, y.id)
    assert book.year(y.id).is_closed
    with pytest.raises(RuleError, match="stängt"):
        book.book_voucher("2021-12-30", "För sent", [(1930, 100_00), (3010, -100_00)])


def test_close_year_is_logged(book):
    y, _ = _fill_2021(book)
    close_year(book, y.id)
    actions = [e["action"] for e in book.audit_log()]
    assert "year.close" in actions  # written by the database trigger
    entry = next(e for e in book.audit_log() if e["action"] == "yearend.close")
    assert entry["detail"]["year_id"] == y.id and entry["detail"]["result"] == 198_735_00


def test_close_year_refused_when_previous_year_is_open(book):
    y, _ = _fill_2021(book)
    nxt = book.add_year("2022-01-01", "2022-12-31")
    with pytest.raises(RuleError, match="Föregående räkenskapsår 2021 är inte stängt"):
        close_year(book, nxt.id)
    assert not book.year(nxt.id).is_closed


def test_close_year_refused_twice(book):
    y, _ = _fill_2021(book)
    close_year(book, y.id)
    with pytest.raises(RuleError, match="redan stängt"):
        close_year(book, y.id)


def test_close_year_uses_existing_next_year_with_bookings(book):
    y, _ = _fill_2021(book)
    nxt = book.add_year("2022-01-01", "2022-12-31")
    book.book_voucher("2022-01-10", "Bankavgift", [(8570, 100_00), (1930, -100_00)])
    got = close_year(book, y.id)
    assert got.id == nxt.id
    assert book.opening_balances(nxt.id)[(2010, None)] == -389_901_00


def test_reopen_year_requires_a_reason_and_is_logged(book):
    y, _ = _fill_2021(book)
    nxt = close_year(book, y.id)
    with pytest.raises(InputError, match="Ange varför"):
        book.reopen_year(y.id, "  ")
    assert book.year(y.id).is_closed
    book.reopen_year(y.id, "Revisorn hittade en felaktig faktura")
    assert not book.year(y.id).is_closed
    entry = next(e for e in book.audit_log() if e["action"] == "yearend.reopen")
    assert entry["detail"]["reason"] == "Revisorn hittade en felaktig faktura"
    assert "year.reopen" in [e["action"] for e in book.audit_log()]
    assert book.opening_balances_stale(nxt.id)


def test_reclosing_recomputes_the_stale_opening_balances(book):
    y, p = _fill_2021(book)
    nxt = close_year(book, y.id)
    book.reopen_year(y.id, "Rättelse av leverantörsfaktura")
    book.book_voucher("2021-12-31", "Glömd faktura", [(8570, 1_000_00), (1930, -1_000_00)])
    assert book.opening_matches_previous(nxt.id) is False
    close_year(book, y.id)
    assert not book.opening_balances_stale(nxt.id)
    assert book.opening_balances(nxt.id)[(2010, None)] == -388_901_00
    assert book.opening_matches_previous(nxt.id) is True


def test_reopen_refused_when_next_year_is_closed(book):
    y, _ = _fill_2021(book)
    nxt = close_year(book, y.id)
    # 2022's bokslut decides the insats' interimsskuld too (0 kr: nothing left to pay).
    book_accruals(book, "2022-12-31", [AccrualEntry(amount=0, project_id=book.project_by_code("P1").id)])
    close_year(book, nxt.id)
    with pytest.raises(RuleError, match="nästa år 2022 är stängt"):
        book.reopen_year(y.id, "Fel")


def test_reopen_refused_for_open_year(book):
    y = book.years()[0]
    with pytest.raises(RuleError, match="inte stängt"):
        book.reopen_year(y.id, "Fel")


def test_opening_balances_of_closed_year_cannot_change(book):
    y, _ = _fill_2021(book)
    close_year(book, y.id)
    with pytest.raises(RuleError, match="stängt"):
        book.set_opening_balances(y.id, {1930: 1_00, 2010: -1_00})


def test_close_year_books_the_accrual_reversals_into_the_new_year(book):
    y, p = _fill_2021(book)
    other = book.add_project("P2", "Samkraft", owner_id=p.owner_id, account=4530)
    res = book_accruals(book, "2021-12-31", [AccrualEntry(amount=321_953_00, project_id=other.id)])
    assert res.reversal is None  # 2022 does not exist yet
    nxt = close_year(book, y.id)
    rev_id = book.accruals("2021-12-31")[0].reversal_voucher_id
    rev = book.voucher(rev_id)
    assert rev.date == "2022-01-01" and rev.year_id == nxt.id
    # The IB carries the interimsskuld per insats; the reversal takes it back to zero.
    assert book.opening_balances(nxt.id)[(2990, other.id)] == -321_953_00
    assert book.balance_at("2022-01-01", accounts=[2990], by_project=True).get((2990, other.id)) is None
