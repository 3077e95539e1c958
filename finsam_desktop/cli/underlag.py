"""finsam attach, attachments, attestants, attest, unattested, attest-sample, invoice,
invoices and pay-invoice: underlag, attest and leverantörsfakturor from the command line."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date as _date
from pathlib import Path

from ..book import Book, VoucherFilter
from ..book.validate import parse_account_number
from ..errors import BookFileError, InputError
from ..money import format_ore, parse_kr
from ..ops import attest as attest_ops
from ..ops import invoices as invoice_ops
from ..ops import underlag as underlag_ops
from .common import book_and_year, heavy, open_book, out, year_arg, YEAR_HELP


def register(sub) -> None:
    p = sub.add_parser("attach", help="bifoga underlag (PDF, JPEG, PNG) till en verifikation eller ett utkast")
    p.add_argument("path", metavar="BOK")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--voucher", help="verifikationen, t.ex. ”A 12”")
    target.add_argument("--draft", type=int, help="utkastets nummer")
    p.add_argument("--year", help=YEAR_HELP)
    p.add_argument("files", nargs="+", metavar="FIL")
    p.set_defaults(func=cmd_attach)

    p = sub.add_parser("attachments", help="lista underlag, eller skriv ut dem som filer")
    p.add_argument("path", metavar="BOK")
    p.add_argument("--voucher", help="bara verifikationen, t.ex. ”A 12”")
    p.add_argument("--year", help=YEAR_HELP)
    p.add_argument("--extract", metavar="MAPP", help="skriv underlagen namngivna efter verifikation och en "
                                                    "förteckning (index.csv) till mappen")
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")
    p.set_defaults(func=cmd_attachments)

    p = sub.add_parser("attestants", help="attestanter enligt attestordningen (per år)")
    book_and_year(p, metavar="BOK")
    p.add_argument("--add", metavar="NAMN", help="lägg till en attestant")
    p.add_argument("--role", default="", help="attestantens roll, t.ex. Förbundschef")
    p.add_argument("--limit", metavar="KRONOR", help="beloppsgräns i kronor (utan: ingen gräns)")
    p.add_argument("--remove", metavar="NAMN", help="ta bort en attestant från årets register")
    p.set_defaults(func=cmd_attestants)

    p = sub.add_parser("attest", help="attestera en bokförd verifikation")
    p.add_argument("path", metavar="BOK")
    p.add_argument("--voucher", required=True, help="verifikationen, t.ex. ”A 12”")
    p.add_argument("--year", help=YEAR_HELP)
    p.add_argument("--attestant", required=True, help="attestantens namn (som i registret)")
    p.set_defaults(func=cmd_attest)

    p = sub.add_parser("unattested", help="utbetalningar och leverantörsfakturor som inte är attesterade")
    book_and_year(p, metavar="BOK")
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")
    p.set_defaults(func=cmd_unattested)

    p = sub.add_parser("attest-sample", help="internkontroll: stickprov av verifikationer med underlag och attest")
    book_and_year(p, metavar="BOK")
    p.add_argument("--count", type=int, default=10, help="antal verifikationer (standard 10)")
    p.add_argument("--seed", type=int, help="slumptal (samma ger samma urval); utan: dagens datum")
    p.add_argument("--out", required=True, metavar="MAPP", help="mappen där stickprovet skrivs")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("invoice", help="registrera och bokför en leverantörsfaktura")
    p.add_argument("path", metavar="BOK")
    p.add_argument("--supplier", required=True, help="leverantören (motpart)")
    p.add_argument("--number", required=True, help="fakturanummer")
    p.add_argument("--date", required=True, help="fakturadatum (ÅÅÅÅ-MM-DD)")
    p.add_argument("--due", required=True, help="förfallodag (ÅÅÅÅ-MM-DD)")
    p.add_argument("--amount", required=True, help="att betala i kronor, moms inräknad")
    p.add_argument("--account", required=True, help="kostnadskonto")
    p.add_argument("--moms", help="moms i kronor (bokförs på 1640)")
    p.add_argument("--insats", help="insatsens kod")
    p.add_argument("--text", default="", help="vad fakturan avser")
    p.add_argument("--by", default="", help="vem som registrerar fakturan")
    p.add_argument("--file", action="append", default=[], metavar="FIL",
                   help="underlag (fakturan som PDF eller bild); kan anges flera gånger")
    p.set_defaults(func=cmd_invoice)

    p = sub.add_parser("invoices", help="leverantörsfakturor: obetalda och förfallna")
    p.add_argument("path", metavar="BOK")
    p.add_argument("--all", action="store_true", help="även betalda")
    p.add_argument("--today", help="dagens datum för förfallna (ÅÅÅÅ-MM-DD); utan: dagens")
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")
    p.set_defaults(func=cmd_invoices)

    p = sub.add_parser("pay-invoice", help="bokför betalningen av en attesterad leverantörsfaktura, "
                                           "eller koppla en bokförd betalning")
    p.add_argument("path", metavar="BOK")
    p.add_argument("invoice", type=int, metavar="FAKTURA-ID")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--date", help="bokför betalningen detta datum (ÅÅÅÅ-MM-DD)")
    g.add_argument("--voucher", help="betalningen är redan bokförd på verifikationen, t.ex. ”A 80”")
    p.add_argument("--year", help="räkenskapsåret för --voucher (ÅÅÅÅ)")
    p.add_argument("--by", default="", help="vem som registrerar betalningen")
    p.set_defaults(func=cmd_pay)


def _voucher(book: Book, ref: str, year_label) -> int:
    return underlag_ops.voucher_by_ref(book, ref, year_arg(book, year_label).id)


def cmd_attach(args) -> int:
    with open_book(args.path) as book:
        if args.voucher:
            found = underlag_ops.attach_files(book, args.files, voucher_id=_voucher(book, args.voucher, args.year))
        else:
            found = underlag_ops.attach_files(book, args.files, draft_id=args.draft)
        for a in found:
            where = a.ref or f"utkast {a.draft_id}"
            out(f"{where}: {a.file_name} ({a.size} byte, SHA-256 {a.sha256})")
    return 0


def cmd_attachments(args) -> int:
    with open_book(args.path, read_only=not args.extract) as book:
        year = year_arg(book, args.year)
        vid = _voucher(book, args.voucher, args.year) if args.voucher else None
        found = underlag_ops.list_attachments(book, voucher_id=vid, year_id=None if vid else year.id)
        if args.extract:
            written = underlag_ops.export_attachments(book, args.extract, voucher_id=vid,
                                                      year_id=None if vid else year.id)
            out(f"{len(written)} underlag skrivna till {args.extract} (förteckning: index.csv).")
            return 0
        if args.json:
            out(json.dumps([asdict(a) for a in found], ensure_ascii=False, indent=2))
            return 0
        for a in found:
            out(f"{a.ref:<8} {a.date}  {a.file_name:<40} {a.size:>10} byte  {a.sha256[:16]}…")
        out(f"{len(found)} underlag.")
    return 0


def cmd_attestants(args) -> int:
    with open_book(args.path) as book:
        year = year_arg(book, args.year)
        if args.add:
            limit = parse_kr(args.limit, field="beloppsgräns") if args.limit else None
            attest_ops.add_attestant(book, year.id, args.add, role=args.role, limit=limit)
        if args.remove:
            attest_ops.remove_attestant(book, year.id, args.remove)
        for a in attest_ops.attestants(book, year.id):
            limit = f"{format_ore(a.limit)} kr" if a.limit else "ingen gräns"
            out(f"{a.name:<28} {a.role:<20} {limit}")
    return 0


def cmd_attest(args) -> int:
    with open_book(args.path) as book:
        vid = _voucher(book, args.voucher, args.year)
        done = attest_ops.attest(book, vid, args.attestant)
        out(f"{book.voucher(vid).ref} attesterad av {done.attestant} {done.attested_at}.")
    return 0


def cmd_unattested(args) -> int:
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        rows = attest_ops.unattested(book, year.id)
        if args.json:
            out(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
            return 0
        for r in rows:
            out(f"{r.ref:<8} {r.date}  {r.text[:50]:<50} {format_ore(r.amount):>14}")
        out(f"{len(rows)} ej attesterade utbetalningar och leverantörsfakturor {year.label}.")
    return 0


def cmd_sample(args) -> int:
    folder = Path(args.out)
    if not folder.is_dir():
        raise BookFileError(f"Mappen {folder} finns inte.", path=str(folder))
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        seed = args.seed if args.seed is not None else int(_date.today().strftime("%Y%m%d"))
        items = attest_ops.control_sample(book, year.id, args.count, seed=seed)
        exported = {}
        for it in items:
            for path, a in underlag_ops.export_attachments(book, folder, voucher_id=it.voucher.id, index_name=None):
                exported[a.id] = path.name
        entries = attest_ops.sample_entries(book, items, exported)
        sample = heavy("finsam_desktop.render.attest_sample")  # reportlab: only this command needs it
        doc = sample.SampleDoc(book.forbund().namn, year.label, seed, book.count_vouchers(VoucherFilter(year_id=year.id)),
                               tuple(sample.SampleEntry(**e) for e in entries))
        target = sample.render_sample_pdf(doc, folder / f"Stickprov {year.label}.pdf")
        out(f"Stickprov med {len(items)} verifikationer: {target} (underlagen bredvid).")
    return 0


def cmd_invoice(args) -> int:
    with open_book(args.path) as book:
        project_id = None
        if args.insats:
            pr = book.project_by_code(args.insats)
            if pr is None:
                raise InputError(f"Insatsen ”{args.insats}” finns inte.", field="insats")
            project_id = pr.id
        files = [underlag_ops.read_underlag(f) for f in args.file]
        inv = invoice_ops.register_invoice(
            book, supplier=args.supplier, invoice_number=args.number, invoice_date=args.date, due_date=args.due,
            amount=parse_kr(args.amount, field="belopp"), account=parse_account_number(args.account),
            moms=parse_kr(args.moms, field="moms") if args.moms else 0, project_id=project_id, text=args.text,
            files=files, registered_by=args.by)
        v = book.voucher(inv.voucher_id)
        out(f"Faktura {inv.invoice_number} från {inv.supplier} registrerad (id {inv.id}) och bokförd som "
            f"{v.ref}: {format_ore(inv.amount)} kr, förfaller {inv.due_date}.")
    return 0


def cmd_invoices(args) -> int:
    with open_book(args.path, read_only=True) as book:
        status = invoice_ops.open_invoices(book, args.today)
        rows = invoice_ops.invoices(book) if args.all else list(status.unpaid)
        if args.json:
            out(json.dumps([dict(asdict(i), overdue=i.is_overdue(status.today)) for i in rows],
                           ensure_ascii=False, indent=2))
            return 0
        for i in rows:
            state = (f"betald {i.paid_on}" if i.is_paid else
                     "FÖRFALLEN" if i.is_overdue(status.today) else "obetald")
            out(f"{i.id:>5} {i.supplier[:30]:<30} {i.invoice_number:<12} {i.due_date}  "
                f"{format_ore(i.amount):>14}  {state}")
        out(f"{len(status.unpaid)} obetalda ({format_ore(status.total)} kr), varav {len(status.overdue)} "
            f"förfallna den {status.today}.")
    return 0


def cmd_pay(args) -> int:
    with open_book(args.path) as book:
        if args.voucher:
            inv = invoice_ops.mark_paid_from_bank(book, args.invoice, _voucher(book, args.voucher, args.year))
        else:
            inv = invoice_ops.pay_invoice(book, args.invoice, args.date, registered_by=args.by)
        out(f"Faktura {inv.invoice_number} från {inv.supplier} betald {inv.paid_on} "
            f"({book.voucher(inv.payment_voucher_id).ref}).")
    return 0
