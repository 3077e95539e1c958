"""finsam verify, backups, restore: is the book intact, and its automatic backups."""

from __future__ import annotations

import json

from ..findings import ERROR, OK, WARNING
from ..ops.safety import restore, set_backups_kept, verify
from .common import open_book, out

LABELS = {OK: "OK", WARNING: "VARNING", ERROR: "FEL"}


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("verify", help="kontrollera bokfilen: integritet, regler, kedjan och förseglade år "
                                      "(slutkod 1 vid fel)")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("backups", help="lista bokens automatiska säkerhetskopior")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--keep", type=int, metavar="N",
                   help="behåll de N senaste kopiorna (och den senaste av varje månad); standard 20")
    p.add_argument("--json", action="store_true", help="skriv listan som JSON")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help="återställ boken från en säkerhetskopia (boken som den är sparas först)")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--from", dest="backup_id", metavar="ID", required=True, help="kopians id (se finsam backups)")
    p.set_defaults(func=cmd_restore)


def cmd_verify(args) -> int:
    with open_book(args.book, read_only=True) as book:
        findings = verify(book, full=True)
    ok = not any(f.is_error for f in findings)
    if args.json:
        out(json.dumps({"ok": ok, "findings": [
            {"severity": f.severity, "check": f.check, "title": f.title, "message": f.message}
            for f in findings]}, ensure_ascii=False, indent=1))
    else:
        out(f"Kontroll av bokfilen {args.book}")
        for f in findings:
            out(f"  {LABELS[f.severity]:<4} {f.title}: {f.message}")
        out("Boken är hel och oförändrad." if ok else "Boken klarar INTE kontrollen.")
    return 0 if ok else 1


def cmd_backups(args) -> int:
    if args.keep is not None:
        with open_book(args.book) as book:
            n = set_backups_kept(book, args.keep)
        out(f"Boken behåller från nästa säkerhetskopia de {n} senaste kopiorna och den senaste av "
            "varje månad.")
    with open_book(args.book, read_only=True) as book:
        items = book.backups()
    if args.json:
        out(json.dumps([{"id": b.id, "created": b.created, "reason": b.reason, "years": b.years,
                         "vouchers": b.vouchers, "last_number": b.last_number} for b in items],
                       ensure_ascii=False, indent=1))
        return 0
    if not items:
        out("Boken har inga säkerhetskopior ännu.")
        return 0
    out(f"{'ID':<24} {'Skapad':<20} {'Orsak':<34} Innehåll")
    for b in items:
        out(f"{b.id:<24} {b.created.replace('T', ' '):<20} {b.reason_text:<34} {b.content_text}")
    return 0


def cmd_restore(args) -> int:
    with open_book(args.book) as book:
        info = restore(book, args.backup_id)
    out(f"Boken är återställd från säkerhetskopian {info.id} ({info.created.replace('T', ' ')}, "
        f"{info.reason_text}): {info.content_text}. Boken som den var sparades som en ny säkerhetskopia.")
    return 0
