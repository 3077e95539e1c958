"""`finsam bank-import`, `bank-csv`, `bank-match`, `bank-rule` and `reconcile`: the
bank statement, matching and the reconciliation (avstämning)."""

from __future__ import annotations

import json
from pathlib import Path

from ..bank.csvfile import PRESETS, CsvMapping
from ..book.validate import parse_date
from ..errors import InputError
from ..money import format_ore
from ..ops import bank
from .common import heavy, open_book, out


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("bank-import", help="läs in ett kontoutdrag (camt.053 eller CSV) och matcha raderna")
    p.add_argument("book", metavar="BOK")
    p.add_argument("file", metavar="FIL", help="kontoutdraget (.xml camt.053 eller .csv)")
    p.add_argument("--account", type=int, metavar="KONTO", help="bankkontot i boken (standard: bokens bankkonto, 1930)")
    p.add_argument("--json", action="store_true", help="skriv resultatet som ett JSON-objekt")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("bank-csv", help="ange en gång hur bankens CSV-filer för kontot ser ut")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--account", type=int, metavar="KONTO")
    p.add_argument("--bank", choices=sorted(PRESETS), help="bankens exportformat")
    p.add_argument("--date", help="kolumnen med bokföringsdag")
    p.add_argument("--text", help="kolumnen (eller kolumnerna, kommaseparerade) med text")
    p.add_argument("--amount", help="kolumnen med belopp (med tecken)")
    p.add_argument("--debit", help="kolumnen med uttag, i stället för --amount")
    p.add_argument("--credit", help="kolumnen med insättningar, i stället för --amount")
    p.add_argument("--balance", default="", help="kolumnen med saldo")
    p.add_argument("--delimiter", default=";", help="avgränsare (standard ;)")
    p.add_argument("--skip", type=int, default=0, help="antal rader före rubrikraden")
    p.set_defaults(func=cmd_csv)

    p = sub.add_parser("bank-match", help="visa, bekräfta eller gör matchningar mellan bankrader och verifikationer")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--account", type=int, metavar="KONTO")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--confirm", type=int, nargs="*", metavar="RAD", help="bekräfta förslagen (utan RAD: alla)")
    g.add_argument("--line", type=int, metavar="RAD", help="matcha bankraden för hand mot --voucher")
    g.add_argument("--unmatch", type=int, metavar="RAD", help="ta bort bankradens matchning")
    g.add_argument("--find", action="store_true", help="sök förslag igen för omatchade rader")
    p.add_argument("--voucher", type=int, nargs="+", metavar="VER-ID", help="verifikationer (id) för --line")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_match)

    p = sub.add_parser("bank-rule", help="regler som föreslår verifikationer för omatchade bankrader")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--add", nargs=2, metavar=("TEXT", "KONTO"), help="ny regel: bankradens text innehåller TEXT")
    p.add_argument("--verifikationstext", default="", help="verifikationens text för --add")
    p.add_argument("--delete", type=int, metavar="ID")
    p.add_argument("--book-proposals", action="store_true",
                   help="bokför verifikationerna som regler och mallar föreslår för omatchade rader")
    p.add_argument("--account", type=int, metavar="KONTO")
    p.set_defaults(func=cmd_rule)

    p = sub.add_parser("reconcile", help="bankavstämning: bankens saldo, bokens saldo och det som skiljer")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--to", required=True, metavar="DATUM", help="avstämningsdagen (ÅÅÅÅ-MM-DD)")
    p.add_argument("--account", type=int, metavar="KONTO")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FIL.pdf", help="skriv avstämningen som PDF för underskrift")
    p.add_argument("--months", action="store_true",
                   help="avstämningen vid varje månadsslut i räkenskapsåret fram till DATUM")
    p.set_defaults(func=cmd_reconcile)


def cmd_import(args) -> int:
    with open_book(args.book) as book:
        res = bank.import_statement(book, args.file, account=args.account)
    if args.json:
        out(json.dumps(res.to_json(), ensure_ascii=False))
        return 0
    out(f"Läste {res.file} ({res.format}): {res.lines} rader i {res.statements} kontoutdrag till konto {res.account}.")
    out(f"  {res.new} nya, {res.duplicates} redan inlästa (dubbletter), {res.matched} med förslag på "
        f"verifikation, {res.unmatched} utan.")
    if res.bound:
        out(f"  Bankkontot {res.bound} kopplades till konto {res.account}.")
    for gap in res.gaps:
        out(f"  Varning: {gap}")
    if res.matched:
        out("Bekräfta förslagen med finsam bank-match BOK --confirm.")
    return 0


def cmd_csv(args) -> int:
    if args.bank:
        mapping: CsvMapping | str = args.bank
    else:
        if not args.date or not args.text or not (args.amount or (args.debit and args.credit)):
            raise InputError("Ange --bank, eller --date, --text och --amount (eller --debit och --credit).",
                             field="--bank")
        texts = tuple(t.strip() for t in args.text.split(","))
        mapping = CsvMapping(date=args.date, text=texts[0] if len(texts) == 1 else texts, amount=args.amount or "",
                             debit=args.debit or "", credit=args.credit or "", balance=args.balance,
                             delimiter=args.delimiter, skip_lines=args.skip)
    with open_book(args.book) as book:
        m = bank.set_csv_mapping(book, args.account, mapping)
    out(f"Kolumnmappningen ({m.name}) sparades: datum {m.date}, text {', '.join(m.texts())}, "
        f"belopp {m.amount or f'{m.debit}/{m.credit}'}{f', saldo {m.balance}' if m.balance else ''}.")
    return 0


def cmd_match(args) -> int:
    with open_book(args.book) as book:
        number = args.account or book.account_role("bank")
        if args.confirm is not None:
            n = bank.confirm_matches(book, args.confirm or None, account=number)
            out(f"{n} matchningar bekräftades.")
        elif args.line is not None:
            if not args.voucher:
                raise InputError("Ange verifikationerna med --voucher.", field="--voucher")
            bank.match_by_hand(book, args.line, args.voucher)
            out(f"Bankrad {args.line} matchades mot {len(args.voucher)} verifikation(er).")
        elif args.unmatch is not None:
            bank.unmatch(book, args.unmatch)
            out(f"Bankrad {args.unmatch} är inte längre matchad.")
        elif args.find:
            out(f"{bank.find_matches(book, number)} nya förslag.")
        lines = book.bank_lines(number)
    if args.json:
        out(json.dumps([dict(id=ln.id, datum=ln.booking_date, belopp=ln.amount, text=ln.text, status=ln.status,
                             verifikationer=list(ln.voucher_ids)) for ln in lines], ensure_ascii=False))
        return 0
    if args.confirm is None and args.line is None and args.unmatch is None and not args.find:
        for ln in lines:
            if ln.status != "matchad":
                vids = ", ".join(map(str, ln.voucher_ids))
                out(f"{ln.id:>6}  {ln.booking_date}  {format_ore(ln.amount):>14}  {ln.status:<9} {vids:<10} {ln.text}")
        done = sum(1 for ln in lines if ln.status == "matchad")
        out(f"{done} av {len(lines)} bankrader är matchade och bekräftade.")
    return 0


def cmd_rule(args) -> int:
    with open_book(args.book) as book:
        if args.add:
            pattern, account = args.add
            if not account.isdigit():
                raise InputError(f"Kontot ”{account}” är inget kontonummer.", field="KONTO")
            rid = bank.add_rule(book, pattern, int(account), args.verifikationstext)
            out(f"Regel {rid}: text som innehåller ”{pattern}” föreslås mot konto {account}.")
        if args.delete is not None:
            book.delete_bank_rule(args.delete)
            out(f"Regel {args.delete} togs bort.")
        if args.book_proposals:
            vouchers = bank.book_proposals(book, args.account)
            out(f"{len(vouchers)} verifikationer bokfördes enligt regler och mallar.")
            for v in vouchers:
                out(f"  {v.series} {v.number}  {v.date}  {v.text}")
        for r in book.bank_rules():
            out(f"{r.id:>4}  ”{r.pattern}” → {r.account}{f'  ({r.text})' if r.text else ''}")
    return 0


def cmd_reconcile(args) -> int:
    date = parse_date(args.to, field="--to")
    if args.output and Path(args.output).suffix.lower() != ".pdf":
        raise InputError(f"Utfilen {args.output} ska sluta på .pdf.", field="-o")
    with open_book(args.book, read_only=True) as book:
        rec = bank.reconcile(book, date, account=args.account)
        months = []
        if args.months:
            year = book.year_of_date(date)
            months = [r for r in bank.month_ends(book, year.id, account=args.account) if r.date < date] + [rec]
    if months:
        if args.json:
            out(json.dumps([r.to_json() for r in months], ensure_ascii=False))
            return 0
        out(f"Bankavstämning konto {rec.account} {rec.account_name}, månadsslut")
        out(f"  {'Datum':<10}  {'Kontoutdrag':>14}  {'Bokföring':>14}  {'Differens':>12}  {'Oförklarat':>12}")
        for r in months:
            bank_text = format_ore(r.bank_balance) if r.bank_balance is not None else "–"
            state = "stämmer" if r.ok else f"{len(r.open_lines)} bankrader och {len(r.open_movements)} ver. öppna"
            out(f"  {r.date:<10}  {bank_text:>14}  {format_ore(r.book_balance):>14}  {format_ore(r.difference):>12}  "
                f"{format_ore(r.unexplained):>12}  {state}")
        if args.output:
            heavy("finsam_desktop.render.bank_pdf").render_reconciliation(rec, args.output)
            out(f"Avstämningen per {rec.date} sparades i {args.output}.")
        return 0
    if args.output:
        heavy("finsam_desktop.render.bank_pdf").render_reconciliation(rec, args.output)
    if args.json:
        out(json.dumps(rec.to_json(), ensure_ascii=False))
        return 0
    out(f"Bankavstämning konto {rec.account} {rec.account_name} per {rec.date}")
    out(f"  Saldo enligt kontoutdraget {format_ore(rec.bank_balance) if rec.bank_balance is not None else '–':>16}")
    out(f"  Saldo enligt bokföringen   {format_ore(rec.book_balance):>16}")
    out(f"  Differens                  {format_ore(rec.difference):>16}")
    for x in rec.open_lines:
        out(f"    bankrad utan verifikation  {x.date}  {format_ore(x.amount):>14}  {x.text}")
    for x in rec.open_movements:
        out(f"    verifikation utan bankrad  {x.ref} {x.date}  {format_ore(x.amount):>14}  {x.text}")
    out(f"  Oförklarad differens       {format_ore(rec.unexplained):>16}")
    out("Avstämningen stämmer." if rec.ok else "Avstämningen stämmer inte ännu.")
    if args.output:
        out(f"Avstämningen sparades i {args.output}.")
    return 0
