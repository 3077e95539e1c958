"""What an installed desktop program needs at start beyond the window:

- `ErrorLog`: an error the program did not foresee is appended, with its traceback, to
  `finsam-desktop.log` in the log folder (Hjälp ▸ Om names it). The Windows and macOS
  builds have no console, so without it such an error would leave no trace.
- `FileOpenFilter`: macOS hands a double-clicked `.finsam` to the running program as a
  QFileOpenEvent, not as an argument; the filter opens that book in the window.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from .. import __version__

LOG_NAME = "finsam-desktop.log"
MAX_LOG_BYTES = 1_000_000  # then the log starts over (the old one kept as .1)


class ErrorLog:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOG_NAME
        self.previous = sys.excepthook

    def install(self) -> ErrorLog:
        sys.excepthook = self.hook
        return self

    def write(self, text: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size > MAX_LOG_BYTES:
                self.path.replace(self.path.with_suffix(".log.1"))
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError:
            pass  # a log that cannot be written must not take the program down with it

    def hook(self, kind, value, tb) -> None:
        stamp = datetime.now().isoformat(timespec="seconds")
        self.write(f"{stamp} Finsam Bokföring {__version__}: oväntat fel\n"
                   + "".join(traceback.format_exception(kind, value, tb)) + "\n")
        self.previous(kind, value, tb)


class FileOpenFilter(QObject):
    """Opens the file of a QFileOpenEvent with `open_book(path)`."""

    def __init__(self, open_book, parent: QObject | None = None):
        super().__init__(parent)
        self.open_book = open_book

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.open_book(event.file())
            return True
        return False
