"""Spara som mall: the verifikation form's content (or a booked verifikation) saved as a
mall under a name the user gives. An existing name is replaced only after a question."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ..book import Book
from ..errors import FinsamError
from ..ops.templates import Template, save_template, template_by_name


def save_as_template(parent: QWidget, book: Book, text: str, rows: Sequence,
                     name: str | None = None) -> Template | None:
    """Ask for the mall's name (unless `name`) and save `text` and `rows`; rows without an
    amount are kept empty, to be filled when the mall is used. None when cancelled or refused
    (the reason is shown)."""
    if name is None:
        name, ok = QInputDialog.getText(parent, "Spara som mall",
                                        "Mallens namn (t.ex. Hyra, Löner, Arvoden styrelsen):",
                                        text=text.split(":")[0].strip()[:40])
        if not ok or not name.strip():
            return None
    replace = False
    old = template_by_name(book, name)
    if old is not None:
        answer = QMessageBox.question(parent, "Spara som mall",
                                      f"Det finns redan en mall som heter ”{old.name}”. Ska den ersättas?",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return None
        replace = True
    try:
        return save_template(book, name, text, rows, replace=replace)
    except FinsamError as exc:
        QMessageBox.warning(parent, "Spara som mall", exc.message)
        return None
