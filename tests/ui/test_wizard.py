"""The bokslut wizard walked end to end on the demo book: the PDF's figures equal the JSON
report, the SIE file re-imports to the same balances, the Excel workbook opens with the
same figures, and the closed year's next year opens with its closing balances."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from finsam_desktop.closing.close import close_year
from finsam_desktop.book import Book
from finsam_desktop.closing.handover import verify_package
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import RuleError
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.money import format_kr
from finsam_desktop.reports import build_report
from finsam_desktop.render.json_out import to_json
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


def test_wizard_end_to_end_on_the_demo_book(qtbot, tmp_path, monkeypatch):
    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    fixes = []
    wiz = BokslutWizard(book, on_fix=fixes.append)
    qtbot.addWidget(wiz)
    wiz.show()

    # 1 Period: the oldest open year, whole year.
    assert (wiz.year_id, wiz.date_to) == (y25.id, "2025-12-31")
    wiz.next()

    # 2 Kontroller: the demo book passes them all but for the one warning its document
    # prints (Samkraft over its grant), its bank statement figure saved; a wrong figure
    # shows the difference and stops the wizard.
    assert wiz.currentId() == PAGE_CHECKS
    checks = wiz.currentPage()
    assert [f.check for f in wiz.findings if f.severity != "ok"] == ["insats_over_beviljat"]
    # One list of kontroller: the wizard counts the report's as the reports page does.
    count = len(build_report(book, y25.id).kontroller)
    assert any(f.message.startswith(f"Alla {count} kontroller av rapportens") for f in checks._grouped(wiz.findings))
    assert checks.isComplete()
    booked_bank = book.balance_at("2025-12-31", accounts=[1930])[1930]
    checks.bank_edit.setText("1 000,00")
    checks.bank_edit.textEdited.emit("1 000,00")
    checks.bank_edit.editingFinished.emit()
    assert "Differens" in checks.bank_diff.text()
    assert not checks.isComplete()  # a bank difference stops the wizard
    checks.bank_edit.setText(f"{booked_bank // 100} {booked_bank % 100:02d}".replace(" ", ","))
    checks.bank_edit.editingFinished.emit()
    found = {f.check: f for f in wiz.findings}
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
    deficit = f"underskott på {format_kr(-result_row.amount)} kr"
    assert wiz.currentId() == PAGE_TEXTS
    texts = wiz.currentPage()
    assert "Mellersta Ådalen" in texts.edits["oversikt"].toPlainText()
    # The fields a text may hold are listed; the proposed disposition holds one.
    assert "{årets_resultat}" in texts.fields.text() and "{eget_kapital_andel}" in texts.fields.text()
    texts._suggest_disposition()
    assert "{resultatet}" in texts.edits["disposition"].toPlainText()
    # A figure written by hand that matches nothing is shown before the PDF is made.
    texts.edits["handelser"].setPlainText("Utvärderingen kostade 12 345 kr.")
    assert [f.written for f in texts.show_stale()] == ["12 345 kr"]
    assert "”12 345 kr” stämmer inte" in texts.stale.text()
    texts.edits["handelser"].setPlainText(book.year_text(y25.id, "handelser"))
    assert texts.show_stale() == [] and texts.stale.isHidden()
    # The balanskravsresultat is negative: the statement the law wants is asked for and required.
    assert texts.balanskrav_negative and not texts.edits["balanskrav_atgard"].isHidden()
    kept = texts.edits["balanskrav_atgard"].toPlainText()
    assert "Synnerliga skäl" in kept
    texts.edits["balanskrav_atgard"].setPlainText("  ")
    from PySide6.QtWidgets import QMessageBox
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert not texts.validatePage()
    assert "Balanskravsresultatet är negativt" in warned[0]
    texts.edits["balanskrav_atgard"].setPlainText(kept)
    wiz.next()
    assert "{resultatet}" in book.year_text(y25.id, "disposition")

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
    assert f"Årets verksamhet visar ett {deficit}." in " ".join(text.split())
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

    # A decided document is not made while a text holds a figure that matches nothing,
    # unless the user confirms that it is meant.
    book.set_year_text(y25.id, "handelser", "Utvärderingen kostade 12 345 kr.")
    asked = []
    produce.confirm_figures = lambda message: asked.append(message) or False
    assert close.final_package() == []
    assert "”12 345 kr” stämmer inte" in asked[0] and "12 345 kr" in produce.result.text()
    produce.confirm_figures = lambda message: asked.append(message) or True
    # The final handover package of the closed year.
    final = close.final_package()
    assert len(asked) == 2
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


def _walk_delar_to(qtbot, book, page_id):
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.currentPage().part.setChecked(True)
    while wiz.currentId() != page_id:
        wiz.next()
    return wiz


def test_wizard_delarsrapport_keeps_its_own_texts_under_the_interim_key(qtbot, tmp_path):
    """The delårsrapport's förvaltningsberättelse is its own ('oversikt@2025-06-30'), and
    so are the place and date of its decision: the årsredovisning's texts stay as they are."""
    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    year_texts = book.year_texts(y25.id)
    wiz = _walk_delar_to(qtbot, book, PAGE_TEXTS)
    texts = wiz.currentPage()
    assert texts.edits["oversikt"].toPlainText() == year_texts["oversikt@2025-06-30"]
    assert texts.edits["oversikt"].toPlainText().startswith("Delårsrapporten omfattar perioden")
    assert texts.edits["disposition"].isHidden()  # a delårsrapport proposes no disposition
    texts.edits["handelser"].setPlainText("Styrelsen beslutade i maj om en ny insats.")
    wiz.next()
    assert book.year_text(y25.id, "handelser@2025-06-30") == "Styrelsen beslutade i maj om en ny insats."
    assert book.year_text(y25.id, "handelser") == year_texts["handelser"]
    board = wiz.currentPage()
    assert wiz.currentId() == PAGE_BOARD and board.when.date().toString("yyyy-MM-dd") == "2025-08-30"
    board.place.setText("Bollstabruk")
    wiz.next()
    assert book.year_text(y25.id, "beslutsort@2025-06-30") == "Bollstabruk"
    assert book.year_text(y25.id, "beslutsdatum@2025-06-30") == "2025-08-30"
    assert (book.year_text(y25.id, "beslutsort"), book.year_text(y25.id, "beslutsdatum")) == ("Kramfors", "2026-03-20")
    wiz.close()
    book.close()


def test_wizard_figures_of_a_delar_show_the_share_of_the_years_budget(qtbot, tmp_path):
    """Beside the delårsrapport's texts: the period's result against the same period last
    year and the share of the year's budget used (a part of a year has no avvikelse)."""
    from finsam_desktop.ui.common import money_kr
    from finsam_desktop.ui.wizard_texts import report_figures

    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    report = build_report(book, y25.id, date_to="2025-06-30")
    total = [r for r in report.driftredovisning.rows if r.section == "summa"][-1]
    assert total.avvikelse is None and total.andel_procent is not None
    figures = dict(report_figures(report))
    assert figures["Periodens resultat"] == f"{money_kr(-88_647_00)} kr"
    assert "Samma period föregående år" in figures and "Avvikelse mot budget" not in figures
    assert figures["Utfall i procent av årets budget"] == f"{total.andel_procent:.1f} %".replace(".", ",")
    whole = dict(report_figures(build_report(book, y25.id)))
    assert "Avvikelse mot budget" in whole and "Utfall i procent av årets budget" not in whole
    wiz = _walk_delar_to(qtbot, book, PAGE_TEXTS)
    shown = [w.text() for w in wiz.currentPage().figures.findChildren(QLabel)]
    assert "Utfall i procent av årets budget" in shown and "None" not in " ".join(shown)
    wiz.close()
    book.close()


def test_wizard_preview_of_a_delar_labels_the_balance_sheet_with_last_years_bokslutsdag(tmp_path):
    """RKR R17: the delårsrapport's balansräkning (and its notes) compare with 2024-12-31;
    resultaträkning and kassaflödesanalys with the same half year of 2024."""
    from finsam_desktop.ui.wizard_output import report_html

    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    html = report_html(build_report(book, y25.id, date_to="2025-06-30"))
    parts = dict(p.split("</h3>", 1) for p in html.split("<h3>")[1:])
    heads = {t: re.findall(r"<th[^>]*>([^<]+)</th>", body.split("</tr>")[0]) for t, body in parts.items()}
    assert heads["Balansräkning"][1:3] == ["2025-06-30", "2024-12-31"]
    assert heads["Resultaträkning"][1:3] == ["2025-01-01 – 2025-06-30", "2024-01-01 – 2024-06-30"]
    assert heads["Resultaträkning"][3] == "Budget helår"
    assert heads["Kassaflödesanalys"][1:3] == ["2025-01-01 – 2025-06-30", "2024-01-01 – 2024-06-30"]
    fordringar = next(t for t in heads if t.endswith("Fordringar"))
    assert heads[fordringar] == ["2025-06-30", "2024-12-31"]
    # Kortfristiga skulder is explained by two notes: both are named.
    row = build_report(book, y25.id).balansrakning.row("kortfristiga_skulder")
    assert f"<td class=num>{row.notes[0]}, {row.notes[1]}</td>" in report_html(build_report(book, y25.id))
    book.close()


def test_wizard_undecided_insats_blocks_until_decided_in_step_3(qtbot, book):
    """An active insats without a decided interimsskuld: the kontroll's button leads to
    step 3, which is not complete until the insats is decided (0 kr counts)."""
    owner = book.add_counterpart("Kramfors kommun")
    book.add_project("STEG", "StegSam", owner_id=owner.id, account=4530)
    book.book_voucher("2021-02-01", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    checks = wiz.currentPage()
    found = {f.check: f for f in wiz.findings}
    assert found["interimsskulder"].is_error and checks.isComplete()
    qtbot.mouseClick(checks.findChild(QPushButton, "fix_interimsskulder"), Qt.LeftButton)
    assert wiz.currentId() == PAGE_ACCRUALS
    accruals = wiz.currentPage()
    assert not accruals.isComplete()
    _decide_undecided_insatser(accruals)
    assert accruals.isComplete()
    assert [r.amount for r in book.accruals("2021-12-31") if r.kind == "insats"] == [0]
    wiz.close()


def test_reopen_dialog_requires_a_reason_and_logs_it(qtbot, book):
    from finsam_desktop.ui.wizard_reopen import ReopenYearDialog
    y = book.years()[0]
    close_year(book, y.id)
    dlg = ReopenYearDialog(book, y.id)
    qtbot.addWidget(dlg)
    reopened = []
    dlg.reopened.connect(reopened.append)
    # The consequences are shown before the decision.
    effects = dlg.effects.text()
    assert "verifikationer kan bokföras i det igen" in effects
    assert "ingående balanserna för 2022 gäller inte längre" in effects and "logg" in effects
    assert dlg.ok_button.isEnabled() and dlg.ok_button.text() == "Öppna 2021"
    assert not dlg.reopen()
    assert "Ange varför" in dlg.error.text() and book.year(y.id).is_closed and reopened == []
    dlg.reason.setPlainText("Revisorn hittade en faktura")
    assert dlg.reopen()
    assert not book.year(y.id).is_closed and reopened == [y.id]
    assert book.audit_log()[-1]["detail"]["reason"] == "Revisorn hittade en faktura"
    assert book.opening_balances_stale(book.year_by_label("2022").id)


def test_reopen_dialog_explains_a_year_that_cannot_be_reopened(qtbot, book):
    """An open year, or a year whose next year is closed, cannot be re-opened: the dialog
    says why and its button stays disabled."""
    from finsam_desktop.ui.wizard_reopen import ReopenYearDialog
    y = book.years()[0]
    dlg = ReopenYearDialog(book, y.id)
    qtbot.addWidget(dlg)
    assert not dlg.ok_button.isEnabled() and "2021 är inte stängt" in dlg.error.text()
    assert not dlg.reopen() and not book.year(y.id).is_closed
    y22 = close_year(book, y.id)
    close_year(book, y22.id)
    dlg = ReopenYearDialog(book, y.id)
    qtbot.addWidget(dlg)
    assert not dlg.ok_button.isEnabled() and "nästa år 2022 är stängt" in dlg.error.text()
    assert not dlg.reopen() and book.year(y.id).is_closed


def test_close_step_offers_to_reopen_a_closed_year(qtbot, book):
    """Step 8 on a closed year: the year is not closed again, and the separate decision to
    re-open it is one button away (the same dialog as the main window's menu)."""
    y = book.years()[0]
    close_year(book, y.id)
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    wiz.year_id, wiz.date_to = y.id, y.end
    wiz.setStartId(PAGE_CLOSE)
    wiz.restart()
    close = wiz.currentPage()
    assert close.reopen_btn.isVisibleTo(wiz) and not close.close_btn.isVisibleTo(wiz)
    dlg = close.open_reopen_dialog()
    dlg.reason.setPlainText("Fel konto på en leverantörsfaktura")
    assert dlg.reopen()
    assert not book.year(y.id).is_closed
    # The page now offers to close the year again.
    assert close.close_btn.isVisibleTo(wiz) and not close.reopen_btn.isVisibleTo(wiz)
    wiz.close()


def test_step_3_shows_every_interimsskuld_column_without_scrolling_sideways(qtbot, tmp_path):
    from finsam_desktop.ui.wizard import PREFERRED_SIZE
    book = build_demo(tmp_path / "demo.finsam")
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    wiz.resize(PREFERRED_SIZE)
    wiz.show()
    wiz.next()
    wiz.next()
    assert wiz.currentId() == PAGE_ACCRUALS
    form = wiz.currentPage().form
    qtbot.waitUntil(lambda: form.project_view.viewport().width() > 0)
    qtbot.wait(50)
    from PySide6.QtGui import QFont, QFontMetrics
    bold = QFont(form.project_view.font())
    bold.setWeight(QFont.DemiBold)
    metrics = QFontMetrics(bold)
    for view in (form.project_view, form.other_view):
        header = view.horizontalHeader()
        assert view.horizontalScrollBar().maximum() == 0
        for col in range(view.model().columnCount()):
            caption = view.model().headerData(col, Qt.Horizontal)
            # every caption readable in full: text plus the header's 8 px padding each side
            assert header.sectionSize(col) >= metrics.horizontalAdvance(caption) + 16, caption
    wiz.close()
    book.close()
