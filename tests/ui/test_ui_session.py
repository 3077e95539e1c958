"""The open book and the windows opened on it (ui/session.py): a window the user has
already closed is forgotten, the rest are closed with the book, and the book itself is
closed last."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog

from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.members_form import MembersDialog
from finsam_desktop.ui.session import BookSession

from ui_helpers import booked_book, isolated_settings  # noqa: F401


def test_a_window_closed_by_the_user_is_forgotten_and_the_rest_close_with_the_book(qtbot, tmp_path):
    book = booked_book(tmp_path)
    window = MainWindow(book)
    qtbot.addWidget(window)
    window.edit_members()
    window.edit_chart()
    members = window.findChildren(MembersDialog)[0]
    members.close()                                         # deleted on close
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert len(window.session.windows) == 1                 # only the kontoplan is left
    window.close_book()
    assert window.session.windows == []
    assert [d for d in window.findChildren(QDialog) if d.isVisible()] == []
    with pytest.raises(sqlite3.ProgrammingError):          # the book is closed too
        book.conn.execute("SELECT 1")


def test_the_session_closes_its_windows_before_the_old_book(qtbot, tmp_path):
    first, second = booked_book(tmp_path, "a.finsam"), booked_book(tmp_path, "b.finsam")
    session = BookSession()
    session.set_book(first)
    seen = []

    class Form(QDialog):
        def closeEvent(self, event):
            # Still readable when the form closes: the book closes after its windows.
            seen.append(first.conn.execute("SELECT count(*) FROM voucher").fetchone()[0])
            super().closeEvent(event)

    form = session.adopt(Form())
    form.show()
    session.set_book(second)
    assert seen == [3] and not form.isVisible()
    assert session.book is second and session.windows == []
    session.close()
    assert session.book is None
