"""Importera SIE asks before it decides for the user: which book the file goes into
when both the open book and a new book can take it, and whether a difference in the
file may be posted to eget kapital. Avbryt is the default of both questions and
imports nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.ui import main_window as mw
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.sie_import_dialog import SieImportDialog

from conftest import digest
from ui_helpers import VALID_ORGNR, booked_book, isolated_settings  # noqa: F401


def answer_in_turn(*buttons: str, seen: list | None = None, timeout_ms: int = 5000) -> None:
    """The user answers the next question boxes, one after the other, by pressing
    `buttons` in turn; each box's text, default and Esc button go to `seen`."""
    todo = list(buttons)
    waited = [0]

    def look():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            if seen is not None:
                seen.append({"text": f"{box.text()}\n{box.informativeText()}",
                             "default": box.defaultButton().text() if box.defaultButton() else None,
                             "escape": box.escapeButton().text() if box.escapeButton() else None,
                             "buttons": [b.text().replace("&", "") for b in box.buttons()]})
            wanted = todo.pop(0)
            match = [b for b in box.buttons() if b.text().replace("&", "") == wanted]
            assert match, f"no button {wanted!r} in {[b.text() for b in box.buttons()]}"
            waited[0] = 0
            match[0].click()
            if not todo:
                return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)


@pytest.fixture
def sie_file(tmp_path):
    b = booked_book(tmp_path, "källa.finsam")
    path = tmp_path / "export.se"
    export_sie(b, b.years()[0], path)
    b.close()
    return path


@pytest.fixture
def unbalanced_file(sie_file, tmp_path):
    """The same year with ingående balanser that add up to 500 kr (debet): importing it
    would post 500 kr in kredit to 2010."""
    lines = [ln for ln in sie_file.read_text(encoding="cp437").splitlines() if not ln.startswith("#KSUMMA")]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("#UB"))
    lines.insert(at, "#IB 0 1930 500.00")
    path = tmp_path / "obalans.se"
    path.write_text("\n".join(lines) + "\n", encoding="cp437")
    return path


@pytest.fixture
def previews(monkeypatch):
    """Confirm every preview (the dialog is remembered) and say nothing afterwards."""
    shown = []

    def confirm(dlg):
        shown.append(dlg)
        return 1 if dlg.import_button.isEnabled() else 0
    monkeypatch.setattr(SieImportDialog, "exec", confirm)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    return shown


@pytest.fixture
def open_book(tmp_path):
    folder = tmp_path / "mål"
    folder.mkdir()
    b = Book.create(folder / "mål.finsam", namn="Målförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    yield b
    b.close()


def test_the_user_chooses_the_open_book_or_a_new_one_and_avbryt_is_the_default(qtbot, tmp_path, sie_file,
                                                                                 previews, open_book, monkeypatch):
    window = MainWindow(open_book)
    qtbot.addWidget(window)
    before = digest(open_book.path)
    seen = []
    answer_in_turn("Avbryt", seen=seen)
    assert window.preview_and_import_sie(sie_file) is None
    assert previews == [] and digest(open_book.path) == before      # nothing read, nothing shown
    asked = seen[0]
    assert asked["default"] == "Avbryt" and asked["escape"] == "Avbryt"
    assert asked["buttons"] == ["Den öppna boken", "En ny bok", "Avbryt"]
    assert "export.se gäller räkenskapsåret 2021, som också finns i den öppna boken Målförbundet" in asked["text"]
    assert "filens verifikationer läggs till i Målförbundet" in asked["text"]
    assert "Den öppna boken stängs och lämnas oförändrad" in asked["text"]

    # A new book: the open one stays as it was, the new one is opened.
    target = tmp_path / "ny.finsam"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    answer_in_turn("En ny bok")
    assert window.preview_and_import_sie(sie_file) == target
    assert "en ny bok" in previews[-1].values["mal"].text()
    assert window.book.path == target
    with Book.open(open_book.path) as was_open:                       # closed by the window, unchanged
        assert was_open.count_vouchers(VoucherFilter()) == 0
    assert window.book.path == target and window.book.count_vouchers(VoucherFilter()) == 3


def test_the_open_book_when_chosen(qtbot, sie_file, previews, open_book):
    window = MainWindow(open_book)
    qtbot.addWidget(window)
    answer_in_turn("Den öppna boken")
    assert window.preview_and_import_sie(sie_file) == open_book.path
    assert "den öppna boken (Målförbundet)" in previews[-1].values["mal"].text()
    assert open_book.count_vouchers(VoucherFilter()) == 3


def test_a_file_of_another_year_goes_into_a_new_book_without_a_question(qtbot, tmp_path, sie_file, previews,
                                                                        monkeypatch):
    b = Book.create(tmp_path / "annat.finsam", namn="Annat", orgnr=VALID_ORGNR,
                    year_start="2023-01-01", year_end="2023-12-31")
    window = MainWindow(b)
    qtbot.addWidget(window)
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    assert window.preview_and_import_sie(sie_file) is None          # no file name chosen
    assert asked == []
    assert previews[-1].values["mal"].text().startswith("en ny bok")
    assert "den öppna boken stängs och lämnas oförändrad" in previews[-1].values["mal"].text()
    b.close()


def test_a_difference_goes_to_eget_kapital_only_when_the_user_says_so(qtbot, tmp_path, unbalanced_file,
                                                                     previews, monkeypatch):
    target = tmp_path / "ny.finsam"
    asked_for_name = []
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked_for_name.append(1) or (str(target), ""))
    window = MainWindow()
    qtbot.addWidget(window)
    seen = []
    answer_in_turn("Avbryt", seen=seen)
    assert window.preview_and_import_sie(unbalanced_file) is None
    assert not target.exists() and asked_for_name == [] and window.book is None
    asked = seen[0]
    assert asked["default"] == "Avbryt" and asked["escape"] == "Avbryt"
    assert "bokförs skillnaden på konto 2010 (eget kapital)" in asked["text"]
    assert "• 2021, ingående balanser: 500,00 kr i kredit på konto 2010" in asked["text"]

    answer_in_turn("Importera och bokför skillnaden")
    assert window.preview_and_import_sie(unbalanced_file) == target
    b = window.book
    opening = b.opening_balances(b.years()[0].id)
    assert opening[(1930, None)] == 500_00 and opening[(2010, None)] == -500_00


def test_a_balanced_file_asks_nothing_about_eget_kapital(qtbot, tmp_path, sie_file, previews, monkeypatch):
    target = tmp_path / "ny.finsam"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.preview_and_import_sie(sie_file) == target
    assert asked == [] and previews[-1].plan.equity_postings == []
