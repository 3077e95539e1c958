"""Resultaträkning, balansräkning and kassaflödesanalys for a chosen period, with the same
period last year beside, rendered from the reports engine's data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from ..book import Book
from ..errors import FinsamError
from .common import ERROR_STYLE, MUTED_STYLE, heading, money_kr, set_column_widths, style_table
from .models import Column, RecordTableModel
from .period import PeriodPicker


def _period_title(fran: str, till: str) -> str:
    if fran[5:] == "01-01" and till[5:] == "12-31" and fran[:4] == till[:4]:
        return fran[:4]
    return f"{fran} – {till}"


class StatementModel(RecordTableModel):
    """Rows of one statement: headings in bold without amounts, sums bold on a tint."""

    def data(self, index, role=Qt.DisplayRole):
        rec = self.record(index.row())
        if rec is not None and role == Qt.ForegroundRole and rec["kind"] == "heading":
            return QBrush(QColor("#2b3640"))
        return super().data(index, role)


class ReportView(QWidget):
    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.report = None
        self.period = PeriodPicker(book)
        self.tkr = QCheckBox("Belopp i tkr")
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        self.models: dict[str, StatementModel] = {}
        for sid, title in (("resultatrakning", "Resultaträkning"), ("balansrakning", "Balansräkning"),
                           ("kassaflodesanalys", "Kassaflödesanalys")):
            model = StatementModel([])
            table = QTableView()
            table.setModel(model)
            style_table(table, stretch_column=0)
            self.models[sid] = model
            self.tables[sid] = table
            self.tabs.addTab(table, title)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.period.changed.connect(self.reload)
        self.tkr.toggled.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addSpacing(12)
        top.addWidget(self.tkr)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Rapporter"))
        lay.addLayout(top)
        # A statement reads like a page, not a spreadsheet across the whole screen.
        self.tabs.setMaximumWidth(1000)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.checks)
        self.reload()

    def show_statement(self, statement_id: str) -> None:
        self.tabs.setCurrentIndex(list(self.tables).index(statement_id))

    def reload(self) -> None:
        y = self.period.year
        if y is None:
            return
        try:
            from ..reports import build_report, in_tkr
        except ImportError:
            self.checks.setText("Rapportmotorn saknas i den här versionen.")
            return
        try:
            report = build_report(self.book, y.id, *self.period.range)
            if self.tkr.isChecked():
                report = in_tkr(report)
        except FinsamError as exc:
            self.checks.setStyleSheet(ERROR_STYLE)
            self.checks.setText(exc.message)
            return
        self.report = report
        fmt = (lambda v: "" if v is None else f"{v:,}".replace(",", "\u00a0").replace("-", "\u2212")) \
            if report.unit == "tkr" else (lambda v: money_kr(v))
        now = _period_title(report.period.fran, report.period.till)
        before = _period_title(report.previous_period.fran, report.previous_period.till) \
            if report.previous_period else "Föregående år"
        for st in report.statements:
            has_budget = st.id == "resultatrakning" and any(r.budget is not None for r in st.rows)
            cols = [Column("", lambda r: r["label"]), Column("Not", lambda r: r["note"])]
            cols.append(Column(now, lambda r: r["amount"], amount=True))
            cols.append(Column(before, lambda r: r["previous"], amount=True))
            if has_budget:
                cols.append(Column("Budget helår", lambda r: r["budget"], amount=True))
            records, bold = [], set()
            for r in st.rows:
                heading_row = r.kind == "heading"
                records.append(dict(
                    kind=r.kind, label=r.label, note=", ".join(str(n) for n in r.notes),
                    amount="" if heading_row else fmt(r.amount),
                    previous="" if heading_row or r.previous is None else fmt(r.previous),
                    budget="" if r.budget is None else fmt(r.budget)))
                if r.kind in ("sum", "heading"):
                    bold.add(len(records) - 1)
            model = self.models[st.id]
            model.columns = cols
            model.set_records(records, bold)
            table = self.tables[st.id]
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
            set_column_widths(table, {1: 5, 2: 16, 3: 16, 4: 16})
        unit = "tkr" if report.unit == "tkr" else "kr"
        failed = [c for c in report.kontroller if not c.ok]
        if failed:
            self.checks.setStyleSheet(ERROR_STYLE)
            self.checks.setText("Kontroll: " + " ".join(c.meddelande for c in failed))
        else:
            self.checks.setStyleSheet(MUTED_STYLE)
            self.checks.setText(f"Belopp i {unit}. Alla {len(report.kontroller)} kontroller stämmer "
                                "(balansräkningen balanserar, årets resultat är detsamma i resultat- "
                                "och balansräkningen, kassaflödet stämmer med likvida medel).")
