"""The arithmetic of a bank reconciliation (avstämning): the bank's balance, the book's
balance and the items that explain the difference."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpenLine:
    """A bank line no confirmed verifikation explains."""
    id: int
    date: str
    amount: int
    text: str


@dataclass(frozen=True)
class OpenMovement:
    """A verifikation on the bank account no bank line explains."""
    voucher_id: int
    ref: str
    date: str
    amount: int
    text: str


@dataclass
class Reconciliation:
    account: int
    account_name: str
    date: str
    bank_balance: int | None        # None: no statement covers the date
    book_balance: int
    open_lines: list[OpenLine] = field(default_factory=list)
    open_movements: list[OpenMovement] = field(default_factory=list)
    opening_difference: int = 0     # book minus bank before the first imported statement
    statements: int = 0
    forbund: str = ""
    orgnr: str = ""

    @property
    def difference(self) -> int:
        """The bank's balance minus the book's."""
        return (self.bank_balance or 0) - self.book_balance

    @property
    def explained(self) -> int:
        return sum(x.amount for x in self.open_lines) - sum(x.amount for x in self.open_movements)

    @property
    def unexplained(self) -> int:
        return self.difference - self.explained

    @property
    def ok(self) -> bool:
        """The balances agree: nothing is left unexplained and nothing is open."""
        return self.bank_balance is not None and self.difference == 0 and not self.open_lines \
            and not self.open_movements

    def to_json(self) -> dict:
        return {
            "konto": self.account, "datum": self.date,
            "saldo_bank": self.bank_balance, "saldo_bok": self.book_balance,
            "differens": self.difference, "forklarat": self.explained, "oforklarat": self.unexplained,
            "stammer": self.ok,
            "omatchade_bankrader": [dict(id=x.id, datum=x.date, belopp=x.amount, text=x.text)
                                    for x in self.open_lines],
            "verifikationer_utan_bankrad": [dict(id=x.voucher_id, ver=x.ref, datum=x.date, belopp=x.amount,
                                                 text=x.text) for x in self.open_movements],
        }
