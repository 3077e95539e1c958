"""Closing a räkenskapsår under the rules: the kontroller first, then the book's own
year closing (book/yearend.py). There is no way around a blocking finding: fix it."""

from __future__ import annotations

from ..book import Book
from ..book.model import FiscalYear
from ..errors import RuleError
from .accruals import book_pending_reversals
from ..findings import Finding
from .checks import run_checks


class BlockedError(RuleError):
    """The year cannot be closed: the kontroller found blocking problems."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message, field="kontroller")
        self.findings = findings


def close_year(book: Book, year_id: int, *, bank_statement: int | None = None, progress=None) -> FiscalYear:
    """Run the kontroller for the whole year; refuse (BlockedError, Swedish) when any is
    blocking; otherwise close the year. Returns the next year, now open with its ingående
    balanser. With a `progress` (ui.tasks.Progress) the user may cancel while the
    kontroller run; once the closing transaction starts it runs to its end."""
    year = book.existing_year(year_id)
    if year.is_closed:
        raise RuleError(f"Räkenskapsåret {year.label} är redan stängt.", field="år")
    prev = book.previous_year(year)
    if prev is not None and not prev.is_closed:
        raise RuleError(f"Föregående räkenskapsår {prev.label} är inte stängt. Stäng det först.", field="år")
    findings = run_checks(book, year_id, bank_statement=bank_statement)
    if progress is not None:
        progress.update(1, 2, "Kontrollerna är klara; året stängs.")
        progress.check()  # the last point where nothing has been changed
    blocking = [f for f in findings if f.is_error]
    if blocking:
        first = blocking[0].message
        more = f" ({len(blocking) - 1} till)" if len(blocking) > 1 else ""
        raise BlockedError(f"Räkenskapsåret {year.label} kan inte stängas: {first}{more}", blocking)
    book.backup("close-year")
    with book.transaction():
        nxt = book.lock_and_carry_forward(year_id)
        book_pending_reversals(book)
    return book.year(nxt.id)


def reopen_year(book: Book, year_id: int, reason: str) -> FiscalYear:
    """Re-open a closed year (explicit, with a logged reason), after a backup."""
    year = book.existing_year(year_id)
    if year.is_closed and (reason or "").strip():
        book.backup("reopen-year")
    return book.reopen_year(year_id, reason)
