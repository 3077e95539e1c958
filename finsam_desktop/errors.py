"""The one exception type every front end shows to the user as it is.

A FinsamError carries a complete Swedish sentence that says what is wrong and where
(file, line, field). Front ends print it (command line: one line on stderr, exit 2) or
show it in a dialog; they never show a traceback for it.
"""

from __future__ import annotations

import errno


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


_OS_REASONS = {
    "EACCES": "skrivrätt eller läsrätt saknas",
    "EPERM": "åtgärden är inte tillåten",
    "EROFS": "filsystemet är skrivskyddat",
    "EISDIR": "det är en mapp",
    "ENOTDIR": "en del av sökvägen är inte en mapp",
    "ENOENT": "filen eller mappen finns inte",
    "ENOSPC": "disken är full",
    "EDQUOT": "diskkvoten är slut",
    "ENAMETOOLONG": "namnet är för långt",
    "EEXIST": "filen finns redan",
    "EBUSY": "filen används av ett annat program",
}


def os_reason(exc: BaseException) -> str:
    """A short Swedish reason for an OSError (the operating system's own text is English)."""

    name = errno.errorcode.get(getattr(exc, "errno", None) or -1, "")
    return _OS_REASONS.get(name, "operativsystemet nekade åtgärden")
