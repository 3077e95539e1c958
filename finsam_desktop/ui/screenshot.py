"""Render one view of a book to a PNG file (offscreen), for the README and for review."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from ..book import Book, VoucherFilter
from ..errors import BookFileError
from ..exchange.sie_plan import plan_import
from ..exchange.sie_reader import read_sie
from ..exchange.sie_writer import export_sie
from .accounts_form import AccountsDialog
from .budget_form import BudgetDialog
from .drafts_view import DraftsDialog
from .main_window import MainWindow
from .members_form import MembersDialog
from .registers_form import RegistersDialog
from .sie_import_dialog import SieImportDialog
from .templates_dialog import TemplatesDialog
from .voucher_form import VoucherDialog
from .year_dialog import NewYearDialog

DIALOG_SIZES = {"kontoplan": (1200, 680), "insatser": (1280, 680), "medlemmar": (1080, 600),
                "verifikation": (1000, 560), "utkast": (1040, 420), "budget": (1180, 620),
                "nytt-ar": (660, 320), "sie-import": (1040, 660), "mallar": (900, 520)}


def _settle(widget: QWidget) -> None:
    for _ in range(5):
        QApplication.processEvents()
    widget.repaint()
    QApplication.processEvents()


def render_view(book_path: Path, view: str, out: Path, *, size: tuple[int, int] = (1280, 800)) -> Path:
    """Open the book, show `view` (a page of the main window or one of the forms) at a
    realistic size and save what it looks like to `out`."""
    if not Path(book_path).exists():
        raise BookFileError(f"Boken {book_path} finns inte.", path=str(book_path))
    book = Book.open(book_path)
    window = MainWindow()
    window.set_book(book)
    window.resize(*size)
    try:
        if view in DIALOG_SIZES:
            widget = _dialog(view, book, window)
            # Never smaller than the dialog needs: a form that grew keeps every line whole.
            w, h = DIALOG_SIZES[view]
            hint = widget.sizeHint()
            widget.resize(max(w, hint.width()), max(h, hint.height()))
        else:
            window.show_page(view)
            widget = window
        widget.show()
        _settle(widget)
        if view == "verifikation":
            widget.table.setFocus()
            widget.table.setCurrentIndex(widget.model.index(2, 0))
            _settle(widget)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not widget.grab().save(str(out)):
            raise BookFileError(f"Bilden {out} kunde inte sparas.", path=str(out))
    finally:
        window.close()
        book.close()
    return out


def _dialog(view: str, book: Book, parent: QWidget) -> QWidget:
    if view == "kontoplan":
        dlg = AccountsDialog(book, parent)
        bank = book.account_role("bank")
        dlg.select_account(bank)
        return dlg
    if view == "insatser":
        return RegistersDialog(book, parent)
    if view == "medlemmar":
        return MembersDialog(book, parent)
    if view == "utkast":
        return DraftsDialog(book, parent)
    if view == "budget":
        y = parent.working_year()
        dlg = BudgetDialog(book, parent, year_id=y.id if y else None)
        if dlg.editor is not None and dlg.editor.model.rowCount():
            dlg.editor.table.selectRow(1 if dlg.editor.model.rowCount() > 1 else 0)
        return dlg
    if view == "nytt-ar":
        return NewYearDialog(book, parent)
    if view == "sie-import":
        return _sie_preview(book, parent)
    if view == "mallar":
        return TemplatesDialog(book, parent)
    dlg = VoucherDialog(book, parent)
    # A realistic entry being typed: the rows of a recent verifikation with an insats.
    example = _example_voucher(book)
    if example is not None:
        dlg.new_voucher(date=example.date, text=example.text, rows=list(example.rows))
    return dlg


def _example_voucher(book: Book):
    n = book.count_vouchers(VoucherFilter())
    for v in reversed(book.list_vouchers(VoucherFilter(), offset=max(0, n - 200), limit=200)):
        full = book.voucher(v.id)
        if 2 <= len(full.rows) <= 6 and any(r.project_id for r in full.rows) and not full.corrects_id:
            return full
    last = book.list_vouchers(VoucherFilter(), offset=max(0, n - 1), limit=1)
    return book.voucher(last[0].id) if last else None


def _sie_preview(book: Book, parent: QWidget) -> QWidget:
    """The import preview of the book's own latest year written as SIE, as if it were
    read into a new book."""

    year = parent.working_year()
    folder = Path(tempfile.mkdtemp(prefix="finsam-screenshot-"))
    path = folder / f"{book.forbund().namn.split()[-1]} {year.label}.se"
    export_sie(book, year, path)
    plan = plan_import(read_sie(path), None)
    return SieImportDialog(plan, "en ny bok – du väljer var den sparas när du klickar Importera", parent)
