"""A new book: the förbund, its first räkenskapsår, the chart and the medlemmar."""

from __future__ import annotations

from pathlib import Path

from ..book import Book
from ..book.validate import format_share
from ..errors import InputError


def check_members(members: list[tuple[str, str, int]]) -> None:
    """Refuse duplicate member names and andelar that do not add up to 100 %."""
    names = [n.strip().lower() for n, _k, _s in members]
    if len(set(names)) != len(names):
        raise InputError("Två medlemmar har samma namn.", field="medlemmar")
    total = sum(s for _n, _k, s in members)
    if members and total != 10000:
        raise InputError(f"Andelarna är tillsammans {format_share(total)}; de ska vara 100 %.",
                         field="medlemmar")


def create_book(path: str | Path, *, namn: str, orgnr: str, year_start: str, year_end: str,
                chart: bool = True, members: list[tuple[str, str, int]] = ()) -> Book:
    """Create the book file with its medlemmar (name, kind, andel in 1/100 %). On any
    refusal no file is left behind."""
    members = list(members)
    check_members(members)
    book = Book.create(path, namn=namn, orgnr=orgnr, year_start=year_start, year_end=year_end, chart=chart)
    try:
        with book.transaction():
            for name, kind, share in members:
                book.add_member(name, kind, share)
    except BaseException:
        book.close()
        Path(path).unlink(missing_ok=True)
        raise
    return book
