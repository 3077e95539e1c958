"""Utkast: preliminära verifikationer kept to finish later, and booking them."""

from __future__ import annotations

from collections.abc import Sequence

from ..book import Book
from ..book import underlag
from ..book.model import Voucher
from ..errors import InputError


def _existing_draft(book: Book, draft_id: int) -> dict:
    d = next((d for d in book.drafts() if d["id"] == draft_id), None)
    if d is None:
        raise InputError(f"Utkastet {draft_id} finns inte.", field="utkast")
    return d


def draft(book: Book, draft_id: int) -> dict:
    """One utkast as plain data (id, series, date, text, corrects_id, rows)."""
    return _existing_draft(book, draft_id)


def save_draft(book: Book, date: str, text: str, rows: Sequence, *, corrects_id: int | None = None,
               draft_id: int | None = None) -> int:
    """Save (or replace) an utkast; it need not balance. Returns its id."""
    return book.save_draft(date, text, rows, corrects_id=corrects_id, draft_id=draft_id)


def delete_draft(book: Book, draft_id: int) -> None:
    _existing_draft(book, draft_id)
    book.delete_draft(draft_id)


def book_draft(book: Book, draft_id: int, *, date: str | None = None, text: str | None = None,
               rows: Sequence | None = None, corrects_id: int | None = None) -> Voucher:
    """Bokför an utkast, with the date, text and rows as last edited when given: saving
    the edits, booking and removing the utkast is one change, all or nothing."""
    d = _existing_draft(book, draft_id)
    with book.transaction():
        if rows is not None:
            book.save_draft(date if date is not None else d["date"], text if text is not None else d["text"],
                            rows, corrects_id=corrects_id, draft_id=draft_id)
        links = underlag.take_draft_links(book, draft_id)  # its underlag follow it
        v = book.book_draft(draft_id)
        underlag.give_links(book, v.id, links)
        return v
