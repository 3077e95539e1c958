"""The rows of a verifikation being entered: what the user typed, what it means, and
what is wrong with it. Pure bookkeeping of the form; the book checks again when booking."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ..book import Account, Project, VoucherRow
from ..errors import InputError
from ..money import parse_kr
from .common import LEFT, RIGHT, money

ACCOUNT, NAME, DEBIT, CREDIT, PROJECT, TEXT = range(6)
HEADERS = ("Konto", "Benämning", "Debet", "Kredit", "Insats", "Radtext")
EDITABLE = (ACCOUNT, DEBIT, CREDIT, PROJECT, TEXT)
BAD_BG = QBrush(QColor("#fbe3e1"))


@dataclass
class EntryRow:
    account_text: str = ""
    account: int | None = None
    debit_text: str = ""
    credit_text: str = ""
    debit: int | None = None
    credit: int | None = None
    project_text: str = ""
    project_id: int | None = None
    text: str = ""
    # The row's motpart, when it came with one (a rättelse, a mall, an utkast): the form has
    # no column for it, but it stays on the row and is booked with it.
    counterpart_id: int | None = None
    errors: dict[int, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any(s.strip() for s in (self.account_text, self.debit_text, self.credit_text,
                                            self.project_text, self.text))

    @property
    def amount(self) -> int:
        """Ledger sign: debit positive, credit negative (0 while nothing valid is typed)."""
        return (self.debit or 0) - (self.credit or 0)


def resolve_account(text: str, accounts: dict[int, Account]) -> tuple[int | None, str | None]:
    """An account typed by number ('1930', '1930 Bank') or by (part of) its name."""
    t = text.strip()
    if not t:
        return None, None
    m = re.match(r"^(\d+)\b", t)
    if m:
        digits = m.group(1)
        if len(digits) not in (4, 5, 6):
            return None, f"”{t}” är inget kontonummer: ett konto har fyra till sex siffror."
        number = int(digits)
        acc = accounts.get(number)
        if acc is None:
            return None, f"Konto {number} finns inte i kontoplanen."
        if not acc.active:
            return None, f"Konto {number} {acc.name} är inaktiverat."
        return number, None
    hits = [a for a in accounts.values() if a.active and t.lower() in a.name.lower()]
    exact = [a for a in hits if a.name.lower() == t.lower()]
    if len(exact) == 1:
        hits = exact
    if len(hits) == 1:
        return hits[0].number, None
    if not hits:
        return None, f"Inget konto heter ”{t}”."
    return None, f"”{t}” passar {len(hits)} konton; skriv kontonumret."


def resolve_project(text: str, projects: dict[int, Project]) -> tuple[int | None, str | None]:
    """An insats typed by its code ('P01', 'P01 StegSam') or by (part of) its name."""
    t = text.strip()
    if not t:
        return None, None
    code = t.split(" ", 1)[0]
    by_code = [p for p in projects.values() if p.code.lower() == code.lower()]
    if by_code:
        return by_code[0].id, None
    hits = [p for p in projects.values() if t.lower() in p.name.lower()]
    if len(hits) == 1:
        return hits[0].id, None
    if not hits:
        return None, f"Ingen insats heter ”{t}”."
    return None, f"”{t}” passar {len(hits)} insatser; skriv insatsens kod."


class EntryRowsModel(QAbstractTableModel):
    """Editable rows of the verifikation form. Keeps what the user typed in every cell,
    even when it is wrong, and says what is wrong in the cell's tooltip."""

    changed = Signal()

    def __init__(self, accounts: Sequence[Account], projects: Sequence[Project], parent=None):
        super().__init__(parent)
        self.accounts = {a.number: a for a in accounts}
        self.projects = {p.id: p for p in projects}
        self.rows: list[EntryRow] = [EntryRow(), EntryRow()]
        self.counterpart_names: dict[int, str] = {}      # shown beside the account's name
        self.read_only = False
        self.autofill = True

    # ------------------------------------------------------------------ content
    def set_rows(self, rows: Sequence[VoucherRow]) -> None:
        """Fill the form from booked rows (for a read-only view or a prefilled rättelse)."""
        self.beginResetModel()
        self.rows = []
        for r in rows:
            p = self.projects.get(r.project_id) if r.project_id else None
            # A draft may hold a row without account or amount yet: leave those cells empty.
            e = EntryRow(account_text="" if r.account is None else str(r.account), account=r.account,
                         project_text=p.code if p else "", project_id=r.project_id, text=r.text or "",
                         counterpart_id=r.counterpart_id)
            if r.amount > 0:
                e.debit, e.debit_text = r.amount, money(r.amount)
            elif r.amount < 0:
                e.credit, e.credit_text = -r.amount, money(-r.amount)
            self.rows.append(e)
        if not self.read_only:
            self.rows.append(EntryRow())
        self.endResetModel()
        self.changed.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = [EntryRow(), EntryRow()]
        self.endResetModel()
        self.changed.emit()

    def append_row(self) -> int:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(EntryRow())
        self.endInsertRows()
        return n

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            if not self.rows:
                self.append_row()
            self.changed.emit()

    def used_rows(self) -> list[EntryRow]:
        return [r for r in self.rows if not r.is_empty()]

    def totals(self) -> tuple[int, int]:
        rows = self.used_rows()
        return sum(r.debit or 0 for r in rows), sum(r.credit or 0 for r in rows)

    def difference(self) -> int:
        d, c = self.totals()
        return d - c

    def problems(self) -> list[str]:
        """Everything that stops booking, one Swedish sentence each (rows numbered from 1)."""
        out = []
        for i, r in enumerate(self.rows, 1):
            if r.is_empty():
                continue
            for col in EDITABLE:
                if col in r.errors:
                    out.append(f"Rad {i}: {r.errors[col]}")
            if r.account is None and ACCOUNT not in r.errors:
                out.append(f"Rad {i}: konto saknas.")
            if r.amount == 0 and not (DEBIT in r.errors or CREDIT in r.errors):
                out.append(f"Rad {i}: belopp saknas.")
        if len(self.used_rows()) < 2:
            out.append("En verifikation måste ha minst två rader.")
        return out

    def draft_rows(self) -> list[VoucherRow]:
        """What is usable of the rows typed so far, for a draft: rows may lack an account
        or an amount, and need not balance."""
        return [VoucherRow(r.account, r.amount, r.project_id, r.counterpart_id, r.text.strip())
                for r in self.used_rows() if r.account is not None or r.amount or r.text.strip()]

    def voucher_rows(self) -> list[VoucherRow]:
        return [VoucherRow(r.account, r.amount, r.project_id, r.counterpart_id, r.text.strip())
                for r in self.used_rows()]

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole:
                return HEADERS[section]
            if role == Qt.TextAlignmentRole:
                return RIGHT if section in (DEBIT, CREDIT) else LEFT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.read_only or index.column() == NAME:
            return base
        return base | Qt.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        c = index.column()
        if role in (Qt.DisplayRole, Qt.EditRole):
            if c == ACCOUNT:
                return str(r.account) if (r.account is not None and role == Qt.DisplayRole) else r.account_text
            if c == NAME:
                acc = self.accounts.get(r.account) if r.account is not None else None
                cp = self.counterpart_names.get(r.counterpart_id) if r.counterpart_id else None
                name = acc.name if acc else ""
                return f"{name} · motpart {cp}" if cp else name
            if c == DEBIT:
                return money(r.debit) if (r.debit is not None and role == Qt.DisplayRole) else r.debit_text
            if c == CREDIT:
                return money(r.credit) if (r.credit is not None and role == Qt.DisplayRole) else r.credit_text
            if c == PROJECT:
                p = self.projects.get(r.project_id) if r.project_id else None
                if p is not None and role == Qt.DisplayRole:
                    return f"{p.code} {p.name}"
                return r.project_text
            if c == TEXT:
                return r.text
        if role == Qt.TextAlignmentRole:
            return RIGHT if c in (DEBIT, CREDIT) else LEFT
        if role == Qt.ToolTipRole:
            if c == NAME and r.counterpart_id and r.counterpart_id in self.counterpart_names:
                return f"Motpart: {self.counterpart_names[r.counterpart_id]} (bokförs med raden)"
            return r.errors.get(c)
        if role == Qt.BackgroundRole and c in r.errors:
            return BAD_BG
        if role == Qt.ForegroundRole and c == NAME:
            return QBrush(QColor("#4a5560"))
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole or self.read_only:
            return False
        r = self.rows[index.row()]
        c = index.column()
        text = "" if value is None else str(value)
        first = self.index(index.row(), 0)
        last = self.index(index.row(), len(HEADERS) - 1)
        if c == ACCOUNT:
            was_new = r.account is None and not r.debit_text and not r.credit_text
            r.account_text = text
            r.account, err = resolve_account(text, self.accounts)
            self._set_error(r, ACCOUNT, err)
            if was_new and r.account is not None and self.autofill:
                self._fill_balancing_amount(index.row())
        elif c in (DEBIT, CREDIT):
            self._set_amount(r, c, text)
        elif c == PROJECT:
            r.project_text = text
            r.project_id, err = resolve_project(text, self.projects)
            self._set_error(r, PROJECT, err)
        elif c == TEXT:
            r.text = text
        else:
            return False
        self.dataChanged.emit(first, last)
        self.changed.emit()
        return True

    @staticmethod
    def _set_error(r: EntryRow, col: int, err: str | None) -> None:
        if err:
            r.errors[col] = err
        else:
            r.errors.pop(col, None)

    def _set_amount(self, r: EntryRow, col: int, text: str) -> None:
        value: int | None = None
        err = None
        if text.strip():
            try:
                value = parse_kr(text, field="debet" if col == DEBIT else "kredit")
            except InputError as exc:
                err = exc.message
            else:
                if value == 0:
                    value, err = None, "Beloppet är noll."
                elif value < 0:
                    # A negative debit is a credit (and the other way round): move it.
                    col = CREDIT if col == DEBIT else DEBIT
                    value = -value
                    text = money(value)
        if col == DEBIT:
            r.debit_text, r.debit = text, value
        else:
            r.credit_text, r.credit = text, value
        self._set_error(r, col, err)
        if r.debit is not None and r.credit is not None:
            # One side per row: the side just typed wins, the other is emptied.
            if col == DEBIT:
                r.credit, r.credit_text = None, ""
                r.errors.pop(CREDIT, None)
            else:
                r.debit, r.debit_text = None, ""
                r.errors.pop(DEBIT, None)

    def _fill_balancing_amount(self, row: int) -> None:
        """A new row gets what is missing for the verifikation to balance (the user may
        type over it): debit the rest when credit is larger, credit it otherwise."""
        others = sum(x.amount for i, x in enumerate(self.rows) if i != row and not x.is_empty())
        r = self.rows[row]
        if others > 0:
            r.credit, r.credit_text = others, money(others)
        elif others < 0:
            r.debit, r.debit_text = -others, money(-others)
