"""Both programs speak Swedish on the command line: `finsam --help` and
`finsam-desktop --help` share one parser class (finsam_desktop/arguments.py)."""

from __future__ import annotations

import pytest

from finsam_desktop.cli import main as finsam_main
from finsam_desktop.ui.app import main as desktop_main

ENGLISH = ("usage:", "options:", "optional arguments:", "positional arguments:", "show this help message")


@pytest.mark.parametrize("main, program", [(desktop_main, "finsam-desktop"), (finsam_main, "finsam")])
def test_help_has_swedish_headings(capsys, main, program):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"användning: {program}")
    assert "\nflaggor:\n" in text and "visa den här hjälpen och avsluta" in text
    assert not [w for w in ENGLISH if w in text]


def test_desktop_help_names_the_book_argument_in_swedish(capsys):
    with pytest.raises(SystemExit):
        desktop_main(["--help"])
    text = capsys.readouterr().out
    assert "\nargument:\n  BOK " in text and "--size BxH" in text


def test_desktop_usage_error_is_swedish_and_names_the_program(capsys):
    with pytest.raises(SystemExit) as exc:
        desktop_main(["--okänd"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: finsam-desktop")
    assert "finsam-desktop: fel: okända argument: --okänd." in err
