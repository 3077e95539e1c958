"""The printed verifikation, verifikationslista and huvudbok (render/print_pdf.py) of the
demo book: what they say is the book's, and the lists add up."""

from __future__ import annotations

import re
from dataclasses import replace

import pdfplumber
import pytest

from finsam_desktop.errors import FinsamError, RuleError
from finsam_desktop.render.print_pdf import render_journal_pdf, render_ledger_pdf, render_voucher_pdf
from finsam_desktop.reports.printouts import journal_printout, ledger_printout, voucher_printout
from tests.conftest import run_cli
from finsam_desktop.money import format_ore
from tests.pdf_helpers import MINUS, demo_book  # noqa: F401  (the demo fixture)


def kr(ore: int) -> str:
    return format_ore(ore, minus=MINUS)


def _text(path) -> list[str]:
    """Each page's text, a printed line a line."""
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() for p in pdf.pages]


def _year(book, label="2025"):
    return book.year_by_label(label)


def test_one_verifikation_with_its_rows_registrar_attest_rattelse_and_underlag(demo, tmp_path):
    y = _year(demo)
    a44 = demo.voucher_by_ref(y.id, "A", 44)
    out = render_voucher_pdf(voucher_printout(demo, a44.id), tmp_path / "A44.pdf", printed="2026-01-02 10:00")
    [page] = _text(out)
    flat = " ".join(page.split())
    assert page.startswith("Verifikation A 44\n")
    assert "Samordningsförbundet Mellersta Ådalen, organisationsnummer 222000-2436" in flat
    assert "2025-03-05" in flat and "Ådalens IT-service AB: IT-drift och licenser 2025-03" in flat
    # the rows: konto with name, motpart, debet and kredit, and the sums
    assert re.search(r"^6410 Kontorsmaterial och trycksaker 1 650,00$", page, re.M)
    assert re.search(r"^1640 Momsfordran \(ersättning.* 412,00$", page, re.M)
    assert re.search(r"^2440 Leverantörsskulder Ådalens IT-service AB 2 062,00$", page, re.M)
    assert re.search(r"^Summa 2 062,00 2 062,00$", page, re.M)
    assert "Registrerad av Jonas Ek" in flat
    assert "Attesterad av Kristina Wallin 2025-03-07" in flat
    assert "Rättad av verifikation A 57 (2025-03-20)" in flat
    assert "1. Beräkning 2025-03-05.pdf" in flat
    assert re.search(r"Bokförd \d{4}-\d\d-\d\d \d\d:\d\d", flat)

    a57 = demo.voucher_by_ref(y.id, "A", 57)
    [page] = _text(render_voucher_pdf(voucher_printout(demo, a57.id), tmp_path / "A57.pdf"))
    flat = " ".join(page.split())
    assert "Rättar verifikation A 44 (2025-03-05)" in flat
    assert "Registrerad av uppgift saknas i boken" in flat
    assert "Attesterad" not in flat


def test_a_verifikation_with_insatser_names_them_and_balances(demo, tmp_path):
    y = _year(demo)
    v = demo.voucher_by_ref(y.id, "A", 1)
    data = voucher_printout(demo, v.id)
    assert data.debit == data.credit == sum(r.amount for r in v.rows if r.amount > 0) == 493_534_00
    flat = " ".join(" ".join(_text(render_voucher_pdf(data, tmp_path / "A1.pdf"))).split())
    assert "Summa 493 534,00 493 534,00" in flat
    # the periodavslut's återföring refers to its periodisering, and is no rättelse
    assert "Återför periodiseringen verifikation A 244" in flat and "Rättar" not in flat
    assert "Insatser: STEG StegVidare" in flat


def test_verifikationslista_prints_every_verifikation_in_number_order_and_the_years_turnover(demo, tmp_path):
    y = _year(demo)
    j = journal_printout(demo, y.id)
    debit = credit = rows = 0
    refs = []
    for series, number, _d, _t, _b, own in demo.iter_year_vouchers(y.id):
        refs.append(f"{series} {number}")
        rows += len(own)
        debit += sum(r[1] for r in own if r[1] > 0)
        credit -= sum(r[1] for r in own if r[1] < 0)
    assert (j.count, j.row_count, j.debit, j.credit) == (len(refs), rows, debit, credit)
    assert debit == credit
    pages = _text(render_journal_pdf(j, tmp_path / "vl.pdf", printed="2026-01-02 10:00"))
    assert len(pages) > 5
    for i, page in enumerate(pages, 1):
        assert f"Sida {i}" in page and "Verifikationslista 2025" in page
        assert "Period 2025-01-01 – 2025-12-31" in page
    text = "\n".join(pages)
    printed = re.findall(r"^(A \d+) 2025-\d\d-\d\d", text, flags=re.M)
    assert printed == refs
    # what a verifikation corrects, and the periodavslut's återföringar named as such
    assert re.search(r"^A 57 2025-03-20 Rättelse: IT-faktura .*\nRättelse av A 44$", text, flags=re.M)
    assert re.search(r"^A 1 2025-01-01 Återföring av periodisering .*\nÅterföring av A 244$", text, flags=re.M)
    flat = " ".join(pages[-1].split())
    assert f"Summa {len(refs)} verifikationer, {rows} rader {kr(debit)} {kr(credit)}" in flat
    # each verifikation's own sum line: as many as there are verifikationer
    assert len(re.findall(r"^Summa [\d ]+,\d\d [\d ]+,\d\d$", text, flags=re.M)) == len(refs)


def test_verifikationslista_of_a_quarter_holds_only_its_verifikationer(demo, tmp_path):
    y = _year(demo)
    j = journal_printout(demo, y.id, "2025-04-01", "2025-06-30")
    pages = _text(render_journal_pdf(j, tmp_path / "q2.pdf"))
    text = "\n".join(pages)
    dates = re.findall(r"^A \d+ (2025-\d\d-\d\d)", text, flags=re.M)
    assert dates and len(dates) == j.count
    assert min(dates) >= "2025-04-01" and max(dates) <= "2025-06-30"
    assert "Period 2025-04-01 – 2025-06-30" in pages[0]


def test_huvudbok_closing_per_account_equals_the_saldobalans(demo, tmp_path):
    y = _year(demo)
    trial = demo.trial_balance(y.id)
    h = ledger_printout(demo, y.id)
    accounts = list(h.accounts())
    assert [(a.number, a.opening, a.closing) for a in accounts] == [(t.account, t.opening, t.closing)
                                                                   for t in trial]
    bank = next(a for a in accounts if a.number == 1930)
    assert bank.closing == 926_388_00
    pages = _text(render_ledger_pdf(h, tmp_path / "hb.pdf"))
    text = "\n".join(pages)
    closings = re.findall(r"^2025-12-31 Utgående saldo (?:[−\d ]+,\d\d ){2}([−\d ]+,\d\d)$", text, flags=re.M)
    assert closings == [kr(t.closing) for t in trial]
    openings = re.findall(r"^2025-01-01 Ingående saldo ?([−\d ]+,\d\d)$", text, flags=re.M)
    assert openings == [kr(t.opening) for t in trial]
    flat = " ".join(pages[-1].split())
    assert f"Summa perioden, {h.row_count} rader {kr(h.debit)} {kr(h.credit)}" in flat
    assert all(f"Sida {i}" in p for i, p in enumerate(pages, 1))


def test_huvudbok_of_a_period_starts_from_the_saldo_at_its_first_day(demo, tmp_path):
    y = _year(demo)
    h = ledger_printout(demo, y.id, "2025-07-01", "2025-09-30")
    trial = {t.account: t for t in demo.trial_balance(y.id, "2025-07-01", "2025-09-30")}
    for a in h.accounts():
        t = trial.get(a.number)
        assert (a.opening, a.closing) == ((t.opening, t.closing) if t else (a.opening, a.opening))
    text = "\n".join(_text(render_ledger_pdf(h, tmp_path / "q3.pdf")))
    assert "2025-07-01 Ingående saldo" in text and "2025-09-30 Utgående saldo" in text
    assert not re.search(r"^2025-0[1-6]-\d\d A ", text, flags=re.M)


def test_a_list_that_does_not_add_up_is_not_written(demo, tmp_path):
    y = _year(demo)
    j = journal_printout(demo, y.id, "2025-01-01", "2025-01-31")
    target = tmp_path / "fel.pdf"
    with pytest.raises(FinsamError, match="går inte ihop med boken"):
        render_journal_pdf(replace(j, debit=j.debit + 1), target)
    h = ledger_printout(demo, y.id, "2025-01-01", "2025-01-31")
    with pytest.raises(FinsamError, match="går inte ihop med boken"):
        render_ledger_pdf(replace(h, row_count=h.row_count - 1), target)
    assert list(tmp_path.iterdir()) == []


def test_a_period_outside_the_year_is_refused(demo):
    y = _year(demo)
    with pytest.raises(RuleError, match="ligger inte inom räkenskapsåret 2025"):
        journal_printout(demo, y.id, "2024-12-01", "2025-01-31")
    with pytest.raises(RuleError, match="ligger inte inom"):
        ledger_printout(demo, y.id, "2025-06-01", "2025-05-31")


def test_cli_utskrift(demo, capsys, tmp_path):
    path = demo.path
    code, out, err = run_cli(capsys, "utskrift", path, "--year", "2025", "verifikation", "a", "44",
                             "-o", tmp_path / "a44.pdf")
    assert code == 0, err
    assert "Verifikation A 44 sparades" in out
    assert "Rättad av verifikation A 57" in " ".join(_text(tmp_path / "a44.pdf")[0].split())
    code, out, err = run_cli(capsys, "utskrift", path, "--year", "2025", "verifikationslista", "--from",
                             "2025-01-01", "--to", "2025-03-31", "-o", tmp_path / "vl.pdf")
    assert code == 0, err
    assert "2025-01-01 – 2025-03-31" in out and (tmp_path / "vl.pdf").exists()
    code, out, err = run_cli(capsys, "utskrift", path, "--year", "2025", "huvudbok", "-o", tmp_path / "hb.pdf")
    assert code == 0, err
    code, out, err = run_cli(capsys, "utskrift", path, "--year", "2025", "verifikation", "A", "9999",
                             "-o", tmp_path / "x.pdf")
    assert code == 2 and "Verifikation A 9999 finns inte i räkenskapsåret 2025" in err
    code, out, err = run_cli(capsys, "utskrift", path, "huvudbok", "-o", tmp_path / "x.txt")
    assert code == 2 and "ska sluta på .pdf" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_long_verifikation_goes_on_over_the_page_break_and_is_named_again(tmp_path):
    from finsam_desktop.reports.printouts import JournalVoucher, PrintRow
    rows = tuple(PrintRow(4530, "Bidrag till insatser", "STEG", "", f"Rad {i}", 100_00, 0) for i in range(150)) \
        + (PrintRow(1930, "Bankkonto", "", "", "", 0, 150 * 100_00),)
    entries = [JournalVoucher("A 1", "2025-01-02", "Lång verifikation", "2025-01-02T08:00:00Z", "", "", rows),
               JournalVoucher("A 2", "2025-01-03", "Kort", "2025-01-03T08:00:00Z", "Jonas Ek", "A 1",
                              (PrintRow(1930, "Bankkonto", "", "", "", 5_00, 0),
                               PrintRow(6570, "Bankkostnader", "", "", "", 0, 5_00)))]
    from finsam_desktop.reports.printouts import JournalPrintout
    j = JournalPrintout("Förbundet", "222000-0000", "2025", "2025-01-01", "2025-01-31", 2, 153, 150 * 100_00 + 5_00,
                        150 * 100_00 + 5_00, lambda: iter(entries))
    pages = _text(render_journal_pdf(j, tmp_path / "lang.pdf"))
    assert len(pages) >= 3
    assert "A 1 2025-01-02 (forts.)" in pages[1]
    text = "\n".join(pages)
    assert [int(n) for n in re.findall(r" Rad (\d+) 100,00$", text, flags=re.M)] == list(range(150))
    assert re.search(r"^A 2 2025-01-03 Kort Bokförd .* av Jonas Ek\nRättelse av A 1$", text, flags=re.M)
    assert "Summa 2 verifikationer, 153 rader 15 005,00 15 005,00" in text
