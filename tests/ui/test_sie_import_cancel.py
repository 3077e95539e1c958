"""Importera SIE can be cancelled where that is safe: a cancelled import into a new book
leaves no file (not even the temporary one), a cancelled import into an existing book
leaves it byte-for-byte unchanged (its one transaction is rolled back before the commit),
and an import that is not cancelled still reads everything in."""

from __future__ import annotations


import pytest
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.exchange.sie_import import import_sie
from finsam_desktop.exchange.sie_writer import export_sie
from finsam_desktop.ui import main_window as mw
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.sie_import_dialog import SieImportDialog
from finsam_desktop.ui.tasks import Cancelled, Progress

from conftest import digest
from ui_helpers import VALID_ORGNR, answer_question, avbryt, booked_book, isolated_settings  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class CancelAt(Progress):
    """Presses Avbryt at the `at`-th safe point (never when `at` is None) and records
    every safe point and every report."""

    def __init__(self, at: int | None = None):
        super().__init__()
        self.at = at
        self.checks: list[str] = []

    def check(self) -> None:
        self.checks.append(self.text)
        if self.at is not None and len(self.checks) > self.at:
            self.cancel()
        super().check()


@pytest.fixture
def sie_file(tmp_path):
    src = tmp_path / "källa"
    src.mkdir()
    b = booked_book(src, "källa.finsam")
    b.add_account(6999, "Övriga externa kostnader")
    path = src / "export.se"
    export_sie(b, b.years()[0], path)
    b.close()
    return path


@pytest.fixture
def empty_book(tmp_path):
    """A closed, empty 2021 book: the file the import would extend."""
    folder = tmp_path / "mål"
    folder.mkdir()
    b = Book.create(folder / "mål.finsam", namn="Testförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.close()
    return folder / "mål.finsam"


def safe_points(sie_file, into) -> list[str]:
    """The safe points of an uncancelled import (run on a throwaway copy)."""
    p = CancelAt()
    import_sie(sie_file, into, progress=p)
    return p.checks


def test_import_reports_progress_and_offers_safe_points_up_to_the_commit(tmp_path, sie_file):
    p = CancelAt()
    report = import_sie(sie_file, tmp_path / "ny.finsam", progress=p)
    assert report.voucher_count == 3
    assert p.snapshot() == (3, 3, "Sparar den nya boken …")
    assert p.checks[0] == "Läser SIE-filen …" and "Bokför räkenskapsåret 2021 …" in p.checks
    assert p.checks[-1] == "Sparar den nya boken …"


def test_cancelled_import_into_a_new_book_leaves_no_file_at_any_safe_point(tmp_path, sie_file):
    points = safe_points(sie_file, tmp_path / "prov.finsam")
    assert len(points) >= 6
    for at in range(len(points)):
        folder = tmp_path / f"ny{at}"
        folder.mkdir()
        with pytest.raises(Cancelled):
            import_sie(sie_file, folder / "ny.finsam", progress=CancelAt(at))
        assert list(folder.iterdir()) == [], f"kvar efter avbrott vid {points[at]!r}"


def test_cancelled_import_into_an_existing_book_leaves_it_unchanged_at_any_safe_point(tmp_path, sie_file,
                                                                                        empty_book):
    throwaway = tmp_path / "prov.finsam"
    throwaway.write_bytes(empty_book.read_bytes())
    points = safe_points(sie_file, throwaway)
    done = Book.open(throwaway)
    assert done.count_vouchers(VoucherFilter()) == 3
    done.close()
    # The last safe point lies inside the transaction, after every verifikation is written.
    assert points[-1] == "Sparar …"
    before = digest(empty_book)
    for at in range(len(points)):
        with pytest.raises(Cancelled):
            import_sie(sie_file, empty_book, progress=CancelAt(at))
        assert digest(empty_book) == before, f"ändrad efter avbrott vid {points[at]!r}"
        assert [p.name for p in empty_book.parent.iterdir()] == ["mål.finsam"]
    b = Book.open(empty_book)
    assert b.count_vouchers(VoucherFilter()) == 0 and b.account(6999) is None
    b.close()


# ---------------------------------------------------------------- the desktop program

@pytest.fixture
def answers(monkeypatch):
    """Confirm the preview and say nothing in message boxes."""
    monkeypatch.setattr(SieImportDialog, "exec", lambda dlg: 1 if dlg.import_button.isEnabled() else 0)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)


def test_cancelled_import_from_the_window_creates_no_new_book(qtbot, tmp_path, sie_file, answers, avbryt,
                                                              monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    folder = tmp_path / "ut"
    folder.mkdir()
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "ny.finsam"), ""))
    assert window.preview_and_import_sie(sie_file) is None
    assert avbryt and list(folder.iterdir()) == [] and window.book is None
    assert window.statusBar().currentMessage() == "Importen avbröts. Ingen ny bok skapades."


def test_cancelled_import_from_the_window_leaves_the_open_book_unchanged(qtbot, sie_file, empty_book, answers,
                                                                         avbryt):
    before = digest(empty_book)
    b = Book.open(empty_book)
    window = MainWindow(b)
    qtbot.addWidget(window)
    answer_question("Den öppna boken")
    assert window.preview_and_import_sie(sie_file) is None
    assert avbryt and b.count_vouchers(VoucherFilter()) == 0
    assert window.statusBar().currentMessage() == "Importen avbröts. Boken är oförändrad."
    b.close()
    assert digest(empty_book) == before


def test_import_from_the_window_that_is_not_cancelled_reads_everything_in(qtbot, sie_file, empty_book, answers):
    before = digest(empty_book)
    b = Book.open(empty_book)
    window = MainWindow(b)
    qtbot.addWidget(window)
    answer_question("Den öppna boken")
    assert window.preview_and_import_sie(sie_file) == empty_book
    assert b.count_vouchers(VoucherFilter()) == 3
    assert b.account(6999).name == "Övriga externa kostnader"
    b.close()
    assert digest(empty_book) != before
