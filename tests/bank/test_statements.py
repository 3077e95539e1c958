"""Reading camt.053 (001.02 and 001.08) and the banks' CSV exports; every refusal names
the file and the line or XML path."""

from __future__ import annotations

import pytest

from finsam_desktop.bank.csvfile import PRESETS, CsvMapping, parse_amount
from finsam_desktop.bank.model import BankLine, Statement, StatementError
from finsam_desktop.bank.camt_write import write_camt053
from finsam_desktop.bank.read import read_statement_file

from bank_samples import CAMT_02, CAMT_08, HANDELSBANKEN, NORDEA, SEB, SWEDBANK


def _file(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_camt_053_001_02_with_unstructured_text(tmp_path):
    parsed = read_statement_file(_file(tmp_path, "jan.xml", CAMT_02))
    assert parsed.format == "camt.053.001.02"
    (st,) = parsed.statements
    assert (st.account_id, st.currency, st.date_from, st.date_to) == (
        "SE3550000000054910000003", "SEK", "2021-01-01", "2021-01-31")
    assert (st.opening, st.closing) == (100_000_00, 349_375_50)
    # The pending entry is not on the account yet.
    assert [(ln.booking_date, ln.value_date, ln.amount) for ln in st.lines] == [
        ("2021-01-15", "2021-01-15", 250_000_00), ("2021-01-29", "2021-01-31", -624_50)]
    first, fee = st.lines
    assert (first.text, first.counterparty, first.reference) == (
        "Driftbidrag kvartal 1", "Försäkringskassan", "SEB2021011500001")
    assert fee.text == "BANKAVGIFT JANUARI"


def test_camt_053_001_08_two_accounts_and_structured_ocr(tmp_path):
    parsed = read_statement_file(_file(tmp_path, "feb.xml", CAMT_08))
    assert parsed.format == "camt.053.001.08"
    a, b = parsed.statements
    assert (a.opening, a.closing, a.date_from) == (349_375_50, 337_875_50, "2021-02-01")
    (pay,) = a.lines
    assert (pay.amount, pay.ocr, pay.counterparty, pay.text) == (-11_500_00, "4711000123", "Kramfors kommun",
                                                                 "Kramfors kommun")
    assert b.account_id == "3300-1234567"
    assert [(ln.amount, ln.text) for ln in b.lines] == [(12_50, "RÄNTA")]


def test_the_writer_and_the_reader_agree_in_both_versions(tmp_path):
    lines = [BankLine("2021-03-01", 1_00, "Ett öre & mer <b>", reference="R1", counterparty="A & B"),
             BankLine("2021-03-02", -123_456_789_01, "Stor betalning", ocr="12345678", reference="R2")]
    st = Statement("SE3550000000054910000003", "SEK", "2021-03-01", "2021-03-31", 200_000_000_00,
                   200_000_000_00 + 1_00 - 123_456_789_01, lines, statement_ref="S1")
    for version in ("02", "08"):
        back = read_statement_file(_file(tmp_path, f"v{version}.xml", write_camt053([st], version=version)))
        (got,) = back.statements
        assert [(ln.amount, ln.reference, ln.ocr) for ln in got.lines] == [(1_00, "R1", ""),
                                                                           (-123_456_789_01, "R2", "12345678")]
        assert got.lines[0].text == "Ett öre & mer <b>" and got.closing == st.closing


@pytest.mark.parametrize("data, match", [
    (CAMT_02[:1500], "jan.xml, rad "),
    ("<html><body>inte ett kontoutdrag</body></html>", "inte ett kontoutdrag"),
    (CAMT_02.replace("camt.053.001.02", "camt.052.001.02").replace("BkToCstmrStmt", "BkToCstmrAcctRpt"),
     "inte ett kontoutdrag"),
    (CAMT_02.replace("<Amt Ccy=\"SEK\">624.50</Amt>", "<Amt Ccy=\"SEK\">624,50</Amt>"),
     "Stmt[1]/Ntry[2]/Amt): beloppet ”624,50”"),
    (CAMT_02.replace("<Amt Ccy=\"SEK\">624.50</Amt>", "<Amt Ccy=\"SEK\">624.505</Amt>"), "högst två decimaler"),
    (CAMT_02.replace("<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>BOOK", "<CdtDbtInd>X</CdtDbtInd>\n        <Sts>BOOK"),
     "CdtDbtInd ska vara CRDT eller DBIT"),
    (CAMT_02.replace("<Ccy>SEK</Ccy>", "<Ccy>EUR</Ccy>"), "valutan"),
    (CAMT_02.replace("349375.50", "349375.00"), "utgående saldo är 349 375,00"),
    (CAMT_02.replace("SEB2021012900002", "SEB2021011500001"), "finns två gånger"),
    (CAMT_02.replace("<BookgDt><Dt>2021-01-29</Dt></BookgDt>", "<BookgDt><Dt>29/01</Dt></BookgDt>"),
     "inte ett datum"),
    ("", "filen är tom"),
])
def test_bad_statements_are_refused_with_where(tmp_path, data, match):
    with pytest.raises(StatementError) as exc:
        read_statement_file(_file(tmp_path, "jan.xml", data))
    assert match in exc.value.message
    assert "jan.xml" in exc.value.message


def test_a_truncated_file_names_its_last_line(tmp_path):
    cut = CAMT_02[:CAMT_02.index("<Ntry>", 1200) + 40]
    with pytest.raises(StatementError) as exc:
        read_statement_file(_file(tmp_path, "cut.xml", cut))
    assert exc.value.line == cut.count("\n") + 1
    assert "avkortad" in exc.value.message


@pytest.mark.parametrize("preset, data", [("handelsbanken", HANDELSBANKEN), ("swedbank", SWEDBANK),
                                          ("nordea", NORDEA), ("seb", SEB)])
def test_the_big_banks_csv_exports(tmp_path, preset, data):
    parsed = read_statement_file(_file(tmp_path, f"{preset}.csv", data), mapping=PRESETS[preset])
    (st,) = parsed.statements
    assert [(ln.booking_date, ln.amount) for ln in st.lines] == [("2021-01-15", 250_000_00),
                                                                 ("2021-01-29", -624_50)]
    assert (st.opening, st.closing) == (100_000_00, 349_375_50)
    assert st.lines[0].text.upper().startswith(("FÖRSÄKRINGSKASSAN", "FÖRSÄKRINGSKASSAN Q1"))
    assert parsed.format == f"csv:{preset}"


def test_seb_keeps_its_verifikationsnummer_as_reference(tmp_path):
    parsed = read_statement_file(_file(tmp_path, "seb.csv", SEB), mapping=PRESETS["seb"])
    assert [ln.reference for ln in parsed.statements[0].lines] == ["5484381424", "5484381425"]
    assert parsed.statements[0].lines[1].value_date == "2021-01-31"


def test_debit_and_credit_columns(tmp_path):
    data = "Datum;Text;Ut;In\n2021-01-02;Hyra;5 200,00;\n2021-01-03;Bidrag;;1000\n"
    m = CsvMapping(date="Datum", text="Text", debit="Ut", credit="In")
    parsed = read_statement_file(_file(tmp_path, "x.csv", data), mapping=m)
    assert [ln.amount for ln in parsed.statements[0].lines] == [-5_200_00, 1_000_00]
    assert parsed.statements[0].opening is None


@pytest.mark.parametrize("data, mapping, match", [
    (HANDELSBANKEN, PRESETS["swedbank"], "rad 2: kolumnerna"),
    (SWEDBANK, PRESETS["handelsbanken"], "rad 1: kolumnerna Reskontradatum"),
    (HANDELSBANKEN.replace(b"-624,50", b"-62x,50"), PRESETS["handelsbanken"], "rad 3, kolumn Belopp"),
    (HANDELSBANKEN.replace(b"2021-01-29;2021", b"2021-02-30;2021"), PRESETS["handelsbanken"],
     "rad 3, kolumn Reskontradatum"),
    (HANDELSBANKEN.replace(b"349 375,50", b"349 375,00"), PRESETS["handelsbanken"], "rad 3: saldot stämmer inte"),
    (NORDEA.replace(b";SEK\n2021/01/15", b";EUR\n2021/01/15"), PRESETS["nordea"], "kolumn Valuta: raden är i valutan EUR"),
    (b"Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo\n", PRESETS["handelsbanken"], "inga transaktionsrader"),
])
def test_csv_that_does_not_fit_its_mapping_is_refused(tmp_path, data, mapping, match):
    with pytest.raises(StatementError) as exc:
        read_statement_file(_file(tmp_path, "bank.csv", data), mapping=mapping)
    assert match in exc.value.message and "bank.csv" in exc.value.message


def test_csv_without_mapping_is_refused(tmp_path):
    with pytest.raises(StatementError, match="kolumnmappning"):
        read_statement_file(_file(tmp_path, "bank.csv", HANDELSBANKEN))


@pytest.mark.parametrize("text, ore", [("1 234,50", 123_450), ("-1234.5", -123_450), ("1.234,50", 123_450),
                                       ("\u221212,05", -1_205), ("1,234.50", 123_450), ("0", 0),
                                       ("12 kr", 1_200), ("abc", None), ("1,2345", None)])
def test_swedish_bank_amounts(text, ore):
    assert parse_amount(text) == ore
