"""finsam utskrift: one verifikation, the verifikationslista or the huvudbok as PDF.

    finsam utskrift BOK --year 2025 verifikation A 12 -o A12.pdf
    finsam utskrift BOK --year 2025 verifikationslista --from 2025-01-01 --to 2025-03-31 -o grundbok.pdf
    finsam utskrift BOK --year 2025 huvudbok -o huvudbok.pdf
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, RuleError
from ..reports.printouts import journal_printout, ledger_printout, voucher_printout
from .common import book_and_year, heavy, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("utskrift", help="skriv ut en verifikation, verifikationslistan eller huvudboken som PDF")
    book_and_year(p, help="boken")
    kinds = p.add_subparsers(dest="kind", metavar="VAD", required=True, title="vad som skrivs ut")
    v = kinds.add_parser("verifikation", help="en verifikation med rader, vem och när, rättelser och underlag")
    v.add_argument("series", metavar="SERIE", help="verifikationsserie, t.ex. A")
    v.add_argument("number", metavar="NUMMER", type=int, help="verifikationsnummer, t.ex. 12")
    for name, text in (("verifikationslista", "verifikationslistan (grundboken): varje verifikation i "
                                              "nummerordning med rader och summor"),
                       ("huvudbok", "huvudboken: per konto ingående saldo, transaktioner och utgående saldo")):
        k = kinds.add_parser(name, help=text)
        k.add_argument("--from", dest="date_from", help="periodens första dag (ÅÅÅÅ-MM-DD); utan: årets första")
        k.add_argument("--to", dest="date_to", help="periodens sista dag (ÅÅÅÅ-MM-DD); utan: årets sista")
    for k in (v, *kinds.choices.values()):
        if not any(a.dest == "output" for a in k._actions):
            k.add_argument("-o", "--output", required=True, metavar="PDF", help="PDF-filen som skrivs")
    p.set_defaults(func=cmd_utskrift)


def cmd_utskrift(args) -> int:
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise InputError(f"Utfilen {target} ska sluta på .pdf.", field="-o")
    render = heavy("finsam_desktop.render.print_pdf")
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        if args.kind == "verifikation":
            v = book.voucher_by_ref(year.id, args.series.strip().upper(), args.number)
            if v is None:
                raise RuleError(f"Verifikation {args.series.upper()} {args.number} finns inte i räkenskapsåret "
                                f"{year.label}.", field="verifikation")
            path = render.render_voucher_pdf(voucher_printout(book, v.id), target)
            out(f"Verifikation {v.ref} sparades i {path}.")
        elif args.kind == "verifikationslista":
            j = journal_printout(book, year.id, args.date_from, args.date_to)
            path = render.render_journal_pdf(j, target)
            out(f"Verifikationslistan {j.date_from} – {j.date_to} ({j.count} verifikationer) sparades i {path}.")
        else:
            h = ledger_printout(book, year.id, args.date_from, args.date_to)
            path = render.render_ledger_pdf(h, target)
            out(f"Huvudboken {h.date_from} – {h.date_to} ({h.row_count} rader) sparades i {path}.")
    return 0
