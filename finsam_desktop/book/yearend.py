"""Årsbokslut: closing a räkenskapsår and re-opening it.

Closing a year (`closing.close.close_year`, after the kontroller) does, in one transaction:

1. computes the closing balances (utgående balanser) of the balance accounts at the
   year's end, per insats where a row carried one (the interimsskulder per insats);
2. adds the year's result to eget kapital (the account role "equity",
   2010 by default) in those balances: no closing verifikation is booked inside the year,
   because the balance sheet shows övrigt eget kapital as the equity before this
   year's result and the resultaträkning must keep the result;
3. creates the next räkenskapsår (same length, starting the next day) unless it exists;
4. replaces the next year's ingående balanser with the figures from 1–2, so that next
   year's IB equals this year's UB (result accounts are not carried);
5. locks the year (the database refuses bookings into it and logs the change itself);
6. books the pending reversals of the period-end accruals into the new year
   (`closing.accruals.book_pending_reversals`: the policy lives in closing/).

Re-opening is a separate, explicit action with a reason written to the audit log; the
next year's ingående balanser are then marked stale until the year is closed again.
"""

from __future__ import annotations

import calendar
from datetime import date as _date, timedelta
from fractions import Fraction

from ..errors import InputError, RuleError
from ..money import format_ore
from .model import FiscalYear

STALE_PREFIX = "opening_stale:"  # setting key: the year's IB came from a year since re-opened


def _add_months(d: _date, months: int) -> _date:
    y, m = divmod(d.month - 1 + months, 12)
    return d.replace(year=d.year + y, month=m + 1)


def following_period(year: FiscalYear) -> tuple[str, str]:
    """(start, end) of the räkenskapsår after `year`: it starts the day after and has the
    same length (in whole months when the year is made of whole months, else in days)."""
    start = _date.fromisoformat(year.start)
    end = _date.fromisoformat(year.end)
    nstart = end + timedelta(days=1)
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if start.day == 1 and after.day == 1 and months > 0:
        nend = _add_months(nstart, months) - timedelta(days=1)
    else:
        nend = nstart + (end - start)
    return nstart.isoformat(), nend.isoformat()


def _month_end(d: _date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def period_fraction(year: FiscalYear, period_end: str) -> Fraction:
    """The part of the räkenskapsår that has passed at the end of `period_end`: whole
    months when the year and the period end fall on month boundaries (30 June in a
    calendar year is exactly 6/12), otherwise days."""
    start, end, pe = (_date.fromisoformat(x) for x in (year.start, year.end, period_end))
    if pe >= end:
        return Fraction(1)
    if start.day == 1 and _month_end(end) and _month_end(pe):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        passed = (pe.year - start.year) * 12 + pe.month - start.month + 1
        return Fraction(passed, months)
    return Fraction((pe - start).days + 1, (end - start).days + 1)


class YearEndMixin:
    # ------------------------------------------------------------------ reading
    def equity_account(self) -> int:
        """The eget kapital account the year's result is carried to (account role 'equity')."""
        number = self.account_role("equity")
        acc = self.account(number)
        if acc is None or acc.kind != "S":
            raise RuleError(f"Kontot för eget kapital ({number}) finns inte i kontoplanen eller är inget "
                            "skuld- eller eget kapital-konto. Ändra inställningen equity_account.",
                            field="equity_account")
        return number

    def year_result(self, year_id: int) -> int:
        """The year's result in ledger sign (a surplus is negative): the sum of the result
        accounts' movements in the year."""
        year = self.existing_year(year_id)
        kinds = {a.number: a.kind for a in self.accounts()}
        return sum(amt for acc, amt in self.movements(year.start, year.end).items()
                   if kinds.get(acc) in ("I", "K"))

    def closing_balances(self, year_id: int) -> dict[tuple[int, int | None], int]:
        """The balance accounts' utgående balanser at the year's end, {(account,
        project_id or None): öre}, with the year's result added to eget kapital: exactly
        the next year's ingående balanser. Sums to 0."""
        year = self.existing_year(year_id)
        kinds = {a.number: a.kind for a in self.accounts()}
        out: dict[tuple[int, int | None], int] = {}
        for (acc, pid), amt in self.balance_at(year.end, by_project=True).items():
            if kinds.get(acc) in ("T", "S"):
                out[(acc, pid)] = out.get((acc, pid), 0) + amt
        # Whatever the balance accounts do not sum to is the year's result (and any
        # result account an import carried in an IB); it goes into eget kapital.
        rest = -sum(out.values())
        if rest:
            key = (self.equity_account(), None)
            out[key] = out.get(key, 0) + rest
        return {k: v for k, v in out.items() if v != 0}

    def opening_balances_stale(self, year_id: int) -> bool:
        """True when the previous year was re-opened after these IB were carried forward."""
        return self.setting(f"{STALE_PREFIX}{year_id}") is not None

    def opening_matches_previous(self, year_id: int) -> bool | None:
        """Does the year's IB equal the previous year's UB (result in eget kapital)?
        None when there is no previous year."""
        year = self.existing_year(year_id)
        prev = self.previous_year(year)
        if prev is None:
            return None
        have = {k: v for k, v in self.opening_balances(year_id).items() if v}
        return have == self.closing_balances(prev.id)

    # ------------------------------------------------------------------ closing
    def lock_and_carry_forward(self, year_id: int) -> FiscalYear:
        """The book's part of closing a räkenskapsår, steps 1–5 of the module doc, in one
        transaction (joining the caller's). Refuses a year that is already closed and a
        year whose previous year is still open. Returns the next year.

        The bokslut is `closing.close.close_year`: it runs the kontroller, refuses on
        blocking findings, and calls this and books the reversals in one transaction."""
        year = self.existing_year(year_id)
        if year.is_closed:
            raise RuleError(f"Räkenskapsåret {year.label} är redan stängt.", field="år")
        prev = self.previous_year(year)
        if prev is not None and not prev.is_closed:
            raise RuleError(f"Föregående räkenskapsår {prev.label} är inte stängt. Stäng det först.",
                            field="år")
        equity = self.equity_account()
        with self.transaction():
            balances = self.closing_balances(year_id)
            result = self.year_result(year_id)
            nxt = self.next_year(year)
            start, end = following_period(year)
            if nxt is None:
                nxt = self.add_year(start, end)
            elif nxt.start != start:
                raise RuleError(f"Nästa räkenskapsår börjar {nxt.start}, inte dagen efter "
                                f"{year.end}. Rätta årets datum innan bokslutet.", field="år")
            if nxt.is_closed:
                raise RuleError(f"Nästa räkenskapsår {nxt.label} är redan stängt; dess ingående "
                                "balanser kan inte ändras.", field="år")
            self.set_opening_balances(nxt.id, balances)
            self.conn.execute("DELETE FROM setting WHERE key = ?", (f"{STALE_PREFIX}{nxt.id}",))
            self.set_year_status(year_id, "closed")
            self.audit("yearend.close", year_id=year_id, year=year.label, next_year_id=nxt.id,
                       result=result, result_text=f"{format_ore(-result)} kr", equity_account=equity,
                       accounts_carried=len(balances))
        return self.year(nxt.id)

    def reopen_year(self, year_id: int, reason: str) -> FiscalYear:
        """Re-open a closed räkenskapsår: an explicit action whose reason is logged.
        Refused when the next year is closed (close years in order, re-open backwards).
        The next year's ingående balanser are marked stale until this year is closed again."""
        year = self.existing_year(year_id)
        reason = (reason or "").strip()
        if not reason:
            raise InputError(f"Ange varför räkenskapsåret {year.label} ska öppnas igen.", field="orsak")
        if not year.is_closed:
            raise RuleError(f"Räkenskapsåret {year.label} är inte stängt.", field="år")
        nxt = self.next_year(year)
        if nxt is not None and nxt.is_closed:
            raise RuleError(f"Räkenskapsåret {year.label} kan inte öppnas eftersom nästa år "
                            f"{nxt.label} är stängt. Öppna det först.", field="år")
        with self.transaction():
            self.set_year_status(year_id, "open")
            if nxt is not None:
                self.conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  (f"{STALE_PREFIX}{nxt.id}", year.label))
            self.audit("yearend.reopen", year_id=year_id, year=year.label, reason=reason,
                       next_year_id=nxt.id if nxt else None)
        return self.year(year_id)
