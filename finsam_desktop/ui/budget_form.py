"""Budget per räkenskapsår: the budget rows with benämning, del, kontointervall, insats and
belopp, and the budgeted result.

A person thinks of a budget in positive kronor on both sides (intäkter 3 000 000, kostnader
2 900 000); the book stores ledger sign (income negative, cost positive). Whether a row
is income or cost follows from its accounts: the report row they carry (an intäkt row)
or, for a range without accounts yet, the account kind the default chart gives the number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QVBoxLayout)

from ..book import Book, BudgetRow
from ..book.chart import KOMMUN_BAS
from ..errors import FinsamError, InputError
from ..money import parse_kr
from .common import heading, money_kr, muted
from .models import Column
from .record_editor import RecordEditor

SECTION_LABELS = {"intakter": "Intäkter", "insatser": "Insatser", "kansli": "Kansli och personal",
                  "styrelse": "Styrelse", "ovrigt": "Övrigt", "finansiellt": "Finansiella poster"}
INCOME_ROW_IDS = {"verksamhetens_intakter", "skatteintakter", "generella_statsbidrag_och_utjamning",
                  "finansiella_intakter"}


def is_income_range(book: Book, account_from: int, account_to: int) -> bool:
    """Whether a budget row over these accounts budgets an intäkt (else a kostnad)."""
    rows = book.result_rows_in_range(account_from, account_to)
    if rows:
        return rows[0] in INCOME_ROW_IDS
    for first, last, row_id in KOMMUN_BAS:
        if first <= account_from <= last:
            return row_id in INCOME_ROW_IDS
    return False


def person_amount(book: Book, r: BudgetRow) -> int:
    """The row's amount as a person writes it: positive for a budgeted intäkt or kostnad."""
    return -r.amount if is_income_range(book, r.account_from, r.account_to) else r.amount


def parse_range(text: str) -> tuple[int, int]:
    """'4000-4999', '4000–4999', '6410' -> (first, last)."""
    t = text.strip().replace("–", "-").replace("—", "-").replace(" ", "")
    parts = [p for p in t.split("-")]
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        raise InputError(f"Kontointervallet ”{text.strip()}” ska skrivas som två kontonummer, t.ex. "
                         "4000–4999, eller ett konto.", field="konton") from None
    if len(nums) not in (1, 2) or any(not 1000 <= n <= 9999 for n in nums):
        raise InputError(f"Kontointervallet ”{text.strip()}” ska skrivas som två fyrsiffriga kontonummer, "
                         "t.ex. 4000–4999, eller ett konto.", field="konton")
    first, last = nums[0], nums[-1]
    if last < first:
        raise InputError(f"Kontointervallet {first}–{last} slutar före det börjar.", field="konton")
    return first, last


def range_text(r: BudgetRow) -> str:
    return str(r.account_from) if r.account_from == r.account_to else f"{r.account_from}–{r.account_to}"


class BudgetEditor(RecordEditor):
    title = "Budgetrad"
    new_title = "Ny budgetrad"

    def __init__(self, book: Book, year_id: int, parent=None):
        self.book = book
        self.year_id = year_id
        projects = book.projects()
        self.project_codes = {p.id: f"{p.code} {p.name}" for p in projects}
        short = {p.id: p.code for p in projects}  # the table shows the code, the field the name
        columns = [
            Column("Benämning", lambda r: r.label),
            Column("Del", lambda r: SECTION_LABELS.get(r.section, r.section)),
            Column("Konton", range_text),
            Column("Insats", lambda r: short.get(r.project_id, "") if r.project_id else ""),
            Column("Intäkt", lambda r: money_kr(person_amount(book, r))
                   if is_income_range(book, r.account_from, r.account_to) else "", amount=True),
            Column("Kostnad", lambda r: "" if is_income_range(book, r.account_from, r.account_to)
                   else money_kr(person_amount(book, r)), amount=True),
        ]
        super().__init__(columns, {1: 16, 2: 9, 3: 6, 4: 10, 5: 10}, stretch=0, parent=parent)
        self.label = self.add_field("namn", "&Benämning", QLineEdit())
        self.section = QComboBox()
        for key, text in SECTION_LABELS.items():
            self.section.addItem(text, key)
        self.add_field("del", "&Del", self.section)
        self.accounts = self.add_field("konton", "&Kontointervall", QLineEdit())
        self.accounts.setPlaceholderText("t.ex. 4000–4999 eller 6410")
        self.accounts.textEdited.connect(self._show_kind)
        self.project = QComboBox()
        self.project.addItem("(ingen insats)", None)
        for pid, text in self.project_codes.items():
            self.project.addItem(text, pid)
        self.add_field("insats", "&Insats", self.project)
        self.amount = self.add_field("belopp", "Be&lopp (kr)", QLineEdit())
        self.amount.setPlaceholderText("t.ex. 1 200 000")
        self.amount.setAlignment(Qt.AlignRight)
        self.kind = QLabel()
        self.kind.setStyleSheet("color: #5f6b76;")
        self.kind.setWordWrap(True)
        self.form.addRow("", self.kind)
        self.delete_button = QPushButton("&Ta bort …")
        self.delete_button.clicked.connect(self.delete_current)
        self.panel.layout().itemAt(self.panel.layout().count() - 1).layout().insertWidget(1, self.delete_button)
        self.result = QLabel()
        self.result.setTextFormat(Qt.RichText)
        self.left.addWidget(self.result)
        self.reload()

    # ------------------------------------------------------------------ RecordEditor
    def records(self) -> list[BudgetRow]:
        return self.book.budget(self.year_id)

    def reload(self, select=None) -> None:
        super().reload(select)
        self._show_result()

    def fill(self, r: BudgetRow) -> None:
        self.label.setText(r.label)
        self.section.setCurrentIndex(max(0, self.section.findData(r.section)))
        self.accounts.setText(range_text(r))
        self.project.setCurrentIndex(max(0, self.project.findData(r.project_id)))
        self.amount.setText(money_kr(person_amount(self.book, r)))
        self.delete_button.setEnabled(True)
        self._show_kind()

    def clear_fields(self) -> None:
        for w in (self.label, self.accounts, self.amount):
            w.clear()
        self.section.setCurrentIndex(0)
        self.project.setCurrentIndex(0)
        self.delete_button.setEnabled(False)
        self._show_kind()
        self.label.setFocus()

    def store(self, r: BudgetRow | None) -> int:
        label = self.label.text().strip()
        if not label:
            raise InputError("Budgetraden saknar benämning.", field="namn")
        first, last = parse_range(self.accounts.text())
        kr = parse_kr(self.amount.text() or "0", field="belopp")
        if kr < 0:
            raise InputError("Skriv beloppet positivt; programmet vet av kontona om det är en intäkt "
                             "eller en kostnad.", field="belopp")
        amount = -kr if is_income_range(self.book, first, last) else kr
        kwargs = dict(account_from=first, account_to=last, section=self.section.currentData(),
                      project_id=self.project.currentData())
        if r is None:
            return self.book.add_budget_row(self.year_id, label, amount, **kwargs)
        self.book.update_budget_row(r.id, label, amount, **kwargs)
        return r.id

    # ------------------------------------------------------------------ more
    def _show_kind(self) -> None:
        try:
            first, last = parse_range(self.accounts.text())
        except InputError:
            self.kind.setText("Beloppet skrivs positivt, både för intäkter och kostnader.")
            return
        what = "en intäkt" if is_income_range(self.book, first, last) else "en kostnad"
        accounts = f"Konto {first}" if first == last else f"Konto {first}–{last}"
        self.kind.setText(f"{accounts} budgeteras som {what}. Beloppet skrivs positivt.")

    def delete_current(self) -> None:
        r = self.current
        if r is None:
            return
        if QMessageBox.question(self, "Ta bort budgetrad", f"Ta bort budgetraden ”{r.label}”?") != QMessageBox.Yes:
            return
        try:
            self.book.delete_budget_row(r.id)
        except FinsamError as exc:
            self.show_error(exc)
            return
        self.reload()

    def totals(self) -> tuple[int, int, int]:
        """(budgeted intäkter, budgeted kostnader, budgeted result), öre, as a person reads them."""
        income = costs = 0
        for r in self.model.records:
            if is_income_range(self.book, r.account_from, r.account_to):
                income -= r.amount
            else:
                costs += r.amount
        return income, costs, income - costs

    def _show_result(self) -> None:
        income, costs, result = self.totals()
        self.result.setText(f"Intäkter <b>{money_kr(income)}</b> kr &nbsp;·&nbsp; Kostnader "
                            f"<b>{money_kr(costs)}</b> kr &nbsp;·&nbsp; Budgeterat resultat "
                            f"<b>{money_kr(result)} kr</b>")


class BudgetDialog(QDialog):
    def __init__(self, book: Book, parent=None, *, year_id: int | None = None):
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("Budget")
        self.resize(1180, 620)
        self.years = book.years()
        self.year_box = QComboBox()
        for y in self.years:
            self.year_box.addItem(y.label + (" (stängt)" if y.is_closed else ""), y.id)
        if year_id is None and self.years:
            year_id = self.years[-1].id
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(year_id)))
        self.lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("Budget"))
        top.addSpacing(20)
        top.addWidget(QLabel("Räkenskapsår"))
        top.addWidget(self.year_box)
        top.addStretch(1)
        self.lay.addLayout(top)
        self.lay.addWidget(muted("Intäkter och kostnader skrivs som positiva belopp i kronor. En budgetrad "
                                 "ska höra till en rad i resultaträkningen; budgeten visas i rapporterna och "
                                 "på översikten."))
        self.editor: BudgetEditor | None = None
        close = QPushButton("Stäng")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(close)
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self._year_changed()
        self.lay.addLayout(self.buttons)

    def _year_changed(self) -> None:
        year_id = self.year_box.currentData()
        if year_id is None:
            return
        if self.editor is not None:
            self.lay.removeWidget(self.editor)
            self.editor.deleteLater()
        self.editor = BudgetEditor(self.book, year_id, self)
        self.lay.insertWidget(2, self.editor, 1)
