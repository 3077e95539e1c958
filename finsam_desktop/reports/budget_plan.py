"""The budget as the board decides it: the resultatbudget of a year with its two plan
years (and last year's budget beside it), and the balansbudget: eget kapital in, the
budgeted result, eget kapital out, its share of tilldelade medel against the 20 % line
and the förbund's own floor.

    plan = build_budget_plan(book, year.id)
    plan.columns            # ('2020', '2021', '2022', '2023'): last year's budget, the year, two plan years
    plan.balance[1].eget_kapital_out

Amounts are öre in report sign (income positive, costs negative). None: no amount in that
column (the row is not in that year's budget).

Eget kapital in, for the budget year: the year text 'budget_eget_kapital_in' (kr) when the
board set it (the figure the verksamhetsplan was decided on), else the eget kapital at
the year's start when the book has it (opening balances), else the prognosis of eget
kapital at the end of the previous räkenskapsår. Each later column starts from the one
before it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import FinsamError
from ..money import parse_kr
from . import keyfigures
from .ledger import PeriodLedger, compute
from .prognosis import SECTION_TITLES, build_prognosis, equity_floor

EQUITY_IN_KEY = "budget_eget_kapital_in"


@dataclass(frozen=True)
class PlanRow:
    budget_row_id: int | None      # the budget year's row; None for a row only last year had
    label: str
    section: str
    project_id: int | None
    account_from: int | None
    account_to: int | None
    amounts: tuple[int | None, ...]  # one per column of BudgetPlanReport.columns


@dataclass(frozen=True)
class PlanSection:
    id: str
    title: str
    rows: tuple[PlanRow, ...]
    totals: tuple[int | None, ...]  # None: no row of the section has an amount in that column


@dataclass(frozen=True)
class BalanceBudgetYear:
    column: str
    eget_kapital_in: int
    result: int
    eget_kapital_out: int
    tilldelade_medel: int
    andel_procent: float | None
    rekommendation_procent: float
    inom_rekommendation: bool | None
    golv: int | None
    over_golv: bool | None


@dataclass(frozen=True)
class BudgetPlanReport:
    forbund: str
    year_id: int
    year_label: str
    columns: tuple[str, ...]       # labels: [last year,] the budget year, plan year 1, plan year 2
    budget_column: int             # index of the budget year in columns
    sections: tuple[PlanSection, ...]
    results: tuple[int, ...]       # budgeted årets resultat per column
    balance: tuple[BalanceBudgetYear, ...]
    equity_in_source: str          # 'beslut' | 'bokforing' | 'prognos' | 'ingen'

    def to_dict(self) -> dict:
        return asdict(self)


def plan_labels(year) -> tuple[str, str]:
    """The labels of the two plan years after a räkenskapsår ('2022', '2023')."""
    start, end = int(year.start[:4]), int(year.end[:4])
    if start == end:
        return str(end + 1), str(end + 2)
    return f"{start + 1}/{str(end + 1)[2:]}", f"{start + 2}/{str(end + 2)[2:]}"


def _kr_text(book, year_id: int, key: str) -> int | None:
    text = book.year_text(year_id, key, "").strip()
    if not text:
        return None
    try:
        return parse_kr(text, field=key)
    except FinsamError:
        return None


def equity_in(book, year) -> tuple[int, str]:
    """Eget kapital at the start of the budget year and where it came from."""
    decided = _kr_text(book, year.id, EQUITY_IN_KEY)
    if decided is not None:
        return decided, "beslut"
    accounts = {a.number: a for a in book.accounts()}
    led = PeriodLedger.read(book, year, year.start, year.start, accounts)
    if any(v for n, v in led.start.items() if accounts.get(n) and accounts[n].row_id == "ovrigt_eget_kapital"):
        return compute(led).equity_start, "bokforing"
    prev = book.previous_year(year)
    if prev is not None:
        return build_prognosis(book, prev.id, prev.end).eget_kapital_out, "prognos"
    return 0, "ingen"


def build_budget_plan(book, year_id: int) -> BudgetPlanReport:
    year = book.existing_year(year_id)
    prev = book.previous_year(year)
    rows = book.budget(year.id)
    plans = book.budget_plans(year.id)
    prev_rows = book.budget(prev.id) if prev else []
    has_prev = bool(prev_rows)
    columns = ((prev.label,) if has_prev else ()) + (year.label,) + plan_labels(year)
    off = 1 if has_prev else 0

    def amounts(prev_amount, b) -> tuple:
        plan = plans.get(b.id) if b else None
        own = (None if b is None else -b.amount,
               None if plan is None or plan.plan1 is None else -plan.plan1,
               None if plan is None or plan.plan2 is None else -plan.plan2)
        return ((prev_amount,) if has_prev else ()) + own

    by_section: dict[str, list[PlanRow]] = {}
    unmatched_prev = list(prev_rows)
    for b in rows:
        match = next((p for p in unmatched_prev if (p.section, p.label) == (b.section, b.label)), None)
        if match is None:
            match = next((p for p in unmatched_prev if p.section == b.section and p.project_id is not None
                          and p.project_id == b.project_id), None)
        if match is not None:
            unmatched_prev.remove(match)
        by_section.setdefault(b.section, []).append(
            PlanRow(b.id, b.label, b.section, b.project_id, b.account_from, b.account_to,
                    amounts(-match.amount if match else None, b)))
    for p in unmatched_prev:
        by_section.setdefault(p.section, []).append(
            PlanRow(None, p.label, p.section, p.project_id, p.account_from, p.account_to, amounts(-p.amount, None)))
    n = len(columns)
    sections = []
    for sid, title in SECTION_TITLES.items():
        srows = by_section.get(sid)
        if not srows:
            continue
        totals = tuple(None if all(r.amounts[i] is None for r in srows) else sum(r.amounts[i] or 0 for r in srows)
                       for i in range(n))
        sections.append(PlanSection(sid, title, tuple(srows), totals))
    results = tuple(sum(s.totals[i] or 0 for s in sections) for i in range(n))

    floor = equity_floor(book, year)
    ek, source = equity_in(book, year)
    balance = []
    if has_prev:
        pin = equity_in(book, prev)[0]
        balance.append(_balance_year(columns[0], pin, results[0],
                                     book.allotted_funds(prev.id) or _income(sections, 0), floor))
    for i in range(off, n):
        allotted = (book.allotted_funds(year.id) if i == off else 0) or _income(sections, i)
        b = _balance_year(columns[i], ek, results[i], allotted, floor)
        balance.append(b)
        ek = b.eget_kapital_out
    return BudgetPlanReport(book.forbund().namn, year.id, year.label, columns, off, tuple(sections), results,
                            tuple(balance), source)


def _income(sections, i: int) -> int:
    return sum(s.totals[i] or 0 for s in sections if s.id == "intakter")


def _balance_year(column: str, ek_in: int, result: int, allotted: int, floor: int | None) -> BalanceBudgetYear:
    out = ek_in + result
    share = keyfigures.equity_share(out, allotted)
    return BalanceBudgetYear(column, ek_in, result, out, allotted, share.andel_procent,
                             share.rekommendation_procent, share.inom_rekommendation,
                             floor, None if floor is None else out >= floor)
