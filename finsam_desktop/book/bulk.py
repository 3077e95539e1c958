"""Bulk creation for imports: many accounts, insatser, opening balances and
verifikationer in one transaction, through the same database triggers as single
bookings (rows first, headers last), but validated once per batch instead of per
verifikation. Used by the SIE import; 100 000 verifikationer take a few seconds.

Every method joins the caller's transaction when there is one (`with book.transaction():`
around a whole import makes it all-or-nothing).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from ..errors import InputError, RuleError
from . import chart
from .core import now_iso


@dataclass(frozen=True)
class BulkVoucher:
    """A verifikation to book with a given series and number. Rows are
    (account, amount öre, project_id or None, text)."""
    series: str
    number: int
    date: str
    text: str
    rows: Sequence[tuple[int, int, int | None, str]]
    source: str = ""


class BulkMixin:
    @contextmanager
    def _big_cache(self, kib: int = 262144):
        """A page cache large enough for the indexes of a big batch (the default 2 MB
        makes 300 000 rows thrash), restored afterwards."""
        old = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = -{int(kib)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(old)}")

    def next_voucher_number(self, year_id: int, series: str) -> int:
        """The number the next verifikation in (year, series) gets."""
        return (self.conn.execute("SELECT max(number) FROM voucher WHERE year_id = ? AND series = ?",
                                  (year_id, series)).fetchone()[0] or 0) + 1

    def voucher_sources(self, year_id: int) -> set[str]:
        """The distinct sources ('SIE A 17' …) of the year's verifikationer."""
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT source FROM voucher WHERE year_id = ? AND source <> ''", (year_id,))}

    def voucher_source_dates(self, year_id: int) -> set[tuple[str, str]]:
        """(source, date) of the year's verifikationer that came from another program."""
        return {(r[0], r[1]) for r in self.conn.execute(
            "SELECT DISTINCT source, date FROM voucher WHERE year_id = ? AND source <> ''", (year_id,))}

    def year_voucher_count(self, year_id: int) -> int:
        return self.conn.execute("SELECT count(*) FROM voucher WHERE year_id = ?", (year_id,)).fetchone()[0]

    def bulk_add_accounts(self, accounts: Iterable[tuple[int, str, str, str | None]]) -> int:
        """Add accounts (number, name, kind, row_id) that the book does not have. The kind
        and report row are checked like add_account does; an existing number is refused."""
        rows = []
        for number, name, kind, row_id in accounts:
            if not chart.is_account_number(number):
                raise InputError(f"Ogiltigt kontonummer {number}: ett konto har fyra till sex siffror.",
                                 field="konto")
            if not name or not name.strip():
                raise InputError(f"Konto {number} saknar namn.", field="namn")
            if kind not in ("T", "S", "I", "K"):
                raise InputError(f"Ogiltig kontotyp ”{kind}” för konto {number}.", field="typ")
            self._check_row_id(row_id, kind)
            rows.append((number, name.strip(), kind, row_id))
        with self.transaction():
            self.conn.executemany("INSERT INTO account (number, name, kind, row_id) VALUES (?, ?, ?, ?)", rows)
            if rows:
                self.audit("account.bulk_add", count=len(rows), first=rows[0][0], last=rows[-1][0])
        return len(rows)

    def bulk_rename_accounts(self, names: dict[int, str]) -> None:
        """Give existing accounts new names (e.g. the names of a chart read from a file)."""
        clean = [(n.strip(), number) for number, n in names.items() if n and n.strip()]
        with self.transaction():
            self.conn.executemany("UPDATE account SET name = ? WHERE number = ?", clean)
            if clean:
                self.audit("account.bulk_rename", count=len(clean))

    def bulk_add_projects(self, projects: Iterable[tuple[str, str]]) -> dict[str, int]:
        """Add insatser (code, name) that do not exist; returns {code: id} for all given."""
        out: dict[str, int] = {}
        with self.transaction():
            for code, name in projects:
                code = str(code).strip()
                if not code:
                    raise InputError("Insatsen saknar kod.", field="kod")
                row = self.conn.execute("SELECT id FROM project WHERE code = ?", (code,)).fetchone()
                if row is None:
                    cur = self.conn.execute("INSERT INTO project (code, name) VALUES (?, ?)",
                                            (code, (name or code).strip() or code))
                    out[code] = cur.lastrowid
                else:
                    out[code] = row[0]
            if out:
                self.audit("project.bulk_add", count=len(out))
        return out

    def bulk_set_opening_balances(self, year_id: int, balances: dict[tuple[int, int | None], int]) -> None:
        """Replace a year's ingående balanser with {(account, project_id or None): amount}.
        They must sum to 0."""
        self._write_opening_balances(year_id, dict(balances), bulk=True)

    def bulk_book_vouchers(self, year_id: int, vouchers: Sequence[BulkVoucher],
                           project_ids: Mapping[str, int] | None = None,
                           counterpart_ids: Mapping[str, int] | None = None) -> int:
        """Book verifikationer with the numbers they carry. Each series must continue
        without gaps from the year's highest number; the database triggers check every
        verifikation (balance, date in an open year, number in sequence) as usual.

        With `project_ids`, a row's third field is an insats code looked up there (as a
        SIE import plans it) instead of a project id. With `counterpart_ids`, a row's
        sixth field (when it has one) is a motpart object code looked up there. A row's
        seventh field (when it has one) is its other objects, ((dimension, code), ...),
        each of them already in the book (bulk_add_objects)."""
        year = self.year(year_id)
        if year is None:
            raise RuleError(f"Räkenskapsåret {year_id} finns inte.")
        if year.is_closed:
            raise RuleError(f"Räkenskapsåret {year.label} är stängt; inget kan bokföras i det.")
        if not vouchers:
            return 0
        known_accounts = {r[0] for r in self.conn.execute("SELECT number FROM account")}
        known_projects = {r[0] for r in self.conn.execute("SELECT id FROM project")}
        project_of = project_ids or {}
        missing = object()   # an insats code without an id: refused below like an unknown id
        booked_at = now_iso()
        start, end = year.start, year.end
        with self.transaction(), self._big_cache():
            c = self.conn
            first = (c.execute("SELECT max(id) FROM voucher").fetchone()[0] or 0) + 1
            row_objects: list[tuple[int, int, str]] = []   # (row id, dimension, code)
            with_objects = any(len(r) > 6 and r[6] for v in vouchers for r in v.rows)

            def row_params():
                """The rows' parameters, checking each verifikation for what the triggers
                would refuse, with a message naming it. A generator, so that the rows of a
                big import are never all in memory at once (executemany stops at a
                refusal)."""
                next_no: dict[str, int] = {}
                rid = first_row
                for vid, v in enumerate(vouchers, first):
                    series, number, date = v.series, v.number, v.date
                    expected = next_no.get(series)
                    if expected is None:
                        expected = self.next_voucher_number(year_id, series)
                    if number != expected:
                        # Named as the file numbers it (the source), not only by the number
                        # it was to get here; a number already taken means another booking
                        # came in between the planning and the booking.
                        named = f"{v.source} (nummer {series} {number} i boken)" if v.source else f"{series} {number}"
                        why = (f"serie {series} har fått en ny verifikation i boken medan filen lästes in; "
                               "läs in filen igen" if expected > number else f"nästa nummer är {expected}")
                        raise RuleError(f"Verifikation {named} följer inte i nummerserien: {why}.")
                    next_no[series] = expected + 1
                    if not start <= date <= end:
                        raise RuleError(f"Verifikation {series} {number} är daterad {date}, utanför "
                                        f"räkenskapsåret {year.label}.", field="datum")
                    total = 0
                    for r in v.rows:
                        account, amount, project = r[0], r[1], r[2]
                        if account not in known_accounts:
                            raise RuleError(f"Verifikation {series} {number}: konto {account} finns inte i "
                                            "kontoplanen.", field="konto")
                        if project_ids is not None:
                            project = project_of.get(project, missing) if project else None
                        if project is not None and project not in known_projects:
                            raise RuleError(f"Verifikation {series} {number}: insatsen finns inte.", field="insats")
                        cp = counterpart_ids.get(r[5]) if counterpart_ids and len(r) > 5 and r[5] else None
                        if with_objects:
                            if len(r) > 6 and r[6]:
                                row_objects.extend((rid, dim, code) for dim, code in r[6])
                            yield rid, vid, account, amount, project, cp, r[3] or ""
                            rid += 1
                        else:
                            yield vid, account, amount, project, cp, r[3] or ""
                        total += amount
                    if total != 0 or len(v.rows) < 2:
                        raise RuleError(f"Verifikation {series} {number} balanserar inte eller har färre än två "
                                        "rader.")

            # Rows first, headers last: the header's triggers check the rows. A refusal
            # while the rows are written leaves rows without a header, which belong to no
            # one (no report reads them, the next booking removes them) and go with the
            # transaction's rollback. (A savepoint around them would cost a third more.)
            c.execute("DELETE FROM voucher_row WHERE voucher_id >= ?", (first,))
            # Row ids given here when rows carry objects, so that the objects can name their rows.
            first_row = (c.execute("SELECT max(id) FROM voucher_row").fetchone()[0] or 0) + 1
            if with_objects:
                c.executemany("INSERT INTO voucher_row (id, voucher_id, account, amount, project_id, counterpart_id, "
                              "text) VALUES (?, ?, ?, ?, ?, ?, ?)", row_params())
            else:
                c.executemany("INSERT INTO voucher_row (voucher_id, account, amount, project_id, counterpart_id, "
                              "text) VALUES (?, ?, ?, ?, ?, ?)", row_params())
            if row_objects:
                c.executemany("INSERT INTO voucher_row_object (row_id, dim, code) VALUES (?, ?, ?)", row_objects)
            c.executemany(
                "INSERT INTO voucher (id, year_id, series, number, date, text, booked_at, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((vid, year_id, v.series, v.number, v.date, v.text or "", booked_at, v.source)
                 for vid, v in enumerate(vouchers, first)))
            self.audit("voucher.bulk_book", year_id=year_id, count=len(vouchers), first_id=first)
        return len(vouchers)

    def iter_year_vouchers(self, year_id: int, *, row_ids: bool = False):
        """Every verifikation of the year in series and number order, as
        (series, number, date, text, booked_at,
        [(account, amount, project code or None, text, counterpart id or None)]); with
        `row_ids`, each row ends with its id too."""
        # Two queries walked side by side in the same order: the heads once each rather
        # than repeated on every row (a third of the reading time of a big year).
        heads = self.conn.execute(
            "SELECT id, series, number, date, text, booked_at FROM voucher WHERE year_id = ? "
            "ORDER BY series, number", (year_id,))
        rows = self.conn.execute(
            "SELECT r.voucher_id, r.account, r.amount, p.code, r.text, r.counterpart_id" + (", r.id " if row_ids else " ") +
            "FROM voucher v JOIN voucher_row r ON r.voucher_id = v.id LEFT JOIN project p ON p.id = r.project_id "
            "WHERE v.year_id = ? ORDER BY v.series, v.number, r.id", (year_id,))
        try:
            row = next(rows, None)
            for vid, series, number, date, text, booked_at in heads:
                own = []
                while row is not None and row[0] == vid:
                    own.append(row[1:])
                    row = next(rows, None)
                yield series, number, date, text, booked_at, own
        finally:
            heads.close()
            rows.close()

def default_account_row(number: int, kind: str, kptyp: str | None) -> str | None:
    """The report row for a new account: by the ranges (company BAS when #KPTYP names
    one), or none when the range's row does not fit the account's kind."""
    row = chart.default_row(number, kptyp)
    if row is None:
        return None
    if kind in ("T", "S") and row not in chart.BALANCE_ROWS:
        return None
    if kind in ("I", "K") and row not in chart.INCOME_ROWS:
        return None
    return row
