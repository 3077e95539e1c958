"""Nytt räkenskapsår while the previous one is open, its preliminary opening balances,
and switching the working year in the status bar."""

from __future__ import annotations

from finsam_desktop.closing.accruals import AccrualEntry, book_accruals
from finsam_desktop.closing.close import close_year
from finsam_desktop.book import VoucherRow
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ops.years import add_following_year
from finsam_desktop.ui.year_dialog import NewYearDialog

from ui_helpers import booked, booked_book, isolated_settings  # noqa: F401


def test_new_year_follows_the_last_and_carries_preliminary_balances(qtbot, book):
    dlg = NewYearDialog(book)
    qtbot.addWidget(dlg)
    assert (dlg.start_edit.text(), dlg.end_edit.text()) == ("2022-01-01", "2022-12-31")
    assert "Preliminära ingående balanser" in dlg.note.text()
    assert dlg.length.text() == "12 månader, kalenderår"
    dlg.create()
    y = dlg.year
    assert (y.start, y.end, y.is_closed) == ("2022-01-01", "2022-12-31", False)
    ib = book.opening_balances(y.id)
    # Bank 100 000 − 25 000 − 1 250,50; the 2021 result (−26 250,50 + 100 000) in eget kapital.
    assert ib == {(1930, None): 73_749_50, (2010, None): -73_749_50}
    assert book.opening_balances_stale(y.id)            # preliminary until 2021 is closed
    # The förbundschef can book into January while 2021 stays open.
    v = book.book_voucher("2022-01-10", "Hyra januari", [(5010, 8_000_00), (1930, -8_000_00)])
    assert v.year_id == y.id and not book.years()[0].is_closed


def test_closing_the_old_year_replaces_the_preliminary_balances(qtbot, book):
    y = add_following_year(book, "2022-01-01", "2022-12-31")
    book.book_voucher("2021-12-30", "Sen faktura", [(6410, 1_000_00), (1930, -1_000_00)])
    # The bokslut decides every insats' interimsskuld (0 kr here) before the year can close.
    book_accruals(book, "2021-12-31", [AccrualEntry(amount=0, project_id=p.id) for p in book.projects()])
    close_year(book, book.years()[0].id)
    assert book.opening_balances(y.id) == {(1930, None): 72_749_50, (2010, None): -72_749_50}
    assert not book.opening_balances_stale(y.id)


def test_a_brutet_year_is_possible_and_a_gap_is_refused(qtbot, book):
    dlg = NewYearDialog(book)
    qtbot.addWidget(dlg)
    dlg.end_edit.setText("2022-06-30")
    dlg._update_length()
    assert dlg.length.text() == "6 månader, brutet räkenskapsår"
    dlg.start_edit.setText("2022-02-01")
    dlg.create()
    assert dlg.year is None
    assert "dagen efter 2021-12-31" in dlg.date_error.text()
    assert dlg.start_edit.text() == "2022-02-01"          # what the user typed stays
    dlg.start_edit.setText("2022-01-01")
    dlg.create()
    assert (dlg.year.start, dlg.year.end) == ("2022-01-01", "2022-06-30")


def test_status_bar_switches_the_working_year_of_every_page(qtbot, tmp_path):
    b = booked_book(tmp_path)
    window = MainWindow(b)
    qtbot.addWidget(window)
    listing = window.show_page("verifikationer")
    add_following_year(b, "2022-01-01", "2022-12-31")
    y2022 = b.years()[1]
    b.book_vouchers([("2022-01-10", "Hyra januari", [VoucherRow(5010, 8_000_00), VoucherRow(1930, -8_000_00)])])
    window.refresh_years(y2022.id)
    assert window.year_box.currentText() == "2022"
    assert listing.period.year.id == y2022.id and listing.model.rowCount() == 1
    assert "preliminära" in window.status_warning.text()
    start = window.pages["start"]
    assert "räkenskapsår 2022" in start.subtitle.text()
    # Back to 2021 for the bokslut, from the status bar.
    window.year_box.activated.emit(window.year_box.findText("2021"))
    assert window.working_year().label == "2021"
    assert listing.period.year.label == "2021" and listing.model.rowCount() == 3
    assert "räkenskapsår 2021" in start.subtitle.text()
    ledger = window.show_page("huvudbok")                 # a page built later starts in 2021 too
    assert ledger.period.year.label == "2021"
    assert window.act_new_year.shortcut().toString() == "Ctrl+Shift+Y"
    window.close()
    b.close()
