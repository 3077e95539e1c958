"""The ledger commands of `finsam`: success paths and refusals (exit 2, one Swedish line
on stderr, no traceback, the book file byte for byte unchanged)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from conftest import VALID_ORGNR, refused
from conftest import run_cli as run
from finsam_desktop.book import Book


@pytest.fixture
def cli_book(tmp_path, capsys):
    p = tmp_path / "f.finsam"
    code, out, err = run(capsys, "new", p, "--name", "Testförbundet", "--orgnr", VALID_ORGNR, "--year", "2025")
    assert code == 0, err
    with Book.open(p) as b:
        b.add_project("STEG", "StegVidare")
    return p


# ---------------------------------------------------------------------------- success
def test_new_creates_book_with_calendar_year(cli_book):
    with Book.open(cli_book) as b:
        assert b.forbund().namn == "Testförbundet"
        assert [(y.start, y.end) for y in b.years()] == [("2025-01-01", "2025-12-31")]


def test_new_with_broken_year(tmp_path, capsys):
    p = tmp_path / "b.finsam"
    code, out, _ = run(capsys, "new", p, "--name", "B", "--orgnr", "2220001354", "--year", "2026",
                       "--start", "2025-07-01", "--end", "2026-06-30")
    assert code == 0 and "2025-07-01 – 2026-06-30" in out
    with Book.open(p) as b:
        assert b.years()[0].label == "2025-07-01 – 2026-06-30"


def test_book_then_balance_and_vouchers(cli_book, capsys):
    code, out, err = run(capsys, "book", cli_book, "--date", "2025-03-01", "--text", "Driftbidrag FK",
                         "--row", "1930:162000", "--row", "3010:-162 000,00")
    assert code == 0, err
    assert "A 1" in out and "162 000,00" in out
    code, out, _ = run(capsys, "book", cli_book, "--date", "2025-04-01", "--text", "Faktura StegVidare",
                       "--row", "4530:1234,50:STEG", "--row", "1930:-1234.50")
    assert code == 0
    with Book.open(cli_book) as b:
        v = b.voucher_by_ref(b.years()[0].id, "A", 2)
        assert [(r.account, r.amount, r.project_id) for r in v.rows] == \
            [(4530, 1234_50, b.project_by_code("STEG").id), (1930, -1234_50, None)]

    code, out, _ = run(capsys, "balance", cli_book, "--year", "2025")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Saldobalans Testförbundet ({VALID_ORGNR})"
    bank = next(l for l in lines if l.startswith("1930"))
    assert bank.endswith("160 765,50")
    summa = lines[-1]
    assert summa.split() == ["Summa", "0,00", "0,00", "0,00"]
    widths = {len(l) for l in lines[3:] if l and not l.startswith("-")}
    assert len(widths) == 1  # right-aligned columns: every line equally long

    code, out, _ = run(capsys, "vouchers", cli_book, "--year", "2025", "--account", "4530")
    assert code == 0 and "Faktura StegVidare" in out and "Driftbidrag" not in out
    code, out, _ = run(capsys, "vouchers", cli_book, "--text", "drift")
    assert "A 1" in out and "1 verifikationer" in out


def test_balance_for_a_period(cli_book, capsys):
    run(capsys, "book", cli_book, "--date", "2025-03-01", "--text", "a", "--row", "1930:100", "--row", "3010:-100")
    run(capsys, "book", cli_book, "--date", "2025-05-01", "--text", "b", "--row", "6110:40", "--row", "1930:-40")
    code, out, _ = run(capsys, "balance", cli_book, "--year", "2025", "--from", "2025-04-01", "--to", "2025-06-30")
    assert code == 0
    line = {l.split()[0]: l for l in out.splitlines() if l[:1].isdigit()}
    assert line["3010"].split()[-3:] == ["-100,00", "0,00", "-100,00"]
    assert line["6110"].split()[-3:] == ["0,00", "40,00", "40,00"]
    assert out.splitlines()[-1].split() == ["Summa", "0,00", "0,00", "0,00"]


def test_accounts_lists_the_chart(cli_book, capsys):
    code, out, _ = run(capsys, "accounts", cli_book)
    assert code == 0
    assert any(l.startswith("4530") and "verksamhetens_kostnader" in l for l in out.splitlines())


# ---------------------------------------------------------------------------- refusals
def test_new_refuses_invalid_orgnr(tmp_path, capsys):
    p = tmp_path / "x.finsam"
    refused(capsys, p, "new", p, "--name", "X", "--orgnr", "222000-1355", "--year", "2025", match="kontrollsiffran")
    assert not p.exists()


def test_new_refuses_existing_file(cli_book, capsys):
    refused(capsys, cli_book, "new", cli_book, "--name", "X", "--orgnr", VALID_ORGNR, "--year", "2025",
            match="finns redan")


def test_new_refuses_bad_year(tmp_path, capsys):
    p = tmp_path / "x.finsam"
    refused(capsys, p, "new", p, "--name", "X", "--orgnr", VALID_ORGNR, "--year", "25", match="fyra siffror")
    refused(capsys, p, "new", p, "--name", "X", "--orgnr", VALID_ORGNR, "--year", "2025", "--start", "2025-02-01",
            match="både --start och --end")
    assert not p.exists()


@pytest.mark.parametrize("rows, match", [
    (["1930:100", "3010:-99"], "balanserar inte"),
    (["1930:100"], "minst två rader"),
    (["1939:100", "3010:-100"], "konto 1939 finns inte"),
    (["1930:1,234", "3010:-100"], "Ogiltigt belopp"),
    (["1930", "3010:-100"], "KONTO:BELOPP"),
    (["1930000:100", "3010:-100"], "fyra till sex siffror"),
    (["19300:100", "3010:-100"], "konto 19300 finns inte"),
    (["4530:100:NOPE", "1930:-100"], "insatsen ”NOPE” finns inte"),
])
def test_book_refuses_bad_rows(cli_book, capsys, rows, match):
    argv = ["book", cli_book, "--date", "2025-03-01", "--text", "x"]
    for r in rows:
        argv += ["--row", r]
    refused(capsys, cli_book, *argv, match=match)


def test_book_refuses_date_outside_open_years(cli_book, capsys):
    refused(capsys, cli_book, "book", cli_book, "--date", "2026-01-01", "--text", "x", "--row", "1930:1",
            "--row", "3010:-1", match="ligger inte i något räkenskapsår")
    refused(capsys, cli_book, "book", cli_book, "--date", "2025-02-30", "--text", "x", "--row", "1930:1",
            "--row", "3010:-1", match="datumet finns inte")
    with Book.open(cli_book) as b:
        b.set_year_status(b.years()[0].id, "closed")
    refused(capsys, cli_book, "book", cli_book, "--date", "2025-03-01", "--text", "x", "--row", "1930:1",
            "--row", "3010:-1", match="stängt")


def test_commands_refuse_missing_file(tmp_path, capsys):
    p = tmp_path / "saknas.finsam"
    for cmd in (["balance", p], ["accounts", p], ["vouchers", p],
                ["book", p, "--date", "2025-01-01", "--text", "x", "--row", "1930:1", "--row", "3010:-1"]):
        refused(capsys, p, *cmd, match="finns inte")
    assert not p.exists()


def test_commands_refuse_foreign_corrupt_and_newer_files(tmp_path, capsys, cli_book):
    foreign = tmp_path / "annan.db"
    c = sqlite3.connect(str(foreign))
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    refused(capsys, foreign, "balance", foreign, match="annat program")
    text = tmp_path / "text.finsam"
    text.write_text("inte en bok\n" * 20)
    refused(capsys, text, "accounts", text, match="inte en SQLite-databas")

    newer = tmp_path / "nyare.finsam"
    newer.write_bytes(cli_book.read_bytes())
    c = sqlite3.connect(str(newer))
    c.execute("PRAGMA user_version = 99")
    c.commit()
    c.close()
    refused(capsys, newer, "book", newer, "--date", "2025-03-01", "--text", "x", "--row", "1930:1",
            "--row", "3010:-1", match="nyare version")

    corrupt = tmp_path / "skadad.finsam"
    data = bytearray(cli_book.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    corrupt.write_bytes(bytes(data))
    refused(capsys, corrupt, "vouchers", corrupt, match="skadad")


def test_balance_refuses_unknown_year_and_bad_period(cli_book, capsys):
    refused(capsys, cli_book, "balance", cli_book, "--year", "2019", match="inget räkenskapsår 2019")
    refused(capsys, cli_book, "balance", cli_book, "--year", "2025", "--from", "2024-12-01",
            match="ligger inte inom räkenskapsåret")


def test_demo_command_and_refusal(tmp_path, capsys):
    p = tmp_path / "demo.finsam"
    code, out, err = run(capsys, "demo", p)
    assert code == 0, err
    assert "Samordningsförbundet Mellersta Ådalen" in out and "eget kapital 389 900,00 kr" in out
    refused(capsys, p, "demo", p, match="finns redan")


def test_finsam_command_prints_no_traceback(tmp_path):
    """The installed entry point, end to end, in its own process."""
    proc = subprocess.run([sys.executable, "-m", "finsam_desktop", "balance", str(tmp_path / "nej.finsam")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "finns inte" in proc.stderr
