"""The one exception type every front end shows to the user as it is.

A FinsamError carries a complete Swedish sentence that says what is wrong and where
(file, line, field). Front ends print it (command line: one line on stderr, exit 2) or
show it in a dialog; they never show a traceback for it.
"""

from __future__ import annotations


class FinsamError(Exception):
    """A user-facing error with a Swedish message."""

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None,
                 path: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.line = line
        self.path = path

    def __str__(self) -> str:
        return self.message


class BookFileError(FinsamError):
    """The file is missing, not a book, a foreign database or from a newer version."""


class RuleError(FinsamError):
    """A bookkeeping rule refused the change (unbalanced, closed year, booked voucher ...)."""


class InputError(FinsamError):
    """Input that cannot be read: an amount, a date, an organisationsnummer."""
