"""What a bank statement file says, as plain data (amounts in öre, dates ISO)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError


class StatementError(InputError):
    """A statement file that cannot be read: the message names the file and the line or
    XML path and says what was expected."""


@dataclass(frozen=True)
class BankLine:
    booking_date: str
    amount: int                 # öre; money in positive, out negative
    text: str = ""
    value_date: str = ""
    reference: str = ""         # the bank's own reference of the entry (AcctSvcrRef, NtryRef)
    ocr: str = ""               # structured creditor reference (OCR)
    counterparty: str = ""
    balance: int | None = None  # the running balance after the line, when the file has it
    where: str = ""             # 'rad 12' or an XML path, for messages

    def dedup_key(self) -> str:
        """What recognises the line again in another file: the bank's reference, else
        date, amount, text and running balance."""
        if self.reference:
            return f"ref:{self.reference}"
        bal = "" if self.balance is None else str(self.balance)
        return f"{self.booking_date}|{self.amount}|{' '.join(self.text.split()).lower()}|{bal}"


@dataclass
class Statement:
    account_id: str             # IBAN or the bank's account number ('' for CSV)
    currency: str
    date_from: str
    date_to: str
    opening: int | None
    closing: int | None
    lines: list[BankLine] = field(default_factory=list)
    statement_ref: str = ""
    where: str = ""


@dataclass
class ParsedFile:
    path: str
    format: str                 # 'camt.053.001.02', 'csv:handelsbanken' …
    statements: list[Statement]

    @property
    def line_count(self) -> int:
        return sum(len(s.lines) for s in self.statements)


def normalize_account_id(text: str) -> str:
    """An IBAN or account number without spaces and dashes, upper case."""
    return re.sub(r"[\s-]", "", text or "").upper()


def with_occurrences(lines: list[BankLine]) -> list[str]:
    """The dedup key of each line; identical lines without reference or balance in the
    same file (two equal card payments on one day) get '#2', '#3' …"""
    seen: dict[str, int] = {}
    out = []
    for line in lines:
        key = line.dedup_key()
        n = seen.get(key, 0) + 1
        seen[key] = n
        out.append(key if n == 1 or line.reference else f"{key}#{n}")
    return out
