"""Resultaträkning, balansräkning and kassaflödesanalys for a chosen period, with the same
period last year beside, the noter and the kontroller, rendered from the reports engine's
data. Like the PDF and the terminal report it leaves out rows with nothing in either year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from html import escape

from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from ..book import Book
from ..errors import FinsamError
from ..reports import build_report, in_tkr
from ..reports.model import is_balance_note, opening_notes_caption
from ..reports.rounding import FOOTNOTE, differences
from ..reports.visible import visible_rows
from .common import ERROR_STYLE, MUTED_STYLE, heading, money_kr, set_column_widths, table_view
from .models import Column, RecordTableModel, _bold
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


class CheckModel(RecordTableModel):
    """The kontroller: a failed one in red with a cross, an ok one in green."""

    def data(self, index, role=Qt.DisplayRole):
        rec = self.record(index.row())
        if rec is not None and role == Qt.ForegroundRole and index.column() == 0:
            return QBrush(QColor("#1e7b34" if rec.ok else "#a61b1b"))
        if rec is not None and role == Qt.FontRole and not rec.ok:
            return _bold()
        return super().data(index, role)


CHECK_COLUMNS = [Column("Resultat", lambda c: "\u2713 Stämmer" if c.ok else "\u2717 Stämmer inte"),
                 Column("Kontroll", lambda c: c.message)]


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
            table = table_view(model, stretch_column=0)
            self.models[sid] = model
            self.tables[sid] = table
            self.tabs.addTab(table, title)
        self.notes = QTextBrowser()
        self.notes.setOpenLinks(False)
        self.tabs.addTab(self.notes, "Noter")
        self.check_model = CheckModel(CHECK_COLUMNS)
        self.check_table = table_view(self.check_model, stretch_column=1, widths={0: 14})
        self.tabs.addTab(self.check_table, "Kontroller")
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
        tabs = list(self.tables) + ["noter", "kontroller"]
        self.tabs.setCurrentIndex(tabs.index(statement_id))

    def reload(self) -> None:
        y = self.period.year
        if y is None:
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
            # The book's first year: the balansräkning compares with its ingående balanser.
            opening = st.id == "balansrakning" and report.previous_from_opening_balances
            cols.append(Column(f"{report.previous_balance_date} (IB)" if opening else before,
                               lambda r: r["previous"], amount=True))
            if has_budget:
                cols.append(Column("Budget helår", lambda r: r["budget"], amount=True))
            records, bold = [], set()
            for r in visible_rows(st, budget=has_budget):
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
        self.notes.setHtml(notes_html(report, fmt, now, before))
        # Failed checks first: they are what the reader must act on.
        self.check_model.set_records(sorted(report.kontroller, key=lambda c: c.ok))
        failed = [c for c in report.kontroller if not c.ok]
        self.tabs.setTabText(self.tabs.indexOf(self.check_table),
                             f"Kontroller ({len(failed)} stämmer inte)" if failed else "Kontroller")
        if failed:
            self.checks.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
            self.checks.setText(f"\u2717 {len(failed)} av {len(report.kontroller)} kontroller stämmer inte: "
                                + " ".join(c.message for c in failed))
        else:
            self.checks.setStyleSheet(MUTED_STYLE)
            self.checks.setText(f"Belopp i {unit}. Alla {len(report.kontroller)} kontroller stämmer "
                                "(balansräkningen balanserar, årets resultat är detsamma i resultat- "
                                "och balansräkningen, kassaflödet stämmer med likvida medel)."
                                + (" " + FOOTNOTE if differences(report) else "")
                                + (" " + OPENING_VIEW_NOTE if report.previous_from_opening_balances else ""))


# The book's first year: what the comparison columns hold (the status line says it).
OPENING_VIEW_NOTE = ("Föregående års belopp i balansräkningen är ingående balanser; resultaträkningen och "
                     "kassaflödesanalysen saknar jämförelsetal.")


def notes_html(report, fmt, now: str, before: str) -> str:
    """The noter as the PDF prints them: title, text, and the lines with something in
    either year, this year and last year beside."""
    parts = ["<style>td { padding: 2px 10px 2px 0; } td.a { text-align: right; } "
             "tr.sum td { font-weight: 600; border-top: 1px solid #9aa5b0; } "
             "th { text-align: right; color: #4a5560; padding-right: 10px; } p { margin: 2px 0 6px 0; }</style>"]
    if not report.noter:
        return "<p>Rapporten har inga noter.</p>"
    if report.previous_from_opening_balances:
        parts.append(f"<p><i>{escape(opening_notes_caption(report.previous_balance_date))}</i></p>")
    for note in report.noter:
        opening = report.previous_from_opening_balances and is_balance_note(note)
        has_prev = report.previous_period is not None or opening
        head = f"{report.previous_balance_date} (IB)" if opening else before
        parts.append(f"<h3>Not {note.number}&nbsp;&nbsp;{escape(note.title)}</h3>")
        for para in (note.text or "").split("\n\n"):
            if para.strip():
                parts.append(f"<p>{escape(para.strip())}</p>")
        lines = [ln for ln in note.lines
                 if ln.kind in ("heading", "sum") or ln.amount not in (None, 0) or ln.previous not in (None, 0)]
        if not lines:
            continue
        rows = [f"<tr><td width='470'></td><th width='110'>{escape(now)}</th>"
                + (f"<th width='110'>{escape(head)}</th>" if has_prev else "") + "</tr>"]
        for ln in lines:
            indent = "&nbsp;" * (4 * ln.indent)
            if ln.kind == "heading":
                rows.append(f"<tr><td colspan='3'><i>{indent}{escape(ln.label)}</i></td></tr>")
                continue
            cls = " class='sum'" if ln.kind == "sum" else ""
            cells = f"<td class='a'>{fmt(ln.amount)}</td>" + (f"<td class='a'>{fmt(ln.previous)}</td>" if has_prev else "")
            rows.append(f"<tr{cls}><td>{indent}{escape(ln.label)}</td>{cells}</tr>")
        # As the PDF: a note in groups ends with its grand total (the statement row's figure).
        grouped = sum(ln.kind == "sum" for ln in note.lines) > 1
        if note.total is not None and note.lines and (note.lines[-1].kind != "sum" or grouped):
            cells = f"<td class='a'>{fmt(note.total)}</td>" + (
                f"<td class='a'>{fmt(note.previous_total)}</td>" if has_prev else "")
            label = f"Summa {note.title[0].lower()}{note.title[1:]}" if grouped else "Summa"
            rows.append(f"<tr class='sum'><td>{escape(label)}</td>{cells}</tr>")
        parts.append("<table cellspacing='0'>" + "".join(rows) + "</table>")
    return "".join(parts)
