"""Helpers shared by the command modules."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from ..book import Book
from ..errors import BookFileError


def open_book(path: str, *, read_only: bool = False) -> Book:
    """Open an existing book or raise a Swedish BookFileError naming the file."""
    p = Path(path)
    if not p.exists():
        raise BookFileError(f"Boken {p} finns inte.", path=str(p))
    book = Book.open(p, read_only=read_only)
    for notice in book.notices:  # what opening found, e.g. a -wal left by a crash
        print(f"finsam: {notice}", file=sys.stderr)
    return book


YEAR_HELP = "räkenskapsår (ÅÅÅÅ); utan: det senaste öppna"


def book_and_year(p, *, metavar: str = "FIL", help: str | None = None) -> None:
    """The book and `--year` arguments most commands take (`year_arg` reads the latter)."""
    p.add_argument("path", metavar=metavar, help=help)
    p.add_argument("--year", help=YEAR_HELP)


def year_arg(book: Book, label):
    """The räkenskapsår named on the command line, or the latest open one."""
    if label is None:
        years = [y for y in book.years() if not y.is_closed] or book.years()
        return years[-1]
    return book.year_by_label(label)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# The one place where the command line imports lazily, on purpose: these modules pull in
# reportlab (about half a second), and only the commands that write a PDF,
# an xlsx or the handover package need them. Every other import is at module level.
HEAVY_MODULES = ("finsam_desktop.render.pdf", "finsam_desktop.closing.handover",
                 "finsam_desktop.render.pdf_budget", "finsam_desktop.render.bank_pdf",
                 "finsam_desktop.render.attest_sample", "finsam_desktop.render.print_pdf")


def heavy(module: str):
    """Import one of HEAVY_MODULES when the command that needs it runs."""
    if module not in HEAVY_MODULES:
        raise ValueError(f"{module} is not a heavy module; import it at module level")
    return importlib.import_module(module)
