"""`finsam accruals` speaks of the kinds of periodisering in Swedish (Upplupna löner,
löner), never in the program's internal keys (loner, forutbetalda_intakter); --line
takes the Swedish name, the full label and still the old key."""

from __future__ import annotations

import re

import pytest

from finsam_desktop.book import Book
from finsam_desktop.cli import main

INTERNAL = ("loner", "semesterloner", "sociala_avgifter", "forutbetalda_intakter")


@pytest.fixture
def path(tmp_path):
    b = Book.create(tmp_path / "bok.finsam", namn="Testförbundet", orgnr="222000-1354",
                    year_start="2021-01-01", year_end="2021-12-31")
    b.book_voucher("2021-01-15", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
    b.close()
    return str(tmp_path / "bok.finsam")


def test_the_suggestion_names_each_kind_in_swedish(path, capsys):
    assert main(["accruals", path, "--date", "2021-12-31"]) == 0
    text = capsys.readouterr().out
    assert not [k for k in INTERNAL if re.search(rf"\b{k}\b", text)], text
    assert re.search(r"\nlöner +Upplupna löner +5010 +2910", text), text
    assert re.search(r"\nförutbetalda intäkter +Förutbetalda intäkter \(driftbidrag i förskott\) +3030 +2970", text)


def test_help_lists_the_kinds_in_swedish(capsys):
    with pytest.raises(SystemExit):
        main(["accruals", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "löner, semesterlöner, sociala avgifter" in text and "förutbetalda intäkter" in text
    assert not [k for k in INTERNAL if re.search(rf"\b{k}\b", text)], text


@pytest.mark.parametrize("line", ["löner:1 000", "Löner:1000", "Upplupna löner:1000", "loner:1000"])
def test_line_takes_the_swedish_name_the_label_or_the_key(path, capsys, line):
    assert main(["accruals", path, "--date", "2021-12-31", "--book", "--line", line]) == 0
    assert "Bokförde verifikation A 2 den 2021-12-31 (1 000 kr, 1 rader)." in capsys.readouterr().out
    with Book.open(path) as b:
        v = b.voucher_by_ref(b.years()[0].id, "A", 2)
        assert sorted((r.account, r.amount) for r in v.rows) == [(2910, -1_000_00), (5010, 1_000_00)]

def test_an_unknown_kind_lists_the_swedish_names(path, capsys):
    assert main(["accruals", path, "--date", "2021-12-31", "--book", "--line", "lön:1000"]) == 2
    err = capsys.readouterr().err
    assert "ingen insats med koden lön" in err and "löner, semesterlöner" in err
    assert not [k for k in INTERNAL if re.search(rf"\b{k}\b", err)], err
