"""Ny bok: the short setup of a new book (file, förbund, orgnr with check digit, first
räkenskapsår, members and their andelar, the default chart of accounts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..book import SUFFIX, Book
from ..book.registers import MEMBER_KINDS
from ..book.validate import normalize_orgnr, parse_date
from ..errors import FinsamError, InputError
from ..ops.setup import check_members, create_book
from .common import MUTED_STYLE, error_label, heading, mark_field, ok_cancel, primary, set_error
from ..book.validate import format_share, parse_share
from .members_form import KIND_NAMES

DEFAULT_MEMBERS = (("Försäkringskassan", "stat", 2500), ("Arbetsförmedlingen", "stat", 2500),
                   ("", "region", 2500), ("", "kommun", 2500))


class SetupDialog(QDialog):
    """On success `self.book` is the new, open book."""

    def __init__(self, parent=None, *, path: str | Path | None = None):
        super().__init__(parent)
        self.book: Book | None = None
        self.setWindowTitle("Ny bok")
        self.resize(720, 640)
        self.path = QLineEdit(str(path) if path else "")
        self.path.setPlaceholderText(f"Filen boken sparas i, t.ex. Samordningsförbundet{SUFFIX}")
        browse = QPushButton("Välj …")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.path_error = error_label()
        self.name = QLineEdit()
        self.name.setPlaceholderText("t.ex. Samordningsförbundet Västernorrland")
        self.name_error = error_label()
        self.orgnr = QLineEdit()
        self.orgnr.setPlaceholderText("222000-0000")
        self.orgnr.setMaximumWidth(160)
        self.orgnr_error = error_label()
        self.orgnr_ok = QLabel()
        self.orgnr.textEdited.connect(self._check_orgnr)
        this_year = date.today().year
        self.year_start = QLineEdit(f"{this_year}-01-01")
        self.year_end = QLineEdit(f"{this_year}-12-31")
        for w in (self.year_start, self.year_end):
            w.setMaximumWidth(130)
        self.year_error = error_label()
        self.chart = QCheckBox("Lägg in standardkontoplanen (Kommun-BAS för samordningsförbund)")
        self.chart.setChecked(True)
        self.members = QTableWidget(0, 3)
        self.members.setHorizontalHeaderLabels(["Medlem", "Typ", "Andel (%)"])
        self.members.verticalHeader().hide()
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.members.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.members.setColumnWidth(1, 130)
        self.members.setColumnWidth(2, 100)
        for name, kind, share in DEFAULT_MEMBERS:
            self.add_member_row(name, kind, share)
        add = QPushButton("Lägg till medlem")
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.add_member_row("", "kommun", 0))
        self.members_error = error_label()
        self.message = error_label()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        orgnr_row = QHBoxLayout()
        orgnr_row.addWidget(self.orgnr)
        orgnr_row.addWidget(self.orgnr_ok, 1)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_start)
        year_row.addWidget(QLabel("till"))
        year_row.addWidget(self.year_end)
        year_row.addStretch(1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.addRow("Fil", file_row)
        form.addRow("", self.path_error)
        form.addRow("Förbundets namn", self.name)
        form.addRow("", self.name_error)
        form.addRow("Organisationsnummer", orgnr_row)
        form.addRow("", self.orgnr_error)
        form.addRow("Första räkenskapsår", year_row)
        form.addRow("", self.year_error)
        form.addRow("", self.chart)
        hint = QLabel("Medlemmarna och deras andelar av driftbidraget: staten (Försäkringskassan och "
                      "Arbetsförmedlingen) hälften, regionen en fjärdedel och kommunerna en fjärdedel. "
                      "Rader utan namn hoppas över; allt kan ändras senare.")
        hint.setStyleSheet(MUTED_STYLE)
        hint.setWordWrap(True)
        buttons = ok_cancel(self, "Skapa boken", self.create)
        self.create_button = buttons.button(QDialogButtonBox.Ok)
        primary(self.create_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Ny bok"))
        lay.addLayout(form)
        lay.addWidget(QLabel("<b>Medlemmar</b>"))
        lay.addWidget(hint)
        lay.addWidget(self.members, 1)
        mrow = QHBoxLayout()
        mrow.addWidget(add)
        mrow.addWidget(self.members_error, 1)
        mrow.addStretch(0)
        lay.addLayout(mrow)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def add_member_row(self, name: str, kind: str, share_bp: int) -> None:
        r = self.members.rowCount()
        self.members.insertRow(r)
        self.members.setItem(r, 0, QTableWidgetItem(name))
        box = QComboBox()
        for k in MEMBER_KINDS:
            box.addItem(KIND_NAMES[k], k)
        box.setCurrentIndex(box.findData(kind))
        self.members.setCellWidget(r, 1, box)
        item = QTableWidgetItem(format_share(share_bp).replace(" %", "") if share_bp else "")
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.members.setItem(r, 2, item)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Spara den nya boken som", self.path.text(),
                                              f"Finsam-bok (*{SUFFIX})")
        if name:
            if not name.endswith(SUFFIX):
                name += SUFFIX
            self.path.setText(name)

    def _check_orgnr(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) < 10:
            self.orgnr_ok.setText("")
            set_error(self.orgnr_error, None)
            mark_field(self.orgnr, False)
            return
        try:
            normalize_orgnr(text)
        except InputError as exc:
            self.orgnr_ok.setText("")
            set_error(self.orgnr_error, exc.message)
            mark_field(self.orgnr, True)
        else:
            self.orgnr_ok.setText("<span style='color:#1e7b34'>✓ kontrollsiffran stämmer</span>")
            set_error(self.orgnr_error, None)
            mark_field(self.orgnr, False)

    def member_rows(self) -> list[tuple[str, str, int]]:
        """The named members as (name, kind, andel in 1/100 %); refuses a bad andel,
        duplicate names and andelar that do not add up to 100 %."""
        out = []
        for r in range(self.members.rowCount()):
            name = (self.members.item(r, 0).text() if self.members.item(r, 0) else "").strip()
            if not name:
                continue
            kind = self.members.cellWidget(r, 1).currentData()
            share_text = self.members.item(r, 2).text() if self.members.item(r, 2) else ""
            try:
                share = parse_share(share_text or "0")
            except InputError as exc:
                raise InputError(f"{name}: {exc.message}", field="medlemmar") from None
            out.append((name, kind, share))
        check_members(out)
        return out

    def _clear_errors(self) -> None:
        for lab, w in ((self.path_error, self.path), (self.name_error, self.name),
                       (self.orgnr_error, self.orgnr), (self.year_error, self.year_start),
                       (self.members_error, self.members)):
            set_error(lab, None)
            mark_field(w, False)
        mark_field(self.year_end, False)
        set_error(self.message, None)

    def create(self) -> Book | None:
        """Check everything, then create the book in one go; on any refusal the message
        stands next to its field, nothing is written and the typed values stay."""
        self._clear_errors()
        try:
            path = self._path()
            if not self.name.text().strip():
                raise InputError("Skriv förbundets namn.", field="namn")
            orgnr = normalize_orgnr(self.orgnr.text())
            start = parse_date(self.year_start.text(), field="startdatum")
            end = parse_date(self.year_end.text(), field="slutdatum")
            members = self.member_rows()
            book = create_book(path, namn=self.name.text().strip(), orgnr=orgnr, year_start=start,
                               year_end=end, chart=self.chart.isChecked(), members=members)
        except FinsamError as exc:
            self._show(exc)
            return None
        self.book = book
        self.accept()
        return book

    def _path(self) -> Path:
        text = self.path.text().strip()
        if not text:
            raise InputError("Välj var boken ska sparas.", field="fil")
        p = Path(text).expanduser()
        if p.suffix != SUFFIX:
            p = p.with_name(p.name + SUFFIX)
        return p

    def _show(self, exc: FinsamError) -> None:
        where = {"fil": (self.path_error, self.path), "namn": (self.name_error, self.name),
                 "organisationsnummer": (self.orgnr_error, self.orgnr),
                 "startdatum": (self.year_error, self.year_start), "slutdatum": (self.year_error, self.year_end),
                 "medlemmar": (self.members_error, self.members)}.get(exc.field or "")
        if where is None and exc.path:
            where = (self.path_error, self.path)
        if where:
            set_error(where[0], exc.message)
            mark_field(where[1], True)
        else:
            set_error(self.message, exc.message)
