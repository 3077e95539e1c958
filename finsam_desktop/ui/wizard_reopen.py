"""Re-opening a closed räkenskapsår: a separate, explicit action with a reason that is
written to the log (Book.reopen_year). The next year's ingående balanser are stale until
the year is closed again, which the dialog says before the user confirms."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..book import Book
from ..errors import FinsamError
from .common import error_label, heading, muted, set_error


class ReopenYearDialog(QDialog):
    """Ask for the reason, then re-open the year. `accepted` means it is open."""

    def __init__(self, book: Book, year_id: int, parent=None):
        super().__init__(parent)
        self.book = book
        self.year = book.year(year_id)
        self.setWindowTitle("Öppna räkenskapsår igen")
        nxt = book.next_year(self.year)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("t.ex. Revisorn har hittat en leverantörsfaktura som hör till året.")
        self.reason.setMinimumHeight(90)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(f"Öppna {self.year.label}")
        buttons.button(QDialogButtonBox.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.reopen)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(f"Öppna räkenskapsåret {self.year.label} igen"))
        tail = (f" De ingående balanserna för {nxt.label} räknas om när året stängs igen." if nxt else "")
        lay.addWidget(muted("Ett stängt år ska bara öppnas när något måste rättas. Orsaken skrivs i loggen "
                            f"tillsammans med tidpunkten.{tail}"))
        lay.addWidget(QLabel("Orsak"))
        lay.addWidget(self.reason)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(520, 300)

    def reopen(self) -> bool:
        try:
            self.book.reopen_year(self.year.id, self.reason.toPlainText())
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return False
        self.accept()
        return True
