"""The error log of the desktop program and the macOS file-open event."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent

from finsam_desktop.ui import startup


def test_an_unforeseen_error_is_appended_to_the_log_with_its_traceback(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: seen.append(a[0]))
    log = startup.ErrorLog(tmp_path / "logg").install()
    assert sys.excepthook == log.hook
    for message in ("första", "andra"):
        try:
            raise ValueError(f"{message} felet")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    text = (tmp_path / "logg" / "finsam-desktop.log").read_text(encoding="utf-8")
    assert text.count("oväntat fel") == 2
    assert "ValueError: första felet" in text and "ValueError: andra felet" in text
    assert "Traceback (most recent call last)" in text
    assert seen == [ValueError, ValueError]  # the previous hook still runs


def test_a_full_log_starts_over_and_keeps_the_old_one(tmp_path, monkeypatch):
    monkeypatch.setattr(startup, "MAX_LOG_BYTES", 100)
    log = startup.ErrorLog(tmp_path)
    log.write("x" * 150)
    log.write("ny\n")
    assert (tmp_path / "finsam-desktop.log").read_text(encoding="utf-8") == "ny\n"
    assert (tmp_path / "finsam-desktop.log.1").read_text(encoding="utf-8") == "x" * 150


def test_a_file_open_event_opens_the_book(qapp, tmp_path):
    opened = []
    f = startup.FileOpenFilter(opened.append)
    qapp.installEventFilter(f)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "förbundet.finsam")))
    finally:
        qapp.removeEventFilter(f)
    assert opened == [str(tmp_path / "förbundet.finsam")]
