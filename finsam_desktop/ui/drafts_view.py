"""Utkast: the preliminära verifikationer saved from the verifikation form, to open again,
finish and book (booking removes the draft), or to throw away."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout

from ..book import Book
from ..errors import FinsamError
from ..ops.drafts import delete_draft
from .common import heading, muted, primary, show_error, table_view
from .models import Column, RecordTableModel


def _difference(d: dict) -> int:
    return sum(r.amount for r in d["rows"])


def _state(d: dict) -> str:
    rows = d["rows"]
    if len(rows) < 2:
        return "Minst två rader behövs"
    if any(r.account is None for r in rows):
        return "Konto saknas"
    if any(r.amount == 0 for r in rows):
        return "Belopp saknas"
    return "Balanserar" if _difference(d) == 0 else "Balanserar inte"


DRAFT_COLUMNS = [
    Column("Datum", lambda d: d["date"]),
    Column("Text", lambda d: d["text"] or "(utan text)"),
    Column("Rader", lambda d: str(len(d["rows"]))),
    Column("Debet", lambda d: sum(r.amount for r in d["rows"] if r.amount > 0), amount=True),
    Column("Differens", lambda d: _difference(d), amount=True, tooltip="Debet minus kredit"),
    Column("Status", _state),
]


class DraftsDialog(QDialog):
    """The list of drafts. `open_draft` carries the draft (a Book.drafts() dict)."""

    open_draft = Signal(dict)

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("Utkast")
        self.resize(1040, 420)
        self.model = RecordTableModel(DRAFT_COLUMNS)
        self.table = table_view(self.model, stretch_column=1, widths={0: 11, 2: 5, 3: 13, 4: 13, 5: 22})
        self.table.doubleClicked.connect(lambda ix: self._open(ix.row()))
        self.table.activated.connect(lambda ix: self._open(ix.row()))
        self.open_button = primary(QPushButton("&Öppna"))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.delete_button = QPushButton("&Ta bort …")
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton("Stäng")
        close.clicked.connect(self.reject)
        for b in (self.open_button, self.delete_button, close):
            b.setAutoDefault(False)
        QShortcut(QKeySequence.Delete, self.table, activated=self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.open_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Utkast"))
        lay.addWidget(muted("Preliminära verifikationer som ännu inte är bokförda. Öppna ett utkast för att "
                            "göra det färdigt och bokföra det; när det är bokfört försvinner utkastet."))
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_records(self.book.drafts())
        has = self.model.rowCount() > 0
        if has and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has and not self.book.read_only)

    def _open(self, row: int) -> None:
        d = self.model.record(row)
        if d is not None:
            self.open_draft.emit(d)
            self.accept()

    def delete_selected(self) -> None:
        d = self.model.record(self.table.currentIndex().row())
        if d is None or self.book.read_only:
            return
        answer = QMessageBox.question(self, "Ta bort utkast", f"Ta bort utkastet ”{d['text'] or 'utan text'}”? "
                                      "Det går inte att ångra.")
        if answer != QMessageBox.Yes:
            return
        try:
            delete_draft(self.book, d["id"])
        except FinsamError as exc:
            show_error(self, exc)
        self.reload()
