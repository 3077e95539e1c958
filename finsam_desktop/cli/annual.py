"""finsam sus, verksamhet, mal, organisation, tidigare-ar: the SUS figures of a year,
deltagare per insats (list, CSV import), the year's goals with their verdicts, the
organisation register and the key figures of years before the book."""

from __future__ import annotations

import json

from ..book.annual import GOAL_METRICS, VERDICTS, HistoryYear
from ..errors import InputError
from ..money import format_kr, parse_kr
from ..ops.annual import import_participants_csv, save_goal, save_history_year
from ..render.xlsx_sus import write_sus_xlsx
from ..reports.annual_extras import ROLE_LABELS
from ..reports.document import build_document
from ..reports.goals import JUDGEMENT_KEY
from ..reports.sus import sus_figures
from .common import book_and_year, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("sus", help="uppgifterna att föra in i SUS för ett år, ur bokföringen")
    book_and_year(p)
    p.add_argument("--json", action="store_true", help="skriv uppgifterna som JSON (belopp i öre)")
    p.add_argument("-o", "--output", metavar="FIL.xlsx", help="skriv uppgifterna till en Excel-fil")
    p.set_defaults(func=cmd_sus)

    p = sub.add_parser("verksamhet", help="deltagare per insats: visa eller läs in från CSV (t.ex. ur SUS)")
    book_and_year(p)
    p.add_argument("--import", dest="csv", metavar="CSV",
                   help="läs in deltagare: insats;år;åldersgrupp;mål;kvinnor;män;till_arbete;till_studier;"
                        "till_annan_insats;annan_anledning")
    p.set_defaults(func=cmd_verksamhet)

    p = sub.add_parser("mal", help="årets mål med målvärde, utfall och bedömning; lägg till ett mål")
    book_and_year(p)
    p.add_argument("--add", metavar="MÅL", help="lägg till ett mål med denna text")
    p.add_argument("--typ", choices=("verksamhet", "finansiell"), default="verksamhet")
    p.add_argument("--mats", default="", help="hur målet mäts")
    p.add_argument("--matt", choices=GOAL_METRICS,
                   help="räkna fram bedömningen: eget_kapital_max_andel och individ_andel_min (procent), "
                        "eget_kapital_golv och resultat_mot_budget (kr), deltagare_mot_mal (procent)")
    p.add_argument("--malvarde", help="målvärdet för --matt: procent (20) eller kronor (180 000)")
    p.add_argument("--utfall", default="", help="utfallet i ord (för ett mål utan --matt)")
    p.add_argument("--bedomning", choices=VERDICTS, help="bedömningen (för ett mål utan --matt)")
    p.add_argument("--bedomning-styrelsen", dest="judgement", help="styrelsens samlade bedömning")
    p.set_defaults(func=cmd_goals)

    p = sub.add_parser("organisation", help="styrelse, ersättare, revisorer och förbundschef för ett år")
    book_and_year(p)
    p.add_argument("--person", action="append", metavar="NAMN;ROLL;TITEL;UTSEDD AV",
                   help="ersätter årets lista: roll ledamot, ersattare, revisor eller forbundschef; "
                        "utsedd av är medlemmens namn (tomt för förbundets egen personal). Upprepa.")
    p.set_defaults(func=cmd_organisation)

    p = sub.add_parser("tidigare-ar", help="nyckeltal för år före boken (ur gamla årsredovisningar)")
    p.add_argument("path", metavar="FIL")
    p.add_argument("--set", dest="year", type=int, metavar="ÅÅÅÅ", help="året att mata in")
    for name in ("tilldelade", "intakter", "kostnader", "resultat", "eget-kapital", "tillgangar", "likvida"):
        p.add_argument(f"--{name}", metavar="KR")
    p.add_argument("--kalla", default="", help="källan, t.ex. 'Årsredovisning 2022'")
    p.set_defaults(func=cmd_history)


def cmd_sus(args) -> int:
    book = open_book(args.path, read_only=not args.output)
    try:
        year = year_arg(book, args.year)
        figures = sus_figures(book, year.id)
        forbund = book.forbund().namn
    finally:
        book.close()
    if args.output:
        write_sus_xlsx(figures, forbund, args.output)
    if args.json:
        out(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        return 0 if figures.ok else 1
    out(f"Uppgifter till SUS {figures.year_label} – {forbund} (kr)")
    out("\nFinansiering")
    for f in figures.funding:
        out(f"  {f.label:<52}{format_kr(f.amount):>14}")
    out(f"  {'Summa finansiering':<52}{format_kr(figures.total_funding):>14}")
    out(f"\n  {'Insats':<40}{'Budget':>12}{'Insatskostn.':>14}{'Övrigt':>12}{'Utfall':>14}")
    for i in figures.insatser:
        out(f"  {(i.code + ' ' + i.name)[:39]:<40}{format_kr(i.budget):>12}{format_kr(i.insatskostnad):>14}"
            f"{format_kr(i.ovrigt):>12}{format_kr(i.outcome):>14}")
    out(f"  {'Summa insatser':<78}{format_kr(figures.total_insatser):>14}")
    out("\nAdministration")
    for a in figures.administration:
        out(f"  {a.label:<52}{format_kr(a.amount):>14}")
    out(f"  {'Summa administration':<52}{format_kr(figures.total_administration):>14}")
    out(f"  {'Finansiella kostnader':<52}{format_kr(figures.finansiella_kostnader):>14}")
    out("\nKontroll mot resultaträkningen")
    for c in figures.checks:
        out(f"  {'OK ' if c.ok else 'FEL'} {c.label}: {format_kr(c.sus)} / {format_kr(c.statement)}")
    if args.output:
        out(f"\nSparade {args.output}")
    return 0 if figures.ok else 1


def cmd_verksamhet(args) -> int:
    book = open_book(args.path)
    try:
        if args.csv:
            rows = import_participants_csv(book, args.csv)
            out(f"Läste in {len(rows)} rader med deltagare från {args.csv}.")
        year = year_arg(book, args.year)
        doc = build_document(book, year.id)
        verk = doc.extras.verksamhet
    finally:
        book.close()
    out(f"Verksamhet per insats {verk.year_label}")
    out(f"  {'Insats':<10}{'År':>6}{'Mål':>6}{'Kv':>5}{'Män':>5}{'Tot':>5}{'Avsl':>6}{'Arb':>5}{'Stud':>5}"
        f"{'Ann.ins':>8}{'Annat':>6}{'Kr/deltagare':>14}")
    for ins in verk.insatser:
        for y in ins.years:
            out(f"  {ins.code:<10}{y.year_label:>6}{'' if y.target is None else y.target:>6}{y.women:>5}{y.men:>5}"
                f"{y.total:>5}{y.ended:>6}{y.ended_work:>5}{y.ended_studies:>5}{y.ended_other_insats:>8}"
                f"{y.ended_other:>6}{format_kr(y.cost_per_participant or 0):>14}")
    return 0


def _target(metric: str | None, raw: str | None) -> int | None:
    """A percent in hundredths (20 -> 2000) or an amount in öre, as the metric wants."""
    if metric is None or raw is None:
        return None
    if metric in ("eget_kapital_golv", "resultat_mot_budget"):
        return parse_kr(raw, field="--malvarde")
    try:
        return round(float(raw.replace(",", ".").replace("%", "").strip()) * 100)
    except ValueError:
        raise InputError(f"--malvarde ska vara en procentsats, t.ex. 20, inte ”{raw}”.", field="--malvarde") from None


def cmd_goals(args) -> int:
    writes = bool(args.add or args.judgement is not None)
    book = open_book(args.path, read_only=not writes)
    try:
        year = year_arg(book, args.year)
        if args.add:
            save_goal(book, None, year.id, kind=args.typ, title=args.add, measure=args.mats, metric=args.matt,
                      target=_target(args.matt, args.malvarde), outcome=args.utfall, verdict=args.bedomning)
        if args.judgement is not None:
            book.set_year_text(year.id, JUDGEMENT_KEY, args.judgement)
        goals = build_document(book, year.id).extras.goals
    finally:
        book.close()
    for r in goals.results:
        mark = "beräknad" if r.computed else "bedömd"
        out(f"[{r.verdict_label} – {mark}] {r.title}")
        if r.target_text:
            out(f"    Målvärde: {r.target_text}")
        if r.outcome_text:
            out(f"    Utfall: {r.outcome_text}")
    if goals.judgement:
        out(f"\nStyrelsens samlade bedömning: {goals.judgement}")
    return 0


def cmd_organisation(args) -> int:
    book = open_book(args.path, read_only=args.person is None)
    try:
        year = year_arg(book, args.year)
        if args.person is not None:
            members = {m.name.casefold(): m.id for m in book.members()}
            people = []
            for i, text in enumerate(args.person, 1):
                parts = [p.strip() for p in text.split(";")] + ["", "", ""]
                name, role, title, appointed = parts[:4]
                member = None
                if appointed:
                    member = members.get(appointed.casefold())
                    if member is None:
                        raise InputError(f"--person {i}: medlemmen ”{appointed}” finns inte i boken.",
                                         field="--person")
                people.append((name, role, title, member))
            book.set_organisation(year.id, people)
        doc = build_document(book, year.id)
    finally:
        book.close()
    for o in doc.extras.organisation:
        out(f"{ROLE_LABELS[o.role]:<13}{o.name:<28}{o.title:<26}{o.appointed_by}")
    return 0


def cmd_history(args) -> int:
    book = open_book(args.path, read_only=args.year is None)
    try:
        if args.year is not None:
            fields = {"tilldelade": "tilldelade_medel", "intakter": "verksamhetens_intakter",
                      "kostnader": "verksamhetens_kostnader", "resultat": "arets_resultat",
                      "eget_kapital": "eget_kapital", "tillgangar": "summa_tillgangar", "likvida": "likvida_medel"}
            values = {}
            for arg, field in fields.items():
                raw = getattr(args, arg)
                if raw is None:
                    raise InputError(f"--{arg.replace('_', '-')} saknas för år {args.year}.",
                                     field=f"--{arg.replace('_', '-')}")
                values[field] = parse_kr(raw, field=f"--{arg.replace('_', '-')}")
            values["verksamhetens_kostnader"] = -abs(values["verksamhetens_kostnader"])
            save_history_year(book, HistoryYear(args.year, **values, source=args.kalla))
        rows = book.history_years()
    finally:
        book.close()
    for h in rows:
        out(f"{h.year}: tilldelade {format_kr(h.tilldelade_medel)} kr, resultat {format_kr(h.arets_resultat)} kr, "
            f"eget kapital {format_kr(h.eget_kapital)} kr ({h.source or 'inmatat'})")
    return 0
