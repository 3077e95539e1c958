"""finsam budget, budget-report and plan: the board's budget with its plan years and
balansbudget, the ekonomisk rapport with the prognosis at any date, and the
verksamhetsplan's budget pages as a PDF."""

from __future__ import annotations

import json
from pathlib import Path

from ..book.budget_plan import KEEP, parse_profile
from ..book.validate import parse_date
from ..errors import InputError, RuleError
from ..money import format_kr, parse_kr
from ..ops.budget import (COPY_SOURCES, copy_budget, find_budget_row, person_to_ledger, set_balance_budget,
                          set_budget_row)
from ..reports.board_report import build_board_report, sections
from ..reports.budget_plan import build_budget_plan
from .common import heavy, open_book, out, year_arg

CLEAR = "-"


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("budget", help="budgeten med två planår och balansbudget; ändra en rad med --set")
    p.add_argument("path", metavar="FIL", help="boken")
    p.add_argument("--year", help="budgetåret (ÅÅÅÅ); utan: det senaste öppna")
    p.add_argument("--json", action="store_true", help="skriv budgeten som JSON (belopp i öre, intäkter positiva)")
    p.add_argument("--set", metavar="RAD", help="budgetraden som ändras (id eller namn)")
    p.add_argument("--amount", metavar="KR", help="årets belopp i kronor; tecknet följer raden (intäkt eller kostnad)")
    p.add_argument("--plan1", metavar="KR", help="belopp för första planåret (- tar bort)")
    p.add_argument("--plan2", metavar="KR", help="belopp för andra planåret (- tar bort)")
    p.add_argument("--profile", metavar="VIKTER",
                   help="månadsprofil, tolv vikter jan–dec, t.ex. 1,0,0,0,0,0,1,0,0,0,0,0 (- = jämnt)")
    p.add_argument("--prognosis", metavar="KR", help="styrelsens prognos för helåret (- tar bort)")
    p.add_argument("--comment", metavar="TEXT", help="kommentar till prognosen")
    p.add_argument("--copy-from", choices=tuple(COPY_SOURCES), help="fyll ett tomt års budget från föregående år")
    p.add_argument("--equity-in", metavar="KR", help="eget kapital vid årets början enligt beslutet (- = bokföringen)")
    p.add_argument("--floor", metavar="KR", help="förbundets golv för eget kapital (- tar bort)")
    p.set_defaults(func=cmd_budget)

    r = sub.add_parser("budget-report", help="ekonomisk rapport till styrelsen: utfall, budget och prognos")
    r.add_argument("path", metavar="FIL", help="boken")
    r.add_argument("--to", dest="date_to", required=True, help="rapportens datum (ÅÅÅÅ-MM-DD)")
    r.add_argument("-o", "--output", metavar="PDF", help="PDF-filen som skrivs")
    r.add_argument("--json", action="store_true", help="skriv rapporten som JSON (belopp i öre)")
    r.set_defaults(func=cmd_budget_report)

    v = sub.add_parser("plan", help="verksamhetsplanens resultat- och balansbudget som PDF")
    v.add_argument("path", metavar="FIL", help="boken")
    v.add_argument("--year", required=True, help="budgetåret (ÅÅÅÅ)")
    v.add_argument("-o", "--output", required=True, metavar="PDF", help="PDF-filen som skrivs")
    v.set_defaults(func=cmd_plan)


def _kr_or_clear(text: str | None, field: str):
    if text is None:
        return KEEP
    if text.strip() == CLEAR:
        return None
    return parse_kr(text, field=field)


def _pdf_target(path: str, field: str = "-o") -> Path:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise InputError(f"Utfilen {target} ska sluta på .pdf.", field=field)
    return target


def cmd_budget(args) -> int:
    changes = any(v is not None for v in (args.set, args.copy_from, args.equity_in, args.floor))
    row_fields = (args.amount, args.plan1, args.plan2, args.profile, args.prognosis, args.comment)
    if args.set is None and any(v is not None for v in row_fields):
        raise InputError("--amount, --plan1, --plan2, --profile, --prognosis och --comment ändrar en rad: "
                         "ange vilken med --set RAD.", field="--set")
    with open_book(args.path, read_only=not changes) as book:
        year = year_arg(book, args.year)
        if args.copy_from:
            n = copy_budget(book, year.id, args.copy_from)
            out(f"{n} budgetrader kopierades från {COPY_SOURCES[args.copy_from]} till {year.label}.")
        if args.set is not None:
            row = find_budget_row(book, year.id, args.set)
            if not any(v is not None for v in row_fields):
                raise InputError(f"Ange vad som ändras på raden ”{row.label}”: --amount, --plan1, --plan2, "
                                 "--profile, --prognosis eller --comment.", field="--set")

            def report_sign(text, field):  # as typed: positive for intäkt and kostnad
                v = _kr_or_clear(text, field)
                return v if v is KEEP or v is None else -person_to_ledger(book, row, v)
            amount = report_sign(args.amount, "--amount")
            if amount is None:
                raise InputError("Årets belopp kan inte tas bort; skriv 0.", field="--amount")
            profile = KEEP
            if args.profile is not None:
                profile = () if args.profile.strip() == CLEAR else parse_profile(args.profile, field="--profile")
            set_budget_row(book, row.id, amount=amount, plan1=report_sign(args.plan1, "--plan1"),
                           plan2=report_sign(args.plan2, "--plan2"), profile=profile,
                           prognosis=report_sign(args.prognosis, "--prognosis"),
                           comment=KEEP if args.comment is None else args.comment)
            out(f"Budgetraden ”{row.label}” i {year.label} ändrades.")
        if args.equity_in is not None or args.floor is not None:
            eq, fl = _kr_or_clear(args.equity_in, "--equity-in"), _kr_or_clear(args.floor, "--floor")
            set_balance_budget(book, year.id, equity_in=eq, floor=fl)
        plan = build_budget_plan(book, year.id)
    if args.json:
        out(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
    elif not changes:
        out(plan_text(plan))
    return 0


def _cell(v, width: int = 13) -> str:
    return ("" if v is None else format_kr(v, minus="-")).rjust(width)


def plan_text(plan) -> str:
    head = "".join(c.rjust(13) for c in plan.columns)
    lines = [f"Resultat- och balansbudget {plan.columns[plan.budget_column]} – {plan.forbund}",
             f"{'Belopp i kr':<44}{head}"]
    for s in plan.sections:
        lines.append(s.title)
        for r in s.rows:
            lines.append(f"  {r.label[:42]:<42}" + "".join(_cell(v) for v in r.amounts))
        lines.append(f"  {'Summa':<42}" + "".join(_cell(v) for v in s.totals))
    lines.append(f"{'Årets resultat':<44}" + "".join(_cell(v) for v in plan.results))
    lines.append("")
    lines.append("Balansbudget")
    b = plan.balance
    for label, vals in (("Eget kapital vid årets början", [x.eget_kapital_in for x in b]),
                        ("Årets resultat", [x.result for x in b]),
                        ("Eget kapital vid årets slut", [x.eget_kapital_out for x in b]),
                        ("Tilldelade medel", [x.tilldelade_medel for x in b])):
        lines.append(f"  {label:<42}" + "".join(_cell(v) for v in vals))
    lines.append(f"  {'Andel av tilldelade medel (högst 20 %)':<42}" + "".join(
        ("–" if x.andel_procent is None else f"{x.andel_procent:.2f} %".replace(".", ",")).rjust(13) for x in b))
    if b and b[0].golv is not None:
        lines.append(f"  {'Golv ' + format_kr(b[0].golv) + ' kr':<42}" + "".join(
            ("hålls" if x.over_golv else "underskrids").rjust(13) for x in b))
    return "\n".join(lines)


def _year_of(book, day: str):
    for y in book.years():
        if y.start <= day <= y.end:
            return y
    raise RuleError(f"Boken har inget räkenskapsår som omfattar {day}.", field="--to")


def cmd_budget_report(args) -> int:
    day = parse_date(args.date_to, field="--to")
    target = _pdf_target(args.output) if args.output else None
    with open_book(args.path, read_only=True) as book:
        report = build_board_report(book, _year_of(book, day).id, day)
    if target is not None:
        path = heavy("finsam_desktop.render.pdf_budget").render_board_report(report, target)
    if args.json:
        out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif target is not None:
        out(f"Den ekonomiska rapporten per {day} sparades i {path}.")
    else:
        out(report_text(report))
    return 0


def report_text(r) -> str:
    p = r.prognosis
    cols = ("Budget helår", "Budget t.o.m.", "Utfall t.o.m.", "Prognos helår", "Avvikelse")
    lines = [f"Ekonomisk rapport per {r.to_date} – {r.forbund}",
             f"{'Belopp i kr':<40}" + "".join(c.rjust(14) for c in cols)]
    for _sid, title, rows in sections(p):
        lines.append(title)
        for x in rows:
            mark = " *" if x.override is not None else ""
            lines.append(f"  {(x.label[:36] + mark):<38}" + "".join(_cell(v, 14) for v in (
                x.budget_year, x.budget_to_date, x.outcome_to_date, x.prognosis, x.deviation)))
    lines.append(f"{'Resultat':<40}" + "".join(_cell(v, 14) for v in (
        p.budget_result, p.budget_to_date_result, p.outcome_result, p.prognosis_result,
        p.prognosis_result - p.budget_result)))
    lines += ["", f"Prognos eget kapital vid årets slut: {format_kr(p.eget_kapital_out)} kr"
              + ("" if p.andel_procent is None else f" ({p.andel_procent:.2f} % av tilldelade medel)".replace(".", ",")),
              f"Balanskravsresultat (prognos): {format_kr(p.balanskravsresultat)} kr"]
    if any(x.override is not None for x in p.rows):
        lines.append("* styrelsens egen prognos för raden")
    lines += ["", *r.warnings] if r.warnings else []
    return "\n".join(lines)


def cmd_plan(args) -> int:
    target = _pdf_target(args.output)
    with open_book(args.path, read_only=True) as book:
        year = book.year_by_label(args.year)
        plan = build_budget_plan(book, year.id)
    if not plan.sections:
        raise RuleError(f"Räkenskapsåret {year.label} har ingen budget; lägg in den med finsam budget "
                        "eller i programmet först.", field="--year")
    path = heavy("finsam_desktop.render.pdf_budget").render_budget_plan(plan, target)
    out(f"Resultat- och balansbudgeten {year.label} sparades i {path}.")
    return 0
