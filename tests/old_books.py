"""Books as an earlier version of the program wrote them: the schema up to a given
migration, written with plain SQL (today's code may need tables an old book lacks), for
tests of what a migration does to an existing book."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from finsam_desktop.book.core import _split_sql
from finsam_desktop.book.schema import APPLICATION_ID, MIGRATIONS


def old_book(path: Path, version: int, year: int = 2021) -> sqlite3.Connection:
    """A book file with MIGRATIONS[:version], one förbund and one räkenskapsår; the open
    connection (autocommit) is returned to add what the test needs, then closed by it."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for script in MIGRATIONS[:version]:
        for stmt in _split_sql(script):
            conn.execute(stmt)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO forbund (id, namn, orgnr) VALUES (1, 'Gamla förbundet', '222000-1354')")
    conn.execute("INSERT INTO fiscal_year (start, end) VALUES (?, ?)", (f"{year}-01-01", f"{year}-12-31"))
    return conn
