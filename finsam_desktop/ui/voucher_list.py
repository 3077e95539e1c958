"""Verifikationslista: every verifikation of the chosen period, filtered by konto, insats
and text, read a page at a time. Double-click (or Enter) opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ..book import Book, VoucherFilter
from .common import MUTED_STYLE, error_label, heading, set_error, table_view
from .entry_model import resolve_account
from .models import VoucherListModel
from .period import PeriodPicker


class VoucherListView(QWidget):
    open_voucher = Signal(int)
    print_requested = Signal(str)   # "verifikation" (the selected one) or "verifikationslista"

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.period = PeriodPicker(book)
        self.account_edit = QLineEdit()
        self.account_edit.setPlaceholderText("Konto")
        self.account_edit.setClearButtonEnabled(True)
        self.account_edit.setMaximumWidth(220)
        comp = QCompleter([f"{a.number} {a.name}" for a in book.accounts()], self.account_edit)
        comp.setCaseSensitivity(Qt.CaseInsensitive)
        comp.setFilterMode(Qt.MatchContains)
        self.account_edit.setCompleter(comp)
        self.project_box = QComboBox()
        self.reload_projects()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("Sök text eller verifikationsnummer (t.ex. A 12)")
        self.text_edit.setClearButtonEnabled(True)
        self.filter_error = error_label()
        self.count_label = QLabel()
        self.count_label.setStyleSheet(MUTED_STYLE)

        self.model = VoucherListModel(book, self.current_filter())
        self.table = table_view(self.model, stretch_column=2, widths={0: 8, 1: 11, 3: 16, 4: 10})
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.period.changed.connect(self.apply_filter)
        self.project_box.currentIndexChanged.connect(self.apply_filter)
        self.text_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.account_edit.editingFinished.connect(self.apply_filter)
        self.account_edit.textChanged.connect(lambda t: t == "" and self.apply_filter())
        comp.activated.connect(lambda _t: self.apply_filter())

        filters = QHBoxLayout()
        filters.addWidget(self.period)
        filters.addStretch(1)
        filters2 = QHBoxLayout()
        filters2.addWidget(QLabel("Konto"))
        filters2.addWidget(self.account_edit)
        filters2.addWidget(QLabel("Insats"))
        filters2.addWidget(self.project_box)
        filters2.addWidget(QLabel("Sök"))
        filters2.addWidget(self.text_edit, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Verifikationer"))
        lay.addLayout(filters)
        lay.addLayout(filters2)
        lay.addWidget(self.filter_error)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        self.print_voucher_button = QPushButton("Skriv ut verifikation (PDF) …")
        self.print_voucher_button.setToolTip("Den markerade verifikationen med rader, vem som bokförde den och "
                                             "när, rättelser och underlag")
        self.print_voucher_button.clicked.connect(lambda: self.print_requested.emit("verifikation"))
        self.print_list_button = QPushButton("Verifikationslista (PDF) …")
        self.print_list_button.setToolTip("Varje verifikation i en period i nummerordning, med rader och summor")
        self.print_list_button.clicked.connect(lambda: self.print_requested.emit("verifikationslista"))
        bottom.addWidget(self.print_voucher_button)
        bottom.addWidget(self.print_list_button)
        lay.addLayout(bottom)
        self._show_count()

    def reload_projects(self) -> None:
        current = self.project_box.currentData()
        self.project_box.blockSignals(True)
        self.project_box.clear()
        self.project_box.addItem("Alla insatser", None)
        for p in self.book.projects():
            self.project_box.addItem(f"{p.code} {p.name}", p.id)
        i = self.project_box.findData(current)
        self.project_box.setCurrentIndex(max(i, 0))
        self.project_box.blockSignals(False)

    def current_filter(self) -> VoucherFilter:
        y = self.period.year
        date_from, date_to = self.period.range if y else (None, None)
        account = None
        text = self.account_edit.text().strip()
        if text:
            account, err = resolve_account(text, {a.number: a for a in self.book.accounts()})
            if err and "inaktiverat" in err:
                account = int(text.split()[0])  # an inactive account still has history to show
                err = None
            set_error(self.filter_error, err)
        else:
            set_error(self.filter_error, None)
        return VoucherFilter(year_id=y.id if y else None, date_from=date_from, date_to=date_to,
                             account=account, project_id=self.project_box.currentData(),
                             text=self.text_edit.text().strip() or None)

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._show_count()

    def refresh(self, *, to_end: bool = False) -> None:
        self.model.refresh()
        self._show_count()
        if to_end:
            self.table.scrollToBottom()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n:,}".replace(",", "\u00a0") + (" verifikation" if n == 1 else " verifikationer"))

    def selected_voucher_id(self) -> int | None:
        idx = self.table.currentIndex()
        return self.model.data(idx, Qt.UserRole) if idx.isValid() else None

    def _open_index(self, index) -> None:
        vid = self.model.data(index, Qt.UserRole)
        if vid is not None:
            self.open_voucher.emit(vid)
