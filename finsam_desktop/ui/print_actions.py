"""Skriv ut (PDF): one verifikation, the verifikationslista or the huvudbok of a period,
written in the background and offered to open (the system's PDF viewer prints it).

Ctrl+R (`print_current`) does what the page in front suggests: on Verifikationer the
selected verifikation (or, with none selected, the list), on Huvudbok the huvudbok,
elsewhere it asks which list and which period.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QLabel, QMessageBox,
                               QVBoxLayout)

from ..book import Book
from ..errors import FinsamError
from ..reports.printouts import journal_printout, ledger_printout, period_of, voucher_printout
from .common import DateEdit, error_label, iso, ok_cancel, qdate, set_error, show_error
from .tasks import Cancelled, run_in_background, write_cancellable

if TYPE_CHECKING:
    from .main_window import MainWindow

JOURNAL, LEDGER = "verifikationslista", "huvudbok"
KIND_TITLES = {JOURNAL: "Verifikationslista", LEDGER: "Huvudbok"}


class PrintPeriodDialog(QDialog):
    """Which list (verifikationslista or huvudbok) and which period within a räkenskapsår."""

    def __init__(self, book, year_id: int, kind: str, date_from: str, date_to: str, parent=None):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("Skriv ut (PDF)")
        self.kind_box = QComboBox()
        for key, title in KIND_TITLES.items():
            self.kind_box.addItem(title, key)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self.year_box = QComboBox()
        for y in book.years():
            self.year_box.addItem(y.label, y.id)
        self.year_box.setCurrentIndex(max(self.year_box.findData(year_id), 0))
        self.date_from, self.date_to = DateEdit(), DateEdit()
        self.date_from.setDate(qdate(date_from))
        self.date_to.setDate(qdate(date_to))
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Vad", self.kind_box)
        form.addRow("Räkenskapsår", self.year_box)
        form.addRow("Från och med", self.date_from)
        form.addRow("Till och med", self.date_to)
        buttons = ok_cancel(self, "Skriv PDF …")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Verifikationslistan tar med varje verifikation i perioden i nummerordning; "
                             "huvudboken varje konto med ingående saldo, transaktioner och utgående saldo."))
        lay.itemAt(0).widget().setWordWrap(True)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _year_changed(self) -> None:
        y = self.book.year(self.year_box.currentData())
        if y is not None:
            self.date_from.setDate(qdate(y.start))
            self.date_to.setDate(qdate(y.end))

    def options(self) -> dict:
        return {"kind": self.kind_box.currentData(), "year_id": self.year_box.currentData(),
                "date_from": iso(self.date_from.date()), "date_to": iso(self.date_to.date())}

    def accept(self) -> None:
        o = self.options()
        try:
            period_of(self.book, o["year_id"], o["date_from"], o["date_to"])
        except FinsamError as exc:
            set_error(self.error, str(exc))
            return
        super().accept()


def _run_reading(window: MainWindow, title: str, fn):
    """fn(book, progress) in the background on a read-only Book of its own on the same
    file: a printout only reads, and closing a read-only connection leaves the file as it
    was (a writable one would checkpoint it, which the window takes for another program's
    change)."""
    path = window.book.path

    def job(progress=None):
        book = Book.open(path, read_only=True)
        try:
            return fn(book, progress)
        finally:
            book.close()
    return run_in_background(window, title, job)


def _ask_path(window: MainWindow, suggestion: str) -> str | None:
    name, _ = QFileDialog.getSaveFileName(window, "Spara PDF", str(window.book.path.parent / suggestion),
                                          "PDF (*.pdf)")
    if not name:
        return None
    return name if name.lower().endswith(".pdf") else name + ".pdf"


def _offer_to_open(window: MainWindow, what: str, out: Path, ask: bool) -> None:
    window.statusBar().showMessage(f"{what} är sparad i {out}.", 8000)
    if ask and QMessageBox.question(window, "PDF sparad", f"{what} är sparad i\n{out}\n\nVill du öppna den?") \
            == QMessageBox.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))


def print_voucher(window: MainWindow, voucher_id: int | None, path: str | Path | None = None) -> Path | None:
    """Skriv ut verifikation (PDF): the verifikation with its rows, who and when, its
    rättelser and underlag."""
    book = window.book
    v = book.voucher(voucher_id) if voucher_id is not None else None
    if v is None:
        QMessageBox.information(window, "Skriv ut verifikation", "Markera först en verifikation i listan.")
        return None
    ask = path is None
    if path is None:
        path = _ask_path(window, f"Verifikation {v.series}{v.number} {v.date}.pdf")
        if path is None:
            return None
    # Imported when first used: reportlab is the slowest part of start-up.
    from ..render.print_pdf import render_voucher_pdf

    try:
        out = _run_reading(window, "Skriver PDF …",
                           lambda b, _p: render_voucher_pdf(voucher_printout(b, voucher_id), path))
    except FinsamError as exc:
        show_error(window, exc, "PDF-filen kunde inte skrivas")
        return None
    _offer_to_open(window, f"Verifikation {v.ref}", Path(out), ask)
    return Path(out)


def ask_and_print_list(window: MainWindow, kind: str) -> Path | None:
    """Verifikationslista / Huvudbok (PDF): ask for the period (the page's, to begin with)."""
    year_id, fran, till = _page_period(window)
    if year_id is None:
        return None
    dlg = window.session.adopt(PrintPeriodDialog(window.book, year_id, kind, fran, till, window))
    if not dlg.exec():
        return None
    return print_list(window, **dlg.options())


def print_list(window: MainWindow, *, kind: str, year_id: int, date_from: str, date_to: str,
               path: str | Path | None = None) -> Path | None:
    """Write the verifikationslista or the huvudbok of the period in the background."""
    title = KIND_TITLES[kind]
    ask = path is None
    if path is None:
        path = _ask_path(window, f"{title} {date_from} – {date_to}.pdf")
        if path is None:
            return None
    from ..render.print_pdf import render_journal_pdf, render_ledger_pdf  # reportlab on first use

    def job(b, progress):
        data = (journal_printout if kind == JOURNAL else ledger_printout)(b, year_id, date_from, date_to)
        render = render_journal_pdf if kind == JOURNAL else render_ledger_pdf

        def tick(done: int) -> None:
            if progress is not None:
                progress.update(done, data.row_count, f"{done} av {data.row_count} rader")
                progress.check()
        return write_cancellable(lambda tmp: render(data, tmp, progress=tick), path, progress) or path

    try:
        _run_reading(window, f"Skriver {title.lower()} …", job)
    except Cancelled:
        return None
    except FinsamError as exc:
        show_error(window, exc, "PDF-filen kunde inte skrivas")
        return None
    _offer_to_open(window, f"{title} {date_from} – {date_to}", Path(path), ask)
    return Path(path)


def _page_period(window: MainWindow) -> tuple[int | None, str, str]:
    """The räkenskapsår and period of the page in front (or the year the user works in)."""
    page = window.stack.currentWidget()
    period = getattr(page, "period", None)
    if period is not None and getattr(period, "year", None) is not None and not getattr(period, "to_only", False):
        fran, till = period.range
        return period.year.id, fran, till
    year = window.working_year()
    if year is None:
        return None, "", ""
    return year.id, year.start, year.end


def print_current(window: MainWindow) -> Path | None:
    """Skriv ut (PDF) (Ctrl+R): the right printout for the page in front."""
    page = window.stack.currentWidget()
    if page is window.pages.get("verifikationer"):
        vid = page.selected_voucher_id()
        if vid is not None:
            return print_voucher(window, vid)
        return ask_and_print_list(window, JOURNAL)
    if page is window.pages.get("huvudbok"):
        return ask_and_print_list(window, LEDGER)
    return ask_and_print_list(window, JOURNAL)


def print_from_page(window: MainWindow, page, kind: str) -> Path | None:
    """A page's own button: "verifikation" (the page's selected one), "verifikationslista"
    or "huvudbok"."""
    if kind == "verifikation":
        return print_voucher(window, page.selected_voucher_id())
    return ask_and_print_list(window, kind)
