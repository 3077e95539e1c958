"""Projektuppföljning: per insats (grouped by projektägare) beviljat, utfall, varav
interimsskuld and kvar, from the reports' project follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..book import Book
from ..errors import FinsamError
from ..reports.charts import insats_chart
from ..reports.prognosis import build_prognosis
from ..reports.projects import project_follow_up
from .charts import ChartWidget
from .common import ERROR_STYLE, MUTED_STYLE, heading, money_kr, table_view
from .models import Column, RecordTableModel
from .period import PeriodPicker

OVER = QBrush(QColor("#a61b1b"))


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.1f} %".replace(".", ",")


COLUMNS = [
    Column("Kod", lambda r: r["code"]),
    Column("Insats", lambda r: r["name"]),
    Column("Beviljat", lambda r: r["granted"], amount=True, tooltip="Beviljade medel för hela året"),
    Column("Utfall", lambda r: r["outcome"], amount=True, tooltip="Bokfört på insatsen, inklusive interimsskulder"),
    Column("Varav interimsskuld", lambda r: r["accrued"], amount=True),
    Column("Kvar", lambda r: r["remaining"], amount=True),
    Column("Förbrukat", lambda r: r["pct"], amount=True),
]


class FollowUpModel(RecordTableModel):
    def data(self, index, role=Qt.DisplayRole):
        rec = self.record(index.row())
        if rec is not None and role == Qt.ForegroundRole and rec.get("over") and index.column() in (3, 5, 6):
            return OVER
        return super().data(index, role)


class ProjectsView(QWidget):
    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.period = PeriodPicker(book, to_only=True)
        self.model = FollowUpModel(COLUMNS)
        self.table = table_view(self.model, stretch_column=1, widths={0: 7, 2: 13, 3: 13, 4: 21, 5: 13, 6: 11})
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.period.changed.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Projektuppföljning"))
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        self.chart = ChartWidget()  # per insats: beviljat, utfall, prognos
        lay.addWidget(self.chart, 1)
        self.reload()

    def reload(self) -> None:
        y = self.period.year
        if y is None:
            return
        try:
            fu = project_follow_up(self.book, y.id, self.period.range[1])
        except FinsamError as exc:
            self.notes.setStyleSheet(ERROR_STYLE)
            self.notes.setText(exc.message)
            return
        records, bold = [], set()

        def line(code, name, t, over=False):
            return dict(code=code, name=name, granted=money_kr(t.granted), outcome=money_kr(t.outcome),
                        accrued=money_kr(t.accrued) if t.accrued else "", remaining=money_kr(t.remaining),
                        pct=_pct(t.used_pct), over=over)

        for owner in fu.owners:
            bold.add(len(records))
            records.append(dict(code="", name=owner.owner, granted="", outcome="", accrued="",
                                remaining="", pct="", over=False))
            for ln in owner.lines:
                records.append(line(ln.code, ln.name, ln, ln.over_grant))
            if len(owner.lines) > 1:
                records.append(line("", f"Summa {owner.owner}", owner.total))
        bold.add(len(records))
        records.append(line("", "Summa alla insatser", fu.total))
        self.model.set_records(records, bold)
        p = build_prognosis(self.book, y.id, fu.date)
        has_insats = any(r.project_id is not None for r in p.rows)
        self.chart.set_chart(insats_chart(p, self.book.project_grants(y.id)) if has_insats else None)
        self.chart.setVisible(has_insats)
        text = f"Utfall från {y.start} till och med {fu.date}."
        if not fu.is_year_end:
            text += " Beviljat avser hela året."
        if fu.warnings:
            self.notes.setStyleSheet(ERROR_STYLE)
            self.notes.setText(text + " " + " ".join(fu.warnings))
        else:
            self.notes.setStyleSheet(MUTED_STYLE)
            self.notes.setText(text + " Ingen insats har gått över sitt beviljade belopp.")
