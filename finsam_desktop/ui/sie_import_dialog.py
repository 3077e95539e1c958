"""Importera SIE: the preview of an import plan before anything is written.

The SIE reader and planner (finsam_desktop.exchange) are pure: they return what the file
holds, what the import would create and every finding (error or warning with file, line
and field). This dialog shows that; "Importera" is only possible without errors, and
MainWindow.import_sie writes the plan only when the user confirms.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTabWidget,
                               QVBoxLayout)

from ..book.chart import ROW_LABELS
from ..exchange.sie_text import ENCODING_NAMES
from .common import ERROR_STYLE, heading, muted, primary, table_view
from .models import KIND_LABELS, Column, RecordTableModel

ERROR_FG = QBrush(QColor("#a61b1b"))
WARNING_FG = QBrush(QColor("#7a5a00"))


class FindingModel(RecordTableModel):
    def data(self, index, role=Qt.DisplayRole):
        rec = self.record(index.row())
        if rec is not None and role == Qt.ForegroundRole:
            return ERROR_FG if rec.is_error else WARNING_FG
        if role == Qt.ToolTipRole:
            # Rich text, so a long finding wraps instead of one line wider than the screen.
            text = super().data(index, Qt.DisplayRole)
            return f"<p>{html.escape(text)}</p>" if text else None
        return super().data(index, role)


FINDING_COLUMNS = [
    Column("Typ", lambda f: f.label),
    Column("Fil och rad", lambda f: f"{Path(f.path).name}:{f.line}" if f.line else Path(f.path).name),
    Column("Fält", lambda f: f.field or ""),
    Column("Meddelande", lambda f: f.message),
]
ACCOUNT_COLUMNS = [
    Column("Konto", lambda a: a[0]),
    Column("Benämning", lambda a: a[1]),
    Column("Typ", lambda a: KIND_LABELS.get(a[2], a[2])),
    Column("Rad i årsredovisningen", lambda a: ROW_LABELS.get(a[3], a[3]) if a[3] else
           "(ingen rad: årets resultat)"),
]


def _encoding_name(encoding: str) -> str:
    return ENCODING_NAMES.get(encoding, encoding)


def year_line(y) -> str:
    where = "finns i boken" if y.exists else "skapas"
    count = len(y.vouchers)
    what = f"{count} verifikation" + ("" if count == 1 else "er")
    if y.summary:
        what = "rörelserna som en sammandragsverifikation"
    ib = ", ingående balanser" if y.set_opening else ""
    return f"{y.label} ({where}): {what}{ib}"


def objects_line(plan) -> str:
    """'4 objekt i 3 dimensioner: 1 Kostnadsställe, 21 Avdelning, 25 Finansiär' (the rows'
    objects other than insats and motpart, kept with the rows)."""
    dims = ", ".join(" ".join(x for x in (str(n), name) if x) for n, name, _p in plan.dimensions[:6])
    more = " …" if len(plan.dimensions) > 6 else ""
    return (f"{len(plan.objects)} objekt i {len(plan.dimensions)} "
            f"{'dimension' if len(plan.dimensions) == 1 else 'dimensioner'}: {dims}{more}")


class SieImportDialog(QDialog):
    """`plan` is an exchange.sie_plan.ImportPlan; `target` says where it would go."""

    def __init__(self, plan, target: str, parent=None):
        super().__init__(parent)
        self.plan = plan
        sie = plan.sie
        name = Path(sie.path).name
        self.setWindowTitle("Importera SIE")
        self.resize(1000, 640)
        errors, warnings = plan.errors, plan.warnings

        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setLabelAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.values: dict[str, QLabel] = {}

        def row(key: str, label: str, text: str) -> None:
            lab = QLabel(text)
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.values[key] = lab
            form.addRow(f"{label}:", lab)

        row("namn", "Företag/förbund", plan.namn)
        row("orgnr", "Organisationsnummer", plan.orgnr)
        row("fil", "Fil", f"{name}, SIE typ {sie.sie_type or '?'}"
            + (f", från {sie.program}" if sie.program else "")
            + (f", teckenkodning {_encoding_name(sie.encoding)}" if sie.encoding else ""))
        row("ar", "Räkenskapsår", "\n".join(year_line(y) for y in plan.years) or "(inga)")
        row("konton", "Konton", f"{len(sie.accounts)} i filen, {len(plan.new_accounts)} nya"
            + (f", {len(plan.renamed_accounts)} byter namn" if plan.renamed_accounts else ""))
        row("verifikationer", "Verifikationer", f"{plan.voucher_count} med {sie.row_count} rader")
        if plan.projects:
            row("insatser", "Nya insatser", ", ".join(f"{c} {n}" for c, n in plan.projects[:8])
                + (" …" if len(plan.projects) > 8 else ""))
        if plan.dimensions:
            row("objekt", "Objekt", objects_line(plan))
        row("mal", "Läses in i", target)

        self.accounts_model = RecordTableModel(ACCOUNT_COLUMNS, plan.new_accounts)
        accounts = table_view(self.accounts_model, stretch_column=1, widths={0: 7, 2: 18, 3: 34})
        self.findings_model = FindingModel(FINDING_COLUMNS, errors + warnings)
        findings = table_view(self.findings_model, stretch_column=3, widths={0: 8, 1: 16, 2: 10})
        findings.setWordWrap(True)
        # Every finding whole: the rows grow to the wrapped text instead of ending in "…".
        findings.setTextElideMode(Qt.ElideNone)
        findings.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.tabs = QTabWidget()
        self.tabs.addTab(findings, f"Fel och varningar ({len(errors)} fel, {len(warnings)} varningar)")
        self.tabs.addTab(accounts, f"Nya konton ({len(plan.new_accounts)})")
        if not errors and not warnings:
            self.tabs.setCurrentIndex(1)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        if errors:
            self.verdict.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
            already = all("finns redan i boken" in f.message for f in errors)
            self.verdict.setText(
                "Filen verkar redan vara inläst i boken och läses inte in igen. Inget har skrivits."
                if already else
                f"Filen har {len(errors)} fel och kan inte läsas in. Inget har skrivits. "
                "Rätta filen i programmet den kommer från och läs in den igen.")
        else:
            self.verdict.setStyleSheet("color: #1e7b34; font-weight: 600;")
            self.verdict.setText("Filen kan läsas in. Inget skrivs förrän du klickar Importera; importen "
                                 "görs helt eller inte alls och kan avbrytas medan den pågår."
                                 + (" Läs igenom varningarna först." if warnings else ""))
        self.import_button = primary(QPushButton("&Importera"))
        # Importing books many verifikationer: only by this button, never by Enter.
        self.import_button.setDefault(False)
        self.import_button.setAutoDefault(False)
        self.import_button.setEnabled(not errors)
        self.import_button.clicked.connect(self.accept)
        cancel = QPushButton("Avbryt")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verdict, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.import_button)

        lay = QVBoxLayout(self)
        lay.addWidget(heading(f"Förhandsgranskning av {name}"))
        lay.addWidget(muted("Så här skulle filen läsas in. Kontrollera uppgifterna, de nya kontonas rader i "
                            "årsredovisningen och varningarna innan du importerar."))
        lay.addLayout(form)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)
