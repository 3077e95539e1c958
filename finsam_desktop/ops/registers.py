"""The registers: medlemmar with their driftbidrag per year, insatser with their
beviljade medel per year, and projektägare. One function per change, one transaction."""

from __future__ import annotations

from ..book import Book
from ..book.model import Member, Project
from ..book.validate import normalize_orgnr
from ..errors import InputError


def _existing_account(book: Book, account: int | None) -> None:
    if account and book.account(account) is None:
        raise InputError(f"Konto {account} finns inte i kontoplanen.", field="konto")


def save_member(book: Book, member_id: int | None, *, name: str, kind: str, share_bp: int,
                account: int | None = None, year_id: int | None = None,
                contribution: int | None = None) -> Member:
    """Add (member_id None) or change a medlem, and set its driftbidrag for `year_id` when
    one is given (a 0 is written only over an amount already there)."""
    _existing_account(book, account)
    with book.transaction():
        if member_id is None:
            m = book.add_member(name, kind, share_bp, account=account)
        else:
            m = book.update_member(member_id, name=name, kind=kind, share_bp=share_bp, account=account)
        if year_id is not None and contribution is not None \
                and (contribution or m.id in book.contributions(year_id)):
            book.set_contribution(m.id, year_id, contribution)
    return book.member(m.id)


def set_contribution(book: Book, member_id: int, year_id: int, amount: int) -> int:
    """Set one medlem's driftbidrag for one year; returns the amount in öre."""
    if book.member(member_id) is None:
        raise InputError(f"Medlemmen {member_id} finns inte.", field="medlem")
    book.existing_year(year_id)
    with book.transaction():
        book.set_contribution(member_id, year_id, amount)
    return book.contributions(year_id).get(member_id, 0)


def save_project(book: Book, project_id: int | None, *, code: str, name: str, owner_id: int | None = None,
                 kind: str | None = None, start: str | None = None, end: str | None = None,
                 account: int | None = None, active: bool = True, year_id: int | None = None,
                 grant: int | None = None) -> Project:
    """Add (project_id None) or change an insats, and set its beviljade medel for
    `year_id` when one is given (a 0 is written only over an amount already there)."""
    code = (code or "").strip()
    if not code:
        raise InputError("Insatsen måste ha en kod, t.ex. P01.", field="kod")
    if start and end and end < start:
        raise InputError("Slutdatum ligger före startdatum.", field="slut")
    _existing_account(book, account)
    fields = dict(owner_id=owner_id, start=start, end=end, account=account)
    if kind is not None:
        fields["kind"] = kind
    with book.transaction():
        if project_id is None:
            p = book.add_project(code, name, **fields)
            if not active:
                book.update_project(p.id, active=0)
        else:
            p = book.update_project(project_id, code=code, name=name, active=int(active), **fields)
        if year_id is not None and grant is not None and (grant or p.id in book.project_grants(year_id)):
            book.set_project_grant(p.id, year_id, grant)
    return book.project(p.id)


def save_project_owner(book: Book, owner_id: int | None, *, name: str, orgnr: str = "",
                       member_id: int | None = None):
    """Add (owner_id None) or change a projektägare; the organisationsnummer is checked
    (check digit) when one is given."""
    orgnr = normalize_orgnr(orgnr) if (orgnr or "").strip() else ""
    if member_id is not None and book.member(member_id) is None:
        raise InputError(f"Medlemmen {member_id} finns inte.", field="medlem")
    if owner_id is None:
        return book.add_counterpart(name, orgnr, member_id)
    book.update_counterpart(owner_id, name=name, orgnr=orgnr, member_id=member_id)
    return book.counterpart(owner_id)
