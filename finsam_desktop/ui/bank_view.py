"""The Bank page: the imported bank lines, their status and matching, booking from
rules, and the reconciliation (avstämning) at any date; and reading a statement in
(Bokföring → Läs in kontoutdrag, or a file dropped on the window).

Keyboard: Enter confirms the selected line's proposal, Delete removes its match; the
buttons carry mnemonics (Alt + the underlined letter, none shared with the menu bar)."""

from __future__ import annotations

from datetime import date as _date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFrame, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from ..bank.csvfile import PRESETS
from ..book import Book
from ..errors import FinsamError
from ..money import format_ore
from ..ops import bank
from .common import (DateEdit, ERROR_STYLE, heading, iso, money, muted, MUTED_STYLE, ok_cancel, primary, qdate,
                     show_error, table_view)
from .models import Column, RecordTableModel

STATUS_TEXT = {"matchad": "Avstämd", "förslag": "Förslag", "omatchad": "Omatchad"}
FILTERS = (("Att göra (förslag och omatchade)", ("förslag", "omatchad")), ("Alla rader", None),
           ("Förslag", ("förslag",)), ("Omatchade", ("omatchad",)), ("Avstämda", ("matchad",)))
STATEMENT_SUFFIXES = {".xml", ".csv", ".txt"}
BANK_NAMES = {"handelsbanken": "Handelsbanken", "swedbank": "Swedbank", "seb": "SEB", "nordea": "Nordea"}


def _ask(parent, title: str, label: str, *, text: str | None = None, number: int | None = None,
         items: list[str] | None = None):
    """A one-field question with Swedish buttons: (answer, ok)."""
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setOkButtonText("OK")
    dlg.setCancelButtonText("Avbryt")
    if number is not None:
        dlg.setInputMode(QInputDialog.IntInput)
        dlg.setIntRange(1000, 9999)
        dlg.setIntValue(number)
    elif items is not None:
        dlg.setComboBoxItems(items)
        dlg.setComboBoxEditable(False)
    else:
        dlg.setTextValue(text or "")
    ok = dlg.exec() == QDialog.Accepted
    value = dlg.intValue() if number is not None else dlg.textValue()
    return value, ok


def _month_end(iso_date: str) -> str:
    d = _date.fromisoformat(iso_date)
    return ((d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).isoformat()


class BankView(QWidget):
    open_voucher = Signal(int)

    def __init__(self, book: Book):
        super().__init__()
        self.book = book
        self.account = book.account_role("bank")
        self.refs: dict[int, str] = {}
        self.columns = [
            Column("Datum", lambda ln: ln.booking_date),
            Column("Text", lambda ln: ln.text),
            Column("Motpart", lambda ln: ln.counterparty),
            Column("Belopp", lambda ln: ln.amount, amount=True),
            Column("Status", lambda ln: STATUS_TEXT[ln.status]),
            Column("Verifikation", lambda ln: ", ".join(self.refs.get(v, str(v)) for v in ln.voucher_ids)),
        ]
        self.model = RecordTableModel(self.columns)
        self.table = table_view(self.model, stretch_column=1, widths={0: 11, 2: 22, 3: 14, 4: 10, 5: 16})
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda *_: self._open_first_voucher())
        self.table.installEventFilter(self)  # Enter confirms the selected proposal, Delete unmatches

        self.title = heading("Bank")
        self.account_label = muted("")
        # Another bank account with statements of its own can be chosen here.
        self.account_box = QComboBox()
        self.account_box.setToolTip("Bankkontot i boken")
        self.account_box.activated.connect(lambda i: self.set_account(self.account_box.itemData(i)))
        self.filter = QComboBox()
        for text, _statuses in FILTERS:
            self.filter.addItem(text)
        self.filter.currentIndexChanged.connect(lambda *_: self.reload())
        self.import_button = QPushButton("&Läs in kontoutdrag …")
        self.import_button.clicked.connect(lambda: choose_and_import(self.window(), view=self))
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.account_box)
        top.addWidget(self.account_label, 1)
        top.addWidget(QLabel("&Visa"))
        top.itemAt(top.count() - 1).widget().setBuddy(self.filter)
        top.addWidget(self.filter)
        top.addWidget(self.import_button)
        self.summary = muted("")

        # What the selected line is matched to, or what is proposed for it.
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.PlainText)
        self.detail.setMinimumHeight(44)
        self.confirm_button = primary(QPushButton("Be&kräfta"))
        self.confirm_button.setToolTip("Bekräfta förslaget för den markerade raden (Enter)")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.confirm_all_button = QPushButton("Bekräfta alla för&slag")
        self.confirm_all_button.clicked.connect(self.confirm_all)
        self.hand_button = QPushButton("&Matcha för hand …")
        self.hand_button.clicked.connect(self.match_selected_by_hand)
        self.book_button = QPushButton("Bok&för verifikation …")
        self.book_button.setToolTip("Bokför en verifikation för bankraden, enligt en regel eller mot ett konto")
        self.book_button.clicked.connect(self.book_selected)
        self.rule_button = QPushButton("Ny re&gel …")
        self.rule_button.setToolTip("Text på bankraden → motkonto, t.ex. BANKAVGIFT → 8570")
        self.rule_button.clicked.connect(self.add_rule)
        self.unmatch_button = QPushButton("&Ta bort matchning")
        self.unmatch_button.setToolTip("Ta bort den markerade radens matchning (Delete)")
        self.unmatch_button.clicked.connect(self.unmatch_selected)
        actions = QHBoxLayout()
        for b in (self.confirm_button, self.confirm_all_button, self.hand_button, self.book_button,
                  self.rule_button, self.unmatch_button):
            b.setAutoDefault(False)
            actions.addWidget(b)
        actions.addStretch(1)

        # The reconciliation at a date.
        self.rec_date = DateEdit()
        self.rec_date.setCalendarPopup(True)
        self.rec_date.setDisplayFormat("yyyy-MM-dd")
        self.rec_date.dateChanged.connect(lambda *_: self._show_reconciliation())
        self.rec_bank, self.rec_book, self.rec_diff, self.rec_unexplained = (QLabel() for _ in range(4))
        self.rec_verdict = QLabel()
        self.pdf_button = QPushButton("Avstämning som P&DF …")
        self.pdf_button.clicked.connect(self.save_reconciliation_pdf)
        self.months_button = QPushButton("Må&nadsslut …")
        self.months_button.setToolTip("Avstämningen vid varje månadsslut i räkenskapsåret")
        self.months_button.clicked.connect(self.show_month_ends)
        rec = QGridLayout()
        date_label = QLabel("Avstämning p&er")
        date_label.setBuddy(self.rec_date)
        rec.addWidget(date_label, 0, 0)
        rec.addWidget(self.rec_date, 0, 1)
        for col, (text, value) in enumerate((("Saldo enligt kontoutdrag", self.rec_bank),
                                             ("Saldo enligt bokföringen", self.rec_book),
                                             ("Differens", self.rec_diff),
                                             ("Oförklarat", self.rec_unexplained)), start=1):
            label = QLabel(text)
            label.setStyleSheet(MUTED_STYLE)
            rec.addWidget(label, 0, 1 + col)
            value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            value.setStyleSheet("font-weight: 600;")
            rec.addWidget(value, 1, 1 + col)
        rec.addWidget(self.rec_verdict, 2, 0, 1, 9)
        rec.setColumnStretch(6, 1)
        rec.addWidget(self.months_button, 0, 7, 2, 1, Qt.AlignRight | Qt.AlignVCenter)
        rec.addWidget(self.pdf_button, 0, 8, 2, 1, Qt.AlignRight | Qt.AlignVCenter)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setStyleSheet("color: #d5dbe1;")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 12)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addLayout(actions)
        lay.addWidget(line)
        lay.addLayout(rec)
        self.setAcceptDrops(True)
        self.reload()
        self._default_date()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == QEvent.KeyPress \
                and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.confirm_selected()
                return True
            if event.key() == Qt.Key_Delete:
                self.unmatch_selected()
                return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        current = self.model.record(self.table.currentIndex().row())
        keep = current.id if current is not None else None
        self._fill_accounts()
        lines = self.book.bank_lines(self.account)
        self.refs = {m.voucher_id: m.ref for m in self.book.bank_movements(self.account, "0000-01-01", "9999-12-31")}
        counts = {s: sum(1 for ln in lines if ln.status == s) for s in STATUS_TEXT}
        wanted = FILTERS[self.filter.currentIndex()][1]
        shown = [ln for ln in lines if wanted is None or ln.status in wanted]
        self.model.set_records(shown)
        acc = self.book.account(self.account)
        aid = self.book.bank_account_id(self.account)
        statements = self.book.bank_statements(self.account)
        period = f", {statements[0].date_from}–{max(s.date_to for s in statements)}" if statements else ""
        self.account_label.setText(f"Konto {self.account} {acc.name if acc else ''}"
                                   + (f" · {aid}" if aid else "") + f" · {len(statements)} kontoutdrag{period}")
        if lines:
            self.summary.setText(f"{len(lines)} bankrader: {counts['matchad']} avstämda, {counts['förslag']} med "
                                 f"förslag att bekräfta, {counts['omatchad']} omatchade. Visar {len(shown)}.")
        else:
            self.summary.setText("Inga bankrader ännu. Läs in bankens kontoutdrag (camt.053 eller CSV) med "
                                 "knappen, menyn Bokföring eller genom att släppa filen på fönstret.")
        row = next((i for i, ln in enumerate(shown) if ln.id == keep), 0 if shown else -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_selected()
        self._show_reconciliation()

    def _fill_accounts(self) -> None:
        numbers = sorted({self.book.account_role("bank"), self.account}
                         | {st.account for st in self.book.bank_statements()})
        self.account_box.blockSignals(True)
        self.account_box.clear()
        for number in numbers:
            acc = self.book.account(number)
            self.account_box.addItem(f"{number} {acc.name if acc else ''}".strip(), number)
        self.account_box.setCurrentIndex(self.account_box.findData(self.account))
        self.account_box.blockSignals(False)
        self.account_box.setVisible(len(numbers) > 1)

    def set_account(self, number: int) -> None:
        """Show the lines and the reconciliation of another bank account of the book."""
        if number is not None and number != self.account:
            self.account = int(number)
            self.reload()
            self._default_date()

    def set_year(self, year_id: int) -> None:
        y = self.book.year(year_id)
        if y is not None:
            self._default_date(y.start, y.end)

    def _default_date(self, start: str | None = None, end: str | None = None) -> None:
        """The month end of the last bank line (within the year shown), else the year's end."""
        lines = self.book.bank_lines(self.account, start or "0000-01-01", end or "9999-12-31")
        if lines:
            day = _month_end(lines[-1].booking_date)
            if end:
                day = min(day, end)
        else:
            day = end or _date.today().isoformat()
        self.rec_date.setDate(qdate(day))
        self._show_reconciliation()

    def selected(self):
        return self.model.record(self.table.currentIndex().row())

    def _show_selected(self) -> None:
        ln = self.selected()
        writable = not self.book.read_only
        has_proposals = any(r.status == "förslag" for r in self.model.records)
        self.confirm_all_button.setEnabled(writable and has_proposals)
        self.rule_button.setEnabled(writable)
        if ln is None:
            self.detail.setText("")
            for b in (self.confirm_button, self.hand_button, self.book_button, self.unmatch_button):
                b.setEnabled(False)
            return
        self.confirm_button.setEnabled(writable and ln.status == "förslag")
        self.hand_button.setEnabled(writable)
        self.book_button.setEnabled(writable and ln.status == "omatchad")
        self.unmatch_button.setEnabled(writable and bool(ln.voucher_ids))
        head = f"{ln.booking_date}  {format_ore(ln.amount)} kr  {ln.text}"
        if ln.ocr:
            head += f"  (OCR {ln.ocr})"
        if ln.voucher_ids:
            parts = []
            for vid in ln.voucher_ids:
                v = self.book.voucher(vid)
                amount = self.book.bank_voucher_amount(vid, self.account) or 0
                parts.append(f"{v.series} {v.number} {v.date} {v.text} ({format_ore(amount)} kr)")
            verb = "Avstämd mot" if ln.confirmed else "Förslag:"
            self.detail.setText(f"{head}\n{verb} " + "; ".join(parts)
                                + ("" if ln.confirmed else "  – Enter bekräftar."))
        else:
            proposal = bank.rule_proposal(self.book, ln.id)
            if proposal:
                acc = self.book.account(proposal["account"])
                source = (f"Regeln ”{proposal['rule']}”" if proposal["rule"]
                          else f"Mallen (som verifikation {proposal['mall']})")
                self.detail.setText(f"{head}\nIngen bokförd verifikation passar. {source} föreslår "
                                    f"en verifikation mot {proposal['account']} {acc.name if acc else ''}: "
                                    "Bokför verifikation.")
            else:
                self.detail.setText(f"{head}\nIngen bokförd verifikation passar och ingen regel eller mall. Matcha "
                                    "för hand eller bokför en verifikation mot ett konto.")

    def _show_reconciliation(self) -> None:
        day = iso(self.rec_date.date())
        try:
            rec = bank.reconcile(self.book, day, account=self.account)
        except FinsamError as exc:
            for w in (self.rec_bank, self.rec_book, self.rec_diff, self.rec_unexplained):
                w.setText("–")
            self.rec_verdict.setText(exc.message)
            self.rec_verdict.setStyleSheet(ERROR_STYLE)
            self.pdf_button.setEnabled(False)
            return
        self.rec_bank.setText("–" if rec.bank_balance is None else money(rec.bank_balance))
        self.rec_book.setText(money(rec.book_balance))
        self.rec_diff.setText(money(rec.difference))
        self.rec_unexplained.setText(money(rec.unexplained))
        self.pdf_button.setEnabled(True)
        if rec.bank_balance is None:
            text, style = "Inget kontoutdrag täcker dagen.", MUTED_STYLE
        elif rec.ok:
            text, style = "Stämmer: allt är avstämt.", "color: #1d6b35; font-weight: 600;"
        elif rec.unexplained == 0:
            text, style = (f"Förklaras av {len(rec.open_lines)} bankrader och {len(rec.open_movements)} "
                           "verifikationer som inte är avstämda."), MUTED_STYLE
        else:
            text, style = f"Oförklarad differens {format_ore(rec.unexplained)} kr.", ERROR_STYLE
        self.rec_verdict.setText(text)
        self.rec_verdict.setStyleSheet(style)
        self.reconciliation = rec

    # ------------------------------------------------------------------ changing
    def _changed(self) -> None:
        w = self.window()
        if hasattr(w, "refresh"):
            w.refresh()
        else:
            self.reload()

    def _run(self, fn, *args, **kw):
        try:
            result = fn(*args, **kw)
        except FinsamError as exc:
            show_error(self, exc)
            return None
        self._changed()
        return result

    def confirm_selected(self) -> None:
        ln = self.selected()
        if ln is not None and ln.status == "förslag" and not self.book.read_only:
            row = self.table.currentIndex().row()
            self._run(bank.confirm_matches, self.book, [ln.id], account=self.account)
            # Keyboard-first: the next line to decide is selected.
            if self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def confirm_all(self) -> None:
        n = self._run(bank.confirm_matches, self.book, account=self.account)
        if n is not None:
            self._status(f"{n} matchningar bekräftades.")

    def unmatch_selected(self) -> None:
        ln = self.selected()
        if ln is not None and ln.voucher_ids and not self.book.read_only:
            self._run(bank.unmatch, self.book, ln.id)

    def match_selected_by_hand(self) -> None:
        ln = self.selected()
        if ln is None or self.book.read_only:
            return
        dlg = HandMatchDialog(self.book, ln, self)
        if dlg.exec() == QDialog.Accepted:
            self._run(bank.match_by_hand, self.book, ln.id, dlg.voucher_ids())

    def book_selected(self) -> None:
        ln = self.selected()
        if ln is None or ln.voucher_ids or self.book.read_only:
            return
        proposal = bank.rule_proposal(self.book, ln.id)
        if proposal is not None:
            acc = self.book.account(proposal["account"])
            answer = QMessageBox.question(
                self, "Bokför verifikation",
                f"Bokför verifikationen ”{proposal['text']}” den {ln.booking_date}:\n\n"
                f"{self.account} {'debet' if ln.amount > 0 else 'kredit'} {format_ore(abs(ln.amount))} kr\n"
                f"{proposal['account']} {acc.name if acc else ''} {'kredit' if ln.amount > 0 else 'debet'} "
                f"{format_ore(abs(ln.amount))} kr\n\n"
                "Bankraden stäms av mot den.")
            if answer == QMessageBox.Yes:
                self._run(bank.book_line, self.book, ln.id)
            return
        number, ok = _ask(self, "Bokför verifikation",
                          f"Motkonto för bankraden ”{ln.text}” ({format_ore(ln.amount)} kr):",
                          number=8570 if ln.amount < 0 else 8440)
        if ok:
            self._run(bank.book_line, self.book, ln.id, account=number)

    def add_rule(self) -> None:
        ln = self.selected()
        pattern, ok = _ask(self, "Ny regel", "Bankradens text innehåller:",
                           text=(ln.text.split()[0] if ln and ln.text else ""))
        if not ok or not pattern.strip():
            return
        number, ok = _ask(self, "Ny regel", f"Motkonto när texten innehåller ”{pattern}”:", number=8570)
        if ok and self._run(bank.add_rule, self.book, pattern, number) is not None:
            self._status(f"Regeln ”{pattern}” → {number} sparades.")

    def show_month_ends(self) -> MonthEndsDialog | None:
        year = self.book.year_of_date(iso(self.rec_date.date()))
        if year is None:
            return None
        dlg = MonthEndsDialog(bank.month_ends(self.book, year.id, account=self.account), self)
        dlg.chosen.connect(lambda day: self.rec_date.setDate(qdate(day)))
        dlg.show()
        return dlg

    def save_reconciliation_pdf(self) -> None:
        day = iso(self.rec_date.date())
        name, _ = QFileDialog.getSaveFileName(self, "Spara bankavstämning",
                                              str(Path.home() / f"Bankavstämning {self.account} {day}.pdf"),
                                              "PDF (*.pdf)")
        if name:
            self.write_pdf(name)

    def write_pdf(self, path: str) -> Path | None:
        # Lazy for start-up time: reportlab loads on first use (as ui/pdf_export.py).
        from ..render.bank_pdf import render_reconciliation
        try:
            out = render_reconciliation(bank.reconcile(self.book, iso(self.rec_date.date()), account=self.account),
                                        path)
        except FinsamError as exc:
            show_error(self, exc)
            return None
        self._status(f"Bankavstämningen sparades i {out}.")
        return out

    def _open_first_voucher(self) -> None:
        ln = self.selected()
        if ln is not None and ln.voucher_ids:
            self.open_voucher.emit(ln.voucher_ids[0])

    def _status(self, text: str) -> None:
        w = self.window()
        if hasattr(w, "statusBar"):
            w.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ dropping a file
    def dragEnterEvent(self, event) -> None:
        if statement_path(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = statement_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            choose_and_import(self.window(), path, view=self)


class MonthEndsDialog(QDialog):
    """The reconciliation at each month end of a year; Enter or a double click shows that
    month end on the Bank page."""

    chosen = Signal(str)

    def __init__(self, recs: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Bankavstämning vid månadsslut")
        self.resize(900, 460)

        def state(r) -> str:
            if r.bank_balance is None:
                return "Inget kontoutdrag"
            if r.ok:
                return "Stämmer"
            if r.unexplained:
                return f"Oförklarat {format_ore(r.unexplained)}"
            return f"{len(r.open_lines)} bankrader, {len(r.open_movements)} verifikationer öppna"

        self.model = RecordTableModel([
            Column("Månadsslut", lambda r: r.date), Column("Kontoutdrag", lambda r: r.bank_balance, amount=True),
            Column("Bokföring", lambda r: r.book_balance, amount=True),
            Column("Differens", lambda r: r.difference, amount=True), Column("Status", state)], recs)
        self.table = table_view(self.model, stretch_column=4, widths={0: 11, 1: 15, 2: 15, 3: 13})
        self.table.activated.connect(self._choose)
        self.table.doubleClicked.connect(self._choose)
        close = QPushButton("Stäng")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Bankavstämning vid månadsslut", 13))
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(muted("Enter eller dubbelklick visar månadsslutet på bank-sidan."))
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)

    def _choose(self, index) -> None:
        r = self.model.record(index.row())
        if r is not None:
            self.chosen.emit(r.date)
            self.accept()


class HandMatchDialog(QDialog):
    """Pick the verifikationer (one or several) a bank line matches: their movements of
    the bank account must add up to the line's amount."""

    def __init__(self, book: Book, line, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Matcha för hand")
        self.resize(860, 460)
        self.line = line
        lo = (_date.fromisoformat(line.booking_date) - timedelta(days=45)).isoformat()
        hi = (_date.fromisoformat(line.booking_date) + timedelta(days=45)).isoformat()
        movements = [m for m in book.bank_movements(line.account, lo, hi)
                     if m.line_id is None or m.line_id == line.id]
        movements.sort(key=lambda m: (m.amount != line.amount, abs(_date.fromisoformat(m.date).toordinal()
                                                                   - _date.fromisoformat(line.booking_date).toordinal())))
        self.model = RecordTableModel([Column("Ver", lambda m: m.ref), Column("Datum", lambda m: m.date),
                                       Column("Text", lambda m: m.text), Column("Belopp", lambda m: m.amount, amount=True)],
                                      movements)
        self.table = table_view(self.model, stretch_column=2, widths={0: 7, 1: 11, 3: 14})
        self.table.setSelectionMode(QAbstractItemView.MultiSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sum())
        self.sum_label = QLabel()
        self.buttons = ok_cancel(self, "Matcha")
        lay = QVBoxLayout(self)
        lay.addWidget(heading(f"{line.booking_date}  {format_ore(line.amount)} kr  {line.text}", 12))
        lay.addWidget(muted("Markera den eller de verifikationer på bankkontot som bankraden avser (mellanslag "
                            "markerar). Summan ska bli bankradens belopp."))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.sum_label)
        lay.addWidget(self.buttons)
        if movements and movements[0].amount == line.amount:
            self.table.selectRow(0)
        self._sum()

    def voucher_ids(self) -> list[int]:
        return [self.model.record(ix.row()).voucher_id for ix in self.table.selectionModel().selectedRows()]

    def _sum(self) -> None:
        total = sum(self.model.record(ix.row()).amount for ix in self.table.selectionModel().selectedRows())
        diff = self.line.amount - total
        self.sum_label.setText(f"Markerat {format_ore(total)} kr av {format_ore(self.line.amount)} kr"
                               + ("" if diff == 0 else f" (differens {format_ore(diff)} kr)"))
        self.sum_label.setStyleSheet("" if diff == 0 else ERROR_STYLE)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(diff == 0 and total != 0)


def statement_path(mime) -> str | None:
    """The statement file a drag carries (one local .xml/.csv/.txt file), if any."""
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if len(urls) == 1 and Path(urls[0].toLocalFile()).suffix.lower() in STATEMENT_SUFFIXES:
        return urls[0].toLocalFile()
    return None


def choose_and_import(window, path: str | None = None, *, view: BankView | None = None):
    """Bokföring → Läs in kontoutdrag (and a dropped file): read the statement into the
    open book's bank account, show the Bank page and what the import did."""
    book = getattr(window, "book", None) if view is None else view.book
    if book is None:
        return None
    if book.read_only:
        QMessageBox.information(window, "Läs in kontoutdrag", "Boken är öppnad skrivskyddad; inget kan läsas in.")
        return None
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Läs in kontoutdrag", str(Path.home()),
                                              "Kontoutdrag (*.xml *.csv *.txt);;Alla filer (*)")
        if not path:
            return None
    account = view.account if view is not None else book.account_role("bank")
    mapping = None
    is_csv = not Path(path).read_bytes()[:200].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") \
        if Path(path).is_file() else False
    if is_csv and bank.csv_mapping(book, account) is None:
        names = [BANK_NAMES[k] for k in PRESETS]
        choice, ok = _ask(window, "Bankens CSV-format",
                          f"Vilken bank kommer filen från? Valet sparas för konto {account}.", items=names)
        if not ok:
            return None
        mapping = PRESETS[next(k for k, v in BANK_NAMES.items() if v == choice)]
    try:
        result = bank.import_statement(book, path, account=account, mapping=mapping)
        if mapping is not None:
            bank.set_csv_mapping(book, account, mapping)
    except FinsamError as exc:
        show_error(window, exc, "Kontoutdraget lästes inte in")
        return None
    if hasattr(window, "refresh"):
        window.refresh()
    page = window.show_page("bank") if hasattr(window, "show_page") else view
    if page is not None:
        page.reload()
    text = (f"{result.file}: {result.lines} rader, {result.new} nya, {result.duplicates} redan inlästa.\n"
            f"{result.matched} nya rader har förslag på verifikation, {result.unmatched} saknar.")
    if result.bound:
        text += f"\nBankkontot {result.bound} kopplades till konto {result.account}."
    if result.gaps:
        text += "\n\n" + "\n".join(result.gaps)
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text.splitlines()[0], 10000)
    QMessageBox.information(window, "Kontoutdraget är inläst", text)
    return result
