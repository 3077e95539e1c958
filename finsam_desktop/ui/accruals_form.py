"""The period-end form: interimsskulder per insats and the other periodiseringar, booked
as one verifikation with "Bokför".

`AccrualsForm(book, period_end)` is the page the bokslut wizard embeds (signal `booked`
with the AccrualBooking); `AccrualsDialog(book)` wraps it for the Bokföring menu.
Amounts are typed in kronor; an empty "Att bokföra" leaves the insats undecided, 0 decides
it with nothing to book.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ..closing.accruals import AccrualEntry, AccrualSuggestion, book_accruals, line_state, suggest
from ..book import Book
from ..book.validate import parse_account_number
from ..errors import FinsamError
from ..money import parse_kr
from .ask import confirm_booking
from .screen_fit import fit_to_screen
from .common import (DateEdit, LEFT, RIGHT, error_label, heading, iso, money, muted, qdate, set_column_widths,
                     set_error)

MUTED = QBrush(QColor("#6b7680"))
EDIT_BG = QBrush(QColor("#fffbe8"))
WARN = QBrush(QColor("#8a1f1f"))


STATUS_LABELS = {"elsewhere": "Bokförd (annan ver.)", "undecided": "Ej beslutad", "zero": "Beslutad: 0 kr",
                 "reversed": "Bokförd, återförd", "booked": "Bokförd, återförs"}


def _status(line) -> str:
    return STATUS_LABELS[line_state(line)]


def _edit_text(shown: str) -> str:
    """A formatted amount as the editor gets it: plain spaces and a plain minus."""
    return shown.replace("\u00a0", " ").replace("\u2212", "-")


@dataclass
class _Edit:
    """What the user typed on one line (None: not typed, follow the suggestion)."""
    amount: int | None = None
    amount_set: bool = False
    comment: str | None = None
    label: str | None = None
    debit: int | None = None
    credit: int | None = None


class _LinesModel(QAbstractTableModel):
    """Common editing for the two tables: amounts parsed with money.parse_kr, a refused
    value reported through `error` and left out."""

    error = Signal(str)
    edited = Signal()
    columns: tuple[str, ...] = ()
    amount_columns: set[int] = set()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list = []
        self.edits: list[_Edit] = []
        self.read_only = False

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.columns[section]
        if role == Qt.TextAlignmentRole:
            return RIGHT if section in self.amount_columns else LEFT
        return None

    def editable(self, row: int, col: int) -> bool:
        return False

    def flags(self, index):
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if not self.read_only and self.editable(index.row(), index.column()):
            f |= Qt.ItemIsEditable
        return f

    def _row_edited(self, r: int) -> bool:
        """An accepted edit on row `r`: clear the error, repaint the row, tell the form."""
        self.error.emit("")
        self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))
        self.edited.emit()
        return True

    def _parse_amount(self, value) -> tuple[bool, int | None]:
        text = str(value or "").strip()
        if not text:
            return True, None
        try:
            ore = parse_kr(text, field="belopp")
        except FinsamError as exc:
            self.error.emit(exc.message)
            return False, None
        if ore < 0:
            self.error.emit("Beloppet kan inte vara negativt.")
            return False, None
        return True, ore


class ProjectLinesModel(_LinesModel):
    """One row per active insats."""

    columns = ("Insats", "Projektägare", "Beviljat", "Bokfört", "Rapporterat", "Förslag",
               "Att bokföra", "Kommentar", "Status")
    amount_columns = {2, 3, 4, 5, 6}
    REPORTED, AMOUNT, COMMENT = 4, 6, 7

    reported_changed = Signal(int, object, str)  # project_id, öre or None, comment

    def set_lines(self, lines, keep: bool = True) -> None:
        old = {l.project_id: e for l, e in zip(self.lines, self.edits)} if keep else {}
        self.beginResetModel()
        self.lines = list(lines)
        self.edits = [old.get(l.project_id, _Edit()) if not l.decided else _Edit() for l in self.lines]
        self.endResetModel()

    def editable(self, row, col) -> bool:
        return not self.lines[row].decided and col in (self.REPORTED, self.AMOUNT, self.COMMENT)

    def amount(self, row: int) -> int | None:
        """The amount to book on a row: typed, else the decided amount or the suggestion."""
        line, e = self.lines[row], self.edits[row]
        if line.decided:
            return line.record.amount if line.record else line.booked_elsewhere
        return e.amount if e.amount_set else line.suggested

    def comment(self, row: int) -> str:
        e = self.edits[row]
        return self.lines[row].comment if e.comment is None else e.comment

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        line = self.lines[r]
        if role in (Qt.DisplayRole, Qt.EditRole):
            values = (f"{line.code} {line.name}", line.owner or "–", money(line.granted_period),
                      money(line.booked), money(line.reported),
                      "" if line.decided else money(line.suggested),
                      money(self.amount(r)), self.comment(r), _status(line))
            v = values[c]
            if role == Qt.EditRole and c in (self.REPORTED, self.AMOUNT):
                return _edit_text(v)
            return v
        if role == Qt.TextAlignmentRole:
            return RIGHT if c in self.amount_columns else LEFT
        if role == Qt.ForegroundRole:
            if line.decided:
                return MUTED
            if c == 8:
                return WARN
        if role == Qt.BackgroundRole and c in (self.REPORTED, self.AMOUNT) and self.flags(index) & Qt.ItemIsEditable:
            return EDIT_BG
        if role == Qt.ToolTipRole:
            if c in (0, 1, 7):
                return self.data(index, Qt.DisplayRole)
            if c == 8 and line.booked_elsewhere and line.record is None:
                return "Interimsskulden är bokförd per periodens slut i en verifikation utanför formuläret."
            if c == 2 and line.granted_period != line.granted:
                return f"Beviljat för hela året: {money(line.granted)} kr (pro rata till periodens slut)."
            if c == 5:
                return ("Det projektägaren har rapporterat." if line.reported is not None else
                        "Beviljat för perioden minus bokfört, aldrig negativt.")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not index.isValid():
            return False
        r, c = index.row(), index.column()
        e = self.edits[r]
        if c == self.COMMENT:
            e.comment = str(value)
        elif c == self.AMOUNT:
            ok, ore = self._parse_amount(value)
            if not ok:
                return False
            e.amount, e.amount_set = ore, True
        elif c == self.REPORTED:
            ok, ore = self._parse_amount(value)
            if not ok:
                return False
            self.reported_changed.emit(self.lines[r].project_id, ore, self.comment(r))
            return True
        else:
            return False
        return self._row_edited(r)

    def entries(self) -> list[AccrualEntry]:
        """The undecided insatser with an amount (0 included): what "Bokför" books."""
        out = []
        for r, line in enumerate(self.lines):
            amount = self.amount(r)
            if line.decided or amount is None:
                continue
            out.append(AccrualEntry(amount=amount, project_id=line.project_id, comment=self.comment(r)))
        return out


class OtherLinesModel(_LinesModel):
    """Upplupna arvoden, löner, sociala avgifter, kanslikostnader, förutbetalda intäkter."""

    columns = ("Periodisering", "Debetkonto", "Kreditkonto", "Belopp", "Kommentar", "Status")
    amount_columns = {3}
    LABEL, DEBIT, CREDIT, AMOUNT, COMMENT = 0, 1, 2, 3, 4

    def set_lines(self, lines) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.edits = [_Edit() for _ in self.lines]
        self.endResetModel()

    def editable(self, row, col) -> bool:
        return not self.lines[row].decided and col in (0, 1, 2, 3, 4)

    def _get(self, r: int):
        line, e = self.lines[r], self.edits[r]
        return (line.label if e.label is None else e.label,
                line.debit_account if e.debit is None else e.debit,
                line.credit_account if e.credit is None else e.credit,
                line.amount if line.decided else e.amount,
                (line.record.comment if line.record else "") if e.comment is None else e.comment)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        line = self.lines[r]
        label, debit, credit, amount, comment = self._get(r)
        if role in (Qt.DisplayRole, Qt.EditRole):
            values = (label, "" if debit is None else str(debit), "" if credit is None else str(credit),
                      money(amount), comment, _status(line))
            v = values[c]
            if role == Qt.EditRole and c == self.AMOUNT:
                return _edit_text(v)
            return v
        if role == Qt.TextAlignmentRole:
            return RIGHT if c in self.amount_columns else LEFT
        if role == Qt.ForegroundRole and line.decided:
            return MUTED
        if role == Qt.BackgroundRole and c == self.AMOUNT and self.flags(index) & Qt.ItemIsEditable:
            return EDIT_BG
        if role == Qt.ToolTipRole and c in (0, 4):
            return label if c == 0 else comment
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not index.isValid():
            return False
        r, c = index.row(), index.column()
        e = self.edits[r]
        text = str(value or "").strip()
        try:
            if c == self.LABEL:
                e.label = text
            elif c in (self.DEBIT, self.CREDIT):
                number = parse_account_number(text, field="konto") if text else None
                if c == self.DEBIT:
                    e.debit = number
                else:
                    e.credit = number
            elif c == self.AMOUNT:
                ok, ore = self._parse_amount(text)
                if not ok:
                    return False
                e.amount = ore
            elif c == self.COMMENT:
                e.comment = text
            else:
                return False
        except FinsamError as exc:
            self.error.emit(exc.message)
            return False
        return self._row_edited(r)

    def entries(self) -> list[AccrualEntry]:
        out = []
        for r, line in enumerate(self.lines):
            label, debit, credit, amount, comment = self._get(r)
            if line.decided or amount is None:
                continue
            out.append(AccrualEntry(amount=amount, kind=line.kind, label=label, debit_account=debit,
                                    credit_account=credit, comment=comment))
        return out


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    view.setSelectionBehavior(QAbstractItemView.SelectItems)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                         | QAbstractItemView.AnyKeyPressed | QAbstractItemView.SelectedClicked)
    view.setTabKeyNavigation(True)
    return view


class AccrualsForm(QWidget):
    """The period-end accruals for one period end, bookable with `book_accruals()`."""

    booked = Signal(object)  # AccrualBooking

    def __init__(self, book: Book, period_end: str, parent=None):
        super().__init__(parent)
        self.book = book
        self.suggestion: AccrualSuggestion | None = None
        self.last_booking = None

        self.date_edit = DateEdit()
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumWidth(120)
        self.date_edit.setDate(qdate(period_end))
        self.date_hint = muted("")

        self.projects = ProjectLinesModel(self)
        self.others = OtherLinesModel(self)
        self.project_view = _table(self.projects)
        self.other_view = _table(self.others)
        set_column_widths(self.project_view, {0: 30, 1: 16, 2: 11, 3: 11, 4: 12, 5: 10, 6: 12, 7: 14, 8: 16})
        set_column_widths(self.other_view, {0: 46, 1: 12, 2: 12, 3: 12, 4: 24, 5: 18})
        # The comment takes what is left, so the columns never need a scroll bar.
        # The insats name is shown whole; the projektägare takes what is left; the comment
        # keeps room for its header.
        self.project_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.project_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.other_view.horizontalHeader().setSectionResizeMode(OtherLinesModel.COMMENT, QHeaderView.Stretch)

        self.summary = QLabel()
        self.error = error_label()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.book_button = QPushButton("Bokför …")
        # Never the default button: Enter in "Periodens slut" must not book.
        self.book_button.setDefault(False)
        self.book_button.setAutoDefault(False)
        self.book_button.setToolTip("Bokför periodiseringen och dess återföring, efter en fråga som visar "
                                    "vad som bokförs.")

        top = QHBoxLayout()
        top.addWidget(QLabel("Periodens slut"))
        top.addWidget(self.date_edit)
        top.addSpacing(12)
        top.addWidget(self.date_hint, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.book_button)

        lay = QVBoxLayout(self)
        lay.addWidget(heading("Periodiseringar vid periodens slut"))
        lay.addLayout(top)
        lay.addWidget(heading("Interimsskulder till projektägare", 12))
        lay.addWidget(muted("Det insatsen har förbrukat men projektägaren ännu inte fakturerat. Förslaget är "
                            "det projektägaren rapporterat, annars beviljat för perioden minus bokfört. "
                            "Skriv 0 om inget ska bokföras; en tom rad lämnas utan beslut."))
        lay.addWidget(self.project_view, 3)
        lay.addWidget(heading("Övriga upplupna kostnader och förutbetalda intäkter", 12))
        lay.addWidget(self.other_view, 2)
        lay.addWidget(self.error)
        lay.addWidget(self.result)
        lay.addLayout(bottom)

        for m in (self.projects, self.others):
            m.error.connect(lambda text: set_error(self.error, text))
            m.edited.connect(self._update_summary)
        self.projects.reported_changed.connect(self._save_reported)
        self.date_edit.dateChanged.connect(lambda _d: self.reload(keep=False))
        self.book_button.clicked.connect(self._on_book)
        self.reload(keep=False)

    # ------------------------------------------------------------------ state
    @property
    def period_end(self) -> str:
        return iso(self.date_edit.date())

    def set_period_end(self, period_end: str) -> None:
        self.date_edit.setDate(qdate(period_end))

    def reload(self, keep: bool = True) -> None:
        """Read the suggestion again (after booking, or a new date); typed amounts stay
        when `keep`."""
        set_error(self.error, None)
        try:
            s = suggest(self.book, self.period_end)
        except FinsamError as exc:
            self.suggestion = None
            self.projects.set_lines([], keep=False)
            self.others.set_lines([])
            set_error(self.error, exc.message)
            self.book_button.setEnabled(False)
            self.date_hint.setText("")
            self.summary.setText("")
            return
        self.suggestion = s
        closed = s.year_closed
        self.projects.read_only = self.others.read_only = closed
        self.projects.set_lines(s.projects, keep=keep)
        self.others.set_lines(s.others)
        kind = "årsbokslut" if s.is_year_end else "delårsbokslut"
        self.date_hint.setText(f"Räkenskapsår {s.year_label}, {kind}. Verifikationen dateras {s.period_end} "
                               f"och återförs {s.reversal_date}.")
        if closed:
            set_error(self.error, f"Räkenskapsåret {s.year_label} är stängt; inga nya periodiseringar kan "
                                  "bokföras.")
        self._update_summary()

    def _update_summary(self) -> None:
        if self.suggestion is None:
            return
        entries = self.entries()
        total = sum(e.amount for e in entries)
        undecided = sum(1 for r, l in enumerate(self.projects.lines)
                        if not l.decided and self.projects.amount(r) is None)
        n = sum(1 for e in entries if e.amount)
        text = (f"Att bokföra: {money(total)} kr på {n} {'rad' if n == 1 else 'rader'}." if entries
                else "Inget kvar att bokföra.")
        if undecided:
            text += f" {undecided} aktiva insatser lämnas utan beslut."
        elif all(l.decided for l in self.projects.lines):
            text += " Alla aktiva insatser har beslutad interimsskuld."
        self.summary.setText(text)
        self.book_button.setEnabled(bool(entries) and not self.suggestion.year_closed)

    def entries(self) -> list[AccrualEntry]:
        return self.projects.entries() + self.others.entries()

    def _save_reported(self, project_id: int, ore, comment: str) -> None:
        try:
            self.book.set_accrual_report(self.period_end, project_id, ore, comment)
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return
        # Not inside the model's setData: the view is still closing its editor.
        QTimer.singleShot(0, lambda: self.reload(keep=True))

    # ------------------------------------------------------------------ booking
    def _commit_editors(self) -> None:
        for view in (self.project_view, self.other_view):
            if view.state() == QAbstractItemView.EditingState:
                for editor in view.viewport().findChildren(QLineEdit):
                    if editor.isVisible():
                        view.commitData(editor)  # a value still being typed counts

    def book_accruals(self):
        """Book what the form holds as one verifikation; returns the AccrualBooking, or
        None when it was refused (the reason is shown in the form)."""
        self._commit_editors()
        entries = self.entries()
        try:
            res = book_accruals(self.book, self.period_end, entries)
        except FinsamError as exc:
            set_error(self.error, exc.message)
            return None
        self.last_booking = res
        if res.voucher:
            text = f"Bokförd som verifikation {res.voucher.ref} den {res.voucher.date}"
            text += (f", återförd i {res.reversal.ref} den {res.reversal.date}." if res.reversal else
                     f"; återföringen bokförs den {self.suggestion.reversal_date} när det räkenskapsåret "
                     "har lagts till.")
        else:
            text = f"{len(res.records)} rader beslutade med 0 kr; ingen verifikation behövdes."
        self.reload(keep=False)
        self.result.setText(text)
        self.booked.emit(res)
        return res

    def confirmation_text(self) -> tuple[str, str]:
        """What "Bokför" will book, in words: (question, details)."""
        entries = self.entries()
        total = sum(e.amount for e in entries)
        n = sum(1 for e in entries if e.amount)
        s = self.suggestion
        question = (f"Bokföra periodiseringen per {s.period_end}: {money(total)} kr på {n} "
                    f"{'rad' if n == 1 else 'rader'}?")
        if self.book.year_of_date(s.reversal_date) is not None:
            details = (f"Två verifikationer bokförs: periodiseringen den {s.period_end} och dess "
                       f"återföring den {s.reversal_date}. En bokförd verifikation kan inte ändras, "
                       "bara rättas.")
        else:
            details = (f"En verifikation bokförs den {s.period_end}; återföringen bokförs den "
                       f"{s.reversal_date} när det räkenskapsåret har lagts till. En bokförd "
                       "verifikation kan inte ändras, bara rättas.")
        return question, details

    def _on_book(self) -> None:
        """The Bokför button: several verifikationer at once, so first a question that
        says what will be booked (Avbryt is its default)."""
        self._commit_editors()
        if self.suggestion is not None and any(e.amount for e in self.entries()):
            if not confirm_booking(self, "Bokför periodiseringar", *self.confirmation_text()):
                return
        self.book_accruals()


class AccrualsDialog(QDialog):
    """The period-end form as a dialog (Bokföring ▸ Periodiseringar)."""

    def __init__(self, book: Book, parent=None, period_end: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Periodiseringar och interimsskulder")
        if period_end is None:
            years = [y for y in book.years() if not y.is_closed] or book.years()
            period_end = years[0].end
        self.form = AccrualsForm(book, period_end, self)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        close = buttons.button(QDialogButtonBox.Close)
        close.setText("Stäng")
        # Not a default button either: Enter in "Periodens slut" must not close the form
        # and throw away the amounts typed in it.
        close.setAutoDefault(False)
        close.setDefault(False)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(buttons)
        # Wide enough for whole insats and projektägare names, never wider than the screen.
        fit_to_screen(self, QSize(1340, 720))
