"""Shared set-up for the desktop program's tests: settings kept in the test's own
folder (never the user's), and small books built through the public API."""

from __future__ import annotations

import pytest

from finsam_desktop.book import Book, VoucherRow
from finsam_desktop.ui.voucher_form import VoucherDialog

VALID_ORGNR = "222000-1354"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, qapp):
    """QSettings in a temporary folder under a test organisation name."""
    from finsam_desktop.ui import settings
    before = settings.ORGANIZATION
    folder = tmp_path_factory.mktemp("settings")
    settings.use_folder(folder, organization="FinsamTest")
    yield folder
    settings.ORGANIZATION = before


@pytest.fixture
def avbryt(monkeypatch):
    """The user presses Avbryt while the work runs: it stops at its next safe point.
    Work that never offers a safe point is not stopped, so tests that rely on it fail.
    Returns the list of safe points reached."""
    from finsam_desktop.ui import tasks
    checked = []
    original = tasks.Progress.check

    def pressed(self):
        checked.append(True)
        self.cancel()
        original(self)

    monkeypatch.setattr(tasks.Progress, "check", pressed)
    return checked


def booked_book(tmp_path, name: str = "bok.finsam") -> Book:
    """A 2021 book with two insatser, a projektägare and a few verifikationer."""
    b = Book.create(tmp_path / name, namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    owner = b.add_counterpart("Kramfors kommun")
    steg = b.add_project("STEG", "StegVidare", owner_id=owner.id)
    b.add_project("HALSA", "Hälsolots", owner_id=owner.id)
    b.book_voucher("2021-01-15", "Driftbidrag Försäkringskassan", [(1930, 100_000_00), (3010, -100_000_00)])
    b.book_voucher("2021-02-10", "Faktura StegVidare januari",
                   [VoucherRow(4530, 25_000_00, steg.id), VoucherRow(1930, -25_000_00)])
    b.book_voucher("2021-03-05", "Kontorsmaterial", [(6410, 1_250_50), (1930, -1_250_50)])
    return b


@pytest.fixture(name="book")
def booked(tmp_path):
    """`book` in the desktop tests that import it: the booked_book, closed afterwards."""
    b = booked_book(tmp_path)
    yield b
    b.close()


@pytest.fixture(name="form")
def voucher_form(qtbot, book):
    """Ny verifikation on `book`, shown and active as a user meets it."""
    dlg = VoucherDialog(book)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    yield dlg
    dlg.close()


def answer_question(button_text: str, seen: list | None = None, timeout_ms: int = 3000) -> None:
    """The user answers the next question box (QMessageBox) by pressing `button_text`
    ("Avbryt", "Bokför", "Släng", "Spara som utkast"); the box's text is appended to
    `seen`. Call before the action that asks."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    waited = [0]

    def look():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append(f"{box.text()}\n{box.informativeText()}")
            for b in box.buttons():
                if b.text().replace("&", "") == button_text:
                    b.click()
                    return
            raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
