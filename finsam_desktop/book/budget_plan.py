"""The board's budget beyond the year's amount: plan years, the monthly profile, the
prognosis the board set per budget row, and the monthly movements the follow-up needs.

Stored per budget row in `budget_plan` (ledger sign). A row without a plan row has no
plan years, is spread evenly by month and has no prognosis set.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, RuleError

MONTHS = 12
KEEP = object()  # "leave this field as it is" in set_budget_plan


@dataclass(frozen=True)
class BudgetPlan:
    """The stored plan of one budget row (ledger sign)."""
    budget_row_id: int
    plan1: int | None = None          # the year after the budget year
    plan2: int | None = None          # the year after that
    profile: tuple[int, ...] = ()     # twelve weights January–December; () = evenly by month
    prognosis: int | None = None      # the board's full-year prognosis; None = computed
    prognosis_comment: str = ""


def parse_profile(text: str, *, field: str = "profil") -> tuple[int, ...]:
    """'1,0,0,0,0,0,1,0,0,0,0,0' -> twelve weights (January first); '' -> () (evenly)."""
    text = (text or "").strip()
    if not text:
        return ()
    parts = [p.strip() for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if len(parts) != MONTHS:
        raise InputError(f"Månadsprofilen ”{text}” har {len(parts)} värden; den ska ha tolv, ett per månad "
                         "januari–december (t.ex. 1,0,0,0,0,0,1,0,0,0,0,0).", field=field)
    weights = []
    for i, p in enumerate(parts, 1):
        if not p.isdigit():
            raise InputError(f"Månadsprofilen: värde {i} (”{p}”) är inte ett heltal ≥ 0.", field=field)
        weights.append(int(p))
    if not any(weights):
        raise InputError("Månadsprofilen har bara nollor; minst en månad måste ha en vikt.", field=field)
    return tuple(weights)


def profile_text(profile: tuple[int, ...]) -> str:
    return ",".join(str(w) for w in profile)


class BudgetPlanMixin:
    def budget_plans(self, year_id: int) -> dict[int, BudgetPlan]:
        """{budget row id: BudgetPlan} of the year's rows that have one."""
        out = {}
        for rid, p1, p2, prof, prog, comment in self.conn.execute(
                "SELECT p.budget_row_id, p.plan1, p.plan2, p.profile, p.prognosis, p.prognosis_comment "
                "FROM budget_plan p JOIN budget_row b ON b.id = p.budget_row_id WHERE b.year_id = ?", (year_id,)):
            out[rid] = BudgetPlan(rid, p1, p2, parse_profile(prof), prog, comment)
        return out

    def budget_plan(self, row_id: int) -> BudgetPlan:
        r = self.conn.execute("SELECT plan1, plan2, profile, prognosis, prognosis_comment FROM budget_plan "
                              "WHERE budget_row_id = ?", (row_id,)).fetchone()
        if r is None:
            return BudgetPlan(row_id)
        return BudgetPlan(row_id, r[0], r[1], parse_profile(r[2]), r[3], r[4])

    def set_budget_plan(self, row_id: int, *, plan1=KEEP, plan2=KEEP, profile=KEEP,
                        prognosis=KEEP, prognosis_comment=KEEP) -> BudgetPlan:
        """Change some fields of a budget row's plan (the others stay). Amounts in ledger
        sign (None: no plan amount / no prognosis set); profile as twelve weights or ()."""
        if self.conn.execute("SELECT 1 FROM budget_row WHERE id = ?", (row_id,)).fetchone() is None:
            raise RuleError(f"Budgetraden {row_id} finns inte.")
        old = self.budget_plan(row_id)
        new = BudgetPlan(
            row_id,
            old.plan1 if plan1 is KEEP else plan1,
            old.plan2 if plan2 is KEEP else plan2,
            old.profile if profile is KEEP else tuple(profile or ()),
            old.prognosis if prognosis is KEEP else prognosis,
            old.prognosis_comment if prognosis_comment is KEEP else (prognosis_comment or "").strip(),
        )
        for name in ("plan1", "plan2", "prognosis"):
            v = getattr(new, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise InputError(f"{name}: beloppet ska vara ett heltal i öre.", field=name)
        if new.profile:
            parse_profile(profile_text(new.profile))
        with self.transaction():
            self.execute(
                "INSERT INTO budget_plan (budget_row_id, plan1, plan2, profile, prognosis, prognosis_comment) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (budget_row_id) DO UPDATE SET plan1 = excluded.plan1, "
                "plan2 = excluded.plan2, profile = excluded.profile, prognosis = excluded.prognosis, "
                "prognosis_comment = excluded.prognosis_comment",
                (row_id, new.plan1, new.plan2, profile_text(new.profile), new.prognosis, new.prognosis_comment))
            self.audit("budget.plan", id=row_id, plan1=new.plan1, plan2=new.plan2,
                       profile=profile_text(new.profile), prognosis=new.prognosis)
        return new

    def monthly_movements(self, year_id: int, date_to: str) -> list[tuple[str, int, int | None, int]]:
        """(month 'YYYY-MM', account, project_id or None, movement) of booked rows from the
        year's first day to `date_to`, ledger sign."""
        start = self.conn.execute("SELECT start FROM fiscal_year WHERE id = ?", (year_id,)).fetchone()[0]
        return [(m, a, p or None, v) for m, a, p, v in self.conn.execute(
            "SELECT substr(date, 1, 7), account, project_id, sum(amount) FROM balance_day "
            "WHERE date BETWEEN ? AND ? GROUP BY 1, 2, 3 HAVING sum(amount) <> 0 ORDER BY 1, 2, 3",
            (start, date_to))]
