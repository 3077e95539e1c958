"""Mallar: save a recurring verifikation once (from a form or a booked verifikation),
list, rename and delete them, and use one with a date.

Using a mall gives the content of a new verifikation (date, text, rows); the desktop
program puts it in a verifikation form where only Bokför books it. One row without an
amount gets the difference that balances the verifikation; with more than one such row
the amounts are left for the user. `book_template` (the command line) books only a mall
whose every amount is given (or filled by the difference) and that balances."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..book import Book, Voucher, VoucherRow
from ..book.templates import (Template, TemplateRow, delete_template as _delete, rename_template as _rename,
                              save_template as _save, template_by_name, templates)
from ..book.validate import parse_date
from ..errors import InputError, RuleError
from ..money import format_ore

__all__ = ["Template", "TemplateRow", "TemplateUse", "templates", "template_by_name", "save_template",
           "save_template_from_voucher", "rename_template", "delete_template", "use_template",
           "book_template", "balancing_amount", "add_demo_templates"]


@dataclass(frozen=True)
class TemplateUse:
    """A mall made into the content of a new verifikation."""
    date: str
    text: str
    rows: tuple[TemplateRow, ...]   # amounts filled where they could be; None: for the user
    filled_row: int | None          # index of the row that got the difference

    def voucher_rows(self) -> list[VoucherRow]:
        """The rows for a verifikation form (an empty amount shows as an empty cell)."""
        return [VoucherRow(r.account, r.amount or 0, r.project_id, r.counterpart_id, r.text) for r in self.rows]

    @property
    def complete(self) -> bool:
        return all(r.account is not None and r.amount for r in self.rows)

    @property
    def difference(self) -> int:
        return sum(r.amount or 0 for r in self.rows)


def balancing_amount(amounts: Sequence[int | None], index: int) -> int:
    """The amount that, put in row `index`, makes the rows balance (ledger sign)."""
    return -sum(a or 0 for i, a in enumerate(amounts) if i != index)


def _check_rows(book: Book, rows: Sequence[TemplateRow]) -> None:
    used = [r for r in rows if r.account is not None or r.amount or r.text.strip()]
    if not used:
        raise InputError("Mallen har inga rader.", field="rader")
    accounts = {a.number for a in book.accounts()}
    for i, r in enumerate(used, 1):
        if r.account is None:
            raise InputError(f"Rad {i} i mallen saknar konto.", field="rader")
        if r.account not in accounts:
            raise InputError(f"Rad {i} i mallen: konto {r.account} finns inte i kontoplanen.", field="rader")


def _as_row(r) -> TemplateRow:
    """A TemplateRow from a VoucherRow, a TemplateRow or a tuple (account, amount[, project_id,
    counterpart_id, text]); an amount 0 or None is empty."""
    if isinstance(r, tuple) and not hasattr(r, "account"):
        r = TemplateRow(*r)
    return TemplateRow(r.account, r.amount or None, r.project_id, r.counterpart_id, (r.text or "").strip())


def save_template(book: Book, name: str, text: str, rows: Sequence, *, replace: bool = False) -> Template:
    """Save a mall from a form's content. A row's amount 0 or None is saved as empty
    (to be filled when the mall is used)."""
    trows = [_as_row(r) for r in rows]
    trows = [r for r in trows if r.account is not None or r.amount or r.text]
    _check_rows(book, trows)
    return _save(book, name, text.strip(), trows, replace=replace)


def save_template_from_voucher(book: Book, voucher_id: int, name: str, *, replace: bool = False) -> Template:
    """A mall with the rows of a booked verifikation (every amount kept)."""
    v = book.voucher(voucher_id)
    if v is None:
        raise RuleError(f"Verifikationen {voucher_id} finns inte.")
    return save_template(book, name, v.text, v.rows, replace=replace)


def _existing(book: Book, name: str) -> Template:
    t = template_by_name(book, name)
    if t is None:
        names = ", ".join(x.name for x in templates(book)) or "inga"
        raise InputError(f"Det finns ingen mall som heter ”{name.strip()}” (mallar: {names}).", field="mall")
    return t


def rename_template(book: Book, name: str, new_name: str) -> Template:
    t = _existing(book, name)
    _rename(book, t.id, new_name)
    return template_by_name(book, new_name)


def delete_template(book: Book, name: str) -> None:
    _delete(book, _existing(book, name).id)


def use_template(book: Book, name: str, date: str) -> TemplateUse:
    """The content of a new verifikation from mall `name` dated `date` (in an open year).
    Exactly one row without an amount gets the difference; more are left empty."""
    t = _existing(book, name)
    date = parse_date(date, field="datum")
    year = book.year_of_date(date)
    if year is None:
        raise InputError(f"Datumet {date} ligger inte i något räkenskapsår i boken.", field="datum")
    if year.is_closed:
        raise RuleError(f"Räkenskapsåret {year.label} är stängt; välj ett datum i ett öppet år.", field="datum")
    rows = list(t.rows)
    empty = [i for i, r in enumerate(rows) if not r.amount]
    filled = None
    if len(empty) == 1:
        filled = empty[0]
        r = rows[filled]
        amount = balancing_amount([x.amount for x in rows], filled)
        rows[filled] = TemplateRow(r.account, amount or None, r.project_id, r.counterpart_id, r.text)
    return TemplateUse(date, t.text or t.name, tuple(rows), filled)


def book_template(book: Book, name: str, date: str) -> Voucher:
    """Book mall `name` on `date` (the command line): only when every amount is given
    (one empty row may take the difference) and it balances."""
    use = use_template(book, name, date)
    missing = [i for i, r in enumerate(use.rows, 1) if not r.amount]
    if missing:
        rows = ", ".join(str(i) for i in missing)
        raise RuleError(f"Mallen ”{name.strip()}” har rader utan belopp (rad {rows}); fyll i dem i "
                        "verifikationsformuläret (Bokföring → Mallar) i stället.", field="mall")
    if use.difference:
        raise RuleError(f"Mallen ”{name.strip()}” balanserar inte: differensen är "
                        f"{format_ore(abs(use.difference))} kr.", field="mall")
    return book.book_voucher(use.date, use.text, use.voucher_rows())


# ---------------------------------------------------------------------- the demo book
# (name, text, rows: account, amount in öre or None, row text). Kommun-BAS accounts of
# the demo chart: lokalhyra with moms on a leverantörsskuld, the förbundschef's lön
# (net pay by the difference), the styrelse's arvoden (amounts per meeting to fill).
DEMO_TEMPLATES = (
    ("Hyra", "Ådalsfastigheter AB: lokalhyra", (
        (6110, 5_200_00, "Lokalhyra"), (1640, 1_300_00, "Ingående moms 25 %"),
        (2440, -6_500_00, "Ådalsfastigheter AB"))),
    ("Löner", "Lön förbundschef", (
        (5010, 45_500_00, "Månadslön"), (5410, 14_296_10, "Arbetsgivaravgifter 31,42 %"),
        (2710, -13_650_00, "Källskatt 30 %"), (2730, -14_296_10, "Arbetsgivaravgifter"),
        (1930, None, "Nettolön"))),
    ("Arvoden styrelsen", "Arvoden styrelsemöte", (
        (5050, None, "Arvoden"), (5410, None, "Arbetsgivaravgifter"), (2710, None, "Källskatt"),
        (2730, None, "Arbetsgivaravgifter"), (1930, None, "Utbetalt"))),
)


def add_demo_templates(book: Book) -> None:
    """The demo book's three mallar."""
    with book.transaction():
        for name, text, rows in DEMO_TEMPLATES:
            save_template(book, name, text, [TemplateRow(a, amt, None, None, t) for a, amt, t in rows])
