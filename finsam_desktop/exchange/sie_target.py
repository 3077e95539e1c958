"""Where a SIE file is read in: the open book or a new one.

    if belongs_in_book(sie, book): plan_import(sie, book)    # else a new book
"""

from __future__ import annotations

from ..book import Book
from .sie_model import SieFile


def belongs_in_book(sie: SieFile, book: Book | None) -> bool:
    """Whether the file belongs in `book`: a 4I file (transactions for an existing book)
    or a file whose current year (#RAR 0) is one of the book's years. A book opened
    read-only never takes an import."""
    if book is None or book.read_only:
        return False
    if sie.is_import_file:
        return True
    current = sie.years.get(0)
    return current is not None and any((y.start, y.end) == tuple(current) for y in book.years())
