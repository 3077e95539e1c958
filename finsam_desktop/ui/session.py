"""The open book and everything opened on it.

A `BookSession` owns the book the main window shows and every dialog and form opened
on that book (verifikationer, utkast, registers, the bokslut wizard, previews). When the
book changes or closes, the session closes all of them first, then the book: nothing
is left on screen holding a closed database.

    session = BookSession(parent)
    dlg = session.adopt(VoucherDialog(session.book, parent))
    session.set_book(other)    # dlg is closed, then the old book
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ..book import Book
from . import settings


class BookSession(QObject):
    # Emitted after the book changed (the new Book, or None when none is open).
    book_changed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.book: Book | None = None
        self._windows: list[QWidget] = []

    # ------------------------------------------------------------------ windows
    def adopt(self, widget: QWidget) -> QWidget:
        """Register a dialog or form opened on the current book; it is closed when the
        book changes or closes. Returns `widget`."""
        if widget not in self._windows:
            self._windows.append(widget)
            widget.destroyed.connect(lambda _obj=None, w=widget: self._forget(w))
        return widget

    def _forget(self, widget: QWidget) -> None:
        if widget in self._windows:
            self._windows.remove(widget)

    @property
    def windows(self) -> list[QWidget]:
        """The dialogs and forms of the current book that still exist."""
        return [w for w in self._windows if isValid(w)]

    def confirm_close_windows(self) -> bool:
        """Ask every open form with typed, unsaved work (Spara som utkast / Släng /
        Avbryt). False when the user chose Avbryt: nothing may close then."""
        for w in self.windows:
            confirm = getattr(w, "confirm_close", None)
            if confirm is not None and not confirm():
                w.raise_()
                w.activateWindow()
                return False
        return True

    def close_windows(self) -> None:
        """Close every dialog and form opened on the book, and let Qt delete them."""
        windows, self._windows = self.windows, []
        for w in reversed(windows):  # the newest first: a form opened from a list goes before it
            w.close()
            w.deleteLater()

    # ------------------------------------------------------------------ the book
    def set_book(self, book: Book | None) -> None:
        """Make `book` (or nothing) the open book. Every window of the old book is
        closed before the old book itself."""
        old = self.book
        self.close_windows()
        self.book = book
        if old is not None and old is not book:
            old.close()
        if book is not None:
            settings.add_recent_book(book.path)
        self.book_changed.emit(book)

    def close(self) -> None:
        """The program ends: remember the book, close its windows and the book."""
        if self.book is not None:
            settings.add_recent_book(self.book.path)
        self.close_windows()
        if self.book is not None:
            self.book.close()
            self.book = None


def writable(p: Path) -> bool:
    """Whether the book file and its folder may be written (else it opens read-only)."""
    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
