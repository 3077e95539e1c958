"""The verifikation form driven by the keyboard, like the förbundschef uses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from finsam_desktop.book import VoucherFilter
from finsam_desktop.ui.balance_view import TrialBalanceView
from finsam_desktop.ui.entry_model import ACCOUNT, CREDIT, DEBIT
from finsam_desktop.ui.voucher_form import VoucherDialog
from finsam_desktop.ui.voucher_list import VoucherListView

from ui_helpers import booked_book, isolated_settings, voucher_form  # noqa: F401


def type_in(qtbot, widget, text: str, key=Qt.Key_Return) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, key)


def focused(qapp):
    return qapp.focusWidget()


def test_voucher_entered_by_keyboard_is_booked_and_shown_in_list_and_saldobalans(qtbot, qapp, book, form):
    form.date_edit.setFocus()
    form.date_edit.selectAll()
    type_in(qtbot, form.date_edit, "2021-03-15")          # Enter: on to the text
    assert form.text_edit.hasFocus()
    type_in(qtbot, form.text_edit, "Driftbidrag kvartal 1")  # Enter: into the first konto cell
    type_in(qtbot, focused(qapp), "1930")                 # konto, Enter: debet
    assert form.table.currentIndex().column() == DEBIT
    type_in(qtbot, focused(qapp), "1 000,50")             # debet, Enter: next row's konto
    assert (form.table.currentIndex().row(), form.table.currentIndex().column()) == (1, ACCOUNT)
    assert not form.can_book()
    type_in(qtbot, focused(qapp), "Driftbidrag F")        # found by (part of) its name
    # The new row was given what is missing to balance, on the kredit side.
    assert form.model.rows[1].account == 3010
    assert form.model.rows[1].credit == 1_000_50
    assert form.table.currentIndex().column() == CREDIT
    assert form.can_book()
    qtbot.keyClick(focused(qapp), Qt.Key_Return, Qt.ControlModifier)  # Ctrl+Enter: bokför

    v = form.last_booked
    assert v is not None and v.ref == "A 1" and v.date == "2021-03-15"
    assert sorted((r.account, r.amount) for r in v.rows) == [(1930, 1_000_50), (3010, -1_000_50)]
    assert form.model.used_rows() == []          # ready for the next one
    assert form.date_edit.text() == "2021-03-15"  # the date is kept for the next

    listing = VoucherListView(book)
    qtbot.addWidget(listing)
    assert listing.model.rowCount() == 1
    assert listing.model.index(0, 0).data() == "A 1"
    assert listing.model.index(0, 2).data() == "Driftbidrag kvartal 1"
    assert listing.model.index(0, 3).data() == "1\u00a0000,50"

    balance = TrialBalanceView(book)
    qtbot.addWidget(balance)
    assert balance.line(1930)[4] == 1_000_50
    assert balance.line(3010)[4] == -1_000_50


def test_tab_moves_through_every_cell_and_adds_a_row_at_the_end(qtbot, qapp, form):
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(1, ACCOUNT))
    for _ in range(5):  # konto, debet, kredit, insats, radtext
        qtbot.keyClick(focused(qapp), Qt.Key_Tab)
    assert form.model.rowCount() == 3
    assert (form.table.currentIndex().row(), form.table.currentIndex().column()) == (2, ACCOUNT)


def test_unbalanced_voucher_cannot_be_booked_and_keeps_what_was_typed(qtbot, qapp, book, form):
    form.date_edit.setText("2021-04-01")
    form.text_edit.setText("Obalanserad")
    m = form.model
    m.autofill = False
    m.setData(m.index(0, ACCOUNT), "1930")
    m.setData(m.index(0, DEBIT), "500")
    m.setData(m.index(1, ACCOUNT), "6410")
    m.setData(m.index(1, CREDIT), "400")
    assert not form.book_button.isEnabled()
    assert "Differens" in form.totals.text() and "100,00" in form.totals.text()
    assert form.book_now() is None
    qtbot.keyClick(form, Qt.Key_Return, Qt.ControlModifier)
    assert book.count_vouchers() == 0
    assert m.rows[0].debit_text == "500" and m.rows[1].credit_text == "400"
    assert form.text_edit.text() == "Obalanserad"


def test_bad_input_in_a_cell_is_named_and_kept(qtbot, book, form):
    m = form.model
    m.setData(m.index(0, ACCOUNT), "1999")
    m.setData(m.index(0, DEBIT), "12,345")
    assert m.rows[0].account_text == "1999" and m.rows[0].debit_text == "12,345"
    assert m.index(0, ACCOUNT).data(Qt.ToolTipRole) == "Konto 1999 finns inte i kontoplanen."
    assert "Ogiltigt belopp" in m.index(0, DEBIT).data(Qt.ToolTipRole)
    assert not form.can_book()
    assert form.problem.text().startswith("Rad 1:")


def test_date_outside_every_year_is_refused_next_to_the_field(qtbot, book, form):
    form.date_edit.setText("2030-01-01")
    form._date_done()
    assert form.date_error.isVisible()
    assert "2030-01-01" in form.date_error.text()
    assert form.date_edit.text() == "2030-01-01"
    assert not form.can_book()


def test_booked_voucher_opens_read_only_and_is_corrected_by_reversal(qtbot, tmp_path):
    b = booked_book(tmp_path)
    original = b.voucher_by_ref(b.years()[0].id, "A", 2)
    dlg = VoucherDialog(b, voucher_id=original.id)
    qtbot.addWidget(dlg)
    assert dlg.model.read_only and dlg.date_edit.isReadOnly()
    assert not dlg.book_button.isVisible() or dlg.isHidden()
    assert not (dlg.model.flags(dlg.model.index(0, ACCOUNT)) & Qt.ItemIsEditable)

    qtbot.mouseClick(dlg.correct_button, Qt.LeftButton)   # Rätta
    assert dlg.corrects is not None and dlg.corrects.id == original.id
    assert dlg.text_edit.text() == "Rättelse av A 2: Faktura StegVidare januari"
    assert sorted(r.amount for r in dlg.model.voucher_rows()) == [-25_000_00, 25_000_00]
    assert dlg.can_book()
    reversal = dlg.book_now()

    assert reversal.corrects_id == original.id
    assert b.reversal_of(original.id) == reversal.id
    assert {(r.account, r.amount, r.project_id) for r in reversal.rows} == \
        {(r.account, -r.amount, r.project_id) for r in original.rows}
    # Next: the right verifikation, starting from the corrected one's rows.
    assert dlg.voucher is None and dlg.corrects is None
    assert [r.account for r in dlg.model.used_rows()] == [4530, 1930]

    again = VoucherDialog(b, voucher_id=original.id)
    qtbot.addWidget(again)
    assert again.correct_button.isHidden()   # already corrected
    assert "rättad genom A 4" in again.info.text()


def test_voucher_booked_from_the_form_lands_in_its_year_and_number_series(qtbot, tmp_path):
    b = booked_book(tmp_path)
    dlg = VoucherDialog(b)
    qtbot.addWidget(dlg)
    m = dlg.model
    dlg.date_edit.setText("0420")  # short form within the year
    dlg.text_edit.setText("Insats HALSA")
    m.setData(m.index(0, ACCOUNT), "4530")
    m.setData(m.index(0, DEBIT), "2 000")
    m.setData(m.index(0, 4), "HALSA")
    m.setData(m.index(1, ACCOUNT), "Bankkonto")
    v = dlg.book_now()
    assert v.ref == "A 4" and v.date == "2021-04-20"
    halsa = b.project_by_code("HALSA")
    assert (4530, 2_000_00, halsa.id) in {(r.account, r.amount, r.project_id) for r in v.rows}
    assert b.count_vouchers(VoucherFilter(project_id=halsa.id)) == 1


def test_voucher_without_text_is_refused_and_the_text_field_is_marked(qtbot, book, form):
    form.date_edit.setText("2021-04-01")
    m = form.model
    m.autofill = False
    m.setData(m.index(0, ACCOUNT), "1930")
    m.setData(m.index(0, DEBIT), "500")
    m.setData(m.index(1, ACCOUNT), "3010")
    m.setData(m.index(1, CREDIT), "500")
    assert form.book_now() is None
    assert book.count_vouchers() == 0
    assert "saknar text" in form.problem.text()
    assert m.rows[0].debit_text == "500"
