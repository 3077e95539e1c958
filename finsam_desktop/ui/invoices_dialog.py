"""Leverantörsfakturor (Bokföring → Leverantörsfakturor …): the unpaid and overdue
invoices first, each with its underlag beside it; register a new invoice (booked as
leverantörsskuld, its files dropped on the form) and book the payment of an attested one."""

from __future__ import annotations

from datetime import date as _date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QHBoxLayout, QInputDialog, QLineEdit, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from ..book import Book
from ..book.validate import parse_account_number
from ..errors import FinsamError, InputError
from ..money import format_ore, parse_kr
from ..ops import attest as attest_ops
from ..ops import invoices as ops
from ..ops import underlag as underlag_ops
from .common import DateEdit, error_label, heading, iso, muted, ok_cancel, primary, set_error, show_error, table_view
from .models import Column, RecordTableModel
from .underlag_view import FILE_FILTER, UnderlagView


class _InvoiceModel(RecordTableModel):
    """Overdue invoices in red."""
    overdue: set = set()

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole:
            inv = self.record(index.row())
            if inv is not None and inv.id in self.overdue:
                return QBrush(QColor("#b3261e"))
        return super().data(index, role)


def _status(inv, today: str) -> str:
    if inv.is_paid:
        return f"Betald {inv.paid_on}"
    return "FÖRFALLEN" if inv.is_overdue(today) else "Obetald"


class InvoicesDialog(QDialog):
    def __init__(self, book: Book, parent=None, *, today: str | None = None):
        super().__init__(parent)
        self.book = book
        self.today = today or _date.today().isoformat()
        self.setWindowTitle("Leverantörsfakturor")
        self.resize(1240, 720)
        self._attested: set[int] = set()
        columns = [
            Column("Leverantör", lambda i: i.supplier),
            Column("Fakturanr", lambda i: i.invoice_number),
            Column("Fakturadatum", lambda i: i.invoice_date),
            Column("Förfallodag", lambda i: i.due_date),
            Column("Belopp", lambda i: i.amount, amount=True),
            Column("Status", lambda i: _status(i, self.today)),
            Column("Attest", lambda i: "Attesterad" if i.voucher_id in self._attested else "Ej attesterad"),
        ]
        self.model = _InvoiceModel(columns)
        self.table = table_view(self.model, stretch_column=0, widths={1: 11, 2: 11, 3: 11, 4: 12, 5: 14, 6: 12})
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected(cur.row()))
        self.unpaid_only = QCheckBox("Bara &obetalda")
        self.unpaid_only.setChecked(True)
        self.unpaid_only.toggled.connect(lambda _c: self.reload())
        self.summary = muted("")
        self.register_button = primary(QPushButton("&Registrera faktura …"))
        self.register_button.clicked.connect(self.register)
        self.pay_button = QPushButton("Bokför &betalning …")
        self.pay_button.clicked.connect(self.pay)
        self.underlag = UnderlagView(book, self, vertical=True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.summary)
        ll.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.unpaid_only)
        row.addStretch(1)
        row.addWidget(self.pay_button)
        row.addWidget(self.register_button)
        ll.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(left, 3)
        body.addWidget(self.underlag, 2)
        close = QPushButton("Stäng")
        close.clicked.connect(self.accept)
        for b in (self.register_button, self.pay_button, close):
            b.setAutoDefault(False)
        self.register_button.setEnabled(not book.read_only)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Leverantörsfakturor"))
        lay.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        status = ops.open_invoices(self.book, self.today)
        rows = list(status.unpaid) if self.unpaid_only.isChecked() else ops.invoices(self.book)
        self._attested = {i.voucher_id for i in rows if i.voucher_id and attest_ops.attest_of(self.book, i.voucher_id)}
        self.model.overdue = {i.id for i in status.overdue}
        self.model.set_records(rows)
        self.summary.setText(f"{len(status.unpaid)} obetalda fakturor, {format_ore(status.total)} kr; "
                             f"{len(status.overdue)} förfallna den {status.today}.")
        if rows:
            self.table.selectRow(0)
            self._selected(0)
        else:
            self.underlag.set_voucher(None)
            self.pay_button.setEnabled(False)

    def _selected(self, row: int) -> None:
        inv = self.model.record(row)
        self.underlag.set_voucher(inv.voucher_id if inv else None)
        self.pay_button.setEnabled(inv is not None and not inv.is_paid and not self.book.read_only)

    def register(self) -> None:
        dlg = RegisterInvoiceDialog(self.book, self)
        if dlg.exec():
            self.reload()

    def pay(self) -> None:
        inv = self.model.record(self.table.currentIndex().row())
        if inv is None:
            return
        day, ok = QInputDialog.getText(self, "Bokför betalning",
                                       f"Betaldag för faktura {inv.invoice_number} från {inv.supplier}:",
                                       text=min(self.today, inv.due_date) if inv.due_date >= inv.invoice_date
                                       else self.today)
        if not ok:
            return
        try:
            ops.pay_invoice(self.book, inv.id, day.strip())
        except FinsamError as exc:
            show_error(self, exc, "Betalningen bokfördes inte")
            return
        self.reload()


class _Files(QListWidget):
    """The files to attach, filled by the button or by dropping them on the list."""

    def __init__(self):
        super().__init__()
        self.setAcceptDrops(True)
        self.setMaximumHeight(90)

    def add(self, paths) -> None:
        for p in paths:
            if p and not self.findItems(p, Qt.MatchExactly):
                self.addItem(p)

    def paths(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dragMoveEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        self.add([u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()])
        e.acceptProposedAction()


class RegisterInvoiceDialog(QDialog):
    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.invoice = None
        self.setWindowTitle("Registrera leverantörsfaktura")
        self.supplier = QComboBox()
        self.supplier.addItems([c.name for c in book.counterparts()])
        self.number = QLineEdit()
        today = QDate.currentDate()
        self.invoice_date = DateEdit(today)
        self.due_date = DateEdit(today.addDays(30))
        for d in (self.invoice_date, self.due_date):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.invoice_date.dateChanged.connect(lambda d: self.due_date.setDate(d.addDays(30)))
        self.amount, self.moms = QLineEdit(), QLineEdit()
        self.moms.setPlaceholderText("0")
        self.account = QLineEdit("6410")
        self.project = QComboBox()
        self.project.addItem("(ingen insats)", None)
        for p in book.projects():
            self.project.addItem(f"{p.code} {p.name}", p.id)
        self.text, self.by = QLineEdit(), QLineEdit()
        self.files = _Files()
        add = QPushButton("Lägg till fil …")
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.files.add(QFileDialog.getOpenFileNames(self, "Underlag", "", FILE_FILTER)[0]))
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Leverantör", self.supplier)
        form.addRow("Fakturanummer", self.number)
        form.addRow("Fakturadatum", self.invoice_date)
        form.addRow("Förfallodag", self.due_date)
        form.addRow("Att betala (kr, inkl. moms)", self.amount)
        form.addRow("Varav moms (kr)", self.moms)
        form.addRow("Kostnadskonto", self.account)
        form.addRow("Insats", self.project)
        form.addRow("Avser", self.text)
        form.addRow("Registrerad av", self.by)
        form.addRow("Underlag", self.files)
        form.addRow("", add)
        buttons = ok_cancel(self, "Registrera och bokför", self.save)
        lay = QVBoxLayout(self)
        lay.addWidget(muted("Fakturan bokförs som leverantörsskuld på fakturadatumet. Dra fakturans PDF "
                            "eller bild till listan Underlag."))
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def save(self) -> None:
        try:
            if not self.amount.text().strip():
                raise InputError("Ange fakturans belopp.", field="belopp")
            files = [underlag_ops.read_underlag(p) for p in self.files.paths()]
            self.invoice = ops.register_invoice(
                self.book, supplier=self.supplier.currentText(), invoice_number=self.number.text(),
                invoice_date=iso(self.invoice_date.date()), due_date=iso(self.due_date.date()),
                amount=parse_kr(self.amount.text(), field="belopp"),
                moms=parse_kr(self.moms.text(), field="moms") if self.moms.text().strip() else 0,
                account=parse_account_number(self.account.text()), project_id=self.project.currentData(),
                text=self.text.text(), files=files, registered_by=self.by.text())
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return
        self.accept()
