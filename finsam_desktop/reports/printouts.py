"""The data of the printed books: one verifikation, the verifikationslista (grundbok) and
the huvudbok of a period. Pure data for render/print_pdf.py, read from the book here.

    v = voucher_printout(book, voucher_id)
    j = journal_printout(book, year_id, "2025-01-01", "2025-03-31")   # streamed: j.entries()
    h = ledger_printout(book, year_id, "2025-01-01", "2025-03-31")    # streamed: h.accounts()

The verifikationslista and the huvudbok are walked, not read: `entries()` and
`accounts()` read the book while the renderer draws, so a year of a million rows never
sits in memory. Their totals are read from the book beforehand with one sum each; the
renderer checks that the rows it printed add up to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..book import printing, underlag
from ..book.validate import parse_date
from ..errors import RuleError

LEDGER_CHUNK = 20_000   # huvudbok lines read from the book at a time


@dataclass(frozen=True)
class PrintRow:
    """One row of a verifikation as printed: debit and credit positive, one of them 0."""
    account: int
    account_name: str
    project: str          # 'P3 Steget' or ''
    counterpart: str
    text: str
    debit: int
    credit: int


@dataclass(frozen=True)
class Link:
    """Another verifikation referred to (a rättelse, or what one corrects). `reversal`:
    the link is the periodavslut's återföring of a periodisering, no correction of a
    mistake."""
    ref: str
    date: str
    reversal: bool = False


@dataclass(frozen=True)
class VoucherPrintout:
    forbund: str
    orgnr: str
    year_label: str
    ref: str
    date: str
    text: str
    booked_at: str          # when it was booked (ISO, as stored)
    registrar: str          # who registered it ('' when the book does not record it)
    attest: str             # 'Namn 2025-03-02' or ''
    source: str             # where it came from (e.g. an SIE import), '' when typed in
    corrects: Link | None
    corrected_by: tuple[Link, ...]
    underlag: tuple[str, ...]   # file names
    rows: tuple[PrintRow, ...]

    @property
    def debit(self) -> int:
        return sum(r.debit for r in self.rows)

    @property
    def credit(self) -> int:
        return sum(r.credit for r in self.rows)


@dataclass(frozen=True)
class JournalVoucher:
    """One verifikation of the verifikationslista."""
    ref: str
    date: str
    text: str
    booked_at: str
    registrar: str
    corrects: str           # ref of the verifikation it corrects, ''
    rows: tuple[PrintRow, ...]
    reversal: bool = False  # it is the återföring of a periodisering (corrects names that)


@dataclass(frozen=True)
class JournalPrintout:
    forbund: str
    orgnr: str
    year_label: str
    date_from: str
    date_to: str
    count: int              # verifikationer
    row_count: int
    debit: int              # the period's sums, read from the book
    credit: int
    _entries: Callable[[], Iterator[JournalVoucher]] = field(repr=False, compare=False)

    def entries(self) -> Iterator[JournalVoucher]:
        return self._entries()


@dataclass(frozen=True)
class LedgerLinePrint:
    date: str
    ref: str
    text: str
    project: str
    amount: int             # ledger sign: debit > 0
    balance: int            # running balance after the line


@dataclass(frozen=True)
class LedgerAccountPrint:
    number: int
    name: str
    opening: int            # saldo at the period's start
    debit: int
    credit: int             # positive
    count: int
    _lines: Callable[[], Iterator[list[LedgerLinePrint]]] = field(repr=False, compare=False)

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit

    def chunks(self) -> Iterator[list[LedgerLinePrint]]:
        """The lines, a list of up to LEDGER_CHUNK at a time."""
        return self._lines()


@dataclass(frozen=True)
class LedgerPrintout:
    forbund: str
    orgnr: str
    year_label: str
    date_from: str
    date_to: str
    row_count: int
    debit: int
    credit: int
    _accounts: Callable[[], Iterator[LedgerAccountPrint]] = field(repr=False, compare=False)

    def accounts(self) -> Iterator[LedgerAccountPrint]:
        return self._accounts()


# ---------------------------------------------------------------------- helpers
class _Names:
    """Account, insats and motpart names, read once."""

    def __init__(self, book):
        self.accounts = {a.number: a.name for a in book.accounts()}
        self.projects = {p.id: f"{p.code} {p.name}" for p in book.projects()}
        self.project_codes = {p.id: p.code for p in book.projects()}
        self.counterparts = {c.id: c.name for c in book.counterparts()}

    def row(self, account: int, amount: int, project_id, counterpart_id, text, *, long: bool = True) -> PrintRow:
        projects = self.projects if long else self.project_codes
        return PrintRow(account, self.accounts.get(account, ""), projects.get(project_id, "") if project_id else "",
                        self.counterparts.get(counterpart_id, "") if counterpart_id else "", text or "",
                        amount if amount > 0 else 0, -amount if amount < 0 else 0)


def period_of(book, year_id: int, date_from: str | None, date_to: str | None):
    """The räkenskapsår and the period [date_from, date_to] checked to lie within it
    (either end defaults to the year's)."""
    year = book.year(year_id)
    if year is None:
        raise RuleError(f"Räkenskapsåret med id {year_id} finns inte i boken.")
    fran = parse_date(date_from, field="från") if date_from else year.start
    till = parse_date(date_to, field="till") if date_to else year.end
    if not (year.start <= fran <= till <= year.end):
        raise RuleError(f"Perioden {fran} – {till} ligger inte inom räkenskapsåret {year.label} "
                        f"({year.start} – {year.end}).", field="period")
    return year, fran, till


def _accrual_pairs(book) -> dict[int, int]:
    """återföring id -> periodisering id of the periodavslut's verifikationer."""
    return {r.reversal_voucher_id: r.voucher_id for r in book.accruals()
            if r.voucher_id is not None and r.reversal_voucher_id is not None}


# ---------------------------------------------------------------------- one verifikation
def voucher_printout(book, voucher_id: int) -> VoucherPrintout:
    v = book.voucher(voucher_id)
    if v is None:
        raise RuleError(f"Verifikationen med id {voucher_id} finns inte i boken.")
    f = book.forbund()
    year = book.year(v.year_id)
    names = _Names(book)
    later = printing.corrections_of(book, v.id)
    refs = printing.refs_of(book, later + ([v.corrects_id] if v.corrects_id else []))
    att = underlag.attest_of(book, v.id)
    pairs = _accrual_pairs(book)
    return VoucherPrintout(
        forbund=f.namn, orgnr=f.orgnr, year_label=year.label, ref=v.ref, date=v.date, text=v.text,
        booked_at=v.booked_at, registrar=underlag.registrar_of(book, v.id),
        attest=f"{att.attestant} {att.attested_at[:10]}" if att else "", source=v.source or "",
        corrects=Link(*refs[v.corrects_id], reversal=pairs.get(v.id) == v.corrects_id)
        if v.corrects_id in refs else None,
        corrected_by=tuple(Link(*refs[i], reversal=pairs.get(i) == v.id) for i in later if i in refs),
        underlag=tuple(a.file_name for a in underlag.attachments(book, voucher_id=v.id)),
        rows=tuple(names.row(r.account, r.amount, r.project_id, r.counterpart_id, r.text) for r in v.rows))


# ---------------------------------------------------------------------- verifikationslista
def journal_printout(book, year_id: int, date_from: str | None = None,
                     date_to: str | None = None) -> JournalPrintout:
    """The verifikationslista of the period, every verifikation in number order."""
    year, fran, till = period_of(book, year_id, date_from, date_to)
    f = book.forbund()
    n, rows, debit, credit = printing.journal_totals(book, year.id, fran, till)

    def entries() -> Iterator[JournalVoucher]:
        names = _Names(book)
        registrars = underlag.year_registrars(book, year.id)
        pairs = _accrual_pairs(book)
        for e in printing.iter_journal(book, year.id, fran, till):
            corrects = ""
            if e.corrects_id is not None:
                corrects = printing.refs_of(book, [e.corrects_id]).get(e.corrects_id, ("", ""))[0]
            yield JournalVoucher(e.ref, e.date, e.text, e.booked_at, registrars.get((e.series, e.number), ""),
                                 corrects, tuple(names.row(*r, long=False) for r in e.rows),
                                 reversal=e.corrects_id is not None and pairs.get(e.id) == e.corrects_id)

    return JournalPrintout(f.namn, f.orgnr, year.label, fran, till, n, rows, debit, credit, entries)


# ---------------------------------------------------------------------- huvudbok
def ledger_printout(book, year_id: int, date_from: str | None = None,
                    date_to: str | None = None) -> LedgerPrintout:
    """The huvudbok of the period: every account with a saldo at the start or a line in
    the period, in account order."""
    year, fran, till = period_of(book, year_id, date_from, date_to)
    f = book.forbund()
    _n, rows, debit, credit = printing.journal_totals(book, year.id, fran, till)
    accounts = book.accounts()

    def walk() -> Iterator[LedgerAccountPrint]:
        codes = {p.id: p.code for p in book.projects()}
        for acc in accounts:
            s = book.ledger_summary(acc.number, fran, till)
            if not s.count and not s.opening:
                continue

            def lines(number=acc.number) -> Iterator[list[LedgerLinePrint]]:
                for chunk in book.iter_ledger(number, fran, till, chunk=LEDGER_CHUNK):
                    yield [LedgerLinePrint(ln.date, ln.ref, ln.text or "", codes.get(ln.project_id, "")
                                           if ln.project_id else "", ln.amount, ln.balance) for ln in chunk]
            yield LedgerAccountPrint(acc.number, acc.name, s.opening, s.debit, s.credit, s.count, lines)

    return LedgerPrintout(f.namn, f.orgnr, year.label, fran, till, rows, debit, credit, walk)
