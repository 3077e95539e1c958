"""Everything an årsredovisning (or delårsrapport) prints, gathered from the book once.

    from finsam_desktop.reports.document import build_document
    doc = build_document(book, year_id, tkr=True)             # for the PDF
    doc = build_document(book, year_id, with_ledger=True)     # for the Excel workbook

The renderers (render/: PDF, xlsx, text, JSON) take this object and never the book: the
statements, notes and key figures (`report`, in the printed unit, and `exact`, in öre),
the räkenskapsår, the user's texts and signatories, the projektuppföljning, the
bokslut's warnings and, on request, the huvudbok and saldobalans of the period.

The huvudbok is not read here but when a renderer walks it (`doc.ledger`), an account
and a page of lines at a time, so a book of a million rows never sits in memory whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ..book.model import BalanceLine, FiscalYear, Signatory
from ..errors import RuleError
from .annual_extras import AnnualExtras, build_extras
from .engine import build_report
from .model import AnnualReport
from .prognosis import build_prognosis
from .projects import ProjectFollowUp, project_follow_up
from .rounding import in_tkr

LEDGER_PAGE = 20_000  # huvudbok lines read from the book at a time


def interim_key(key: str, date_to: str) -> str:
    """The year_text key of a delårsrapport's section text: 'viktiga_forhallanden@2025-06-30'."""
    return f"{key}@{date_to}"


@dataclass(frozen=True)
class AccountLedger:
    """One account's huvudbok for the period: its opening balance and its lines, read
    from the book a page at a time while they are walked."""
    number: int
    name: str
    opening: int
    count: int
    _pages: object = field(repr=False, compare=False)  # () -> Iterator

    def lines(self) -> Iterator:
        return self._pages()


class Ledger:
    """The huvudbok of a period: every account with an opening balance or a line, in
    account order; `projects` maps insats id to its code."""

    def __init__(self, book, date_from: str, date_to: str):
        self._book = book
        self.date_from, self.date_to = date_from, date_to
        self.projects: dict[int, str] = {p.id: p.code for p in book.projects()}

    def __iter__(self) -> Iterator[AccountLedger]:
        book, fran, till = self._book, self.date_from, self.date_to
        for acc in book.accounts():
            summary = book.ledger_summary(acc.number, fran, till)
            opening = summary.opening if acc.is_balance else 0
            if not summary.count and not opening:
                continue

            def pages(number=acc.number):
                # one query read in chunks: a whole huvudbok never searches a page's start
                for chunk in book.iter_ledger(number, fran, till, chunk=LEDGER_PAGE):
                    yield from chunk
            yield AccountLedger(acc.number, acc.name, opening, summary.count, pages)


@dataclass(frozen=True)
class AnnualDocument:
    report: AnnualReport                 # amounts in the unit that is printed
    exact: AnnualReport                  # the same report in öre
    year: FiscalYear
    texts: dict[str, str]
    signatories: tuple[Signatory, ...]
    follow_up: ProjectFollowUp | None = None  # None when the book has no insatser
    # The bokslut's kontroller that warn (closing.checks, Swedish messages): a draft lists
    # them apart from the report engine's own checks, as what to fix before the decision.
    warnings: tuple[str, ...] = ()
    ledger: Ledger | None = None                       # with_ledger=True
    trial_balance: tuple[BalanceLine, ...] | None = None  # with_ledger=True
    # A delårsrapport's helårsprognos (reports.prognosis), None for a whole year or
    # without a budget.
    prognosis: object | None = None
    extras: AnnualExtras | None = None   # verksamhet, mål, mellanhavanden, organisation (annual_extras)


def build_document(book, year_id: int, *, date_from: str | None = None, date_to: str | None = None,
                   tkr: bool = False, report: AnnualReport | None = None, warnings=(),
                   with_ledger: bool = False) -> AnnualDocument:
    """The document of räkenskapsår `year_id` (a delårsrapport when the dates cover part
    of it). `report` (in öre) is used when given instead of building it again; amounts
    print in tkr with tkr=True. `warnings` are the bokslut kontroller's messages."""
    year = book.year(year_id)
    if year is None:
        raise RuleError(f"Räkenskapsåret med id {year_id} finns inte i boken.")
    # A report given in tkr is built again in öre: the exact figures are needed too.
    exact = report if report is not None and report.unit != "tkr" else None
    if exact is None:
        exact = build_report(book, year_id, date_from=date_from, date_to=date_to)
    shown = in_tkr(exact) if tkr else exact
    follow_up = (project_follow_up(book, year_id, date=shown.period.till) if book.projects() else None)
    ledger = trial = None
    if with_ledger:
        fran, till = exact.period.fran, exact.period.till
        ledger = Ledger(book, fran, till)
        trial = tuple(book.trial_balance(exact.year_id, fran, till))
    prognosis = None
    if not exact.full_year and exact.period.fran == year.start and book.budget(year_id):
        prognosis = build_prognosis(book, year_id, exact.period.till)
    return AnnualDocument(report=shown, exact=exact, year=year, texts=book.year_texts(year_id),
                          signatories=tuple(book.signatories(year_id)), follow_up=follow_up,
                          warnings=tuple(warnings), ledger=ledger, trial_balance=trial, prognosis=prognosis,
                          extras=build_extras(book, year_id, exact, follow_up))
