"""Underlag (the files behind a verifikation), attest and leverantörsfakturor: storage.

Where the bytes live. The files are kept in a companion SQLite file beside the book,
`<book>.finsam-underlag` (`companion_path`), content-addressed: one row per distinct file,
keyed by its SHA-256, append-only (its triggers refuse every UPDATE and DELETE). The book
itself holds only the links (verifikation or utkast -> sha256, file name, mime, size) and
its triggers make a booked verifikation's links permanent, like its rows. Ten years of
scanned invoices weigh gigabytes; the ledger weighs megabytes. Kept apart, a copy of the
book stays small and fast, and a backup or a handover copies only the blobs it does not
have yet (`copy_new_blobs`): a blob never changes, so "has this SHA-256" is the whole
comparison.

The companion carries the book's `underlag_id` (a random id saved in the book's settings)
so a book is never read against another book's files.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import BookFileError, RuleError
from . import backups
from .core import now_iso

STORE_APPLICATION_ID = 0x46534D55  # "FSMU": a Finsam underlag file
STORE_SUFFIX = ".finsam-underlag"
MAX_BYTES = 25 * 1024 * 1024       # one file: a scanned invoice is a few hundred kB
SUPPLIER_DEBT_KEY = "supplier_debt_account"
SUPPLIER_DEBT_DEFAULT = 2440       # leverantörsskulder (Kommun-BAS)

MIME_BY_SUFFIX = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                  ".png": "image/png"}
_MAGIC = {"application/pdf": (b"%PDF-",), "image/jpeg": (b"\xff\xd8\xff",),
          "image/png": (b"\x89PNG\r\n\x1a\n",)}
KIND_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG-bild", "image/png": "PNG-bild"}

STORE_SCHEMA = r"""
CREATE TABLE IF NOT EXISTS meta (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blob (
    sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size > 0),
    added_at    TEXT NOT NULL,
    data        BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS blob_no_update BEFORE UPDATE ON blob
BEGIN
    SELECT RAISE(ABORT, 'Ett sparat underlag kan inte ändras.');
END;
CREATE TRIGGER IF NOT EXISTS blob_no_delete BEFORE DELETE ON blob
BEGIN
    SELECT RAISE(ABORT, 'Ett sparat underlag kan inte tas bort.');
END;
CREATE TRIGGER IF NOT EXISTS meta_no_change BEFORE UPDATE ON meta
BEGIN
    SELECT RAISE(ABORT, 'Underlagsfilens identitet kan inte ändras.');
END;
"""


@dataclass(frozen=True)
class Attachment:
    """One underlag linked to a verifikation (voucher_id) or an utkast (draft_id)."""
    id: int
    voucher_id: int | None
    draft_id: int | None
    sha256: str
    file_name: str
    mime: str
    size: int
    added_at: str
    ref: str = ""        # 'A 12' for a verifikation
    date: str = ""       # the verifikation's date


@dataclass(frozen=True)
class Attestant:
    id: int
    year_id: int
    name: str
    role: str
    limit: int | None    # öre; None: no limit


@dataclass(frozen=True)
class Attest:
    voucher_id: int
    attestant: str
    attested_at: str


@dataclass(frozen=True)
class SupplierInvoice:
    id: int
    counterpart_id: int
    supplier: str
    invoice_number: str
    invoice_date: str
    due_date: str
    amount: int
    project_id: int | None
    text: str
    voucher_id: int | None
    payment_voucher_id: int | None
    paid_on: str | None
    registered_by: str
    registered_at: str

    @property
    def is_paid(self) -> bool:
        return self.payment_voucher_id is not None

    def is_overdue(self, today: str) -> bool:
        return not self.is_paid and self.due_date < today


def sniff_mime(head: bytes) -> str | None:
    """The kind of file its first bytes say it is (PDF, JPEG, PNG), or None."""
    for mime, magics in _MAGIC.items():
        if any(head.startswith(m) for m in magics):
            return mime
    return None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def companion_path(book_path: str | Path) -> Path:
    """`x.finsam` -> `x.finsam-underlag` (beside the book, travels with it)."""
    p = Path(book_path)
    return p.with_name(p.stem + STORE_SUFFIX) if p.suffix else p.with_name(p.name + STORE_SUFFIX)


# ------------------------------------------------------------------------------ the blob store
def _open_store(path: Path, *, create: bool, store_id: str | None = None) -> sqlite3.Connection:
    if not path.exists() and not create:
        raise BookFileError(f"Underlagsfilen {path} saknas. Den ska ligga bredvid boken "
                            "(flytta alltid boken och underlagsfilen tillsammans).", path=str(path))
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BookFileError(f"Underlagsfilen {path} kan inte öppnas: den är skadad eller inte en "
                            "underlagsfil.", path=str(path)) from exc
    if tables and app != STORE_APPLICATION_ID:
        conn.close()
        raise BookFileError(f"Filen {path} är inte en Finsam-underlagsfil.", path=str(path))
    if not tables:
        # A rollback journal, not WAL: no -wal/-shm files lie beside the book's between
        # changes, and writes come in batches (put_many), one commit each.
        conn.execute("BEGIN IMMEDIATE")
        for stmt in _statements(STORE_SCHEMA):
            conn.execute(stmt)
        conn.execute(f"PRAGMA application_id = {STORE_APPLICATION_ID}")
        if store_id:
            conn.execute("INSERT INTO meta (key, value) VALUES ('underlag_id', ?)", (store_id,))
        conn.execute("COMMIT")
    if store_id:
        have = conn.execute("SELECT value FROM meta WHERE key = 'underlag_id'").fetchone()
        if have is None:
            conn.execute("INSERT INTO meta (key, value) VALUES ('underlag_id', ?)", (store_id,))
        elif have[0] != store_id:
            conn.close()
            raise BookFileError(f"Underlagsfilen {path} hör till en annan bok.", path=str(path))
    return conn


def _statements(script: str) -> list[str]:
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        text = "\n".join(buf)
        if sqlite3.complete_statement(text):
            out.append(text)
            buf = []
    return out


class UnderlagStore:
    """The companion file of one book: put and get blobs by SHA-256."""

    def __init__(self, path: Path, store_id: str, *, read_only: bool = False):
        self.path = Path(path)
        self.store_id = store_id
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None

    def _c(self, *, create: bool = False) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = _open_store(self.path, create=create and not self.read_only, store_id=self.store_id)
        return self._conn

    def put(self, data: bytes) -> str:
        """Store `data` (once per content) and return its SHA-256."""
        return self.put_many([data])[0]

    def put_many(self, datas) -> list[str]:
        """Store many files in one commit; returns their SHA-256 in order."""
        rows = [(sha256_hex(d), len(d), now_iso(), sqlite3.Binary(d)) for d in datas]
        c = self._c(create=True)
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                c.executemany("INSERT OR IGNORE INTO blob (sha256, size, added_at, data) VALUES (?, ?, ?, ?)", rows)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise RuleError(f"Underlaget kunde inte sparas i {self.path}: {exc}.") from exc
        return [r[0] for r in rows]

    def get(self, digest: str) -> bytes:
        row = self._c().execute("SELECT data FROM blob WHERE sha256 = ?", (digest,)).fetchone()
        if row is None:
            raise BookFileError(f"Underlaget {digest[:12]}… saknas i underlagsfilen {self.path}.",
                                path=str(self.path))
        data = bytes(row[0])
        if sha256_hex(data) != digest:
            raise BookFileError(f"Underlaget {digest[:12]}… i {self.path} är skadat (kontrollsumman "
                                "stämmer inte).", path=str(self.path))
        return data

    def has(self, digest: str) -> bool:
        if not self.path.exists():
            return False
        return self._c().execute("SELECT 1 FROM blob WHERE sha256 = ?", (digest,)).fetchone() is not None

    def stats(self) -> tuple[int, int]:
        """(number of blobs, total bytes)."""
        if not self.path.exists():
            return 0, 0
        n, total = self._c().execute("SELECT count(*), total(size) FROM blob").fetchone()
        return n, int(total)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def copy_new_blobs(source: str | Path, target: str | Path) -> tuple[int, int]:
    """Copy into the underlag file `target` (created when missing) every blob of `source`
    it does not hold yet, in one transaction; returns (blobs copied, bytes copied).
    Blobs never change, so an incremental backup or a handover copies only what is new
    since last time. Refuses a target that belongs to another book."""
    src, dst = Path(source), Path(target)
    if not src.exists():
        return 0, 0
    sconn = _open_store(src, create=False)
    try:
        row = sconn.execute("SELECT value FROM meta WHERE key = 'underlag_id'").fetchone()
    finally:
        sconn.close()
    store_id = row[0] if row else None
    conn = _open_store(dst, create=True, store_id=store_id)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (str(src),))
        conn.execute("BEGIN IMMEDIATE")
        try:
            n, size = conn.execute(
                "SELECT count(*), total(s.size) FROM src.blob s "
                "WHERE NOT EXISTS (SELECT 1 FROM main.blob b WHERE b.sha256 = s.sha256)").fetchone()
            conn.execute("INSERT INTO main.blob (sha256, size, added_at, data) "
                         "SELECT s.sha256, s.size, s.added_at, s.data FROM src.blob s "
                         "WHERE NOT EXISTS (SELECT 1 FROM main.blob b WHERE b.sha256 = s.sha256)")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE src")
    except sqlite3.DatabaseError as exc:
        raise BookFileError(f"Underlagen kunde inte kopieras till {dst}: {exc}.", path=str(dst)) from exc
    finally:
        conn.close()
    return n, int(size)


# ------------------------------------------------------------------------------ the book's side
_ATT_COLS = ("a.id, a.voucher_id, a.draft_id, a.sha256, a.file_name, a.mime, a.size, a.added_at, "
             "ifnull(v.series || ' ' || v.number, ''), ifnull(v.date, '')")


# The store is only ever added to: a backup adds what is new to one copy per book.
UNDERLAG_COMPANION = backups.Companion("underlag" + STORE_SUFFIX, companion_path, copy_new_blobs)


def store_of(book) -> UnderlagStore:
    """The book's underlag store (its id is made and saved on first use)."""
    store = getattr(book, "_underlag_store", None)
    if store is None:
        sid = book.setting("underlag_id")
        if sid is None:
            sid = uuid.uuid4().hex
            if not book.read_only:
                book.set_setting("underlag_id", sid)
        store = UnderlagStore(companion_path(book.path), sid, read_only=book.read_only)
        book._underlag_store = store
    return store


def insert_link(book, *, voucher_id: int | None, draft_id: int | None, sha256: str, file_name: str,
                mime: str, size: int) -> int:
    """Inside the caller's transaction."""
    return book.conn.execute(
        "INSERT INTO attachment (voucher_id, draft_id, sha256, file_name, mime, size, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (voucher_id, draft_id, sha256, file_name, mime, size, now_iso())).lastrowid


def attachments(book, *, voucher_id: int | None = None, draft_id: int | None = None,
                year_id: int | None = None) -> list[Attachment]:
    where, params = [], []
    if voucher_id is not None:
        where.append("a.voucher_id = ?")
        params.append(voucher_id)
    if draft_id is not None:
        where.append("a.draft_id = ?")
        params.append(draft_id)
    if year_id is not None:
        where.append("v.year_id = ?")
        params.append(year_id)
    sql = (f"SELECT {_ATT_COLS} FROM attachment a LEFT JOIN voucher v ON v.id = a.voucher_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY v.date, v.series, v.number, a.id")
    return [Attachment(*r) for r in book.conn.execute(sql, params)]


def attachment_counts(book, year_id: int) -> dict[int, int]:
    """voucher id -> number of underlag, for a year's verifikationer that have any."""
    return dict(book.conn.execute(
        "SELECT a.voucher_id, count(*) FROM attachment a JOIN voucher v ON v.id = a.voucher_id "
        "WHERE v.year_id = ? GROUP BY a.voucher_id", (year_id,)))


def vouchers_without_underlag(book, date_from: str, date_to: str) -> list[tuple[int, str, str, str]]:
    """(id, 'A 12', date, text) of the booked verifikationer in the period without underlag."""
    return [(r[0], f"{r[1]} {r[2]}", r[3], r[4]) for r in book.conn.execute(
        "SELECT v.id, v.series, v.number, v.date, v.text FROM voucher v "
        "WHERE v.date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.voucher_id = v.id) "
        "ORDER BY v.date, v.series, v.number", (date_from, date_to))]


def delete_draft_link(book, attachment_id: int) -> None:
    book.conn.execute("DELETE FROM attachment WHERE id = ?", (attachment_id,))


def take_draft_links(book, draft_id: int) -> list[tuple]:
    """Inside the caller's transaction: remove the utkast's links and return them, to be
    given to its verifikation by `give_links` once it is booked."""
    rows = book.conn.execute("SELECT sha256, file_name, mime, size, added_at FROM attachment "
                             "WHERE draft_id = ? ORDER BY id", (draft_id,)).fetchall()
    book.conn.execute("DELETE FROM attachment WHERE draft_id = ?", (draft_id,))
    return rows


def give_links(book, voucher_id: int, links: list[tuple]) -> None:
    book.conn.executemany("INSERT INTO attachment (voucher_id, draft_id, sha256, file_name, mime, size, added_at) "
                          "VALUES (?, NULL, ?, ?, ?, ?, ?)", [(voucher_id, *r) for r in links])


# ------------------------------------------------------------------------------ attest
def attestants(book, year_id: int) -> list[Attestant]:
    return [Attestant(*r) for r in book.conn.execute(
        "SELECT id, year_id, name, role, limit_ore FROM attestant WHERE year_id = ? ORDER BY name", (year_id,))]


def insert_attestant(book, year_id: int, name: str, role: str, limit: int | None) -> int:
    return book.conn.execute("INSERT INTO attestant (year_id, name, role, limit_ore) VALUES (?, ?, ?, ?)",
                             (year_id, name, role, limit)).lastrowid


def delete_attestant(book, attestant_id: int) -> None:
    book.conn.execute("DELETE FROM attestant WHERE id = ?", (attestant_id,))


def insert_attest(book, voucher_id: int, attestant: str, at: str) -> None:
    book.conn.execute("INSERT INTO attest (voucher_id, attestant, attested_at) VALUES (?, ?, ?)",
                      (voucher_id, attestant, at))


def attest_of(book, voucher_id: int) -> Attest | None:
    r = book.conn.execute("SELECT voucher_id, attestant, attested_at FROM attest WHERE voucher_id = ?",
                          (voucher_id,)).fetchone()
    return Attest(*r) if r else None


def attests(book, year_id: int) -> dict[int, Attest]:
    return {r[0]: Attest(*r) for r in book.conn.execute(
        "SELECT t.voucher_id, t.attestant, t.attested_at FROM attest t JOIN voucher v ON v.id = t.voucher_id "
        "WHERE v.year_id = ?", (year_id,))}


def set_registrar(book, voucher_id: int, name: str) -> None:
    book.conn.execute("INSERT INTO voucher_registrar (voucher_id, name, at) VALUES (?, ?, ?)",
                      (voucher_id, name, now_iso()))


def registrar_of(book, voucher_id: int) -> str:
    r = book.conn.execute("SELECT name FROM voucher_registrar WHERE voucher_id = ?", (voucher_id,)).fetchone()
    return r[0] if r else ""


def year_registrars(book, year_id: int) -> dict[tuple[str, int], str]:
    """{(series, number): who registered it} for the year's verifikationer that record it."""
    return {(r[0], r[1]): r[2] for r in book.conn.execute(
        "SELECT v.series, v.number, g.name FROM voucher_registrar g JOIN voucher v ON v.id = g.voucher_id "
        "WHERE v.year_id = ?", (year_id,))}


def payments_and_invoices(book, year_id: int, bank_account: int, debt_account: int) -> list[int]:
    """Ids of the year's verifikationer the attestordning covers: every utbetalning (a
    credit on the bank account) and every leverantörsfaktura (a credit on
    leverantörsskulder), in date order."""
    return [r[0] for r in book.conn.execute(
        "SELECT v.id FROM voucher v WHERE v.year_id = ? AND EXISTS (SELECT 1 FROM voucher_row r "
        "WHERE r.voucher_id = v.id AND r.amount < 0 AND r.account IN (?, ?)) ORDER BY v.date, v.series, v.number",
        (year_id, bank_account, debt_account))]


def year_voucher_ids(book, year_id: int) -> list[int]:
    return [r[0] for r in book.conn.execute(
        "SELECT id FROM voucher WHERE year_id = ? ORDER BY date, series, number", (year_id,))]


# ------------------------------------------------------------------------------ leverantörsfakturor
_INV_COLS = ("i.id, i.counterpart_id, c.name, i.invoice_number, i.invoice_date, i.due_date, i.amount, "
             "i.project_id, i.text, i.voucher_id, i.payment_voucher_id, i.paid_on, i.registered_by, "
             "i.registered_at")


def supplier_debt_account(book) -> int:
    value = (book.setting(SUPPLIER_DEBT_KEY) or "").strip()
    return int(value) if value.isdigit() else SUPPLIER_DEBT_DEFAULT


def insert_invoice(book, *, counterpart_id: int, invoice_number: str, invoice_date: str, due_date: str,
                   amount: int, project_id: int | None, text: str, voucher_id: int | None,
                   registered_by: str) -> int:
    return book.conn.execute(
        "INSERT INTO supplier_invoice (counterpart_id, invoice_number, invoice_date, due_date, amount, "
        "project_id, text, voucher_id, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (counterpart_id, invoice_number, invoice_date, due_date, amount, project_id, text, voucher_id,
         registered_by, now_iso())).lastrowid


def invoice_exists(book, counterpart_id: int, invoice_number: str) -> bool:
    return book.conn.execute("SELECT 1 FROM supplier_invoice WHERE counterpart_id = ? AND invoice_number = ?",
                             (counterpart_id, invoice_number)).fetchone() is not None


def set_invoice_paid(book, invoice_id: int, payment_voucher_id: int, paid_on: str) -> None:
    book.conn.execute("UPDATE supplier_invoice SET payment_voucher_id = ?, paid_on = ? WHERE id = ?",
                      (payment_voucher_id, paid_on, invoice_id))


def invoices(book, *, unpaid_only: bool = False) -> list[SupplierInvoice]:
    sql = (f"SELECT {_INV_COLS} FROM supplier_invoice i JOIN counterpart c ON c.id = i.counterpart_id"
           + (" WHERE i.payment_voucher_id IS NULL" if unpaid_only else "")
           + " ORDER BY i.due_date, i.id")
    return [SupplierInvoice(*r) for r in book.conn.execute(sql)]


def invoice(book, invoice_id: int) -> SupplierInvoice | None:
    r = book.conn.execute(f"SELECT {_INV_COLS} FROM supplier_invoice i JOIN counterpart c "
                          "ON c.id = i.counterpart_id WHERE i.id = ?", (invoice_id,)).fetchone()
    return SupplierInvoice(*r) if r else None


def invoice_paid_by(book, payment_voucher_id: int) -> list[int]:
    return [r[0] for r in book.conn.execute(
        "SELECT id FROM supplier_invoice WHERE payment_voucher_id = ?", (payment_voucher_id,))]
