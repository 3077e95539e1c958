"""The kontoplan: adding and changing an account."""

from __future__ import annotations

from ..book import Account, Book


def save_account(book: Book, number: int, *, name: str, kind: str | None, row_id: str | None,
                 active: bool = True, new: bool) -> Account:
    """Add the account `number` (new=True) or change it: name, kind, report row, active.
    An account added as inactive is added and deactivated in one transaction."""
    with book.transaction():
        if new:
            acc = book.add_account(number, name, kind, row_id)
            if not active:
                acc = book.update_account(number, active=False)
            return acc
        return book.update_account(number, name=name, row_id=row_id, active=active, kind=kind)
