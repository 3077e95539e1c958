"""The period chooser every view shares: a räkenskapsår and a from–to range inside it,
with quick choices (helår, halvår, kvartal, month)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ..book import Book, FiscalYear
from .common import DateEdit, iso, qdate

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def _date_edit() -> DateEdit:
    d = DateEdit()
    d.setDisplayFormat("yyyy-MM-dd")
    d.setCalendarPopup(True)
    d.setMinimumWidth(120)
    return d


class PeriodPicker(QWidget):
    """Emits `changed` when the year or the range changes."""

    changed = Signal()

    def __init__(self, book: Book, parent=None, *, to_only: bool = False):
        super().__init__(parent)
        self.book = book
        self.to_only = to_only
        self.year_box = QComboBox()
        self.year_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.quick = QComboBox()
        # As wide as "Till och med september 2025", not as the longest choice.
        self.quick.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.quick.setMinimumContentsLength(22 if to_only else 14)
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("Räkenskapsår"))
        lay.addWidget(self.year_box)
        lay.addSpacing(8)
        lay.addWidget(QLabel("Period"))
        lay.addWidget(self.quick)
        if to_only:
            # Follow-ups run from the year's start to a chosen day.
            self.date_from.hide()
            lay.addWidget(QLabel("till och med"))
        else:
            lay.addWidget(QLabel("från"))
            lay.addWidget(self.date_from)
            lay.addWidget(QLabel("till"))
        lay.addWidget(self.date_to)
        self._quiet = False
        self.reload_years()
        self.year_box.currentIndexChanged.connect(self._year_changed)
        self.quick.currentIndexChanged.connect(self._quick_changed)
        self.date_from.dateChanged.connect(self._range_changed)
        self.date_to.dateChanged.connect(self._range_changed)

    def reload_years(self, select_id: int | None = None) -> None:
        self._quiet = True
        self.years = self.book.years()
        self.year_box.clear()
        for y in self.years:
            self.year_box.addItem(y.label + (" (stängt)" if y.is_closed else ""), y.id)
        if self.years:
            current = next((i for i, y in enumerate(self.years) if y.id == select_id), None)
            if current is None:
                open_years = [i for i, y in enumerate(self.years) if not y.is_closed]
                current = open_years[-1] if open_years else len(self.years) - 1
            self.year_box.setCurrentIndex(current)
        self._quiet = False
        self._year_changed()

    @property
    def year(self) -> FiscalYear | None:
        i = self.year_box.currentIndex()
        return self.years[i] if 0 <= i < len(self.years) else None

    @property
    def range(self) -> tuple[str, str]:
        return iso(self.date_from.date()), iso(self.date_to.date())

    def _fill_quick(self, y: FiscalYear) -> None:
        self.quick.clear()
        self.quick.addItem("Helår", (y.start, y.end))
        start, end = qdate(y.start), qdate(y.end)
        months = start.daysTo(end) // 28
        if months >= 11:
            half = start.addMonths(6).addDays(-1)
            self.quick.addItem(f"Delår (till och med {iso(half)})", (y.start, iso(half)))
            for q in range(0 if self.to_only else 4):
                a, b = start.addMonths(3 * q), start.addMonths(3 * q + 3).addDays(-1)
                if a <= end:
                    self.quick.addItem(f"Kvartal {q + 1}", (iso(a), iso(min(b, end))))
        m = start
        while m <= end:
            last = m.addMonths(1).addDays(-1)
            label = f"{MONTHS[m.month() - 1].capitalize()} {m.year()}"
            self.quick.addItem(f"Till och med {label.lower()}" if self.to_only else label,
                               (y.start if self.to_only else iso(m), iso(min(last, end))))
            m = m.addMonths(1)
        self.quick.addItem("Egen period", None)

    def _year_changed(self) -> None:
        if self._quiet:
            return
        y = self.year
        if y is None:
            return
        self._quiet = True
        self._fill_quick(y)
        for d in (self.date_from, self.date_to):
            d.setDateRange(qdate(y.start), qdate(y.end))
        self.date_from.setDate(qdate(y.start))
        self.date_to.setDate(qdate(y.end))
        self._quiet = False
        self.changed.emit()

    def _quick_changed(self) -> None:
        if self._quiet:
            return
        rng = self.quick.currentData()
        if not rng:
            return
        self._quiet = True
        self.date_from.setDate(qdate(rng[0]))
        self.date_to.setDate(qdate(rng[1]))
        self._quiet = False
        self.changed.emit()

    def _range_changed(self) -> None:
        if self._quiet:
            return
        if self.date_to.date() < self.date_from.date():
            self._quiet = True
            self.date_to.setDate(self.date_from.date())
            self._quiet = False
        self._quiet = True
        self.quick.setCurrentIndex(self.quick.count() - 1)
        self._quiet = False
        self.changed.emit()

    def set_range(self, date_from: str, date_to: str) -> None:
        self.date_from.setDate(qdate(date_from))
        self.date_to.setDate(qdate(date_to))


