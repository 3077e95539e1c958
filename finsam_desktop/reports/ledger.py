"""One period's balances, read once from the book, and the statement figures computed
from them (report sign, öre).

How the year's result meets eget kapital: our own books never book the result into
equity within the year (the year-end closing writes it into next year's ingående
balans), so the balance accounts at the period's end sum to minus the year-to-date
result. Books imported from SIE files may already hold it (the balance accounts sum to
0, the counter-entry on an 89xx account without a row). `equity_convention` detects
which, per period, so that summa tillgångar always equals summa eget kapital,
avsättningar och skulder; a book that fits neither is reported by a check.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date as _date, timedelta

from ..book.model import Account, FiscalYear
from .layout import (ASSET_ROWS, BALANSRAKNING, FIXED_ASSET_ROWS, KASSAFLODESANALYS, LIABILITY_ROWS,
                     RESULTATRAKNING, with_sums)

INCOME_STATEMENT_ROWS = tuple(r[0] for r in RESULTATRAKNING if r[2] == "row")
EQUITY_ROW = "ovrigt_eget_kapital"
BALANCE_ACCOUNT_ROWS = ASSET_ROWS + (EQUITY_ROW,) + LIABILITY_ROWS

SEPARATE, IN_EQUITY, UNKNOWN = "separat", "i_eget_kapital", "okand"


def is_closing_account(acc: Account) -> bool:
    """89xx result accounts without a row hold the closing of the year's result."""
    return acc.row_id is None and acc.kind in ("I", "K") and 8900 <= acc.number <= 8999


@dataclass
class PeriodLedger:
    """Balances of one period in one räkenskapsår, per account and per (account, insats)."""
    year: FiscalYear
    date_from: str
    date_to: str
    accounts: dict[int, Account]
    start: dict[int, int] = field(default_factory=dict)     # balance at period start (balance accounts)
    end: dict[int, int] = field(default_factory=dict)       # balance at period end (balance accounts)
    period: dict[int, int] = field(default_factory=dict)    # movement in the period (every account)
    before: dict[int, int] = field(default_factory=dict)    # movement from year start to period start
    proj_end: dict[tuple[int, int | None], int] = field(default_factory=dict)
    proj_period: dict[tuple[int, int | None], int] = field(default_factory=dict)
    # True for the balances at the end of a previous räkenskapsår the book does not hold,
    # read from this year's ingående balanser (`opening`): `end` and `proj_end` only.
    opening_only: bool = False

    @classmethod
    def opening(cls, book, year: FiscalYear, accounts: dict[int, Account]) -> "PeriodLedger | None":
        """The previous räkenskapsår's utgående balanser, when the book does not hold
        that year: this year's ingående balanser, dated the day before the year starts.
        Only balances are known (no movement, no result). None without any ingående
        balans (a förbund's very first year)."""
        day_before = (_date.fromisoformat(year.start) - timedelta(days=1)).isoformat()
        led = cls(year, day_before, day_before, accounts, opening_only=True)
        for acc, pid, ob, _bf, _pm in book.period_balances(year.id, year.start, year.start):
            a = accounts.get(acc)
            if ob and (a is None or a.is_balance):
                led.end[acc] = led.end.get(acc, 0) + ob
                led.proj_end[(acc, pid)] = led.proj_end.get((acc, pid), 0) + ob
        return led if any(led.end.values()) else None

    @classmethod
    def read(cls, book, year: FiscalYear, date_from: str, date_to: str,
             accounts: dict[int, Account]) -> "PeriodLedger":
        led = cls(year, date_from, date_to, accounts)
        for acc, pid, ob, bf, pm in book.period_balances(year.id, date_from, date_to):
            a = accounts.get(acc)
            balance = a is None or a.is_balance
            led.period[acc] = led.period.get(acc, 0) + pm
            led.before[acc] = led.before.get(acc, 0) + bf
            if balance:
                led.start[acc] = led.start.get(acc, 0) + ob + bf
                led.end[acc] = led.end.get(acc, 0) + ob + bf + pm
                led.proj_end[(acc, pid)] = led.proj_end.get((acc, pid), 0) + ob + bf + pm
            led.proj_period[(acc, pid)] = led.proj_period.get((acc, pid), 0) + pm
        return led

    # ------------------------------------------------------------------ sums by row
    def accounts_on(self, row_id: str) -> list[int]:
        return [n for n, a in self.accounts.items() if a.row_id == row_id]

    def row_period(self, row_id: str) -> int:
        return sum(self.period.get(n, 0) for n in self.accounts_on(row_id))

    def row_before(self, row_id: str) -> int:
        return sum(self.before.get(n, 0) for n in self.accounts_on(row_id))

    def row_end(self, row_id: str) -> int:
        return sum(self.end.get(n, 0) for n in self.accounts_on(row_id))

    def row_start(self, row_id: str) -> int:
        return sum(self.start.get(n, 0) for n in self.accounts_on(row_id))

    def unmapped(self) -> list[int]:
        """Accounts with a balance or movement that land on no row (and are no closing account)."""
        used = set(self.period) | {a for a, v in self.end.items() if v} | {a for a, v in self.before.items() if v}
        out = []
        for n in sorted(used):
            a = self.accounts.get(n)
            if a is None or (a.row_id is None and not is_closing_account(a)):
                if self.period.get(n, 0) or self.end.get(n, 0) or self.before.get(n, 0):
                    out.append(n)
        return out


@dataclass(frozen=True)
class Figures:
    """The three statements of one period (report sign) and what the notes need."""
    rr: dict[str, int]
    br: dict[str, int]
    kfa: dict[str, int]
    convention: str
    equity_start: int        # eget kapital at the period's start (incl. earlier result this year)
    equity_other: int        # changes of eget kapital in the period other than the result
    balance_sum: int         # ledger-sign sum of all balance accounts at the period's end


def compute(led: PeriodLedger) -> Figures:
    """Resultaträkning, balansräkning and kassaflödesanalys of one period."""
    rr = with_sums(RESULTATRAKNING, {r: -led.row_period(r) for r in INCOME_STATEMENT_ROWS})
    r_period = sum(led.row_period(r) for r in INCOME_STATEMENT_ROWS)  # ledger sign: profit < 0
    r_before = sum(led.row_before(r) for r in INCOME_STATEMENT_ROWS)
    r_ytd = r_before + r_period
    balance_sum = sum(v for n, v in led.end.items())
    if balance_sum == -r_ytd:
        convention = SEPARATE
    elif balance_sum == 0:
        convention = IN_EQUITY
    else:
        convention = UNKNOWN
    e_end, e_start = led.row_end(EQUITY_ROW), led.row_start(EQUITY_ROW)
    if convention == IN_EQUITY:
        ovrigt = -e_end + r_period
        equity_other = -(e_end - e_start) + r_ytd
    else:
        ovrigt = -e_end - r_before
        equity_other = -(e_end - e_start)
    leaves = {r: led.row_end(r) for r in ASSET_ROWS}
    leaves.update({r: -led.row_end(r) for r in LIABILITY_ROWS})
    leaves["arets_resultat"] = rr["arets_resultat"]
    leaves[EQUITY_ROW] = ovrigt
    br = with_sums(BALANSRAKNING, leaves)

    def change(row: str) -> int:  # ledger-sign change of a row over the period
        return led.row_end(row) - led.row_start(row)

    avskr = rr["avskrivningar"]  # negative: a cost
    kfa_leaves = {
        "arets_resultat": rr["arets_resultat"],
        "justering_for_ej_likviditetspaverkande_poster": -avskr - change("avsattningar"),
        "okning_minskning_forrad": -change("forrad"),
        "okning_minskning_kortfristiga_fordringar": -change("fordringar"),
        "okning_minskning_kortfristiga_skulder": -change("kortfristiga_skulder"),
        "kassaflode_fran_investeringsverksamheten":
            -sum(change(r) for r in FIXED_ASSET_ROWS) + avskr - change("kortfristiga_placeringar"),
        "kassaflode_fran_finansieringsverksamheten": -change("langfristiga_skulder") + equity_other,
        "likvida_medel_vid_arets_borjan": led.row_start("kassa_och_bank"),
        "likvida_medel_vid_arets_slut": led.row_end("kassa_och_bank"),
    }
    kfa = with_sums(KASSAFLODESANALYS, kfa_leaves)
    equity_start = br["summa_eget_kapital"] - rr["arets_resultat"] - equity_other
    return Figures(rr, br, kfa, convention, equity_start, equity_other, balance_sum)


def compute_opening(led: PeriodLedger) -> Figures:
    """The balansräkning of a previous year known only by its utgående balanser
    (`PeriodLedger.opening`). Its result is not known: the row Årets resultat is None
    and the whole eget kapital is övrigt eget kapital. Resultaträkning and
    kassaflödesanalys need the year's movements and are None throughout."""
    f = compute(led)
    br = dict(f.br)
    br["arets_resultat"] = None
    none = lambda d: {k: None for k in d}  # noqa: E731
    return replace(f, rr=none(f.rr), br=br, kfa=none(f.kfa), equity_start=None, equity_other=None)
