"""argparse in Swedish, for both programs (`finsam` and `finsam-desktop`): the headings
of --help, the help flag's text and the usage errors a user meets, with exit code 2."""

from __future__ import annotations

import argparse
import re
import sys


class SwedishArgumentParser(argparse.ArgumentParser):
    """argparse with Swedish headings in --help, Swedish usage errors and exit code 2.
    Subparsers get the same class through `add_subparsers(parser_class=...)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "visa den här hjälpen och avsluta"

    def format_usage(self) -> str:
        return swedish_heading(super().format_usage())

    def format_help(self) -> str:
        return swedish_heading(super().format_help())

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        program = self.prog.split()[0] if self.prog else "finsam"
        print(f"{program}: fel: {swedish_usage_error(message)}", file=sys.stderr)
        raise SystemExit(2)


def swedish_heading(text: str) -> str:
    return text.replace("usage: ", "användning: ", 1)


# argparse writes its usage errors in English; these are the ones a user meets.
_USAGE_ERRORS = (
    (r"the following arguments are required: (.*)", r"dessa argument saknas: \1."),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"\1: okänt val \2 (välj bland \3)."),
    (r"unrecognized arguments: (.*)", r"okända argument: \1."),
    (r"argument (.*?): expected one argument", r"\1 ska följas av ett värde."),
    (r"argument (.*?): ignored explicit argument (.*)", r"\1 tar inget värde (fick \2)."),
    (r"ambiguous option: (.*?) could match (.*)", r"flertydigt argument \1: det kan vara \2."),
    (r"argument (.*?): not allowed with argument (.*)", r"\1 kan inte användas tillsammans med \2."),
)


def swedish_usage_error(message: str) -> str:
    """argparse's English usage error in Swedish (unknown ones are passed on as they are)."""
    for pattern, replacement in _USAGE_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message
