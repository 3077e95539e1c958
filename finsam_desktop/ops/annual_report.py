"""What the bokslut wizard writes for the årsredovisning or delårsrapport: the texts of
the förvaltningsberättelse and the signing (who signs, where and when it was decided)."""

from __future__ import annotations

from ..book import Book
from ..errors import InputError


def save_year_texts(book: Book, year_id: int, texts: dict[str, str]) -> list[str]:
    """Write the texts that changed (a text never saved and still empty is not written),
    in one transaction. Returns the keys written."""
    saved = book.year_texts(year_id)
    changed = [k for k, text in texts.items()
               if text.strip() != saved.get(k, "").strip() and (text.strip() or k in saved)]
    with book.transaction():
        for key in changed:
            book.set_year_text(year_id, key, texts[key].strip())
    return changed


def save_signing(book: Book, year_id: int, board: list[tuple[str, str]], auditors: list[tuple[str, str]], *,
                 place: str, date: str, place_key: str, date_key: str, full_year: bool) -> None:
    """Replace the signatories (board and revisorer as (name, role)) and write the
    decision's place and date under their keys, in one transaction. An årsredovisning
    (full_year) needs at least one ledamot and a beslutsort."""
    if full_year and not board:
        raise InputError("Ange minst en ledamot som skriver under årsredovisningen.", field="styrelse")
    if full_year and not place.strip():
        raise InputError("Ange beslutsort.", field="beslutsort")
    people = [(n, r, "styrelse") for n, r in board] + [(n, r, "revisor") for n, r in auditors]
    with book.transaction():
        book.set_signatories(year_id, people)
        book.set_year_text(year_id, place_key, place.strip())
        book.set_year_text(year_id, date_key, date)
