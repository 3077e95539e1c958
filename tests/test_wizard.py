"""The bokslut wizard walked end to end on the demo book: the PDF's figures equal the JSON
report, the SIE file re-imports to the same balances, the Excel workbook opens with the
same figures, and the closed year's next year opens with its closing balances."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from finsam_desktop.book import Book
from finsam_desktop.closing.handover import verify_package
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import RuleError
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.money import format_kr
from finsam_desktop.reports import build_report, to_json
from finsam_desktop.ui.wizard import (PAGE_ACCRUALS, PAGE_BOARD, PAGE_CHECKS, PAGE_CLOSE, PAGE_PREVIEW,
                                      PAGE_PRODUCE, PAGE_TEXTS, BokslutWizard)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        # Leave out the big UTKAST watermark letters of a draft.
        text = "\n".join(p.filter(lambda o: o.get("size", 0) < 30).extract_text() or "" for p in pdf.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")


def _decide_undecided_insatser(page) -> None:
    """What the user does in step 3: type 0 kr for the undecided insats and press Bokför."""
    model = page.form.projects
    for row, line in enumerate(model.lines):
        if line.record is None and not getattr(line, "booked_elsewhere", 0):
            model.setData(model.index(row, model.AMOUNT), "0")
    assert page.form.book_accruals() is not None


def test_wizard_end_to_end_on_the_demo_book(qtbot, tmp_path):
    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    fixes = []
    wiz = BokslutWizard(book, on_fix=fixes.append)
    qtbot.addWidget(wiz)
    wiz.show()

    # 1 Period: the oldest open year, whole year.
    assert (wiz.year_id, wiz.date_to) == (y25.id, "2025-12-31")
    wiz.next()

    # 2 Kontroller: the demo book passes them all, its bank statement figure saved; a
    # wrong figure shows the difference and stops the wizard.
    assert wiz.currentId() == PAGE_CHECKS
    checks = wiz.currentPage()
    assert not [f for f in wiz.findings if f.severity != "ok"]
    assert checks.isComplete()
    booked_bank = book.balance_at("2025-12-31", accounts=[1930])[1930]
    checks.bank_edit.setText("1 000,00")
    checks.bank_edit.textEdited.emit("1 000,00")
    checks.bank_edit.editingFinished.emit()
    assert "Differens" in checks.bank_diff.text()
    assert not checks.isComplete()  # a bank difference stops the wizard
    checks.bank_edit.setText(f"{booked_bank // 100} {booked_bank % 100:02d}".replace(" ", ","))
    checks.bank_edit.editingFinished.emit()
    found = {f.id: f for f in wiz.findings}
    assert found["bank"].severity == "ok"
    # Every insats' interimsskuld per 2025-12-31 is decided in the demo (PSYK as 0 kr).
    assert found["interimsskulder"].severity == "ok"
    assert checks.isComplete()
    wiz.request_fix("drafts")  # what a "Visa utkasten" button does
    assert fixes == ["drafts"]
    wiz.next()

    # 3 Interimsskulder: complete, every active insats decided by the demo's periodisering.
    assert wiz.currentId() == PAGE_ACCRUALS
    accruals = wiz.currentPage()
    assert accruals.isComplete()
    assert all(line.decided for line in accruals.form.projects.lines)
    wiz.next()

    # 4 Förvaltningsberättelse: this year's texts are there; the disposition is proposed.
    result_row = build_report(book, y25.id).resultatrakning.row("arets_resultat")
    deficit = f"underskott på {format_kr(-result_row.amount)} kronor"
    assert wiz.currentId() == PAGE_TEXTS
    texts = wiz.currentPage()
    assert "Mellersta Ådalen" in texts.edits["oversikt"].toPlainText()
    texts._suggest_disposition()
    assert deficit in texts.edits["disposition"].toPlainText()
    wiz.next()
    assert deficit in book.year_text(y25.id, "disposition")

    # 5 Styrelsen: prefilled; saved with place and date.
    assert wiz.currentId() == PAGE_BOARD
    board = wiz.currentPage()
    board.place.setText("Kramfors")
    wiz.next()
    assert book.year_text(y25.id, "beslutsort") == "Kramfors"
    assert any(s.kind == "styrelse" for s in book.signatories(y25.id))

    # 6 Förhandsgranskning with last year.
    assert wiz.currentId() == PAGE_PREVIEW
    html = wiz.currentPage().view.toPlainText().replace("\u00a0", " ")
    shown = [format_kr(v, minus="\u2212") for v in (result_row.amount, result_row.previous)]
    assert "Årets resultat" in html and all(v in html for v in shown)
    wiz.next()

    # 7 Skapa filer.
    assert wiz.currentId() == PAGE_PRODUCE
    produce = wiz.currentPage()
    out = tmp_path / "ut"
    out.mkdir()
    produce.folder.setText(str(out))
    outputs = dict((p.suffix or "dir", p) for _what, p in produce.produce())
    assert {".pdf", ".se", ".xlsx", ".zip", "dir"} <= set(outputs)

    report = build_report(book, y25.id)
    data = to_json(report)
    # The PDF prints every statement row of the JSON report (whole kronor).
    text = _pdf_text(outputs[".pdf"])
    for st in report.statements:
        for row in st.rows:
            amount = data[st.id][row.id] if row.kind != "heading" else None
            if not amount:
                continue
            prev = data["foregaende_ar"][st.id][row.id]
            pattern = (rf"^{re.escape(row.label.replace(chr(0x2212), '-'))}(?: \d{{1,2}}(?:, \d{{1,2}})*)? {re.escape(format_kr(amount))} "
                       rf"{re.escape(format_kr(prev))}")
            assert re.search(pattern, text, re.M), (st.id, row.id)

    # The SIE file re-imports to the same balances.
    imported = import_sie(outputs[".se"], tmp_path / "reimport.finsam")
    assert imported.differences == []
    with Book.open(imported.book_path, read_only=True) as other:
        y = other.year_by_label("2025")
        assert {(ln.account, ln.closing) for ln in other.trial_balance(y.id)} == \
               {(ln.account, ln.closing) for ln in book.trial_balance(y25.id)}

    # The workbook opens with the same figures.
    wb = load_workbook(outputs[".xlsx"])
    ws = wb["Balansräkning"]
    by_id = {r[-1].value: r for r in ws.iter_rows(min_row=5)}
    for rid, amount in data["balansrakning"].items():
        assert round(by_id[rid][2].value * 100) == amount, rid
    wiz.next()

    # 8 Stäng året: explicit confirmation, then the next year opens with the closing balances.
    assert wiz.currentId() == PAGE_CLOSE
    close = wiz.currentPage()
    assert not close.close_btn.isEnabled()
    close.confirm.setChecked(True)
    assert close.close_btn.isEnabled()
    closed = []
    wiz.yearClosed.connect(closed.append)
    qtbot.mouseClick(close.close_btn, Qt.LeftButton)
    assert closed == [y25.id]
    assert book.year(y25.id).is_closed
    y26 = book.year_by_label("2026")
    assert book.opening_balances(y26.id) == book.closing_balances(y25.id)
    ub = {acc: amt for acc, amt in book.balance_at("2025-12-31").items() if acc < 3000}
    ib = {}
    for (acc, _pid), amt in book.opening_balances(y26.id).items():
        ib[acc] = ib.get(acc, 0) + amt
    equity = book.equity_account()
    ub[equity] = ub.get(equity, 0) + book.year_result(y25.id)
    assert ib == {k: v for k, v in ub.items() if v}
    with pytest.raises(RuleError, match="stängt"):
        book.book_voucher("2025-12-31", "För sent", [(6110, 100_00), (1930, -100_00)])

    # The final handover package of the closed year.
    final = close.final_package()
    folder = next(p for _w, p in final if p.is_dir())
    assert "utkast" not in folder.name and verify_package(folder) == []
    wiz.close()
    book.close()


def test_wizard_delarsrapport_produces_pdf_and_does_not_close(qtbot, tmp_path):
    book = build_demo(tmp_path / "demo.finsam")
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    wiz.show()
    period = wiz.currentPage()
    period.part.setChecked(True)
    assert wiz.date_to == "2025-06-30" and not wiz.is_full_year
    for _ in range(PAGE_PRODUCE):
        page = wiz.currentPage()
        if wiz.currentId() == PAGE_ACCRUALS and not page.isComplete():
            _decide_undecided_insatser(page)
        wiz.next()
    assert wiz.currentId() == PAGE_PRODUCE
    produce = wiz.currentPage()
    assert not produce.sie.isEnabled() and not produce.package.isEnabled()
    produce.folder.setText(str(tmp_path))
    outputs = produce.produce()
    assert [p.name for _w, p in outputs] == ["Delårsrapport 2025-06-30 (utkast).pdf",
                                           "Delårsrapport 2025-06-30.xlsx"]
    assert "Delårsrapport per 2025-06-30" in _pdf_text(outputs[0][1])
    wiz.next()
    assert wiz.currentId() == PAGE_CLOSE
    assert not wiz.currentPage().close_btn.isVisible()
    assert not book.year_by_label("2025").is_closed
    wiz.close()
    book.close()


def test_reopen_dialog_requires_a_reason_and_logs_it(qtbot, book):
    from finsam_desktop.ui.wizard_reopen import ReopenYearDialog
    y = book.years()[0]
    book.close_year(y.id)
    dlg = ReopenYearDialog(book, y.id)
    qtbot.addWidget(dlg)
    assert not dlg.reopen()
    assert "Ange varför" in dlg.error.text() and book.year(y.id).is_closed
    dlg.reason.setPlainText("Revisorn hittade en faktura")
    assert dlg.reopen()
    assert not book.year(y.id).is_closed
    assert book.audit_log()[-1]["detail"]["reason"] == "Revisorn hittade en faktura"
