"""A 2021 book with three of Kramfors' insatser, granted and partly invoiced, and the
interimsskulder of their year end (Kramfors 2021, not 6): shared by the accrual, form
and follow-up tests.

    projects = kramfors(book)
    book_accruals(book, "2021-12-31", year_end_entries(projects))
"""

from __future__ import annotations

from finsam_desktop.book import Book
from finsam_desktop.closing.accruals import AccrualEntry

# code, name, beviljat 2021, invoiced during 2021, interimsskuld 31 December (Kramfors not 6)
INSATSER = [
    ("101", "StegSam", 943_000_00, 450_837_00, 492_163_00),
    ("102", "Koordinator/Coach Samkraft", 590_000_00, 268_047_00, 321_953_00),
    ("103", "StegSam+", 330_000_00, 151_064_00, 178_936_00),
]


def kramfors(book: Book) -> dict[str, object]:
    """Three insatser run by Kramfors kommun, granted and partly invoiced in 2021."""
    owner = book.add_counterpart("Kramfors kommun")
    other = book.add_counterpart("Region Västernorrland")
    y = book.years()[0]
    book.set_opening_balances(y.id, {1930: 1_000_000_00, 2010: -1_000_000_00})
    projects = {}
    for code, name, grant, invoiced, _ in INSATSER:
        p = book.add_project(code, name, owner_id=owner.id)
        projects[code] = p
        book.set_project_grant(p.id, y.id, grant)
        book.book_voucher("2021-10-29", f"Faktura jan–sep {name}",
                          [(4530, invoiced, p.id, owner.id), (1930, -invoiced)])
    projects["owner"] = owner
    projects["other"] = other
    return projects


def year_end_entries(projects) -> list[AccrualEntry]:
    return [AccrualEntry(amount=accrued, project_id=projects[code].id)
            for code, _n, _g, _i, accrued in INSATSER]
