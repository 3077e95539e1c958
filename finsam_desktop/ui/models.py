"""Table models over the book. The verifikationslista reads one page at a time (what the
view shows), so a book with a million rows opens as fast as a small one."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..book import BalanceLine, Book, LedgerLine, VoucherFilter, VoucherSummary
from .common import ALIGN, BACKGROUND, DISPLAY, FONT, FOREGROUND, LEFT, RIGHT, TOOLTIP, USER, money

MUTED = QBrush(QColor("#6b7680"))
NEGATIVE = QBrush(QColor("#8a1f1f"))
SUM_BG = QBrush(QColor("#eef2f5"))


@dataclass(frozen=True)
class Column:
    """One column: its header, how to get the text from a record, and whether it holds
    an amount (right-aligned, Swedish formatting)."""
    title: str
    get: Callable[[Any], Any]
    amount: bool = False
    tooltip: str = ""


_BOLD: list[QFont] = []


def _bold() -> QFont:
    """One bold font for every sum line (made after the application exists)."""
    if not _BOLD:
        f = QFont()
        f.setBold(True)
        _BOLD.append(f)
    return _BOLD[0]


class ColumnsModel(QAbstractTableModel):
    """A table model whose columns are `self.columns` (Column): the column count and the
    headers (title, alignment, tooltip) come from them."""

    columns: Sequence[Column] = ()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return None
        col = self.columns[section]
        if role == Qt.DisplayRole:
            return col.title
        if role == Qt.TextAlignmentRole:
            return RIGHT if col.amount else LEFT
        if role == Qt.ToolTipRole and col.tooltip:
            return col.tooltip
        return None


class PagedCache:
    """For the models that read the book one page at a time: the pages read so far,
    the most recently used `KEEP_PAGES` of them kept. A model sets `self._pages` (an
    OrderedDict) and `self.pages_read`, and says in `_read_page` how a page is read."""

    PAGE = 200
    KEEP_PAGES = 30

    def _read_page(self, offset: int) -> list:
        raise NotImplementedError

    def _page(self, number: int) -> list:
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number * self.PAGE)
            self.pages_read += 1
            self._pages[number] = page
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page


class RecordTableModel(ColumnsModel):
    """A read-only table of small record lists (accounts, insatser, saldobalans …)."""

    def __init__(self, columns: Sequence[Column], records: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = list(records)
        self.bold_rows: set[int] = set()

    def set_records(self, records: Sequence[Any], bold_rows: set[int] | None = None) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.bold_rows = set(bold_rows or ())
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self.records[row] if 0 <= row < len(self.records) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        col = self.columns[index.column()]
        if role == DISPLAY or role == TOOLTIP or role == USER:
            value = col.get(rec)
            if role == USER:
                return value
            if col.amount:
                return money(value) if isinstance(value, int) else (value or "")
            return "" if value is None else str(value)
        if role == ALIGN:
            return RIGHT if col.amount else LEFT
        if role == FONT and index.row() in self.bold_rows:
            return _bold()
        if role == BACKGROUND and index.row() in self.bold_rows:
            return SUM_BG
        return None


def _voucher_note(v: VoucherSummary) -> str:
    if v.corrects_id is not None:
        return "Rättelse"
    if v.corrected_by is not None:
        return "Rättad"
    return ""


VOUCHER_COLUMNS = [
    Column("Ver.nr", lambda v: v.ref),
    Column("Datum", lambda v: v.date),
    Column("Text", lambda v: v.text),
    Column("Belopp", lambda v: v.amount, amount=True, tooltip="Summa debet"),
    Column("Status", _voucher_note, tooltip="Rättelse: verifikationen rättar en annan. "
                                            "Rättad: en senare verifikation har rättat den. "
                                            "Periodisering och Återföring: periodavslutets "
                                            "verifikationer, inga rättelser."),
]


class VoucherListModel(PagedCache, ColumnsModel):
    """The verifikationslista: the number of rows comes from Book.count_vouchers, the
    rows themselves from Book.list_vouchers one page at a time, when the view asks for
    them. A handful of pages are kept; the rest is read again if the user scrolls back."""

    def __init__(self, book: Book, flt: VoucherFilter = VoucherFilter(), parent=None):
        super().__init__(parent)
        self.book = book
        self.filter = flt
        self.columns = VOUCHER_COLUMNS
        self._count = book.count_vouchers(flt)
        self._pages: OrderedDict[int, list[VoucherSummary]] = OrderedDict()
        self.pages_read = 0  # for the benchmark
        self._read_accruals()

    def _read_accruals(self) -> None:
        """The periodavslut's verifikationer and their återföringar: booked as a pair
        (the återföring reverses the periodisering), but no correction of a mistake."""
        records = self.book.accruals()
        self.accrual_ids = {r.voucher_id for r in records if r.voucher_id is not None}
        self.accrual_reversal_ids = {r.reversal_voucher_id for r in records if r.reversal_voucher_id is not None}

    def status(self, v: VoucherSummary) -> str:
        if v.id in self.accrual_reversal_ids:
            return "Återföring"
        if v.id in self.accrual_ids:
            return "Periodisering"
        return _voucher_note(v)

    def set_filter(self, flt: VoucherFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self._pages.clear()
        self._count = self.book.count_vouchers(flt)
        self.endResetModel()

    def refresh(self) -> None:
        self._read_accruals()
        self.set_filter(self.filter)

    def _read_page(self, offset: int) -> list[VoucherSummary]:
        return self.book.list_vouchers(self.filter, offset=offset, limit=self.PAGE)

    def summary(self, row: int) -> VoucherSummary | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.PAGE)
        i = row % self.PAGE
        return page[i] if i < len(page) else None

    def row_of_voucher(self, voucher_id: int) -> int | None:
        """The row showing `voucher_id` among the pages read so far (or None)."""
        for number, page in self._pages.items():
            for i, v in enumerate(page):
                if v.id == voucher_id:
                    return number * self.PAGE + i
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == ALIGN:
            return RIGHT if self.columns[index.column()].amount else LEFT
        if role != DISPLAY and role != FOREGROUND and role != USER:
            return None
        v = self.summary(index.row())
        if v is None:
            return None
        if role == USER:
            return v.id
        status = self.status(v)
        if role == FOREGROUND:
            return MUTED if status in ("Rättelse", "Rättad") else None
        col = self.columns[index.column()]
        value = status if col.title == "Status" else col.get(v)
        return money(value) if col.amount else value


class LedgerModel(PagedCache, QAbstractTableModel):
    """Huvudbok for one account and period: an ingående saldo line, one line per booked
    row with the running balance, and an utgående saldo line. Like the verifikationslista
    it reads only the pages the view shows (Book.ledger_page), so the bank account of a
    big book opens as fast as a small one."""

    HEADERS = ("Datum", "Ver.nr", "Text", "Insats", "Debet", "Kredit", "Saldo")
    AMOUNT_COLS = {4, 5, 6}

    def __init__(self, book: Book | None = None, parent=None):
        super().__init__(parent)
        self.book = book
        self.account: int | None = None
        self.date_from = self.date_to = ""
        self.summary = None
        self.project_codes: dict[int, str] = {}
        self._pages: OrderedDict[int, list[LedgerLine]] = OrderedDict()
        self.pages_read = 0  # for the benchmark and the tests
        self.summary_rows: set[int] = set()

    def load(self, account: int | None, date_from: str, date_to: str,
             project_codes: dict[int, str] | None = None) -> None:
        """Show `account` in [date_from, date_to] (None: an empty huvudbok)."""
        self.beginResetModel()
        self.account, self.date_from, self.date_to = account, date_from, date_to
        self.project_codes = dict(project_codes or {})
        self._pages.clear()
        if account is None or self.book is None:
            self.summary = None
            self.summary_rows = set()
        else:
            self.summary = self.book.ledger_summary(account, date_from, date_to)
            self.summary_rows = {0, self.summary.count + 1}
        self.endResetModel()

    def _read_page(self, offset: int) -> list[LedgerLine]:
        return self.book.ledger_page(self.account, self.date_from, self.date_to, offset=offset,
                                     limit=self.PAGE, count=self.summary.count, days=self.summary.days)

    def line(self, row: int) -> tuple:
        """(datum, ver.nr, text, insats, debet, kredit, saldo, voucher id) of a row."""
        s = self.summary
        if s is None or not 0 <= row <= s.count + 1:
            return ()
        if row == 0:
            return (self.date_from, "", "Ingående saldo", "", None, None, s.opening, None)
        if row == s.count + 1:
            return (self.date_to, "", "Utgående saldo", "", s.debit, s.credit, s.closing, None)
        page = self._page((row - 1) // self.PAGE)
        i = (row - 1) % self.PAGE
        if i >= len(page):
            return ()
        ln = page[i]
        return (ln.date, ln.ref, ln.text, self.project_codes.get(ln.project_id, "") if ln.project_id else "",
                ln.amount if ln.amount >= 0 else None, -ln.amount if ln.amount < 0 else None,
                ln.balance, ln.voucher_id)

    def voucher_id(self, row: int) -> int | None:
        line = self.line(row)
        return line[7] if line else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self.summary is None:
            return 0
        return self.summary.count + 2

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.TextAlignmentRole:
            return RIGHT if section in self.AMOUNT_COLS else LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == ALIGN:
            return RIGHT if c in self.AMOUNT_COLS else LEFT
        if role == FONT and r in self.summary_rows:
            return _bold()
        if role == BACKGROUND and r in self.summary_rows:
            return SUM_BG
        if role != DISPLAY and role != USER:
            return None
        line = self.line(r)
        if not line:
            return None
        if role == USER:
            return line[7]
        value = line[c]
        return money(value) if c in self.AMOUNT_COLS else value


KIND_LABELS = {"T": "Tillgång", "S": "Skuld/eget kapital", "I": "Intäkt", "K": "Kostnad"}


def trial_balance_rows(lines: Sequence[BalanceLine]) -> tuple[list[tuple], set[int]]:
    """Saldobalans lines grouped in balance accounts then result accounts, each group
    with its sum line; returns (records, rows to show in bold)."""
    records: list[tuple] = []
    bold: set[int] = set()
    groups = (("Balanskonton", [ln for ln in lines if ln.kind in ("T", "S")]),
              ("Resultatkonton", [ln for ln in lines if ln.kind in ("I", "K")]))
    for title, group in groups:
        if not group:
            continue
        for ln in group:
            records.append((ln.account, ln.name, ln.opening, ln.period, ln.closing))
        bold.add(len(records))
        records.append(("", f"Summa {title.lower()}", sum(g.opening for g in group),
                        sum(g.period for g in group), sum(g.closing for g in group)))
    return records, bold


TRIAL_BALANCE_COLUMNS = [
    Column("Konto", lambda r: r[0]),
    Column("Benämning", lambda r: r[1]),
    Column("Ingående balans", lambda r: r[2], amount=True),
    Column("Period", lambda r: r[3], amount=True, tooltip="Periodens förändring"),
    Column("Utgående balans", lambda r: r[4], amount=True),
]
