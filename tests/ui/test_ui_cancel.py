"""Long work (PDF, SIE export, year close) offers Avbryt where stopping is safe: a
cancelled job leaves no file, no half-written file and no changed book behind."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from finsam_desktop.demo import build_demo
from finsam_desktop.ui import main_window as mw
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.wizard import PAGE_CLOSE, BokslutWizard

from ui_helpers import avbryt, booked, isolated_settings  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_cancelled_pdf_leaves_no_file(qtbot, book, tmp_path, avbryt):
    window = MainWindow(book)
    qtbot.addWidget(window)
    target = tmp_path / "ut" / "Årsredovisning 2021.pdf"
    target.parent.mkdir()
    assert window.write_pdf(year_id=book.years()[0].id, path=target) is None
    assert avbryt and list(target.parent.iterdir()) == []


def test_cancelled_sie_export_leaves_no_file(qtbot, book, tmp_path, monkeypatch, avbryt):
    window = MainWindow(book)
    qtbot.addWidget(window)
    target = tmp_path / "ut" / "bok 2021.se"
    target.parent.mkdir()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("2021", True))
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_sie()
    assert avbryt and list(target.parent.iterdir()) == []


def test_sie_export_that_is_not_cancelled_writes_the_file(qtbot, book, tmp_path, monkeypatch):
    window = MainWindow(book)
    qtbot.addWidget(window)
    target = tmp_path / "bok 2021.se"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("2021", True))
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_sie()
    assert target.read_bytes().startswith(b"#FLAGGA 0")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".se" or "avbrytbar" in p.name] == ["bok 2021.se"]


def test_cancelled_year_close_leaves_the_year_open(qtbot, tmp_path, avbryt):
    book = build_demo(tmp_path / "demo.finsam")
    y25 = book.year_by_label("2025")
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    close = wiz.page(PAGE_CLOSE)
    close.initializePage()
    close.confirm.setChecked(True)
    assert close.close_year() is False
    assert avbryt and not book.year(y25.id).is_closed
    assert [y.label for y in book.years()] == ["2024", "2025"]
    assert "avbröts" in close.status.text() and close.close_btn.isVisible() == close.confirm.isVisible()
    book.close()


def test_close_page_names_one_pending_reversal_in_the_singular(qtbot, tmp_path):
    book = build_demo(tmp_path / "demo.finsam")
    assert len({r.voucher_id for r in book.accruals_pending_reversal()}) == 1
    wiz = BokslutWizard(book)
    qtbot.addWidget(wiz)
    close = wiz.page(PAGE_CLOSE)
    close.initializePage()
    assert "1 periodisering återförs den första dagen i nästa år." in close.summary.text()
    book.close()
