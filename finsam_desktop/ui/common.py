"""Small pieces every window uses: amounts and dates as text, error messages, the look
of tables and form fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QFrame, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QTableView, QWidget)

from ..errors import FinsamError
from ..money import format_ore

# Item roles as plain ints: comparing the role a view passes in against Qt's enum
# objects costs more than the rest of data() on a big table.
DISPLAY = int(Qt.DisplayRole.value)
EDIT = int(Qt.EditRole.value)
TOOLTIP = int(Qt.ToolTipRole.value)
ALIGN = int(Qt.TextAlignmentRole.value)
FONT = int(Qt.FontRole.value)
BACKGROUND = int(Qt.BackgroundRole.value)
FOREGROUND = int(Qt.ForegroundRole.value)
USER = int(Qt.UserRole.value)

RIGHT = Qt.AlignRight | Qt.AlignVCenter
LEFT = Qt.AlignLeft | Qt.AlignVCenter
CENTER = Qt.AlignCenter

ERROR_STYLE = "color: #a61b1b;"
MUTED_STYLE = "color: #5f6b76;"
# What a field with a refused value looks like; what the user typed stays in it.
FIELD_ERROR_STYLE = "border: 1px solid #c0392b; background: #fdf1f0;"


def money(ore: int | None, *, blank_zero: bool = False) -> str:
    """Öre as Swedish kronor with öre ('1 234,50'); '' for None (and 0 with blank_zero)."""
    if ore is None or (blank_zero and ore == 0):
        return ""
    return format_ore(ore, sep="\u00a0", minus="\u2212")


def money_kr(ore: int | None) -> str:
    """Whole kronor ('1 235') for overviews."""
    if ore is None:
        return ""
    return format_ore(ore, decimals=False, sep="\u00a0", minus="\u2212")


def today_iso() -> str:
    return date.today().isoformat()


def qdate(iso: str) -> QDate:
    return QDate.fromString(iso, "yyyy-MM-dd")


def iso(d: QDate) -> str:
    return d.toString("yyyy-MM-dd")


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Det gick inte") -> None:
    """A FinsamError in a dialog with its own Swedish sentence; anything else with a short
    apology and the technical text (it is a bug, not the user's fault)."""
    if isinstance(exc, FinsamError):
        QMessageBox.warning(parent, title, exc.message)
    else:
        QMessageBox.critical(parent, title, "Ett oväntat fel inträffade i programmet:\n\n"
                                            f"{type(exc).__name__}: {exc}")


PRIMARY_BUTTON_STYLE = ("QPushButton { background: #2f5d85; color: white; border: 1px solid #244a6b;"
                        " border-radius: 4px; padding: 5px 18px; font-weight: 600; }"
                        "QPushButton:disabled { background: #c9d3dc; color: #f4f6f8; border-color: #b9c4ce; }"
                        "QPushButton:hover { background: #356a97; }")


def primary(button):
    """The one button a form is for (Bokför, Skapa boken)."""
    button.setStyleSheet(PRIMARY_BUTTON_STYLE)
    return button


def error_label() -> QLabel:
    """A label for the message next to a field; hidden until there is something to say."""
    lab = QLabel()
    lab.setStyleSheet(ERROR_STYLE)
    lab.setWordWrap(True)
    lab.hide()
    return lab


def set_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def mark_field(widget: QWidget, bad: bool) -> None:
    widget.setStyleSheet(FIELD_ERROR_STYLE if bad else "")


def heading(text: str, size: int = 15) -> QLabel:
    lab = QLabel(text)
    f = lab.font()
    f.setPointSize(size)
    f.setWeight(QFont.DemiBold)
    lab.setFont(f)
    return lab


def muted(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setStyleSheet(MUTED_STYLE)
    lab.setWordWrap(True)
    return lab


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.HLine)
    line.setStyleSheet("color: #d5dbe1;")
    return line


def style_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    """The calm table look used everywhere: alternating rows, whole-row selection, no grid
    noise, a roomy row height, no row numbers."""
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    fm = view.fontMetrics()
    view.verticalHeader().setDefaultSectionSize(fm.height() + 10)
    view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(LEFT)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        # A model reset forgets per-section resize modes; set it again after each one.
        def stretch() -> None:
            if stretch_column < header.count():
                header.setSectionResizeMode(stretch_column, QHeaderView.Stretch)
        stretch()
        if view.model() is not None:
            view.model().modelReset.connect(stretch)
            view.model().columnsInserted.connect(stretch)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
    view.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)


def set_column_widths(view: QTableView, widths: dict[int, int]) -> None:
    """Column widths in average character widths, so they follow the font size."""
    cw = view.fontMetrics().averageCharWidth()
    for col, chars in widths.items():
        view.setColumnWidth(col, chars * cw + 24)


def table_view(model, *, stretch_column: int | None = None, widths: dict[int, int] | None = None) -> QTableView:
    """A table view over `model` with the calm look (style_table) and the column widths
    (set_column_widths) given."""
    view = QTableView()
    view.setModel(model)  # before style_table, which follows the model's resets
    style_table(view, stretch_column=stretch_column)
    if widths:
        set_column_widths(view, widths)
    return view


def close_bar(dialog: QDialog, hint: str) -> QHBoxLayout:
    """The foot of a register dialog: a hint on the left, "Stäng" (accepts) on the right."""
    close = QPushButton("Stäng")
    close.setAutoDefault(False)
    close.clicked.connect(dialog.accept)
    bottom = QHBoxLayout()
    bottom.addWidget(QLabel(hint))
    bottom.addStretch(1)
    bottom.addWidget(close)
    return bottom


class DateEdit(QDateEdit):
    """A date box (ÅÅÅÅ-MM-DD, calendar popup) in which a date typed as it is written,
    "2025-06-30", means that date. Qt moves to the next part by itself when a part is
    full (2025, 06); the "-" typed next would move once more and put 30 in the month, so a
    separator right after such a move is taken as said already. A separator after a part
    that is not full (2025-6-…, 2025-1-5) still moves on as usual."""

    SEPARATORS = ("-", "/", ".")

    def __init__(self, *args):
        super().__init__(*args)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumWidth(120)
        self._moved_by_itself = False

    def keyPressEvent(self, event) -> None:
        if event.text() in self.SEPARATORS and event.text() and self._moved_by_itself:
            self._moved_by_itself = False
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_by_itself = event.text().isdigit() and self.currentSectionIndex() != before


def ok_cancel(dialog, ok_text: str, on_ok=None) -> QDialogButtonBox:
    """The dialog's two buttons: `ok_text` (what it does, e.g. "Återställ") and Avbryt.
    `on_ok` runs on the first (the dialog's accept when None); Avbryt rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.Cancel).setText("Avbryt")
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
