"""Utkast (preliminära verifikationer): saved from the verifikation form with Ctrl+S,
listed, opened again, finished and booked (booking removes the draft)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.ui.drafts_view import DraftsDialog
from finsam_desktop.ui.entry_model import ACCOUNT, CREDIT, DEBIT
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.members_form import MembersDialog
from finsam_desktop.ui.voucher_form import VoucherDialog

from conftest import VALID_ORGNR
from ui_helpers import booked, isolated_settings  # noqa: F401


def _set(model, row, col, text):
    model.setData(model.index(row, col), text)


def test_unbalanced_voucher_is_kept_as_a_draft_with_ctrl_s(qtbot, book):
    form = VoucherDialog(book)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.model.autofill = False
    form.date_edit.setText("2021-04-01")
    form.text_edit.setText("Faktura Hälsolots, belopp oklart")
    _set(form.model, 0, ACCOUNT, "4530")
    _set(form.model, 0, DEBIT, "12 000")
    _set(form.model, 1, ACCOUNT, "1930")        # kredit not known yet
    assert not form.can_book()
    # Ctrl+S (offscreen windows are never active, so the shortcut is fired directly).
    save = next(sc for sc in form.findChildren(QShortcut) if sc.key() == QKeySequence("Ctrl+S"))
    save.activated.emit()
    drafts = book.drafts()
    assert len(drafts) == 1
    d = drafts[0]
    assert d["date"] == "2021-04-01" and d["text"] == "Faktura Hälsolots, belopp oklart"
    assert [(r.account, r.amount) for r in d["rows"]] == [(4530, 12_000_00), (1930, 0)]
    assert book.count_vouchers(VoucherFilter()) == 3       # nothing was booked
    assert form.model.used_rows() == []                   # the form is ready for the next one
    form.close()


def test_draft_opened_from_the_list_is_finished_booked_and_removed(qtbot, book):
    book.save_draft("2021-04-01", "Faktura Hälsolots", [(4530, 12_000_00), (1930, 0)])
    window = MainWindow(book)
    qtbot.addWidget(window)
    listing = window.show_drafts()
    assert isinstance(listing, DraftsDialog)
    assert listing.model.rowCount() == 1
    assert listing.model.index(0, 5).data() == "Belopp saknas"
    opened = []
    listing.open_draft.connect(opened.append)
    listing.table.doubleClicked.emit(listing.model.index(0, 1))
    assert opened and opened[0]["text"] == "Faktura Hälsolots"
    form = next(w for w in window.findChildren(VoucherDialog) if w.draft_id is not None)
    assert form.model.rows[0].debit == 12_000_00 and form.model.rows[1].account == 1930
    assert form.model.rows[1].credit is None              # the missing amount stays empty
    assert not form.can_book()
    _set(form.model, 1, CREDIT, "12 000")
    assert form.can_book()
    v = form.book_now()
    assert v is not None and v.ref == "A 4" and v.date == "2021-04-01"
    assert sorted((r.account, r.amount) for r in v.rows) == [(1930, -12_000_00), (4530, 12_000_00)]
    assert book.drafts() == []                            # booking removed the draft
    window.close()


def test_a_refused_booking_keeps_the_draft(qtbot, book):
    draft_id = book.save_draft("2021-04-01", "Utkast", [(4530, 500_00), (1930, -500_00)])
    form = VoucherDialog(book)
    qtbot.addWidget(form)
    form.open_draft(book.drafts()[0])
    book.set_year_status(book.years()[0].id, "closed")   # the year closes before it is booked
    form.date_edit.setText("2021-04-01")
    form._update_state()
    assert form.book_now() is None
    assert [d["id"] for d in book.drafts()] == [draft_id]
    form.close()


def test_start_page_shows_waiting_drafts_and_the_wizard_fix_opens_the_list(qtbot, book, monkeypatch):
    window = MainWindow(book)
    qtbot.addWidget(window)
    start = window.pages["start"]
    assert start.drafts_button.isHidden()
    book.save_draft("2021-05-02", "Resa", [(5800, 900_00)])
    book.save_draft("", "", [(6410, 100_00)])
    window.refresh()
    assert not start.drafts_button.isHidden()
    assert start.drafts_button.text().startswith("2 utkast väntar")
    shown = []
    monkeypatch.setattr(window, "show_drafts", lambda: shown.append("list"))
    start.drafts_button.click()
    window.show_fix("drafts")
    assert shown == ["list", "list"]
    assert window.act_drafts.shortcut().toString() == "Ctrl+Shift+U"
    window.close()


def test_draft_is_deleted_from_the_list_after_asking(qtbot, book, monkeypatch):
    book.save_draft("2021-05-02", "Resa", [(5800, 900_00)])
    dlg = DraftsDialog(book)
    qtbot.addWidget(dlg)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dlg.delete_selected()
    assert book.drafts() == [] and dlg.model.rowCount() == 0
    assert not dlg.open_button.isEnabled()


def test_changing_the_book_closes_every_form_it_opened(qtbot, book, tmp_path):
    """A draft opened from the list, a voucher, a register form and the list itself
    belong to the book: opening another book closes them all, so nothing is left
    editing a closed database."""
    book.save_draft("2021-04-01", "Faktura Hälsolots", [(4530, 12_000_00), (1930, 0)])
    window = MainWindow(book)
    qtbot.addWidget(window)
    listing = window.show_drafts()
    listing.table.doubleClicked.emit(listing.model.index(0, 1))
    form = next(w for w in window.findChildren(VoucherDialog) if w.draft_id is not None)
    window.new_voucher()
    window.edit_members()
    members = window.findChildren(MembersDialog)[0]
    again = window.show_drafts()
    opened = [again, form, window.voucher_dialog, members]
    assert all(w.isVisible() for w in opened)
    other = Book.create(tmp_path / "other.finsam", namn="Annat förbund", orgnr=VALID_ORGNR,
                        year_start="2021-01-01", year_end="2021-12-31")
    window.set_book(other)
    assert not any(w.isVisible() for w in opened)
    assert [w for w in window.findChildren(QDialog) if w.isVisible()] == []
    # The draft form is gone: nothing can write to the closed book through it.
    assert form not in [w for w in window.findChildren(VoucherDialog) if w.isVisible()]
    window.close()


def test_closing_the_book_closes_an_open_draft_form(qtbot, book):
    book.save_draft("2021-04-01", "Utkast", [(4530, 500_00), (1930, 0)])
    window = MainWindow(book)
    qtbot.addWidget(window)
    form = window.open_draft(book.drafts()[0])
    assert form.isVisible()
    window.close_book()
    assert not form.isVisible()
    window.close()
