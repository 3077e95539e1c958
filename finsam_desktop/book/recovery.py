"""Opening a book that has a `-wal` beside it that no program has open.

Such a `-wal` is left by a crash (or copied there by someone). SQLite applies it to the
book on the next open, whatever book it came from. Before that happens the book and the
`-wal` are copied aside (the book's backup folder), then SQLite recovers, then the result
is checked: the database is intact and the verifikationer and the log that the book held
before still carry the same links (chain.py). When it is not, the `-wal` did not belong to
this book: the copy of the book is put back and the user is told. A `-wal` clearly older
than the book (the book was replaced, e.g. an older copy put back by hand) is set aside
unapplied.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from . import backups

try:  # POSIX: the lock SQLite holds while a book is open (no equivalent is read on Windows)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

# Books this process has open (absolute path -> number of connections): their -wal is live.
_OPEN: dict[str, int] = {}
# SQLite's "dead man switch" byte in the -shm file: every connection holds a shared lock
# on it while the book is open (unix VFS: 120 + SQLITE_SHM_NLOCK).
_DMS_OFFSET = 128
# A -wal this much older than the book was not written by the book's last session.
STALE_SECONDS = 2.0


def _key(p: Path) -> str:
    return str(Path(p).absolute())


def opened(p: Path) -> None:
    _OPEN[_key(p)] = _OPEN.get(_key(p), 0) + 1


def closed(p: Path) -> None:
    k = _key(p)
    if _OPEN.get(k, 0) <= 1:
        _OPEN.pop(k, None)
    else:
        _OPEN[k] -= 1


def _side(p: Path, suffix: str) -> Path:
    return p.with_name(p.name + suffix)


def in_use(p: Path) -> bool:
    """Does any program have the book open (this one, or another holding SQLite's lock)?"""
    if _OPEN.get(_key(p)):
        return True
    shm = _side(p, "-shm")
    if fcntl is None:
        return True  # cannot tell: leave the -wal to SQLite
    if not shm.exists():
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _DMS_OFFSET)
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _DMS_OFFSET)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _anchor(main_copy: Path) -> tuple | None:
    """The last verifikation and log line with their links in the book file alone (the
    -wal not applied): what a -wal of the same book can only extend."""
    uri = main_copy.absolute().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            v = conn.execute("SELECT voucher_id, hash FROM voucher_link ORDER BY voucher_id DESC LIMIT 1").fetchone()
            a = conn.execute("SELECT audit_id, hash FROM audit_link ORDER BY audit_id DESC LIMIT 1").fetchone()
            return (v, a)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _still_this_book(p: Path, anchor: tuple | None) -> str | None:
    """Let SQLite apply the -wal, then check the result; None when it is fine, else what
    was wrong (Swedish)."""
    try:
        conn = sqlite3.connect(str(p), isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                return "databasen är skadad efter att -wal-filen lästs in"
            if anchor:
                v, a = anchor
                if v and conn.execute("SELECT hash FROM voucher_link WHERE voucher_id = ?",
                                      (v[0],)).fetchone() != (v[1],):
                    return "verifikationer som redan fanns i boken skulle ha ersatts"
                if a and conn.execute("SELECT hash FROM audit_link WHERE audit_id = ?",
                                      (a[0],)).fetchone() != (a[1],):
                    return "rader i loggen som redan fanns i boken skulle ha ersatts"
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"databasen kunde inte läsas efter att -wal-filen lästs in ({exc})"
    return None


def _drop_wal(p: Path) -> None:
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            _side(p, suffix).unlink()


def recover_leftover_wal(p: Path) -> list[str]:
    """Handle a -wal no program has open; returns what was done (Swedish sentences)."""
    wal = _side(p, "-wal")
    try:
        if not wal.exists() or wal.stat().st_size == 0 or in_use(p):
            return []
    except OSError:
        return []
    copy = backups.save_crash_copy(p)
    where = f"Filerna som de var finns sparade som säkerhetskopia {copy.id}."
    if p.stat().st_mtime - wal.stat().st_mtime > STALE_SECONDS:
        _drop_wal(p)
        return [f"En -wal-fil äldre än boken låg bredvid {p.name}; den lästes inte in eftersom den inte "
                f"skrevs av bokens senaste session. {where}"]
    problem = _still_this_book(p, _anchor(copy.path))
    if problem is None:
        return [f"Boken {p.name} stängdes inte ordentligt senast. Ändringar som hunnit sparas har lästs "
                f"in och boken är kontrollerad. {where}"]
    _drop_wal(p)
    tmp = _side(p, ".restore-tmp")
    shutil.copyfile(copy.path, tmp)
    os.replace(tmp, p)
    return [f"En -wal-fil bredvid {p.name} hörde inte till boken: {problem}. Den lästes inte in och "
            f"boken är som den var före. {where}"]
