"""Step 2 of the bokslut wizard: the kontroller, each with a way to its fix, and the bank
statement figure with the difference against the books."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget, QWizardPage)

from ..closing.checks import run_checks, save_bank_statement, saved_bank_statement
from ..errors import FinsamError
from ..findings import ERROR, OK, WARNING, Finding
from ..money import parse_kr
from .common import ERROR_STYLE, money, show_error
from .wizard_page import page_title

CHIP = {OK: ("OK", "#1e7b3c", "#e6f4ea"), WARNING: ("Varning", "#8a5a00", "#fff4d6"),
        ERROR: ("Stopp", "#a61b1b", "#fdecea")}
FIX_LABELS = {"drafts": "Visa utkasten", "accruals": "Nästa steg", "kontoplan": "Öppna kontoplanen",
              "previous_year": "Visa föregående år", "report": "Visa rapporten", "bank": ""}


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def chip(severity: str) -> QLabel:
    text, fg, bg = CHIP[severity]
    lab = QLabel(text)
    lab.setAlignment(Qt.AlignCenter)
    lab.setFixedWidth(70)
    lab.setStyleSheet(f"color: {fg}; background: {bg}; border-radius: 4px; padding: 2px 6px; "
                      "font-weight: 600;")
    return lab


class ChecksPage(QWizardPage):
    """Blocking findings stop the wizard, except the interimsskulder: the next step is
    where they are decided (and that step does not let the user past undecided ones)."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 2, "Kontroller", "Programmet kontrollerar bokföringen. Rätta det som stoppar "
                                          "bokslutet; varningar listas i utkastet till rapporten.")
        self.bank_edit = QLineEdit()
        self.bank_edit.setPlaceholderText("t.ex. 1 411 756,00")
        self.bank_edit.setMinimumWidth(220)
        self.bank_edit.setMaximumWidth(240)
        self.bank_edit.setAlignment(Qt.AlignRight)
        self.bank_booked = QLabel()
        self.bank_diff = QLabel()
        self.bank_caption = QLabel()
        bank = QHBoxLayout()
        bank.addWidget(self.bank_caption)
        bank.addWidget(self.bank_edit)
        bank.addSpacing(16)
        bank.addWidget(self.bank_booked)
        bank.addSpacing(16)
        bank.addWidget(self.bank_diff)
        bank.addStretch(1)
        self.rerun = QPushButton("Kör kontrollerna igen")
        self.rerun.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.rerun)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        lay = QVBoxLayout(self)
        lay.addLayout(bank)
        lay.addLayout(top)
        lay.addWidget(scroll, 1)
        self.bank_edit.textEdited.connect(self._bank_typed)
        self.bank_edit.editingFinished.connect(self._bank_saved)

    # ------------------------------------------------------------------ bank figure
    def _booked_bank(self) -> int:
        number = self.wiz.book.account_role("bank")
        return self.wiz.book.balance_at(self.wiz.date_to, accounts=[number]).get(number, 0)

    def _statement(self) -> int | None:
        text = self.bank_edit.text().strip()
        return parse_kr(text, field="saldo enligt kontoutdrag") if text else None

    def _bank_typed(self) -> None:
        booked = self._booked_bank()
        self.bank_booked.setText(f"Bokfört saldo: {money(booked)} kr")
        try:
            statement = self._statement()
        except FinsamError as exc:
            self.bank_diff.setStyleSheet(ERROR_STYLE)
            self.bank_diff.setText(exc.message)
            return
        if statement is None:
            self.bank_diff.setStyleSheet("")
            self.bank_diff.setText("Ange saldot enligt kontoutdraget.")
        else:
            diff = booked - statement
            self.bank_diff.setStyleSheet("" if diff == 0 else ERROR_STYLE)
            self.bank_diff.setText("Ingen differens." if diff == 0 else f"Differens: {money(diff)} kr")

    def _bank_saved(self) -> None:
        try:
            statement = self._statement()
        except FinsamError:
            return
        year = self.wiz.year
        if statement != saved_bank_statement(self.wiz.book, year, self.wiz.date_to):
            try:
                save_bank_statement(self.wiz.book, year.id, self.wiz.date_to, statement)
            except FinsamError as exc:
                show_error(self, exc)
                return
            self.refresh()

    # ------------------------------------------------------------------ findings
    def initializePage(self) -> None:
        year = self.wiz.year
        self.bank_caption.setText(f"Saldo enligt kontoutdrag {self.wiz.date_to}:")
        saved = saved_bank_statement(self.wiz.book, year, self.wiz.date_to)
        self.bank_edit.setText(money(saved) if saved is not None else "")
        self._bank_typed()
        self.refresh()

    def refresh(self) -> None:
        try:
            statement = self._statement()
        except FinsamError:
            statement = None
        try:
            self.wiz.findings = run_checks(self.wiz.book, self.wiz.year_id, date_to=self.wiz.date_to,
                                           bank_statement=statement)
        except FinsamError as exc:
            show_error(self, exc)
            self.wiz.findings = []
        self._show(self.wiz.findings)
        self.completeChanged.emit()

    def _show(self, findings) -> None:
        # A new list each time: the scroll area deletes the old one at once.
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(10)
        for row, f in enumerate(self._grouped(findings)):
            text = QLabel(f"<b>{f.title}</b><br>{f.message}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.RichText)
            self.grid.addWidget(chip(f.severity), row, 0, Qt.AlignTop)
            self.grid.addWidget(text, row, 1)
            label = FIX_LABELS.get(f.fix, "Åtgärda")
            if f.severity != OK and label:
                btn = QPushButton(label)
                btn.setObjectName(f"fix_{f.check}")
                btn.clicked.connect(lambda _=False, t=f.fix: self._fix(t))
                self.grid.addWidget(btn, row, 2, Qt.AlignTop)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.scroll.setWidget(host)
        blocking = [f for f in findings if f.severity == ERROR]
        stopping = self.stopping()
        warnings = sum(f.severity == WARNING for f in findings)
        if stopping:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(f"{len(stopping)} fel måste rättas innan du kan gå vidare. "
                                 f"{plural(warnings, 'varning', 'varningar')}.")
        elif blocking:
            self.summary.setStyleSheet("")
            self.summary.setText("Interimsskulderna bestäms i nästa steg. "
                                 f"{plural(warnings, 'varning listas', 'varningar listas')} i utkastet "
                                 "till rapporten.")
        else:
            self.summary.setStyleSheet("")
            self.summary.setText("Inga fel som stoppar bokslutet och inga varningar." if not warnings else
                                 f"Inga fel som stoppar bokslutet. {plural(warnings, 'varning listas', 'varningar listas')} "
                                 "i utkastet till rapporten under ”Att åtgärda före beslut”.")

    @staticmethod
    def _grouped(findings) -> list:
        """The report engine's passed checks as one line (they are many and alike)."""
        passed = [f for f in findings if f.check.startswith("rapport:") and f.severity == OK]
        if len(passed) < 2:
            return findings
        out = [f for f in findings if f not in passed]
        out.append(Finding(OK, f"Alla {len(passed)} kontroller av rapportens summor, noter "
                           "och samband är uppfyllda.", check="rapport", title="Rapportens kontroller",
                           fix="report"))
        return out

    def _fix(self, target: str) -> None:
        if target == "accruals":
            self.wiz.next()
            return
        self.wiz.request_fix(target)

    def stopping(self) -> list:
        """The blocking findings that stop this step (interimsskulder: next step)."""
        return [f for f in self.wiz.findings if f.severity == ERROR and f.fix != "accruals"]

    def isComplete(self) -> bool:
        return not self.stopping()
