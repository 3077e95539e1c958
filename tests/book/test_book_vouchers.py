"""Booking, many at once, listing, the huvudbok and the saldobalans."""

from __future__ import annotations

import pytest

from finsam_desktop.book import VoucherFilter, VoucherRow
from finsam_desktop.errors import InputError, RuleError


def test_book_voucher_numbers_and_reads_back(book):
    p = book.add_project("STEG", "Steg")
    cp = book.add_counterpart("Kramfors kommun")
    v = book.book_voucher("2021-04-12", "Faktura", [VoucherRow(4530, 1_000_00, p.id, cp.id, "kv 1"),
                                                    {"account": 2440, "amount": -1_000_00}])
    assert (v.ref, v.date, v.text) == ("A 1", "2021-04-12", "Faktura")
    assert v.rows == (VoucherRow(4530, 1_000_00, p.id, cp.id, "kv 1"), VoucherRow(2440, -1_000_00))
    assert book.movements("2021-01-01", "2021-12-31", by_project=True) == {(4530, p.id): 1_000_00,
                                                                          (2440, None): -1_000_00}


@pytest.mark.parametrize("rows, error, match", [
    ([(1930, 1.5), (3010, -1.5)], InputError, "hela ören"),
    ([(1930, 0), (3010, 0)], RuleError, "beloppet är noll"),
    ([VoucherRow(4530, 1_00, 999), (1930, -1_00)], RuleError, "insatsen finns inte"),
    ([VoucherRow(4530, 1_00, None, 999), (1930, -1_00)], RuleError, "motparten finns inte"),
])
def test_book_voucher_refuses_bad_rows(book, rows, error, match):
    with pytest.raises(error, match=match):
        book.book_voucher("2021-04-12", "x", rows)
    assert book.count_vouchers() == 0


def test_inactive_account_cannot_be_booked(book):
    book.update_account(6110, active=False)
    with pytest.raises(RuleError, match="inaktiverat"):
        book.book_voucher("2021-04-12", "x", [(6110, 1_00), (1930, -1_00)])


def test_book_vouchers_books_many_in_order(book):
    items = [(f"2021-01-{d:02d}", f"v{d}", [(1930, d * 100), (3010, -d * 100)]) for d in range(1, 29)]
    items.append({"date": "2021-02-01", "text": "b", "rows": [(1930, 5), (3010, -5)], "series": "B"})
    ids = book.book_vouchers(items, chunk=7)
    vs = [book.voucher(i) for i in ids]
    assert [v.number for v in vs[:-1]] == list(range(1, 29)) and (vs[-1].series, vs[-1].number) == ("B", 1)
    assert book.movements("2021-01-01", "2021-12-31")[1930] == sum(range(1, 29)) * 100 + 5
    more = book.book_vouchers([("2021-03-01", "n", [(1930, 1), (3010, -1)])])
    assert book.voucher(more[0]).ref == "A 29"


def test_book_vouchers_is_all_or_nothing(book):
    items = [("2021-01-02", "ok", [(1930, 1_00), (3010, -1_00)]),
             ("2021-01-03", "fel", [(1930, 1_00), (3010, -2_00)])]
    with pytest.raises(RuleError, match=r"Verifikation 2 \(fel\): Verifikationen balanserar inte"):
        book.book_vouchers(items)
    assert book.count_vouchers() == 0


def test_list_and_search_vouchers(book):
    book.book_voucher("2021-01-10", "Driftbidrag FK", [(1930, 5_00), (3010, -5_00)])
    book.book_voucher("2021-02-10", "Hyra februari", [(6110, 3_00), (1930, -3_00)])
    book.book_voucher("2021-03-10", "Hyra mars", [(6110, 3_00), (1930, -3_00)])
    assert [v.ref for v in book.list_vouchers(VoucherFilter(text="hyra"))] == ["A 2", "A 3"]
    assert [v.ref for v in book.list_vouchers(VoucherFilter(text="A 1"))] == ["A 1"]
    assert [v.ref for v in book.list_vouchers(VoucherFilter(account=3010))] == ["A 1"]
    assert [v.ref for v in book.list_vouchers(VoucherFilter(date_from="2021-02-01", date_to="2021-02-28"))] == ["A 2"]
    assert [v.amount for v in book.list_vouchers()] == [5_00, 3_00, 3_00]
    assert book.count_vouchers(VoucherFilter(account=6110)) == 2
    assert [v.ref for v in book.list_vouchers(offset=1, limit=1)] == ["A 2"]


def test_ledger_opening_at_year_start_is_the_ingaende_balans(book):
    book.set_opening_balances(1, {1930: 1_000_00, 2010: -1_000_00})
    book.book_voucher("2021-01-10", "a", [(1930, 5_00), (3010, -5_00)])
    book.book_voucher("2021-02-10", "b", [(6110, 3_00), (1930, -3_00)])
    assert book.ledger(1930, "2021-01-01", "2021-12-31")[0] == 1_000_00
    opening, lines = book.ledger(1930, "2021-02-01", "2021-12-31")
    assert opening == 1_005_00 and [l.amount for l in lines] == [-3_00]
    assert book.ledger(3010, "2021-02-01", "2021-12-31")[0] == -5_00


def test_trial_balance_for_a_period_adds_up(book):
    book.set_opening_balances(1, {1930: 1_000_00, 2010: -1_000_00})
    book.book_voucher("2021-01-10", "a", [(1930, 5_00), (3010, -5_00)])
    book.book_voucher("2021-05-10", "b", [(6110, 3_00), (1930, -3_00)])
    tb = {l.account: (l.opening, l.period, l.closing) for l in book.trial_balance(1, "2021-04-01", "2021-06-30")}
    assert tb == {1930: (1_005_00, -3_00, 1_002_00), 2010: (-1_000_00, 0, -1_000_00),
                  3010: (-5_00, 0, -5_00), 6110: (0, 3_00, 3_00)}
    full = book.trial_balance(1)
    assert {l.account: l.opening for l in full} == {1930: 1_000_00, 2010: -1_000_00, 3010: 0, 6110: 0}
    with pytest.raises(RuleError, match="ligger inte inom"):
        book.trial_balance(1, "2020-12-01", "2021-01-31")


def test_balance_at_is_opening_plus_movements(book):
    book.set_opening_balances(1, {1930: 1_000_00, 2010: -1_000_00})
    book.book_voucher("2021-01-10", "a", [(1930, 5_00), (3010, -5_00)])
    assert book.balance_at("2021-01-09") == {1930: 1_000_00, 2010: -1_000_00}
    assert book.balance_at("2021-01-10") == {1930: 1_005_00, 2010: -1_000_00, 3010: -5_00}
    with pytest.raises(RuleError, match="ligger inte i något räkenskapsår"):
        book.balance_at("2022-01-01")


def test_draft_can_be_saved_unbalanced_and_booked_later(book):
    d = book.save_draft("2021-05-01", "Utkast", [(6110, 3_00), (1930, -2_00)])
    with pytest.raises(RuleError, match="balanserar inte"):
        book.book_draft(d)
    book.save_draft("2021-05-01", "Utkast", [(6110, 3_00), (1930, -3_00)], draft_id=d)
    v = book.book_draft(d)
    assert v.ref == "A 1" and book.drafts() == []


def test_a_verifikation_without_text_is_refused(book):
    """Bokföringslagen 5 kap. 7 §: a verifikation says what the affärshändelse is."""
    from finsam_desktop.errors import InputError

    with pytest.raises(InputError) as exc:
        book.book_voucher("2021-02-01", "  ", [(1930, 100_00), (3010, -100_00)])
    assert exc.value.field == "text" and "saknar text" in exc.value.message
    assert book.count_vouchers() == 0
