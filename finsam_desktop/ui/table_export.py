"""Redigera → Exportera tabellen (xlsx) (Ctrl+T): the table of the page in front as an
Excel workbook, with real Excel dates and numbers.

Every table of the program shows its values as text (Swedish amounts '45 000,00',
dates '2025-03-31'); here each cell is read back into what it is: an amount (in an
amount column, right-aligned) into kronor with two decimals, an ISO date into an Excel
date, a whole number into a number, the rest as text. A tree (the statements) is
written row by row with its levels indented.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFileDialog, QMessageBox, QProgressDialog, QTableView,
                               QTreeView, QWidget)

from ..errors import FinsamError
from ..render.table_xlsx import DATE, INTEGER, KRONOR, NUMBER, TEXT, TableColumn, TableExport, write_table_xlsx
from .common import show_error
from .tasks import Cancelled
from .pages import PAGES

if TYPE_CHECKING:
    from .main_window import MainWindow

_MONEY = re.compile(r"[−\-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d\d")
_WHOLE = re.compile(r"[−\-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*")
_DECIMAL = re.compile(r"[−\-]?\d+(?:[ \u00a0\u202f]\d{3})*,\d+ ?%?")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_KONTO = re.compile(r"\d{4}")


def cell_value(text: str, *, amount_column: bool, first_column: bool = False):
    """A shown text as (kind, value): '45 000,00' in an amount column -> (KRONOR, 4500000
    öre), '2025-03-31' -> (DATE, '2025-03-31'), '12' in an amount column or a konto in
    the first column -> (INTEGER, 12), '12,5 %' -> (NUMBER, 12.5), else (TEXT, text)."""
    t = text.strip()
    if not t:
        return TEXT, None
    if _DATE.fullmatch(t):
        return DATE, t
    if amount_column:
        negative = t[0] in "−-"
        digits = re.sub(r"[−\-\s\u00a0\u202f%]", "", t)
        if _MONEY.fullmatch(t):
            kr, ore = digits.split(",")
            value = int(kr) * 100 + int(ore)
            return KRONOR, -value if negative else value
        if _WHOLE.fullmatch(t):
            return INTEGER, -int(digits) if negative else int(digits)
        if _DECIMAL.fullmatch(t):
            value = float(digits.replace(",", "."))
            return NUMBER, -value if negative else value
    elif first_column and _KONTO.fullmatch(t):
        return INTEGER, int(t)
    return TEXT, t


def _right_aligned(model, column: int) -> bool:
    align = model.headerData(column, Qt.Horizontal, Qt.TextAlignmentRole)
    if align is None:
        return False
    try:
        return bool(Qt.AlignmentFlag(int(align)) & Qt.AlignRight)
    except (TypeError, ValueError):
        return bool(align & Qt.AlignRight)


def _is_bold(model, index: QModelIndex) -> bool:
    font = model.data(index, Qt.FontRole)
    return bool(font is not None and hasattr(font, "bold") and font.bold())


PROGRESS_EVERY = 1000   # rows read between two looks at the progress dialog


def table_export(view: QAbstractItemView, title: str, subtitle: str,
                 progress: Callable[[int], bool] | None = None) -> TableExport:
    """The shown table of `view` as data for the workbook (visible columns only).
    `progress(rows read)` is called every PROGRESS_EVERY rows; False stops (Cancelled)."""
    model = view.model()
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    cols = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    amount = {c: _right_aligned(model, c) for c in cols}
    titles = [str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or "") for c in cols]
    kinds = [TableColumn(titles[i], KRONOR if amount[c] else TEXT) for i, c in enumerate(cols)]
    bold: set[int] = set()

    def walk(parent: QModelIndex, depth: int) -> Iterator[tuple]:
        for r in range(model.rowCount(parent)):
            if isinstance(view, QTableView) and view.isRowHidden(r):
                continue
            first = model.index(r, 0, parent)
            if _is_bold(model, first):
                bold.add(len(seen))
            cells = []
            for i, c in enumerate(cols):
                text = model.data(model.index(r, c, parent), Qt.DisplayRole)
                text = "" if text is None else str(text)
                kind, value = cell_value(text, amount_column=amount[c], first_column=i == 0)
                if kind == NUMBER and text.rstrip().endswith("%"):
                    percent.add(i)
                if kind == TEXT and value is not None and i == 0 and depth:
                    value = "   " * depth + value
                cells.append((kind, value))
            seen.append(None)
            if progress is not None and len(seen) % PROGRESS_EVERY == 0 and not progress(len(seen)):
                raise Cancelled("Exporten avbröts. Ingen fil skrevs.")
            yield tuple(cells)
            if tree and model.rowCount(first) > 0:
                yield from walk(first, depth + 1)

    seen: list = []
    percent: set[int] = set()   # columns of percentages: the unit goes into the caption
    tree = isinstance(view, QTreeView)
    rows = list(walk(QModelIndex(), 0))   # read now: the bold rows must be known before writing
    kinds = [TableColumn(f"{k.title} (%)", NUMBER) if i in percent and "%" not in k.title else k
             for i, k in enumerate(kinds)]
    return TableExport(title, subtitle, tuple(kinds), _whole_kronor(rows, titles, [amount[c] for c in cols]),
                       frozenset(bold))


_AMOUNT_WORDS = re.compile(r"belopp|debet|kredit|saldo|balans|beviljat|utfall|kvar|budget|skuld|kostnad|intäkt"
                           r"|summa|kronor|\bkr\b|\b\d{4}\b", re.IGNORECASE)


def _whole_kronor(rows: list[tuple], titles: list[str], amount: list[bool]) -> list[tuple]:
    """Whole numbers in a column of kronor ('870 000' in the projektuppföljning, a
    statement's '100 000') are kronor too: as öre, so that they get the kronor format.
    A column holds kronor when its caption says so, when another of its cells has öre,
    or when its numbers are written with thousands separators; a column of counts keeps
    its whole numbers."""
    if not rows:
        return rows
    money_cols = set()
    for i, t in enumerate(titles):
        if not amount[i]:
            continue
        cells = [r[i] for r in rows]
        if _AMOUNT_WORDS.search(t) or any(k == KRONOR for k, _v in cells) \
                or any(k == INTEGER and abs(v) >= 1000 for k, v in cells):
            money_cols.add(i)
    if not money_cols:
        return rows
    return [tuple((KRONOR, v * 100) if i in money_cols and k == INTEGER else (k, v)
                  for i, (k, v) in enumerate(r)) for r in rows]


def table_in_front(window: MainWindow) -> QAbstractItemView | None:
    """The table the user looks at: the focused one on the page in front, else the page's
    first visible table."""
    page = window.stack.currentWidget()
    if page is None:
        return None
    focus = QApplication.focusWidget()
    if isinstance(focus, (QTableView, QTreeView)) and page.isAncestorOf(focus) and focus.model() is not None:
        return focus
    for view in page.findChildren(QAbstractItemView):
        if isinstance(view, (QTableView, QTreeView)) and view.isVisible() and view.model() is not None \
                and view.model().columnCount() > 1:
            return view
    return None


def _page_title(window: MainWindow, page: QWidget) -> str:
    for key, w in window.pages.items():
        if w is page:
            return next(t for k, t, _s in PAGES if k == key)
    return "Tabell"


def _subtitle(window: MainWindow, page: QWidget) -> str:
    f = window.book.forbund()
    parts = [f"{f.namn}, organisationsnummer {f.orgnr}"]
    period = getattr(page, "period", None)
    if period is not None and getattr(period, "year", None) is not None:
        fran, till = period.range
        parts.append(f"period {fran} – {till}")
    account = getattr(page, "account_box", None)
    if account is not None and account.currentText():
        parts.append(f"konto {account.currentText()}")
    return "; ".join(parts)


def export_table(window: MainWindow, path: str | Path | None = None) -> Path | None:
    """Ask for a file name (unless given) and write the table in front as xlsx."""
    view = table_in_front(window)
    if view is None:
        QMessageBox.information(window, "Exportera tabellen", "Sidan som visas har ingen tabell att exportera.")
        return None
    page = window.stack.currentWidget()
    title = _page_title(window, page)
    if path is None:
        period = getattr(page, "period", None)
        when = ""
        if period is not None and getattr(period, "year", None) is not None:
            when = " {} – {}".format(*period.range)
        suggestion = window.book.path.parent / f"{title}{when}.xlsx"
        name, _ = QFileDialog.getSaveFileName(window, "Exportera tabellen", str(suggestion), "Excel (*.xlsx)")
        if not name:
            return None
        path = name if name.lower().endswith(".xlsx") else name + ".xlsx"
    total = view.model().rowCount()
    dialog = None
    if total > PROGRESS_EVERY:
        # Read in the window's thread (a Qt model belongs to it), with a way to stop.
        dialog = QProgressDialog("Läser tabellen …", "Avbryt", 0, total, window)
        dialog.setWindowTitle("Exportera tabellen")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)

    def progress(done: int) -> bool:
        dialog.setValue(min(done, total))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    QApplication.setOverrideCursor(Qt.WaitCursor)
    out = error = None
    try:
        out = write_table_xlsx(table_export(view, title, _subtitle(window, page),
                                            progress if dialog is not None else None), path)
    except Cancelled:
        pass
    except FinsamError as exc:
        error = exc
    finally:
        QApplication.restoreOverrideCursor()
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
    if error is not None:
        show_error(window, error, "Tabellen kunde inte exporteras")
    if out is None:
        return None
    window.statusBar().showMessage(f"Tabellen är sparad i {out}.", 8000)
    return out


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
