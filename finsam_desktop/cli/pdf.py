"""finsam pdf: the årsredovisning (or a delårsrapport) as a PDF."""

from __future__ import annotations

from pathlib import Path

from ..book.validate import parse_date
from ..closing.checks import run_checks
from ..closing.document_checks import require_confirmed_figures
from ..errors import InputError
from ..reports.document import build_document
from .common import book_and_year, heavy, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("pdf", help="skriv årsredovisningen (eller en delårsrapport) som PDF")
    book_and_year(p, help="boken")
    p.add_argument("--from", dest="date_from", help="periodens första dag (ÅÅÅÅ-MM-DD), för en delårsrapport")
    p.add_argument("--to", dest="date_to", help="periodens sista dag (ÅÅÅÅ-MM-DD), för en delårsrapport")
    p.add_argument("--tkr", action="store_true", help="belopp i tusental kronor (tkr) i stället för kronor")
    p.add_argument("-o", "--output", required=True, metavar="PDF", help="PDF-filen som skrivs")
    p.add_argument("--siffrorna-ar-avsedda", dest="confirmed", action="store_true",
                   help="skriv den beslutade PDF:en fast texterna har siffror som inte finns i rapporten")
    p.set_defaults(func=cmd_pdf)


def cmd_pdf(args) -> int:
    render_pdf = heavy("finsam_desktop.render.pdf").render_pdf
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise InputError(f"Utfilen {target} ska sluta på .pdf.", field="-o")
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        date_from = parse_date(args.date_from, field="--from") if args.date_from else None
        date_to = parse_date(args.date_to, field="--to") if args.date_to else None
        warnings: tuple[str, ...] = ()
        if date_from in (None, year.start):
            # The same kontroller as `finsam check`: a draft lists their warnings, a decided
            # PDF is refused while a text holds a figure that matches nothing.
            require_confirmed_figures(book, year, date_to or year.end, args.confirmed)
            if not year.is_closed:
                warnings = tuple(f.message for f in run_checks(book, year.id, date_to=date_to)
                                 if f.is_warning)
        path = render_pdf(build_document(book, year.id, date_from=date_from, date_to=date_to, tkr=args.tkr,
                                         warnings=warnings), target)
        start, end = date_from or year.start, date_to or year.end
        kind = (f"Årsredovisningen för {year.label}" if (start, end) == (year.start, year.end)
                else f"Delårsrapporten per {end}")
        draft = "" if year.is_closed else " (utkast: räkenskapsåret är inte stängt)"
    out(f"{kind} sparades i {path}{draft}.")
    return 0
