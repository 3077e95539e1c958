"""Saldobalans: per account the ingående balans, the period's change and the utgående
balans, balance accounts first, then result accounts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ..book import Book
from ..errors import FinsamError
from .common import error_label, heading, set_error, table_view
from .models import TRIAL_BALANCE_COLUMNS, RecordTableModel, trial_balance_rows
from .period import PeriodPicker


class TrialBalanceView(QWidget):
    open_account = Signal(int)

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.period = PeriodPicker(book)
        self.model = RecordTableModel(TRIAL_BALANCE_COLUMNS)
        self.table = table_view(self.model, stretch_column=1, widths={0: 8, 2: 18, 3: 18, 4: 18})
        self.table.doubleClicked.connect(self._open_index)
        self.error = error_label()
        self.period.changed.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Saldobalans"))
        lay.addLayout(top)
        lay.addWidget(self.error)
        lay.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        y = self.period.year
        if y is None:
            self.model.set_records([])
            return
        try:
            lines = self.book.trial_balance(y.id, *self.period.range)
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return
        set_error(self.error, None)
        records, bold = trial_balance_rows(lines)
        self.model.set_records(records, bold)

    def line(self, account: int) -> tuple | None:
        return next((r for r in self.model.records if r[0] == account), None)

    def _open_index(self, index) -> None:
        rec = self.model.record(index.row())
        if rec and isinstance(rec[0], int):
            self.open_account.emit(rec[0])
