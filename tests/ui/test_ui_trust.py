"""A working day at the desktop: nothing is booked by accident and nothing typed is lost
(Enter never books, Tab keeps what is typed, closing a form with work in it asks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from finsam_desktop.ui.entry_model import ACCOUNT, DEBIT
from finsam_desktop.ui.voucher_form import VoucherDialog

from ui_helpers import answer_question, booked_book, isolated_settings, voucher_form  # noqa: F401


def test_the_whole_form_is_filled_with_tab_alone(qtbot, qapp, book, form):
    """Date, Tab, text, Tab, konto, Tab, debet: every value lands where the hint says."""
    form.date_edit.setFocus()
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, "2021-03-15")
    qtbot.keyClick(form.date_edit, Qt.Key_Tab)
    assert qapp.focusWidget() is form.text_edit
    qtbot.keyClicks(form.text_edit, "Faktura StegVidare")
    qtbot.keyClick(form.text_edit, Qt.Key_Tab)
    for text in ("4530", "45000"):
        qtbot.keyClicks(qapp.focusWidget(), text)
        qtbot.keyClick(qapp.focusWidget(), Qt.Key_Tab)
    qtbot.wait(20)
    row = form.model.rows[0]
    assert (row.account, row.debit) == (4530, 45_000_00)
    assert form.table.currentIndex().column() > DEBIT


def _voucher_count(book) -> int:
    return sum(book.year_voucher_count(y.id) for y in book.years())


def test_enter_in_the_period_end_date_never_books(qtbot, book):
    """Periodavslut: a date typed in "Periodens slut" and Enter books nothing; Bokför asks
    first, saying what will be booked, and Avbryt books nothing either."""
    from accrual_books import kramfors
    from finsam_desktop.ui.accruals_form import AccrualsDialog

    kramfors(book)
    before = _voucher_count(book)
    dlg = AccrualsDialog(book, period_end="2021-12-31")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    form = dlg.form
    assert form.book_button.isEnabled()
    assert not form.book_button.isDefault() and not form.book_button.autoDefault()
    form.date_edit.setFocus()
    qtbot.keyClicks(form.date_edit, "2021-12-31")
    qtbot.keyClick(form.date_edit, Qt.Key_Return)
    qtbot.keyClick(form.date_edit, Qt.Key_Enter)
    qtbot.wait(50)
    assert _voucher_count(book) == before and form.last_booking is None
    assert dlg.isVisible(), "Enter neither books nor closes the form"

    asked = []
    answer_question("Avbryt", asked)
    qtbot.mouseClick(form.book_button, Qt.LeftButton)
    assert _voucher_count(book) == before
    assert "Bokföra periodiseringen per 2021-12-31: 993\u00a0052,00 kr på 3 rader?" in asked[0]
    assert "återföringen bokförs den 2022-01-01 när det räkenskapsåret har lagts till" in asked[0]

    answer_question("Bokför")
    qtbot.mouseClick(form.book_button, Qt.LeftButton)
    assert _voucher_count(book) == before + 1
    assert form.last_booking.voucher.date == "2021-12-31"


def _type_a_voucher(qtbot, qapp, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is form, timeout=2000)
    form.date_edit.setFocus()
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, "2021-03-15")
    qtbot.keyClick(form.date_edit, Qt.Key_Tab)
    qtbot.keyClicks(form.text_edit, "Hyra mars")
    qtbot.keyClick(form.text_edit, Qt.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), "5010")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), "12000")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key_Tab)


@pytest.fixture
def window(qtbot, book):
    from finsam_desktop.ui.main_window import MainWindow
    w = MainWindow(book)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w


def test_esc_with_typed_work_asks_and_the_next_form_starts_empty(qtbot, qapp, book, window):
    window.new_voucher()
    form = window.voucher_dialog
    qtbot.waitExposed(form)
    _type_a_voucher(qtbot, qapp, form)
    asked = []
    answer_question("Avbryt", asked)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key_Escape)  # closes the cell editor
    qtbot.keyClick(form, Qt.Key_Escape)                # the form
    qtbot.wait(50)
    assert form.isVisible(), "Avbryt keeps the form and what is typed"
    assert "verifikationen ”Hyra mars”" in asked[0]
    assert form.model.rows[0].account == 5010 and form.model.rows[0].debit == 12_000_00

    answer_question("Släng")
    form.close_button.click()
    assert not form.isVisible()
    window.new_voucher()                               # Ctrl+Shift+N again
    qtbot.waitUntil(lambda: qapp.activeWindow() is form, timeout=2000)
    assert form.isVisible() and form.text_edit.text() == ""
    assert form.model.used_rows() == []
    assert qapp.focusWidget() is form.date_edit        # a new date goes into Datum, not Konto


def test_closing_a_form_can_save_it_as_a_draft(qtbot, qapp, book, window):
    window.new_voucher()
    form = window.voucher_dialog
    _type_a_voucher(qtbot, qapp, form)
    answer_question("Spara som utkast")
    form.close_button.click()
    assert not form.isVisible()
    drafts = book.drafts()
    assert [(d["text"], [(r.account, r.amount) for r in d["rows"]]) for d in drafts] == [
        ("Hyra mars", [(5010, 12_000_00)])]


def test_quitting_with_a_form_open_asks_and_avbryt_keeps_the_program(qtbot, qapp, book, window):
    window.new_voucher()
    form = window.voucher_dialog
    _type_a_voucher(qtbot, qapp, form)
    answer_question("Avbryt")
    window.act_quit.trigger()                          # Ctrl+Q
    assert window.isVisible() and form.isVisible()
    assert window.book is not None
    answer_question("Spara som utkast")
    window.act_quit.trigger()
    assert not window.isVisible()


def test_windows_fit_a_1366x768_laptop(qtbot, book, monkeypatch):
    """With 1366×728 free (a panel below), the main window and the bokslut wizard fit
    with their title bar, so the status bar and Nästa/Avbryt are on screen."""
    from PySide6.QtCore import QRect
    from finsam_desktop.ui import screen_fit
    from finsam_desktop.ui.main_window import MainWindow
    from finsam_desktop.ui.wizard import BokslutWizard

    free = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w=None: free)
    w = MainWindow(book)
    qtbot.addWidget(w)
    wiz = BokslutWizard(book, w)
    qtbot.addWidget(wiz)
    for win in (w, wiz):
        assert win.width() + screen_fit.FRAME.width() <= free.width()
        assert win.height() + screen_fit.FRAME.height() <= free.height(), type(win).__name__
        assert win.x() >= 0 and win.y() >= 0
    assert (w.width(), w.height()) == (1280, 688)


def test_a_draft_opened_from_the_wizard_can_be_used(qtbot, book, window):
    """Bokslutsguiden ▸ Visa utkasten ▸ Öppna: the draft opens in front of the modal
    wizard (its child), not behind it where it cannot be clicked."""
    from PySide6.QtWidgets import QApplication
    from finsam_desktop.ui.drafts_view import DraftsDialog
    from finsam_desktop.ui.voucher_form import VoucherDialog

    book.save_draft("2021-04-01", "Arvode styrelsen april", [(5050, 3_000_00)])
    window.open_wizard()
    wizard = QApplication.activeModalWidget()
    assert wizard is not None and wizard.windowTitle() == "Bokslut och årsredovisning"
    window.show_fix("drafts")
    drafts = QApplication.activeModalWidget()
    assert isinstance(drafts, DraftsDialog) and drafts.parentWidget() is wizard
    drafts._open(0)
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, VoucherDialog) and w.isVisible()]
    assert len(forms) == 1
    form = forms[0]
    assert form.text_edit.text() == "Arvode styrelsen april"
    modal = QApplication.activeModalWidget()
    assert modal is wizard and form.parentWidget() is wizard, "the draft is not blocked by the wizard"


def test_accruals_and_their_reversals_are_not_shown_as_corrections(qtbot, book):
    """A periodisering and its återföring are named so in the verifikationslista, in
    normal colour; only a real rättelse and the verifikation it corrects are greyed."""
    from accrual_books import kramfors, year_end_entries
    from finsam_desktop.closing.accruals import book_accruals
    from finsam_desktop.ui.common import FOREGROUND
    from finsam_desktop.book import VoucherFilter
    from finsam_desktop.ui.models import VoucherListModel

    projects = kramfors(book)
    book.add_year("2022-01-01", "2022-12-31")  # the återföring is booked at once
    res = book_accruals(book, "2021-12-31", year_end_entries(projects))
    wrong = book.book_voucher("2021-05-02", "Fel konto", [(6410, 500_00), (1930, -500_00)])
    fix = book.reverse_voucher(wrong.id)
    status = {}
    model = VoucherListModel(book, VoucherFilter())
    for r in range(model.rowCount()):
        status[model.index(r, 0).data()] = (model.index(r, 4).data(), model.index(r, 4).data(FOREGROUND))
    assert status[res.voucher.ref] == ("Periodisering", None)
    assert status[res.reversal.ref] == ("Återföring", None)
    assert status[wrong.ref][0] == "Rättad" and status[wrong.ref][1] is not None
    assert status[fix.ref][0] == "Rättelse" and status[fix.ref][1] is not None


def test_search_finds_amounts_and_the_start_of_a_number(tmp_path):
    """Searching "25000" or "25 000" finds the faktura of 25 000 kr; "A 2" finds A 2 and
    A 20–A 29 as the user types; a plain word still searches the text."""
    from finsam_desktop.book import VoucherFilter

    book = booked_book(tmp_path)
    for i in range(20):
        book.book_voucher("2021-04-01", f"Porto {i}", [(6410, 10_00 + i), (1930, -(10_00 + i))])
    found = lambda text: sorted(v.ref for v in book.list_vouchers(VoucherFilter(text=text)))  # noqa: E731
    assert found("25000") == found("25 000") == found("25 000,00") == ["A 2"]
    assert found("a 2") == ["A 2", "A 20", "A 21", "A 22", "A 23"]
    assert found("A 23") == ["A 23"]
    assert found("Kontorsmaterial") == ["A 3"]
    assert found("1250,50") == ["A 3"]
    assert found("2021") == []  # not an amount on any row, not in a text


def test_a_back_dated_voucher_just_booked_heads_the_latest_list(qtbot, tmp_path):
    from finsam_desktop.ui.start_page import StartPage

    book = booked_book(tmp_path)
    late = book.book_voucher("2021-01-02", "Bakåtdaterad faktura", [(6410, 99_00), (1930, -99_00)])
    page = StartPage(book)
    qtbot.addWidget(page)
    page.reload()
    refs = [page.latest_model.record(r).ref for r in range(page.latest_model.rowCount())]
    assert refs[0] == late.ref == "A 4"
    assert refs == ["A 4", "A 3", "A 2", "A 1"]


def test_the_konto_list_is_wide_enough_for_the_names(qtbot, qapp, form):
    """The completer under the narrow Konto column shows whole names, not "1640 M…"."""
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, ACCOUNT))
    editor = form.table.delegate.editor
    assert editor is not None
    popup = editor.completer().popup()
    fm = form.table.fontMetrics()
    longest = max(fm.horizontalAdvance(w) for w in form.table.delegate.account_words.stringList())
    assert popup.minimumWidth() >= min(longest, 600) > form.table.columnWidth(ACCOUNT)
    form.table.delegate.commit_open_editor()


def test_period_end_table_shows_whole_insats_names_and_headers(qtbot, book):
    from accrual_books import kramfors
    from finsam_desktop.ui.accruals_form import AccrualsForm, ProjectLinesModel

    kramfors(book)
    form = AccrualsForm(book, "2021-12-31")
    qtbot.addWidget(form)
    form.resize(1300, 700)
    form.show()
    qtbot.waitExposed(form)
    view, model = form.project_view, form.projects
    fm = view.fontMetrics()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert view.columnWidth(0) >= max(fm.horizontalAdvance(n) for n in names)
    header = model.headerData(ProjectLinesModel.COMMENT, Qt.Horizontal)
    assert view.columnWidth(ProjectLinesModel.COMMENT) >= fm.horizontalAdvance(header) + 8
