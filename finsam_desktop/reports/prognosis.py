"""The prognosis: outcome so far per budget row against the budget for the same part of
the year, and the full year's prognosis of the result, eget kapital and the
balanskravsresultat. One engine for the board's ekonomisk rapport and the delårsrapport.

    p = build_prognosis(book, year.id, "2021-06-30")
    p.rows[0].budget_to_date, p.prognosis_result, p.eget_kapital_out, p.andel_procent

Amounts are öre in report sign (income positive, costs negative), like DriftRow.

* Budget for the period (`budget_to_date`): the row's full-year budget spread over the
  räkenskapsår's months, evenly or by the row's profile (twelve weights January–December,
  e.g. driftbidrag in January and July = 1,0,0,0,0,0,1,0,0,0,0,0); a month begun counts
  by its days (the 15th of a 30-day month: half the month). Rounded to whole öre,
  halves away from zero.
* Outcome (`outcome_to_date`): the same rule as the driftredovisning (a row with an
  insats takes that insats' rows on its accounts, a row without one the rest); outcome
  no row covers is the row 'Ej budgeterat', whose prognosis is its outcome.
* Prognosis: outcome + remaining budget (full year − budget to date), unless the board
  set a prognosis for the row (`override`, with a comment), stored in the book. At the
  year's last day the prognosis is the outcome: the board's prognoses no longer apply.
* Eget kapital at year end = eget kapital at the date − the result so far + the
  prognosis of the result. Its share of tilldelade medel is held against the national
  council's 20 % and the förbund's own floor (year text 'eget_kapital_golv', kr).
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date as Date
from fractions import Fraction

from ..errors import FinsamError, InputError, RuleError
from ..money import parse_kr, pro_rata
from . import keyfigures
from .ledger import PeriodLedger, compute

FLOOR_KEY = "eget_kapital_golv"
UNBUDGETED = "ej_budgeterat"
# The budget's sections in the order reports show them, and the outcome no budget row covers.
SECTION_TITLES = {
    "intakter": "Verksamhetens intäkter",
    "insatser": "Insatser",
    "kansli": "Kansli och personal",
    "styrelse": "Styrelse",
    "ovrigt": "Övriga verksamhetskostnader",
    "finansiellt": "Finansiella poster",
    UNBUDGETED: "Ej budgeterat",
}


@dataclass(frozen=True)
class PrognosisRow:
    budget_row_id: int | None      # None: 'Ej budgeterat' (outcome no budget row covers)
    label: str
    section: str                   # budget section, or 'ej_budgeterat'
    project_id: int | None
    profile: tuple[int, ...]       # () = evenly by month
    budget_year: int               # the whole räkenskapsår's budget
    budget_to_date: int            # the budget for the year's first day to `to_date`
    outcome_to_date: int
    remaining_budget: int          # budget_year − budget_to_date
    computed: int                  # outcome_to_date + remaining_budget
    override: int | None           # the prognosis the board set, None when none
    comment: str
    prognosis: int                 # override if set, else computed
    deviation_to_date: int         # outcome_to_date − budget_to_date (positive: better than budget)
    deviation: int                 # prognosis − budget_year (positive: better than budget)


@dataclass(frozen=True)
class MonthPoint:
    """Cumulative figures at the end of one month of the räkenskapsår (at `to_date` for
    its month). Costs are positive here (what was spent), the result in report sign."""
    month: str                     # 'YYYY-MM'
    budget_costs: int
    outcome_costs: int | None      # None for months after to_date
    budget_result: int
    outcome_result: int | None


@dataclass(frozen=True)
class Prognosis:
    year_id: int
    year_label: str
    date_from: str                 # the räkenskapsår's first day
    to_date: str
    year_end: str
    share_of_year: float           # how much of the year has passed (evenly by month), 0–1
    rows: tuple[PrognosisRow, ...]
    budget_result: int             # sum of the rows
    budget_to_date_result: int
    outcome_result: int            # the result so far (= resultaträkning's to to_date)
    prognosis_result: int          # prognosis of årets resultat
    eget_kapital_in: int           # eget kapital at the year's start
    eget_kapital_now: int          # at to_date
    eget_kapital_budget: int       # at year end by budget (in + budget_result + other changes so far)
    eget_kapital_out: int          # at year end by prognosis
    balanskravsresultat: int       # prognosis, after the year's balanskrav adjustments
    tilldelade_medel: int          # members' driftbidrag decided, else the budgeted driftbidrag
    andel_procent: float | None    # eget_kapital_out / tilldelade_medel, two decimals
    rekommendation_procent: float  # 20.0
    inom_rekommendation: bool | None
    golv: int | None               # the förbund's own floor for eget kapital, None when not set
    over_golv: bool | None
    months: tuple[MonthPoint, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def _iso(text: str, field: str) -> Date:
    try:
        return Date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(f"Datumet ”{text}” är inte ett datum (ÅÅÅÅ-MM-DD).", field=field) from None


def year_months(start: str, end: str) -> list[tuple[int, int]]:
    """(year, month) of every month the räkenskapsår touches."""
    s, e = Date.fromisoformat(start), Date.fromisoformat(end)
    out, y, m = [], s.year, s.month
    while (y, m) <= (e.year, e.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_fraction(y: int, m: int, start: Date, end: Date, upto: Date) -> Fraction:
    """How much of month (y, m) lies within [start, upto], as a share of the part of the
    month within the räkenskapsår [start, end]."""
    days = calendar.monthrange(y, m)[1]
    first = max(Date(y, m, 1), start)
    last = min(Date(y, m, days), end)
    if upto < first:
        return Fraction(0)
    if upto >= last:
        return Fraction(1)
    return Fraction((upto - first).days + 1, (last - first).days + 1)


def elapsed_share(profile: tuple[int, ...], start: str, end: str, upto: str) -> Fraction:
    """The share of a year's budget that falls on [start, upto] by a monthly profile
    (() = evenly by month)."""
    s, e, u = Date.fromisoformat(start), Date.fromisoformat(end), Date.fromisoformat(upto)
    months = year_months(start, end)
    weights = [profile[m - 1] if profile else 1 for _y, m in months]
    total = sum(weights)
    if total == 0:  # a profile whose months all lie outside this räkenskapsår: evenly
        weights, total = [1] * len(months), len(months)
    done = sum((w * _month_fraction(y, m, s, e, u) for w, (y, m) in zip(weights, months)), Fraction(0))
    return done / total


def budget_to_date(amount: int, profile: tuple[int, ...], start: str, end: str, upto: str) -> int:
    """The part of a full-year budget that falls on [start, upto], whole öre."""
    return pro_rata(amount, elapsed_share(profile, start, end, upto))


def equity_floor(book, year) -> int | None:
    """The förbund's own floor for eget kapital: the year's text, else the latest earlier year's."""
    for y in reversed([y for y in book.years() if y.start <= year.start]):
        text = book.year_text(y.id, FLOOR_KEY, "").strip()
        if text:
            try:
                return parse_kr(text, field=FLOOR_KEY)
            except FinsamError:
                return None
    return None


def build_prognosis(book, year_id: int, to_date: str | None = None, *,
                    use_overrides: bool = True) -> Prognosis:
    """The prognosis of a räkenskapsår at `to_date` (default: the year's last day).
    `use_overrides=False` ignores the prognoses the board set (computed only)."""
    year = book.existing_year(year_id)
    to_date = to_date or year.end
    _iso(to_date, "datum")
    if not year.start <= to_date <= year.end:
        raise RuleError(f"Datumet {to_date} ligger inte inom räkenskapsåret {year.label} "
                        f"({year.start} – {year.end}).", field="datum")
    accounts = {a.number: a for a in book.accounts()}
    led = PeriodLedger.read(book, year, year.start, to_date, accounts)
    fig = compute(led)
    budget = book.budget(year.id)
    plans = book.budget_plans(year.id)
    drift = keyfigures.driftredovisning(book, year, led, None, full_year=False)
    drift_rows = list(drift.rows) if drift else []

    rows: list[PrognosisRow] = []
    for i, b in enumerate(budget):
        plan = plans.get(b.id)
        profile = plan.profile if plan else ()
        full = -b.amount
        to_now = budget_to_date(full, profile, year.start, year.end, to_date)
        outcome = drift_rows[i].utfall
        override = None
        if use_overrides and plan and plan.prognosis is not None and to_date < year.end:
            override = -plan.prognosis
        rows.append(_row(b.id, b.label, b.section, b.project_id, profile, full, to_now, outcome, override,
                         plan.prognosis_comment if plan else ""))
    unbudgeted = [r for r in drift_rows if r.section == UNBUDGETED]
    if unbudgeted:
        u = unbudgeted[0]
        rows.append(_row(None, u.label, UNBUDGETED, None, (), 0, 0, u.utfall, None, ""))

    result_so_far = fig.rr["arets_resultat"]
    outcome_sum = sum(r.outcome_to_date for r in rows)
    if budget and outcome_sum != result_so_far:  # the driftredovisning's rule covers every result account
        raise RuleError(f"Prognosen går inte ihop: budgetradernas utfall {outcome_sum} öre mot periodens "
                        f"resultat {result_so_far} öre.")
    prognosis_result = sum(r.prognosis for r in rows) if budget else result_so_far
    budget_result = sum(r.budget_year for r in rows)
    equity_now = fig.br["summa_eget_kapital"]
    equity_in = fig.equity_start
    equity_out = equity_now - result_so_far + prognosis_result
    equity_budget = equity_now - result_so_far + budget_result
    balanskrav = keyfigures._balanskrav_values(book, year.id, prognosis_result)["balanskravsresultat"]
    allotted = book.allotted_funds(year.id) or sum(r.budget_year for r in rows
                                                    if r.section == "intakter" and r.budget_year > 0)
    share = keyfigures.equity_share(equity_out, allotted)
    floor = equity_floor(book, year)
    return Prognosis(
        year.id, year.label, year.start, to_date, year.end,
        float(elapsed_share((), year.start, year.end, to_date)), tuple(rows),
        budget_result, sum(r.budget_to_date for r in rows), result_so_far, prognosis_result,
        equity_in, equity_now, equity_budget, equity_out, balanskrav, allotted,
        share.andel_procent, share.rekommendation_procent, share.inom_rekommendation,
        floor, None if floor is None else equity_out >= floor,
        _months(book, year, to_date, accounts, budget, plans))


def _row(rid, label, section, project_id, profile, full, to_now, outcome, override, comment) -> PrognosisRow:
    remaining = full - to_now
    computed = outcome + remaining
    prognosis = computed if override is None else override
    return PrognosisRow(rid, label, section, project_id, profile, full, to_now, outcome, remaining, computed,
                        override, comment, prognosis, outcome - to_now, prognosis - full)


def _months(book, year, to_date: str, accounts, budget, plans) -> tuple[MonthPoint, ...]:
    """Cumulative budget and outcome per month: costs (cost accounts, positive) and the result."""
    moves: dict[str, tuple[int, int]] = {}
    for month, acc, _pid, amount in book.monthly_movements(year.id, to_date):
        a = accounts.get(acc)
        if a is None or a.is_balance or a.row_id is None:
            continue
        cost, result = moves.get(month, (0, 0))
        moves[month] = (cost + (amount if a.kind == "K" else 0), result - amount)
    out = []
    oc = orr = 0
    for y, m in year_months(year.start, year.end):
        key = f"{y:04d}-{m:02d}"
        month_end = min(Date(y, m, calendar.monthrange(y, m)[1]).isoformat(), year.end)
        upto = month_end if month_end <= to_date else None
        if key == to_date[:7]:
            upto = to_date
        bc = br = 0
        for b in budget:
            plan = plans.get(b.id)
            part = budget_to_date(b.amount, plan.profile if plan else (), year.start, year.end,
                                  upto or month_end)
            br -= part
            if b.amount > 0:
                bc += part
        if upto is not None:
            c, r = moves.get(key, (0, 0))
            oc, orr = oc + c, orr + r
        out.append(MonthPoint(key, bc, oc if upto else None, br, orr if upto else None))
    return tuple(out)
