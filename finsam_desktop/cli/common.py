"""Helpers shared by the command modules."""

from __future__ import annotations

import sys
from pathlib import Path

from ..book import Book
from ..errors import BookFileError


def open_book(path: str, *, read_only: bool = False) -> Book:
    """Open an existing book or raise a Swedish BookFileError naming the file."""
    p = Path(path)
    if not p.exists():
        raise BookFileError(f"Boken {p} finns inte.", path=str(p))
    return Book.open(p, read_only=read_only)


def year_arg(book: Book, label):
    """The räkenskapsår named on the command line, or the latest open one."""
    if label is None:
        years = [y for y in book.years() if not y.is_closed] or book.years()
        return years[-1]
    return book.year_by_label(label)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
