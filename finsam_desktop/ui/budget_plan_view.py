"""Bokföring → Verksamhetsplan och budget: the budget grid with the year and its two plan
years and each row's monthly profile, copy and paste from Excel, the balansbudget
under it, filling an empty year from last year, and the verksamhetsplan's budget
pages as a PDF. Amounts as a person writes them: positive for an intäkt and a kostnad
(the book keeps ledger sign). New rows are added in Budget (Ctrl+B)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMenu,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..book.budget_plan import KEEP, parse_profile, profile_text
from ..errors import FinsamError, InputError
from ..money import parse_kr
from ..ops.budget import COPY_SOURCES, copy_budget, is_income_row, set_balance_budget, set_budget_row
from ..reports.budget_plan import SECTION_TITLES, BudgetPlanReport, build_budget_plan, plan_labels
from ..reports.charts import balance_chart
from .budget_form import BudgetDialog
from .charts import ChartWidget, fit_to_screen
from .common import heading, money_kr, muted, show_error, style_table

FIXED = ("Budgetrad", "Del", "Konton", "Typ")
AMOUNT_COLS = (4, 5, 6)       # budget year, plan 1, plan 2
PROFILE_COL = 7
FIELDS = ("amount", "plan1", "plan2")


def _person(v: int | None, income: bool) -> str:
    """Report sign -> as a person writes it (positive for an intäkt and a kostnad)."""
    if v is None:
        return ""
    return money_kr(v if income else -v)


def parse_cell(text: str, income: bool, *, clearable: bool, where: str) -> int | None:
    """A typed or pasted amount -> report sign, its sign from the row (intäkt or
    kostnad); '' -> None (a plan year without amount)."""
    t = text.strip()
    if not t:
        if clearable:
            return None
        t = "0"
    try:
        kr = parse_kr(t, field=where)
    except InputError as exc:
        raise InputError(f"{where}: ”{text}” är inget belopp. Skriv t.ex. 120 000.", field=where) from exc
    kr = abs(kr)  # the sign follows the row: a plan pasted in ledger sign reads the same
    return kr if income else -kr


class BudgetPlanDialog(QDialog):
    def __init__(self, book, parent=None, *, year_id: int | None = None):
        super().__init__(parent)
        self.book = book
        years = book.years()
        self.year = book.existing_year(year_id) if year_id is not None else \
            ([y for y in years if not y.is_closed] or years)[-1]
        self.setWindowTitle(f"Verksamhetsplan och budget – {self.year.label}")
        fit_to_screen(self, 1180, 760)
        self.plan: BudgetPlanReport | None = None
        self.rows = []          # the budget rows in grid order
        self._filling = False

        top = QHBoxLayout()
        top.addWidget(heading(f"Resultat- och balansbudget {self.year.label}"))
        top.addStretch(1)
        self.copy_button = QPushButton("&Fyll från föregående år")
        menu = QMenu(self.copy_button)
        for key, text in COPY_SOURCES.items():
            menu.addAction(text[0].upper() + text[1:], lambda k=key: self.copy_from(k))
        self.copy_button.setMenu(menu)
        top.addWidget(self.copy_button)
        self.rows_button = QPushButton("&Budgetrader …")
        self.rows_button.setToolTip("Lägg till, ändra eller ta bort budgetrader (konton, insats, budgetdel)")
        self.rows_button.clicked.connect(self.edit_rows)
        top.addWidget(self.rows_button)
        self.pdf_button = QPushButton("Spara som &PDF …")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        top.addWidget(self.pdf_button)

        p1, p2 = plan_labels(self.year)
        self.headers = FIXED + (f"Budget {self.year.label}", f"Plan {p1}", f"Plan {p2}", "Månadsprofil jan–dec")
        self.grid = QTableWidget(0, len(self.headers))
        self.grid.setHorizontalHeaderLabels(self.headers)
        style_table(self.grid)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setSelectionBehavior(QTableWidget.SelectItems)
        self.grid.setSelectionMode(QTableWidget.ContiguousSelection)
        self.grid.itemChanged.connect(self._edited)
        cw = self.grid.fontMetrics().averageCharWidth()
        for c, chars in enumerate((36, 24, 11, 7, 13, 13, 13)):
            self.grid.setColumnWidth(c, chars * cw + 16)
        QShortcut(QKeySequence.Paste, self.grid, activated=self.paste)
        QShortcut(QKeySequence.Copy, self.grid, activated=self.copy)

        self.balance = QTableWidget(0, 1)
        style_table(self.balance)
        self.balance.setSelectionMode(QTableWidget.NoSelection)
        self.balance.setEditTriggers(QTableWidget.NoEditTriggers)
        self.balance.horizontalHeader().setStretchLastSection(False)

        decided = QHBoxLayout()
        decided.addWidget(QLabel("Eget kapital vid årets början enligt beslut (kr):"))
        self.equity_in = QLineEdit()
        self.equity_in.setPlaceholderText("enligt bokföringen")
        decided.addWidget(self.equity_in)
        decided.addWidget(QLabel("Förbundets golv för eget kapital (kr):"))
        self.floor = QLineEdit()
        self.floor.setPlaceholderText("inget")
        decided.addWidget(self.floor)
        self.save_balance = QPushButton("Spara")
        self.save_balance.clicked.connect(self.save_decided)
        decided.addWidget(self.save_balance)
        decided.addStretch(1)

        self.result = QLabel()
        self.result.setTextFormat(Qt.RichText)
        self.hint = muted("Belopp i kronor; tecknet följer raden (intäkt eller kostnad). Klistra in ett block "
                          "från Excel (Ctrl+V) i beloppskolumnerna; en tom cell i ett planår betyder att raden "
                          "inte finns det året. Nya budgetrader läggs till under Budgetrader.")
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.grid, 3)
        lay.addWidget(self.result)
        lay.addWidget(heading("Balansbudget", 12))
        self.balance_chart = ChartWidget()
        self.balance_chart.setMinimumWidth(360)
        below = QHBoxLayout()
        below.addWidget(self.balance, 0, Qt.AlignTop)
        below.addWidget(self.balance_chart, 1)
        lay.addLayout(below)
        lay.addLayout(decided)
        lay.addWidget(self.hint)
        self.writable = not book.read_only and not self.year.is_closed
        for w in (self.copy_button, self.rows_button, self.save_balance, self.equity_in, self.floor):
            w.setEnabled(self.writable)
        self.rebuild()

    # ------------------------------------------------------------------ fill
    def rebuild(self) -> None:
        self.plan = build_budget_plan(self.book, self.year.id)
        budget = {r.id: r for r in self.book.budget(self.year.id)}
        plans = self.book.budget_plans(self.year.id)
        order = {sid: i for i, sid in enumerate(SECTION_TITLES)}
        self.rows = sorted(budget.values(), key=lambda r: (order.get(r.section, 99), r.sort, r.id))
        col = self.plan.budget_column
        amounts = {pr.budget_row_id: pr.amounts[col:col + 3] for s in self.plan.sections for pr in s.rows
                   if pr.budget_row_id is not None}
        self._filling = True
        g = self.grid
        g.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            income = is_income_row(self.book, r)
            acc = str(r.account_from) if r.account_from == r.account_to else f"{r.account_from}–{r.account_to}"
            plan = plans.get(r.id)
            cells = [r.label, SECTION_TITLES.get(r.section, r.section), acc, "Intäkt" if income else "Kostnad"]
            cells += [_person(v, income) for v in amounts.get(r.id, (None, None, None))]
            cells.append(profile_text(plan.profile) if plan and plan.profile else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
                if self.writable and c >= AMOUNT_COLS[0]:
                    flags |= Qt.ItemIsEditable
                item.setFlags(flags)
                if c in AMOUNT_COLS:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c == PROFILE_COL and not text:
                    item.setToolTip("Tom: jämnt per månad. Tolv vikter januari–december, t.ex. 1,0,0,0,0,0,1,0,0,0,0,0.")
                g.setItem(i, c, item)
        self._filling = False
        res = self.plan.results[col:col + 3]
        self.balance_chart.set_chart(balance_chart(self.plan) if self.plan.sections else None)
        self.result.setText("Årets resultat: " + " · ".join(
            f"{label} <b>{money_kr(v)} kr</b>" for label, v in zip(self.headers[4:7], res)))
        self._fill_balance()

    def _fill_balance(self) -> None:
        b = self.plan.balance
        t = self.balance
        t.setColumnCount(len(b) + 1)
        t.setHorizontalHeaderLabels([""] + [("Budget " if i <= self.plan.budget_column else "Plan ") + x.column
                                            for i, x in enumerate(b)])
        lines = [("Eget kapital vid årets början", [money_kr(x.eget_kapital_in) for x in b]),
                 ("Årets resultat", [money_kr(x.result) for x in b]),
                 ("Eget kapital vid årets slut", [money_kr(x.eget_kapital_out) for x in b]),
                 ("Tilldelade medel", [money_kr(x.tilldelade_medel) for x in b]),
                 ("Andel av tilldelade medel (högst 20 %)",
                  ["–" if x.andel_procent is None else f"{x.andel_procent:.2f} %".replace(".", ",") for x in b])]
        if b and b[0].golv is not None:
            lines.append((f"Golv {money_kr(b[0].golv)} kr", ["hålls" if x.over_golv else "underskrids" for x in b]))
        t.setRowCount(len(lines))
        bold = QFont(t.font())
        bold.setBold(True)
        for i, (label, vals) in enumerate(lines):
            t.setItem(i, 0, QTableWidgetItem(label))
            for c, v in enumerate(vals, 1):
                item = QTableWidgetItem(v)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if i == 2:
                    item.setFont(bold)
                t.setItem(i, c, item)
        cw = t.fontMetrics().averageCharWidth()
        t.setColumnWidth(0, 38 * cw)
        head = QFont(t.horizontalHeader().font())
        head.setBold(True)  # some styles set headers in bold: leave room for that
        hm = QFontMetrics(head)
        for c in range(1, len(b) + 1):
            t.setColumnWidth(c, max(13 * cw, hm.horizontalAdvance(t.horizontalHeaderItem(c).text()) + 28))
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        t.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        t.setFixedWidth(sum(t.columnWidth(c) for c in range(t.columnCount())) + 2 * t.frameWidth() + 2)
        t.setFixedHeight(t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount()))
                         + 2 * t.frameWidth() + 2)
        src = {"beslut": self.book.year_text(self.year.id, "budget_eget_kapital_in", ""), "golv":
               self.book.year_text(self.year.id, "eget_kapital_golv", "")}
        self.equity_in.setText(src["beslut"])
        self.floor.setText(src["golv"])

    # ------------------------------------------------------------------ edit
    def _value(self, row: int, col: int, text: str):
        r = self.rows[row]
        where = f"Rad {row + 1} (”{r.label}”), kolumn {self.headers[col]}"
        if col == PROFILE_COL:
            try:
                return parse_profile(text, field=where)
            except InputError as exc:
                raise InputError(f"{where}: {exc.message}", field=where) from exc
        return parse_cell(text, is_income_row(self.book, r), clearable=col != AMOUNT_COLS[0], where=where)

    def _save(self, changes: dict[tuple[int, int], str], *, later: bool = False) -> bool:
        """Check every changed cell first, then save them all in one transaction: a block
        pasted with one bad cell saves nothing."""
        try:
            per_row: dict[int, dict] = {}
            for (row, col), text in sorted(changes.items()):
                field = "profile" if col == PROFILE_COL else FIELDS[col - AMOUNT_COLS[0]]
                per_row.setdefault(self.rows[row].id, {})[field] = self._value(row, col, text)
            with self.book.transaction():
                for rid, kw in per_row.items():
                    set_budget_row(self.book, rid, **{k: kw.get(k, KEEP) for k in ("amount", "plan1", "plan2",
                                                                                  "profile")})
        except FinsamError as exc:
            show_error(self, exc, "Budgeten sparades inte")
            ok = False
        else:
            ok = True
        if later:  # typed in a cell: rebuild after the editor has let go of it
            QTimer.singleShot(0, self.rebuild)
        else:
            self.rebuild()
        return ok

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() < AMOUNT_COLS[0]:
            return
        self._save({(item.row(), item.column()): item.text()}, later=True)

    def paste(self) -> bool:
        """Paste a tab-separated block (from Excel) at the current cell."""
        if not self.writable:
            return False
        text = QGuiApplication.clipboard().text()
        lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            return False
        r0, c0 = self.grid.currentRow(), self.grid.currentColumn()
        if r0 < 0 or c0 < AMOUNT_COLS[0]:
            show_error(self, InputError("Markera först den cell i en belopps- eller profilkolumn där det "
                                        "inklistrade ska börja."), "Klistra in")
            return False
        changes = {}
        for i, line in enumerate(lines):
            for j, cell in enumerate(line.split("\t")):
                row, col = r0 + i, c0 + j
                if row >= len(self.rows) or col > PROFILE_COL:
                    show_error(self, InputError(f"Det inklistrade blocket ({len(lines)} rader) går utanför "
                                                "tabellen; inget sparades."), "Klistra in")
                    return False
                changes[(row, col)] = cell
        return self._save(changes)

    def copy(self) -> str:
        """The selected cells as tab-separated text for Excel: amounts as plain numbers
        (no thousands separator, so any Excel reads them as numbers)."""
        ranges = self.grid.selectedRanges()
        if not ranges:
            return ""
        rg = ranges[0]
        out = []
        for r in range(rg.topRow(), rg.bottomRow() + 1):
            cells = []
            for c in range(rg.leftColumn(), rg.rightColumn() + 1):
                text = self.grid.item(r, c).text()
                if c in AMOUNT_COLS:
                    text = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
                cells.append(text)
            out.append("\t".join(cells))
        text = "\n".join(out)
        QGuiApplication.clipboard().setText(text)
        return text

    def edit_rows(self) -> None:
        """The budget rows themselves (label, accounts, insats, section) in the Budget dialog."""
        dlg = BudgetDialog(self.book, self, year_id=self.year.id)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self.rebuild())
        dlg.open()

    def copy_from(self, source: str) -> None:
        try:
            n = copy_budget(self.book, self.year.id, source)
        except FinsamError as exc:
            show_error(self, exc, "Budgeten kopierades inte")
            return
        self.hint.setText(f"{n} budgetrader kopierades från {COPY_SOURCES[source]}.")
        self.rebuild()

    def save_decided(self) -> None:
        try:
            eq = parse_kr(self.equity_in.text(), field="eget kapital") if self.equity_in.text().strip() else None
            fl = parse_kr(self.floor.text(), field="golv") if self.floor.text().strip() else None
            set_balance_budget(self.book, self.year.id, equity_in=eq, floor=fl)
        except FinsamError as exc:
            show_error(self, exc, "Balansbudgeten sparades inte")
            return
        self.rebuild()

    def save_pdf(self, path: str | None = None) -> str | None:
        if not self.plan or not self.plan.sections:
            show_error(self, InputError(f"{self.year.label} har ingen budget att skriva ut."), "Ingen budget")
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Spara verksamhetsplanens budget",
                str(self.book.path.parent / f"Resultat- och balansbudget {self.year.label}.pdf"), "PDF (*.pdf)")
            if not name:
                return None
            path = name if name.lower().endswith(".pdf") else name + ".pdf"
        # Imported when first used: reportlab is the slowest part of start-up.
        from ..render.pdf_budget import render_budget_plan
        try:
            render_budget_plan(self.plan, path)
        except FinsamError as exc:
            show_error(self, exc, "PDF-filen kunde inte skrivas")
            return None
        self.hint.setText(f"Resultat- och balansbudgeten sparades i {path}.")
        return path

