"""Plain immutable records the book hands out. Amounts are int öre, ledger sign
(debit positive, credit negative); dates are ISO strings 'YYYY-MM-DD'."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Forbund:
    namn: str
    orgnr: str
    adress: str = ""
    postnummer: str = ""
    ort: str = ""
    epost: str = ""
    telefon: str = ""


@dataclass(frozen=True)
class FiscalYear:
    id: int
    start: str
    end: str
    status: str  # 'open' | 'closed'
    closed_at: str | None = None

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def label(self) -> str:
        """'2021' for a calendar year, '2021-07-01 – 2022-06-30' otherwise."""
        if self.start[5:] == "01-01" and self.end[5:] == "12-31" and self.start[:4] == self.end[:4]:
            return self.start[:4]
        return f"{self.start} – {self.end}"


@dataclass(frozen=True)
class Account:
    number: int
    name: str
    kind: str  # T tillgång, S skuld/eget kapital, I intäkt, K kostnad
    row_id: str | None
    active: bool = True

    @property
    def is_balance(self) -> bool:
        return self.kind in ("T", "S")


@dataclass(frozen=True)
class Counterpart:
    """A projektägare or other motpart."""
    id: int
    name: str
    orgnr: str = ""
    member_id: int | None = None


@dataclass(frozen=True)
class Project:
    """An insats the förbund finances (SIE dimension 6)."""
    id: int
    code: str
    name: str
    owner_id: int | None
    kind: str
    start: str | None = None
    end: str | None = None
    account: int | None = None
    active: bool = True


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    kind: str  # stat | region | kommun
    share_bp: int  # andel in 1/100 percent (5000 = 50 %)
    account: int | None = None
    sort: int = 0


@dataclass(frozen=True)
class VoucherRow:
    account: int
    amount: int
    project_id: int | None = None
    counterpart_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Voucher:
    id: int
    year_id: int
    series: str
    number: int
    date: str
    text: str
    booked_at: str
    corrects_id: int | None = None
    source: str = ""
    rows: tuple[VoucherRow, ...] = field(default_factory=tuple)

    @property
    def ref(self) -> str:
        """'A 12': series and number as printed."""
        return f"{self.series} {self.number}"


@dataclass(frozen=True)
class BalanceLine:
    """One line of the saldobalans: ingående, period movement and utgående balance."""
    account: int
    name: str
    kind: str
    row_id: str | None
    opening: int
    period: int

    @property
    def closing(self) -> int:
        return self.opening + self.period


@dataclass(frozen=True)
class BudgetRow:
    id: int
    year_id: int
    label: str
    section: str
    account_from: int
    account_to: int
    project_id: int | None
    amount: int
    sort: int = 0

    def covers(self, account: int) -> bool:
        """The row's account range holds `account`; a five- or six-digit account also by
        its first four digits (a budget on 3010–3019 covers 301010)."""
        return (self.account_from <= account <= self.account_to
                or (account > 9999 and self.account_from <= int(str(account)[:4]) <= self.account_to))


@dataclass(frozen=True)
class Signatory:
    id: int
    year_id: int
    name: str
    role: str
    kind: str  # styrelse | revisor
    sort: int = 0
