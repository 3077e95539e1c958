"""`finsam verify`: is the book file intact and unaltered?

Checks, each a `Finding` (Swedish, naming what is wrong):

* integrity (SQLite's integrity_check; quick_check in the quick part) and foreign keys;
* the triggers that enforce the rules are all present and unchanged;
* every verifikation balances and has at least two rows; numbering has no gaps;
* the daily balances equal the rows they are derived from;
* the hash chain over the verifikationer and over the audit log (chain.py);
* the seal of every closed year, and no year opened without its reopen being recorded.

The quick part (`full=False`) skips the whole-file and whole-chain walks and does not
hash the closed years' content again (it checks that each closed year has its seal): it
is what the desktop runs as a book opens, 0.2 s on a 1M-row book; the full part runs in
the background.
"""

from __future__ import annotations

import sqlite3

from ..findings import ERROR, OK, Finding
from . import chain
from .core import _split_sql
from .schema import MIGRATIONS

MAX_NAMED = 10  # findings named one by one per check; the rest are counted

TITLES = {
    "integrity": "Filens integritet", "foreign_keys": "Referenser", "triggers": "Regler i databasen",
    "balanced": "Balanserade verifikationer", "numbering": "Nummerserier", "balances": "Saldon",
    "chain": "Verifikationskedjan", "audit": "Loggens kedja", "seals": "Förseglade år",
}

_EXPECTED_TRIGGERS: dict[str, str] | None = None


def expected_triggers() -> dict[str, str]:
    """{name: sql} of the triggers this version's schema creates (built once, in memory)."""
    global _EXPECTED_TRIGGERS
    if _EXPECTED_TRIGGERS is None:
        mem = sqlite3.connect(":memory:")
        for script in MIGRATIONS:
            for stmt in _split_sql(script):
                mem.execute(stmt)
        _EXPECTED_TRIGGERS = dict(mem.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        mem.close()
    return _EXPECTED_TRIGGERS


def _f(check: str, message: str, severity: str = ERROR) -> Finding:
    return Finding(severity, message, check=f"verify.{check}", title=TITLES[check], fix="verify")


def _named(check: str, items: list[str], lead: str) -> list[Finding]:
    out = [_f(check, f"{lead}: {item}") for item in items[:MAX_NAMED]]
    if len(items) > MAX_NAMED:
        out.append(_f(check, f"{lead}: och {len(items) - MAX_NAMED} till."))
    return out


def _ref(conn, vid: int) -> str:
    r = conn.execute("SELECT series, number, date FROM voucher WHERE id = ?", (vid,)).fetchone()
    return f"verifikation {r[0]} {r[1]} ({r[2]}, id {vid})" if r else f"verifikation id {vid}"


def _integrity(conn, full: bool) -> list[Finding]:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()]
    if rows == ["ok"]:
        return []
    return _named("integrity", rows, "Filen är skadad")


def _foreign_keys(conn) -> list[Finding]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return _named("foreign_keys", [f"tabell {r[0]} rad {r[1]} pekar på {r[2]} som saknas" for r in rows],
                  "En referens pekar på något som inte finns")


def _triggers(conn) -> list[Finding]:
    have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    out = []
    for name, sql in expected_triggers().items():
        if name not in have:
            out.append(_f("triggers", f"Regeln {name} saknas i databasen (den har tagits bort)."))
        elif " ".join(have[name].split()) != " ".join(sql.split()):
            out.append(_f("triggers", f"Regeln {name} är ändrad i databasen."))
    for name in sorted(set(have) - set(expected_triggers())):
        out.append(_f("triggers", f"Databasen har en okänd regel {name}."))
    return out


def _balanced(conn) -> list[Finding]:
    rows = conn.execute(
        "SELECT v.id, ifnull(sum(r.amount), 0), count(r.id) FROM voucher v "
        "LEFT JOIN voucher_row r ON r.voucher_id = v.id GROUP BY v.id "
        "HAVING ifnull(sum(r.amount), 0) <> 0 OR count(r.id) < 2").fetchall()
    items = [f"{_ref(conn, vid)} " + (f"har {n} rader" if n < 2 else f"skiljer {s / 100:.2f} kr mellan debet och kredit")
             for vid, s, n in rows]
    orphans = conn.execute("SELECT count(*) FROM voucher_row r WHERE NOT EXISTS "
                           "(SELECT 1 FROM voucher v WHERE v.id = r.voucher_id)").fetchone()[0]
    if orphans:
        items.append(f"{orphans} rader hör inte till någon verifikation")
    return _named("balanced", items, "En verifikation balanserar inte")


def _numbering(conn) -> list[Finding]:
    items = []
    for yid, series, n, top in conn.execute(
            "SELECT v.year_id, v.series, count(*), max(v.number) FROM voucher v "
            "GROUP BY v.year_id, v.series HAVING count(*) <> max(v.number) ORDER BY v.year_id, v.series"):
        have = {r[0] for r in conn.execute("SELECT number FROM voucher WHERE year_id = ? AND series = ?", (yid, series))}
        missing = [str(i) for i in range(1, top + 1) if i not in have]
        year = conn.execute("SELECT start FROM fiscal_year WHERE id = ?", (yid,)).fetchone()
        label = year[0][:4] if year else str(yid)
        shown = ", ".join(missing[:10]) + (f" och {len(missing) - 10} till" if len(missing) > 10 else "")
        items.append(f"serie {series} år {label} saknar nummer {shown}")
    return _named("numbering", items, "Lucka i numreringen")


def _balances(book) -> list[Finding]:
    items = [f"{d} konto {a}{f' insats {p}' if p else ''}: saldot {bd / 100:.2f} kr men raderna {vr / 100:.2f} kr"
             for d, a, p, bd, vr in book.balance_day_mismatches()]
    return _named("balances", items, "Dagssaldot stämmer inte med raderna")


def _chain(conn, full: bool) -> list[Finding]:
    stored = conn.execute("SELECT count(*), ifnull(max(voucher_id), 0) FROM voucher_link").fetchone()
    count, top = conn.execute("SELECT count(*), ifnull(max(id), 0) FROM voucher").fetchone()
    items = []
    if not full:
        # The newest link must follow from its predecessor and the verifikation's content.
        prev = conn.execute("SELECT voucher_id, hash FROM voucher_link WHERE voucher_id < ? "
                            "ORDER BY voucher_id DESC LIMIT 1", (top,)).fetchone()
        after, prev_hash = prev if prev else (0, chain.GENESIS)
        for head, lk in chain.voucher_links(conn, after, prev_hash):
            got = conn.execute("SELECT hash FROM voucher_link WHERE voucher_id = ?", (head[0],)).fetchone()
            if got is None or got[0] != lk:
                items.append(f"{_ref(conn, head[0])} stämmer inte med sin länk")
        if stored != (count, top):
            items.append(f"boken har {count} verifikationer men kedjan {stored[0]} länkar")
        return _named("chain", items, "Verifikationskedjan är bruten")
    links = conn.cursor().execute("SELECT voucher_id, hash FROM voucher_link ORDER BY voucher_id")
    pending = links.fetchone()
    prev = chain.GENESIS
    for head, payload in chain.voucher_payloads(conn):
        vid = head[0]
        while pending is not None and pending[0] < vid:
            items.append(f"verifikation id {pending[0]} finns i kedjan men inte i boken (borttagen)")
            pending = links.fetchone()
        if pending is None or pending[0] != vid:
            items.append(f"{_ref(conn, vid)} saknar länk i kedjan (bokförd utanför programmet)")
            continue
        # Each link from its stored predecessor: one change is named once, not ever after.
        if chain.link(prev, payload) != pending[1]:
            items.append(f"{_ref(conn, vid)} har ändrats efter bokföringen")
        prev = pending[1]
        pending = links.fetchone()
    while pending is not None:
        items.append(f"verifikation id {pending[0]} finns i kedjan men inte i boken (borttagen)")
        pending = links.fetchone()
    return _named("chain", items, "Verifikationskedjan är bruten")


def _audit(conn, full: bool) -> list[Finding]:
    items = []
    stored = dict(conn.execute("SELECT audit_id, hash FROM audit_link")) if full else None
    if not full:
        top = conn.execute("SELECT ifnull(max(id), 0) FROM audit_log").fetchone()[0]
        prev = conn.execute("SELECT audit_id, hash FROM audit_link WHERE audit_id < ? ORDER BY audit_id DESC LIMIT 1",
                            (top,)).fetchone()
        after, prev_hash = prev if prev else (0, chain.GENESIS)
        stored = dict(conn.execute("SELECT audit_id, hash FROM audit_link WHERE audit_id > ?", (after,)))
        lines = chain.audit_links(conn, after, prev_hash)
        prev_stored = prev_hash
    else:
        lines = chain.audit_links(conn)
        prev_stored = chain.GENESIS
    seen = set()
    for line, _computed in lines:
        aid = line[0]
        seen.add(aid)
        have = stored.get(aid)
        if have is None:
            items.append(f"loggrad {aid} ({line[2]}, {line[1]}) saknar länk (skriven utanför programmet)")
            continue
        if chain.link(prev_stored, chain._ENC(line)) != have:
            items.append(f"loggrad {aid} ({line[2]}, {line[1]}) har ändrats")
        prev_stored = have
    for aid in sorted(set(stored) - seen):
        items.append(f"loggrad {aid} finns i kedjan men inte i loggen (borttagen)")
    return _named("audit", items, "Loggens kedja är bruten")


def _seals(conn, full: bool) -> list[Finding]:
    items = []
    last = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT s.year_id, s.event, s.hash FROM year_seal s WHERE s.id = "
        "(SELECT max(id) FROM year_seal t WHERE t.year_id = s.year_id)")}
    for yid, start, end, status in conn.execute("SELECT id, start, end, status FROM fiscal_year ORDER BY start"):
        label = start[:4] if start[:4] == end[:4] else f"{start[:4]}/{end[2:4]}"
        event = last.get(yid)
        if status == "closed":
            if event is None or event[0] != "close":
                items.append(f"räkenskapsåret {label} är stängt utan att det förseglats av programmet")
            elif full and chain.seal_hash(conn, yid) != event[1]:
                items.append(f"räkenskapsåret {label} har ändrats efter att det stängdes")
        elif event is not None and event[0] == "close":
            items.append(f"räkenskapsåret {label} är öppnat utan att återöppningen gjorts i programmet")
    return _named("seals", items, "Ett stängt år stämmer inte med sin försegling")


def verify_book(book, *, full: bool = True) -> list[Finding]:
    """Every check; a list of findings, each ERROR naming what is wrong, or one OK
    finding per check that held. All of it reads one snapshot of the book (a read
    transaction), so a change committed meanwhile by another connection (the desktop
    reopening a year while the background check runs) is seen whole or not at all, never
    half (a year reopened but its reopen not yet recorded would read as tampering)."""
    conn = book.conn
    if conn.in_transaction:
        return _verify(book, full)
    conn.execute("BEGIN")
    try:
        return _verify(book, full)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _verify(book, full: bool) -> list[Finding]:
    conn = book.conn
    out: list[Finding] = []
    steps = [("integrity", lambda: _integrity(conn, full))]
    if full:
        steps.append(("foreign_keys", lambda: _foreign_keys(conn)))
    steps += [("triggers", lambda: _triggers(conn)), ("balanced", lambda: _balanced(conn)) if full else None,
              ("numbering", lambda: _numbering(conn)), ("balances", lambda: _balances(book)) if full else None,
              ("chain", lambda: _chain(conn, full)), ("audit", lambda: _audit(conn, full)),
              ("seals", lambda: _seals(conn, full))]
    for step in steps:
        if step is None:
            continue
        name, fn = step
        try:
            found = fn()
        except sqlite3.DatabaseError as exc:
            found = [_f(name, f"Kontrollen kunde inte läsa boken: {exc}.")]
            if name == "integrity":
                return out + found
        out += found or [_f(name, "i ordning.", OK)]
    return out


def failed(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
