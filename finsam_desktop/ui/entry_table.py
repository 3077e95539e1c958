"""The keyboard-first grid of the verifikation form.

Tab goes through every editable cell and adds a row after the last one; Enter takes the
short way (konto → belopp → next row's konto). The konto and insats cells complete by
number or by name."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QCompleter, QLineEdit,
                               QStyledItemDelegate, QTableView)

from .common import set_column_widths, style_table
from .entry_model import ACCOUNT, CREDIT, DEBIT, EDITABLE, NAME, PROJECT, TEXT, EntryRowsModel


class EntryDelegate(QStyledItemDelegate):
    """Line editors for every cell, with completers on konto and insats, and the Enter
    key moving on instead of just closing the editor."""

    def __init__(self, table: "EntryTable"):
        super().__init__(table)
        self.table = table
        self.editor: QLineEdit | None = None
        self.editor_index = QModelIndex()
        self.account_words = QStringListModel(self)
        self.project_words = QStringListModel(self)

    def set_words(self, accounts: list[str], projects: list[str]) -> None:
        self.account_words.setStringList(accounts)
        self.project_words.setStringList(projects)

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        col = index.column()
        if col in (DEBIT, CREDIT):
            editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        if col in (ACCOUNT, PROJECT):
            comp = QCompleter(self.account_words if col == ACCOUNT else self.project_words, editor)
            comp.setCaseSensitivity(Qt.CaseInsensitive)
            comp.setFilterMode(Qt.MatchContains)
            comp.setCompletionMode(QCompleter.PopupCompletion)
            comp.setMaxVisibleItems(12)
            editor.setCompleter(comp)
            # The list is as wide as its longest name ("1640 Momsfordran …"), not as the
            # narrow konto column it opens under.
            comp.popup().setMinimumWidth(self.popup_width(col))
            # Picking a name from the list is the same as typing it and pressing Enter.
            comp.activated.connect(lambda _text, e=editor: self._finish(e, enter=True))
            # Enter while the list is open reaches the editor past the event filter.
            editor.returnPressed.connect(lambda e=editor: self._finish(e, enter=True))
        editor.installEventFilter(self)
        self.editor = editor
        self.editor_index = index
        return editor

    def popup_width(self, col: int) -> int:
        words = (self.account_words if col == ACCOUNT else self.project_words).stringList()
        fm = self.table.fontMetrics()
        widest = max((fm.horizontalAdvance(w) for w in words), default=0)
        return min(widest + 48, 640)

    def destroyEditor(self, editor, index):
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.EditRole)

    def commit_open_editor(self) -> None:
        """Write what is typed in the open cell to the model and close it (before booking)."""
        e = self.editor
        if e is not None and shiboken6.isValid(e):
            self.commitData.emit(e)
            self.closeEditor.emit(e, QAbstractItemDelegate.NoHint)
        self.editor = None

    def _finish(self, editor: QLineEdit, *, enter: bool) -> None:
        if not shiboken6.isValid(editor) or editor is not self.editor:
            return
        index = self.editor_index
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.NoHint)
        self.editor = None
        self.table.enter_from(index)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.KeyPress and isinstance(obj, QLineEdit):
            key = event.key()
            if key in (Qt.Key_Return, Qt.Key_Enter) and not (event.modifiers() & Qt.ControlModifier):
                comp = obj.completer()
                if comp is not None and comp.popup().isVisible():
                    comp.popup().hide()
                self._finish(obj, enter=True)
                return True
        return super().eventFilter(obj, event)


class EntryTable(QTableView):
    def __init__(self, model: EntryRowsModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.entry_model = model
        self.delegate = EntryDelegate(self)
        self.setItemDelegate(self.delegate)
        style_table(self, stretch_column=TEXT)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.CurrentChanged | QAbstractItemView.AnyKeyPressed
                             | QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.setTabKeyNavigation(True)
        set_column_widths(self, {ACCOUNT: 7, NAME: 36, DEBIT: 14, CREDIT: 14, PROJECT: 26})

    def _next_editable(self, row: int, col: int, *, add: bool = True) -> QModelIndex:
        """The editable cell after (row, col), adding a row when we run off the end."""
        cols = list(EDITABLE)
        later = [c for c in cols if c > col]
        if later:
            return self.model().index(row, later[0])
        if row + 1 >= self.model().rowCount():
            if not add:
                return QModelIndex()
            self.entry_model.append_row()
        return self.model().index(row + 1, cols[0])

    def _prev_editable(self, row: int, col: int) -> QModelIndex:
        cols = list(EDITABLE)
        earlier = [c for c in cols if c < col]
        if earlier:
            return self.model().index(row, earlier[-1])
        if row > 0:
            return self.model().index(row - 1, cols[-1])
        return self.model().index(row, col)

    def moveCursor(self, action, modifiers):
        cur = self.currentIndex()
        if cur.isValid() and not self.entry_model.read_only:
            if action == QAbstractItemView.MoveNext:
                return self._next_editable(cur.row(), cur.column())
            if action == QAbstractItemView.MovePrevious:
                return self._prev_editable(cur.row(), cur.column())
        return super().moveCursor(action, modifiers)

    def enter_from(self, index: QModelIndex) -> None:
        """Enter: konto → the amount (the side already filled in, else debet); a filled
        amount, insats or radtext → next row's konto; an empty debet → kredit."""
        if not index.isValid():
            return
        r = self.entry_model.rows[index.row()]
        col = index.column()
        if col == ACCOUNT:
            target = self.model().index(index.row(), CREDIT if (r.credit_text and not r.debit_text) else DEBIT)
        elif col == DEBIT and not r.debit_text:
            target = self.model().index(index.row(), CREDIT)
        else:
            nxt = index.row() + 1
            if nxt >= self.model().rowCount():
                self.entry_model.append_row()
            target = self.model().index(nxt, ACCOUNT)
        self.setCurrentIndex(target)
        if self.state() != QAbstractItemView.EditingState:
            self.edit(target)

    def focusInEvent(self, event):
        """Tab from the text field lands in a cell ready for typing (the first konto, or
        the cell the cursor was in), so nothing typed next is lost."""
        super().focusInEvent(event)
        if event.reason() not in (Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.ShortcutFocusReason) \
                or self.entry_model.read_only or self.state() == QAbstractItemView.EditingState:
            return
        cur = self.currentIndex()
        if not cur.isValid() or cur.column() not in EDITABLE:
            cur = self.model().index(0, ACCOUNT)
        if self.currentIndex() != cur:
            self.setCurrentIndex(cur)  # opens the editor (edit trigger CurrentChanged)
        if self.state() != QAbstractItemView.EditingState:
            self.edit(cur)

    def keyPressEvent(self, event):
        # Enter on a cell that is not being edited moves on as it does in an open cell.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (event.modifiers() & Qt.ControlModifier) \
                and not self.entry_model.read_only and self.currentIndex().isValid():
            self.enter_from(self.currentIndex())
            return
        if event.key() == Qt.Key_Delete and event.modifiers() & Qt.ControlModifier:
            self.entry_model.remove_row(self.currentIndex().row())
            return
        super().keyPressEvent(event)
