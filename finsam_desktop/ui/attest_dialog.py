"""Attest (Bokföring → Attest …): the utbetalningar and leverantörsfakturor of the year
that nobody has attested, attested by an attestant picked from the year's register, and
the register itself (attestordningen: name, roll, beloppsgräns).

The book is a single-user file without passwords: the name chosen here is recorded as
the attestant, with the time; the program checks the register and the limit."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QMessageBox,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ..book import Book
from ..errors import FinsamError
from ..money import parse_kr
from ..ops import attest as ops
from .common import heading, muted, primary, show_error, table_view
from .models import Column, RecordTableModel
from .underlag_view import UnderlagView

UNATTESTED_COLUMNS = [
    Column("Verifikation", lambda u: u.ref),
    Column("Datum", lambda u: u.date),
    Column("Text", lambda u: u.text),
    Column("Belopp", lambda u: u.amount, amount=True),
    Column("Registrerad av", lambda u: u.registered_by or "–"),
]
ATTESTANT_COLUMNS = [
    Column("Namn", lambda a: a.name),
    Column("Roll", lambda a: a.role),
    Column("Beloppsgräns", lambda a: a.limit if a.limit else "ingen gräns", amount=True),
]


class AttestDialog(QDialog):
    def __init__(self, book: Book, parent=None, *, year_id: int | None = None):
        super().__init__(parent)
        self.book = book
        years = book.years()
        self.year_id = year_id or ([y for y in years if not y.is_closed] or years)[-1].id
        self.setWindowTitle("Attest")
        self.resize(1180, 720)
        self.year_box = QComboBox()
        for y in years:
            self.year_box.addItem(y.label, y.id)
        self.year_box.setCurrentIndex([y.id for y in years].index(self.year_id))
        self.year_box.currentIndexChanged.connect(lambda _i: self._year_changed())

        # --- Att attestera
        self.model = RecordTableModel(UNATTESTED_COLUMNS)
        self.table = table_view(self.model, stretch_column=2, widths={0: 10, 1: 11, 3: 13, 4: 16})
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected(cur.row()))
        self.attestant_box = QComboBox()
        self.attest_button = primary(QPushButton("&Attestera"))
        self.attest_button.clicked.connect(self.attest_current)
        self.underlag = UnderlagView(book, self, vertical=True)
        self.summary = muted("")
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.summary)
        tl.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(muted("Attestant:"))
        row.addWidget(self.attestant_box)
        row.addWidget(self.attest_button)
        row.addStretch(1)
        tl.addLayout(row)
        pending = QWidget()
        pl = QHBoxLayout(pending)
        pl.addWidget(top, 3)
        pl.addWidget(self.underlag, 2)

        # --- Attestanter
        self.reg_model = RecordTableModel(ATTESTANT_COLUMNS)
        self.reg_table = table_view(self.reg_model, stretch_column=0, widths={1: 18, 2: 16})
        self.name_edit, self.role_edit, self.limit_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.limit_edit.setPlaceholderText("tomt = ingen gräns")
        add = QPushButton("&Lägg till attestant")
        add.clicked.connect(self.add_attestant)
        remove = QPushButton("Ta &bort markerad")
        remove.clicked.connect(self.remove_attestant)
        form = QFormLayout()
        form.addRow("Namn", self.name_edit)
        form.addRow("Roll", self.role_edit)
        form.addRow("Beloppsgräns (kr)", self.limit_edit)
        register = QWidget()
        rl = QVBoxLayout(register)
        rl.addWidget(muted("Attestordningen: vem som får attestera och upp till vilket belopp, per "
                           "räkenskapsår. Boken har inga lösenord (en fil, en användare): namnet du väljer "
                           "vid attesten skrivs in med tidpunkten."))
        rl.addWidget(self.reg_table, 1)
        rl.addLayout(form)
        b = QHBoxLayout()
        b.addWidget(add)
        b.addWidget(remove)
        b.addStretch(1)
        rl.addLayout(b)

        self.tabs = QTabWidget()
        self.tabs.addTab(pending, "Att attestera")
        self.tabs.addTab(register, "Attestanter")
        close = QPushButton("Stäng")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        head = QHBoxLayout()
        head.addWidget(heading("Attest"))
        head.addStretch(1)
        head.addWidget(muted("Räkenskapsår"))
        head.addWidget(self.year_box)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        for w in (self.attest_button, add, remove):
            w.setEnabled(not book.read_only)
            w.setAutoDefault(False)
        self.reload()

    def _year_changed(self) -> None:
        self.year_id = self.year_box.currentData()
        self.reload()

    def reload(self) -> None:
        pending = ops.unattested(self.book, self.year_id)
        self.model.set_records(pending)
        register = ops.attestants(self.book, self.year_id)
        self.reg_model.set_records(register)
        current = self.attestant_box.currentText()
        self.attestant_box.clear()
        self.attestant_box.addItems([a.name for a in register])
        if current:
            self.attestant_box.setCurrentText(current)
        total = len(ops.requires_attest(self.book, self.year_id))
        self.summary.setText(f"{len(pending)} av årets {total} utbetalningar och leverantörsfakturor är inte "
                             "attesterade." if pending else
                             f"Alla årets {total} utbetalningar och leverantörsfakturor är attesterade.")
        self.attest_button.setEnabled(bool(pending) and bool(register) and not self.book.read_only)
        if pending:
            self.table.selectRow(0)
            self._selected(0)
        else:
            self.underlag.set_voucher(None)

    def _selected(self, row: int) -> None:
        u = self.model.record(row)
        self.underlag.set_voucher(u.voucher_id if u else None)

    def attest_current(self) -> None:
        u = self.model.record(self.table.currentIndex().row())
        if u is None:
            return
        try:
            ops.attest(self.book, u.voucher_id, self.attestant_box.currentText())
        except FinsamError as exc:
            show_error(self, exc, "Attesten gjordes inte")
            return
        row = self.table.currentIndex().row()
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def add_attestant(self) -> None:
        try:
            limit = parse_kr(self.limit_edit.text(), field="beloppsgräns") if self.limit_edit.text().strip() else None
            ops.add_attestant(self.book, self.year_id, self.name_edit.text(), role=self.role_edit.text(),
                              limit=limit)
        except FinsamError as exc:
            show_error(self, exc, "Attestanten lades inte till")
            return
        for e in (self.name_edit, self.role_edit, self.limit_edit):
            e.clear()
        self.reload()

    def remove_attestant(self) -> None:
        a = self.reg_model.record(self.reg_table.currentIndex().row())
        if a is None:
            return
        if QMessageBox.question(self, "Ta bort attestant", f"Ta bort {a.name} ur årets attestordning? "
                                "Gjorda attester står kvar.") != QMessageBox.Yes:
            return
        try:
            ops.remove_attestant(self.book, self.year_id, a.name)
        except FinsamError as exc:
            show_error(self, exc)
        self.reload()
