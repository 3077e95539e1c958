"""Verifikationer: booking, reversal (rättelse), drafts, listing, huvudbok and balances."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date, timedelta
from typing import Iterable, Iterator, Sequence

from ..errors import InputError, RuleError
from ..money import format_ore, parse_kr
from .core import now_iso
from .model import BalanceLine, Voucher, VoucherRow
from .validate import check_text, parse_date


@dataclass(frozen=True)
class VoucherFilter:
    """What the verifikationslista shows. Empty fields do not filter."""
    year_id: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    account: int | None = None
    project_id: int | None = None
    text: str | None = None
    series: str | None = None


@dataclass(frozen=True)
class VoucherSummary:
    """One line of the verifikationslista."""
    id: int
    series: str
    number: int
    date: str
    text: str
    amount: int          # sum of the debit side
    corrects_id: int | None
    corrected_by: int | None

    @property
    def ref(self) -> str:
        return f"{self.series} {self.number}"


@dataclass(frozen=True)
class LedgerLine:
    """One line of the huvudbok for an account."""
    voucher_id: int
    ref: str
    date: str
    text: str
    amount: int
    project_id: int | None
    balance: int | None = None  # running balance after this line (ledger_page fills it)


@dataclass(frozen=True)
class LedgerSummary:
    """The huvudbok's frame for an account and period: ingående saldo, number of lines,
    the period's debit and credit and the utgående saldo."""
    opening: int
    count: int
    debit: int
    credit: int  # positive
    days: tuple[tuple[str, int], ...] = ()  # (date, number of lines) for the days with lines

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit


def _as_row(r) -> VoucherRow:
    if isinstance(r, VoucherRow):
        return r
    if isinstance(r, dict):
        return VoucherRow(**r)
    return VoucherRow(*r)


def day_before(iso: str) -> str:
    return (_date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def day_after(iso: str) -> str:
    return (_date.fromisoformat(iso) + timedelta(days=1)).isoformat()


MAX_ROW_AMOUNT = 10**14  # öre: one biljon kronor, far beyond any förbund


class _Checker:
    """Validates verifikationer against one snapshot of the chart, the insatser and the
    years (so that checking many costs a lookup per row, not a query)."""

    def __init__(self, book):
        self.accounts = {a.number: a for a in book.accounts()}
        self.projects = {p.id for p in book.projects()}
        self.counterparts = {c.id for c in book.counterparts()}
        self.years = book.years()

    def year_of(self, date: str):
        for y in self.years:
            if y.start <= date <= y.end:
                return y
        return None

    def check(self, date: str, rows: Sequence) -> tuple[str, list[VoucherRow], object]:
        date = parse_date(date, field="datum")
        year = self.year_of(date)
        if year is None:
            raise RuleError(f"Datumet {date} ligger inte i något räkenskapsår i boken.", field="datum")
        if year.is_closed:
            raise RuleError(f"Räkenskapsåret {year.label} är stängt; inget kan bokföras den {date}.",
                            field="datum")
        clean = [_as_row(r) for r in rows]
        if len(clean) < 2:
            raise RuleError("En verifikation måste ha minst två rader.", field="rader")
        for i, r in enumerate(clean, 1):
            acc = self.accounts.get(r.account)
            if acc is None:
                raise RuleError(f"Rad {i}: konto {r.account} finns inte i kontoplanen.", field="konto")
            if not acc.active:
                raise RuleError(f"Rad {i}: konto {r.account} {acc.name} är inaktiverat.", field="konto")
            if not isinstance(r.amount, int) or isinstance(r.amount, bool):
                raise InputError(f"Rad {i}: beloppet måste vara i hela ören.", field="belopp")
            if r.amount == 0:
                raise RuleError(f"Rad {i}: beloppet är noll.", field="belopp")
            if abs(r.amount) > MAX_ROW_AMOUNT:
                # The database stores 64-bit integers; a typo this large would overflow them.
                raise InputError(f"Rad {i}: beloppet {format_ore(r.amount)} kr är orimligt stort "
                                 f"(högst {format_ore(MAX_ROW_AMOUNT)} kr per rad).", field="belopp")
            if r.project_id is not None and r.project_id not in self.projects:
                raise RuleError(f"Rad {i}: insatsen finns inte.", field="insats")
            if r.counterpart_id is not None and r.counterpart_id not in self.counterparts:
                raise RuleError(f"Rad {i}: motparten finns inte.", field="motpart")
        diff = sum(r.amount for r in clean)
        if diff != 0:
            raise RuleError(f"Verifikationen balanserar inte: debet och kredit skiljer sig med "
                            f"{format_ore(abs(diff))} kr.", field="rader")
        return date, clean, year


def check_series(series: str | None) -> str:
    """A verifikationsserie: 1–20 characters on one line ('A' when empty)."""
    s = (series or "A").strip() or "A"
    check_text(s, field="serie", what=f"Serien ”{s[:20]}”", max_len=20)
    return s


class VouchersMixin:
    # ------------------------------------------------------------------ booking
    def check_voucher(self, date: str, rows: Sequence, *, text: str = "") -> tuple[str, list[VoucherRow], object]:
        """Validate a verifikation before booking; returns (date, rows, year). Every
        refusal names the row and field in Swedish. A verifikation must say what the
        affärshändelse is (bokföringslagen 5 kap. 7 §), so an empty text is refused."""
        if not (text or "").strip():
            raise InputError("Verifikationen saknar text: skriv vad affärshändelsen avser.", field="text")
        check_text(text, field="text", what="Verifikationens text")
        return _Checker(self).check(date, rows)

    def book_voucher(self, date: str, text: str, rows: Sequence, *, series: str = "A",
                     corrects_id: int | None = None, source: str = "") -> Voucher:
        """Book a verifikation in one transaction: it gets the next number in its series
        and year. Rows are VoucherRow, (account, amount[, project_id, counterpart_id, text])
        or dicts; amounts in öre, debit positive."""
        date, clean, year = self.check_voucher(date, rows, text=text)
        series = check_series(series)
        if corrects_id is not None and self.conn.execute(
                "SELECT 1 FROM voucher WHERE id = ?", (corrects_id,)).fetchone() is None:
            raise RuleError(f"Verifikationen {corrects_id} som ska rättas finns inte.", field="rättar")
        with self.transaction():
            vid = self._insert_voucher(year.id, series, date, text, clean, corrects_id, source)
            self.audit("voucher.book", id=vid, date=date, series=series)
        return self.voucher(vid)

    def _insert_voucher(self, year_id: int, series: str, date: str, text: str,
                        rows: Sequence[VoucherRow], corrects_id: int | None, source: str,
                        number: int | None = None) -> int:
        """Rows first, header last (the header's triggers check the rows). Inside a transaction."""
        c = self.conn
        vid = (c.execute("SELECT max(id) FROM voucher").fetchone()[0] or 0) + 1
        # Rows left by an interrupted booking have no header and belong to no one.
        c.execute("DELETE FROM voucher_row WHERE voucher_id >= ?", (vid,))
        if number is None:
            number = (c.execute("SELECT max(number) FROM voucher WHERE year_id = ? AND series = ?",
                                (year_id, series)).fetchone()[0] or 0) + 1
        c.executemany(
            "INSERT INTO voucher_row (voucher_id, account, amount, project_id, counterpart_id, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(vid, r.account, r.amount, r.project_id, r.counterpart_id, r.text or "") for r in rows])
        if corrects_id is not None:
            self._reverse_row_objects(corrects_id, vid)   # before the header, like the rows
        c.execute("INSERT INTO voucher (id, year_id, series, number, date, text, booked_at, corrects_id, source) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (vid, year_id, series, number, date, text or "", now_iso(), corrects_id, source))
        return vid

    def book_vouchers(self, items: Iterable, *, chunk: int = 5000, audit: bool = True) -> list[int]:
        """Book many verifikationer in one transaction, through the same database triggers
        as book_voucher but without its per-call overhead (for imports, the demo book and
        generated books). Items are (date, text, rows) tuples or dicts with the keys date,
        text, rows and optionally series, corrects_id, source. Every item is checked first;
        one refusal books none of them. Returns the new ids in the order given; each series
        and year is numbered in that order."""
        checker = _Checker(self)
        prepared = []
        for n, item in enumerate(items, 1):
            if isinstance(item, dict):
                date, text, rows = item["date"], item.get("text", ""), item["rows"]
                series = (item.get("series") or "A").strip() or "A"
                corrects_id, source = item.get("corrects_id"), item.get("source", "")
            else:
                date, text, rows = item
                series, corrects_id, source = "A", None, ""
            try:
                date, clean, year = checker.check(date, rows)
            except (InputError, RuleError) as exc:
                raise type(exc)(f"Verifikation {n} ({text}): {exc.message}", field=exc.field) from None
            prepared.append((year.id, series, date, text or "", clean, corrects_id, source))
        if not prepared:
            return []
        ids: list[int] = []
        with self.transaction():
            c = self.conn
            next_id = (c.execute("SELECT max(id) FROM voucher").fetchone()[0] or 0) + 1
            c.execute("DELETE FROM voucher_row WHERE voucher_id >= ?", (next_id,))
            numbers: dict[tuple[int, str], int] = {}
            booked_at = now_iso()
            for start in range(0, len(prepared), chunk):
                row_params, head_params = [], []
                for year_id, series, date, text, clean, corrects_id, source in prepared[start:start + chunk]:
                    key = (year_id, series)
                    if key not in numbers:
                        numbers[key] = c.execute(
                            "SELECT ifnull(max(number), 0) FROM voucher WHERE year_id = ? AND series = ?",
                            key).fetchone()[0]
                    numbers[key] += 1
                    vid = next_id
                    next_id += 1
                    ids.append(vid)
                    row_params.extend((vid, r.account, r.amount, r.project_id, r.counterpart_id, r.text or "")
                                      for r in clean)
                    head_params.append((vid, year_id, series, numbers[key], date, text, booked_at,
                                        corrects_id, source))
                c.executemany(
                    "INSERT INTO voucher_row (voucher_id, account, amount, project_id, counterpart_id, text) "
                    "VALUES (?, ?, ?, ?, ?, ?)", row_params)
                c.executemany(
                    "INSERT INTO voucher (id, year_id, series, number, date, text, booked_at, corrects_id, "
                    "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", head_params)
            if audit:
                self.audit("voucher.book_many", count=len(ids), first_id=ids[0], last_id=ids[-1])
        return ids

    def reverse_voucher(self, voucher_id: int, *, date: str | None = None, text: str | None = None) -> Voucher:
        """Rättelse: book a new verifikation with every row negated, referring to the original.
        Dated `date` (default: the original's date when its year is open, otherwise today)."""
        v = self.voucher(voucher_id)
        if v is None:
            raise RuleError(f"Verifikationen {voucher_id} finns inte.")
        if self.reversal_of(voucher_id) is not None:
            raise RuleError(f"Verifikation {v.ref} är redan rättad.")
        if date is None:
            y = self.year(v.year_id)
            date = v.date if not y.is_closed else _date.today().isoformat()
        rows = [VoucherRow(r.account, -r.amount, r.project_id, r.counterpart_id, r.text) for r in v.rows]
        return self.book_voucher(date, text or f"Rättelse av {v.ref}: {v.text}", rows,
                                 series=v.series, corrects_id=v.id)

    def reversal_of(self, voucher_id: int) -> int | None:
        """The id of the verifikation that fully reverses this one, if any."""
        v = self.voucher(voucher_id)
        if v is None:
            return None
        want = sorted((r.account, -r.amount, r.project_id or 0) for r in v.rows)
        for (cid,) in self.conn.execute("SELECT id FROM voucher WHERE corrects_id = ?", (voucher_id,)).fetchall():
            c = self.voucher(cid)
            if sorted((r.account, r.amount, r.project_id or 0) for r in c.rows) == want:
                return cid
        return None

    # ------------------------------------------------------------------ reading
    def voucher(self, voucher_id: int) -> Voucher | None:
        h = self.conn.execute("SELECT id, year_id, series, number, date, text, booked_at, corrects_id, source "
                              "FROM voucher WHERE id = ?", (voucher_id,)).fetchone()
        if h is None:
            return None
        rows = tuple(VoucherRow(*r) for r in self.conn.execute(
            "SELECT account, amount, project_id, counterpart_id, text FROM voucher_row "
            "WHERE voucher_id = ? ORDER BY id", (voucher_id,)))
        return Voucher(*h, rows=rows)

    def voucher_by_ref(self, year_id: int, series: str, number: int) -> Voucher | None:
        r = self.conn.execute("SELECT id FROM voucher WHERE year_id = ? AND series = ? AND number = ?",
                              (year_id, series, number)).fetchone()
        return self.voucher(r[0]) if r else None

    def _filter_sql(self, f: VoucherFilter) -> tuple[str, list]:
        where, params = [], []
        if f.year_id is not None:
            where.append("v.year_id = ?"); params.append(f.year_id)
        if f.date_from:
            where.append("v.date >= ?"); params.append(f.date_from)
        if f.date_to:
            where.append("v.date <= ?"); params.append(f.date_to)
        if f.series:
            where.append("v.series = ?"); params.append(f.series)
        if f.account is not None:
            where.append("v.id IN (SELECT voucher_id FROM voucher_row WHERE account = ?)"); params.append(f.account)
        if f.project_id is not None:
            where.append("v.id IN (SELECT voucher_id FROM voucher_row WHERE project_id = ?)"); params.append(f.project_id)
        if f.text:
            # The text, the start of the number ("A 25" finds A 25 and A 250), or an amount
            # on any row ("45000", "45 000", "45 000,00" find a row of 45 000,00 kr).
            needle = f.text.strip()
            ref = re.sub(r"^([A-Za-z]+)\s*(\d)", r"\1 \2", needle).upper()
            cond = ["v.text LIKE ?", "(v.series || ' ' || v.number) LIKE ?"]
            params += [f"%{needle}%", f"{ref}%"]
            amount = _search_amount(needle)
            if amount:
                cond.append("v.id IN (SELECT voucher_id FROM voucher_row WHERE amount IN (?, ?))")
                params += [amount, -amount]
            where.append("(" + " OR ".join(cond) + ")")
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def count_vouchers(self, f: VoucherFilter = VoucherFilter()) -> int:
        sql, params = self._filter_sql(f)
        return self.conn.execute(f"SELECT count(*) FROM voucher v{sql}", params).fetchone()[0]

    def list_vouchers(self, f: VoucherFilter = VoucherFilter(), *, offset: int = 0,
                      limit: int = -1) -> list[VoucherSummary]:
        """A page of the verifikationslista, ordered by date and number."""
        sql, params = self._filter_sql(f)
        rows = self.conn.execute(
            "SELECT v.id, v.series, v.number, v.date, v.text, "
            " (SELECT ifnull(sum(amount), 0) FROM voucher_row r WHERE r.voucher_id = v.id AND r.amount > 0), "
            " v.corrects_id, (SELECT min(c.id) FROM voucher c WHERE c.corrects_id = v.id) "
            f"FROM voucher v{sql} ORDER BY v.date, v.series, v.number LIMIT ? OFFSET ?",
            (*params, limit, offset))
        return [VoucherSummary(*r) for r in rows]

    def latest_booked(self, year_id: int, limit: int = 12) -> list[VoucherSummary]:
        """The räkenskapsår's most recently booked verifikationer, newest first (by when
        they were booked, so a back-dated one just booked is among them)."""
        rows = self.conn.execute(
            "SELECT v.id, v.series, v.number, v.date, v.text, "
            " (SELECT ifnull(sum(amount), 0) FROM voucher_row r WHERE r.voucher_id = v.id AND r.amount > 0), "
            " v.corrects_id, (SELECT min(c.id) FROM voucher c WHERE c.corrects_id = v.id) "
            "FROM voucher v WHERE v.year_id = ? ORDER BY v.id DESC LIMIT ?", (year_id, limit))
        return [VoucherSummary(*r) for r in rows]

    def ledger_opening(self, account: int, date_from: str) -> int:
        """The account's balance before `date_from` (its ingående saldo in the huvudbok)."""
        year = self.year_of_date(date_from)
        if year is None:
            return 0
        if date_from == year.start:  # the day before lies in another year (or none)
            return sum(a for (acc, _p), a in self.opening_balances(year.id).items() if acc == account)
        return self.balance_at(day_before(date_from), accounts=[account]).get(account, 0)

    def _ledger_from(self, date_from: str, date_to: str) -> tuple[str, list]:
        """FROM/WHERE of the huvudbok's rows. Within one year the year's voucher index
        walks the rows in huvudbok order, so a page near the start costs a page."""
        year = self.year_of_date(date_from)
        if year is not None and date_to <= year.end:
            return ("FROM voucher v CROSS JOIN voucher_row r ON r.voucher_id = v.id AND r.account = ?1 "
                    "WHERE v.year_id = ?2 AND v.date BETWEEN ?3 AND ?4", [year.id])
        return ("FROM voucher v CROSS JOIN voucher_row r ON r.voucher_id = v.id AND r.account = ?1 "
                "WHERE ?2 IS NULL AND v.date BETWEEN ?3 AND ?4", [None])

    def ledger_summary(self, account: int, date_from: str, date_to: str) -> LedgerSummary:
        """Ingående saldo, number of lines and the period's debit and credit, without
        reading the lines themselves into Python."""
        per_day = self.conn.execute(
            "SELECT v.date, count(*), ifnull(sum(max(r.amount, 0)), 0), ifnull(-sum(min(r.amount, 0)), 0) "
            "FROM voucher_row r JOIN voucher v ON v.id = r.voucher_id "
            "WHERE r.account = ? AND v.date BETWEEN ? AND ? GROUP BY v.date ORDER BY v.date",
            (account, date_from, date_to)).fetchall()
        return LedgerSummary(self.ledger_opening(account, date_from), sum(d[1] for d in per_day),
                             sum(d[2] for d in per_day), sum(d[3] for d in per_day),
                             tuple((d[0], d[1]) for d in per_day))

    def ledger_page(self, account: int, date_from: str, date_to: str, *, offset: int, limit: int,
                    count: int | None = None, days: Sequence[tuple[str, int]] | None = None) -> list[LedgerLine]:
        """Lines offset .. offset+limit of the huvudbok (ordered by date, series, number,
        row), each with its running balance. The balance before the page comes from the
        daily balances up to the page's first day plus that day's earlier rows. With the
        lines per day (LedgerSummary.days) the page is read from its first day on, so any
        page costs about the same; without them a page in the later half is read from the
        end."""
        if limit <= 0:
            return []
        frm, extra = self._ledger_from(date_from, date_to)
        params = [account, *extra, date_from, date_to]
        cols = ("SELECT v.id, v.series, v.number, v.date, r.text, v.text, r.amount, r.project_id, r.id ")
        if days:
            before, first_day = 0, date_from
            for day, n in days:
                if before + n > offset:
                    first_day = day
                    break
                before += n
            else:
                return []
            rows = self.conn.execute(
                f"{cols}{frm} AND v.date >= ?7 ORDER BY v.date, v.series, v.number, r.id LIMIT ?5 OFFSET ?6",
                (*params, limit, offset - before, first_day)).fetchall()
        elif count is not None and offset > count // 2:
            # From the end: walking the index backwards is as short as walking it forwards.
            skip = max(0, count - offset - limit)
            take = min(limit, count - offset)
            rows = self.conn.execute(
                f"{cols}{frm} ORDER BY v.date DESC, v.series DESC, v.number DESC, r.id DESC LIMIT ?5 OFFSET ?6",
                (*params, take, skip)).fetchall()[::-1]
        else:
            rows = self.conn.execute(
                f"{cols}{frm} ORDER BY v.date, v.series, v.number, r.id LIMIT ?5 OFFSET ?6",
                (*params, limit, offset)).fetchall()
        if not rows:
            return []
        first = rows[0]
        balance = self.ledger_opening(account, date_from)
        if first[3] > date_from:
            balance += self.conn.execute(
                "SELECT ifnull(sum(amount), 0) FROM balance_day WHERE account = ? AND date BETWEEN ? AND ?",
                (account, date_from, day_before(first[3]))).fetchone()[0]
        balance += self.conn.execute(
            f"SELECT ifnull(sum(r.amount), 0) {frm} AND v.date = ?5 AND (v.series, v.number, r.id) < (?6, ?7, ?8)",
            (*params, first[3], first[1], first[2], first[8])).fetchone()[0]
        out = []
        for r in rows:
            balance += r[6]
            out.append(LedgerLine(r[0], f"{r[1]} {r[2]}", r[3], r[4] or r[5], r[6], r[7], balance))
        return out

    def iter_ledger(self, account: int, date_from: str, date_to: str, *,
                    chunk: int = 20_000) -> Iterator[list[LedgerLine]]:
        """Every huvudbok line of the account in the period, in ledger_page's order and with
        the running balance, as lists of up to `chunk` lines read one after the other from
        a single query (for writing a whole huvudbok to a file: paging with ledger_page
        would search for each page's start again)."""
        balance = self.ledger_opening(account, date_from)
        cur = self.conn.execute(
            "SELECT v.id, v.series, v.number, v.date, r.text, v.text, r.amount, r.project_id "
            "FROM voucher_row r JOIN voucher v ON v.id = r.voucher_id "
            "WHERE r.account = ? AND v.date BETWEEN ? AND ? ORDER BY v.date, v.series, v.number, r.id",
            (account, date_from, date_to))
        try:
            while rows := cur.fetchmany(chunk):
                out = []
                for r in rows:
                    balance += r[6]
                    out.append(LedgerLine(r[0], f"{r[1]} {r[2]}", r[3], r[4] or r[5], r[6], r[7], balance))
                yield out
        finally:
            cur.close()

    def ledger(self, account: int, date_from: str, date_to: str) -> tuple[int, list[LedgerLine]]:
        """Huvudbok for one account: (balance before date_from, lines in the period).
        Reads every line; the desktop program pages with ledger_summary/ledger_page."""
        opening = self.ledger_opening(account, date_from)
        lines = [LedgerLine(r[0], f"{r[1]} {r[2]}", r[3], r[4] or r[5], r[6], r[7]) for r in self.conn.execute(
            "SELECT v.id, v.series, v.number, v.date, r.text, v.text, r.amount, r.project_id "
            "FROM voucher_row r JOIN voucher v ON v.id = r.voucher_id "
            "WHERE r.account = ? AND v.date BETWEEN ? AND ? ORDER BY v.date, v.series, v.number, r.id",
            (account, date_from, date_to))]
        return opening, lines

    # ------------------------------------------------------------------ balances
    def movements(self, date_from: str, date_to: str, *, by_project: bool = False) -> dict:
        """Sum of booked rows in [date_from, date_to] per account (or per (account,
        project_id or None) with by_project). Ledger sign. Read from the daily aggregate."""
        if by_project:
            return {(r[0], r[1] or None): r[2] for r in self.conn.execute(
                "SELECT account, project_id, sum(amount) FROM balance_day WHERE date BETWEEN ? AND ? "
                "GROUP BY account, project_id", (date_from, date_to))}
        return dict(self.conn.execute(
            "SELECT account, sum(amount) FROM balance_day WHERE date BETWEEN ? AND ? GROUP BY account",
            (date_from, date_to)).fetchall())

    def balance_day_mismatches(self, date_from: str = "0000-01-01", date_to: str = "9999-12-31") -> list[tuple]:
        """Compare the daily balances with the booked rows they are derived from; returns
        [(date, account, project_id or 0, in balance_day, in the rows)] where they differ
        (empty when the book is consistent). The triggers keep them equal; this finds a
        hand-made change to balance_day in an open year (the only table a raw statement
        can still bend) before a report relies on it."""
        rows = self.conn.execute(
            "SELECT date, account, pid, sum(bd), sum(vr) FROM ("
            " SELECT date, account, project_id AS pid, amount AS bd, 0 AS vr FROM balance_day"
            "  WHERE date BETWEEN ?1 AND ?2"
            " UNION ALL"
            " SELECT v.date, r.account, ifnull(r.project_id, 0), 0, r.amount FROM voucher_row r"
            "  JOIN voucher v ON v.id = r.voucher_id WHERE v.date BETWEEN ?1 AND ?2)"
            " GROUP BY date, account, pid HAVING sum(bd) <> sum(vr) ORDER BY date, account, pid",
            (date_from, date_to)).fetchall()
        return [tuple(r) for r in rows]

    def balance_at(self, date: str, *, accounts: Iterable[int] | None = None,
                   by_project: bool = False) -> dict:
        """Closing balances of the balance accounts (T/S) at the end of `date`: the year's
        ingående balans plus that year's movements up to the date. Result accounts start
        each year at 0 and are included with their year-to-date sum."""
        year = self.year_of_date(date)
        if year is None:
            raise RuleError(f"Datumet {date} ligger inte i något räkenskapsår.", field="datum")
        out: dict = {}
        for (acc, pid), amt in self.opening_balances(year.id).items():
            key = (acc, pid) if by_project else acc
            out[key] = out.get(key, 0) + amt
        for key, amt in self.movements(year.start, date, by_project=by_project).items():
            out[key] = out.get(key, 0) + amt
        if accounts is not None:
            wanted = set(accounts)
            out = {k: v for k, v in out.items() if (k[0] if by_project else k) in wanted}
        return {k: v for k, v in out.items() if v != 0}

    def trial_balance(self, year_id: int, date_from: str | None = None,
                      date_to: str | None = None) -> list[BalanceLine]:
        """Saldobalans: per account the balance at the start of the period, the period's
        movement and (property) the closing balance. Only accounts with something to show.
        Result accounts start the year at 0; for a period that starts later in the year
        their opening is the year's sum before the period, so that the openings and the
        closings each sum to 0, as for the balance accounts."""
        year = self.year(year_id)
        if year is None:
            raise RuleError(f"Räkenskapsåret {year_id} finns inte.")
        date_from = date_from or year.start
        date_to = date_to or year.end
        if not (year.start <= date_from <= date_to <= year.end):
            raise RuleError(f"Perioden {date_from} – {date_to} ligger inte inom räkenskapsåret {year.label}.",
                            field="period")
        accounts = {a.number: a for a in self.accounts()}
        opening: dict[int, int] = {}
        for (acc, _pid), amt in self.opening_balances(year_id).items():
            if accounts[acc].is_balance:  # a result account has no ingående balans
                opening[acc] = opening.get(acc, 0) + amt
        if date_from > year.start:
            for acc, amt in self.movements(year.start, day_before(date_from)).items():
                opening[acc] = opening.get(acc, 0) + amt
        period = self.movements(date_from, date_to)
        lines = []
        for number in sorted(set(opening) | set(period)):
            a = accounts[number]
            ob = opening.get(number, 0)
            pm = period.get(number, 0)
            if ob or pm:
                lines.append(BalanceLine(number, a.name, a.kind, a.row_id, ob, pm))
        return lines

    # ------------------------------------------------------------------ drafts
    def save_draft(self, date: str, text: str, rows: Sequence, *, series: str = "A",
                   corrects_id: int | None = None, draft_id: int | None = None) -> int:
        """Save (or replace) a preliminär verifikation. Drafts need not balance."""
        with self.transaction():
            if draft_id is None:
                draft_id = self.conn.execute(
                    "INSERT INTO draft (series, date, text, corrects_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    (series, date or "", text or "", corrects_id, now_iso())).lastrowid
            else:
                self.conn.execute("UPDATE draft SET series = ?, date = ?, text = ?, corrects_id = ? WHERE id = ?",
                                  (series, date or "", text or "", corrects_id, draft_id))
                self.conn.execute("DELETE FROM draft_row WHERE draft_id = ?", (draft_id,))
            self.conn.executemany(
                "INSERT INTO draft_row (draft_id, account, amount, project_id, counterpart_id, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(draft_id, r.account, r.amount, r.project_id, r.counterpart_id, r.text)
                 for r in map(_as_row, rows)])
        return draft_id

    def drafts(self) -> list[dict]:
        out = []
        for d in self.conn.execute("SELECT id, series, date, text, corrects_id FROM draft ORDER BY id").fetchall():
            rows = [VoucherRow(*r) for r in self.conn.execute(
                "SELECT account, amount, project_id, counterpart_id, text FROM draft_row WHERE draft_id = ? "
                "ORDER BY id", (d[0],))]
            out.append(dict(id=d[0], series=d[1], date=d[2], text=d[3], corrects_id=d[4], rows=rows))
        return out

    def delete_draft(self, draft_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM draft WHERE id = ?", (draft_id,))

    def book_draft(self, draft_id: int) -> Voucher:
        d = next((d for d in self.drafts() if d["id"] == draft_id), None)
        if d is None:
            raise RuleError(f"Utkastet {draft_id} finns inte.")
        with self.transaction():
            v = self.book_voucher(d["date"], d["text"], d["rows"], series=d["series"],
                                  corrects_id=d["corrects_id"])
            self.conn.execute("DELETE FROM draft WHERE id = ?", (draft_id,))
        return v


def _search_amount(text: str) -> int | None:
    """The amount in öre a search text means, or None when it is no amount."""
    if not re.fullmatch(r"[−-]?[\d\s\u00a0]+([,.]\d{1,2})?", text):
        return None
    try:
        return abs(parse_kr(text, field="sök"))
    except InputError:
        return None
