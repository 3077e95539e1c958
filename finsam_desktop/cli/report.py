"""finsam report: resultaträkning, balansräkning, kassaflödesanalys, noter, key figures
and checks of a räkenskapsår or a period, as a readable table or as JSON."""

from __future__ import annotations

import json

from ..book.validate import parse_date
from ..render.json_out import to_json
from ..render.text import render_text
from ..reports import build_report, in_tkr
from ..reports.annual_extras import annual_extras_json
from .common import book_and_year, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("report", help="resultaträkning, balansräkning, kassaflödesanalys, noter och nyckeltal")
    book_and_year(p)
    p.add_argument("--from", dest="date_from", help="periodens första dag (ÅÅÅÅ-MM-DD), t.ex. för delårsrapport")
    p.add_argument("--to", dest="date_to", help="periodens sista dag (ÅÅÅÅ-MM-DD)")
    p.add_argument("--tkr", action="store_true", help="belopp i tusental kronor (varje belopp avrundat för sig)")
    p.add_argument("--json", action="store_true", help="skriv rapporten som ett JSON-objekt (belopp i öre)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    book = open_book(args.path, read_only=True)
    try:
        year = year_arg(book, args.year)
        date_from = parse_date(args.date_from, field="--from") if args.date_from else None
        date_to = parse_date(args.date_to, field="--to") if args.date_to else None
        report = build_report(book, year.id, date_from, date_to)
        extras = annual_extras_json(book, year.id, report) if args.json else None
    finally:
        book.close()
    shown = in_tkr(report) if args.tkr else report
    if args.json:
        out(json.dumps({**to_json(shown), **extras}, ensure_ascii=False, indent=2))
    else:
        out(render_text(shown))
    return 0
