"""The board's budget: change a row with its plan years, profile and prognosis; copy a
year's budget from last year's budget, plan or outcome; the balansbudget's decided
figures. One function per change, one transaction. Amounts in report sign (income
positive, costs negative) as the board reads them; the book stores ledger sign."""

from __future__ import annotations

from ..book import Book
from ..book.budget_plan import _KEEP
from ..errors import InputError, RuleError
from ..money import format_ore
from ..reports import keyfigures
from ..reports.budget_plan import EQUITY_IN_KEY
from ..reports.ledger import PeriodLedger
from ..reports.prognosis import FLOOR_KEY

COPY_SOURCES = {"budget": "förra årets budget", "plan": "förra årets plan för året",
                "utfall": "förra årets utfall"}


def find_budget_row(book: Book, year_id: int, key: str):
    """A budget row named by its id or its label (case-insensitive, unique)."""
    rows = book.budget(year_id)
    key = str(key).strip()
    if key.isdigit():
        hit = [r for r in rows if r.id == int(key)]
    else:
        hit = [r for r in rows if r.label.casefold() == key.casefold()]
        if not hit:
            hit = [r for r in rows if key.casefold() in r.label.casefold()]
    if len(hit) != 1:
        year = book.existing_year(year_id)
        what = "ingen" if not hit else f"{len(hit)} rader ({', '.join(r.label for r in hit)})"
        raise InputError(f"Budgetraden ”{key}” i {year.label}: {what} passar; ange radens id eller hela namnet.",
                         field="rad")
    return hit[0]


def set_budget_row(book: Book, row_id: int, *, amount=_KEEP, plan1=_KEEP, plan2=_KEEP, profile=_KEEP,
                   prognosis=_KEEP, comment=_KEEP, label: str | None = None) -> None:
    """Change a budget row (report sign; None for a plan year or prognosis clears it)."""
    row = next((r for y in book.years() for r in book.budget(y.id) if r.id == row_id), None)
    if row is None:
        raise RuleError(f"Budgetraden {row_id} finns inte.")
    if book.existing_year(row.year_id).is_closed:
        raise RuleError(f"Räkenskapsåret {book.existing_year(row.year_id).label} är stängt; "
                        "dess budget kan inte ändras.", field="år")

    def ledger(v):
        return v if v is _KEEP or v is None else -v
    with book.transaction():
        if amount is not _KEEP or label is not None:
            book.update_budget_row(row.id, label if label is not None else row.label,
                                   row.amount if amount is _KEEP else -amount,
                                   account_from=row.account_from, account_to=row.account_to,
                                   section=row.section, project_id=row.project_id)
        if any(v is not _KEEP for v in (plan1, plan2, profile, prognosis, comment)):
            book.set_budget_plan(row.id, plan1=ledger(plan1), plan2=ledger(plan2), profile=profile,
                                 prognosis=ledger(prognosis), prognosis_comment=comment)


def copy_budget(book: Book, year_id: int, source: str = "budget") -> int:
    """Fill an empty year's budget from the previous räkenskapsår: its budget ('budget'),
    its first plan year ('plan': a row without one gets 0; the second plan year
    becomes the first), or its
    outcome per row ('utfall'). Rows, insatser, profiles and the remaining plan year
    carry over. Returns the number of rows."""
    if source not in COPY_SOURCES:
        raise InputError(f"Okänd källa ”{source}”; välj budget, plan eller utfall.", field="källa")
    year = book.existing_year(year_id)
    if year.is_closed:
        raise RuleError(f"Räkenskapsåret {year.label} är stängt; dess budget kan inte ändras.", field="år")
    if book.budget(year.id):
        raise RuleError(f"Räkenskapsåret {year.label} har redan en budget; ta bort dess rader först om den "
                        "ska ersättas.", field="år")
    prev = book.previous_year(year)
    if prev is None or not book.budget(prev.id):
        raise RuleError(f"Det finns ingen budget för året före {year.label} att kopiera.", field="år")
    rows = book.budget(prev.id)
    plans = book.budget_plans(prev.id)
    outcome = {}
    if source == "utfall":
        accounts = {a.number: a for a in book.accounts()}
        led = PeriodLedger.read(book, prev, prev.start, prev.end, accounts)
        drift = keyfigures.driftredovisning(book, prev, led, None)
        outcome = {r.id: -d.utfall for r, d in zip(rows, drift.rows)}
    with book.transaction():
        for r in rows:
            plan = plans.get(r.id)
            if source == "budget":
                amount, p1, p2 = r.amount, plan.plan2 if plan else None, None
            elif source == "plan":
                amount = plan.plan1 if plan and plan.plan1 is not None else 0  # not in the plan
                p1, p2 = (plan.plan2 if plan else None), None
            else:
                amount, p1, p2 = outcome[r.id], None, None
            new = book.add_budget_row(year.id, r.label, amount, account_from=r.account_from,
                                      account_to=r.account_to, section=r.section, project_id=r.project_id)
            if p1 is not None or (plan and plan.profile):
                book.set_budget_plan(new, plan1=p1, plan2=p2, profile=plan.profile if plan else ())
    return len(rows)


def set_balance_budget(book: Book, year_id: int, *, equity_in=_KEEP, floor=_KEEP) -> None:
    """The balansbudget's decided figures: eget kapital in (None: from the book) and the
    förbund's floor for eget kapital (None: none), in kr-öre."""
    year = book.existing_year(year_id)
    with book.transaction():
        if equity_in is not _KEEP:
            book.set_year_text(year.id, EQUITY_IN_KEY, "" if equity_in is None else format_ore(equity_in))
        if floor is not _KEEP:
            if floor is not None and floor < 0:
                raise InputError("Golvet för eget kapital kan inte vara negativt.", field="golv")
            book.set_year_text(year.id, FLOOR_KEY, "" if floor is None else format_ore(floor))
