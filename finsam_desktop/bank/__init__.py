"""Bank statements: reading camt.053 and the banks' CSV exports into plain data,
matching bank lines to verifikationer, and the arithmetic of a reconciliation.

Pure Python: no SQL, no Qt. `book/` stores what this package reads, `ops/bank.py` runs
the workflows."""

from .model import BankLine, ParsedFile, Statement, StatementError

__all__ = ["BankLine", "ParsedFile", "Statement", "StatementError"]
