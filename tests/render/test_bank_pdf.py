"""The signed bank reconciliation report (PDF) of the demo book's December."""

from __future__ import annotations

from finsam_desktop.bank.model import BankLine, Statement
from finsam_desktop.bank.camt_write import write_camt053
from finsam_desktop.demo import build_demo
from finsam_desktop.ops import bank
from finsam_desktop.render.bank_pdf import render_reconciliation, render_reconciliation_bytes

from pdf_helpers import demo_book, pages_text  # noqa: F401


def test_december_reconciliation_of_the_demo_book(demo, tmp_path):
    rec = bank.reconcile(demo, "2025-12-31")
    (raw,) = pages_text(render_reconciliation_bytes(rec, printed="2026-01-10 09:00"))
    text = " ".join(raw.split())
    assert "Bankavstämning" in text and "Konto 1930 Bankkonto per 2025-12-31" in text
    assert "Saldo enligt kontoutdraget 926 388,00" in text and "Saldo enligt bokföringen 926 388,00" in text
    assert "Oförklarad differens 0,00" in text
    assert "Avstämningen stämmer: saldona är lika och varje bankrad har sin verifikation." in text
    assert "Avstämd av" in text and "Granskad av" in text
    assert "12 inlästa kontoutdrag" in text and "Utskriven 2026-01-10 09:00" in text


def test_open_items_are_listed_and_the_file_is_written(tmp_path):
    # A book of its own: the shared demo book stays as built.
    demo = build_demo(tmp_path / "demo.finsam")
    extra = Statement(bank.DEMO_IBAN, "SEK", "2025-12-31", "2025-12-31", 926_388_00, 926_293_00,
                      [BankLine("2025-12-31", -95_00, "KORTAVGIFT DECEMBER", reference="EXTRA-1")])
    path = tmp_path / "extra.xml"
    path.write_bytes(write_camt053([extra]))
    bank.import_statement(demo, path)
    rec = bank.reconcile(demo, "2025-12-31")
    out = render_reconciliation(rec, tmp_path / "avst.pdf")
    (raw,) = pages_text(out.read_bytes())
    text = " ".join(raw.split())
    assert "Differens (bank − bokföring) \u221295,00" in text
    assert "Bankrader utan bokförd verifikation" in text and "2025-12-31 KORTAVGIFT DECEMBER \u221295,00" in text
    assert "Differensen förklaras helt av raderna nedan." in text
    demo.close()
