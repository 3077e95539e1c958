"""The commands the desktop program had alone: new-year, the registers (members with
driftbidrag, insatser with beviljade medel, projektägare) and drafts. Success paths with
real figures, and refusals (exit 2, one Swedish line, the book byte for byte unchanged)."""

from __future__ import annotations

import pytest

from conftest import VALID_ORGNR, refused
from conftest import run_cli as run
from finsam_desktop.book import Book, VoucherRow


@pytest.fixture
def cli_book(tmp_path, capsys):
    p = tmp_path / "f.finsam"
    code, _out, err = run(capsys, "new", p, "--name", "Testförbundet", "--orgnr", VALID_ORGNR, "--year", "2025")
    assert code == 0, err
    with Book.open(p) as b:
        b.book_voucher("2025-02-01", "Driftbidrag FK", [(1930, 400_000_00), (3010, -400_000_00)])
        b.book_voucher("2025-05-01", "Hyra", [(5010, 60_000_00), (1930, -60_000_00)])
    return p


# ---------------------------------------------------------------------------- new-year
def test_new_year_adds_the_following_year_with_preliminary_opening_balances(cli_book, capsys):
    code, out, err = run(capsys, "new-year", cli_book)
    assert code == 0, err
    assert "Räkenskapsåret 2026 (2026-01-01 – 2026-12-31) är tillagt." in out
    assert "preliminära tills räkenskapsåret 2025 är stängt" in out
    with Book.open(cli_book) as b:
        y = b.year_by_label("2026")
        # Bank 400 000 − 60 000; the 2025 result (a 340 000 surplus) in eget kapital 2010.
        assert b.opening_balances(y.id) == {(1930, None): 340_000_00, (2010, None): -340_000_00}
        assert b.opening_balances_stale(y.id)


def test_new_year_without_carry_has_no_opening_balances(cli_book, capsys):
    code, out, _ = run(capsys, "new-year", cli_book, "--no-carry")
    assert code == 0 and "Det har inga ingående balanser." in out
    with Book.open(cli_book) as b:
        assert b.opening_balances(b.year_by_label("2026").id) == {}


def test_new_year_refuses_a_gap_when_balances_are_carried(cli_book, capsys):
    refused(capsys, cli_book, "new-year", cli_book, "--start", "2026-02-01", "--end", "2027-01-31",
            match="Ingående balanser kan bara föras över när det nya året börjar dagen efter 2025-12-31")


def test_new_year_refuses_an_overlapping_year(cli_book, capsys):
    refused(capsys, cli_book, "new-year", cli_book, "--start", "2025-06-01", "--end", "2026-05-31",
            match="Det nya räkenskapsåret måste börja efter 2025-12-31")


# ---------------------------------------------------------------------------- members
def test_members_add_change_and_list_with_driftbidrag_per_year(cli_book, capsys):
    code, out, err = run(capsys, "members", "add", cli_book, "--name", "Försäkringskassan", "--kind", "stat",
                         "--share", "50", "--account", "3010", "--driftbidrag", "800 000", "--year", "2025")
    assert code == 0, err
    assert out.strip() == ("Medlemmen Försäkringskassan (stat, andel 50 %) är tillagd, "
                           "driftbidrag 2025 800 000,00 kr.")
    run(capsys, "members", "add", cli_book, "--name", "Kramfors kommun", "--kind", "kommun", "--share", "12,5")
    code, out, _ = run(capsys, "members", "change", cli_book, "kramfors kommun", "--share", "50",
                       "--driftbidrag", "400000")
    assert code == 0 and "andel 50 %" in out and "driftbidrag 2025 400 000,00 kr" in out
    with Book.open(cli_book) as b:
        y = b.year_by_label("2025")
        fk, kommun = b.members()
        assert (fk.share_bp, fk.account, kommun.share_bp) == (5000, 3010, 5000)
        assert b.contributions(y.id) == {fk.id: 800_000_00, kommun.id: 400_000_00}
    code, out, _ = run(capsys, "members", "list", cli_book)
    assert code == 0
    assert out.splitlines()[-1] == "Andelar totalt 100 %; driftbidrag totalt 1 200 000,00 kr."


def test_members_refuse_bad_input_and_leave_the_book_unchanged(cli_book, capsys):
    refused(capsys, cli_book, "members", "add", cli_book, "--name", "X", "--kind", "stat", "--share", "120",
            match="Andelen kan inte vara mer än 100 %.")
    refused(capsys, cli_book, "members", "add", cli_book, "--name", "X", "--kind", "förening", "--share", "10",
            match="Okänd medlemstyp ”förening”")
    refused(capsys, cli_book, "members", "add", cli_book, "--name", "X", "--kind", "stat", "--share", "10",
            "--account", "3999", match="Konto 3999 finns inte i kontoplanen.")
    refused(capsys, cli_book, "members", "change", cli_book, "Ingen", "--share", "10",
            match="Medlemmen ”Ingen” finns inte")
    refused(capsys, cli_book, "members", "add", cli_book, "--name", "X", "--kind", "stat", "--share", "10",
            "--driftbidrag", "-5", match="Driftbidraget kan inte vara negativt.")


# ---------------------------------------------------------------------------- insatser and projektägare
def test_insatser_and_project_owners_add_change_and_list(cli_book, capsys):
    code, out, err = run(capsys, "project-owners", "add", cli_book, "--name", "Kramfors kommun",
                         "--orgnr", "2120002411")
    assert code == 0 and out.strip() == "Projektägaren Kramfors kommun (212000-2411) är tillagd.", err
    code, out, err = run(capsys, "insatser", "add", cli_book, "--code", "STEG", "--name", "StegVidare",
                         "--owner", "Kramfors kommun", "--beviljat", "870000", "--start", "2025-01-01")
    assert code == 0 and out.strip() == ("Insatsen STEG StegVidare är tillagd, beviljat 2025 "
                                         "870 000,00 kr."), err
    code, out, _ = run(capsys, "insatser", "change", cli_book, "--code", "STEG", "--ended", "--account", "4530",
                       "--beviljat", "850 000")
    assert code == 0 and "beviljat 2025 850 000,00 kr" in out
    with Book.open(cli_book) as b:
        p = b.project_by_code("STEG")
        owner = b.counterpart(p.owner_id)
        assert (owner.name, owner.orgnr) == ("Kramfors kommun", "212000-2411")
        assert (p.active, p.account, p.start) == (False, 4530, "2025-01-01")
        assert b.project_grants(b.year_by_label("2025").id) == {p.id: 850_000_00}
    code, out, _ = run(capsys, "insatser", "list", cli_book)
    assert "StegVidare (avslutad)" in out and out.splitlines()[-1] == "Beviljat totalt 850 000,00 kr."
    code, out, _ = run(capsys, "project-owners", "list", cli_book)
    assert "Kramfors kommun" in out and "212000-2411" in out


def test_insatser_refuse_bad_input_and_leave_the_book_unchanged(cli_book, capsys):
    run(capsys, "insatser", "add", cli_book, "--code", "P1", "--name", "Första")
    refused(capsys, cli_book, "insatser", "add", cli_book, "--code", "P1", "--name", "Igen",
            match="Det finns redan en insats med koden P1.")
    refused(capsys, cli_book, "insatser", "change", cli_book, "--code", "P9", "--name", "X",
            match="Insatsen P9 finns inte")
    refused(capsys, cli_book, "insatser", "add", cli_book, "--code", "P2", "--name", "X",
            "--start", "2025-06-01", "--end", "2025-01-31", match="Slutdatum ligger före startdatum.")
    refused(capsys, cli_book, "insatser", "add", cli_book, "--code", "P2", "--name", "X", "--owner", "Okänd",
            match="Projektägaren ”Okänd” finns inte")
    refused(capsys, cli_book, "project-owners", "add", cli_book, "--name", "X", "--orgnr", "2120002412",
            match="organisationsnummer")


# ---------------------------------------------------------------------------- drafts
def _draft(path, rows, text="Telefonfaktura") -> int:
    with Book.open(path) as b:
        return b.save_draft("2025-03-10", text, rows)


def test_drafts_list_show_and_book(cli_book, capsys):
    did = _draft(cli_book, [VoucherRow(6420, 1_250_50), VoucherRow(1930, -1_250_50)])
    code, out, _ = run(capsys, "drafts", "list", cli_book)
    assert code == 0 and "Telefonfaktura" in out and "1 250,50" in out and out.rstrip().endswith("ja")
    code, out, _ = run(capsys, "drafts", "show", cli_book, did)
    assert code == 0 and "6420" in out and "-1 250,50" in out and out.splitlines()[-1] == "Utkastet balanserar."
    code, out, err = run(capsys, "drafts", "book", cli_book, did)
    assert code == 0 and out.strip() == "Utkastet är bokfört som verifikation A 3 (2025-03-10).", err
    with Book.open(cli_book) as b:
        assert b.drafts() == []
        v = b.voucher_by_ref(b.year_by_label("2025").id, "A", 3)
        assert [(r.account, r.amount) for r in v.rows] == [(6420, 1_250_50), (1930, -1_250_50)]


def test_an_unbalanced_draft_is_not_booked_and_stays(cli_book, capsys):
    did = _draft(cli_book, [VoucherRow(6420, 1_000_00), VoucherRow(1930, -900_00)])
    refused(capsys, cli_book, "drafts", "book", cli_book, did, match="balanserar inte")
    code, out, _ = run(capsys, "drafts", "show", cli_book, did)
    assert out.splitlines()[-1] == "Differens 100,00: utkastet balanserar inte."
    with Book.open(cli_book) as b:
        assert [d["id"] for d in b.drafts()] == [did]


def test_drafts_delete_and_refuse_an_unknown_draft(cli_book, capsys):
    did = _draft(cli_book, [VoucherRow(6420, 1_000_00)], text="Halvfärdig")
    code, out, _ = run(capsys, "drafts", "delete", cli_book, did)
    assert code == 0 and out.strip() == f"Utkastet {did} ”Halvfärdig” är borttaget."
    refused(capsys, cli_book, "drafts", "delete", cli_book, did, match=f"Utkastet {did} finns inte.")
    refused(capsys, cli_book, "drafts", "book", cli_book, "x", match="Ogiltigt utkastnummer ”x”")
    code, out, _ = run(capsys, "drafts", "list", cli_book)
    assert out.strip() == "Boken har inga utkast."
