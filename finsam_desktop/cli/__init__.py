"""The `finsam` command: a thin front end over book/, reports/, exchange/ and render/.

Each command group lives in its own module with a `register(subparsers)` function.
A FinsamError becomes one Swedish line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..arguments import SwedishArgumentParser as _Parser
from ..book import DatabaseError
from ..errors import FinsamError



# The commands each module registers: a command imports only its own module (and what
# that needs), which is most of the start of a short command such as `finsam report`.
# `finsam --help`, no command or one not listed here imports every module. A test checks
# this table against what the modules register.
COMMANDS = {
    "finsam_desktop.cli.ledger": ("new", "demo", "accounts", "vouchers", "balance", "book"),
    "finsam_desktop.cli.report": ("report",),
    "finsam_desktop.cli.sie": ("import-sie", "export-sie"),
    "finsam_desktop.cli.pdf": ("pdf",),
    "finsam_desktop.cli.accruals": ("accruals", "projects"),
    "finsam_desktop.cli.yearend": ("check", "close-year", "reopen-year", "handover"),
    "finsam_desktop.cli.registers": ("new-year", "members", "insatser", "project-owners", "drafts"),
    "finsam_desktop.cli.budget": ("budget", "budget-report", "plan"),
    "finsam_desktop.cli.annual": ("sus", "verksamhet", "mal", "organisation", "tidigare-ar"),
    "finsam_desktop.cli.bank": ("bank-import", "bank-csv", "bank-match", "bank-rule", "reconcile"),
    "finsam_desktop.cli.underlag": ("attach", "attachments", "attestants", "attest", "unattested",
                                    "attest-sample", "invoice", "invoices", "pay-invoice"),
    "finsam_desktop.cli.safety": ("verify", "backups", "restore"),
    "finsam_desktop.cli.mallar": ("mallar",),
    "finsam_desktop.cli.utskrift": ("utskrift",),
}
COMMAND_MODULES = tuple(COMMANDS)
MODULE_OF = {command: module for module, commands in COMMANDS.items() for command in commands}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with only the module of `command` when the
    table above knows it."""
    parser = _Parser(prog="finsam", description="Finsam Bokföring – bokföring och årsredovisning "
                                                 "för samordningsförbund.")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    module = MODULE_OF.get(command) if command else None
    for name in (module,) if module else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except FinsamError as exc:
        print(f"finsam: {exc.message}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        # A damaged book file is a Swedish sentence, never a traceback.
        print(f"finsam: Boken kan inte läsas, filen är skadad ({exc}). Kör finsam verify BOK "
              "och återställ från en säkerhetskopia (finsam backups BOK).", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("finsam: avbrutet.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
