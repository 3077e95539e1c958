"""The pages of an open book (Översikt, Verifikationer, Huvudbok, Saldobalans, Resultat
och balans, Projektuppföljning) and the navigation list beside them.

Pages are built on first use and dropped when the book changes; `PageArea` keeps them
in a stack, keeps the list in step with the page shown, and moves every built page to
the räkenskapsår the user works in.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from ..book import Book
from .balance_view import TrialBalanceView
from .bank_view import BankView
from .ledger_view import LedgerView
from .projects_view import ProjectsView
from .report_view import ReportView
from .start_page import StartPage
from .verksamhet_view import VerksamhetView
from .voucher_list import VoucherListView

# The pages of a book, in the order of the navigation list: (key, title, shortcut).
PAGES = (("start", "Översikt", "Ctrl+1"), ("verifikationer", "Verifikationer", "Ctrl+2"),
         ("huvudbok", "Huvudbok", "Ctrl+3"), ("saldobalans", "Saldobalans", "Ctrl+4"),
         ("rapport", "Resultat och balans", "Ctrl+5"), ("projekt", "Projektuppföljning", "Ctrl+6"),
         ("bank", "Bank", "Ctrl+9"), ("verksamhet", "Verksamhet och SUS", "Ctrl+0"))
PAGE_KEYS = tuple(key for key, _title, _sc in PAGES)

PAGE_TYPES: dict[str, Callable[[Book], QWidget]] = {
    "start": StartPage, "verifikationer": VoucherListView, "huvudbok": LedgerView,
    "saldobalans": TrialBalanceView, "rapport": ReportView, "projekt": ProjectsView,
    "verksamhet": VerksamhetView, "bank": BankView}


def make_page(key: str, book: Book) -> QWidget:
    return PAGE_TYPES[key](book)


def page_to_year(w: QWidget, year_id: int) -> None:
    """Show räkenskapsår `year_id` on page `w` (pages with a period chooser follow it)."""
    if hasattr(w, "set_year"):
        w.set_year(year_id)
    elif hasattr(w, "period"):
        w.period.reload_years(year_id)


class PageArea(QWidget):
    """The navigation list on the left, the page shown on the right."""

    def __init__(self, on_built: Callable[[str, QWidget], None], on_chosen: Callable[[str], None]):
        super().__init__()
        self.pages: dict[str, QWidget] = {}
        self._on_built = on_built
        self.nav = QListWidget()
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet(
            "QListWidget { border: none; background: #eef1f4; padding-top: 8px; }"
            "QListWidget::item { padding: 9px 14px; color: #26323c; }"
            "QListWidget::item:selected { background: #d6e2ee; color: #10283d; font-weight: 600;"
            " border: none; outline: none; }")
        for _key, title, _sc in PAGES:
            self.nav.addItem(title)
        self.nav.currentRowChanged.connect(lambda r: on_chosen(PAGE_KEYS[r]) if r >= 0 else None)
        self.nav.setFocusPolicy(Qt.NoFocus)
        self.stack = QStackedWidget()
        area = QHBoxLayout(self)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.nav)
        area.addWidget(self.stack, 1)

    def page(self, key: str, book: Book) -> QWidget:
        """The page `key` of `book`, built on first use."""
        if key not in self.pages:
            self.pages[key] = w = make_page(key, book)
            self._on_built(key, w)
            self.stack.addWidget(w)
        return self.pages[key]

    def show(self, key: str, book: Book) -> QWidget:
        w = self.page(key, book)
        self.stack.setCurrentWidget(w)
        row = PAGE_KEYS.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        return w

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def clear(self) -> None:
        """Drop every page (the book changed); they are built again on first use."""
        for page in list(self.pages.values()):
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    def to_year(self, year_id: int) -> None:
        for w in self.pages.values():
            page_to_year(w, year_id)

    def reload_years(self, select_id: int | None) -> None:
        for w in self.pages.values():
            if hasattr(w, "period"):
                w.period.reload_years(select_id)

    def refresh(self) -> None:
        """Something in the book changed: read every built page again."""
        for key, w in self.pages.items():
            if key == "verifikationer":
                w.reload_projects()
                w.refresh()
            elif key == "huvudbok":
                w.reload_accounts()
                w.reload()
            elif hasattr(w, "reload"):
                w.reload()
