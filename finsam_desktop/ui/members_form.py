"""Medlemmar (stat, region, kommuner) with their andel and the driftbidrag each pays per
year, and the förbund's own details."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from ..book import Book
from ..book.registers import MEMBER_KINDS
from ..book.validate import format_share, parse_account_number, parse_share
from ..errors import FinsamError
from ..money import parse_kr
from ..ops.registers import save_member
from .common import MUTED_STYLE, close_bar, error_label, heading, mark_field, money, set_error
from .models import Column
from .record_editor import RecordEditor
from .start_page import current_year

KIND_NAMES = {"stat": "Staten", "region": "Region", "kommun": "Kommun"}


class MembersEditor(RecordEditor):
    title = "Medlem"
    new_title = "Ny medlem"

    def __init__(self, book: Book, parent=None):
        self.book = book
        self.years = book.years()
        self.year = current_year(book)
        self._contrib: dict[int, int] = {}
        columns = [Column("Medlem", lambda m: m.name),
                   Column("Typ", lambda m: KIND_NAMES.get(m.kind, m.kind)),
                   Column("Andel", lambda m: format_share(m.share_bp), amount=True),
                   Column("Driftbidrag", lambda m: self._contrib.get(m.id, 0), amount=True)]
        super().__init__(columns, {1: 10, 2: 9, 3: 16}, stretch=0, parent=parent)
        self.year_box = QComboBox()
        for y in self.years:
            self.year_box.addItem(y.label, y.id)
        if self.year:
            self.year_box.setCurrentIndex(self.year_box.findData(self.year.id))
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self.totals = QLabel()
        self.totals.setStyleSheet(MUTED_STYLE)
        top = QHBoxLayout()
        top.addWidget(QLabel("Driftbidrag för räkenskapsåret"))
        top.addWidget(self.year_box)
        top.addStretch(1)
        self.left.insertLayout(0, top)
        self.left.addWidget(self.totals)
        self.name = self.add_field("namn", "Namn", QLineEdit())
        self.kind = self.add_field("typ", "Typ", QComboBox())
        for k in MEMBER_KINDS:
            self.kind.addItem(KIND_NAMES[k], k)
        self.share = self.add_field("andel", "Andel (%)", QLineEdit())
        self.share.setMaximumWidth(120)
        self.account = self.add_field("konto", "Intäktskonto", QLineEdit())
        self.account.setPlaceholderText("t.ex. 3010 (kan lämnas tomt)")
        self.contribution = self.add_field("driftbidrag", "Driftbidrag (kr)", QLineEdit())
        self.reload()

    def _year_changed(self) -> None:
        self.year = next((y for y in self.years if y.id == self.year_box.currentData()), None)
        self.reload(select=self.current.id if self.current else None)

    def records(self):
        self._contrib = self.book.contributions(self.year.id) if self.year else {}
        members = self.book.members()
        shares = sum(m.share_bp for m in members)
        warn = "" if shares == 10000 or not members else " – andelarna ska tillsammans vara 100 %"
        self.totals.setText(f"Andelar totalt {format_share(shares)}{warn} · driftbidrag totalt "
                            f"{money(sum(self._contrib.values()))} kr")
        if hasattr(self, "contribution"):
            self.form.labelForField(self.contribution).setText(
                f"Driftbidrag {self.year.label if self.year else ''} (kr)")
        return members

    def fill(self, m) -> None:
        self.name.setText(m.name)
        self.kind.setCurrentIndex(max(self.kind.findData(m.kind), 0))
        self.share.setText(format_share(m.share_bp).replace(" %", ""))
        self.account.setText(str(m.account) if m.account else "")
        self.contribution.setText(money(self._contrib.get(m.id, 0)))

    def clear_fields(self) -> None:
        for w in (self.name, self.share, self.account, self.contribution):
            w.clear()
        self.kind.setCurrentIndex(len(MEMBER_KINDS) - 1)
        self.name.setFocus()

    def store(self, m):
        share = parse_share(self.share.text())
        account = parse_account_number(self.account.text()) if self.account.text().strip() else None
        amount = parse_kr(self.contribution.text(), field="driftbidrag") if self.contribution.text().strip() else 0
        return save_member(self.book, m.id if m is not None else None, name=self.name.text(),
                           kind=self.kind.currentData(), share_bp=share, account=account,
                           year_id=self.year.id if self.year else None, contribution=amount).id


class MembersDialog(QDialog):
    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Medlemmar och driftbidrag")
        self.resize(1080, 600)
        self.editor = MembersEditor(book)
        bottom = close_bar(self, "Staten betalar hälften av driftbidraget, regionen en fjärdedel och "
                                 "kommunerna en fjärdedel.")
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Medlemmar och driftbidrag"))
        lay.addWidget(self.editor, 1)
        lay.addLayout(bottom)


class ForbundDialog(QDialog):
    """Förbundets namn, organisationsnummer and contact details."""

    FIELDS = (("namn", "Förbundets namn"), ("orgnr", "Organisationsnummer"), ("adress", "Adress"),
              ("postnummer", "Postnummer"), ("ort", "Ort"), ("epost", "E-post"), ("telefon", "Telefon"))

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("Förbundsuppgifter")
        self.resize(560, 380)
        f = book.forbund()
        form = QFormLayout()
        self.edits: dict[str, tuple[QLineEdit, QLabel]] = {}
        for key, label in self.FIELDS:
            e = QLineEdit(getattr(f, key))
            err = error_label()
            form.addRow(label, e)
            form.addRow("", err)
            self.edits[key] = (e, err)
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("Spara")
        buttons.button(QDialogButtonBox.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Förbundsuppgifter"))
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addStretch(1)
        lay.addWidget(buttons)

    def save(self) -> None:
        for e, err in self.edits.values():
            set_error(err, None)
            mark_field(e, False)
        values = {k: e.text().strip() for k, (e, _err) in self.edits.items()}
        try:
            self.book.update_forbund(**values)
        except FinsamError as exc:
            key = "orgnr" if exc.field == "organisationsnummer" else exc.field
            if key in self.edits:
                set_error(self.edits[key][1], exc.message)
                mark_field(self.edits[key][0], True)
            else:
                set_error(self.message, exc.message)
            return
        self.accept()
