"""The chart of accounts and the räkenskapsår."""

from __future__ import annotations

from ..errors import InputError, RuleError
from ..money import format_ore
from . import chart
from .core import now_iso
from .model import Account, FiscalYear
from .validate import parse_date


def _account(row) -> Account:
    return Account(number=row[0], name=row[1], kind=row[2], row_id=row[3], active=bool(row[4]))


def _year(row) -> FiscalYear:
    return FiscalYear(id=row[0], start=row[1], end=row[2], status=row[3], closed_at=row[4])


class AccountsMixin:
    # ------------------------------------------------------------------ accounts
    def accounts(self, *, active_only: bool = False) -> list[Account]:
        sql = "SELECT number, name, kind, row_id, active FROM account"
        if active_only:
            sql += " WHERE active = 1"
        return [_account(r) for r in self.conn.execute(sql + " ORDER BY number")]

    def account(self, number: int) -> Account | None:
        r = self.conn.execute("SELECT number, name, kind, row_id, active FROM account WHERE number = ?",
                              (number,)).fetchone()
        return _account(r) if r else None

    def add_account(self, number: int, name: str, kind: str | None = None,
                    row_id: str | None = "default", *, kptyp: str | None = None) -> Account:
        """Add an account. Kind and report row default from the number (Kommun-BAS ranges,
        or company BAS when `kptyp` names one)."""
        if not chart.is_account_number(number):
            raise InputError(f"Ogiltigt kontonummer {number}: ett konto har fyra till sex siffror.", field="konto")
        if not name or not name.strip():
            raise InputError(f"Konto {number} saknar namn.", field="namn")
        if self.account(number):
            raise RuleError(f"Konto {number} finns redan.", field="konto")
        kind = kind or chart.default_kind(number)
        if kind not in ("T", "S", "I", "K"):
            raise InputError(f"Ogiltig kontotyp ”{kind}” för konto {number} (T, S, I eller K).", field="typ")
        if row_id == "default":
            row_id = chart.default_row(number, kptyp)
        self._check_row_id(row_id, kind)
        with self.transaction():
            self.conn.execute("INSERT INTO account (number, name, kind, row_id) VALUES (?, ?, ?, ?)",
                              (number, name.strip(), kind, row_id))
            self.audit("account.add", number=number, name=name, row_id=row_id)
        return self.account(number)

    def _check_row_id(self, row_id: str | None, kind: str) -> None:
        if row_id is None:
            return
        if row_id not in chart.ACCOUNT_ROWS:
            raise InputError(f"Okänd rapportrad ”{row_id}”.", field="rad")
        if kind in ("T", "S") and row_id not in chart.BALANCE_ROWS:
            raise InputError(f"Ett balanskonto kan inte föras till resultaträkningens rad ”{row_id}”.",
                             field="rad")
        if kind in ("I", "K") and row_id not in chart.INCOME_ROWS:
            raise InputError(f"Ett resultatkonto kan inte föras till balansräkningens rad ”{row_id}”.",
                             field="rad")

    def update_account(self, number: int, *, name: str | None = None, row_id: str | None = "keep",
                       active: bool | None = None, kind: str | None = None) -> Account:
        """Rename, re-map, (de)activate an account. The kind of a used account cannot change."""
        acc = self.account(number)
        if acc is None:
            raise RuleError(f"Konto {number} finns inte.", field="konto")
        if kind and kind != acc.kind and self.account_is_used(number):
            raise RuleError(f"Konto {number} används redan; kontotypen kan inte ändras.", field="typ")
        new_kind = kind or acc.kind
        new_row = acc.row_id if row_id == "keep" else row_id
        self._check_row_id(new_row, new_kind)
        new_name = acc.name if name is None else name.strip()
        if not new_name:
            raise InputError(f"Konto {number} måste ha ett namn.", field="namn")
        with self.transaction():
            self.conn.execute("UPDATE account SET name = ?, row_id = ?, active = ?, kind = ? WHERE number = ?",
                              (new_name, new_row, int(acc.active if active is None else active),
                               new_kind, number))
            self.audit("account.update", number=number, name=new_name, row_id=new_row,
                       active=acc.active if active is None else active)
        return self.account(number)

    def account_is_used(self, number: int) -> bool:
        c = self.conn
        return bool(
            c.execute("SELECT 1 FROM voucher_row WHERE account = ? LIMIT 1", (number,)).fetchone()
            or c.execute("SELECT 1 FROM opening_balance WHERE account = ? LIMIT 1", (number,)).fetchone()
            or c.execute("SELECT 1 FROM draft_row WHERE account = ? LIMIT 1", (number,)).fetchone())

    def delete_account(self, number: int) -> None:
        if self.account_is_used(number):
            raise RuleError(f"Konto {number} används i bokföringen och kan inte tas bort. "
                            "Inaktivera det i stället.", field="konto")
        with self.transaction():
            self.conn.execute("DELETE FROM account WHERE number = ?", (number,))
            self.audit("account.delete", number=number)

    def load_default_chart(self) -> int:
        """Add every account of the default chart that the book does not have yet."""
        added = 0
        with self.transaction():
            for number, name, kind, row_id in chart.load_default_chart():
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO account (number, name, kind, row_id) VALUES (?, ?, ?, ?)",
                    (number, name, kind, row_id))
                added += cur.rowcount
            if self.setting("equity_account") is None:
                self._write_default_account_roles()
        return added

    # ------------------------------------------------------------------ years
    def years(self) -> list[FiscalYear]:
        return [_year(r) for r in self.conn.execute(
            "SELECT id, start, end, status, closed_at FROM fiscal_year ORDER BY start")]

    def year(self, year_id: int) -> FiscalYear | None:
        r = self.conn.execute("SELECT id, start, end, status, closed_at FROM fiscal_year WHERE id = ?",
                              (year_id,)).fetchone()
        return _year(r) if r else None

    def existing_year(self, year_id: int) -> FiscalYear:
        """The räkenskapsår `year_id`; a RuleError when the book has none by that id."""
        year = self.year(year_id)
        if year is None:
            raise RuleError(f"Räkenskapsåret {year_id} finns inte i boken.", field="år")
        return year

    def year_of_date(self, date: str) -> FiscalYear | None:
        r = self.conn.execute("SELECT id, start, end, status, closed_at FROM fiscal_year "
                              "WHERE ? BETWEEN start AND end", (date,)).fetchone()
        return _year(r) if r else None

    def year_by_label(self, label: str | int) -> FiscalYear:
        """The räkenskapsår a person names: '2021' (the year that ends in 2021) or a start date."""
        s = str(label).strip()
        for y in self.years():
            if s in (y.label, y.start, y.end[:4]):
                return y
        raise RuleError(f"Boken har inget räkenskapsår {s}.", field="år")

    def previous_year(self, year: FiscalYear) -> FiscalYear | None:
        r = self.conn.execute("SELECT id, start, end, status, closed_at FROM fiscal_year "
                              "WHERE end < ? ORDER BY end DESC LIMIT 1", (year.start,)).fetchone()
        return _year(r) if r else None

    def next_year(self, year: FiscalYear) -> FiscalYear | None:
        r = self.conn.execute("SELECT id, start, end, status, closed_at FROM fiscal_year "
                              "WHERE start > ? ORDER BY start LIMIT 1", (year.end,)).fetchone()
        return _year(r) if r else None

    def add_year(self, start: str, end: str) -> FiscalYear:
        """Add a räkenskapsår (open). Years may not overlap; up to 18 months long."""
        start = parse_date(start, field="startdatum")
        end = parse_date(end, field="slutdatum")
        if end <= start:
            raise InputError(f"Räkenskapsåret måste sluta efter att det börjar ({start} – {end}).",
                             field="slutdatum")
        with self.transaction():
            cur = self.execute("INSERT INTO fiscal_year (start, end) VALUES (?, ?)", (start, end))
            self.audit("year.add", start=start, end=end)
        return self.year(cur.lastrowid)

    def set_year_status(self, year_id: int, status: str) -> None:
        """Low level: lock or unlock a year (logged by the database itself). The bokslut
        (closing entries, carrying balances forward) lives in the year-end module."""
        with self.transaction():
            before = self.conn.execute("SELECT status FROM fiscal_year WHERE id = ?", (year_id,)).fetchone()
            self.conn.execute("UPDATE fiscal_year SET status = ?, closed_at = ? WHERE id = ?",
                              (status, self._now() if status == "closed" else None, year_id))
            if before is not None and before[0] != status:
                # The seal of a closed year, or the record of its reopening (book/chain.py).
                self._record_seal(year_id, "close" if status == "closed" else "reopen")

    @staticmethod
    def _now() -> str:
        return now_iso()

    # ------------------------------------------------------------------ opening balances
    def opening_balances(self, year_id: int) -> dict[tuple[int, int | None], int]:
        """{(account, project_id or None): amount} for the year's ingående balanser."""
        return {(r[0], r[1]): r[2] for r in self.conn.execute(
            "SELECT account, project_id, amount FROM opening_balance WHERE year_id = ?", (year_id,))}

    def set_opening_balances(self, year_id: int, balances: dict[tuple[int, int | None] | int, int]) -> None:
        """Replace the year's ingående balanser. Keys are account or (account, project_id).
        The balances must sum to 0 (assets = equity and liabilities)."""
        items: dict[tuple[int, int | None], int] = {}
        for key, amount in balances.items():
            k = key if isinstance(key, tuple) else (key, None)
            items[k] = items.get(k, 0) + int(amount)
        self._write_opening_balances(year_id, items)

    def _write_opening_balances(self, year_id: int, items: dict[tuple[int, int | None], int],
                                **audit_extra) -> None:
        """Replace the year's opening_balance rows with {(account, project_id): amount},
        refusing balances that do not sum to 0. One transaction, one audit line."""
        total = sum(items.values())
        if total != 0:
            raise RuleError(f"De ingående balanserna går inte jämnt ut (differens {format_ore(total)} kr).")
        with self.transaction():
            self.conn.execute("DELETE FROM opening_balance WHERE year_id = ?", (year_id,))
            self.conn.executemany(
                "INSERT INTO opening_balance (year_id, account, project_id, amount) VALUES (?, ?, ?, ?)",
                [(year_id, a, p, amt) for (a, p), amt in items.items() if amt != 0])
            self.audit("year.opening_balances", year_id=year_id, accounts=len(items), **audit_extra)
