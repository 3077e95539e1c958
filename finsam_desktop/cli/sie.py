"""`finsam import-sie` and `finsam export-sie`: SIE 4 in and out."""

from __future__ import annotations

import sys
from pathlib import Path

from ..book.chart import ROW_LABELS
from ..exchange.sie_import import SieImportRefused, import_sie
from ..exchange.sie_text import ENCODING_NAMES
from ..exchange.sie_writer import export_sie
from ..ops.safety import require_intact
from .common import open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("import-sie", help="läs in en SIE-fil (typ 1–4, 4I) i en ny eller befintlig bok")
    p.add_argument("file", metavar="FIL", help="SIE-filen")
    p.add_argument("--into", required=True, metavar="BOK",
                   help="boken: skapas om den inte finns, annars läggs filen till i dess räkenskapsår")
    p.add_argument("--orgnr", help="förbundets organisationsnummer (i stället för filens)")
    p.add_argument("--bokfor-differens", action="store_true",
                   help="läs in en fil som inte går ihop och bokför skillnaden mot eget kapital "
                        "(utan flaggan vägras en sådan fil, och programmet säger belopp och var)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-sie", help="skriv ett räkenskapsår som SIE 4-fil")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--year", metavar="ÅR", help="räkenskapsåret (standard: det senaste öppna)")
    p.add_argument("-o", "--output", required=True, metavar="FIL", help="SIE-filen som skrivs (.se)")
    p.set_defaults(func=cmd_export)


def cmd_import(args) -> int:
    try:
        report = import_sie(args.file, args.into, orgnr=args.orgnr, post_difference=args.bokfor_differens)
    except SieImportRefused as exc:
        errors = [f for f in exc.findings if f.is_error]
        print(f"finsam: SIE-filen {Path(args.file).name} läses inte in ({len(errors)} fel); "
              "ingenting har skrivits.", file=sys.stderr)
        for f in errors:
            print(f"  Fel: {f.message}", file=sys.stderr)
        if any(f.check == "import.differens" for f in errors):
            print("  Kontrollera filen i programmet den kommer från, eller läs in den med --bokfor-differens "
                  "så bokförs skillnaden mot eget kapital.", file=sys.stderr)
        return 2
    plan = report.plan
    sie = plan.sie
    out(f"Läste {Path(sie.path).name}: SIE typ {sie.sie_type}{'I' if sie.is_import_file else ''}, "
        f"{ENCODING_NAMES.get(sie.encoding, sie.encoding)}, {sie.company_name or 'utan namn'}.")
    verb = "skapades" if report.created else "uppdaterades"
    out(f"Boken {report.book_path} {verb}: {len(plan.years)} räkenskapsår, {len(plan.new_accounts)} nya konton, "
        f"{len(plan.projects)} nya insatser, {report.voucher_count} verifikationer.")
    if plan.dimensions:
        out(f"Radernas objekt i andra dimensioner behålls: {len(plan.objects)} objekt i dimension "
            f"{', '.join(str(d) for d, _n, _p in plan.dimensions)}.")
    if plan.new_accounts:
        basis = f"#KPTYP {sie.kptyp}" if sie.kptyp else "Kommun-BAS"
        out(f"Nya konton och deras rapportrad (enligt {basis}):")
        for number, name, _kind, row in plan.new_accounts:
            out(f"  {number} {name}: {ROW_LABELS.get(row, 'ingen rapportrad') if row else 'ingen rapportrad'}")
    if report.warnings:
        out(f"Varningar ({len(report.warnings)}):")
        for f in report.warnings:
            out(f"  {f.message}")
    if report.differences:
        out(f"{len(report.differences)} saldon skiljer sig från filens (se varningarna ovan).")
    elif not (sie.ub or sie.res or sie.oub):
        out("Filen har inga utgående balanser eller resultat (#UB, #RES) att stämma av mot.")
    else:
        out("Bokens saldon stämmer med filens #UB och #RES.")
    return 0


def cmd_export(args) -> int:
    book = open_book(args.book, read_only=True)
    try:
        require_intact(book, "skrivs ingen SIE-fil")
        year = year_arg(book, args.year)
        report = export_sie(book, year, args.output)
    finally:
        book.close()
    out(f"Skrev {report.path}: räkenskapsår {year.label}, {report.vouchers} verifikationer (SIE 4, PC8).")
    for f in report.replaced:
        out(f"  Varning: {f.message}")
    return 0
