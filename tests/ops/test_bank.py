"""Importing statements into a book, never twice, matching, rules and reconciliation."""

from __future__ import annotations

import pytest

from finsam_desktop.bank.model import BankLine, Statement, StatementError
from finsam_desktop.bank.camt_write import write_camt053
from finsam_desktop.closing.checks import run_checks
from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.ops import bank

from conftest import digest
from bank_samples import CAMT_02, CAMT_08, HANDELSBANKEN

IBAN = "SE3550000000054910000003"


def _file(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


@pytest.fixture
def ledger(book):
    """January 2021 booked as the bank later shows it (the driftbidrag in two parts)."""
    book.set_opening_balances(book.years()[0].id, {(1930, None): 100_000_00, (2010, None): -100_000_00})
    a = book.book_voucher("2021-01-14", "Driftbidrag Försäkringskassan del 1", [(1930, 150_000_00), (3010, -150_000_00)])
    b = book.book_voucher("2021-01-15", "Driftbidrag Försäkringskassan del 2", [(1930, 100_000_00), (3010, -100_000_00)])
    return book, a, b


def test_import_matches_one_line_to_two_vouchers_and_reconciles(ledger, tmp_path):
    book, a, b = ledger
    res = bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    assert res.to_json() | {"luckor": []} == {
        "fil": "jan.xml", "format": "camt.053.001.02", "konto": 1930, "kontoutdrag": 1, "rader": 2, "nya": 2,
        "dubbletter": 0, "matchade": 1, "omatchade": 1, "luckor": [], "kopplat_bankkonto": IBAN}
    lines = book.bank_lines(1930)
    assert [(ln.amount, ln.status, ln.voucher_ids) for ln in lines] == [
        (250_000_00, "förslag", (a.id, b.id)), (-624_50, "omatchad", ())]
    assert book.bank_account_id(1930) == IBAN

    # Proposals explain nothing until confirmed.
    rec = bank.reconcile(book, "2021-01-31")
    assert (rec.bank_balance, rec.book_balance) == (349_375_50, 350_000_00)
    assert rec.difference == -624_50 and rec.unexplained == 0
    assert len(rec.open_lines) == 2 and len(rec.open_movements) == 2 and not rec.ok
    assert bank.confirm_matches(book) == 2

    # The fee: a rule proposes the verifikation; it is booked only when asked.
    bank.add_rule(book, "bankavgift", 8570)
    proposal = bank.rule_proposal(book, lines[1].id)
    assert proposal["rows"] == [(1930, -624_50), (8570, 624_50)]
    assert book.count_vouchers() == 2
    (v,) = bank.book_rule_proposals(book)
    assert [(r.account, r.amount) for r in v.rows] == [(1930, -624_50), (8570, 624_50)]
    rec = bank.reconcile(book, "2021-01-31")
    assert rec.ok and rec.bank_balance == rec.book_balance == 349_375_50
    # Mid-month: the bank had the driftbidrag on the 15th, the book a part on the 14th.
    mid = bank.reconcile(book, "2021-01-14")
    assert (mid.bank_balance, mid.book_balance) == (100_000_00, 250_000_00)
    assert [m.amount for m in mid.open_movements] == [150_000_00] and mid.unexplained == 0


def test_never_twice_across_overlapping_files_and_a_reported_gap(ledger, tmp_path):
    book, _a, _b = ledger
    first = _file(tmp_path, "jan.xml", CAMT_02)
    bank.import_statement(book, first)
    before = digest(book.path)
    with pytest.raises(StatementError, match="redan inläst; alla 2 rader"):
        bank.import_statement(book, first)
    assert digest(book.path) == before
    # The same lines again in a CSV (no reference) are not recognised by reference, but
    # by date, amount, text and balance only within CSV files: import the CSV twice.
    # An overlapping statement: January's fee line again plus February, with a gap day.
    lines = [BankLine("2021-01-29", -624_50, "BANKAVGIFT JANUARI", reference="SEB2021012900002"),
             BankLine("2021-02-03", -100_00, "KORTKÖP", reference="SEB2021020300001")]
    over = Statement(IBAN, "SEK", "2021-01-20", "2021-02-28", 350_000_00, 350_000_00 - 724_50, lines)
    res = bank.import_statement(book, _file(tmp_path, "over.xml", write_camt053([over])))
    assert (res.new, res.duplicates) == (1, 1)
    assert res.gaps == []
    assert bank.reconcile(book, "2021-02-28").bank_balance == 349_275_50
    gap = Statement(IBAN, "SEK", "2021-04-01", "2021-04-30", 349_000_00, 349_000_00,
                    [BankLine("2021-04-02", 0, "NOLL", reference="X1")])
    res = bank.import_statement(book, _file(tmp_path, "apr.xml", write_camt053([gap])))
    assert res.gaps == ["Lucka: inget kontoutdrag för 2021-03-01–2021-03-31 mellan over.xml och apr.xml.",
                        "Lucka: over.xml slutar med saldot 349 275,50 kr den 2021-02-28 men apr.xml börjar med "
                        "349 000,00 kr den 2021-04-01 (differens -275,50 kr)."]


def test_csv_lines_are_recognised_by_date_amount_text_and_balance(book, tmp_path):
    bank.set_csv_mapping(book, None, "handelsbanken")
    csv = _file(tmp_path, "hb.csv", HANDELSBANKEN)
    assert bank.import_statement(book, csv).new == 2
    more = HANDELSBANKEN + "2021-02-01;2021-02-01;KORTKÖP;-100,00;349 275,50\r\n".encode("cp1252")
    res = bank.import_statement(book, _file(tmp_path, "hb2.csv", more))
    assert (res.lines, res.new, res.duplicates) == (3, 1, 2)
    assert bank.reconcile(book, "2021-02-01").bank_balance == 349_275_50


def test_wrong_account_and_currency_write_nothing(ledger, tmp_path):
    book, _a, _b = ledger
    book.set_bank_account_id(1930, "SE9999999999999999999999")
    before = digest(book.path)
    with pytest.raises(StatementError, match=r"Stmt\[1\] \(rad 9\), Acct/Id\): kontoutdraget gäller bankkontot "
                                              f"{IBAN}"):
        bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    with pytest.raises(StatementError, match="valutan EUR"):
        bank.import_statement(book, _file(tmp_path, "eur.xml", CAMT_02.replace("<Ccy>SEK</Ccy>", "<Ccy>EUR</Ccy>")))
    with pytest.raises(InputError, match="Konto 1234 finns inte"):
        bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02), account=1234)
    with pytest.raises(InputError, match="inget tillgångskonto"):
        bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02), account=3010)
    assert digest(book.path) == before and book.bank_lines(1930) == []


def test_a_file_with_two_unknown_accounts_is_refused(book, tmp_path):
    with pytest.raises(StatementError, match="flera bankkonton"):
        bank.import_statement(book, _file(tmp_path, "feb.xml", CAMT_08))
    assert book.bank_statements() == []
    # With the second account connected first, each statement goes to its own account.
    book.add_account(1940, "Placeringskonto", "T")
    book.set_bank_account_id(1940, "3300 1234567")
    res = bank.import_statement(book, _file(tmp_path, "feb.xml", CAMT_08))
    assert (res.new, res.bound) == (2, IBAN)
    assert [ln.amount for ln in book.bank_lines(1940)] == [12_50]
    assert [ln.amount for ln in book.bank_lines(1930)] == [-11_500_00]


def test_match_by_hand_checks_the_amount(ledger, tmp_path):
    book, a, b = ledger
    bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    line = book.bank_lines(1930)[0]
    bank.unmatch(book, line.id)
    with pytest.raises(RuleError, match="flyttar 150 000,00 kr på konto 1930 men bankraden är 250 000,00 kr"):
        bank.match_by_hand(book, line.id, [a.id])
    bank.match_by_hand(book, line.id, [a.id, b.id])
    assert book.bank_line(line.id).status == "matchad"
    fee = book.bank_lines(1930)[1]
    with pytest.raises(RuleError, match="redan matchad mot bankrad"):
        bank.match_by_hand(book, fee.id, [a.id])
    with pytest.raises(RuleError, match="Ingen regel eller mall passar"):
        bank.book_line(book, fee.id)
    v = bank.book_line(book, fee.id, account=8570, text="Bankavgift januari")
    assert v.text == "Bankavgift januari" and book.bank_line(fee.id).voucher_ids == (v.id,)


def test_bank_lines_are_immutable_in_the_file(ledger, tmp_path):
    book, _a, _b = ledger
    bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    import sqlite3
    for sql in ("UPDATE bank_line SET amount = 1", "DELETE FROM bank_line", "DELETE FROM bank_statement"):
        with pytest.raises(sqlite3.DatabaseError, match="kan inte"):
            book.conn.execute(sql)


def test_the_bokslut_check_uses_the_imported_closing_balance(ledger, tmp_path):
    book, _a, _b = ledger
    y = book.years()[0]
    bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    (f,) = [f for f in run_checks(book, y.id, date_to="2021-01-31") if f.check == "bank"]
    assert f.is_error and "kontoutdraget visar 349 375,50 kr" in f.message
    bank.add_rule(book, "BANKAVGIFT", 8570)
    bank.book_rule_proposals(book)
    (f,) = [f for f in run_checks(book, y.id, date_to="2021-01-31") if f.check == "bank"]
    assert f.severity == "ok" and "stämmer med kontoutdraget (349 375,50 kr)" in f.message
    # No statement covers June: the typed figure (none here) is used, not January's balance.
    (f,) = [f for f in run_checks(book, y.id, date_to="2021-06-30") if f.check == "bank"]
    assert f.is_warning and "är inte angivet" in f.message


def test_demo_book_reconciles_every_month_of_2025(tmp_path):
    from finsam_desktop.demo import build_demo
    book = build_demo(tmp_path / "demo.finsam")
    y25 = next(y for y in book.years() if y.label == "2025")
    recs = bank.month_ends(book, y25.id)
    assert len(recs) == 12 and all(r.ok for r in recs)
    assert recs[-1].bank_balance == recs[-1].book_balance == 926_388_00
    lines = book.bank_lines(1930)
    assert len(lines) == len(book.bank_movements(1930, "2025-01-01", "2025-12-31"))
    # Every line is matched to the verifikation it was made from (its reference).
    assert all(ln.voucher_ids == (int(ln.reference[4:]),) for ln in lines)
    book.close()


def test_a_book_from_before_the_bank_opens_and_gets_the_bank_tables(tmp_path):
    from finsam_desktop.book import Book
    from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION, V_BANK
    from old_books import old_book

    p = tmp_path / "gammal.finsam"
    conn = old_book(p, MIGRATIONS.index(V_BANK))
    conn.execute("INSERT INTO account (number, name, kind) VALUES (1930, 'Bank', 'T')")
    conn.close()
    book = Book.open(p)
    assert book.schema_version == SCHEMA_VERSION
    assert book.bank_lines(1930) == [] and book.bank_balance_at(1930, "2021-12-31") is None
    assert bank.reconcile(book, "2021-12-31").bank_balance is None
    book.close()


def test_a_gap_between_two_statements_of_one_file_is_reported(book, tmp_path):
    jan = Statement(IBAN, "SEK", "2021-01-01", "2021-01-31", 0, 5_00, [BankLine("2021-01-05", 5_00, "A", reference="A")])
    mar = Statement(IBAN, "SEK", "2021-03-01", "2021-03-31", 5_00, 5_00, [BankLine("2021-03-05", 0, "B", reference="B")])
    res = bank.import_statement(book, _file(tmp_path, "q1.xml", write_camt053([jan, mar])))
    assert res.gaps == ["Lucka: inget kontoutdrag för 2021-02-01–2021-02-28 mellan q1.xml och q1.xml."]
    assert res.new == 2 and bank.reconcile(book, "2021-02-15").bank_balance == 5_00


def test_an_empty_statement_is_kept_once(book, tmp_path):
    quiet = Statement(IBAN, "SEK", "2021-05-01", "2021-05-31", 7_00, 7_00, [], statement_ref="MAJ")
    path = _file(tmp_path, "maj.xml", write_camt053([quiet]))
    assert bank.import_statement(book, path).statements == 1
    assert bank.reconcile(book, "2021-05-20").bank_balance == 7_00
    with pytest.raises(StatementError, match="redan inläst; samma kontoutdrag för samma period"):
        bank.import_statement(book, path)
    assert len(book.bank_statements()) == 1


def test_a_mall_from_the_last_line_with_the_same_text(book, tmp_path):
    jan = Statement(IBAN, "SEK", "2021-01-01", "2021-01-31", 1_000_00, 1_000_00 - 120_00,
                    [BankLine("2021-01-31", -120_00, "KORTAVGIFT 2021-01", reference="K1")])
    feb = Statement(IBAN, "SEK", "2021-02-01", "2021-02-28", 880_00, 880_00 - 135_50,
                    [BankLine("2021-02-28", -135_50, "KORTAVGIFT 2021-02", reference="K2")])
    bank.import_statement(book, _file(tmp_path, "jan.xml", write_camt053([jan])))
    (first,) = book.bank_lines(1930)
    assert bank.rule_proposal(book, first.id) is None
    v1 = bank.book_line(book, first.id, account=8570, text="Kortavgift januari")
    bank.import_statement(book, _file(tmp_path, "feb.xml", write_camt053([feb])))
    second = book.bank_lines(1930, status="omatchad")[0]
    proposal = bank.rule_proposal(book, second.id)
    assert (proposal["account"], proposal["mall"], proposal["rows"]) == (
        8570, f"A {v1.number}", [(1930, -135_50), (8570, 135_50)])
    (v2,) = bank.book_proposals(book)
    assert [(r.account, r.amount) for r in v2.rows] == [(1930, -135_50), (8570, 135_50)]
    assert book.bank_line(second.id).voucher_ids == (v2.id,)


def test_a_bank_line_matched_to_a_payment_marks_the_supplier_invoice_paid(ledger, tmp_path):
    from finsam_desktop.book.model import VoucherRow
    from finsam_desktop.ops import invoices

    book, _a, _b = ledger
    book.add_counterpart("SEB")
    inv = invoices.register_invoice(book, supplier="SEB", invoice_number="F-2101", invoice_date="2021-01-05",
                                    due_date="2021-01-31", amount=624_50, account=8570)
    other = invoices.register_invoice(book, supplier="SEB", invoice_number="F-2102", invoice_date="2021-01-06",
                                      due_date="2021-02-28", amount=700_00, account=8570)
    payment = book.book_voucher("2021-01-29", "Betalning SEB faktura F-2101",
                                [VoucherRow(2440, 624_50, None, inv.counterpart_id), VoucherRow(1930, -624_50)])
    bank.import_statement(book, _file(tmp_path, "jan.xml", CAMT_02))
    fee = next(ln for ln in book.bank_lines(1930) if ln.amount == -624_50)
    assert not invoices.invoice(book, inv.id).is_paid
    bank.match_by_hand(book, fee.id, [payment.id])
    paid = invoices.invoice(book, inv.id)
    assert paid.is_paid and paid.payment_voucher_id == payment.id and paid.paid_on == "2021-01-29"
    # The invoice of another amount stays unpaid: only an exact fit is marked.
    assert not invoices.invoice(book, other.id).is_paid
    assert [i.invoice_number for i in invoices.invoices(book, unpaid_only=True)] == ["F-2102"]
