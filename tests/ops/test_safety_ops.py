"""How many automatic backups a book keeps is its own setting."""

from __future__ import annotations

import pytest

from finsam_desktop.book.backups import KEEP_LAST
from finsam_desktop.cli import main
from finsam_desktop.errors import InputError
from finsam_desktop.ops.safety import backups_kept, set_backups_kept


def test_a_book_keeps_as_many_backups_as_it_is_set_to(book):
    assert backups_kept(book) == KEEP_LAST
    set_backups_kept(book, 3)
    assert backups_kept(book) == 3
    for _ in range(5):
        book.backup("manual")
    # All made this month: the latest three (the month's newest is among them).
    assert len(book.backups()) == 3
    for bad in (0, 1001, "5", 2.5):
        with pytest.raises(InputError, match="heltal 1–1000"):
            set_backups_kept(book, bad)
    assert backups_kept(book) == 3


def test_finsam_backups_keep_sets_it(book, capsys):
    path = str(book.path)
    book.close()
    assert main(["backups", path, "--keep", "7"]) == 0
    assert "de 7 senaste kopiorna" in capsys.readouterr().out
    assert main(["backups", path, "--keep", "0"]) == 2
    assert "heltal 1–1000" in capsys.readouterr().err
