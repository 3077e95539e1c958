"""Importera SIE in the desktop program: a preview with the file's findings first, the
import only when confirmed, into a new book or into the open book of the same year."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.ui import main_window as mw
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.sie_import_dialog import SieImportDialog

from ui_helpers import VALID_ORGNR, answer_question, booked_book, isolated_settings  # noqa: F401


@pytest.fixture
def sie_file(tmp_path):
    b = booked_book(tmp_path, "källa.finsam")
    b.add_account(6999, "Övriga externa kostnader")
    path = tmp_path / "export.se"
    export_sie(b, b.years()[0], path)
    b.close()
    return path


@pytest.fixture
def answers(monkeypatch):
    """Confirm the preview (remembering it) and say nothing in message boxes."""
    seen = {}

    def confirm(dlg):
        seen["dialog"] = dlg
        return seen.get("accept", 1) if dlg.import_button.isEnabled() else 0
    monkeypatch.setattr(SieImportDialog, "exec", confirm)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen.setdefault("warning", a[2]))
    return seen


def test_sie_preview_shows_the_file_and_imports_into_a_new_book_when_confirmed(qtbot, tmp_path, sie_file,
                                                                                answers, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "ny.finsam"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    out = window.preview_and_import_sie(sie_file)
    dlg = answers["dialog"]
    v = dlg.values
    assert v["namn"].text() == "Testförbundet" and v["orgnr"].text() == VALID_ORGNR
    assert v["ar"].text().startswith("2021 (skapas): 3 verifikationer")
    assert v["verifikationer"].text() == "3 med 6 rader"
    assert "en ny bok" in v["mal"].text()
    assert dlg.import_button.isEnabled()
    assert out == target and window.book is not None and window.book.path == target
    assert window.book.count_vouchers(VoucherFilter()) == 3
    assert window.book.account(6999).name == "Övriga externa kostnader"


def test_sie_preview_names_each_new_account_with_its_report_row(qtbot, tmp_path, sie_file, answers):
    b = Book.create(tmp_path / "mål.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.delete_account(6999) if b.account(6999) else None
    window = MainWindow(b)
    qtbot.addWidget(window)
    answers["accept"] = 0                                   # look, then cancel
    answer_question("Den öppna boken")                      # both books could take the file: asked
    assert window.preview_and_import_sie(sie_file) is None
    dlg = answers["dialog"]
    assert "den öppna boken" in dlg.values["mal"].text()
    rows = [[dlg.accounts_model.index(r, c).data() for c in range(4)] for r in range(dlg.accounts_model.rowCount())]
    assert ["6999", "Övriga externa kostnader", "Kostnad", "Verksamhetens kostnader"] in rows
    assert b.count_vouchers(VoucherFilter()) == 0           # cancelled: nothing written
    answers["accept"] = 1
    answer_question("Den öppna boken")
    window.preview_and_import_sie(sie_file)
    assert b.count_vouchers(VoucherFilter()) == 3           # into the open book of the same year
    assert window.pages["start"].latest_model.rowCount() == 3


def test_a_file_with_errors_cannot_be_imported_and_the_error_names_the_line(qtbot, tmp_path, sie_file, answers):
    good = sie_file.read_bytes()
    text = good.replace(b'#VER "A" 2 20210210', b'#VER "A" 2 20211340', 1)
    assert text != good
    bad = tmp_path / "trasig.se"
    bad.write_bytes(text)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.preview_and_import_sie(bad) is None
    dlg = answers["dialog"]
    assert not dlg.import_button.isEnabled()
    first = dlg.findings_model.record(0)
    assert first.is_error and first.line and "trasig.se" in first.message
    assert dlg.findings_model.index(0, 1).data() == f"trasig.se:{first.line}"
    assert "kan inte läsas in" in dlg.verdict.text()
    assert dlg.values["orgnr"].text() == VALID_ORGNR  # the file's #ORGNR, not 000000-0000
    # The finding is shown whole: its row grows to the wrapped text, its tooltip wraps.
    view = dlg.tabs.widget(0)
    dlg.resize(1000, 640)
    dlg.show()
    qtbot.waitExposed(dlg)
    col = 3
    assert view.rowHeight(0) >= view.sizeHintForRow(0) > view.fontMetrics().height() * 1.5 or \
        view.fontMetrics().horizontalAdvance(view.model().index(0, col).data()) <= view.columnWidth(col)
    assert view.model().index(0, col).data(Qt.ToolTipRole).startswith("<p>")
    dlg.close()
    assert not (tmp_path / "trasig.finsam").exists()


def test_enter_in_the_preview_does_not_import(qtbot, tmp_path, sie_file, monkeypatch):
    """Importing books many verifikationer: Enter in the preview imports nothing; only
    the Importera button does."""
    from PySide6.QtCore import Qt
    pressed = {}

    def press_enter(dlg):
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.tabs.currentWidget().setFocus()
        qtbot.keyClick(dlg, Qt.Key_Return)
        qtbot.keyClick(dlg, Qt.Key_Enter)
        pressed["accepted"] = dlg.result()
        assert not dlg.import_button.isDefault() and not dlg.import_button.autoDefault()
        dlg.close()
        return 0
    monkeypatch.setattr(SieImportDialog, "exec", press_enter)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "ny.finsam"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.preview_and_import_sie(sie_file) is None
    assert pressed["accepted"] == 0
    assert not target.exists() and window.book is None


def test_a_file_read_twice_is_called_already_read_not_wrong(qtbot, tmp_path, sie_file, answers, monkeypatch):
    """A second import of the same file is refused as already read, without the advice to
    correct the file in the program it came from (nothing is wrong with it)."""
    target = tmp_path / "ny.finsam"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.preview_and_import_sie(sie_file) == target
    answer_question("Den öppna boken")                      # the new book is open now
    assert window.preview_and_import_sie(sie_file) is None
    dlg = answers["dialog"]
    assert [f.field for f in dlg.plan.errors] == ["vernr"]
    assert dlg.verdict.text() == ("Filen verkar redan vara inläst i boken och läses inte in igen. "
                                  "Inget har skrivits.")
    assert window.book.count_vouchers(VoucherFilter()) == 3
