"""Long work (import, export, PDF, year close) in a worker thread while the window stays
alive, with a progress dialog.

    result = run_in_background(parent, "Importerar SIE …", import_fn, path)
    result = run_book_job(parent, "Stänger året …", book, close_year_fn, year_id)

The function runs in a plain thread. If it accepts a keyword argument `progress`, it is
handed a Progress: it may report `progress.update(done, total, text)` and should look at
`progress.cancelled` (or call `progress.check()`) where stopping is safe, e.g. before it
commits. Only then does the dialog offer "Avbryt"; a function that cannot stop safely is
never interrupted. A FinsamError raised by the function is raised again in the caller's
thread, so the caller shows it like any other. SQLite connections belong to one thread,
so `run_book_job` opens the worker's own Book on the same file.
"""

from __future__ import annotations

import gc
import inspect
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..book import Book
from ..errors import FinsamError


class Cancelled(FinsamError):
    """The user cancelled the work and it stopped before changing anything."""

    def __init__(self, message: str = "Arbetet avbröts. Inget har ändrats."):
        super().__init__(message)


class Progress:
    """Shared between the worker and the dialog; plain attributes guarded by a lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.text = ""
        self._cancel = threading.Event()

    def update(self, done: int, total: int | None = None, text: str | None = None) -> None:
        with self._lock:
            self.done = done
            if total is not None:
                self.total = total
            if text is not None:
                self.text = text

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self.done, self.total, self.text

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop (call it only where stopping is safe)."""
        if self._cancel.is_set():
            raise Cancelled()


def _accepts_progress(fn: Callable) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params


def run_in_background(parent: QWidget | None, title: str, fn: Callable, *args: Any,
                      show_after_ms: int = 300, **kwargs: Any) -> Any:
    """Run fn(*args, **kwargs) in a worker thread, keep the window responsive, show a
    progress dialog if it takes longer than `show_after_ms`, and return its result (or
    raise its exception, Cancelled when the user stopped it)."""
    progress = Progress()
    cancellable = _accepts_progress(fn)
    if cancellable:
        kwargs["progress"] = progress
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    thread = threading.Thread(target=work, name=f"finsam: {title}", daemon=True)
    dialog = QProgressDialog(title, "Avbryt" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("Finsam Bokföring")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(progress.cancel)

    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(40)
    started = time.monotonic()

    def poll() -> None:
        done, total, text = progress.snapshot()
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(f"{title}\n{text}")
        if progress.cancelled:
            dialog.setLabelText(f"{title}\nAvbryter …")
        if not thread.is_alive():
            loop.quit()
        elif time.monotonic() - started > show_after_ms / 1000 and not dialog.isVisible():
            dialog.show()

    timer.timeout.connect(poll)
    # Python's cycle collector runs in whichever thread happens to allocate. Run in the
    # worker, it could destroy Qt objects of the GUI thread there and crash the program;
    # so it is paused while the worker runs and run here, in the GUI thread, afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        thread.start()
        timer.start()
        if thread.is_alive():
            loop.exec()
        timer.stop()
        thread.join()
    finally:
        if collecting:
            gc.enable()
            gc.collect()
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def write_cancellable(write: Callable[[Path], Any], target: str | Path,
                      progress: Progress | None = None) -> Any:
    """Run `write(tmp)` that writes a file at a temporary name next to `target`, then,
    unless the user cancelled meanwhile, move it in place. The writing itself cannot be
    interrupted, but its result can be thrown away: cancelling leaves no file behind and
    never a half-written one. Returns what `write` returned."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.avbrytbar")
    try:
        result = write(tmp)
        if progress is not None:
            progress.check()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return result


def run_book_job(parent: QWidget | None, title: str, book, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Like run_in_background, but fn gets its own Book on the same file as first
    argument (opened and closed in the worker thread): fn(worker_book, *args, **kwargs)."""
    path, read_only = book.path, book.read_only
    wants_progress = _accepts_progress(fn)

    def job(*a: Any, progress: Progress | None = None, **kw: Any) -> Any:
        worker_book = Book.open(path, read_only=read_only)
        try:
            if wants_progress:
                kw["progress"] = progress
            return fn(worker_book, *a, **kw)
        finally:
            worker_book.close()

    def plain_job(*a: Any, **kw: Any) -> Any:
        return job(*a, **kw)

    try:
        return run_in_background(parent, title, job if wants_progress else plain_job, *args, **kwargs)
    finally:
        _own_change(parent)


def _own_change(widget: QWidget | None) -> None:
    """Tell the window's change watcher (found up the parent chain: a wizard or dialog
    runs jobs too) that what changed in the file was this program's own doing."""
    while widget is not None:
        watcher = getattr(widget, "change_watcher", None)
        if watcher is not None:
            watcher.adopt()
            return
        widget = widget.parentWidget()
