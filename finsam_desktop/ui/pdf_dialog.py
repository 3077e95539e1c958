"""Årsredovisning (PDF) and delårsrapport (PDF): which year, which period end (delår)
and kr or tkr. The PDF itself is written by finsam_desktop.render.render_pdf in the
background (MainWindow.write_pdf)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QPushButton, QRadioButton,
                               QVBoxLayout, QButtonGroup)

from ..book import Book, FiscalYear
from .common import DateEdit, heading, iso, muted, primary, qdate


def suggested_name(book: Book, year: FiscalYear, date_to: str, interim: bool) -> str:
    """'Årsredovisning 2021.pdf' or 'Delårsrapport 2021-08-31.pdf'."""
    return f"Delårsrapport {date_to}.pdf" if interim else f"Årsredovisning {year.label}.pdf"


class PdfDialog(QDialog):
    def __init__(self, book: Book, year: FiscalYear | None, parent=None, *, interim: bool = False):
        super().__init__(parent)
        self.book = book
        self.interim = interim
        title = "Delårsrapport som PDF" if interim else "Årsredovisning som PDF"
        self.setWindowTitle(title)
        self.resize(520, 260)
        self.years = book.years()
        self.year_box = QComboBox()
        for y in self.years:
            self.year_box.addItem(y.label + (" (stängt)" if y.is_closed else ""), y.id)
        if year is not None:
            self.year_box.setCurrentIndex(max(0, self.year_box.findData(year.id)))
        self.date_to = DateEdit()
        self.date_to.setDisplayFormat("yyyy-MM-dd")
        self.date_to.setCalendarPopup(True)
        self.date_to.setMinimumWidth(130)
        self.kr = QRadioButton("kronor (kr)")
        self.tkr = QRadioButton("tusental kronor (tkr)")
        group = QButtonGroup(self)
        group.addButton(self.kr)
        group.addButton(self.tkr)
        # An årsredovisning is usually printed in tkr; a delårsrapport to the board in kr.
        (self.kr if interim else self.tkr).setChecked(True)
        unit = QHBoxLayout()
        unit.addWidget(self.kr)
        unit.addWidget(self.tkr)
        unit.addStretch(1)
        form = QFormLayout()
        form.addRow("Räkenskapsår", self.year_box)
        if interim:
            form.addRow("Periodens sista dag", self.date_to)
        else:
            self.date_to.hide()
        form.addRow("Belopp i", unit)
        self.ok_button = primary(QPushButton("Spara PDF …"))
        self.ok_button.clicked.connect(self.accept)
        cancel = QPushButton("Avbryt")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title))
        lay.addWidget(muted("Delårsrapporten visar perioden från räkenskapsårets början till den dag du väljer, "
                            "jämförd med samma period föregående år." if interim else
                            "Hela räkenskapsåret med förvaltningsberättelse, resultat- och balansräkning, "
                            "kassaflödesanalys och noter, som styrelsen skriver under."))
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self._year_changed()

    @property
    def year(self) -> FiscalYear | None:
        i = self.year_box.currentIndex()
        return self.years[i] if 0 <= i < len(self.years) else None

    def _year_changed(self) -> None:
        y = self.year
        if y is None:
            return
        start, end = qdate(y.start), qdate(y.end)
        self.date_to.setDateRange(start, end)
        # The usual delår: the first eight months (delårsrapport per 31 augusti), or half.
        months = start.daysTo(end) // 28
        self.date_to.setDate(start.addMonths(8 if months >= 11 else max(1, months // 2)).addDays(-1))

    def options(self) -> dict:
        """{year_id, date_from, date_to, tkr} for MainWindow.write_pdf."""
        y = self.year
        date_to = iso(self.date_to.date()) if self.interim else y.end
        return dict(year_id=y.id, date_from=y.start if self.interim else None,
                    date_to=date_to if self.interim else None, tkr=self.tkr.isChecked())
