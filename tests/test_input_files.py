"""Every file the user gives the program (SIE, kontoutdrag, deltagare CSV, underlag) is
read through one reader: a missing file, a folder and an unreadable file each get a
Swedish message naming the file, and the caller's kind of error."""

from __future__ import annotations

import errno

import pytest

from finsam_desktop.bank.model import StatementError
from finsam_desktop.bank.read import read_statement_file
from finsam_desktop.errors import InputError
from finsam_desktop.exchange.sie_reader import read_sie
from finsam_desktop.files import read_input
from finsam_desktop.ops.annual import read_participants_csv


def test_missing_file_and_folder_are_named_with_the_callers_kind(tmp_path, book):
    missing = tmp_path / "saknas.se"
    with pytest.raises(InputError) as exc:
        read_sie(missing)
    assert exc.value.message == f"SIE-filen {missing} finns inte." and exc.value.path == str(missing)
    with pytest.raises(InputError, match=r"är en mapp, inte en SIE-fil\.$"):
        read_sie(tmp_path)
    with pytest.raises(StatementError) as exc:
        read_statement_file(tmp_path / "utdrag.xml")
    assert exc.value.message == f"Filen {tmp_path / 'utdrag.xml'} finns inte."
    with pytest.raises(StatementError, match=r"är en mapp, inte ett kontoutdrag\.$"):
        read_statement_file(tmp_path)
    with pytest.raises(InputError, match=r"är en mapp, inte en CSV-fil\.$"):
        read_participants_csv(book, tmp_path)


def test_a_file_the_system_refuses_gets_a_swedish_reason(tmp_path, monkeypatch):
    p = tmp_path / "utdrag.xml"
    p.write_bytes(b"<x/>")

    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    monkeypatch.setattr(type(p), "read_bytes", refuse)
    with pytest.raises(StatementError) as exc:
        read_input(p, kind="ett kontoutdrag", error=StatementError, field="fil")
    assert exc.value.message.startswith(f"Filen {p} kan inte läsas: ") and exc.value.field == "fil"
    assert "Permission" not in exc.value.message
