"""What the printed verifikation, verifikationslista and huvudbok read from the book that
the other methods do not already give: the verifikationer of a period with their rows,
walked in number order without reading the period into memory, the rättelser of a
verifikation, and the period's turnover.

Functions over a Book (like book/underlag.py), so that the printouts add no method to
the Book class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class JournalEntry:
    """One verifikation of the verifikationslista, with its rows as
    (account, amount, project_id, counterpart_id, row text)."""
    id: int
    series: str
    number: int
    date: str
    text: str
    booked_at: str
    corrects_id: int | None
    rows: tuple[tuple, ...]

    @property
    def ref(self) -> str:
        return f"{self.series} {self.number}"


def iter_journal(book, year_id: int, date_from: str, date_to: str) -> Iterator[JournalEntry]:
    """Every verifikation of the year dated in [date_from, date_to], in series and number
    order, each with its rows. Two queries walked side by side (the heads once each), so a
    year of a million rows streams."""
    heads = book.conn.execute(
        "SELECT id, series, number, date, text, booked_at, corrects_id FROM voucher "
        "WHERE year_id = ? AND date BETWEEN ? AND ? ORDER BY series, number", (year_id, date_from, date_to))
    rows = book.conn.execute(
        "SELECT r.voucher_id, r.account, r.amount, r.project_id, r.counterpart_id, r.text "
        "FROM voucher v JOIN voucher_row r ON r.voucher_id = v.id "
        "WHERE v.year_id = ? AND v.date BETWEEN ? AND ? ORDER BY v.series, v.number, r.id",
        (year_id, date_from, date_to))
    try:
        row = rows.fetchone()
        while True:
            chunk = heads.fetchmany(2000)
            if not chunk:
                break
            for vid, series, number, date, text, booked_at, corrects_id in chunk:
                own = []
                while row is not None and row[0] == vid:
                    own.append(row[1:])
                    row = rows.fetchone()
                yield JournalEntry(vid, series, number, date, text, booked_at, corrects_id, tuple(own))
    finally:
        heads.close()
        rows.close()


def journal_totals(book, year_id: int, date_from: str, date_to: str) -> tuple[int, int, int, int]:
    """(verifikationer, rows, debet, kredit) of the year's verifikationer in the period;
    kredit positive."""
    n = book.conn.execute("SELECT count(*) FROM voucher WHERE year_id = ? AND date BETWEEN ? AND ?",
                          (year_id, date_from, date_to)).fetchone()[0]
    rows, debit, credit = book.conn.execute(
        "SELECT count(*), ifnull(sum(max(r.amount, 0)), 0), ifnull(-sum(min(r.amount, 0)), 0) "
        "FROM voucher v JOIN voucher_row r ON r.voucher_id = v.id "
        "WHERE v.year_id = ? AND v.date BETWEEN ? AND ?", (year_id, date_from, date_to)).fetchone()
    return n, rows, debit, credit


def corrections_of(book, voucher_id: int) -> list[int]:
    """Ids of the verifikationer that correct (rätta) this one, in booking order."""
    return [r[0] for r in book.conn.execute("SELECT id FROM voucher WHERE corrects_id = ? ORDER BY id",
                                            (voucher_id,))]


def refs_of(book, voucher_ids) -> dict[int, tuple[str, str]]:
    """voucher id -> ('A 12', date) for the given ids."""
    ids = list(voucher_ids)
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r[0]: (f"{r[1]} {r[2]}", r[3]) for r in book.conn.execute(
        f"SELECT id, series, number, date FROM voucher WHERE id IN ({marks})", ids)}
