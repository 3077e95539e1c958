"""Nytt räkenskapsår: add the next year while the previous one is still open for the
bokslut (in January the förbundschef books into the new year). The new year gets
preliminära ingående balanser: the previous year's utgående balanser with its result
moved to eget kapital (Book.closing_balances). Closing the previous year computes them
again and replaces them."""

from __future__ import annotations

from datetime import date as _date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from ..book import Book, FiscalYear
from ..book.validate import parse_date
from ..errors import FinsamError, InputError
from ..ops.year_proposals import YearProposals, add_year_with_proposals, available_proposals
from ..ops.years import suggested_following_year
from .common import MUTED_STYLE, error_label, heading, mark_field, primary, set_error


class NewYearDialog(QDialog):
    """On success `self.year` is the new räkenskapsår."""

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.year: FiscalYear | None = None
        self.proposals: YearProposals | None = None  # what was copied from the year before
        self.setWindowTitle("Nytt räkenskapsår")
        self.resize(660, 420)
        years = book.years()
        self.last = years[-1] if years else None
        start, end = suggested_following_year(book, _date.today().year)
        self.start_edit = QLineEdit(start)
        self.end_edit = QLineEdit(end)
        for w in (self.start_edit, self.end_edit):
            w.setMaximumWidth(130)
            w.setPlaceholderText("ÅÅÅÅ-MM-DD")
            w.textEdited.connect(self._update_length)
        self.length = QLabel()
        self.length.setStyleSheet(MUTED_STYLE)
        self.date_error = error_label()
        self.carry = QCheckBox("För över utgående balanser från föregående år som ingående balanser")
        self.carry.setChecked(self.last is not None)
        self.carry.setEnabled(self.last is not None)
        # Last year's figures copied as proposals for the new year (the decision replaces them).
        available = available_proposals(book, self.last, start)
        label = self.last.label if self.last else ""
        self.copy_budget = QCheckBox(f"Kopiera &budgeten för {label} som förslag")
        self.copy_contributions = QCheckBox(f"Kopiera medlemmarnas &driftbidrag för {label} som förslag")
        self.copy_grants = QCheckBox(f"Kopiera insatsernas be&viljade medel för {label} som förslag")
        for box, key in ((self.copy_budget, "budget"), (self.copy_contributions, "driftbidrag"),
                         (self.copy_grants, "beviljat")):
            has = key in available
            box.setText(box.text() + (f" ({available[key]})" if has else " (finns inget att kopiera)"))
            box.setChecked(has)
            box.setEnabled(has)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        self.note.setStyleSheet("background: #fff7e0; border: 1px solid #e8d49a; border-radius: 4px; padding: 8px;")
        self.message = error_label()

        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("till"))
        dates.addWidget(self.end_edit)
        dates.addSpacing(10)
        dates.addWidget(self.length, 1)
        form = QFormLayout()
        form.addRow("Räkenskapsår", dates)
        form.addRow("", self.date_error)
        self.create_button = primary(QPushButton("&Lägg till räkenskapsåret"))
        self.create_button.clicked.connect(self.create)
        cancel = QPushButton("Avbryt")
        cancel.clicked.connect(self.reject)
        cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)

        lay = QVBoxLayout(self)
        lay.addWidget(heading("Nytt räkenskapsår"))
        lay.addWidget(QLabel(f"Nuvarande räkenskapsår: {', '.join(y.label + (' (stängt)' if y.is_closed else '') for y in years)}"
                             if years else "Boken har inget räkenskapsår ännu."))
        lay.addSpacing(6)
        lay.addLayout(form)
        lay.addWidget(self.carry)
        if self.last is not None:
            lay.addWidget(self.copy_budget)
            lay.addWidget(self.copy_contributions)
            lay.addWidget(self.copy_grants)
        lay.addWidget(self.note)
        lay.addWidget(self.message)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.carry.toggled.connect(self._update_note)
        self._update_length()
        self._update_note()

    def _update_length(self) -> None:
        try:
            a = _date.fromisoformat(parse_date(self.start_edit.text(), field="startdatum"))
            b = _date.fromisoformat(parse_date(self.end_edit.text(), field="slutdatum"))
        except (InputError, ValueError):
            self.length.setText("")
            return
        months = (b.year - a.year) * 12 + b.month - a.month + (1 if b.day >= a.day - 1 else 0)
        kind = "kalenderår" if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year \
            else "brutet räkenskapsår"
        self.length.setText(f"{months} månader, {kind}")

    def _update_note(self) -> None:
        last = self.last
        if last is None or not self.carry.isChecked():
            self.note.setText("Det nya året får inga ingående balanser. Du kan föra in dem senare "
                              "(till exempel genom en SIE-import).")
        elif last.is_closed:
            self.note.setText(f"Räkenskapsåret {last.label} är stängt: det nya årets ingående balanser blir "
                              f"de utgående balanserna för {last.label}.")
        else:
            self.note.setText(f"<b>Preliminära ingående balanser.</b> Räkenskapsåret {last.label} är inte "
                              f"stängt. Det nya året får de utgående balanserna för {last.label} som de ser ut nu, "
                              "med årets resultat fört till eget kapital. De är preliminära tills bokslutet för "
                              f"{last.label} är gjort: när året stängs räknas de om och ersätts.")

    def create(self) -> None:
        mark_field(self.start_edit, False)
        mark_field(self.end_edit, False)
        set_error(self.date_error, None)
        set_error(self.message, None)
        try:
            self.proposals = add_year_with_proposals(
                self.book, self.start_edit.text(), self.end_edit.text(), carry=self.carry.isChecked(),
                budget=self.copy_budget.isChecked(), contributions=self.copy_contributions.isChecked(),
                grants=self.copy_grants.isChecked())
            self.year = self.proposals.year
        except FinsamError as exc:
            if exc.field in ("startdatum", "slutdatum"):
                mark_field(self.start_edit if exc.field == "startdatum" else self.end_edit, True)
                set_error(self.date_error, exc.message)
            else:
                set_error(self.message, exc.message)
            return
        self.accept()

    def copied_lines(self) -> list[str]:
        """What was copied into the new year, in Swedish (empty when nothing was asked)."""
        if self.proposals is None:
            return []
        asked = (self.copy_budget.isChecked(), self.copy_contributions.isChecked(), self.copy_grants.isChecked())
        return self.proposals.lines(asked) if any(asked) else []
