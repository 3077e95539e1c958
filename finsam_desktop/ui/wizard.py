"""The bokslut wizard: the förbundschef's once-a-year path from an open year to a signed
årsredovisning, a closed year and a handover package (also a delårsrapport).

    wiz = BokslutWizard(book, parent, on_fix=main_window.show_fix)
    wiz.fixRequested.connect(...)   # 'drafts', 'bank', 'accruals', 'kontoplan', 'previous_year', 'report'
    wiz.exec()

Steps: 1 period, 2 kontroller, 3 interimsskulder, 4 förvaltningsberättelse, 5 styrelsen,
6 förhandsgranskning, 7 skapa filer, 8 stäng året. Every figure comes from the report
engine and every change goes through the book; the wizard itself holds only the choices.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QGridLayout, QLabel, QRadioButton,
                               QVBoxLayout, QWizard, QWizardPage)

from ..book import Book
from ..reports import build_report
from .common import DateEdit, iso, muted, qdate
from .wizard_checks import ChecksPage
from .wizard_output import ClosePage, PreviewPage, ProducePage
from .screen_fit import fit_to_screen
from .wizard_page import page_title
from .wizard_texts import AccrualsPage, BoardPage, TextsPage

PREFERRED_SIZE = QSize(1240, 760)
PAGE_PERIOD, PAGE_CHECKS, PAGE_ACCRUALS, PAGE_TEXTS, PAGE_BOARD, PAGE_PREVIEW, PAGE_PRODUCE, PAGE_CLOSE = range(8)


class BokslutWizard(QWizard):
    """The bokslut, step by step. `fixRequested(target)` is emitted (and `on_fix(target)`
    called) when the user asks to fix a finding somewhere else in the program."""

    fixRequested = Signal(str)
    yearClosed = Signal(int)

    def __init__(self, book: Book, parent=None, *, on_fix: Callable[[str], None] | None = None):
        super().__init__(parent)

        self.book = book
        self.on_fix = on_fix
        self.year_id: int | None = None
        self.date_to: str | None = None
        self.findings: list = []
        self.setWindowTitle("Bokslut och årsredovisning")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.HaveHelpButton, False)
        self.setButtonText(QWizard.NextButton, "Nästa >")
        self.setButtonText(QWizard.BackButton, "< Tillbaka")
        self.setButtonText(QWizard.FinishButton, "Klar")
        self.setButtonText(QWizard.CancelButton, "Avbryt")
        self.setMinimumSize(QSize(900, 600))
        # Step 3's interimsskulder table needs the width to show "Att bokföra" and
        # "Kommentar" without scrolling sideways; never larger than the screen, title
        # bar included, so Nästa and Avbryt stay visible on a 1366×768 laptop.
        fit_to_screen(self, PREFERRED_SIZE)
        for pid, page in ((PAGE_PERIOD, PeriodPage(self)), (PAGE_CHECKS, ChecksPage(self)),
                          (PAGE_ACCRUALS, AccrualsPage(self)), (PAGE_TEXTS, TextsPage(self)),
                          (PAGE_BOARD, BoardPage(self)), (PAGE_PREVIEW, PreviewPage(self)),
                          (PAGE_PRODUCE, ProducePage(self)), (PAGE_CLOSE, ClosePage(self))):
            self.setPage(pid, page)
        self.setStartId(PAGE_PERIOD)

    # ------------------------------------------------------------------ shared state
    @property
    def year(self):
        return self.book.year(self.year_id) if self.year_id is not None else None

    @property
    def is_full_year(self) -> bool:
        y = self.year
        return y is not None and self.date_to == y.end

    def period_text(self) -> str:
        y = self.year
        if y is None:
            return ""
        if self.is_full_year:
            return f"Årsredovisning {y.label}"
        return f"Delårsrapport per {self.date_to}"

    def request_fix(self, target: str) -> None:
        """Send the user to the view that fixes a finding."""
        self.fixRequested.emit(target)
        if self.on_fix is not None:
            self.on_fix(target)

    def report(self):
        """The report for the chosen period (the engine computes every figure)."""
        return build_report(self.book, self.year_id, date_to=self.date_to)


class PeriodPage(QWizardPage):
    """Step 1: which räkenskapsår, and a whole year or a delårsrapport."""

    def __init__(self, wizard: BokslutWizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 1, "Period", "Välj räkenskapsår och om du gör årsredovisningen eller en delårsrapport.")
        self.year_box = QComboBox()
        self.full = QRadioButton("Helår – årsredovisning (räkenskapsåret kan stängas sist i guiden)")
        self.part = QRadioButton("Delårsrapport per")
        self.part_date = DateEdit()
        self.part_date.setDisplayFormat("yyyy-MM-dd")
        self.part_date.setCalendarPopup(True)
        group = QButtonGroup(self)
        group.addButton(self.full)
        group.addButton(self.part)
        self.full.setChecked(True)
        self.summary = muted("")
        grid = QGridLayout()
        grid.addWidget(QLabel("Räkenskapsår"), 0, 0)
        grid.addWidget(self.year_box, 0, 1)
        grid.addWidget(self.full, 1, 0, 1, 3)
        grid.addWidget(self.part, 2, 0)
        grid.addWidget(self.part_date, 2, 1)
        grid.setColumnStretch(2, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addSpacing(12)
        lay.addWidget(self.summary)
        lay.addStretch(1)
        for y in wizard.book.years():
            state = "stängt" if y.is_closed else "öppet"
            self.year_box.addItem(f"{y.label} ({state})", y.id)
        open_years = [y for y in wizard.book.years() if not y.is_closed]
        if open_years:  # the oldest open year is the one whose bokslut is due
            self.year_box.setCurrentIndex(self.year_box.findData(open_years[0].id))
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self.full.toggled.connect(self._update)
        self.part_date.dateChanged.connect(self._update)
        self._year_changed()

    def _year_changed(self) -> None:
        y = self.wiz.book.year(self.year_box.currentData())
        if y is None:
            return
        self.part_date.setMinimumDate(qdate(y.start))
        self.part_date.setMaximumDate(qdate(y.end))
        mid = f"{y.start[:4]}-06-30"
        self.part_date.setDate(qdate(mid if y.start <= mid < y.end else y.end))
        self._update()

    def _update(self) -> None:
        y = self.wiz.book.year(self.year_box.currentData())
        if y is None:
            return
        self.part_date.setEnabled(self.part.isChecked())
        self.wiz.year_id = y.id
        self.wiz.date_to = y.end if self.full.isChecked() else iso(self.part_date.date())
        if self.full.isChecked():
            extra = (" Året är redan stängt: du kan granska och skapa filer men inte stänga det igen."
                     if y.is_closed else " Sist i guiden kan du stänga året och öppna nästa.")
            self.summary.setText(f"Årsredovisning för {y.start} – {y.end}.{extra}")
        else:
            self.summary.setText(f"Delårsrapport för {y.start} – {self.wiz.date_to}. En delårsrapport "
                                 "stänger inte räkenskapsåret.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.year_id is not None
