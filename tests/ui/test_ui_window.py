"""The main window, the list views and their filters, background work, settings and the
screenshot mode."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QKeySequence

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.errors import RuleError
from finsam_desktop.ui import settings
from finsam_desktop.ui.ledger_view import LedgerView
from finsam_desktop.ui.main_window import PAGES, MainWindow
from finsam_desktop.ui.models import VoucherListModel
from finsam_desktop.ui.tasks import Cancelled, run_book_job, run_in_background
from finsam_desktop.ui.voucher_list import VoucherListView

from ui_helpers import VALID_ORGNR, booked_book, isolated_settings  # noqa: F401


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.close()


def test_main_window_shows_the_book_in_the_status_bar_and_remembers_it(qtbot, tmp_path, window,
                                                                         isolated_settings):
    b = booked_book(tmp_path)
    path = b.path
    b.close()
    window.open_book(path)
    assert "Testförbundet (222000-1354)" == window.status_forbund.text()
    assert window.status_year.text() == "Räkenskapsår"
    assert window.year_box.currentText() == "2021"
    assert window.status_file.toolTip() == str(path)
    assert window.status_file.text().endswith("bok.finsam")
    assert settings.recent_books() == [str(path.resolve())]
    assert settings.last_book() == str(path.resolve())
    # Settings live in the test's folder, under the test organisation.
    assert str(isolated_settings) in settings.settings().fileName()
    assert "FinsamTest" in settings.settings().fileName()


def test_status_bar_warns_about_a_closed_year_and_a_read_only_book(qtbot, tmp_path, window):
    b = booked_book(tmp_path)
    b.set_year_status(b.years()[0].id, "closed")
    path = b.path
    b.close()
    window.open_book(path, read_only=True)
    warning = window.status_warning.text()
    assert "skrivskyddad" in warning and "Räkenskapsåret 2021 är stängt" in warning
    assert not window.act_new_voucher.isEnabled()
    assert window.act_chart.isEnabled()


def test_every_action_has_a_shortcut_and_the_menus_are_swedish(qtbot, tmp_path, window):
    window.open_book(booked_book(tmp_path).path)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions() if a.isVisible()]
    assert menus[:4] == ["Arkiv", "Redigera", "Bokföring", "Rapporter"] and menus[-1] == "Hjälp"
    assert "Bokslut" in menus  # the bokslut wizard is part of this program
    without = [a.text() for a in window.actions()
               if a.isVisible() and a.shortcut().isEmpty()]
    assert without == ["&Om Finsam Bokföring"]  # F1 is Hjälp; Om is reached from the Hjälp menu
    keys = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    assert window.act_new_voucher.shortcut() == QKeySequence("Ctrl+Shift+N")


def test_pages_are_built_on_first_use_and_double_click_opens_a_voucher(qtbot, tmp_path, window):
    window.open_book(booked_book(tmp_path).path)
    assert set(window.pages) == {"start"}
    for key, _title, _sc in PAGES:
        assert window.show_page(key) is window.stack.currentWidget()
    listing = window.pages["verifikationer"]
    index = listing.model.index(1, 0)
    listing.table.doubleClicked.emit(index)
    dialogs = [w for w in window.findChildren(object) if type(w).__name__ == "VoucherDialog"]
    assert dialogs and dialogs[-1].title.text() == "Verifikation A 2"


def test_voucher_booked_in_the_window_shows_up_in_every_open_view(qtbot, tmp_path, window):
    window.open_book(booked_book(tmp_path).path)
    window.show_page("verifikationer")
    window.show_page("saldobalans")
    window.new_voucher()
    dlg = window.voucher_dialog
    m = dlg.model
    dlg.date_edit.setText("2021-05-02")
    dlg.text_edit.setText("Resa")
    m.setData(m.index(0, 0), "7010")
    m.setData(m.index(0, 2), "800")
    m.setData(m.index(1, 0), "1930")
    assert dlg.book_now().ref == "A 4"
    assert window.pages["verifikationer"].model.rowCount() == 4
    assert window.pages["saldobalans"].line(7010)[4] == 800_00


def test_verifikationslista_filters_by_period_account_insats_and_text(qtbot, tmp_path):
    b = booked_book(tmp_path)
    view = VoucherListView(b)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 3
    view.account_edit.setText("6410")
    view.apply_filter()
    assert [view.model.index(r, 0).data() for r in range(view.model.rowCount())] == ["A 3"]
    view.account_edit.setText("")
    view.project_box.setCurrentIndex(view.project_box.findText("STEG StegVidare"))
    assert [view.model.index(r, 2).data() for r in range(view.model.rowCount())] == ["Faktura StegVidare januari"]
    view.project_box.setCurrentIndex(0)
    view.text_edit.setText("drift")
    view.apply_filter()
    assert view.model.rowCount() == 1 and view.count_label.text() == "1 verifikation"
    view.text_edit.setText("")
    view.period.quick.setCurrentIndex(view.period.quick.findText("Februari 2021"))
    assert view.model.rowCount() == 1
    assert view.model.filter.date_from == "2021-02-01" and view.model.filter.date_to == "2021-02-28"
    view.account_edit.setText("9999")
    view.apply_filter()
    assert view.filter_error.text() == "Konto 9999 finns inte i kontoplanen."


def test_huvudbok_shows_the_running_balance(qtbot, tmp_path):
    b = booked_book(tmp_path)
    view = LedgerView(b)
    qtbot.addWidget(view)
    view.set_account(1930)
    m = view.model
    saldo = [m.line(r)[6] for r in range(m.rowCount())]
    assert saldo == [0, 100_000_00, 75_000_00, 73_749_50, 73_749_50]
    assert m.index(4, 2).data() == "Utgående saldo"
    assert m.index(3, 6).data() == "73\u00a0749,50"
    assert m.index(2, 5).data() == "25\u00a0000,00"   # kredit column


def test_voucher_list_reads_only_the_pages_it_shows(qtbot, tmp_path):
    b = Book.create(tmp_path / "stor.finsam", namn="Stor", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    with b.transaction():
        for i in range(1500):
            b.book_voucher(f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", f"V {i}", [(6410, 100 + i), (1930, -100 - i)])
    model = VoucherListModel(b, VoucherFilter())
    assert model.rowCount() == 1500 and model.pages_read == 0
    assert model.index(1499, 0).data() is not None
    assert model.pages_read == 1
    first = model.summary(0)
    assert first.date == "2021-01-01"


def test_run_in_background_returns_the_result_and_raises_the_error(qtbot):
    assert run_in_background(None, "Räknar …", lambda a, b: a + b, 2, 3) == 5

    def refuse():
        raise RuleError("Räkenskapsåret är stängt.")

    with pytest.raises(RuleError, match="stängt"):
        run_in_background(None, "Stänger …", refuse)


def test_cancelled_background_work_stops_where_it_is_safe(qtbot):
    steps = []

    def work(progress=None):
        for i in range(200):
            progress.update(i, 200, f"steg {i}")
            if i == 3:
                progress.cancel()   # as if the user pressed Avbryt
            progress.check()
            steps.append(i)
            time.sleep(0.001)
        return "klart"

    with pytest.raises(Cancelled):
        run_in_background(None, "Arbetar …", work)
    assert steps == [0, 1, 2]


def test_background_book_job_uses_its_own_connection(qtbot, tmp_path):
    b = booked_book(tmp_path)
    count = run_book_job(None, "Räknar …", b, lambda wb: (wb is not b, wb.count_vouchers()))
    assert count == (True, 3)
    copy = run_book_job(None, "Sparar kopia …", b, lambda wb: wb.backup_to(tmp_path / "kopia.finsam"))
    assert copy.exists()


def test_screenshot_mode_writes_a_png_of_the_view(qtbot, tmp_path):
    from finsam_desktop.ui.app import main
    b = booked_book(tmp_path)
    path = b.path
    b.close()
    out = tmp_path / "bild.png"
    assert main([str(path), "--screenshot", str(out), "--view", "saldobalans", "--size", "900x700"]) == 0
    from PySide6.QtGui import QImage
    img = QImage(str(out))
    assert (img.width(), img.height()) == (900, 700)


def test_start_page_shows_result_bank_and_latest_vouchers(qtbot, tmp_path, window):
    window.open_book(booked_book(tmp_path).path)
    start = window.pages["start"]
    # Driftbidrag 100 000 less insats 25 000 and kontorsmaterial 1 250,50.
    assert start.result_card.figure.text() == "73\u00a0750 kr"
    assert start.bank_card.figure.text() == "73\u00a0750 kr"
    assert start.accrual_card.figure.text() == "0 kr"
    assert [start.latest_model.record(r).ref for r in range(3)] == ["A 3", "A 2", "A 1"]


def test_sie_export_and_import_run_from_the_menu_in_the_background(qtbot, tmp_path, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
    window.open_book(booked_book(tmp_path).path)
    sie = tmp_path / "ut.se"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("2021", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(sie), ""))
    window.export_sie()
    assert sie.exists() and b"#VER" in sie.read_bytes()

    window.close_book()
    new_book = tmp_path / "importerad.finsam"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sie), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new_book), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    from finsam_desktop.ui.sie_import_dialog import SieImportDialog
    monkeypatch.setattr(SieImportDialog, "exec", lambda dlg: 1)  # the preview is confirmed
    window.import_sie()
    assert window.book is not None and window.book.path == new_book
    assert window.book.count_vouchers() == 3
    assert shown and shown[0].startswith("SIE-filen är inläst: 3 verifikationer")


def test_huvudbok_reads_only_the_pages_it_shows_with_the_right_running_balance(qtbot, tmp_path):
    b = Book.create(tmp_path / "bank.finsam", namn="Bank", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {1930: 5_000_00, 2010: -5_000_00})
    # Booked out of date order: the huvudbok orders by date, series and number.
    b.book_vouchers([(f"2021-{12 - i % 12:02d}-{1 + i % 28:02d}", f"V {i}", [(6410, 100 + i), (1930, -100 - i)])
                     for i in range(1500)])
    view = LedgerView(b)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_account(1930)
    m = view.model
    assert m.rowCount() == 1502
    opening, lines = b.ledger(1930, "2021-01-01", "2021-12-31")
    running, expected = opening, []
    for ln in lines:
        running += ln.amount
        expected.append(running)
    assert m.pages_read <= 1
    last = m.line(1501)
    assert last[2] == "Utgående saldo" and last[6] == 5_000_00 - sum(100 + i for i in range(1500))
    for row in (1, 200, 201, 777, 1400, 1500):
        assert m.line(row)[6] == expected[row - 1], row
        assert m.line(row)[7] == lines[row - 1].voucher_id
    assert m.pages_read <= 6
    # Without the lines per day the book reads a late page from the end: the same lines.
    late = b.ledger_page(1930, "2021-01-01", "2021-12-31", offset=1300, limit=200, count=1500)
    assert [ln.balance for ln in late] == expected[1300:]
    b.close()


def test_bokslut_menu_reopens_a_closed_year_with_a_logged_reason(qtbot, tmp_path, window):
    """Bokslut → Öppna stängt år igen: the reason is required and written to the log."""
    from finsam_desktop.demo import build_demo

    book = build_demo(tmp_path / "demo.finsam")
    y2024 = book.year_by_label("2024")
    assert y2024.is_closed
    book.close()
    window.open_book(tmp_path / "demo.finsam")
    assert window.act_reopen in window.wizard_menu.actions()
    window.reopen_year()
    dlg = next(w for w in window.findChildren(object) if type(w).__name__ == "ReopenYearDialog")
    assert dlg.year.id == y2024.id
    assert dlg.reopen() is False  # no reason given: refused, nothing changed
    assert window.book.year(y2024.id).is_closed
    dlg.reason.setPlainText("Revisorn hittade en faktura som hör till 2024.")
    assert dlg.reopen() is True
    assert not window.book.year(y2024.id).is_closed
    log = [e for e in window.book.audit_log() if "reopen" in e["action"]]
    assert any("Revisorn hittade" in str(e["detail"]) for e in log)
