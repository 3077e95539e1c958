"""The demo book's underlag, attest and leverantörsfakturor (called once by demo.py).

Every verifikation gets a generated PDF underlag (the supplier's invoice, the bank's
payment receipt, the lönelista, the bokslut's calculation ...). Every supplier invoice
already booked on leverantörsskulder is registered as a leverantörsfaktura, with its
payment linked when the payment is booked: the invoices of late December 2025 stay
unpaid. The attestordning has two attestanter a year; every utbetalning and every
leverantörsfaktura is attested a few days after its date. Nothing new is booked: the
ledger's figures are those of the demo without this.
"""

from __future__ import annotations

from datetime import date as _date, timedelta

from ..book import Book
from ..book import underlag as store
from ..money import format_ore

CHIEF = ("Kristina Wallin", "Förbundschef", 150_000_00)
CHAIR = ("Anna Sjöberg", "Ordförande", None)
REGISTRAR = "Jonas Ek"      # ekonomistöd at Kramfors kommun registers the verifikationer


def _plus(day: str, days: int) -> str:
    return (_date.fromisoformat(day) + timedelta(days=days)).isoformat()


def pdf_document(title: str, lines: list[str]) -> bytes:
    """A one-page PDF (A4, Helvetica, WinAnsi: Swedish letters) written by hand: the demo
    makes hundreds, and this costs microseconds each."""
    def esc(t: str) -> bytes:
        return t.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    body = [b"BT /F1 18 Tf 56 780 Td (" + esc(title) + b") Tj ET", b"0.6 w 56 766 m 539 766 l S"]
    y = 740
    for ln in lines:
        body.append(b"BT /F1 10 Tf 56 %d Td (" % y + esc(ln) + b") Tj ET")
        y -= 15
    stream = b"\n".join(body)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n%\xe5\xe4\xf6\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _kr(ore: int) -> str:
    return format_ore(ore) + " kr"


def _underlag_for(book: Book, forbund: str, v, invoice: tuple | None, account_names: dict) -> tuple[str, bytes]:
    rows = [f"{r.account} {account_names.get(r.account, '')[:38]:<38}  {_kr(r.amount):>16}" for r in v.rows]
    if invoice is not None:
        supplier, number, due, amount = invoice
        return f"Faktura {number}.pdf", pdf_document(f"FAKTURA {number}", [
            supplier, "", f"Till: {forbund}", f"Fakturadatum: {v.date}", f"Förfallodag: {due}",
            f"Avser: {v.text.split(': ', 1)[-1]}", "", f"Att betala: {_kr(amount)}",
            "", "Betalas till bankgiro 5555-1234 med fakturanumret som referens."])
    text = v.text
    if text.startswith("Betalning ") or text.startswith("Pensionspremie") or text.startswith("Skattedeklaration"):
        title, name = "BETALNINGSKVITTO", "Betalningskvitto"
    elif text.startswith("Lön"):
        title, name = "LÖNELISTA", "Lönelista"
    elif text.startswith("Driftbidrag") or text.startswith("Ersättning"):
        title, name = "INBETALNINGSAVI", "Inbetalning"
    elif text.startswith("Bankavgifter") or text.startswith("Ränta"):
        title, name = "BANKENS AVRÄKNING", "Avräkning"
    else:
        title, name = "BERÄKNING OCH BESLUT", "Beräkning"
    return f"{name} {v.date}.pdf", pdf_document(title, [forbund, "", f"Datum: {v.date}", f"Avser: {text}", "",
                                                        "Kontering:", *rows])


def add_demo_underlag(book: Book) -> None:
    """Inside the demo's transaction, before 2024 is closed."""
    forbund = book.forbund().namn
    names = {a.number: a.name for a in book.accounts()}
    debt, bank = store.supplier_debt_account(book), book.account_role("bank")
    cps = {c.id: c.name for c in book.counterparts()}
    years = book.years()
    vouchers = [book.voucher(vid) for y in years for vid in store.year_voucher_ids(book, y.id)]
    corrected = {v.corrects_id for v in vouchers if v.corrects_id}
    payments: dict[tuple[str, int], list] = {}
    for v in vouchers:
        if v.text.startswith("Betalning "):
            paid = sum(r.amount for r in v.rows if r.account == debt and r.amount > 0)
            payments.setdefault((v.text[len("Betalning "):], paid), []).append(v)

    invoices, seq = {}, {}
    for v in vouchers:
        credit = [r for r in v.rows if r.account == debt and r.amount < 0 and r.counterpart_id]
        if not credit or v.id in corrected or v.corrects_id:
            continue
        cid, amount = credit[0].counterpart_id, -sum(r.amount for r in credit)
        key = (cid, v.date[:4])
        seq[key] = seq.get(key, 0) + 1
        number = f"{v.date[2:4]}{cid:02d}{seq[key]:03d}"
        due = _plus(v.date, 30)
        base = v.text.replace(" (rättad kontering)", "")
        match = next((p for p in payments.get((base, amount), []) if p.date >= v.date), None)
        if match is not None:
            payments[(base, amount)].remove(match)
        invoices[v.id] = (cps[cid], number, due, amount, cid, match)

    store_ = store.store_of(book)
    for y in years:
        for name, role, limit in (CHIEF, CHAIR):
            store.insert_attestant(book, y.id, name, role, limit)
    made = [_underlag_for(book, forbund, v, invoices[v.id][:4] if v.id in invoices else None, names)
            for v in vouchers]
    digests = store_.put_many([data for _n, data in made])
    for v, (fname, data), digest in zip(vouchers, made, digests):
        inv = invoices.get(v.id)
        store.insert_link(book, voucher_id=v.id, draft_id=None, sha256=digest, file_name=fname,
                          mime="application/pdf", size=len(data))
        if inv is not None:
            supplier, number, due, amount, cid, match = inv
            iid = store.insert_invoice(book, counterpart_id=cid, invoice_number=number, invoice_date=v.date,
                                       due_date=due, amount=amount, project_id=None,
                                       text=v.text.split(": ", 1)[-1], voucher_id=v.id, registered_by=REGISTRAR)
            if match is not None:
                store.set_invoice_paid(book, iid, match.id, match.date)
    for y in years:
        for vid in store.payments_and_invoices(book, y.id, bank, debt):
            v = book.voucher(vid)
            amount = sum(r.amount for r in v.rows if r.amount > 0)
            who = CHAIR[0] if amount > CHIEF[2] or v.text.startswith("Lön") else CHIEF[0]
            store.set_registrar(book, vid, REGISTRAR)
            store.insert_attest(book, vid, who, f"{_plus(v.date, 2)}T09:30:00Z")
    book.audit("demo.underlag", vouchers=len(vouchers), invoices=len(invoices))
