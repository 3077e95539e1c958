"""finsam check, close-year, reopen-year, handover: the bokslut from the command line."""

from __future__ import annotations

from ..book.validate import parse_date
from ..closing.checks import has_blocking, run_checks
from ..closing.close import BlockedError, close_year
from ..errors import RuleError
from ..findings import ERROR, OK, WARNING
from ..money import format_ore, parse_kr
from ..ops.safety import require_intact
from .common import heavy, open_book, out, year_arg

SEVERITY_LABELS = {OK: "OK", WARNING: "VARNING", ERROR: "STOPP"}


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("check", help="kör bokslutets kontroller (slutkod 1 vid stoppande fel)")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--year", metavar="ÅR", help="räkenskapsåret, t.ex. 2024 (standard: senaste öppna)")
    p.add_argument("--date", metavar="DATUM", help="periodens slut för en delårsrapport, t.ex. 2024-06-30")
    p.add_argument("--bank-saldo", metavar="KR", help="saldo enligt kontoutdraget på bokslutsdagen")
    p.add_argument("--alla", action="store_true", help="visa varje uppfylld kontroll av rapporten för sig")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("close-year", help="stäng räkenskapsåret och för över balanserna till nästa år")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--year", metavar="ÅR", required=True)
    p.add_argument("--bank-saldo", metavar="KR", help="saldo enligt kontoutdraget på bokslutsdagen")
    p.set_defaults(func=cmd_close_year)

    p = sub.add_parser("reopen-year", help="öppna ett stängt räkenskapsår igen (loggas med orsak)")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--year", metavar="ÅR", required=True)
    p.add_argument("--reason", metavar="ORSAK", required=True, help="varför året öppnas")
    p.set_defaults(func=cmd_reopen_year)

    p = sub.add_parser("handover", help="överlämningspaket: PDF, SIE 4, Excel, kopia av boken")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--year", metavar="ÅR")
    p.add_argument("-o", "--output", metavar="MAPP", required=True, help="mappen paketet skrivs i")
    p.set_defaults(func=cmd_handover)


def _bank(args) -> int | None:
    return parse_kr(args.bank_saldo, field="--bank-saldo") if args.bank_saldo else None


def cmd_check(args) -> int:
    with open_book(args.book, read_only=True) as book:
        require_intact(book, "körs inga kontroller")
        year = year_arg(book, args.year)
        date_to = parse_date(args.date, field="--date") if args.date else year.end
        findings = run_checks(book, year.id, date_to=date_to, bank_statement=_bank(args))
        out(f"Kontroller för {year.label} (period {year.start} – {date_to})")
        passed = [f for f in findings if f.check.startswith("rapport:") and f.ok]
        for f in findings:
            if f in passed and not args.alla:
                continue
            out(f"  {SEVERITY_LABELS[f.severity]:<8} {f.title}: {f.message}")
        if passed and not args.alla:
            out(f"  {'OK':<8} Rapportens kontroller: alla {len(passed)} kontroller av summor, noter och "
                "samband är uppfyllda (--alla visar dem).")
        blocking = sum(f.is_error for f in findings)
        warnings = sum(f.is_warning for f in findings)
        out(f"{blocking} stoppande fel, {warnings} {'varning' if warnings == 1 else 'varningar'}.")
        return 1 if has_blocking(findings) else 0


def cmd_close_year(args) -> int:
    with open_book(args.book) as book:
        require_intact(book, "stängs inget år")
        year = year_arg(book, args.year)
        try:
            nxt = close_year(book, year.id, bank_statement=_bank(args))
        except BlockedError as exc:
            raise RuleError(f"{exc.message} Kör finsam check för hela listan.") from exc
        result = -book.year_result(year.id)
        word = "överskott" if result >= 0 else "underskott"
        out(f"Räkenskapsåret {year.label} är stängt. Årets resultat, ett {word} på {format_ore(abs(result))} kr, "
            f"är fört till eget kapital (konto {book.equity_account()}) i de ingående balanserna för {nxt.label}.")
    return 0


def cmd_reopen_year(args) -> int:
    with open_book(args.book) as book:
        year = year_arg(book, args.year)
        book.reopen_year(year.id, args.reason)
        nxt = book.next_year(year)
        tail = (f" De ingående balanserna för {nxt.label} är inaktuella tills året stängs igen."
                if nxt else "")
        out(f"Räkenskapsåret {year.label} är öppnat igen.{tail}")
    return 0


def cmd_handover(args) -> int:
    with open_book(args.book, read_only=True) as book:
        require_intact(book, "skrivs inget överlämningspaket")
        year = year_arg(book, args.year)
        package = heavy("finsam_desktop.closing.handover").make_handover(book, year.id, args.output)
        out(f"Överlämningspaketet för {year.label} finns i {package.folder}")
        out(f"och som zip-fil i {package.zip_path}.")
        for f in package.files:
            out(f"  {f.name:<40} {f.sha256[:16]}…  {f.purpose}")
    return 0
