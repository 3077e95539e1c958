"""Kontoplan: add, rename, (de)activate accounts and choose the report row each lands
on. A used account cannot be deleted (it can be inactivated); a number has four digits
and is unique."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QVBoxLayout)

from ..book import Account, Book
from ..book.chart import BALANCE_ROWS, INCOME_ROWS, ROW_LABELS, default_kind, default_row, is_account_number
from ..book.validate import parse_account_number
from ..errors import FinsamError
from ..ops.accounts import save_account
from .common import MUTED_STYLE, close_bar, error_label, heading, mark_field, set_error, table_view
from .models import KIND_LABELS, Column, RecordTableModel

NO_ROW = "(ingen rapportrad)"

ACCOUNT_COLUMNS = [
    Column("Konto", lambda a: a.number),
    Column("Benämning", lambda a: a.name if a.active else f"{a.name} (inaktiverat)"),
    Column("Typ", lambda a: KIND_LABELS.get(a.kind, a.kind)),
    Column("Rapportrad", lambda a: ROW_LABELS.get(a.row_id, NO_ROW) if a.row_id else NO_ROW),
]


class AccountsModel(RecordTableModel):
    """Inactive accounts in grey: still there for the history, not for new entries."""

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole:
            a = self.record(index.row())
            return QBrush(QColor("#8a949c")) if a is not None and not a.active else None
        return super().data(index, role)


class AccountsDialog(QDialog):
    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("Kontoplan")
        self.resize(1200, 680)
        self.editing: Account | None = None

        self.model = AccountsModel(ACCOUNT_COLUMNS)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök konto eller benämning")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = table_view(self.proxy, stretch_column=1)
        # Konto, typ and rapportrad as wide as their text, the name takes the rest: a long
        # name is never cut while another column has room to spare (also after a reset).
        header = self.table.horizontalHeader()

        def fit_columns() -> None:
            for col in (0, 2, 3):
                if col < header.count():
                    header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        fit_columns()
        self.proxy.modelReset.connect(fit_columns)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)

        self.number = QLineEdit()
        self.number.setMaxLength(6)
        self.number.setMaximumWidth(90)
        self.number_error = error_label()
        self.name = QLineEdit()
        self.name_error = error_label()
        self.kind = QComboBox()
        for k, label in KIND_LABELS.items():
            self.kind.addItem(label, k)
        self.row = QComboBox()
        self.row_error = error_label()
        self.active = QCheckBox("Aktivt")
        self.active.setToolTip("Bara aktiva konton kan användas i nya verifikationer.")
        self.used_note = QLabel()
        self.used_note.setStyleSheet(MUTED_STYLE)
        self.used_note.setWordWrap(True)
        self.kind.currentIndexChanged.connect(self._fill_rows)
        self.number.textEdited.connect(self._number_typed)

        form = QFormLayout()
        form.addRow("Kontonummer", self.number)
        form.addRow("", self.number_error)
        form.addRow("Benämning", self.name)
        form.addRow("", self.name_error)
        form.addRow("Kontotyp", self.kind)
        form.addRow("Rapportrad", self.row)
        form.addRow("", self.row_error)
        form.addRow("", self.active)
        self.message = error_label()
        self.new_button = QPushButton("&Nytt konto")
        self.save_button = QPushButton("&Spara")
        self.delete_button = QPushButton("&Ta bort")
        self.new_button.clicked.connect(self.new_account)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.panel = QGroupBox("Konto")
        pl = QVBoxLayout(self.panel)
        pl.addLayout(form)
        pl.addWidget(self.used_note)
        pl.addWidget(self.message)
        pl.addStretch(1)
        pl.addLayout(buttons)
        self.panel.setFixedWidth(360)  # the table gets the rest: account names whole

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.panel)
        bottom = close_bar(self, "Varje konto förs till en rad i resultat- eller balansräkningen.")
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Kontoplan"))
        lay.addLayout(body, 1)
        lay.addLayout(bottom)
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.new_account()

    # ------------------------------------------------------------------ data
    def reload(self, select: int | None = None) -> None:
        self.model.set_records(self.book.accounts())
        if select is not None:
            self.select_account(select)

    def select_account(self, number: int) -> None:
        for r, a in enumerate(self.model.records):
            if a.number == number:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(r, 0)).row())
                return

    def _row_selected(self, current, _previous) -> None:
        if not current.isValid():
            return
        acc = self.model.record(self.proxy.mapToSource(current).row())
        if acc is not None:
            self.edit_account(acc)

    def _fill_rows(self) -> None:
        kind = self.kind.currentData()
        current = self.row.currentData()
        self.row.clear()
        rows = BALANCE_ROWS if kind in ("T", "S") else INCOME_ROWS
        for rid in rows:
            self.row.addItem(ROW_LABELS[rid], rid)
        self.row.addItem(NO_ROW, None)
        i = self.row.findData(current)
        if i >= 0:
            self.row.setCurrentIndex(i)

    def _clear_errors(self) -> None:
        for lab, field in ((self.number_error, self.number), (self.name_error, self.name),
                           (self.row_error, self.row)):
            set_error(lab, None)
            mark_field(field, False)
        set_error(self.message, None)

    def edit_account(self, acc: Account) -> None:
        self.editing = acc
        self._clear_errors()
        self.panel.setTitle(f"Konto {acc.number}")
        self.number.setText(str(acc.number))
        self.number.setReadOnly(True)
        self.name.setText(acc.name)
        self.kind.setCurrentIndex(self.kind.findData(acc.kind))
        self._fill_rows()
        self.row.setCurrentIndex(self.row.findData(acc.row_id))
        self.active.setChecked(acc.active)
        used = self.book.account_is_used(acc.number)
        self.kind.setEnabled(not used)
        self.delete_button.setEnabled(not used)
        self.used_note.setText("Kontot används i bokföringen: det kan inte tas bort och kontotypen kan "
                               "inte ändras, men det kan byta namn och inaktiveras." if used else
                               "Kontot är inte använt och kan tas bort.")

    def new_account(self) -> None:
        self.editing = None
        self._clear_errors()
        self.panel.setTitle("Nytt konto")
        self.number.setReadOnly(False)
        self.number.clear()
        self.name.clear()
        self.kind.setEnabled(True)
        self.active.setChecked(True)
        self.delete_button.setEnabled(False)
        self.used_note.setText("Skriv fyra till sex siffror; typ och rapportrad föreslås från de fyra första.")
        self.table.clearSelection()
        self.number.setFocus()

    def _number_typed(self, text: str) -> None:
        if self.editing is None and len(text) in (4, 5, 6) and text.isdigit():
            n = int(text)
            if is_account_number(n):
                self.kind.setCurrentIndex(self.kind.findData(default_kind(n)))
                self._fill_rows()
                self.row.setCurrentIndex(self.row.findData(default_row(n)))

    # ------------------------------------------------------------------ actions
    def save(self) -> Account | None:
        """Add or update the account; a refusal is shown next to its field and the typed
        values stay."""
        self._clear_errors()
        try:
            new = self.editing is None
            number = parse_account_number(self.number.text(), field="kontonummer") if new else self.editing.number
            acc = save_account(self.book, number, name=self.name.text(), kind=self.kind.currentData(),
                               row_id=self.row.currentData(), active=self.active.isChecked(), new=new)
        except FinsamError as exc:
            self._show_error(exc)
            return None
        self.reload(select=acc.number)
        self.edit_account(acc)
        return acc

    def _show_error(self, exc: FinsamError) -> None:
        where = {"konto": (self.number_error, self.number), "kontonummer": (self.number_error, self.number),
                 "namn": (self.name_error, self.name), "rad": (self.row_error, self.row),
                 "typ": (self.row_error, self.kind)}.get(exc.field or "")
        if where:
            set_error(where[0], exc.message)
            mark_field(where[1], True)
        else:
            set_error(self.message, exc.message)

    def delete(self) -> None:
        acc = self.editing
        if acc is None:
            return
        if QMessageBox.question(self, "Ta bort konto", f"Ta bort konto {acc.number} {acc.name}?") \
                != QMessageBox.Yes:
            return
        try:
            self.book.delete_account(acc.number)
        except FinsamError as exc:
            self._show_error(exc)
            return
        self.reload()
        self.new_account()
