"""The book: one SQLite file per förbund, and the only code in the program that writes SQL.

    from finsam_desktop.book import Book
    book = Book.create("x.finsam", namn="…", orgnr="222000-0000", year_start="2021-01-01",
                       year_end="2021-12-31")
    book.book_voucher("2021-01-15", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
"""

from __future__ import annotations

from ..errors import InputError
from .accounts import AccountsMixin
from .annual import AnnualRegistersMixin
from .accruals import AccrualsMixin
from .budget_plan import BudgetPlanMixin
from .bank import BankMixin
from .bulk import BulkMixin
from .underlag import UNDERLAG_COMPANION
from .chain import ChainMixin
from .core import SUFFIX, BookCore, DatabaseError
from .objects import ObjectsMixin
from .model import (Account, BalanceLine, BudgetRow, Counterpart, FiscalYear, Forbund, Member,
                    Project, Signatory, Voucher, VoucherRow)
from .registers import RegistersMixin
from .roles import ACCOUNT_ROLES, AccountRolesMixin
from .reporting import ReportingMixin
from .validate import normalize_orgnr
from .yearend import YearEndMixin
from .vouchers import LedgerLine, VoucherFilter, VouchersMixin, VoucherSummary

__all__ = ["Book", "SUFFIX", "ACCOUNT_ROLES", "Account", "BalanceLine", "BudgetRow", "Counterpart", "FiscalYear",
           "Forbund", "LedgerLine", "Member", "Project", "Signatory", "Voucher", "VoucherFilter",
           "VoucherRow", "VoucherSummary"]


class Book(ChainMixin, BookCore, AccountRolesMixin, AccountsMixin, RegistersMixin, VouchersMixin, ReportingMixin,
           AccrualsMixin, YearEndMixin, BulkMixin, BudgetPlanMixin, AnnualRegistersMixin, BankMixin,
           ObjectsMixin):
    """A förbund's book. Every change is one transaction; the database refuses what the
    bookkeeping rules forbid."""

    COMPANIONS = (UNDERLAG_COMPANION,)

    def forbund(self) -> Forbund:
        r = self.conn.execute("SELECT namn, orgnr, adress, postnummer, ort, epost, telefon FROM forbund").fetchone()
        return Forbund(*r)

    def update_forbund(self, **fields) -> Forbund:
        allowed = {"namn", "orgnr", "adress", "postnummer", "ort", "epost", "telefon"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown förbund fields {bad}")
        if "orgnr" in fields:
            fields["orgnr"] = normalize_orgnr(fields["orgnr"])
        if "namn" in fields and not str(fields["namn"]).strip():
            raise InputError("Förbundet måste ha ett namn.", field="namn")
        if fields:
            with self.transaction():
                self.execute(f"UPDATE forbund SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = 1",
                             tuple(fields.values()))
                self.audit("forbund.update", **fields)
        return self.forbund()
