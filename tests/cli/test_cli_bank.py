"""`finsam bank-import`, `bank-csv`, `bank-match`, `bank-rule` and `reconcile`."""

from __future__ import annotations

import json

import pytest

from finsam_desktop.book import Book

from conftest import VALID_ORGNR, refused, run_cli
from bank_samples import CAMT_02, HANDELSBANKEN


@pytest.fixture
def files(tmp_path):
    b = Book.create(tmp_path / "b.finsam", namn="Bankförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {(1930, None): 100_000_00, (2010, None): -100_000_00})
    b.book_voucher("2021-01-15", "Driftbidrag Försäkringskassan", [(1930, 250_000_00), (3010, -250_000_00)])
    b.close()
    (tmp_path / "jan.xml").write_text(CAMT_02, encoding="utf-8")
    (tmp_path / "hb.csv").write_bytes(HANDELSBANKEN)
    return tmp_path / "b.finsam", tmp_path


def test_import_json_match_rule_and_reconcile(capsys, files):
    book, d = files
    code, out, _ = run_cli(capsys, "bank-import", book, d / "jan.xml", "--json")
    got = json.loads(out)
    assert code == 0 and {k: got[k] for k in ("rader", "nya", "dubbletter", "matchade", "omatchade")} == {
        "rader": 2, "nya": 2, "dubbletter": 0, "matchade": 1, "omatchade": 1}
    refused(capsys, book, "bank-import", book, d / "jan.xml", match="redan inläst")
    code, out, _ = run_cli(capsys, "reconcile", book, "--to", "2021-01-31", "--json")
    rec = json.loads(out)
    assert (rec["saldo_bank"], rec["saldo_bok"], rec["differens"], rec["oforklarat"], rec["stammer"]) == (
        349_375_50, 350_000_00, -624_50, 0, False)
    assert run_cli(capsys, "bank-match", book, "--confirm")[1].strip() == "1 matchningar bekräftades."
    code, out, _ = run_cli(capsys, "bank-rule", book, "--add", "BANKAVGIFT", "8570", "--book-proposals")
    assert "1 verifikationer bokfördes enligt regler och mallar." in out and "A 2  2021-01-29  BANKAVGIFT JANUARI" in out
    pdf = d / "avst.pdf"
    code, out, _ = run_cli(capsys, "reconcile", book, "--to", "2021-01-31", "-o", pdf)
    assert code == 0 and "Avstämningen stämmer." in out and pdf.read_bytes().startswith(b"%PDF")
    code, out, _ = run_cli(capsys, "bank-match", book)
    assert out.strip() == "2 av 2 bankrader är matchade och bekräftade."


def test_csv_needs_its_mapping_and_refusals_leave_the_book(capsys, files):
    book, d = files
    refused(capsys, book, "bank-import", book, d / "hb.csv", match="kolumnmappning")
    refused(capsys, book, "bank-csv", book, "--date", "Datum", match="Ange --bank")
    assert run_cli(capsys, "bank-csv", book, "--bank", "handelsbanken")[0] == 0
    code, out, _ = run_cli(capsys, "bank-import", book, d / "hb.csv")
    assert code == 0 and "2 nya, 0 redan inlästa (dubbletter), 1 med förslag på verifikation, 1 utan." in out
    bad = d / "bad.csv"
    bad.write_bytes(HANDELSBANKEN.replace(b"-624,50", b"-624;50"))
    line = refused(capsys, book, "bank-import", book, bad, match="bad.csv, rad 3")
    assert "saldo" in line or "Saldo" in line
    refused(capsys, book, "reconcile", book, "--to", "2021-13-01", match="--to")
    refused(capsys, book, "bank-import", book, d / "jan.xml", "--account", "3010", match="inget tillgångskonto")
    refused(capsys, book, "bank-match", book, "--line", "1", "--voucher", "99", match="Verifikationen 99 finns inte")


def test_month_ends_up_to_the_date(capsys, files):
    book, d = files
    run_cli(capsys, "bank-import", book, d / "jan.xml")
    code, out, _ = run_cli(capsys, "reconcile", book, "--to", "2021-03-15", "--months", "--json")
    months = json.loads(out)
    assert [m["datum"] for m in months] == ["2021-01-31", "2021-02-28", "2021-03-15"]
    # The statement ends in January: its closing balance holds after it.
    assert [m["saldo_bank"] for m in months] == [349_375_50] * 3
    assert [m["oforklarat"] for m in months] == [0, 0, 0]
    code, out, _ = run_cli(capsys, "reconcile", book, "--to", "2021-02-28", "--months")
    assert "2021-02-28      349 375,50      350 000,00       -624,50          0,00  2 bankrader och 1 ver. öppna" in out
