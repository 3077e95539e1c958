"""Bad input at every front door of `finsam`: one Swedish line on stderr that says what
and where, exit code 2, no traceback, and the book file byte for byte unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import VALID_ORGNR, refused
from conftest import run_cli as run
from finsam_desktop.book import core
from finsam_desktop.cli import main


@pytest.fixture
def cli_book(tmp_path, capsys):
    p = tmp_path / "f.finsam"
    code, _, err = run(capsys, "new", p, "--name", "Testförbundet", "--orgnr", VALID_ORGNR, "--year", "2025")
    assert code == 0, err
    return p


def test_absurd_amount_is_refused_instead_of_overflowing(cli_book, capsys):
    line = refused(capsys, cli_book, "book", cli_book, "--date", "2025-03-01", "--text", "Fel",
                   "--row", "1930:99999999999999999999", "--row", "3900:-99999999999999999999",
                   match="Rad 1: beloppet")
    assert "orimligt stort" in line


def test_check_refuses_garbage_date_naming_the_option(cli_book, capsys):
    refused(capsys, cli_book, "check", cli_book, "--date", "garbage",
            match="Ogiltigt --date ”garbage”: skriv ÅÅÅÅ-MM-DD.")


def test_export_sie_never_overwrites_the_book(cli_book, capsys):
    refused(capsys, cli_book, "export-sie", cli_book, "-o", cli_book, match="den skrivs inte över")


def test_export_sie_to_a_folder_asks_for_a_file_name(cli_book, tmp_path, capsys):
    folder = tmp_path / "ut"
    folder.mkdir()
    refused(capsys, cli_book, "export-sie", cli_book, "-o", folder,
            match=f"{folder} är en mapp; ange ett filnamn för SIE-filen")


def test_export_sie_write_failure_is_explained_in_swedish(cli_book, tmp_path, capsys):
    not_a_folder = tmp_path / "fil.txt"
    not_a_folder.write_text("x")
    line = refused(capsys, cli_book, "export-sie", cli_book, "-o", not_a_folder / "bok.se",
                   match="kunde inte skrivas: en del av sökvägen är inte en mapp.")
    assert "Not a directory" not in line


def test_new_refuses_empty_name_in_swedish(tmp_path, capsys):
    p = tmp_path / "n.finsam"
    refused(capsys, None, "new", p, "--name", "  ", "--orgnr", VALID_ORGNR, "--year", "2025",
            match="Ange förbundets namn")
    assert not p.exists() and not list(tmp_path.iterdir())


def test_book_in_read_only_folder_is_not_called_damaged(cli_book, capsys, monkeypatch):
    # What SQLite answers for a WAL book in a folder without write permission (tests run
    # as any user, so the refusal is simulated at the connection).
    def refuse(path, *, read_only=False):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(core, "_connect", refuse)
    line = refused(capsys, cli_book, "balance", cli_book, match="saknar skrivrätt")
    assert "skadad" not in line


@pytest.mark.parametrize("argv, swedish", [
    (["new", "x.finsam"], "dessa argument saknas: --name, --orgnr, --year."),
    (["bogus"], "KOMMANDO: okänt val 'bogus' (välj bland 'new'"),
    (["balance"], "dessa argument saknas: FIL."),
    (["balance", "x.finsam", "--bogus"], "okända argument: --bogus."),
    (["balance", "x.finsam", "--year"], "--year ska följas av ett värde."),
])
def test_usage_errors_are_swedish(argv, swedish, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"finsam: fel: {swedish}" in err
    assert "required" not in err and "invalid choice" not in err and "unrecognized" not in err


def test_pdf_write_failure_is_explained_in_swedish(cli_book, tmp_path, capsys):
    not_a_folder = tmp_path / "fil.txt"
    not_a_folder.write_text("x")
    refused(capsys, cli_book, "pdf", cli_book, "-o", not_a_folder / "bok.pdf",
            match="kunde inte sparas: en del av sökvägen är inte en mapp.")


def test_each_command_imports_only_its_own_module_and_the_table_knows_every_command():
    """`finsam report` registers only cli.report (a short command's start is mostly
    imports); the table behind that names exactly the commands each module registers."""
    import importlib
    import subprocess
    import sys

    from finsam_desktop.cli import COMMAND_MODULES, COMMANDS, _Parser, build_parser

    assert set(COMMANDS) == set(COMMAND_MODULES)
    for module in COMMAND_MODULES:
        parser = _Parser(prog="finsam")
        sub = parser.add_subparsers(dest="command", parser_class=_Parser)
        importlib.import_module(module).register(sub)
        assert tuple(sub.choices) == COMMANDS[module], module
    everything = build_parser()._subparsers._group_actions[0].choices
    assert list(everything) == [c for m in COMMAND_MODULES for c in COMMANDS[m]]
    only = build_parser("report")._subparsers._group_actions[0].choices
    assert list(only) == ["report"]
    code = ("import sys; from finsam_desktop.cli import build_parser; build_parser('report'); "
            "print(sorted(m for m in sys.modules if m.startswith('finsam_desktop.cli.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['finsam_desktop.cli.common', 'finsam_desktop.cli.report']"


def test_an_unknown_command_is_refused_listing_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["rapport"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "okänt val 'rapport'" in err and "'report'" in err and "'handover'" in err


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["handover", "--help"]])
def test_help_headings_are_swedish(capsys, argv):
    from finsam_desktop.cli import main as cli_main
    with pytest.raises(SystemExit) as exc:
        cli_main(argv)
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: finsam")
    assert "argument:" in out and "visa den här hjälpen och avsluta" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out
