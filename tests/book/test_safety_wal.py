"""A -wal beside a book that no program has open: copied aside first, applied only when
the result is still this book (issue: a stray or foreign -wal was applied silently)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

from finsam_desktop.book import Book, recovery
from finsam_desktop.book.backups import list_backups
from tests.conftest import VALID_ORGNR, digest, run_cli


def new_book(path, n: int, text: str, close: bool = True) -> Book:
    b = Book.create(path, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2021-01-01", year_end="2021-12-31")
    for i in range(n):
        b.book_voucher(f"2021-02-{i + 1:02d}", f"{text} {i + 1}", [(1930, 100_00 * (i + 1)), (3010, -100_00 * (i + 1))])
    if close:
        b.close()
    return b


def wal_of(path) -> bytes:
    return (path.parent / (path.name + "-wal")).read_bytes()


def put_wal(path, data: bytes) -> None:
    (path.parent / (path.name + "-wal")).write_bytes(data)


def texts(path) -> list[str]:
    with Book.open(path, read_only=True) as b:
        return [r[0] for r in b.conn.execute("SELECT text FROM voucher ORDER BY id")]


def test_foreign_wal_of_another_book_is_not_applied_and_the_user_is_told(tmp_path, capsys):
    a = tmp_path / "a.finsam"
    new_book(a, 3, "Eget")
    b = new_book(tmp_path / "b.finsam", 5, "Främmande", close=False)
    put_wal(a, wal_of(b.path))
    b.close()
    before = digest(a)
    code, out, err = run_cli(capsys, "vouchers", a)
    assert code == 0, err
    assert "hörde inte till boken" in err and "säkerhetskopia" in err
    assert "Traceback" not in err
    assert digest(a) == before                     # the main file is as it was
    assert not (tmp_path / "a.finsam-wal").exists()
    crash = [x for x in list_backups(a) if x.reason == "crash"]
    assert len(crash) == 1 and crash[0].path.with_name(crash[0].path.name + "-wal").exists()
    code, out, err = run_cli(capsys, "verify", a)
    assert code == 0, out


def test_wal_of_a_book_from_the_same_empty_book_does_not_replace_its_vouchers(tmp_path):
    empty = tmp_path / "empty.finsam"
    new_book(empty, 0, "")
    a, b = tmp_path / "a.finsam", tmp_path / "b.finsam"
    shutil.copyfile(empty, a)
    shutil.copyfile(empty, b)
    with Book.open(a) as book:
        for i in range(2):
            book.book_voucher(f"2021-03-0{i + 1}", f"Eget {i + 1}", [(1930, 500_00), (3010, -500_00)])
    other = Book.open(b)
    for i in range(4):
        other.book_voucher(f"2021-04-0{i + 1}", f"Främmande {i + 1}", [(1930, 700_00), (3010, -700_00)])
    put_wal(a, wal_of(b))
    other.close()
    with Book.open(a) as book:
        assert any("hörde inte till boken" in n for n in book.notices)
    assert texts(a) == ["Eget 1", "Eget 2"]


def test_copy_put_back_by_hand_is_not_undone_by_an_old_wal(tmp_path):
    x = tmp_path / "x.finsam"
    new_book(x, 2, "Före")
    saved = x.read_bytes()
    book = Book.open(x)
    book.book_voucher("2021-05-01", "Efter", [(1930, 100_00), (3010, -100_00)])
    crash_wal = wal_of(x)
    book.conn.close()  # the program dies: no clean close
    recovery.closed(x)
    x.write_bytes(saved)  # the user puts the saved copy back ...
    put_wal(x, crash_wal)  # ... beside the -wal the crash left, which is older
    old = time.time() - 60
    os.utime(tmp_path / "x.finsam-wal", (old, old))
    with Book.open(x) as b:
        assert any("äldre än boken" in n for n in b.notices)
    assert texts(x) == ["Före 1", "Före 2"]


def test_wal_left_by_a_crash_is_recovered_after_a_copy_aside(tmp_path):
    x = tmp_path / "x.finsam"
    book = new_book(x, 3, "Bokförd", close=False)
    crashed = tmp_path / "crashed.finsam"
    shutil.copyfile(x, crashed)
    put_wal(crashed, wal_of(x))  # the files as a killed program leaves them
    book.close()
    with Book.open(crashed) as b:
        assert any("stängdes inte ordentligt" in n for n in b.notices)
        assert [r[0] for r in b.conn.execute("SELECT text FROM voucher ORDER BY id")] == \
            ["Bokförd 1", "Bokförd 2", "Bokförd 3"]
    assert not (tmp_path / "crashed.finsam-wal").exists()  # clean close removes the -wal
    assert [x.reason for x in list_backups(crashed)].count("crash") == 1


def test_clean_close_leaves_no_wal_and_durable_commits(tmp_path):
    x = tmp_path / "x.finsam"
    book = new_book(x, 1, "A", close=False)
    assert book.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    book.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.finsam"]
    with Book.open(x, read_only=True) as b:
        assert len(b.years()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.finsam"]


def test_restore_goes_through_the_backup_api_and_leaves_no_stale_wal(tmp_path, capsys):
    x = tmp_path / "x.finsam"
    new_book(x, 2, "Före")
    with Book.open(x) as b:
        info = b.backup("manual")
        b.book_voucher("2021-06-01", "Efter", [(1930, 100_00), (3010, -100_00)])
    code, out, err = run_cli(capsys, "backups", x)
    assert code == 0 and info.id in out and "2021; 2 verifikationer, senaste A 2 (2021-02-02)" in out
    code, out, err = run_cli(capsys, "restore", x, "--from", info.id)
    assert code == 0, err
    assert texts(x) == ["Före 1", "Före 2"]
    assert not (tmp_path / "x.finsam-wal").exists()
    reasons = [b.reason for b in list_backups(x)]
    assert "restore" in reasons  # the book as it was, before the restore
    code, out, err = run_cli(capsys, "verify", x)
    assert code == 0, out
    code, out, err = run_cli(capsys, "restore", x, "--from", "nej")
    assert code == 2 and "finns inte" in err


def test_backups_keep_the_last_twenty_and_one_per_month(tmp_path):
    from finsam_desktop.book import backups
    x = tmp_path / "x.finsam"
    new_book(x, 1, "A")
    folder = backups.backup_dir(x)
    with Book.open(x) as b:
        for _ in range(25):
            b.backup("manual")
    # Pretend the first one was made last month: renamed to an older id.
    items = backups.list_backups(x)
    assert len(items) == 20
    old = "19990115-120000-000000"
    for f in folder.glob(f"{items[0].id}*"):
        f.rename(folder / f.name.replace(items[0].id, old))
    with Book.open(x) as b:
        b.backup("manual")
    ids = [i.id for i in backups.list_backups(x)]
    assert old in ids and len(ids) == 21
