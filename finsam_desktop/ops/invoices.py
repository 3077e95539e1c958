"""Leverantörsfakturor: registered and booked as leverantörsskuld in one change, listed
as unpaid and overdue, and marked paid when the payment is booked here or matched from
the bank statement (`mark_paid_from_bank`). The same invoice number from the same
supplier is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date
from typing import Sequence

from ..book import Book, VoucherRow
from ..book import underlag as store
from ..book.underlag import SupplierInvoice
from ..book.validate import parse_date
from ..errors import InputError, RuleError
from ..money import format_ore
from .underlag import UnderlagFile, attach


def debt_account(book: Book) -> int:
    """The leverantörsskulder account (2440 in Kommun-BAS)."""
    return store.supplier_debt_account(book)


def invoices(book: Book, *, unpaid_only: bool = False) -> list[SupplierInvoice]:
    return store.invoices(book, unpaid_only=unpaid_only)


def invoice(book: Book, invoice_id: int) -> SupplierInvoice:
    inv = store.invoice(book, invoice_id)
    if inv is None:
        raise InputError(f"Leverantörsfakturan {invoice_id} finns inte.", field="faktura")
    return inv


@dataclass(frozen=True)
class OpenInvoices:
    today: str
    unpaid: tuple[SupplierInvoice, ...]

    @property
    def overdue(self) -> tuple[SupplierInvoice, ...]:
        return tuple(i for i in self.unpaid if i.is_overdue(self.today))

    @property
    def total(self) -> int:
        return sum(i.amount for i in self.unpaid)


def open_invoices(book: Book, today: str | None = None) -> OpenInvoices:
    """The unpaid invoices (due date order) and which of them are overdue on `today`."""
    today = parse_date(today, field="datum") if today else _date.today().isoformat()
    return OpenInvoices(today, tuple(store.invoices(book, unpaid_only=True)))


def _supplier(book: Book, supplier: int | str) -> int:
    if isinstance(supplier, int):
        if book.counterpart(supplier) is None:
            raise InputError(f"Leverantören {supplier} finns inte bland motparterna.", field="leverantör")
        return supplier
    cp = book.counterpart_by_name((supplier or "").strip())
    if cp is None:
        raise InputError(f"Leverantören ”{supplier}” finns inte bland motparterna; lägg in den först.",
                         field="leverantör")
    return cp.id


def _check(book: Book, counterpart_id: int, number: str, invoice_date: str, due_date: str, amount: int):
    number = (number or "").strip()
    if not number:
        raise InputError("Ange fakturanumret.", field="fakturanummer")
    invoice_date = parse_date(invoice_date, field="fakturadatum")
    due_date = parse_date(due_date, field="förfallodag")
    if due_date < invoice_date:
        raise InputError(f"Förfallodagen {due_date} ligger före fakturadatumet {invoice_date}.",
                         field="förfallodag")
    if not isinstance(amount, int) or amount <= 0:
        raise InputError("Fakturans belopp måste vara större än noll.", field="belopp")
    if store.invoice_exists(book, counterpart_id, number):
        name = book.counterpart(counterpart_id).name
        raise RuleError(f"Faktura {number} från {name} är redan registrerad; samma faktura kan inte "
                        "registreras två gånger.", field="fakturanummer")
    return number, invoice_date, due_date


def register_invoice(book: Book, *, supplier: int | str, invoice_number: str, invoice_date: str,
                     due_date: str, amount: int, account: int, moms: int = 0, project_id: int | None = None,
                     text: str = "", files: Sequence[UnderlagFile] = (), registered_by: str = "",
                     series: str = "A") -> SupplierInvoice:
    """Register a leverantörsfaktura and book it as leverantörsskuld on its invoice date:
    debit the cost `account` (with insats) amount − moms, debit momsfordran `moms`, credit
    leverantörsskulder `amount` (incl. moms). Its underlag go with the verifikation. One
    change: a refusal writes nothing."""
    cid = _supplier(book, supplier)
    number, invoice_date, due_date = _check(book, cid, invoice_number, invoice_date, due_date, amount)
    if not isinstance(moms, int) or not 0 <= moms < amount:
        raise InputError("Momsen måste vara noll eller mindre än fakturans belopp.", field="moms")
    name = book.counterpart(cid).name
    vtext = f"{name}: faktura {number}" + (f", {text.strip()}" if text.strip() else "")
    rows = [VoucherRow(account, amount - moms, project_id, cid)]
    if moms:
        rows.append(VoucherRow(1640, moms))
    rows.append(VoucherRow(debt_account(book), -amount, None, cid))
    book.check_voucher(invoice_date, rows, text=vtext)  # refusals before anything is written
    with book.transaction():
        v = book.book_voucher(invoice_date, vtext, rows, series=series)
        iid = store.insert_invoice(book, counterpart_id=cid, invoice_number=number, invoice_date=invoice_date,
                                   due_date=due_date, amount=amount, project_id=project_id, text=text.strip(),
                                   voucher_id=v.id, registered_by=(registered_by or "").strip())
        if registered_by.strip():
            store.set_registrar(book, v.id, registered_by.strip())
        book.audit("invoice.register", id=iid, supplier=name, number=number, amount=amount, voucher_id=v.id)
        if files:
            attach(book, files, voucher_id=v.id)
    return store.invoice(book, iid)


def _debt_rows(book: Book, voucher_id: int, sign: int, counterpart_id: int) -> int:
    v = book.voucher(voucher_id)
    acc = debt_account(book)
    return sum(r.amount for r in v.rows if r.account == acc and r.amount * sign > 0
               and r.counterpart_id in (None, counterpart_id)) * sign


def link_invoice(book: Book, *, supplier: int | str, invoice_number: str, invoice_date: str, due_date: str,
                 amount: int, voucher_id: int, project_id: int | None = None, text: str = "",
                 registered_by: str = "") -> SupplierInvoice:
    """Register an invoice whose leverantörsskuld is already booked (e.g. imported from
    SIE): the verifikation must credit leverantörsskulder with at least the amount."""
    cid = _supplier(book, supplier)
    number, invoice_date, due_date = _check(book, cid, invoice_number, invoice_date, due_date, amount)
    v = book.voucher(voucher_id)
    if v is None:
        raise InputError(f"Verifikationen {voucher_id} finns inte.", field="verifikation")
    if _debt_rows(book, voucher_id, -1, cid) < amount:
        raise RuleError(f"Verifikation {v.ref} bokför ingen leverantörsskuld på {format_ore(amount)} kr "
                        f"(konto {debt_account(book)}).", field="verifikation")
    with book.transaction():
        iid = store.insert_invoice(book, counterpart_id=cid, invoice_number=number, invoice_date=invoice_date,
                                   due_date=due_date, amount=amount, project_id=project_id, text=text,
                                   voucher_id=voucher_id, registered_by=registered_by)
        book.audit("invoice.link", id=iid, number=number, voucher_id=voucher_id)
    return store.invoice(book, iid)


def mark_paid_from_bank(book: Book, invoice_id: int, payment_voucher_id: int) -> SupplierInvoice:
    """Mark the invoice paid by a booked payment verifikation (from a bank statement match
    or booked by hand): the verifikation must debit leverantörsskulder with at least the
    invoice's amount, beyond what other invoices it pays already take. Refuses an invoice
    already paid."""
    inv = invoice(book, invoice_id)
    if inv.is_paid:
        pv = book.voucher(inv.payment_voucher_id)
        raise RuleError(f"Faktura {inv.invoice_number} från {inv.supplier} är redan markerad som betald "
                        f"({inv.paid_on}, verifikation {pv.ref}).", field="faktura")
    v = book.voucher(payment_voucher_id)
    if v is None:
        raise InputError(f"Verifikationen {payment_voucher_id} finns inte.", field="verifikation")
    if v.date < inv.invoice_date:
        raise RuleError(f"Betalningen {v.ref} ({v.date}) är daterad före fakturan ({inv.invoice_date}).")
    taken = sum(store.invoice(book, i).amount for i in store.invoice_paid_by(book, payment_voucher_id))
    if _debt_rows(book, payment_voucher_id, 1, inv.counterpart_id) - taken < inv.amount:
        raise RuleError(f"Verifikation {v.ref} betalar inte {format_ore(inv.amount)} kr av leverantörsskulden "
                        f"(debet konto {debt_account(book)}) för faktura {inv.invoice_number}.",
                        field="verifikation")
    with book.transaction():
        store.set_invoice_paid(book, invoice_id, payment_voucher_id, v.date)
        book.audit("invoice.paid", id=invoice_id, voucher_id=payment_voucher_id)
    return store.invoice(book, invoice_id)


def pay_invoice(book: Book, invoice_id: int, date: str, *, registered_by: str = "",
                series: str = "A") -> SupplierInvoice:
    """Book the payment of an attested invoice (debit leverantörsskulder, credit the bank
    account) and mark it paid, in one change. The attestordning: no payment before attest."""
    inv = invoice(book, invoice_id)
    if inv.is_paid:
        return mark_paid_from_bank(book, invoice_id, inv.payment_voucher_id)  # raises: already paid
    date = parse_date(date, field="betaldatum")
    if inv.voucher_id is None or store.attest_of(book, inv.voucher_id) is None:
        raise RuleError(f"Faktura {inv.invoice_number} från {inv.supplier} är inte attesterad; den kan "
                        "inte betalas förrän en attestant har attesterat den.", field="attest")
    rows = [VoucherRow(debt_account(book), inv.amount, None, inv.counterpart_id),
            VoucherRow(book.account_role("bank"), -inv.amount)]
    with book.transaction():
        v = book.book_voucher(date, f"Betalning {inv.supplier}: faktura {inv.invoice_number}", rows, series=series)
        if registered_by.strip():
            store.set_registrar(book, v.id, registered_by.strip())
        return mark_paid_from_bank(book, invoice_id, v.id)
