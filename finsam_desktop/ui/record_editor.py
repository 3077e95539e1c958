"""A list of records on the left and the chosen one's fields on the right, with "Ny",
"Spara" and a message next to each field: the shape of every register form."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..errors import FinsamError
from .common import error_label, mark_field, set_error, table_view
from .models import Column, RecordTableModel


class RecordEditor(QWidget):
    """Subclasses add fields with add_field(), and implement records(), fill(record),
    clear_fields() and store(record or None) -> the saved record's id."""

    title = "Post"
    new_title = "Ny post"
    saved = Signal(object)  # the id of the record just saved

    def __init__(self, columns: Sequence[Column], widths: dict[int, int], stretch: int = 1, parent=None):
        super().__init__(parent)
        self.current: Any = None
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.model = RecordTableModel(columns)
        self.table = table_view(self.model, stretch_column=stretch, widths=widths)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.form = QFormLayout()
        self.message = error_label()
        self.new_button = QPushButton(f"&{self.new_title}")
        self.save_button = QPushButton("&Spara")
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.panel = QGroupBox(self.title)
        self.panel.setFixedWidth(420)
        pl = QVBoxLayout(self.panel)
        pl.addLayout(self.form)
        pl.addWidget(self.message)
        pl.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        pl.addLayout(buttons)
        self.left = QVBoxLayout()
        self.left.addWidget(self.table, 1)
        lay = QHBoxLayout(self)
        lay.addLayout(self.left, 1)
        lay.addWidget(self.panel)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        err = error_label()
        self.form.addRow(label, widget)
        self.form.addRow("", err)
        self.fields[key] = (widget, err)
        return widget

    # ------------------------------------------------------------------ to implement
    def records(self) -> list[Any]:
        raise NotImplementedError

    def fill(self, record: Any) -> None:
        raise NotImplementedError

    def clear_fields(self) -> None:
        raise NotImplementedError

    def store(self, record: Any | None) -> Any:
        raise NotImplementedError

    def record_id(self, record: Any) -> Any:
        return record.id

    # ------------------------------------------------------------------ behaviour
    def reload(self, select: Any = None) -> None:
        self.model.set_records(self.records())
        if select is not None:
            for r, rec in enumerate(self.model.records):
                if self.record_id(rec) == select:
                    self.table.selectRow(r)
                    return
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.new_record()

    def _selected(self, current, _previous) -> None:
        rec = self.model.record(current.row()) if current.isValid() else None
        if rec is not None:
            self.current = rec
            self.clear_errors()
            self.panel.setTitle(self.title)
            self.fill(rec)

    def new_record(self) -> None:
        self.current = None
        self.clear_errors()
        self.table.clearSelection()
        self.panel.setTitle(self.new_title)
        self.clear_fields()

    def clear_errors(self) -> None:
        for widget, err in self.fields.values():
            set_error(err, None)
            mark_field(widget, False)
        set_error(self.message, None)

    def show_error(self, exc: FinsamError) -> None:
        hit = self.fields.get(exc.field or "")
        if hit:
            set_error(hit[1], exc.message)
            mark_field(hit[0], True)
        else:
            set_error(self.message, exc.message)

    def save(self) -> Any:
        """Store the fields; a refusal is shown by its field and the typed values stay."""
        self.clear_errors()
        try:
            saved_id = self.store(self.current)
        except FinsamError as exc:
            self.show_error(exc)
            return None
        self.reload(select=saved_id)
        self.saved.emit(saved_id)
        return saved_id
