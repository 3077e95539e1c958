"""Opening, creating and migrating a book file, and the one way to change it: a
transaction."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..errors import BookFileError, InputError, RuleError
from ..files import move_into_place, unique_temp_name
from . import backups, recovery
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from .validate import normalize_orgnr

SUFFIX = ".finsam"
# What reading a damaged book raises, for front ends that must not import sqlite3.
DatabaseError = sqlite3.DatabaseError
SQLITE_MAGIC = b"SQLite format 3\x00"


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        # Read-only by query_only, not by opening the file read-only: a connection without
        # write access to a WAL book creates -wal and -shm beside it and can never remove
        # them, while this one, the last to close, tidies up like any other. (A file the
        # user may not write to is still opened read-only: mode=rw falls back to that.)
        # as_uri percent-encodes like urllib.request.pathname2url, without its ~20 ms import.
        uri = Path(path).absolute().as_uri() + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on the disk (the -wal synced) before it returns, so a power
        # cut never loses a verifikation the user was told was booked.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def rule_error(exc: sqlite3.DatabaseError) -> RuleError:
    """Turn a refusal from the database into the Swedish message it carries."""
    msg = str(exc)
    if "FOREIGN KEY" in msg:
        return RuleError("Ändringen refererar till något som inte finns (konto, insats, motpart "
                         "eller verifikation), eller lämnar rader utan verifikation.")
    if "UNIQUE" in msg:
        return RuleError(f"Uppgiften finns redan ({msg.split(':', 1)[-1].strip()}).")
    if "CHECK" in msg:
        return RuleError(f"Ogiltigt värde ({msg.split(':', 1)[-1].strip()}).")
    if "locked" in msg or "busy" in msg:
        return RuleError("Boken används av ett annat program just nu; ändringen gjordes inte. Försök igen.")
    if "readonly" in msg or "read-only" in msg:
        return RuleError("Boken är skrivskyddad (filen eller mappen saknar skrivrätt); ändringen gjordes inte.")
    if "malformed" in msg or "not a database" in msg:
        return RuleError("Boken är skadad; ändringen gjordes inte.")
    return RuleError(msg)


def _refuse_foreign(p: Path, app_id: int, version: int) -> None:
    """Refuse a database of another program, or a book written by a newer version."""
    if version < 0:
        raise BookFileError(f"Filen {p} har en ogiltig filversion ({version}); den är inte en "
                            "Finsam-bok eller är skadad.", path=str(p))
    if app_id != APPLICATION_ID:
        raise BookFileError(f"Filen {p} är en databas från ett annat program, inte en Finsam-bok.",
                            path=str(p))
    if version > SCHEMA_VERSION:
        raise BookFileError(
            f"Boken {p} är skapad av en nyare version av Finsam Bokföring "
            f"(filversion {version}, detta program läser till och med {SCHEMA_VERSION}). "
            "Uppdatera programmet för att öppna den.", path=str(p))


class BookCore:
    """The connection and its life cycle. `Book` adds the domain methods."""

    # Files beside the book that its backups and restores take along (backups.Companion).
    COMPANIONS: tuple = ()

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool = False):
        self.path = Path(path)
        self.conn = conn
        self.read_only = read_only
        # A REPLACE deletes the row it replaces; with recursive triggers on, that delete
        # fires the no-delete triggers (audit log, used accounts, booked verifikationer),
        # so a REPLACE cannot rewrite what the triggers protect. SQLite's default is off.
        conn.execute("PRAGMA recursive_triggers = ON")
        self._depth = 0
        self.notices: list[str] = []     # what opening found and did (a recovered -wal), Swedish
        self.write_block: str | None = None  # set when verification failed: no writes
        self._changes_at_open = conn.total_changes
        self._closed = False

    # ------------------------------------------------------------------ life cycle
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False):
        """Open an existing book, migrating it to this version's schema.

        Refuses (BookFileError, Swedish message) a missing file, a file that is not
        SQLite, a SQLite database that is not a Finsam book, and a book written by a newer
        version of the program. A refused file is left exactly as it was.
        """
        p = Path(path)
        if not p.exists():
            raise BookFileError(f"Filen {p} finns inte.", path=str(p))
        if p.is_dir():
            raise BookFileError(f"{p} är en mapp, inte en bokföringsfil.", path=str(p))
        with open(p, "rb") as fh:
            head = fh.read(100)
        if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
            raise BookFileError(f"Filen {p} är inte en Finsam-bok (den är inte en SQLite-databas).",
                                path=str(p))
        _refuse_foreign(p, int.from_bytes(head[68:72], "big", signed=True),
                        int.from_bytes(head[60:64], "big", signed=True))
        # A -wal no program has open is applied only after a copy of the book and of the
        # -wal is saved and only if the result is still this book (book/recovery.py).
        notices = recovery.recover_leftover_wal(p)
        conn = None
        try:
            conn = _connect(p, read_only=read_only)
            # The header read above can be older than the write-ahead log: ask again.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            _refuse_foreign(p, conn.execute("PRAGMA application_id").fetchone()[0], version)
            if version < SCHEMA_VERSION and read_only:
                raise BookFileError(f"Boken {p} har ett äldre filformat och måste öppnas med skrivrätt en "
                                    "gång så att den kan uppdateras.", path=str(p))
            book = cls(p, conn, read_only=read_only)
            book.notices = notices
            if version < SCHEMA_VERSION:
                book._migrate()
            conn.execute("SELECT count(*) FROM forbund").fetchone()
            book._changes_at_open = conn.total_changes
            recovery.opened(p)
        except BookFileError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            msg = str(exc)
            if "locked" in msg:
                detail = "den är låst av ett annat program"
            elif "readonly" in msg or "unable to open" in msg:
                # A WAL book needs to write its -wal and -shm files beside it, even to read.
                detail = ("filen eller mappen den ligger i saknar skrivrätt; flytta boken till en mapp "
                          "där du får skriva")
            else:
                detail = "den är skadad"
            raise BookFileError(f"Filen {p} kan inte öppnas som Finsam-bok: {detail}.", path=str(p)) from exc
        return book

    @classmethod
    def create(cls, path: str | Path, *, namn: str, orgnr: str, year_start: str, year_end: str,
               chart: bool = True, check_orgnr: bool = True, **forbund_fields: Any):
        """Create a new book with its förbund, its first räkenskapsår and (by default) the
        default chart of accounts. Written to a temporary file and renamed into place, so a
        failure leaves no file behind. Refuses to overwrite an existing file."""
        p = Path(path)
        if p.exists():
            raise BookFileError(f"Filen {p} finns redan. Välj ett annat namn.", path=str(p))
        if not p.parent.exists():
            raise BookFileError(f"Mappen {p.parent} finns inte.", path=str(p))
        # An import keeps the orgnr its file gives (already in 000000-0000 form) even when
        # the check digit is wrong; the importer warns about it.
        orgnr = normalize_orgnr(orgnr) if check_orgnr else orgnr
        if not (namn or "").strip():
            raise InputError("Ange förbundets namn (fältet namn får inte vara tomt).", field="namn")
        tmp = unique_temp_name(p, "tmp")  # two runs creating the same book never share it
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        book = cls(tmp, conn)
        try:
            book._migrate()
            with book.transaction():
                conn.execute(
                    "INSERT INTO forbund (id, namn, orgnr, adress, postnummer, ort, epost, telefon) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                    (namn.strip(), orgnr, forbund_fields.get("adress", ""),
                     forbund_fields.get("postnummer", ""), forbund_fields.get("ort", ""),
                     forbund_fields.get("epost", ""), forbund_fields.get("telefon", "")))
                book.add_year(year_start, year_end)
                if chart:
                    book.load_default_chart()
                book.audit("book.create", namn=namn, orgnr=orgnr)
            conn.close()
        except BaseException:
            conn.close()
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
            raise
        move_into_place(tmp, p, BookFileError)
        return cls.open(p)

    def _migrate(self) -> None:
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for version in range(current, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split_sql(MIGRATIONS[version]):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute(f"PRAGMA user_version = {version + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        if not self.read_only:
            self.conn.execute("PRAGMA journal_mode = WAL")
        if current < SCHEMA_VERSION and not self.read_only:
            self._chain_after_migration()

    def _chain_after_migration(self) -> None:
        """Book (chain.py) links and seals what an older book holds."""

    def _before_commit(self) -> None:
        """Book (chain.py) links what the transaction wrote."""

    # ------------------------------------------------------------------ backups
    def backup(self, reason: str) -> backups.BackupInfo | None:
        """An automatic backup of the book now (backup API), kept in the user's data folder.
        Inside a transaction there is nothing to do (None): the copy would wait for the
        transaction, and the operation that opened it made its backup before."""
        if self._depth or self.conn.in_transaction:
            return None
        return backups.make_backup(self.conn, self.path, reason, self.COMPANIONS)

    def backups(self) -> list[backups.BackupInfo]:
        return backups.list_backups(self.path)

    def restore_from(self, backup_id: str) -> backups.BackupInfo:
        """Replace the whole book by one of its backups, through the backup API into this
        open connection (no file is copied over the live book and no -wal is left stale).
        The book as it was is backed up first."""
        if self.read_only:
            raise RuleError("Boken är öppnad skrivskyddad och kan inte återställas.")
        info = backups.find_backup(self.path, backup_id)
        self.backup("restore")
        with backups.opened_backup(info) as src:
            try:
                app_id = src.execute("PRAGMA application_id").fetchone()[0]
                if app_id != APPLICATION_ID or src.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise BookFileError(f"Säkerhetskopian {backup_id} är skadad och kan inte återställas.",
                                        path=str(info.path))
                src.backup(self.conn)
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError as exc:
                raise BookFileError(f"Säkerhetskopian {backup_id} kunde inte återställas: {exc}.",
                                    path=str(info.path)) from exc
        if self.schema_version < SCHEMA_VERSION:
            self._migrate()
        backups.restore_companions(info, self.path, self.COMPANIONS)
        with self.transaction():
            self.audit("book.restore", backup=backup_id, reason=info.reason, created=info.created)
        return info

    def backup_to(self, path: str | Path) -> Path:
        """Write a consistent copy of the whole book to `path` (SQLite online backup), even
        while the book is open. Refuses to overwrite an existing file; a failed copy leaves
        nothing behind."""
        target = Path(path)
        if target.exists():
            raise BookFileError(f"Filen {target} finns redan. Välj ett annat namn.", path=str(target))
        if not target.parent.exists():
            raise BookFileError(f"Mappen {target.parent} finns inte.", path=str(target))
        tmp = target.with_name(target.name + ".tmp")
        tmp.unlink(missing_ok=True)
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise BookFileError(f"Kopian {target} kunde inte skrivas: {exc}.", path=str(target)) from exc
        return target

    @property
    def changed(self) -> bool:
        """Has this connection changed the book since it was opened?"""
        try:
            return self.conn.total_changes != self._changes_at_open
        except sqlite3.Error:
            return False

    def close(self) -> None:
        """Close cleanly: a changed book is backed up, the -wal is checkpointed into the
        book and removed."""
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only and self.changed:
                try:
                    self.backup("close")
                except BookFileError as exc:
                    self.notices.append(exc.message)
            if not self.read_only:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        recovery.closed(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def data_version(self) -> int:
        """Changes when another connection (another program) commits to the book."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def set_busy_timeout(self, ms: int) -> None:
        """How long a write waits for another program's lock before it is refused."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change. Nested use joins the outer transaction. A refusal by the
        database becomes a RuleError with its Swedish message; nothing is half-written."""
        if self.read_only:
            raise RuleError("Boken är öppnad skrivskyddad och kan inte ändras.")
        if self.write_block:
            raise RuleError(self.write_block)
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise rule_error(exc) from exc
        self._depth = 1
        try:
            yield self.conn
            self._before_commit()
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise rule_error(exc) from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement, turning a refusal by the database into a RuleError."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise rule_error(exc) from exc

    def audit(self, action: str, **detail: Any) -> None:
        """Append a line to the audit log (inside the caller's transaction)."""
        self.conn.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, ?, ?)",
                          (now_iso(), action, json.dumps(detail, ensure_ascii=False, default=str)))

    def audit_log(self) -> list[dict]:
        return [dict(id=r[0], at=r[1], action=r[2], detail=json.loads(r[3]))
                for r in self.conn.execute("SELECT id, at, action, detail FROM audit_log ORDER BY id")]

    # ------------------------------------------------------------------ settings
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def _split_sql(script: str) -> list[str]:
    """Split a schema script into statements (triggers contain ';' inside BEGIN…END)."""
    stmts, buf = [], []
    for line in script.splitlines():
        if not buf and (not line.strip() or line.strip().startswith("--")):
            continue
        buf.append(line)
        text = "\n".join(buf)
        if sqlite3.complete_statement(text):
            stmts.append(text)
            buf = []
    if "".join(buf).strip():
        stmts.append("\n".join(buf))
    return stmts
