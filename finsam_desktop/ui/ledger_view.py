"""Huvudbok: the booked rows of one account in a period with the running balance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..book import Book
from .common import heading, table_view
from .models import LedgerModel
from .period import PeriodPicker


class LedgerView(QWidget):
    open_voucher = Signal(int)
    print_requested = Signal(str)   # "huvudbok"

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.period = PeriodPicker(book)
        self.account_box = QComboBox()
        self.account_box.setEditable(True)
        self.account_box.setInsertPolicy(QComboBox.NoInsert)
        self.account_box.completer().setFilterMode(Qt.MatchContains)
        self.account_box.completer().setCompletionMode(self.account_box.completer().CompletionMode.PopupCompletion)
        self.account_box.setMinimumWidth(250)
        self.reload_accounts()
        self.model = LedgerModel(book)
        self.table = table_view(self.model, stretch_column=2, widths={0: 11, 1: 8, 3: 12, 4: 15, 5: 15, 6: 16})
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.period.changed.connect(self.reload)
        self.account_box.currentIndexChanged.connect(self.reload)

        top = QHBoxLayout()
        top.addWidget(QLabel("Konto"))
        top.addWidget(self.account_box)
        top.addSpacing(12)
        top.addWidget(self.period)
        top.addStretch(1)
        self.print_button = QPushButton("Huvudbok (PDF) …")
        self.print_button.setToolTip("Huvudboken för en period: varje konto med ingående saldo, "
                                     "transaktioner och utgående saldo")
        self.print_button.clicked.connect(lambda: self.print_requested.emit("huvudbok"))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.print_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Huvudbok"))
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.reload()

    def reload_accounts(self) -> None:
        current = self.account_box.currentData()
        self.account_box.blockSignals(True)
        self.account_box.clear()
        used = self.book.accounts()
        for a in used:
            self.account_box.addItem(f"{a.number} {a.name}", a.number)
        bank = self.book.account_role("bank")
        i = self.account_box.findData(current if current is not None else bank)
        self.account_box.setCurrentIndex(max(i, 0))
        self.account_box.blockSignals(False)

    def set_account(self, number: int) -> None:
        i = self.account_box.findData(number)
        if i >= 0:
            self.account_box.setCurrentIndex(i)

    def reload(self) -> None:
        number = self.account_box.currentData()
        y = self.period.year
        if number is None or y is None:
            self.model.load(None, "", "")
            return
        date_from, date_to = self.period.range
        codes = {p.id: p.code for p in self.book.projects()}
        self.model.load(number, date_from, date_to, codes)

    def _open_index(self, index) -> None:
        vid = self.model.voucher_id(index.row())
        if vid is not None:
            self.open_voucher.emit(vid)
