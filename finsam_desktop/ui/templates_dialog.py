"""Mallar (Bokföring → Mallar …, Ctrl+M): choose a mall, give a date, and a new
verifikation form opens filled with its text and rows. The dialog never books: booking
needs the form's explicit Bokför. Mallar can be renamed and deleted here."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..book import Book
from ..errors import FinsamError
from ..ops.templates import TemplateUse, delete_template, rename_template, templates, use_template
from .common import LEFT, MUTED_STYLE, RIGHT, error_label, heading, mark_field, money, primary, set_error
from .screen_fit import fit_to_screen
from .voucher_form import default_entry_date, parse_entry_date

HEADERS = ("Konto", "Benämning", "Debet", "Kredit", "Radtext")


class TemplatesDialog(QDialog):
    """`chosen` carries the TemplateUse for a new verifikation form."""

    chosen = Signal(object)

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.use: TemplateUse | None = None
        self.setWindowTitle("Mallar")
        self.accounts = {a.number: a.name for a in book.accounts()}

        self.list = QListWidget()
        self.list.setMaximumWidth(200)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.rows = QTableWidget(0, len(HEADERS))
        self.rows.setHorizontalHeaderLabels(HEADERS)
        self.rows.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rows.setFocusPolicy(Qt.NoFocus)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        head = self.rows.horizontalHeader()
        head.setSectionResizeMode(1, QHeaderView.Stretch)
        head.setSectionResizeMode(4, QHeaderView.Stretch)
        for c, w in ((0, 64), (2, 104), (3, 104)):
            self.rows.setColumnWidth(c, w)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.note = QLabel()
        self.note.setStyleSheet(MUTED_STYLE)
        self.note.setWordWrap(True)

        self.date_edit = QLineEdit(default_entry_date(book))
        self.date_edit.setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.date_edit.setMaximumWidth(160)
        self.date_edit.setToolTip("Verifikationens datum, t.ex. 2025-03-25 eller 0325 inom året.")
        self.date_edit.textEdited.connect(lambda _t: (mark_field(self.date_edit, False),
                                                      set_error(self.message, None)))
        self.message = error_label()

        self.open_button = primary(QPushButton("&Öppna verifikation"))
        self.open_button.setToolTip("Öppnar en ny verifikation ifylld från mallen. Den bokförs först när "
                                    "du trycker Bokför i formuläret.")
        self.open_button.setDefault(True)  # Enter opens the form; it never books
        self.open_button.clicked.connect(self.open_voucher)
        self.rename_button = QPushButton("&Byt namn …")
        self.rename_button.clicked.connect(self.rename)
        self.delete_button = QPushButton("&Ta bort")
        self.delete_button.clicked.connect(self.delete)
        close = QPushButton("Stäng")
        close.clicked.connect(self.reject)
        for b in (self.rename_button, self.delete_button, close):
            b.setAutoDefault(False)

        form = QFormLayout()
        date_label = QLabel("&Datum")
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        right = QVBoxLayout()
        right.addWidget(self.text_label)
        right.addWidget(self.rows, 1)
        right.addWidget(self.note)
        right.addLayout(form)
        right.addWidget(self.message)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        list_label = QLabel("&Mall")
        list_label.setBuddy(self.list)
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        middle.addLayout(left)
        middle.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.open_button)

        lay = QVBoxLayout(self)
        lay.addWidget(heading("Mallar"))
        hint = QLabel("Välj en mall och ett datum: en ny verifikation öppnas ifylld, och du bokför den "
                      "själv med Bokför. En rad utan belopp får differensen, eller fylls i av dig. "
                      "Spara nya mallar med ”Spara som mall …” i verifikationsformuläret.")
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED_STYLE)
        lay.addWidget(hint)
        lay.addLayout(middle, 1)
        lay.addLayout(buttons)
        self.reload()
        self.list.setFocus()
        fit_to_screen(self, QSize(940, 480), center=False)

    # ------------------------------------------------------------------ content
    def reload(self, select: str | None = None) -> None:
        current = select or (self.list.currentItem().text() if self.list.currentItem() else None)
        self.templates = {t.name: t for t in templates(self.book)}
        self.list.clear()
        for name in self.templates:
            QListWidgetItem(name, self.list)
        names = list(self.templates)
        if names:
            self.list.setCurrentRow(names.index(current) if current in names else 0)
        has = bool(names)
        writable = not self.book.read_only
        self.open_button.setEnabled(has and writable)
        self.rename_button.setEnabled(has and writable)
        self.delete_button.setEnabled(has and writable)
        self._show_current()

    def current(self):
        item = self.list.currentItem()
        return self.templates.get(item.text()) if item else None

    def _show_current(self) -> None:
        t = self.current()
        self.rows.setRowCount(0)
        if t is None:
            self.text_label.setText("Boken har inga mallar ännu. Skriv en verifikation och välj "
                                    "”Spara som mall …” i formuläret.")
            self.note.setText("")
            return
        self.text_label.setText(f"<b>{t.name}</b> – verifikationstext: {t.text or '(ingen)'}")
        self.rows.setRowCount(len(t.rows))
        for i, r in enumerate(t.rows):
            debit = money(r.amount) if r.amount and r.amount > 0 else ""
            credit = money(-r.amount) if r.amount and r.amount < 0 else ""
            if r.amount is None:
                debit = credit = "–"
            cells = (str(r.account or ""), self.accounts.get(r.account, ""), debit, credit, r.text)
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setTextAlignment(RIGHT if c in (2, 3) else LEFT)
                if c in (1, 4):
                    item.setToolTip(value)  # the whole name or text where the column is narrow
                self.rows.setItem(i, c, item)
        empty = sum(1 for r in t.rows if r.amount is None)
        self.note.setText("Alla belopp finns i mallen." if not empty else
                          "En rad utan belopp (–) får differensen som gör att verifikationen balanserar."
                          if empty == 1 else f"{empty} rader utan belopp (–) fyller du i själv i formuläret.")

    # ------------------------------------------------------------------ actions
    def open_voucher(self) -> TemplateUse | None:
        """The filled content for a new verifikation form (never booked here)."""
        t = self.current()
        if t is None or self.book.read_only:
            return None
        mark_field(self.date_edit, False)
        set_error(self.message, None)
        try:
            date = parse_entry_date(self.date_edit.text(), int(default_entry_date(self.book)[:4]))
            self.use = use_template(self.book, t.name, date)
        except FinsamError as exc:
            mark_field(self.date_edit, exc.field == "datum")
            set_error(self.message, exc.message)
            self.date_edit.setFocus()
            return None
        self.chosen.emit(self.use)
        self.accept()
        return self.use

    def rename(self) -> None:
        t = self.current()
        if t is None:
            return
        name, ok = QInputDialog.getText(self, "Byt namn på mall", "Nytt namn:", text=t.name)
        if not ok or not name.strip() or name.strip() == t.name:
            return
        try:
            rename_template(self.book, t.name, name)
        except FinsamError as exc:
            set_error(self.message, exc.message)
            return
        self.reload(select=name.strip())

    def delete(self) -> None:
        t = self.current()
        if t is None:
            return
        answer = QMessageBox.question(self, "Ta bort mall", f"Ska mallen ”{t.name}” tas bort? "
                                      "Verifikationer som bokförts med den påverkas inte.",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            delete_template(self.book, t.name)
        except FinsamError as exc:
            set_error(self.message, exc.message)
            return
        self.reload()
