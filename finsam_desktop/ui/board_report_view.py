"""Rapporter → Ekonomisk rapport: outcome so far per budget row against the budget for the
same part of the year, the prognosis for the full year (the board's own per row, with a
comment, typed in the table), eget kapital and the balanskravsresultat, and the charts.
The same data as `finsam budget-report` and the PDF (reports/board_report.py)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..errors import FinsamError, InputError
from ..money import parse_kr
from ..ops.budget import set_budget_row
from ..reports.board_report import BoardReport, build_board_report, sections
from .charts import ChartWidget, accent, fit_to_screen
from .common import DateEdit, heading, iso, money_kr, muted, qdate, show_error, style_table

COLUMNS = ("Budgetrad", "Budget\nhelår", "Budget\nt.o.m. datum", "Utfall\nt.o.m. datum", "Avvikelse\nt.o.m. datum",
           "Prognos\nhelår", "Avvikelse\nhelår", "Kommentar")
PROGNOSIS_COL, COMMENT_COL = 5, 7
ID_ROLE = Qt.UserRole + 1


def _percent(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f} %".replace(".", ",")


def typed_prognosis(text: str, is_cost: bool) -> int | None:
    """The prognosis typed in the table, in report sign; '' clears it. The sign follows
    the row (a cost is a cost whether typed with a minus or not)."""
    if not text.strip():
        return None
    v = abs(parse_kr(text, field="prognos"))
    return -v if is_cost else v


class BoardReportDialog(QDialog):
    def __init__(self, book, parent=None, *, year_id: int | None = None, to_date: str | None = None):
        super().__init__(parent)
        self.book = book
        if year_id is not None:
            self.year = book.existing_year(year_id)
        else:
            years = book.years()
            self.year = ([y for y in years if not y.is_closed] or years)[-1]
        self.setWindowTitle(f"Ekonomisk rapport – {self.year.label}")
        fit_to_screen(self, 1180, 760)
        self.report: BoardReport | None = None
        self._filling = False

        top = QHBoxLayout()
        top.addWidget(heading("Ekonomisk rapport per"))
        self.date = DateEdit()
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.setDateRange(qdate(self.year.start), qdate(self.year.end))
        default = to_date or min(max(QDate.currentDate().toString("yyyy-MM-dd"), self.year.start), self.year.end)
        self.date.setDate(qdate(default))
        self.date.dateChanged.connect(lambda _d: self.rebuild())
        top.addWidget(self.date)
        top.addStretch(1)
        self.pdf_button = QPushButton("Spara som &PDF …")
        self.pdf_button.clicked.connect(self.save_pdf)
        top.addWidget(self.pdf_button)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        style_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectItems)
        self.table.setEditTriggers(QTableWidget.DoubleClicked | QTableWidget.EditKeyPressed
                                   | QTableWidget.AnyKeyPressed)
        self.table.itemChanged.connect(self._edited)
        cw = self.table.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(0, 34 * cw)
        for c in range(1, 7):
            self.table.setColumnWidth(c, 15 * cw + 8)

        self.cumulative = ChartWidget()
        self.insatser = ChartWidget()
        charts = QSplitter(Qt.Horizontal)
        charts.addWidget(self.cumulative)
        charts.addWidget(self.insatser)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)
        self.hint = muted("Prognos helår: utfall hittills plus återstående budget. Skriv styrelsens egen prognos "
                          "och en kommentar i tabellen; töm cellen för att ta bort den.")
        lay.addWidget(self.hint)
        self.rebuild()

    # ------------------------------------------------------------------ data
    def to_date(self) -> str:
        return iso(self.date.date())

    def rebuild(self) -> None:
        try:
            self.report = build_board_report(self.book, self.year.id, self.to_date())
        except FinsamError as exc:
            show_error(self, exc, "Rapporten kunde inte tas fram")
            return
        self._fill()

    def _fill(self) -> None:
        r = self.report
        p = r.prognosis
        self._filling = True
        t = self.table
        t.setRowCount(0)
        bold = QFont(t.font())
        bold.setBold(True)
        writable = not self.book.read_only and not r.is_closed and p.to_date < p.year_end
        for _sid, title, rows in sections(p):
            self._add_row([title] + [""] * (len(COLUMNS) - 1), bold=bold, section=True)
            for x in rows:
                cells = [x.label, money_kr(x.budget_year), money_kr(x.budget_to_date), money_kr(x.outcome_to_date),
                         money_kr(x.deviation_to_date), money_kr(x.prognosis), money_kr(x.deviation), x.comment]
                row = self._add_row(cells, editable=writable and x.budget_row_id is not None,
                                    row_id=x.budget_row_id, is_cost=x.budget_year < 0 or (
                                        x.budget_year == 0 and x.section != "intakter"))
                if x.override is not None:
                    item = t.item(row, PROGNOSIS_COL)
                    item.setFont(bold)
                    item.setToolTip(f"Styrelsens prognos. Beräknad: {money_kr(x.computed)} kr.")
        self._add_row(["Resultat", money_kr(p.budget_result), money_kr(p.budget_to_date_result),
                       money_kr(p.outcome_result), money_kr(p.outcome_result - p.budget_to_date_result),
                       money_kr(p.prognosis_result), money_kr(p.prognosis_result - p.budget_result), ""], bold=bold)
        self._filling = False
        golv = "" if p.golv is None else (
            f" Förbundets golv {money_kr(p.golv)} kr {'hålls' if p.over_golv else '<b>underskrids</b>'}.")
        side = "" if p.inom_rekommendation is None else (
            "inom rekommendationen" if p.inom_rekommendation else "<b>över</b> rekommendationen")
        self.summary.setText(
            f"Räkenskapsåret {r.year_label}. Prognos årets resultat <b>{money_kr(p.prognosis_result)} kr</b> "
            f"(budget {money_kr(p.budget_result)} kr). Balanskravsresultat (prognos) "
            f"{money_kr(p.balanskravsresultat)} kr. Eget kapital vid årets slut (prognos) "
            f"<b>{money_kr(p.eget_kapital_out)} kr</b> = {_percent(p.andel_procent)} av tilldelade medel, "
            f"{side} om högst 20 %.{golv}"
            + ("" if r.has_budget else " <b>Ingen budget är inlagd för året.</b>")
            + "".join(f"<br><span style='color:#a61b1b'>{w}</span>" for w in r.warnings))
        self.cumulative.set_chart(r.charts[0] if r.charts else None)
        self.insatser.set_chart(r.charts[1] if len(r.charts) > 1 else None)
        self.insatser.setVisible(len(r.charts) > 1)

    def _add_row(self, cells, *, bold=None, section=False, editable=False, row_id=None, is_cost=True) -> int:
        t = self.table
        row = t.rowCount()
        t.insertRow(row)
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, (row_id, is_cost))
            if 0 < c < COMMENT_COL:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
            if editable and c in (PROGNOSIS_COL, COMMENT_COL):
                flags |= Qt.ItemIsEditable
                item.setToolTip("Dubbelklicka eller skriv för att ange styrelsens prognos och kommentar.")
            item.setFlags(flags)
            if bold is not None and (section or c == 0 or not editable):
                item.setFont(bold)
            if section:
                item.setForeground(QBrush(accent(self.palette())))
            t.setItem(row, c, item)
        return row

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row_id, is_cost = item.data(ID_ROLE)
        if row_id is None:
            return
        try:
            if item.column() == PROGNOSIS_COL:
                set_budget_row(self.book, row_id, prognosis=typed_prognosis(item.text(), is_cost))
            elif item.column() == COMMENT_COL:
                set_budget_row(self.book, row_id, comment=item.text())
        except InputError as exc:
            show_error(self, InputError(f"Raden ”{self.table.item(item.row(), 0).text()}”: {exc.message}"),
                       "Prognosen sparades inte")
        except FinsamError as exc:
            show_error(self, exc, "Prognosen sparades inte")
        # After the editor has let go of the cell: rebuilding the table under it confuses the view.
        QTimer.singleShot(0, self.rebuild)

    # ------------------------------------------------------------------ pdf
    def save_pdf(self, path: str | None = None) -> str | None:
        if self.report is None:
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Spara ekonomisk rapport", str(self.book.path.parent / f"Ekonomisk rapport {self.to_date()}.pdf"),
                "PDF (*.pdf)")
            if not name:
                return None
            path = name if name.lower().endswith(".pdf") else name + ".pdf"
        # Imported when first used: reportlab is the slowest part of start-up.
        from ..render.pdf_budget import render_board_report
        try:
            render_board_report(self.report, path)
        except FinsamError as exc:
            show_error(self, exc, "PDF-filen kunde inte skrivas")
            return None
        self.hint.setText(f"Rapporten sparades i {path}.")
        return path
