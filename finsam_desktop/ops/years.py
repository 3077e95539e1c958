"""Räkenskapsår: adding the year after the book's last one."""

from __future__ import annotations

from ..book import Book, FiscalYear
from ..book.validate import parse_date
from ..book.yearend import STALE_PREFIX, following_period
from ..errors import InputError


def add_following_year(book: Book, start: str, end: str, *, carry: bool = True) -> FiscalYear:
    """Add the räkenskapsår [start, end] right after the book's last year, in one
    transaction, with the last year's closing balances (result in eget kapital) as its
    ingående balanser when `carry`. While the last year is open they are marked
    preliminary (the year closing replaces them and clears the mark)."""
    start = parse_date(start, field="startdatum")
    end = parse_date(end, field="slutdatum")
    years = book.years()
    last = years[-1] if years else None
    if last is not None and start <= last.end:
        raise InputError(f"Det nya räkenskapsåret måste börja efter {last.end}, då räkenskapsåret "
                         f"{last.label} slutar.", field="startdatum")
    if last is not None and carry and start != following_period(last)[0]:
        raise InputError(f"Ingående balanser kan bara föras över när det nya året börjar dagen efter "
                         f"{last.end} ({following_period(last)[0]}).", field="startdatum")
    with book.transaction():
        year = book.add_year(start, end)
        if last is not None and carry:
            book.set_opening_balances(year.id, book.closing_balances(last.id))
            if not last.is_closed:
                book.set_setting(f"{STALE_PREFIX}{year.id}", last.label)
    return book.year(year.id)


def suggested_following_year(book: Book, today_year: int) -> tuple[str, str]:
    """(start, end) proposed for the next räkenskapsår: the day after the last year, of
    the same length; a calendar year when the book has none."""
    years = book.years()
    if years:
        return following_period(years[-1])
    return f"{today_year}-01-01", f"{today_year}-12-31"
