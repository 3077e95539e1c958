"""Rapporter → Årsredovisning (PDF) / Delårsrapport (PDF): choose the period and unit,
write the PDF in the background, offer to open it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..errors import FinsamError
from ..reports.document import build_document
from .common import show_error
from .pdf_dialog import PdfDialog, suggested_name
from .tasks import Cancelled, run_book_job, write_cancellable

if TYPE_CHECKING:
    from .main_window import MainWindow


def export_pdf(window: MainWindow, *, interim: bool = False) -> Path | None:
    """Ask for the year (or the delår's last day) and kr/tkr, then write the PDF."""
    dlg = window.session.adopt(PdfDialog(window.book, window.working_year(), window, interim=interim))
    if not dlg.exec():
        return None
    return write_pdf(window, **dlg.options())


def write_pdf(window: MainWindow, *, year_id: int, date_from: str | None = None, date_to: str | None = None,
              tkr: bool = False, path: str | Path | None = None) -> Path | None:
    """Render the PDF in the background to `path` (asked for when None), then offer to
    open it in the system's PDF viewer."""
    book = window.book
    year = book.year(year_id)
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Spara PDF", str(book.path.parent / suggested_name(book, year, date_to or year.end,
                                                                      date_from is not None)), "PDF (*.pdf)")
        if not name:
            return None
        path = name if name.lower().endswith(".pdf") else name + ".pdf"
    # Imported when first used: reportlab and its fonts are the slowest part of start-up.
    from ..render import render_pdf

    def job(b, progress=None):
        doc = build_document(b, year_id, date_from=date_from, date_to=date_to, tkr=tkr)
        # Rendered at a temporary name: Avbryt throws the file away, never half of it.
        write_cancellable(lambda tmp: render_pdf(doc, tmp), path, progress)
        return path

    try:
        out = run_book_job(window, "Skriver PDF …", book, job)
    except Cancelled:
        return None
    except FinsamError as exc:
        show_error(window, exc, "PDF-filen kunde inte skrivas")
        return None
    what = "Delårsrapporten" if date_from is not None else "Årsredovisningen"
    window.statusBar().showMessage(f"{what} är sparad i {out}.", 8000)
    if QMessageBox.question(window, "PDF sparad", f"{what} är sparad i\n{out}\n\nVill du öppna den?") \
            == QMessageBox.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    return Path(out)
