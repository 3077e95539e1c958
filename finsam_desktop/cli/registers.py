"""finsam new-year, members, insatser, project-owners and drafts: what the desktop program
changes in its forms, from the command line. Every change is one core operation (ops/)."""

from __future__ import annotations

from ..book import Book
from ..book.registers import MEMBER_KINDS, PROJECT_KINDS
from ..book.validate import format_share, parse_account_number, parse_date, parse_share
from ..book.yearend import following_period
from ..errors import InputError
from ..money import format_ore, parse_kr
from ..ops import drafts as draft_ops
from ..ops.registers import save_member, save_project, save_project_owner
from ..ops.year_proposals import add_year_with_proposals
from .common import book_and_year, open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("new-year", help="lägg till nästa räkenskapsår (med ingående balanser från det förra)")
    p.add_argument("path", metavar="FIL")
    p.add_argument("--start", help="första dagen (ÅÅÅÅ-MM-DD); utan: dagen efter det senaste året")
    p.add_argument("--end", help="sista dagen (ÅÅÅÅ-MM-DD); utan: lika långt som det senaste året")
    p.add_argument("--no-carry", action="store_true",
                   help="för inte över utgående balanser som ingående balanser")
    p.add_argument("--copy-budget", action="store_true", help="kopiera förra årets budget som förslag")
    p.add_argument("--copy-driftbidrag", action="store_true",
                   help="kopiera medlemmarnas driftbidrag från förra året som förslag")
    p.add_argument("--copy-beviljat", action="store_true",
                   help="kopiera insatsernas beviljade medel från förra året som förslag")
    p.add_argument("--copy-all", action="store_true", help="kopiera budget, driftbidrag och beviljat")
    p.set_defaults(func=cmd_new_year)

    members = sub.add_parser("members", help="medlemmar med andel och driftbidrag per år")
    msub = members.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    p = msub.add_parser("list", help="lista medlemmarna och årets driftbidrag")
    book_and_year(p)
    p.set_defaults(func=cmd_members_list)
    for action, helptext in (("add", "lägg till en medlem"), ("change", "ändra en medlem")):
        p = msub.add_parser(action, help=helptext)
        p.add_argument("path", metavar="FIL")
        if action == "change":
            p.add_argument("member", metavar="MEDLEM", help="medlemmens namn eller nummer")
        p.add_argument("--name", required=action == "add", help="medlemmens namn")
        p.add_argument("--kind", required=action == "add", help=f"typ: {', '.join(MEMBER_KINDS)}")
        p.add_argument("--share", required=action == "add", help="andel i procent, t.ex. 50 eller 12,5")
        p.add_argument("--account", help="intäktskonto för driftbidraget, t.ex. 3010")
        p.add_argument("--year", help="räkenskapsåret för --driftbidrag (ÅÅÅÅ); utan: det senaste öppna")
        p.add_argument("--driftbidrag", metavar="KR", help="årets driftbidrag i kronor")
        p.set_defaults(func=cmd_member_save)

    projects = sub.add_parser("insatser", help="insatser med beviljade medel per år")
    psub = projects.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    p = psub.add_parser("list", help="lista insatserna och årets beviljade medel")
    book_and_year(p)
    p.set_defaults(func=cmd_projects_list)
    for action, helptext in (("add", "lägg till en insats"), ("change", "ändra en insats")):
        p = psub.add_parser(action, help=helptext)
        p.add_argument("path", metavar="FIL")
        p.add_argument("--code", required=True, help="insatsens kod, t.ex. P01")
        if action == "change":
            p.add_argument("--new-code", help="ny kod för insatsen")
        p.add_argument("--name", required=action == "add", help="insatsens namn")
        p.add_argument("--owner", help="projektägarens namn (”-” tar bort den)")
        p.add_argument("--kind", help=f"typ: {', '.join(PROJECT_KINDS)}")
        p.add_argument("--start", help="startdatum (ÅÅÅÅ-MM-DD)")
        p.add_argument("--end", help="slutdatum (ÅÅÅÅ-MM-DD)")
        p.add_argument("--account", help="kostnadskonto, t.ex. 4530")
        state = p.add_mutually_exclusive_group()
        state.add_argument("--active", dest="active", action="store_true", default=None, help="pågående")
        state.add_argument("--ended", dest="active", action="store_false", help="avslutad")
        p.add_argument("--year", help="räkenskapsåret för --beviljat (ÅÅÅÅ); utan: det senaste öppna")
        p.add_argument("--beviljat", metavar="KR", help="årets beviljade medel i kronor")
        p.set_defaults(func=cmd_project_save)

    owners = sub.add_parser("project-owners", help="projektägare (de som driver insatserna)")
    osub = owners.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    p = osub.add_parser("list", help="lista projektägarna")
    p.add_argument("path", metavar="FIL")
    p.set_defaults(func=cmd_owners_list)
    for action, helptext in (("add", "lägg till en projektägare"), ("change", "ändra en projektägare")):
        p = osub.add_parser(action, help=helptext)
        p.add_argument("path", metavar="FIL")
        if action == "change":
            p.add_argument("owner", metavar="PROJEKTÄGARE", help="projektägarens namn eller nummer")
        p.add_argument("--name", required=action == "add", help="namn")
        p.add_argument("--orgnr", help="organisationsnummer (”-” tar bort det)")
        p.add_argument("--member", help="medlemmen projektägaren är (namn; ”-” tar bort kopplingen)")
        p.set_defaults(func=cmd_owner_save)

    drafts = sub.add_parser("drafts", help="utkast: verifikationer som inte är bokförda")
    dsub = drafts.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    p = dsub.add_parser("list", help="lista utkasten")
    p.add_argument("path", metavar="FIL")
    p.set_defaults(func=cmd_drafts_list)
    for action, helptext, func in (("show", "visa ett utkast med dess rader", cmd_draft_show),
                                   ("delete", "ta bort ett utkast", cmd_draft_delete),
                                   ("book", "bokför ett utkast (det måste balansera)", cmd_draft_book)):
        p = dsub.add_parser(action, help=helptext)
        p.add_argument("path", metavar="FIL")
        p.add_argument("draft", metavar="UTKAST", help="utkastets nummer (se finsam drafts list)")
        p.set_defaults(func=func)


# ---------------------------------------------------------------------------- lookups
def _number(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _member(book: Book, text: str):
    members = book.members()
    n = _number(text)
    found = [m for m in members if m.id == n or m.name.lower() == text.strip().lower()]
    if not found:
        raise InputError(f"Medlemmen ”{text}” finns inte (finsam members list visar medlemmarna).",
                         field="medlem")
    return found[0]


def _owner(book: Book, text: str):
    n = _number(text)
    found = [c for c in book.counterparts() if c.id == n or c.name.lower() == text.strip().lower()]
    if not found:
        raise InputError(f"Projektägaren ”{text}” finns inte (finsam project-owners list visar dem).",
                         field="projektägare")
    return found[0]


def _year_id(book: Book, label) -> int:
    return year_arg(book, label).id


def _kr(text: str | None, field: str) -> int | None:
    return parse_kr(text, field=field) if text is not None else None


def _account(text: str | None, current: int | None) -> int | None:
    if text is None:
        return current
    return None if text.strip() == "-" else parse_account_number(text, field="--account")


# ---------------------------------------------------------------------------- new-year
def cmd_new_year(args) -> int:
    with open_book(args.path) as book:
        years = book.years()
        if not years and not (args.start and args.end):
            raise InputError("Boken har inget räkenskapsår: ange både --start och --end.", field="period")
        last = years[-1] if years else None
        start, end = following_period(last) if last else (args.start, args.end)
        start, end = args.start or start, args.end or end
        asked = (args.copy_budget or args.copy_all, args.copy_driftbidrag or args.copy_all,
                 args.copy_beviljat or args.copy_all)
        proposals = add_year_with_proposals(book, start, end, carry=not args.no_carry, budget=asked[0],
                                            contributions=asked[1], grants=asked[2])
        year = proposals.year
        ib = book.opening_balances(year.id)
        out(f"Räkenskapsåret {year.label} ({year.start} – {year.end}) är tillagt.")
        if last is None or args.no_carry:
            out("Det har inga ingående balanser.")
        elif not ib:
            out(f"Det har inga ingående balanser: räkenskapsåret {last.label} har inga saldon att föra över.")
        elif book.opening_balances_stale(year.id):
            out(f"Ingående balanser: {len(ib)} konton, preliminära tills räkenskapsåret {last.label} är stängt.")
        else:
            out(f"Ingående balanser: {len(ib)} konton, lika med de utgående balanserna för {last.label}.")
        if any(asked):
            for line in proposals.lines(asked):
                out(line)
    return 0


# ---------------------------------------------------------------------------- members
def cmd_members_list(args) -> int:
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        contrib = book.contributions(year.id)
        members = book.members()
        out(f"Medlemmar i {book.forbund().namn}, driftbidrag {year.label}")
        out(f"  {'Nr':>3}  {'Medlem':<36} {'Typ':<7} {'Andel':>8} {'Konto':>6} {'Driftbidrag':>16}")
        for m in members:
            out(f"  {m.id:>3}  {m.name:<36} {m.kind:<7} {format_share(m.share_bp):>8} "
                f"{m.account or '':>6} {format_ore(contrib.get(m.id, 0)):>16}")
        shares = sum(m.share_bp for m in members)
        warn = "" if shares == 10000 or not members else " (andelarna ska tillsammans vara 100 %)"
        out(f"Andelar totalt {format_share(shares)}{warn}; driftbidrag totalt "
            f"{format_ore(sum(contrib.values()))} kr.")
    return 0


def cmd_member_save(args) -> int:
    with open_book(args.path) as book:
        old = _member(book, args.member) if getattr(args, "member", None) is not None else None
        share = parse_share(args.share) if args.share is not None else old.share_bp
        year = year_arg(book, args.year) if args.driftbidrag is not None else None
        m = save_member(book, old.id if old else None, name=args.name if args.name is not None else old.name,
                        kind=(args.kind or old.kind).strip().lower(), share_bp=share,
                        account=_account(args.account, old.account if old else None),
                        year_id=year.id if year else None, contribution=_kr(args.driftbidrag, "--driftbidrag"))
        verb = "ändrad" if old else "tillagd"
        tail = (f", driftbidrag {year.label} {format_ore(book.contributions(year.id).get(m.id, 0))} kr"
                if year else "")
        out(f"Medlemmen {m.name} ({m.kind}, andel {format_share(m.share_bp)}) är {verb}{tail}.")
    return 0


# ---------------------------------------------------------------------------- insatser
def cmd_projects_list(args) -> int:
    with open_book(args.path, read_only=True) as book:
        year = year_arg(book, args.year)
        grants = book.project_grants(year.id)
        owners = {c.id: c.name for c in book.counterparts()}
        projects = book.projects()
        names = {p.id: p.name if p.active else f"{p.name} (avslutad)" for p in projects}
        nw = max([6, *(len(n) for n in names.values())])
        ow = max([12, *(len(owners.get(p.owner_id, "")) for p in projects)])
        out(f"Insatser i {book.forbund().namn}, beviljat {year.label}")
        out(f"  {'Kod':<8} {'Insats':<{nw}} {'Projektägare':<{ow}} {'Konto':>5} {'Beviljat':>14}")
        for p in projects:
            out(f"  {p.code:<8} {names[p.id]:<{nw}} {owners.get(p.owner_id, ''):<{ow}} {p.account or '':>5} "
                f"{format_ore(grants.get(p.id, 0)):>14}")
        out(f"Beviljat totalt {format_ore(sum(grants.values()))} kr.")
    return 0


def cmd_project_save(args) -> int:
    with open_book(args.path) as book:
        code = args.code.strip()
        old = book.project_by_code(code)
        adding = args.action == "add"
        if adding and old is not None:
            raise InputError(f"Det finns redan en insats med koden {code}.", field="--code")
        if not adding and old is None:
            raise InputError(f"Insatsen {code} finns inte (finsam insatser list visar insatserna).", field="--code")
        if args.owner is None:
            owner_id = old.owner_id if old else None
        else:
            owner_id = None if args.owner.strip() == "-" else _owner(book, args.owner).id
        start = (parse_date(args.start, field="--start") if args.start and args.start != "-" else
                 None if args.start == "-" else old.start if old else None)
        end = (parse_date(args.end, field="--end") if args.end and args.end != "-" else
               None if args.end == "-" else old.end if old else None)
        year = year_arg(book, args.year) if args.beviljat is not None else None
        p = save_project(book, old.id if old else None,
                         code=getattr(args, "new_code", None) or code,
                         name=args.name if args.name is not None else old.name,
                         owner_id=owner_id, kind=args.kind or (old.kind if old else None),
                         start=start, end=end, account=_account(args.account, old.account if old else None),
                         active=args.active if args.active is not None else (old.active if old else True),
                         year_id=year.id if year else None, grant=_kr(args.beviljat, "--beviljat"))
        tail = (f", beviljat {year.label} {format_ore(book.project_grants(year.id).get(p.id, 0))} kr"
                if year else "")
        out(f"Insatsen {p.code} {p.name} är {'tillagd' if adding else 'ändrad'}{tail}.")
    return 0


# ---------------------------------------------------------------------------- projektägare
def cmd_owners_list(args) -> int:
    with open_book(args.path, read_only=True) as book:
        members = {m.id: m.name for m in book.members()}
        out(f"Projektägare i {book.forbund().namn}")
        owners = book.counterparts()
        w = max([12, *(len(c.name) for c in owners)])
        out(f"  {'Nr':>3}  {'Projektägare':<{w}} {'Organisationsnummer':<20} Medlem")
        for c in owners:
            out(f"  {c.id:>3}  {c.name:<{w}} {c.orgnr:<20} {members.get(c.member_id, '')}".rstrip())
    return 0


def cmd_owner_save(args) -> int:
    with open_book(args.path) as book:
        old = _owner(book, args.owner) if getattr(args, "owner", None) is not None else None
        if args.member is None:
            member_id = old.member_id if old else None
        else:
            member_id = None if args.member.strip() == "-" else _member(book, args.member).id
        orgnr = (old.orgnr if old else "") if args.orgnr is None else ("" if args.orgnr.strip() == "-"
                                                                      else args.orgnr)
        c = save_project_owner(book, old.id if old else None,
                               name=args.name if args.name is not None else old.name,
                               orgnr=orgnr, member_id=member_id)
        out(f"Projektägaren {c.name}{f' ({c.orgnr})' if c.orgnr else ''} är {'ändrad' if old else 'tillagd'}.")
    return 0


# ---------------------------------------------------------------------------- drafts
def _draft_id(text: str) -> int:
    n = _number(text)
    if n is None:
        raise InputError(f"Ogiltigt utkastnummer ”{text}”: ange numret som finsam drafts list visar.",
                         field="utkast")
    return n


def cmd_drafts_list(args) -> int:
    with open_book(args.path, read_only=True) as book:
        drafts = book.drafts()
        if not drafts:
            out("Boken har inga utkast.")
            return 0
        out(f"  {'Nr':>3}  {'Datum':<10}  {'Text':<44} {'Debet':>14}  Balanserar")
        for d in drafts:
            debit = sum(r.amount for r in d["rows"] if r.amount > 0)
            balanced = "ja" if sum(r.amount for r in d["rows"]) == 0 and d["rows"] else "nej"
            out(f"  {d['id']:>3}  {d['date'] or '(utan)':<10}  {d['text'] or '(utan text)':<44} "
                f"{format_ore(debit):>14}  {balanced}")
    return 0


def cmd_draft_show(args) -> int:
    with open_book(args.path, read_only=True) as book:
        d = draft_ops.draft(book, _draft_id(args.draft))
        out(f"Utkast {d['id']}: {d['date'] or '(utan datum)'} {d['text'] or '(utan text)'}")
        codes = {p.id: p.code for p in book.projects()}
        for r in d["rows"]:
            acc = book.account(r.account)
            name = acc.name if acc else "(kontot finns inte)"
            project = f" [{codes.get(r.project_id, r.project_id)}]" if r.project_id else ""
            out(f"  {r.account} {name:<40} {format_ore(r.amount):>16}{project}")
        diff = sum(r.amount for r in d["rows"])
        out("Utkastet balanserar." if diff == 0 else f"Differens {format_ore(diff)}: utkastet balanserar inte.")
    return 0


def cmd_draft_delete(args) -> int:
    with open_book(args.path) as book:
        draft_id = _draft_id(args.draft)
        d = draft_ops.draft(book, draft_id)
        draft_ops.delete_draft(book, draft_id)
        out(f"Utkastet {draft_id} ”{d['text'] or 'utan text'}” är borttaget.")
    return 0


def cmd_draft_book(args) -> int:
    with open_book(args.path) as book:
        v = draft_ops.book_draft(book, _draft_id(args.draft))
        out(f"Utkastet är bokfört som verifikation {v.ref} ({v.date}).")
    return 0
