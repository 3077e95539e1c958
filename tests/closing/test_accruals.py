"""Period-end accruals: interimsskulder per insats and projektägare, the other upplupna
kostnader, the reversal on the first day of the next period, and the rules that a period
end is decided once and a closed year gets nothing new. Figures from Kramfors 2021, not 6."""

from __future__ import annotations

import pytest

from finsam_desktop.closing.close import close_year
from finsam_desktop.closing.accruals import (AccrualEntry, book_accruals, book_pending_reversals,
                                     period_fraction, pro_rata, suggest, undecided_projects)
from finsam_desktop.book import Book
from finsam_desktop.book.model import FiscalYear
from finsam_desktop.errors import InputError, RuleError

from accrual_books import INSATSER, kramfors, year_end_entries

def test_suggestion_is_granted_less_booked_per_insats(book):
    projects = kramfors(book)
    s = suggest(book, "2021-12-31")
    by_code = {l.code: l for l in s.projects}
    for code, _name, grant, invoiced, accrued in INSATSER:
        line = by_code[code]
        assert (line.granted, line.booked, line.suggested, line.amount) == (grant, invoiced, accrued, accrued)
        assert line.owner == "Kramfors kommun" and line.debit_account == 4530 and line.credit_account == 2990
        assert not line.decided
    assert s.is_year_end and s.reversal_date == "2022-01-01"
    assert [o.kind for o in s.others][:2] == ["styrelsearvoden", "loner"]
    assert {o.kind: (o.debit_account, o.credit_account) for o in s.others}["forutbetalda_intakter"] == (3030, 2970)
    assert len(undecided_projects(book, "2021-12-31")) == 3
    assert projects["101"].code == "101"


def test_reported_amount_replaces_the_suggestion_and_is_never_negative(book):
    projects = kramfors(book)
    book.set_accrual_report("2021-12-31", projects["101"].id, 400_000_00, "enligt rapport 10 jan")
    # Over-invoiced insats: booked more than granted gives 0, never a negative suggestion.
    book.book_voucher("2021-11-30", "Faktura okt–nov StegSam+", [(4530, 200_000_00, projects["103"].id),
                                                                 (1930, -200_000_00)])
    by_code = {l.code: l for l in suggest(book, "2021-12-31").projects}
    assert (by_code["101"].reported, by_code["101"].suggested) == (400_000_00, 400_000_00)
    assert by_code["101"].comment == "enligt rapport 10 jan"
    assert by_code["103"].suggested == 0
    book.set_accrual_report("2021-12-31", projects["101"].id, None)
    assert {l.code: l for l in suggest(book, "2021-12-31").projects}["101"].suggested == 492_163_00


def test_booking_makes_one_voucher_with_insats_and_projektagare_on_both_rows(book):
    projects = kramfors(book)
    res = book_accruals(book, "2021-12-31", year_end_entries(projects)
                        + [AccrualEntry(amount=20_391_00, kind="kanslikostnader"),
                           AccrualEntry(amount=26_935_00, kind="sociala_avgifter")])
    v = res.voucher
    assert v.date == "2021-12-31" and len(v.rows) == 10 and sum(r.amount for r in v.rows) == 0
    owner = projects["owner"].id
    steg = projects["101"].id
    assert [(r.account, r.amount, r.project_id, r.counterpart_id) for r in v.rows[:2]] == [
        (4530, 492_163_00, steg, owner), (2990, -492_163_00, steg, owner)]
    # The interimsskuld account's balance per insats is the note's specification.
    per_project = book.account_balance_by_project(2990, "2021-12-31")
    assert per_project == {projects["101"].id: -492_163_00, projects["102"].id: -321_953_00,
                           projects["103"].id: -178_936_00, None: -20_391_00}
    assert -sum(per_project.values()) == 1_013_443_00
    assert book.balance_at("2021-12-31", accounts=[2930]) == {2930: -26_935_00}
    # Remembered per insats and period; no reversal while 2022 does not exist.
    assert res.reversal is None
    recs = {r.project_id: r for r in book.accruals("2021-12-31") if r.kind == "insats"}
    assert recs[steg].amount == 492_163_00 and recs[steg].voucher_id == v.id
    assert recs[steg].counterpart_id == owner and recs[steg].reversal_voucher_id is None
    assert undecided_projects(book, "2021-12-31") == []


def test_booking_the_same_period_twice_is_refused(book):
    projects = kramfors(book)
    first = book_accruals(book, "2021-12-31", year_end_entries(projects))
    count = book.count_vouchers()
    with pytest.raises(RuleError, match=r"StegSam per 2021-12-31 är redan bokförd \(492 163 kr, "
                                        rf"verifikation {first.voucher.ref}\)"):
        book_accruals(book, "2021-12-31", year_end_entries(projects))
    assert book.count_vouchers() == count
    assert len(book.accruals("2021-12-31")) == 3


def test_same_insats_twice_in_one_booking_is_refused(book):
    projects = kramfors(book)
    e = AccrualEntry(amount=1_00, project_id=projects["101"].id)
    with pytest.raises(InputError, match="två gånger"):
        book_accruals(book, "2021-12-31", [e, e])
    assert book.accruals() == []


def test_a_closed_year_cannot_get_new_accruals(book):
    projects = kramfors(book)
    y = book.years()[0]
    book.set_year_status(y.id, "closed")
    with pytest.raises(RuleError, match="Räkenskapsåret 2021 är stängt; inga nya periodiseringar"):
        book_accruals(book, "2021-12-31", year_end_entries(projects))
    assert book.accruals() == []


def test_explicit_zero_is_decided_without_rows_and_may_be_decided_again(book):
    projects = kramfors(book)
    res = book_accruals(book, "2021-12-31", [AccrualEntry(amount=0, project_id=projects["102"].id)])
    assert res.voucher is None and res.records[0].amount == 0 and res.records[0].voucher_id is None
    assert book.count_vouchers() == 3
    assert [p.code for p in undecided_projects(book, "2021-12-31")] == ["101", "103"]
    # The projektägare reports late: a 0 decision (nothing booked) can be replaced.
    res = book_accruals(book, "2021-12-31", [AccrualEntry(amount=321_953_00, project_id=projects["102"].id)])
    assert res.voucher is not None
    assert [(r.amount, r.voucher_id) for r in book.accruals("2021-12-31")] == [(321_953_00, res.voucher.id)]


def test_negative_amount_and_unknown_account_are_refused(book):
    projects = kramfors(book)
    with pytest.raises(InputError, match="StegSam kan inte vara negativt"):
        book_accruals(book, "2021-12-31", [AccrualEntry(amount=-1_00, project_id=projects["101"].id)])
    with pytest.raises(RuleError, match="Konto 5999"):
        book_accruals(book, "2021-12-31", [AccrualEntry(amount=1_00, kind="styrelsearvoden", debit_account=5999)])
    with pytest.raises(RuleError, match="ligger inte i något räkenskapsår"):
        book_accruals(book, "2020-12-31", year_end_entries(projects))


def test_reversal_on_1_january_nets_the_january_invoice(book):
    """The new year carries only its own cost: last year's accrual is reversed on
    1 January and the invoice for it, arriving in January, lands on zero."""
    projects = kramfors(book)
    steg = projects["101"]
    y2021 = book.years()[0]
    book_accruals(book, "2021-12-31", year_end_entries(projects))
    y2022 = close_year(book, y2021.id)  # opens 2022 and books the pending reversals
    rec = next(r for r in book.accruals("2021-12-31") if r.project_id == steg.id)
    rev = book.voucher(rec.reversal_voucher_id)
    assert rev.date == "2022-01-01" and rev.corrects_id == rec.voucher_id and rev.year_id == y2022.id
    # Per insats the interimsskuld is carried in and reversed on the first day.
    assert book.opening_balances(y2022.id)[(2990, steg.id)] == -492_163_00
    assert book.account_balance_by_project(2990, "2022-01-01").get(steg.id, 0) == 0
    # The projektägare invoices Q4 2021 in January, and January's own cost in February.
    book.book_voucher("2022-01-20", "Faktura okt–dec 2021 StegSam",
                      [(4530, 492_163_00, steg.id), (1930, -492_163_00)])
    book.book_voucher("2022-02-15", "Faktura jan 2022 StegSam", [(4530, 80_000_00, steg.id), (1930, -80_000_00)])
    assert book.project_cost_booked("2022-01-01", "2022-01-31", default_account=4530).get(steg.id, 0) == 0
    assert book.project_cost_booked("2022-01-01", "2022-12-31", default_account=4530)[steg.id] == 80_000_00
    # And 2021 kept its full cost: invoices plus the interimsskuld.
    assert book.project_cost_booked("2021-01-01", "2021-12-31", default_account=4530)[steg.id] == 943_000_00


def test_reversal_is_booked_at_once_when_the_next_year_is_open(book):
    projects = kramfors(book)
    book.add_year("2022-01-01", "2022-12-31")
    res = book_accruals(book, "2021-12-31", year_end_entries(projects))
    assert res.reversal is not None and res.reversal.date == "2022-01-01"
    assert sorted((r.account, r.amount) for r in res.reversal.rows) == sorted(
        (r.account, -r.amount) for r in res.voucher.rows)
    assert all(r.reversal_voucher_id == res.reversal.id for r in book.accruals("2021-12-31"))
    assert book_pending_reversals(book) == []


def test_pending_reversals_wait_for_the_next_year(book):
    projects = kramfors(book)
    res = book_accruals(book, "2021-12-31", year_end_entries(projects))
    assert book_pending_reversals(book) == []          # 2022 does not exist yet
    book.add_year("2022-01-01", "2022-12-31")
    done = book_pending_reversals(book)
    assert [(v.date, v.corrects_id) for v in done] == [("2022-01-01", res.voucher.id)]
    assert book_pending_reversals(book) == []          # once only


def test_delar_accrual_uses_half_the_grant_and_reverses_on_1_july(book):
    projects = kramfors(book)
    steg = projects["101"]
    book.book_voucher("2021-05-31", "Faktura StegSam", [(4530, 100_000_00, steg.id), (1930, -100_000_00)])
    # Only May's invoice counts before 30 June (the October invoices come later).
    line = {l.code: l for l in suggest(book, "2021-06-30").projects}["101"]
    assert line.granted_period == 471_500_00 and line.booked == 100_000_00 and line.suggested == 371_500_00
    res = book_accruals(book, "2021-06-30", [AccrualEntry(amount=line.suggested, project_id=steg.id)])
    assert res.reversal.date == "2021-07-01"
    assert book.account_balance_by_project(2990, "2021-06-30")[steg.id] == -371_500_00
    assert book.account_balance_by_project(2990, "2021-07-01").get(steg.id, 0) == 0
    # The year-end suggestion is not disturbed by the delår accrual and its reversal.
    assert {l.code: l for l in suggest(book, "2021-12-31").projects}["101"].suggested == 492_163_00 - 100_000_00


def test_period_fraction_counts_months_or_days():
    cal = FiscalYear(1, "2021-01-01", "2021-12-31", "open")
    assert period_fraction(cal, "2021-06-30") == pytest.approx(0.5)
    assert period_fraction(cal, "2021-08-31") * 12 == 8
    assert period_fraction(cal, "2021-12-31") == 1
    assert period_fraction(cal, "2021-01-10") * 365 == 10
    broken = FiscalYear(2, "2021-07-01", "2022-06-30", "open")
    assert period_fraction(broken, "2021-12-31") * 2 == 1
    assert pro_rata(943_000_00, period_fraction(cal, "2021-06-30")) == 471_500_00
    assert pro_rata(1_01, period_fraction(cal, "2021-06-30")) == 51   # half an öre rounds up


def test_other_kinds_book_on_their_own_accounts(book):
    kramfors(book)
    res = book_accruals(book, "2021-12-31", [
        AccrualEntry(amount=12_000_00, kind="styrelsearvoden"),
        AccrualEntry(amount=648_000_00, kind="forutbetalda_intakter", label="Driftbidrag 2022 Kramfors kommun"),
    ])
    assert [(r.account, r.amount) for r in res.voucher.rows] == [
        (5050, 12_000_00), (2950, -12_000_00), (3030, 648_000_00), (2970, -648_000_00)]
    s = suggest(book, "2021-12-31")
    decided = {o.kind: o for o in s.others if o.decided}
    assert decided["forutbetalda_intakter"].label == "Driftbidrag 2022 Kramfors kommun"
    assert decided["styrelsearvoden"].amount == 12_000_00


def test_accrual_booked_by_hand_counts_as_decided(book):
    projects = kramfors(book)
    steg = projects["101"]
    book.book_voucher("2021-12-31", "Interimsskuld StegSam", [(4530, 492_163_00, steg.id),
                                                            (2990, -492_163_00, steg.id)])
    assert [p.code for p in undecided_projects(book, "2021-12-31")] == ["102", "103"]
    line = {l.code: l for l in suggest(book, "2021-12-31").projects}["101"]
    assert line.decided and line.booked_elsewhere == 492_163_00 and line.amount == 492_163_00
    assert line.booked == 450_837_00 and line.suggested == 492_163_00


def test_per_insats_balance_equals_the_booked_amounts_for_any_amounts(tmp_path):
    """Whatever is typed, the interimsskuld account's balance per insats at the period end
    is exactly minus the amount decided for that insats, and the reversal clears it."""
    from hypothesis import given, settings, strategies as st

    from conftest import VALID_ORGNR

    counter = iter(range(10_000))

    @settings(max_examples=15, deadline=None)
    @given(st.lists(st.integers(min_value=0, max_value=5_000_000_00), min_size=3, max_size=3))
    def check(amounts):
        b = Book.create(tmp_path / f"h{next(counter)}.finsam", namn="T", orgnr=VALID_ORGNR,
                        year_start="2021-01-01", year_end="2021-12-31")
        try:
            projects = kramfors(b)
            b.add_year("2022-01-01", "2022-12-31")
            entries = [AccrualEntry(amount=a, project_id=projects[code].id)
                       for a, (code, *_r) in zip(amounts, INSATSER)]
            res = book_accruals(b, "2021-12-31", entries)
            bal = b.account_balance_by_project(2990, "2021-12-31")
            assert {pid: -v for pid, v in bal.items()} == {e.project_id: e.amount for e in entries if e.amount}
            assert (res.voucher is None) == (sum(amounts) == 0)
            assert b.movements("2021-01-01", "2022-01-01").get(2990, 0) == 0
            assert undecided_projects(b, "2021-12-31") == []
        finally:
            b.close()

    check()
