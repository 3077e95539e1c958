"""Arkiv ▸ Kontrollera bokfilen, Logg and Återställ från säkerhetskopia in the window."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from finsam_desktop.book import Book
from finsam_desktop.ui import safety_actions
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.tasks import run_book_job
from tests.conftest import VALID_ORGNR


def make(tmp_path, n=3):
    p = tmp_path / "b.finsam"
    b = Book.create(p, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31")
    for i in range(n):
        b.book_voucher(f"2021-02-0{i + 1}", f"Faktura {i + 1}", [(1930, 100_00), (3010, -100_00)])
    b.close()
    return p


def test_shortcuts_and_menu(qapp, tmp_path):
    w = MainWindow()
    assert w.act_verify.shortcut().toString() == "Ctrl+Shift+H"
    assert w.act_log.shortcut().toString() == "Ctrl+Shift+G"
    arkiv = w.menuBar().actions()[0].menu()
    texts = [a.text() for a in arkiv.actions()]
    assert "Återställ från säker&hetskopia …" in texts and "&Logg …" in texts
    w.close()


def test_log_dialog_lists_the_audit_log_newest_first(qapp, tmp_path):
    w = MainWindow()
    w.open_book(make(tmp_path))
    dlg = safety_actions.show_log(w)
    t = dlg.table
    assert t.rowCount() == len(w.book.audit_log())
    assert t.item(0, 2).text() == "voucher.book"
    assert "book.create" in {t.item(r, 2).text() for r in range(t.rowCount())}
    dlg.grab().save(str(tmp_path / "logg.png"))
    w.close()


def test_verify_in_the_window_and_a_failed_book_is_not_written(qapp, tmp_path, monkeypatch):
    p = make(tmp_path)
    c = sqlite3.connect(str(p))
    c.execute("DROP TRIGGER audit_log_no_update")
    c.execute("UPDATE audit_log SET action = 'x' WHERE id = 1")
    c.commit()
    c.close()
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    w = MainWindow()
    book = w.open_book(p)
    assert warned and "Loggens kedja" in warned[0] or "saknas" in warned[0]
    assert book.write_block
    assert not w.act_new_voucher.isEnabled() or book.write_block
    import pytest
    from finsam_desktop.errors import RuleError
    with pytest.raises(RuleError, match="klarar inte kontrollen"):
        book.book_voucher("2021-03-01", "X", [(1930, 1), (3010, -1)])
    w.close()


def test_restore_from_a_backup_in_the_window(qapp, tmp_path, monkeypatch):
    p = make(tmp_path, 2)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    w = MainWindow()
    book = w.open_book(p)
    first = book.backup("manual")
    book.book_voucher("2021-03-01", "Efter", [(1930, 1), (3010, -1)])
    dlg = safety_actions.RestoreDialog(w, book)
    assert dlg.list.count() >= 1 and "2 verifikationer" in dlg.list.item(0).text()
    dlg.grab().save(str(tmp_path / "restore.png"))
    safety_actions.restore_chosen(w, first.id)
    assert w.book.conn.execute("SELECT count(*) FROM voucher").fetchone()[0] == 2
    w.close()


def test_change_by_another_program_refreshes_the_window_and_a_lock_never_freezes_it(qapp, tmp_path):
    import time
    import pytest
    from finsam_desktop.errors import RuleError
    p = make(tmp_path, 1)
    w = MainWindow()
    book = w.open_book(p)
    refreshed = []
    w.refresh = lambda: refreshed.append(1)
    assert w.change_watcher.poll() is False
    with Book.open(p) as other:
        other.book_voucher("2021-04-01", "Från ett annat program", [(1930, 5_00), (3010, -5_00)])
    assert w.change_watcher.poll() is True and refreshed == [1]
    assert w.change_watcher.poll() is False
    # The program's own background job (PDF, SIE export, a copy) opens and closes a connection
    # of its own, which writes the -wal into the file: that is not another program.
    run_book_job(w, "Läser …", book, lambda b: b.conn.execute("SELECT count(*) FROM voucher").fetchone())
    assert w.change_watcher.poll() is False and refreshed == [1]
    with Book.open(p) as other:
        other.book_voucher("2021-04-02", "Igen från ett annat program", [(1930, 5_00), (3010, -5_00)])
    assert w.change_watcher.poll() is True and refreshed == [1, 1]
    hold = sqlite3.connect(str(p), isolation_level=None)
    hold.execute("BEGIN IMMEDIATE")
    try:
        t = time.perf_counter()
        with pytest.raises(RuleError, match="annat program"):
            book.book_voucher("2021-04-02", "Väntar inte", [(1930, 1), (3010, -1)])
        assert time.perf_counter() - t < 2.0
    finally:
        hold.execute("ROLLBACK")
        hold.close()
    w.close()


def test_full_verification_runs_in_the_background_after_open(qapp, tmp_path):
    import time
    w = MainWindow()
    w.open_book(make(tmp_path, 2))
    bg = w.background_verify
    bg.thread.join(30)
    deadline = time.time() + 10
    while bg.findings is None and time.time() < deadline:
        qapp.processEvents()
    assert bg.findings and not [f for f in bg.findings if f.is_error]
    assert w.book.write_block is None
    w.close()
