"""Plain data read from a SIE file; its findings (errors and warnings) are
`findings.Finding`.

Nothing here touches a book: the reader fills these records, the importer plans and
writes from them, and the desktop program shows them as a preview. Amounts are int öre
in ledger sign (debit positive, credit negative), dates ISO 'YYYY-MM-DD'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..findings import Finding, WithFindings


@dataclass(frozen=True)
class SieAccount:
    number: int
    name: str
    kind: str | None = None   # from #KTYP: T, S, I or K
    line: int = 0


@dataclass(frozen=True)
class SieObject:
    dim: int
    code: str
    name: str
    line: int = 0


# The object dimension of a row's motpart (projektägare, member, supplier). SIE reserves
# 1–19; 20 and up are free for a program's own dimensions and are declared in the file.
MOTPART_DIM = 20


class SieRow(NamedTuple):
    """A #TRANS (or #RTRANS) row; `project` is its dimension 6 object (insats code),
    `counterpart` its dimension MOTPART_DIM object and `objects` the objects of every
    other dimension, ((dimension, code), ...) in the file's order. Shaped (account, amount,
    project, text) like the rows of book.bulk.BulkVoucher. (A named tuple: a big file has
    hundreds of thousands.)"""
    account: int
    amount: int
    project: str | None = None
    text: str = ""
    line: int = 0
    counterpart: str | None = None   # its motpart object (dimension MOTPART_DIM), when the file has one
    objects: tuple[tuple[int, str], ...] = ()   # objects of dimensions other than 6 and MOTPART_DIM

    @property
    def project_code(self) -> str | None:
        return self.project


class SieVoucher(NamedTuple):
    series: str               # '' when the file leaves it to the importer (4I)
    number: int | None        # None when the file leaves it to the importer (4I)
    date: str
    text: str
    rows: tuple[SieRow, ...]
    line: int = 0
    removed_rows: int = 0     # #BTRANS rows: struck out before export, not booked

    @property
    def ref(self) -> str:
        if self.number is None:
            return f"{self.series or '(utan serie)'} (utan nummer)"
        return f"{self.series} {self.number}".strip()


@dataclass
class SieFile(WithFindings):
    """Everything the importer uses from one SIE file. Balances are keyed by the file's
    year number (0 current, -1 previous ...)."""
    path: str
    encoding: str = ""
    flag: str | None = None
    sie_type: str | None = None          # '1'..'4' as written; None when #SIETYP is missing
    program: str = ""
    generated: str | None = None
    company_name: str | None = None
    orgnr: str | None = None
    address: tuple[str, ...] = ()
    kptyp: str | None = None
    currency: str | None = None
    years: dict[int, tuple[str, str]] = field(default_factory=dict)
    accounts: dict[int, SieAccount] = field(default_factory=dict)
    dimensions: dict[int, str] = field(default_factory=dict)
    parents: dict[int, int] = field(default_factory=dict)              # #UNDERDIM: dimension -> parent
    objects: dict[tuple[int, str], SieObject] = field(default_factory=dict)
    object_lines: dict[tuple[int, str], int] = field(default_factory=dict)  # first row using each object
    ib: dict[tuple[int, int], int] = field(default_factory=dict)         # (year, account)
    ub: dict[tuple[int, int], int] = field(default_factory=dict)
    res: dict[tuple[int, int], int] = field(default_factory=dict)
    oib: dict[tuple[int, int, int, str], int] = field(default_factory=dict)  # (year, account, dim, code)
    oub: dict[tuple[int, int, int, str], int] = field(default_factory=dict)
    vouchers: list[SieVoucher] = field(default_factory=list)
    checksum: str | None = None          # 'ok', 'mismatch', or None when the file has none
    findings: list[Finding] = field(default_factory=list)


    @property
    def is_import_file(self) -> bool:
        """A 4I file: transactions for an existing book, no #RAR."""
        return not self.years

    @property
    def row_count(self) -> int:
        return sum(len(v.rows) for v in self.vouchers)
