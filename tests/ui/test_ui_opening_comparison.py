"""Resultat och balans in the desktop program for the book's first year: the
balansräkning compares with the ingående balanser and says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.reports import build_report
from finsam_desktop.reports.model import NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION
from finsam_desktop.ui.report_view import OPENING_VIEW_NOTE, ReportView
from finsam_desktop.ui.wizard_output import report_html


def _column(view, sid, label, col):
    m = view.models[sid]
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data() == label)
    return m.index(row, col).data()


def test_first_year_balance_sheet_shows_the_opening_balances(qtbot, book):
    y = book.years()[0]
    book.set_opening_balances(y.id, {1930: 300_000_00, 1640: 12_500_00, 2010: -250_000_00, 2440: -62_500_00})
    book.book_voucher("2021-02-01", "Driftbidrag", [(1930, 100_000_00), (3010, -100_000_00)])
    view = ReportView(book)
    qtbot.addWidget(view)
    m = view.models["balansrakning"]
    assert m.headerData(3, Qt.Horizontal, Qt.DisplayRole) == "2020-12-31 (IB)"
    assert _column(view, "balansrakning", "Kassa och bank", 2) == "400\u00a0000"
    assert _column(view, "balansrakning", "Kassa och bank", 3) == "300\u00a0000"
    assert _column(view, "balansrakning", "Summa tillgångar", 3) == "312\u00a0500"
    assert _column(view, "balansrakning", "Summa eget kapital", 3) == "250\u00a0000"
    assert _column(view, "balansrakning", "Årets resultat", 3) == ""
    # The resultaträkning has nothing to compare with: empty, not zero.
    assert _column(view, "resultatrakning", "Verksamhetens intäkter", 3) == ""
    assert OPENING_VIEW_NOTE in view.checks.text()
    assert "ingående balanser per 2020-12-31" in view.notes.toPlainText()


def test_wizard_preview_marks_the_opening_balance_column(book):
    book.set_opening_balances(book.years()[0].id, {1930: 300_000_00, 2010: -300_000_00})
    html = report_html(build_report(book, book.years()[0].id))
    br = html[html.index("<h3>Balansräkning"):html.index("<h3>Kassaflödesanalys")]
    assert OPENING_BALANCES_CAPTION in br and "2020-12-31 (IB)" in br
    assert html.count(NO_PREVIOUS_CAPTION) == 2   # resultaträkning and kassaflödesanalys
