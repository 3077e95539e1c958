"""finsam new, demo, accounts, vouchers, balance and book: the ledger from the command line."""

from __future__ import annotations

from ..book import Book, VoucherFilter, VoucherRow
from ..book.validate import parse_account_number, parse_date
from ..demo import build_demo, main_figures
from ..errors import InputError, RuleError
from ..money import format_ore, parse_kr
from ..ops.safety import require_intact
from .common import book_and_year, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("new", help="skapa en ny bok med standardkontoplanen")
    p.add_argument("path", metavar="FIL")
    p.add_argument("--name", required=True, help="förbundets namn")
    p.add_argument("--orgnr", required=True, help="organisationsnummer, t.ex. 222000-1234")
    p.add_argument("--year", required=True, help="första räkenskapsåret (ÅÅÅÅ)")
    p.add_argument("--start", help="räkenskapsårets första dag (ÅÅÅÅ-MM-DD) om det inte är ett kalenderår")
    p.add_argument("--end", help="räkenskapsårets sista dag (ÅÅÅÅ-MM-DD)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("demo", help="skapa en demobok (Samordningsförbundet Mellersta Ådalen)")
    p.add_argument("path", metavar="FIL")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("accounts", help="visa kontoplanen")
    p.add_argument("path", metavar="FIL")
    p.set_defaults(func=cmd_accounts)

    p = sub.add_parser("vouchers", help="lista verifikationer")
    p.add_argument("path", metavar="FIL")
    p.add_argument("--year", help="räkenskapsår (ÅÅÅÅ); utan: alla år")
    p.add_argument("--account", help="bara verifikationer med rader på kontot")
    p.add_argument("--text", help="sök i verifikationstexten (eller ange t.ex. ”A 12”)")
    p.set_defaults(func=cmd_vouchers)

    p = sub.add_parser("balance", help="saldobalans för ett räkenskapsår eller en period")
    book_and_year(p)
    p.add_argument("--from", dest="date_from", help="periodens första dag (ÅÅÅÅ-MM-DD)")
    p.add_argument("--to", dest="date_to", help="periodens sista dag (ÅÅÅÅ-MM-DD)")
    p.set_defaults(func=cmd_balance)

    p = sub.add_parser("book", help="bokför en verifikation")
    p.add_argument("path", metavar="FIL")
    p.add_argument("--date", required=True, help="verifikationsdatum (ÅÅÅÅ-MM-DD)")
    p.add_argument("--text", required=True, help="verifikationstext")
    p.add_argument("--row", action="append", required=True, metavar="KONTO:BELOPP[:INSATS]",
                   help="en rad: konto, belopp i kronor (debet +, kredit −) och ev. insatskod")
    p.add_argument("--series", default="A", help="verifikationsserie (standard A)")
    p.set_defaults(func=cmd_book)


# ---------------------------------------------------------------------------- commands
def cmd_new(args) -> int:
    year = (args.year or "").strip()
    if not (len(year) == 4 and year.isdigit()):
        raise InputError(f"Ogiltigt räkenskapsår ”{args.year}”: skriv årtalet med fyra siffror, t.ex. 2025.",
                         field="år")
    if bool(args.start) != bool(args.end):
        raise InputError("Ange både --start och --end för ett räkenskapsår som inte är ett kalenderår.",
                         field="period")
    start = parse_date(args.start, field="startdatum") if args.start else f"{year}-01-01"
    end = parse_date(args.end, field="slutdatum") if args.end else f"{year}-12-31"
    if end[:4] != year:
        raise InputError(f"Räkenskapsåret {year} ska sluta under {year} (slutdatum {end}).", field="slutdatum")
    book = Book.create(args.path, namn=args.name, orgnr=args.orgnr, year_start=start, year_end=end)
    f = book.forbund()
    book.close()
    out(f"Skapade {args.path}: {f.namn} ({f.orgnr}), räkenskapsår {start} – {end}.")
    return 0


def cmd_demo(args) -> int:

    book = build_demo(args.path)
    try:
        fig = main_figures(book, "2025")
    finally:
        book.close()
    out(f"Skapade demoboken {args.path}: Samordningsförbundet Mellersta Ådalen, räkenskapsår 2024 "
        f"(stängt) och 2025 (öppet).")
    out(f"2025: {fig['vouchers']} verifikationer, årets resultat {format_ore(fig['result'])} kr, "
        f"eget kapital {format_ore(fig['equity'])} kr, bank {format_ore(fig['bank'])} kr.")
    return 0


def cmd_accounts(args) -> int:
    with open_book(args.path, read_only=True) as book:
        accounts = book.accounts()
    width = max((len(a.name) for a in accounts), default=4)
    out(f"{'Konto':<6} {'Namn':<{width}}  Typ  Rapportrad")
    for a in accounts:
        note = "" if a.active else "  (inaktivt)"
        out(f"{a.number:<6} {a.name:<{width}}  {a.kind:<3}  {a.row_id or '–'}{note}")
    return 0


def cmd_vouchers(args) -> int:
    with open_book(args.path, read_only=True) as book:
        year = book.year_by_label(args.year) if args.year else None
        account = parse_account_number(args.account, field="--account") if args.account else None
        f = VoucherFilter(year_id=year.id if year else None, account=account, text=args.text or None)
        rows = book.list_vouchers(f)
        refs = {}
        for v in rows:
            for other in (v.corrects_id, v.corrected_by):
                if other and other not in refs:
                    refs[other] = book.voucher(other).ref
    if not rows:
        out("Inga verifikationer.")
        return 0
    text_w = max(4, min(60, max(len(v.text) for v in rows)))
    amounts = [format_ore(v.amount) for v in rows]
    amount_w = max(len("Belopp"), *(len(a) for a in amounts))
    out(f"{'Ver':<8} {'Datum':<10}  {'Text':<{text_w}}  {'Belopp':>{amount_w}}")
    for v, amount in zip(rows, amounts):
        text = v.text if len(v.text) <= text_w else v.text[:text_w - 1] + "…"
        note = ""
        if v.corrects_id:
            note = f"  rättar {refs[v.corrects_id]}"
        if v.corrected_by:
            note += f"  rättad av {refs[v.corrected_by]}"
        out(f"{v.ref:<8} {v.date:<10}  {text:<{text_w}}  {amount:>{amount_w}}{note}")
    out(f"{len(rows)} verifikationer.")
    return 0


def cmd_balance(args) -> int:
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        date_from = parse_date(args.date_from, field="--from") if args.date_from else year.start
        date_to = parse_date(args.date_to, field="--to") if args.date_to else year.end
        lines = book.trial_balance(year.id, date_from, date_to)
        f = book.forbund()
    out(f"Saldobalans {f.namn} ({f.orgnr})")
    out(f"Räkenskapsår {year.label}, period {date_from} – {date_to}. Belopp i kronor, debet +, kredit −.")
    out()
    out(format_balance_table(lines))
    return 0


def format_balance_table(lines) -> str:
    """The saldobalans as a right-aligned text table with a sum line."""
    head = ("Konto", "Namn", "Ingående balans", "Period", "Utgående balans")
    body = [(str(l.account), l.name, format_ore(l.opening), format_ore(l.period), format_ore(l.closing))
            for l in lines]
    total = ("", "Summa", format_ore(sum(l.opening for l in lines)),
             format_ore(sum(l.period for l in lines)), format_ore(sum(l.closing for l in lines)))
    widths = [max(len(r[i]) for r in [head, total, *body]) for i in range(5)]
    rule = "-" * (sum(widths) + 2 * 4)

    def fmt(r):
        return "  ".join([r[0].ljust(widths[0]), r[1].ljust(widths[1])]
                         + [r[i].rjust(widths[i]) for i in (2, 3, 4)])

    return "\n".join([fmt(head), rule, *(fmt(r) for r in body), rule, fmt(total)])


def cmd_book(args) -> int:
    with open_book(args.path) as book:
        require_intact(book, "bokförs ingenting", full=False)
        rows = [parse_row(book, text, i) for i, text in enumerate(args.row, 1)]
        v = book.book_voucher(args.date, args.text, rows, series=args.series)
    out(f"Bokförd: verifikation {v.ref}, {v.date}, {v.text} "
        f"({format_ore(sum(r.amount for r in v.rows if r.amount > 0))} kr).")
    return 0


def parse_row(book: Book, text: str, n: int) -> VoucherRow:
    """'1930:1234,50' or '4530:-100.00:STEG' -> VoucherRow (amount in öre, insats by code)."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0].strip() or not parts[1].strip():
        raise InputError(f"Rad {n} ”{text}”: skriv KONTO:BELOPP eller KONTO:BELOPP:INSATS, "
                         "t.ex. 1930:1234,50.", field="rad")
    account = parse_account_number(parts[0], field=f"rad {n}")
    amount = parse_kr(parts[1], field=f"rad {n}")
    project_id = None
    if len(parts) == 3 and parts[2].strip():
        project = book.project_by_code(parts[2])
        if project is None:
            raise RuleError(f"Rad {n}: insatsen ”{parts[2].strip()}” finns inte i boken.", field="insats")
        project_id = project.id
    return VoucherRow(account, amount, project_id)
