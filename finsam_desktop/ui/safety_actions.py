"""Arkiv ▸ Kontrollera bokfilen, Logg and Återställ från säkerhetskopia, and what the
window does as a book opens: tell what opening found (a -wal left by a crash), run the
quick part of the verification, and refuse to write into a book that failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from ..book import Book, DatabaseError
from ..book.verify import failed
from ..errors import FinsamError
from ..findings import SEVERITY_LABELS
from ..ops.safety import block_writes_if_failed, restore, verify
from .common import ok_cancel, show_error
from .tasks import run_in_background

if TYPE_CHECKING:
    from .main_window import MainWindow

APP = "Finsam Bokföring"


def build_actions(w: MainWindow, action) -> None:
    """The three actions (action: menus._action bound to the window)."""
    w.act_verify = action("Kontrollera &bokfilen …", lambda: check_book(w), "Ctrl+Shift+H",
                          "Kontrollera att bokfilen är hel och oförändrad (kedjan, förseglade år, regler)")
    w.act_log = action("&Logg …", lambda: show_log(w), "Ctrl+Shift+G",
                       "Bokens händelselogg: allt som har gjorts i boken")
    # A menu entry without a shortcut (none is free for it): not one of the window's
    # keyboard actions, so it is only in the Arkiv menu.
    w.act_restore = QAction("Återställ från säker&hetskopia …", w)
    w.act_restore.setStatusTip("Ersätt boken med en av de automatiska säkerhetskopiorna")
    w.act_restore.triggered.connect(lambda _checked=False: restore_dialog(w))


class ChangeWatcher(QObject):
    """Notices a commit by another program (PRAGMA data_version) and refreshes the window."""

    def __init__(self, w: MainWindow, interval_ms: int = 1500):
        super().__init__(w)
        self.w = w
        self._book = None
        self._version = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        book = self.w.book
        if book is None:
            self._book = None
            return False
        try:
            version = book.data_version()
        except (FinsamError, DatabaseError):
            return False
        if book is not self._book:
            self._book, self._version = book, version
            return False
        if version == self._version:
            return False
        self._version = version
        self.w.refresh()
        self.w.statusBar().showMessage("Boken ändrades av ett annat program; visningen är uppdaterad.", 6000)
        return True

    def adopt(self) -> None:
        """The book's file was just changed by this program itself (a background job on its
        own connection: even closing that connection writes the -wal into the book), so the
        next poll does not report it as another program's change."""
        book = self.w.book
        if book is not None and book is self._book:
            try:
                self._version = book.data_version()
            except (FinsamError, DatabaseError):
                pass


# A write waits at most this long for another program's lock; then it is refused with a
# Swedish message instead of freezing the window.
DESKTOP_BUSY_MS = 250


def after_open(w: MainWindow, book) -> None:
    """Tell what opening did, and run the quick verification; a book that fails it is
    shown but not written to. Watch for changes by other programs."""
    book.set_busy_timeout(DESKTOP_BUSY_MS)
    if getattr(w, "change_watcher", None) is None:
        w.change_watcher = ChangeWatcher(w)
    w.change_watcher.poll()
    if book.notices:
        QMessageBox.information(w, APP, "\n\n".join(book.notices))
    try:
        findings = verify(book, full=False)
    except FinsamError as exc:
        show_error(w, exc)
        return
    if block_writes_if_failed(book, findings):
        _warn_failed(w, findings)
        return
    w.background_verify = BackgroundVerify(w, book)


def _warn_failed(w: MainWindow, findings) -> None:
    QMessageBox.warning(w, "Kontroll av bokfilen", _text(findings, errors_only=True) +
                        "\n\nBoken visas men ändras inte. Återställ den från en säkerhetskopia "
                        "(Arkiv ▸ Återställ från säkerhetskopia).")


class BackgroundVerify(QObject):
    """The full verification of a book just opened, on its own read-only connection in a
    worker thread; a book that fails is not written to from then on."""

    finished = Signal(object)

    def __init__(self, w: MainWindow, book):
        super().__init__(w)
        self.w = w
        self.book = book
        self.findings = None
        self.finished.connect(self._finished)
        self.thread = threading.Thread(target=self._run, args=(book.path,), daemon=True)
        self.thread.start()

    def _run(self, path) -> None:
        try:
            with Book.open(path, read_only=True) as other:
                findings = verify(other, full=True)
        except (FinsamError, DatabaseError):
            findings = None
        try:
            self.finished.emit(findings)
        except RuntimeError:  # the window is gone
            pass

    def _finished(self, findings) -> None:
        self.findings = findings
        if findings is None or self.w.book is not self.book:
            return
        if block_writes_if_failed(self.book, findings):
            _warn_failed(self.w, findings)
        else:
            self.w.statusBar().showMessage("Bokfilen är kontrollerad: hel och oförändrad.", 6000)


def _text(findings, *, errors_only: bool = False) -> str:
    return "\n".join(f"{SEVERITY_LABELS[f.severity]}: {f.title}: {f.message}"
                     for f in findings if f.is_error or not errors_only)


def check_book(w: MainWindow) -> list:
    """The full verification in the background; the result in a dialog."""
    book = w.book
    if book is None:
        return []
    try:
        findings = run_in_background(w, "Kontrollerar bokfilen …", verify, book, full=True)
    except FinsamError as exc:
        show_error(w, exc)
        return []
    block_writes_if_failed(book, findings)
    dlg = QDialog(w)
    dlg.setWindowTitle("Kontroll av bokfilen")
    lay = QVBoxLayout(dlg)
    ok = not failed(findings)
    lay.addWidget(QLabel("Boken är hel och oförändrad." if ok else
                         "Boken klarar INTE kontrollen. Den ändras inte förrän den har återställts."))
    text = QPlainTextEdit(_text(findings))
    text.setReadOnly(True)
    lay.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.button(QDialogButtonBox.Close).setText("Stäng")
    buttons.rejected.connect(dlg.reject)
    lay.addWidget(buttons)
    dlg.resize(720, 420)
    w.last_safety_dialog = dlg
    dlg.show()
    return findings


class LogDialog(QDialog):
    """Arkiv ▸ Logg: the audit log, newest first."""

    def __init__(self, parent, book):
        super().__init__(parent)
        self.setWindowTitle("Logg – bokens händelser")
        lay = QVBoxLayout(self)
        entries = list(reversed(book.audit_log()))
        lay.addWidget(QLabel(f"{len(entries)} händelser. Loggen kan inte ändras; varje rad är kedjad "
                             "till den före (Kontrollera bokfilen visar om något har ändrats)."))
        self.table = QTableWidget(len(entries), 4)
        self.table.setHorizontalHeaderLabels(["Nr", "Tid (UTC)", "Händelse", "Uppgifter"])
        for r, e in enumerate(entries):
            detail = ", ".join(f"{k}: {v}" for k, v in e["detail"].items())
            for c, value in enumerate((str(e["id"]), e["at"][:19].replace("T", " "), e["action"], detail)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.table.setItem(r, c, item)
        for c in range(3):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("Stäng")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(900, 520)


def show_log(w: MainWindow) -> LogDialog | None:
    if w.book is None:
        return None
    dlg = LogDialog(w, w.book)
    w.last_safety_dialog = dlg
    dlg.show()
    return dlg


class RestoreDialog(QDialog):
    """Arkiv ▸ Återställ från säkerhetskopia: date, reason and content of each backup."""

    def __init__(self, parent, book):
        super().__init__(parent)
        self.setWindowTitle("Återställ från säkerhetskopia")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Välj kopian som ska ersätta boken. Boken som den är nu sparas först som "
                             "en ny säkerhetskopia, så återställningen kan ångras."))
        self.list = QListWidget()
        for b in reversed(book.backups()):
            item = QListWidgetItem(f"{b.created.replace('T', ' ')}  –  {b.reason_text}  –  {b.content_text}")
            item.setData(256, b.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        lay.addWidget(self.list)
        buttons = ok_cancel(self, "Återställ")
        lay.addWidget(buttons)
        self.resize(760, 380)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(256) if item else None


def restore_dialog(w: MainWindow) -> None:
    book = w.book
    if book is None:
        return
    dlg = RestoreDialog(w, book)
    w.last_safety_dialog = dlg
    if not dlg.exec() or dlg.chosen() is None:
        return
    restore_chosen(w, dlg.chosen())


def restore_chosen(w: MainWindow, backup_id: str) -> None:
    book = w.book
    book.write_block = None  # restoring is how a book that failed is repaired
    try:
        info = restore(book, backup_id)
    except FinsamError as exc:
        show_error(w, exc, "Boken kunde inte återställas")
        return
    w.set_book(book)  # every page and form built again from the restored book
    QMessageBox.information(w, APP, f"Boken är återställd från kopian {info.created.replace('T', ' ')} "
                                    f"({info.reason_text}): {info.content_text}.")
