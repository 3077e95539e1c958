"""The board's budget: change a row with its plan years, profile and prognosis; copy a
year's budget from last year's budget, plan or outcome; the balansbudget's decided
figures. One function per change, one transaction. Amounts in report sign (income
positive, costs negative) as the board reads them; the book stores ledger sign."""

from __future__ import annotations

from ..book import Book
from ..book.budget_plan import KEEP
from ..errors import InputError, RuleError
from ..money import format_ore
from ..reports import keyfigures
from ..reports.budget_plan import EQUITY_IN_KEY
from ..reports.ledger import PeriodLedger
from ..reports.prognosis import FLOOR_KEY

COPY_SOURCES = {"budget": "förra årets budget", "plan": "förra årets plan för året",
                "utfall": "förra årets utfall"}


INCOME_ROWS = {"verksamhetens_intakter", "skatteintakter", "generella_statsbidrag_och_utjamning",
               "finansiella_intakter"}


def is_income_row(book: Book, row) -> bool:
    """Whether a budget row budgets an intäkt (its accounts lie on an income row of the
    resultaträkning; a range without accounts: its section)."""
    rows = book.result_rows_in_range(row.account_from, row.account_to)
    return rows[0] in INCOME_ROWS if rows else row.section == "intakter"


def person_to_ledger(book: Book, row, kr: int | None) -> int | None:
    """An amount as a person writes it in the book's ledger sign. The sign follows the
    row (an intäkt or a kostnad), so a verksamhetsplan written in ledger sign (driftbidrag
    negative) reads the same as one written in positive kronor."""
    if kr is None:
        return None
    return -abs(kr) if is_income_row(book, row) else abs(kr)


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


def set_budget_row(book: Book, row_id: int, *, amount=KEEP, plan1=KEEP, plan2=KEEP, profile=KEEP,
                   prognosis=KEEP, comment=KEEP, label: str | None = None) -> None:
    """Change a budget row (report sign; None for a plan year or prognosis clears it)."""
    row = next((r for y in book.years() for r in book.budget(y.id) if r.id == row_id), None)
    if row is None:
        raise RuleError(f"Budgetraden {row_id} finns inte.")
    if book.existing_year(row.year_id).is_closed:
        raise RuleError(f"Räkenskapsåret {book.existing_year(row.year_id).label} är stängt; "
                        "dess budget kan inte ändras.", field="år")

    def ledger(v):
        return v if v is KEEP or v is None else -v
    with book.transaction():
        if amount is not KEEP or label is not None:
            book.update_budget_row(row.id, label if label is not None else row.label,
                                   row.amount if amount is KEEP else -amount,
                                   account_from=row.account_from, account_to=row.account_to,
                                   section=row.section, project_id=row.project_id)
        if any(v is not KEEP for v in (plan1, plan2, profile, prognosis, comment)):
            book.set_budget_plan(row.id, plan1=ledger(plan1), plan2=ledger(plan2), profile=profile,
                                 prognosis=ledger(prognosis), prognosis_comment=comment)


def copy_budget(book: Book, year_id: int, source: str = "budget") -> int:
    """Fill an empty year's budget from the previous räkenskapsår: its budget ('budget'),
    its first plan year ('plan': rows without one are left out; the second plan
    year becomes the first), or its
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
    copied = 0
    with book.transaction():
        for r in rows:
            plan = plans.get(r.id)
            if source == "budget":
                amount, p1, p2 = r.amount, plan.plan2 if plan else None, None
            elif source == "plan":
                if plan is None or plan.plan1 is None:
                    continue  # not in the plan for the year
                amount, p1, p2 = plan.plan1, plan.plan2, None
            else:
                amount, p1, p2 = outcome[r.id], None, None
            new = book.add_budget_row(year.id, r.label, amount, account_from=r.account_from,
                                      account_to=r.account_to, section=r.section, project_id=r.project_id)
            if p1 is not None or (plan and plan.profile):
                book.set_budget_plan(new, plan1=p1, plan2=p2, profile=plan.profile if plan else ())
            copied += 1
    if not copied:
        raise RuleError(f"Året före {year.label} har ingen plan för {year.label} att kopiera.", field="källa")
    return copied


def set_balance_budget(book: Book, year_id: int, *, equity_in=KEEP, floor=KEEP) -> None:
    """The balansbudget's decided figures: eget kapital in (None: from the book) and the
    förbund's floor for eget kapital (None: none), in kr-öre."""
    year = book.existing_year(year_id)
    with book.transaction():
        if equity_in is not KEEP:
            book.set_year_text(year.id, EQUITY_IN_KEY, "" if equity_in is None else format_ore(equity_in))
        if floor is not KEEP:
            if floor is not None and floor < 0:
                raise InputError("Golvet för eget kapital kan inte vara negativt.", field="golv")
            book.set_year_text(year.id, FLOOR_KEY, "" if floor is None else format_ore(floor))


# The demo's driftbidrag arrive per quarter: January, April, July and October, and one
# medlem's part the month after in the first and third quarter.
DEMO_DRIFT_PROFILE = (3, 2, 0, 3, 0, 0, 3, 2, 0, 3, 0, 0)


def add_demo_budget_plan(book: Book) -> None:
    """The demo book's board budget for 2025: the driftbidrag's rhythm as a monthly
    profile (also 2024), plan years 2026–2027 in balance, the förbund's floor for eget
    kapital, and the prognoses the board set for the two largest insatser."""
    years = {y.label: y for y in book.years()}
    with book.transaction():
        for y in years.values():
            for r in book.budget(y.id):
                if r.section == "intakter" and r.amount < 0:
                    book.set_budget_plan(r.id, profile=DEMO_DRIFT_PROFILE)
        y25 = years.get("2025")
        if y25 is None:
            return
        rows = book.budget(y25.id)
        insatser = sorted((r for r in rows if r.project_id is not None), key=lambda r: -r.amount)
        largest = insatser[0]
        ending = next(r for r in insatser if r.label.startswith("StegVidare Plus"))  # ends with 2025
        for step, field in ((1, "plan1"), (2, "plan2")):
            planned: dict[int, int | None] = {}
            for r in rows:
                if r.section in ("kansli", "styrelse", "ovrigt") and r.amount > 0:
                    planned[r.id] = (r.amount * (100 + 3 * step) // 100 // 100_000) * 100_000  # +3 % a year
                elif r.id == ending.id or r.account_from == 5590:
                    planned[r.id] = None
                else:
                    planned[r.id] = r.amount
            # A budget in balance: the largest insats takes what is left.
            planned[largest.id] = -sum(v or 0 for k, v in planned.items() if k != largest.id)
            for rid, amount in planned.items():
                book.set_budget_plan(rid, **{field: amount})
        book.set_year_text(y25.id, FLOOR_KEY, "200 000")
        if "2024" in years:
            book.set_year_text(years["2024"].id, FLOOR_KEY, "200 000")
        accounts = {a.number: a for a in book.accounts()}
        led = PeriodLedger.read(book, y25, y25.start, y25.end, accounts)
        drift = keyfigures.driftredovisning(book, y25, led, None)
        biggest = sorted(((r, d) for r, d in zip(rows, drift.rows) if r.project_id is not None),
                         key=lambda rd: -rd[0].amount)[:2]
        for r, d in biggest:
            book.set_budget_plan(r.id, prognosis=round(-d.utfall, -5),
                                 prognosis_comment="Projektägaren fakturerar halvårsvis i efterskott; "
                                                   "prognosen följer insatsens plan för hösten.")
