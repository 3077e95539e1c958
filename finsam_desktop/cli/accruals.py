"""`finsam accruals` (period-end interimsskulder: list the suggestion, book it) and
`finsam projects` (projektuppföljning)."""

from __future__ import annotations

import json
import re

from ..closing.accruals import KINDS, AccrualEntry, book_accruals, book_pending_reversals, line_state, suggest
from ..book.validate import parse_account_number, parse_date
from ..book.vouchers import day_after
from ..errors import InputError
from ..money import format_kr, parse_kr
from ..reports.projects import project_follow_up
from .common import open_book, out, year_arg


def kind_name(kind) -> str:
    """What a user types and reads for a kind of periodisering: its Swedish label without
    "Upplupna" and without the parenthesis ("Upplupna löner" -> "löner")."""
    label = re.sub(r"\s*\(.*\)$", "", kind.label)
    return re.sub(r"^(Övriga )?upplupna ", "", label, flags=re.IGNORECASE).casefold()


def kind_named(text: str):
    """The kind of periodisering `text` names: its Swedish name, its label or its key
    (any case), or None."""
    wanted = " ".join(text.split()).casefold()
    for kind in KINDS.values():
        if wanted in (kind_name(kind), kind.label.casefold(), kind.key):
            return kind
    return None


def kind_names() -> str:
    return ", ".join(kind_name(k) for k in KINDS.values())


def register(sub) -> None:
    """Add `accruals` and `projects` to the parser."""
    p = sub.add_parser("accruals", help="interimsskulder och andra periodiseringar vid periodens slut",
                       description="Visa förslaget till interimsskulder per insats vid ett periodslut, "
                                   "eller bokför det med --book och --line.")
    p.add_argument("book", metavar="BOK")
    p.add_argument("--date", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens sista dag")
    p.add_argument("--json", action="store_true", help="skriv förslaget som JSON")
    p.add_argument("--book", dest="do_book", action="store_true", help="bokför raderna i --line")
    p.add_argument("--line", action="append", default=[], metavar="INSATS:BELOPP",
                   help="en rad att bokföra: insatskod eller typ (" + kind_names()
                        + "), belopp i kr och valfritt debetkonto, t.ex. 101:492163, "
                          "styrelsearvoden:12000:5050 eller \"sociala avgifter:3100\"")
    p.add_argument("--reverse-pending", action="store_true",
                   help="bokför återföringar som väntar på att nästa räkenskapsår öppnas")
    p.set_defaults(func=cmd_accruals)

    q = sub.add_parser("projects", help="projektuppföljning per insats och projektägare",
                       description="Beviljat, utfall (inklusive interimsskuld) och kvar per insats "
                                   "och projektägare.")
    q.add_argument("book", metavar="BOK")
    q.add_argument("--year", metavar="ÅR", help="räkenskapsåret (standard: det senaste öppna)")
    q.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="till och med datum (standard: årets slut)")
    q.add_argument("--json", action="store_true", help="skriv uppföljningen som JSON")
    q.set_defaults(func=cmd_projects)


def parse_line(book, text: str) -> AccrualEntry:
    """'101:492 163,50' (insats code), 'styrelsearvoden:12000' or 'KIND:BELOPP:KONTO'."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0].strip():
        raise InputError(f"Ogiltig rad ”{text}”: skriv INSATS:BELOPP eller TYP:BELOPP[:KONTO].", field="line")
    key = parts[0].strip()
    amount = parse_kr(parts[1], field=f"belopp på raden {text}")
    account = parse_account_number(parts[2], field=f"konto på raden {text}") if len(parts) == 3 else None
    kind = kind_named(key)
    if kind is not None:
        return AccrualEntry(amount=amount, kind=kind.key, debit_account=account)
    project = book.project_by_code(key)
    if project is None:
        raise InputError(f"Raden ”{text}”: det finns ingen insats med koden {key} och ingen "
                         f"periodiseringstyp med det namnet ({kind_names()}).", field="line")
    return AccrualEntry(amount=amount, project_id=project.id, debit_account=account)


def _table(rows: list, right: set[int]) -> list[str]:
    """Aligned columns; a plain string in `rows` is printed as it is (a heading line)."""
    cells = [r for r in rows if not isinstance(r, str)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    return [r if isinstance(r, str) else
            "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in rows]


def cmd_accruals(args) -> int:
    date = parse_date(args.date, field="--date")
    if args.line and not args.do_book:
        raise InputError("--line används bara tillsammans med --book.", field="--line")
    book = open_book(args.book, read_only=not (args.do_book or args.reverse_pending))
    with book:
        if args.reverse_pending:
            for v in book_pending_reversals(book):
                out(f"Bokförde återföring {v.ref} den {v.date}.")
        if args.do_book:
            if not args.line:
                raise InputError("Ange minst en rad med --line INSATS:BELOPP.", field="--line")
            entries = [parse_line(book, t) for t in args.line]
            res = book_accruals(book, date, entries)
            if res.voucher:
                out(f"Bokförde verifikation {res.voucher.ref} den {res.voucher.date} "
                    f"({format_kr(sum(r.amount for r in res.records))} kr, {len(res.records)} rader).")
            else:
                out(f"Inget att bokföra; {len(res.records)} rader beslutade med 0 kr.")
            if res.reversal:
                out(f"Återföring {res.reversal.ref} bokförd den {res.reversal.date}.")
            elif res.voucher:
                out(f"Återföringen bokförs den {day_after(date)} när det räkenskapsåret har lagts till.")
            return 0
        s = suggest(book, date)
        if args.json:
            out(json.dumps(s.to_dict(), ensure_ascii=False, indent=2))
            return 0
        _print_suggestion(s)
    return 0


def _print_suggestion(s) -> None:
    out(f"Interimsskulder per {s.period_end} (räkenskapsår {s.year_label}"
        f"{', stängt' if s.year_closed else ''})")
    out()
    # Before the year end the column is the year's grant pro rata to the period end, not
    # the year's grant the projektuppföljning prints as "Beviljat": the header says so.
    partial = any(l.granted_period != l.granted for l in s.projects)
    rows = [["Insats", "Benämning", "Projektägare", "Beviljat t.o.m. perioden" if partial else "Beviljat",
             "Bokfört", "Rapporterat", "Förslag", "Att bokföra", "Status"]]
    for l in s.projects:
        rows.append([l.code, l.name, l.owner or "–", format_kr(l.granted_period), format_kr(l.booked),
                     "" if l.reported is None else format_kr(l.reported), format_kr(l.suggested),
                     format_kr(l.amount), _status(l)])
    if len(rows) > 1:
        for line in _table(rows, {3, 4, 5, 6, 7}):
            out(line)
    else:
        out("Inga aktiva insatser.")
    out()
    rows = [["Typ", "Benämning", "Debet", "Kredit", "Belopp", "Status"]]
    for o in s.others:
        kind = kind_name(KINDS[o.kind]) if o.kind in KINDS else o.kind
        rows.append([kind, o.label, str(o.debit_account or "–"), str(o.credit_account or "–"),
                     format_kr(o.amount) if o.decided else "", _status(o)])
    for line in _table(rows, {4}):
        out(line)
    undecided = s.undecided
    out()
    if undecided:
        out(f"{len(undecided)} insatser saknar beslut: " + ", ".join(l.code for l in undecided) + ".")
    else:
        out("Alla aktiva insatser har beslutad interimsskuld.")


STATUS_LABELS = {"elsewhere": "bokförd i annan verifikation", "undecided": "ej beslutad", "zero": "beslutad 0",
                 "reversed": "bokförd, återförd", "booked": "bokförd"}


def _status(line) -> str:
    return STATUS_LABELS[line_state(line)]


def cmd_projects(args) -> int:
    with open_book(args.book, read_only=True) as book:
        year = year_arg(book, args.year)
        fu = project_follow_up(book, year.id, args.date)
        if args.json:
            out(json.dumps(fu.to_dict(), ensure_ascii=False, indent=2))
            return 0
        out(f"Projektuppföljning {fu.year_label} till och med {fu.date}")
        out()
        rows = [["Insats", "Benämning", "Beviljat", "Utfall", "varav interimsskuld", "Kvar", "Utfall %  "]]
        for o in fu.owners:
            rows.append(o.owner)
            for l in o.lines:
                rows.append([f"  {l.code}", l.name, format_kr(l.granted), format_kr(l.outcome),
                             format_kr(l.accrued), format_kr(l.remaining), _pct(l.used_pct)
                             + (" !" if l.over_grant else "  ")])
            t = o.total
            rows.append(["", "Summa", format_kr(t.granted), format_kr(t.outcome),
                         format_kr(t.accrued), format_kr(t.remaining), _pct(t.used_pct) + "  "])
        t = fu.total
        rows.append(["", "Summa insatser", format_kr(t.granted), format_kr(t.outcome), format_kr(t.accrued),
                     format_kr(t.remaining), _pct(t.used_pct) + "  "])
        for line in _table(rows, {2, 3, 4, 5, 6}):
            out(line)
        for w in fu.warnings:
            out(f"Varning: {w}")
    return 0


def _pct(p) -> str:
    return "" if p is None else f"{p:.1f}".replace(".", ",") + " %"
