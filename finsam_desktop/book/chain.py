"""Tamper evidence: a hash chain over the verifikationer in booking order, one over the
audit log, and a seal per closed räkenskapsår.

Each verifikation's link is SHA-256 of the previous link and a canonical JSON text of
the verifikation (its header and its rows in order); each audit line's link likewise of
the previous audit link and the line. The program writes the links for whatever the
transaction booked or logged just before it commits (`_extend_chain`), so every way of
booking (one verifikation, an import, a bokslut) is covered by one piece of code.

A seal is SHA-256 of a closed year's dates, its ingående balanser and its verifikationer
with their rows; it is written when the year is closed (event 'close') and a reopen is
written as an event of its own ('reopen'). `book/verify.py` recomputes all of it from the
content: a changed amount, a deleted verifikation, an edited log line or a year opened by
hand no longer match.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterator

from .core import now_iso

# One encoder for every link: canonical (no spaces, real UTF-8), built once.
_ENC = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
GENESIS = "0" * 64

VOUCHER_HEAD_SQL = ("SELECT id, year_id, series, number, date, text, booked_at, corrects_id, source "
                    "FROM voucher WHERE id > ? ORDER BY id")
VOUCHER_ROWS_SQL = ("SELECT voucher_id, account, amount, project_id, counterpart_id, text "
                    "FROM voucher_row WHERE voucher_id > ? ORDER BY voucher_id, id")
AUDIT_SQL = "SELECT id, at, action, detail FROM audit_log WHERE id > ? ORDER BY id"


def link(prev: str, payload: str) -> str:
    return hashlib.sha256(f"{prev}{payload}".encode()).hexdigest()


def voucher_payloads(conn, after_id: int = 0) -> Iterator[tuple[tuple, str]]:
    """(header, canonical text) of every verifikation with id > after_id in booking
    order. Streams: one pass over the headers and one over the rows, merged."""
    rows = conn.cursor().execute(VOUCHER_ROWS_SQL, (after_id,))
    pending = rows.fetchone()
    for head in conn.cursor().execute(VOUCHER_HEAD_SQL, (after_id,)):
        vid = head[0]
        mine = []
        while pending is not None and pending[0] <= vid:
            if pending[0] == vid:
                mine.append(pending[1:])
            pending = rows.fetchone()
        yield head, _ENC((head, mine))


def voucher_links(conn, after_id: int = 0, prev: str = GENESIS) -> Iterator[tuple[tuple, str]]:
    """(header, link) of every verifikation with id > after_id, chained from `prev`."""
    for head, payload in voucher_payloads(conn, after_id):
        prev = link(prev, payload)
        yield head, prev


def audit_links(conn, after_id: int = 0, prev: str = GENESIS) -> Iterator[tuple[tuple, str]]:
    for line in conn.execute(AUDIT_SQL, (after_id,)):
        prev = link(prev, _ENC(line))
        yield line, prev


def seal_hash(conn, year_id: int) -> str:
    """The seal of a year's content: dates, ingående balanser and its verifikationer with
    their rows (read from the content itself, not from the stored links)."""
    y = conn.execute("SELECT id, start, end FROM fiscal_year WHERE id = ?", (year_id,)).fetchone()
    h = hashlib.sha256(_ENC(tuple(y) if y else None).encode())
    h.update(_ENC(conn.execute("SELECT account, ifnull(project_id, 0), amount FROM opening_balance "
                               "WHERE year_id = ? ORDER BY account, ifnull(project_id, 0)",
                               (year_id,)).fetchall()).encode())
    heads = conn.cursor().execute(VOUCHER_HEAD_SQL.replace("WHERE id > ?", "WHERE year_id = ?"), (year_id,))
    rows = conn.cursor().execute(
        "SELECT r.voucher_id, r.account, r.amount, r.project_id, r.counterpart_id, r.text FROM voucher v "
        "CROSS JOIN voucher_row r ON r.voucher_id = v.id WHERE v.year_id = ? ORDER BY r.voucher_id, r.id",
        (year_id,))
    pending = rows.fetchone()
    for head in heads:
        mine = []
        while pending is not None and pending[0] <= head[0]:
            if pending[0] == head[0]:
                mine.append(pending[1:])
            pending = rows.fetchone()
        h.update(_ENC((head, mine)).encode())
    return h.hexdigest()


class ChainMixin:
    """Writing the links and the seals (inside the caller's transaction)."""

    def _before_commit(self) -> None:
        self._extend_chain()

    def _extend_chain(self) -> None:
        """Link every verifikation and audit line not linked yet (those this transaction
        wrote). Two index lookups when there is nothing to do."""
        c = self.conn
        for link_table, key, table, links in (("voucher_link", "voucher_id", "voucher", voucher_links),
                                              ("audit_link", "audit_id", "audit_log", audit_links)):
            last = c.execute(f"SELECT {key}, hash FROM {link_table} ORDER BY {key} DESC LIMIT 1").fetchone()
            last_id, prev = last if last else (0, GENESIS)
            top = c.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
            if top > last_id:
                c.executemany(f"INSERT INTO {link_table} ({key}, hash) VALUES (?, ?)",
                              ((row[0], lk) for row, lk in links(c, last_id, prev)))

    def _record_seal(self, year_id: int, event: str) -> str:
        """Write a close (with the seal of the year's content) or reopen event and its
        audit line. Inside the caller's transaction."""
        self._extend_chain()
        digest = seal_hash(self.conn, year_id) if event == "close" else ""
        self.conn.execute("INSERT INTO year_seal (year_id, event, at, hash) VALUES (?, ?, ?, ?)",
                          (year_id, event, now_iso(), digest))
        if event == "close":
            self.audit("year.seal", year_id=year_id, seal=digest)
        return digest

    def year_seals(self) -> dict[int, str]:
        """{year_id: seal} for every closed year whose last event is its close."""
        out = {}
        for yid, event, digest in self.conn.execute(
                "SELECT s.year_id, s.event, s.hash FROM year_seal s WHERE s.id = "
                "(SELECT max(id) FROM year_seal t WHERE t.year_id = s.year_id)"):
            if event == "close":
                out[yid] = digest
        return out

    def chain_head(self) -> tuple[int, str]:
        """(id, link) of the last linked verifikation; (0, GENESIS) in an empty book."""
        r = self.conn.execute("SELECT voucher_id, hash FROM voucher_link ORDER BY voucher_id DESC LIMIT 1").fetchone()
        return (r[0], r[1]) if r else (0, GENESIS)

    def _chain_after_migration(self) -> None:
        """Link what an older book holds and seal its closed years (once, on migration)."""
        with self.transaction():
            self._extend_chain()
            sealed = {r[0] for r in self.conn.execute("SELECT DISTINCT year_id FROM year_seal")}
            for (yid,) in self.conn.execute("SELECT id FROM fiscal_year WHERE status = 'closed' ORDER BY start").fetchall():
                if yid not in sealed:
                    self._record_seal(yid, "close")
