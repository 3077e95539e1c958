"""The budget as the board decides it: Kramfors' verksamhetsplan 2021 (resultatbudget
2020–2023 and balansbudget) entered through the API, copying a budget into a new year,
and changing rows in report sign."""

from __future__ import annotations

import pytest

from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.ops.budget import copy_budget, find_budget_row, set_balance_budget, set_budget_row
from finsam_desktop.reports.budget_plan import build_budget_plan
from finsam_desktop.reports.charts import balance_chart

from kramfors import KR, kramfors_book  # noqa: F401  (the fixture `kramfors`)

# Verksamhetsplan 2021, plan years 2022–2023 (kr, report sign): label -> (2021, 2022, 2023)
PLAN_YEARS = {
    "Driftbidrag från staten": (-1_293_334, -1_290_667),
    "Driftbidrag från kommun och region": (-1_293_334, -1_290_667),
    "Teamkoordinator/Coach Samkraft": (600_000, 600_000),
    "Psykiatridagen": (30_000, 30_000),
    "Personalkostnader": (809_900, 827_415),
    "Övriga verksamhetskostnader": (134_000, 134_000),
    "Bankkostnader": (4_000, 4_000),
}
BUDGET_2020 = [("Driftbidrag från staten", -1_296_000, 3010, "intakter"),
               ("Driftbidrag från kommun och region", -1_296_000, 3020, "intakter"),
               ("Teamkoordinator/Coach Samkraft", 600_000, 4530, "insatser"),
               ("Aktivitetscoach & samordnare StegSam", 950_000, 4530, "insatser"),
               ("Psykiatridagen", 30_000, 4530, "insatser"),
               ("Nya projekt under året/Kvar att fördela", 98_000, 5590, "insatser"),
               ("Personalkostnader", 779_000, (5000, 5999), "kansli"),
               ("Övriga verksamhetskostnader", 132_000, (6000, 7999), "ovrigt"),
               ("Bankkostnader", 3_000, 8570, "finansiellt")]


@pytest.fixture(scope="module")
def kramfors_plan(kramfors):
    """The verksamhetsplan entered through the API: plan years of the 2021 rows, the
    5590 row with nothing in 2021, the 2020 budget beside it, and eget kapital in as
    the plan was decided on (the 2019 closing: the 2020 result was not known)."""
    book = kramfors
    y20, y21 = book.years()
    for label, ledger_kr, acc, section in BUDGET_2020:
        a_from, a_to = acc if isinstance(acc, tuple) else (acc, acc)
        book.add_budget_row(y20.id, label, ledger_kr * KR, account_from=a_from, account_to=a_to, section=section)
    for label, (p1, p2) in PLAN_YEARS.items():
        r = find_budget_row(book, y21.id, label)
        set_budget_row(book, r.id, plan1=-p1 * KR, plan2=-p2 * KR)
    rid = book.add_budget_row(y21.id, "Nya projekt under året/Kvar att fördela", 0, account_from=5590,
                              section="insatser")
    set_budget_row(book, rid, plan1=-1_008_768 * KR, plan2=-985_919 * KR)
    set_balance_budget(book, y20.id, equity_in=548_077 * KR)
    set_balance_budget(book, y21.id, equity_in=548_077 * KR, floor=180_000 * KR)
    return book, y21


def test_kramfors_resultatbudget_three_years(kramfors_plan):
    book, y = kramfors_plan
    plan = build_budget_plan(book, y.id)
    assert plan.columns == ("2020", "2021", "2022", "2023") and plan.budget_column == 1
    assert plan.results == (0, -253_000 * KR, 0, 0)
    sec = {s.id: s for s in plan.sections}
    assert sec["intakter"].totals == tuple(v * KR for v in (2_592_000, 2_592_000, 2_586_668, 2_581_334))
    assert sec["insatser"].totals == tuple(-v * KR for v in (1_678_000, 1_910_000, 1_638_768, 1_615_919))
    assert sec["kansli"].totals == tuple(-v * KR for v in (779_000, 797_000, 809_900, 827_415))
    assert sec["finansiellt"].totals == tuple(-v * KR for v in (3_000, 4_000, 4_000, 4_000))
    rows = {r.label: r.amounts for r in sec["insatser"].rows}
    assert rows["Aktivitetscoach & samordnare StegSam"] == (-950_000 * KR, -950_000 * KR, None, None)
    assert rows["Aktivitetscoach StegSam Plus"] == (None, -330_000 * KR, None, None)
    assert rows["Nya projekt under året/Kvar att fördela"] == (-98_000 * KR, 0, -1_008_768 * KR, -985_919 * KR)


def test_kramfors_balansbudget(kramfors_plan):
    book, y = kramfors_plan
    plan = build_budget_plan(book, y.id)
    assert plan.equity_in_source == "beslut"
    b = [(x.column, x.eget_kapital_in // KR, x.result // KR, x.eget_kapital_out // KR) for x in plan.balance]
    assert b == [("2020", 548_077, 0, 548_077), ("2021", 548_077, -253_000, 295_077),
                 ("2022", 295_077, 0, 295_077), ("2023", 295_077, 0, 295_077)]
    y21 = plan.balance[1]
    assert y21.tilldelade_medel == 2_592_000 * KR and y21.andel_procent == 11.38
    assert y21.inom_rekommendation is True and y21.golv == 180_000 * KR and y21.over_golv is True
    assert plan.balance[0].andel_procent == 21.14 and plan.balance[0].inom_rekommendation is False
    assert plan.balance[2].tilldelade_medel == 2_586_668 * KR  # no decision yet: the planned driftbidrag
    set_balance_budget(book, y.id, equity_in=None)
    again = build_budget_plan(book, y.id)
    assert again.equity_in_source == "bokforing" and again.balance[1].eget_kapital_in == 588_636 * KR
    set_balance_budget(book, y.id, equity_in=548_077 * KR)


def test_copy_into_a_new_year_from_plan_budget_or_outcome(kramfors_plan):
    book, y = kramfors_plan
    y22 = book.add_year("2022-01-01", "2022-12-31")
    assert copy_budget(book, y22.id, "plan") == 8  # StegSam and StegSam Plus end with 2021
    plan = build_budget_plan(book, y22.id)
    assert plan.columns == ("2021", "2022", "2023", "2024")
    assert plan.results[1] == 0 and plan.results[2] == 0 and plan.results[3] == 0
    assert {s.id: s.totals[1] for s in plan.sections}["kansli"] == -809_900 * KR
    assert {s.id: s.totals[2] for s in plan.sections}["kansli"] == -827_415 * KR
    assert plan.equity_in_source == "prognos" and plan.balance[1].eget_kapital_in == 389_901 * KR
    with pytest.raises(RuleError, match="har redan en budget"):
        copy_budget(book, y22.id, "budget")
    for r in book.budget(y22.id):
        book.delete_budget_row(r.id)
    copy_budget(book, y22.id, "utfall")
    by = {r.label: r.amount for r in book.budget(y22.id)}
    assert by["Psykiatridagen"] == 0 and by["Personalkostnader"] == 786_417 * KR
    assert -sum(by.values()) == -198_735 * KR + 3 * KR  # the öresutjämning on 3990 lies in no row
    for r in book.budget(y22.id):
        book.delete_budget_row(r.id)
    copy_budget(book, y22.id, "budget")
    assert -sum(r.amount for r in book.budget(y22.id)) == -253_000 * KR
    with pytest.raises(InputError, match="Okänd källa"):
        copy_budget(book, y22.id, "gissning")


def test_row_lookup_and_closed_year(kramfors_plan):
    book, y = kramfors_plan
    with pytest.raises(InputError, match="2 rader"):
        find_budget_row(book, y.id, "Driftbidrag")
    r = find_budget_row(book, y.id, "bankkostnader")
    set_budget_row(book, r.id, amount=-5_000 * KR, profile=(0,) * 11 + (1,), prognosis=-4_500 * KR,
                   comment="Ny prislista")
    got = book.budget_plan(r.id)
    assert book.budget(y.id)[-2].amount == 5_000 * KR and got.prognosis == 4_500 * KR and got.profile[-1] == 1
    set_budget_row(book, r.id, amount=-4_000 * KR, profile=(), prognosis=None)
    y20 = book.years()[0]
    book.conn.execute("UPDATE fiscal_year SET status = 'closed' WHERE id = ?", (y20.id,))
    try:
        with pytest.raises(RuleError, match="stängt"):
            set_budget_row(book, book.budget(y20.id)[0].id, amount=1)
    finally:
        book.conn.execute("UPDATE fiscal_year SET status = 'open' WHERE id = ?", (y20.id,))


def test_kramfors_balance_chart(kramfors_plan):
    book, y = kramfors_plan
    chart = balance_chart(build_budget_plan(book, y.id))
    assert chart.categories == ("2020", "2021", "2022", "2023")
    series = {s.name: s.values for s in chart.series}
    assert series["Eget kapital vid årets slut"] == pytest.approx((548.077, 295.077, 295.077, 295.077))
    assert series["20 % av tilldelade medel"] == pytest.approx((518.4, 518.4, 517.3336, 516.2668))
    assert series["Förbundets golv"] == (180.0,) * 4
