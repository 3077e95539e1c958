"""Automatic backups of a book, kept per book in the user's data folder.

A backup is a consistent copy made with SQLite's online backup API (never a file copy of
a live book), named by the time it was made, with a small JSON file beside it saying why
it was made and what it holds (years, verifikationer, the last number). The program makes
one before an import, an accrual booking, a year close, a reopen and a restore, and when a
changed book is closed. Kept: the last `KEEP_LAST` and the newest of every month.

Files that belong to a book and live beside it (`Companion`, e.g. the store of underlag)
are backed up with it into one copy per book in the backup folder, to which each backup
adds only what is new: their content is only ever added to, so the copy holds everything
any backup of the book refers to, and gigabytes of underlag are not copied again for every
backup. A restore adds back from that copy whatever the companion beside the book lacks.

A crash copy (`save_crash_copy`) is the book's main file and its `-wal` copied as they
are, before SQLite is allowed to apply the `-wal`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from typing import Callable
from datetime import datetime
from pathlib import Path

from ..errors import BookFileError, os_reason
from ..paths import data_dir

KEEP_LAST = 20
KEEP_KEY = "backup_keep_last"   # the book's own setting of KEEP_LAST (finsam backups --keep)


@dataclass(frozen=True)
class Companion:
    """A file that belongs to a book and lives beside it, whose content is only ever added
    to (so a backup copies what is new, never the whole file again)."""
    name: str                                   # its name in the book's backup folder
    path_of: Callable[[Path], Path]             # where it lives beside the book
    copy_new: Callable[[Path, Path], object]    # copy into target what it lacks of source

REASONS = {
    "import": "före import",
    "accrual": "före bokning av periodiseringar",
    "close-year": "före årsbokslut",
    "reopen-year": "före återöppning av år",
    "restore": "före återställning",
    "close": "när boken stängdes",
    "crash": "kvarlämnad -wal vid öppning",
    "manual": "manuell",
}


@dataclass(frozen=True)
class BackupInfo:
    id: str
    path: Path
    reason: str
    created: str
    years: list = field(default_factory=list)
    vouchers: int | None = None
    last_number: str = ""

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def content_text(self) -> str:
        if self.vouchers is None:
            return "innehåll okänt (filerna sparade som de var)"
        years = ", ".join(self.years) or "inga år"
        last = f", senaste {self.last_number}" if self.last_number else ""
        return f"{years}; {self.vouchers} verifikationer{last}"


def backup_dir(book_path: str | Path) -> Path:
    """The folder of one book's backups: its name and a short hash of its full path."""
    p = Path(book_path).absolute()
    tag = hashlib.sha256(str(p).encode()).hexdigest()[:10]
    return data_dir() / "backups" / f"{p.stem}-{tag}"


def _new_id(folder: Path) -> str:
    base = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    n, bid = 0, base
    while (folder / f"{bid}.json").exists():
        n += 1
        bid = f"{base}-{n}"
    return bid


def _summary(conn: sqlite3.Connection) -> dict:
    try:
        years = [f"{s[:4]}" if s[:4] == e[:4] else f"{s[:4]}/{e[2:4]}" for s, e in
                 conn.execute("SELECT start, end FROM fiscal_year ORDER BY start")]
        count = conn.execute("SELECT count(*) FROM voucher").fetchone()[0]
        last = conn.execute("SELECT series, number, date FROM voucher ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return {}
    return {"years": years, "vouchers": count, "last_number": f"{last[0]} {last[1]} ({last[2]})" if last else ""}


def _write_meta(folder: Path, bid: str, meta: dict) -> None:
    tmp = folder / f".{bid}.json.tmp"
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / f"{bid}.json")


def _copy_companions(book_path: Path, folder: Path, companions) -> None:
    for c in companions:
        src = c.path_of(book_path)
        if src.exists():
            c.copy_new(src, folder / c.name)


def restore_companions(info: BackupInfo, book_path: str | Path, companions) -> None:
    """Add back beside the book what its companions lack of the backup folder's copies
    (after a restore, or when a companion file was lost)."""
    for c in companions:
        kept = info.path.parent / c.name
        if kept.exists():
            c.copy_new(kept, c.path_of(Path(book_path)))


def keep_last(conn: sqlite3.Connection) -> int:
    """How many of the latest backups a book keeps: its setting, else KEEP_LAST."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (KEEP_KEY,)).fetchone()
    try:
        return max(1, int(row[0])) if row else KEEP_LAST
    except ValueError:
        return KEEP_LAST


def make_backup(conn: sqlite3.Connection, book_path: str | Path, reason: str, companions=()) -> BackupInfo:
    """Copy the open book (connection `conn`) with the backup API into its backup folder,
    add what is new in its `companions` to their copies there, and prune old backups.
    Raises BookFileError (Swedish) when the copy cannot be written."""
    book_path = Path(book_path)
    folder = backup_dir(book_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        bid = _new_id(folder)
        tmp = folder / f".{bid}.finsam.tmp"
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            meta = dict(reason=reason, created=datetime.now().isoformat(timespec="seconds"),
                        book=str(book_path.absolute()), **_summary(dest))
        finally:
            dest.close()
        os.replace(tmp, folder / f"{bid}.finsam")
        _copy_companions(book_path, folder, companions)
        _write_meta(folder, bid, meta)
        keep = keep_last(conn)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(Exception):
            tmp.unlink(missing_ok=True)
        reason_text = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise BookFileError(f"Säkerhetskopian av {book_path.name} kunde inte skrivas i {folder}: "
                            f"{reason_text}. Ingenting ändrades i boken.", path=str(book_path)) from exc
    prune(book_path, keep)
    return _info(folder, bid, meta)


def save_crash_copy(book_path: str | Path) -> BackupInfo:
    """Copy the book's main file and its -wal as they are (before SQLite applies the -wal)."""
    book_path = Path(book_path)
    folder = backup_dir(book_path)
    folder.mkdir(parents=True, exist_ok=True)
    bid = _new_id(folder)
    shutil.copyfile(book_path, folder / f"{bid}.finsam")
    wal = book_path.with_name(book_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, folder / f"{bid}.finsam-wal")
    meta = dict(reason="crash", created=datetime.now().isoformat(timespec="seconds"),
                book=str(book_path.absolute()))
    _write_meta(folder, bid, meta)
    return _info(folder, bid, meta)


def _info(folder: Path, bid: str, meta: dict) -> BackupInfo:
    return BackupInfo(bid, folder / f"{bid}.finsam", meta.get("reason", ""), meta.get("created", ""),
                      meta.get("years", []), meta.get("vouchers"), meta.get("last_number", ""))


def list_backups(book_path: str | Path) -> list[BackupInfo]:
    """The book's backups, oldest first."""
    folder = backup_dir(book_path)
    out = []
    for meta_path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (folder / f"{meta_path.stem}.finsam").exists():
            out.append(_info(folder, meta_path.stem, meta))
    return out


def find_backup(book_path: str | Path, backup_id: str) -> BackupInfo:
    for b in list_backups(book_path):
        if b.id == backup_id:
            return b
    raise BookFileError(f"Säkerhetskopian {backup_id} finns inte för boken {Path(book_path).name} "
                        "(se finsam backups).", path=str(book_path))


def prune(book_path: str | Path, keep_last: int = KEEP_LAST) -> None:
    """Keep the last `keep_last` backups and the newest of every month; remove the rest."""
    backups = list_backups(book_path)
    keep = {b.id for b in backups[-keep_last:]}
    newest_of_month: dict[str, str] = {}
    for b in backups:
        newest_of_month[b.id[:6]] = b.id
    keep |= set(newest_of_month.values())
    for b in backups:
        if b.id not in keep:
            for f in b.path.parent.glob(f"{b.id}*"):
                with contextlib.suppress(OSError):
                    f.unlink()


@contextlib.contextmanager
def opened_backup(info: BackupInfo):
    """A read-only connection to a backup. A crash copy with its -wal is first recovered in
    a temporary folder, so the backup itself stays as it was saved."""
    wal = info.path.with_name(info.path.name + "-wal")
    with tempfile.TemporaryDirectory(prefix="finsam-restore-") as tmp:
        src = info.path
        if wal.exists():
            src = Path(tmp) / "copy.finsam"
            shutil.copyfile(info.path, src)
            shutil.copyfile(wal, Path(tmp) / "copy.finsam-wal")
        conn = sqlite3.connect(str(src))
        try:
            yield conn
        finally:
            conn.close()
