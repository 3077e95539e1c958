"""The prognosis engine: the budget for part of the year (evenly or by profile, to the
öre), outcome per budget row, prognosis with the board's override, eget kapital, the
balanskravsresultat and the 20 % line; and the Kramfors 2021 figures."""

from __future__ import annotations

from fractions import Fraction

import pytest

from finsam_desktop.book.budget_plan import parse_profile
from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.reports import build_report
from finsam_desktop.reports.board_report import build_board_report
from finsam_desktop.reports.prognosis import budget_to_date, build_prognosis, elapsed_share

from kramfors import KR, kramfors_book  # noqa: F401  (the fixture `kramfors`)

DRIFT = (1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)  # driftbidrag in January and July


def test_even_spread_is_by_month_and_by_day_within_a_month():
    y0, y1 = "2021-01-01", "2021-12-31"
    assert elapsed_share((), y0, y1, "2021-06-30") == Fraction(1, 2)
    assert elapsed_share((), y0, y1, "2021-12-31") == 1
    # 15 of February's 28 days: 1 month + 15/28 of the second, of twelve
    assert elapsed_share((), y0, y1, "2021-02-15") == (1 + Fraction(15, 28)) / 12
    assert budget_to_date(100_000_01, (), y0, y1, "2021-06-30") == 50_000_01  # 5 000 000.5 öre -> away from 0
    assert budget_to_date(-100_000_01, (), y0, y1, "2021-06-30") == -50_000_01
    assert budget_to_date(1_000_000_00, (), y0, y1, "2021-03-31") == 250_000_00
    assert budget_to_date(797_000_00, (), y0, y1, "2021-02-15") == 101_997_02  # 79 700 000 öre × 43/336 = 10 199 702.38


def test_profile_puts_the_budget_in_its_months():
    y0, y1 = "2021-01-01", "2021-12-31"
    assert budget_to_date(2_592_000_00, DRIFT, y0, y1, "2021-01-01") == 41_806_45  # 1/31 of January's half
    assert budget_to_date(2_592_000_00, DRIFT, y0, y1, "2021-01-31") == 1_296_000_00
    assert budget_to_date(2_592_000_00, DRIFT, y0, y1, "2021-06-30") == 1_296_000_00
    assert budget_to_date(2_592_000_00, DRIFT, y0, y1, "2021-07-31") == 2_592_000_00
    # a broken räkenskapsår July–June: the same calendar months
    assert budget_to_date(1_000_00, DRIFT, "2021-07-01", "2022-06-30", "2021-12-31") == 500_00


def test_profile_text_is_checked():
    assert parse_profile("1,0,0,0,0,0,1,0,0,0,0,0") == DRIFT
    assert parse_profile("") == ()
    with pytest.raises(InputError, match="tolv"):
        parse_profile("1,2,3")
    with pytest.raises(InputError, match="bara nollor"):
        parse_profile("0,0,0,0,0,0,0,0,0,0,0,0")
    with pytest.raises(InputError, match="värde 2"):
        parse_profile("1,x,0,0,0,0,1,0,0,0,0,0")


@pytest.fixture
def small(book):
    """Testförbundet 2021: eget kapital 500 000 in, driftbidrag 1 200 000 in January and
    July, one insats at 600 000, kansli 480 000 evenly; booked to 15 June."""
    y = book.years()[0]
    p = book.add_project("ALFA", "Alfa")
    book.set_opening_balances(y.id, {1930: 500_000_00, 2010: -500_000_00})
    rid_in = book.add_budget_row(y.id, "Driftbidrag", -1_200_000_00, account_from=3010, account_to=3020,
                                 section="intakter")
    rid_alfa = book.add_budget_row(y.id, "Alfa", 600_000_00, account_from=4530, section="insatser",
                                   project_id=p.id)
    rid_kansli = book.add_budget_row(y.id, "Kansli", 480_000_00, account_from=5000, account_to=5999,
                                     section="kansli")
    book.set_budget_plan(rid_in, profile=DRIFT)
    book.book_voucher("2021-01-20", "Driftbidrag", [(1930, 600_000_00), (3010, -600_000_00)])
    book.book_voucher("2021-03-31", "Alfa kv 1", [(4530, 150_000_00, p.id), (1930, -150_000_00)])
    for month in range(1, 6):
        book.book_voucher(f"2021-{month:02d}-25", "Lön", [(5010, 41_000_00), (1930, -41_000_00)])
    book.book_voucher("2021-06-10", "Kontorsmaterial", [(6410, 1_234_56), (1930, -1_234_56)])
    return book, y, {"in": rid_in, "alfa": rid_alfa, "kansli": rid_kansli}


def test_prognosis_mid_year_to_the_ore(small):
    book, y, ids = small
    p = build_prognosis(book, y.id, "2021-06-15")
    by = {r.label: r for r in p.rows}
    assert [r.label for r in p.rows] == ["Driftbidrag", "Alfa", "Kansli", "Ej budgeterat"]
    d = by["Driftbidrag"]
    assert (d.budget_year, d.budget_to_date, d.outcome_to_date) == (1_200_000_00, 600_000_00, 600_000_00)
    assert (d.remaining_budget, d.prognosis, d.deviation) == (600_000_00, 1_200_000_00, 0)
    a = by["Alfa"]  # evenly: 5 months + 15/30 of June = 5.5/12 of 600 000 = 275 000
    assert (a.budget_to_date, a.outcome_to_date) == (-275_000_00, -150_000_00)
    assert a.deviation_to_date == 125_000_00
    assert a.prognosis == -150_000_00 - 325_000_00 == a.computed
    k = by["Kansli"]
    assert (k.budget_to_date, k.outcome_to_date, k.prognosis) == (-220_000_00, -205_000_00, -465_000_00)
    e = by["Ej budgeterat"]  # 6410 lies in no budget row
    assert (e.budget_row_id, e.outcome_to_date, e.prognosis) == (None, -1_234_56, -1_234_56)
    assert p.outcome_result == 600_000_00 - 150_000_00 - 205_000_00 - 1_234_56
    assert p.budget_result == 120_000_00
    assert p.budget_to_date_result == 600_000_00 - 275_000_00 - 220_000_00
    assert p.prognosis_result == 1_200_000_00 - 475_000_00 - 465_000_00 - 1_234_56 == 258_765_44
    assert p.eget_kapital_in == 500_000_00
    assert p.eget_kapital_now == 500_000_00 + p.outcome_result
    assert p.eget_kapital_out == 758_765_44
    assert p.eget_kapital_budget == 620_000_00
    assert p.balanskravsresultat == p.prognosis_result
    assert p.tilldelade_medel == 1_200_000_00  # no decided driftbidrag: the budgeted
    assert p.andel_procent == 63.23 and p.inom_rekommendation is False
    assert p.golv is None and p.over_golv is None


def test_override_and_comment_are_stored_and_used(small):
    book, y, ids = small
    book.set_budget_plan(ids["alfa"], prognosis=550_000_00, prognosis_comment="Startade i mars")
    p = build_prognosis(book, y.id, "2021-06-15")
    a = next(r for r in p.rows if r.label == "Alfa")
    assert (a.override, a.prognosis, a.computed, a.comment) == (-550_000_00, -550_000_00, -475_000_00,
                                                                "Startade i mars")
    assert p.prognosis_result == 258_765_44 - 75_000_00
    assert build_prognosis(book, y.id, "2021-06-15", use_overrides=False).prognosis_result == 258_765_44
    book.set_budget_plan(ids["alfa"], prognosis=None)
    assert build_prognosis(book, y.id, "2021-06-15").prognosis_result == 258_765_44
    assert book.budget_plan(ids["alfa"]).prognosis_comment == "Startade i mars"


def test_floor_balanskrav_and_decided_driftbidrag(small):
    book, y, ids = small
    for name in ("A", "B"):
        m = book.add_member(name, "kommun", 5000)
        book.set_contribution(m.id, y.id, 1_300_000_00)
    book.set_year_text(y.id, "eget_kapital_golv", "800 000")
    book.set_year_text(y.id, "balanskrav_reservering_rur", "-100 000")
    p = build_prognosis(book, y.id, "2021-06-15")
    assert p.tilldelade_medel == 2_600_000_00 and p.andel_procent == 29.18
    assert p.golv == 800_000_00 and p.over_golv is False
    assert p.balanskravsresultat == 158_765_44


def test_months_are_cumulative(small):
    book, y, _ = small
    p = build_prognosis(book, y.id, "2021-06-15")
    assert [m.month for m in p.months][:2] == ["2021-01", "2021-02"] and len(p.months) == 12
    jan, may, jun, jul = p.months[0], p.months[4], p.months[5], p.months[6]
    assert jan.outcome_costs == 41_000_00 and jan.outcome_result == 559_000_00
    assert may.outcome_costs == 150_000_00 + 205_000_00
    assert jun.outcome_costs == 355_000_00 + 1_234_56 and jun.outcome_result == p.outcome_result
    assert jul.outcome_costs is None and jul.outcome_result is None
    assert jan.budget_costs == 90_000_00 and jan.budget_result == 510_000_00
    assert jun.budget_costs == 495_000_00  # to 15 June: 5.5/12 of 1 080 000
    assert p.months[-1].budget_result == p.budget_result


def test_date_outside_the_year_and_closed_year_are_refused(small):
    book, y, ids = small
    with pytest.raises(RuleError, match="inte inom räkenskapsåret 2021"):
        build_prognosis(book, y.id, "2022-01-10")
    with pytest.raises(InputError, match="inte ett datum"):
        build_prognosis(book, y.id, "30/6")


def test_plan_of_a_missing_row_is_refused(book):
    with pytest.raises(RuleError, match="finns inte"):
        book.set_budget_plan(999, plan1=1)


def test_kramfors_2021_prognosis(kramfors):
    y = kramfors.years()[-1]
    full = build_prognosis(kramfors, y.id, "2021-12-31")
    assert full.budget_result == -253_000 * KR
    assert full.outcome_result == full.prognosis_result == -198_735 * KR
    # the driftredovisning's deviation on nettokostnad: +54 tkr, the same in both
    assert full.prognosis_result - full.budget_result == 54_265 * KR
    drift = build_report(kramfors, y.id).driftredovisning.rows
    assert drift[-1].label == "Resultat" and drift[-1].avvikelse == 54_265 * KR
    assert [d.utfall for d in drift[:-1]] == [r.outcome_to_date for r in full.rows]
    assert full.eget_kapital_in == 588_636 * KR and full.eget_kapital_out == 389_901 * KR
    assert full.andel_procent == 15.04 and full.inom_rekommendation is True
    half = build_prognosis(kramfors, y.id, "2021-06-30")
    by = {r.label: r for r in half.rows}
    pers = by["Personalkostnader"]
    assert pers.budget_to_date == -398_500 * KR
    assert pers.prognosis == pers.outcome_to_date - 398_500 * KR
    assert by["Driftbidrag från staten"].budget_to_date == 648_000 * KR
    assert half.prognosis_result == sum(r.outcome_to_date for r in half.rows) + 126_500 * KR - 253_000 * KR
    assert half.eget_kapital_out == half.eget_kapital_now - half.outcome_result + half.prognosis_result
    # last year's interimsskulder reversed on 1 January, this half-year's not booked: the
    # board report says so, naming the rows
    warned = build_board_report(kramfors, y.id, "2021-06-30").warnings
    assert len(warned) == 1 and "”Teamkoordinator/Coach Samkraft”" in warned[0] and "periodavslutet" in warned[0]
    assert "Personalkostnader" not in warned[0]
    assert build_board_report(kramfors, y.id, "2021-12-31").warnings == ()
