"""Re-opening a closed räkenskapsår: a separate, explicit action with a reason that is
written to the log. The dialog is self-contained:

    dlg = ReopenYearDialog(book, year_id, parent)
    dlg.reopened.connect(lambda year_id: ...)   # also `accepted`
    dlg.open()                                   # or exec()

It says what re-opening does before the user confirms (the year takes bookings again,
the next year's ingående balanser are stale and its bokslut is stopped until this year
is closed again, the PDF becomes a draft), asks for the reason, and re-opens through the
rule-checked closing.close.reopen_year. A year that cannot be re-opened (not closed, or
the next year is closed) is explained and the button stays disabled.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..book import Book
from ..closing.close import reopen_year
from ..errors import FinsamError
from .common import error_label, heading, ok_cancel, set_error


def consequences(book: Book, year) -> list[str]:
    """What re-opening `year` does, in the order it matters to the user (Swedish)."""
    nxt = book.next_year(year)
    out = [f"Räkenskapsåret {year.label} blir öppet: verifikationer kan bokföras i det igen, "
           "till exempel en rättelse eller en faktura som har hittats i efterhand."]
    if nxt is not None:
        out.append(f"De ingående balanserna för {nxt.label} gäller inte längre. Bokslutets kontroller "
                   f"för {nxt.label} stoppar tills {year.label} har stängts igen; då räknas de om.")
    out.append(f"Årsredovisningen för {year.label} blir ett utkast tills året stängs igen. Ett "
               "överlämningspaket som redan är gjort stämmer inte längre om något ändras.")
    out.append("Orsaken skrivs i bokens logg tillsammans med tidpunkten.")
    return out


def refusal(book: Book, year) -> str | None:
    """Why the year cannot be re-opened now (Swedish), or None when it can."""
    if year is None:
        return "Räkenskapsåret finns inte i boken."
    if not year.is_closed:
        return f"Räkenskapsåret {year.label} är inte stängt."
    nxt = book.next_year(year)
    if nxt is not None and nxt.is_closed:
        return (f"Räkenskapsåret {year.label} kan inte öppnas eftersom nästa år {nxt.label} är stängt. "
                f"Öppna {nxt.label} först.")
    return None


class ReopenYearDialog(QDialog):
    """Ask for the reason, then re-open the year. `accepted` and `reopened(year_id)` mean
    it is open."""

    reopened = Signal(int)

    def __init__(self, book: Book, year_id: int, parent=None):
        super().__init__(parent)
        self.book = book
        self.year = book.year(year_id)
        label = self.year.label if self.year else str(year_id)
        self.setWindowTitle("Öppna räkenskapsår igen")
        self.setModal(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("t.ex. Revisorn har hittat en leverantörsfaktura som hör till året.")
        self.reason.setMinimumHeight(80)
        self.reason.setTabChangesFocus(True)
        self.error = error_label()
        self.buttons = ok_cancel(self, f"Öppna {label}", self.reopen)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)

        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        lay.addWidget(heading(f"Öppna räkenskapsåret {label} igen"))
        intro = QLabel("Ett stängt år ska bara öppnas när något måste rättas. Det är ett eget beslut som "
                       "får följande följder:")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.effects = QLabel()
        self.effects.setObjectName("consequences")
        self.effects.setWordWrap(True)
        self.effects.setTextFormat(Qt.RichText)
        lay.addWidget(self.effects)
        self.reason_label = QLabel("<b>Orsak</b> (krävs)")
        lay.addWidget(self.reason_label)
        lay.addWidget(self.reason, 1)
        lay.addWidget(self.error)
        lay.addStretch(0)
        lay.addWidget(self.buttons)
        self.resize(580, 440)

        blocked = refusal(book, self.year)
        if blocked:
            set_error(self.error, blocked)
            for w in (intro, self.reason, self.reason_label, self.effects):
                w.setVisible(False)
            self.ok_button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.Cancel).setText("Stäng")
            self.resize(520, 150)
        else:
            self.effects.setText("<ul style='margin-left:-20px'>" + "".join(
                f"<li style='margin-bottom:4px'>{escape(t)}</li>" for t in consequences(book, self.year))
                + "</ul>")
            self.reason.setFocus()

    def reopen(self) -> bool:
        """Re-open under the rules (the reason is required); False with the reason shown
        when refused, nothing changed."""
        try:
            reopen_year(self.book, self.year.id if self.year else -1, self.reason.toPlainText())
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return False
        self.reopened.emit(self.year.id)
        self.accept()
        return True
