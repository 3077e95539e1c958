"""finsam mallar: list, save, rename, delete and use mallar (recurring verifikationer)."""

from __future__ import annotations

from ..book import Book
from ..errors import InputError
from ..money import format_ore
from ..ops import templates as template_ops
from ..ops.underlag import voucher_by_ref
from .common import open_book, out, year_arg


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("mallar", help="mallar för återkommande verifikationer (hyra, löner, arvoden)",
                       description="Utan flaggor: lista mallarna. --use bokför en mall med ett datum, "
                                   "bara när alla belopp finns och den balanserar.")
    p.add_argument("path", metavar="FIL")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--save-from", nargs="+", metavar="VER",
                     help="spara en mall från en bokförd verifikation, t.ex. --save-from A 12 (kräver --name)")
    act.add_argument("--use", metavar="MALL", help="bokför mallen (kräver --date)")
    act.add_argument("--rename", metavar="MALL", help="byt namn på mallen (nya namnet i --name)")
    act.add_argument("--delete", metavar="MALL", help="ta bort mallen")
    p.add_argument("--name", help="mallens namn")
    p.add_argument("--date", help="verifikationsdatum för --use (ÅÅÅÅ-MM-DD)")
    p.add_argument("--year", help="räkenskapsåret för --save-from (ÅÅÅÅ); utan: det senaste öppna")
    p.add_argument("--replace", action="store_true", help="ersätt en mall med samma namn")
    p.set_defaults(func=cmd_mallar)


def _amount(amount: int | None) -> str:
    if amount is None:
        return "(fylls i)".rjust(16)
    return f"{format_ore(amount):>16}"


def _print_template(book: Book, t) -> None:
    accounts = {a.number: a.name for a in book.accounts()}
    out(f"{t.name}: {t.text}")
    for r in t.rows:
        name = accounts.get(r.account, "")
        out(f"  {r.account or '':>6} {name[:30]:<30} {_amount(r.amount)}  {r.text}")


def cmd_mallar(args) -> int:
    read_only = not (args.save_from or args.use or args.rename or args.delete)
    with open_book(args.path, read_only=read_only) as book:
        if args.save_from:
            if not args.name:
                raise InputError("Ange mallens namn med --name.", field="--name")
            vid = voucher_by_ref(book, " ".join(args.save_from), year_arg(book, args.year).id)
            t = template_ops.save_template_from_voucher(book, vid, args.name, replace=args.replace)
            out(f"Mallen ”{t.name}” är sparad med {len(t.rows)} rader:")
            _print_template(book, t)
        elif args.use:
            if not args.date:
                raise InputError("Ange verifikationens datum med --date.", field="--date")
            v = template_ops.book_template(book, args.use, args.date)
            accounts = {a.number: a.name for a in book.accounts()}
            out(f"Bokförd: {v.ref} {v.date} {v.text}")
            for r in v.rows:
                out(f"  {r.account:>6} {accounts.get(r.account, '')[:30]:<30} {format_ore(r.amount):>16}  {r.text}")
        elif args.rename:
            if not args.name:
                raise InputError("Ange det nya namnet med --name.", field="--name")
            t = template_ops.rename_template(book, args.rename, args.name)
            out(f"Mallen heter nu ”{t.name}”.")
        elif args.delete:
            template_ops.delete_template(book, args.delete)
            out(f"Mallen ”{args.delete.strip()}” är borttagen.")
        else:
            ts = template_ops.templates(book)
            if not ts:
                out("Boken har inga mallar.")
            for t in ts:
                _print_template(book, t)
    return 0
