"""Storage of bank statements, their lines, the matches to verifikationer and the
rules that propose verifikationer. The rules of import and matching are in ops/bank.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import RuleError
from .core import now_iso


@dataclass(frozen=True)
class StoredStatement:
    id: int
    account: int
    account_id: str
    statement_ref: str
    file_name: str
    format: str
    date_from: str
    date_to: str
    opening: int | None
    closing: int | None
    imported_at: str
    lines: int


@dataclass(frozen=True)
class StoredLine:
    id: int
    statement_id: int
    account: int
    booking_date: str
    value_date: str
    amount: int
    text: str
    reference: str
    ocr: str
    counterparty: str
    balance: int | None
    voucher_ids: tuple[int, ...] = ()
    confirmed: bool = False
    kind: str = ""

    @property
    def status(self) -> str:
        """'matchad', 'förslag' or 'omatchad'."""
        if not self.voucher_ids:
            return "omatchad"
        return "matchad" if self.confirmed else "förslag"


@dataclass(frozen=True)
class BankMovement:
    """One verifikation's net movement of the bank account."""
    voucher_id: int
    ref: str
    date: str
    amount: int
    text: str
    line_id: int | None = None
    confirmed: bool = False


@dataclass(frozen=True)
class BankRule:
    id: int
    pattern: str
    account: int
    text: str
    sort: int


_LINE_COLS = ("l.id, l.statement_id, l.account, l.booking_date, l.value_date, l.amount, l.text, l.reference, "
              "l.ocr, l.counterparty, l.balance")


class BankMixin:
    # ------------------------------------------------------------------ settings per account
    def bank_account_id(self, account: int) -> str:
        """The IBAN or account number the bank's statements give for ledger account `account`."""
        return self.setting(f"bank_account_id_{int(account)}", "") or ""

    def bank_csv_mapping(self, account: int) -> str | None:
        return self.setting(f"bank_csv_mapping_{int(account)}")

    def _set_bank_setting(self, key: str, value: str) -> None:
        """Inside the caller's transaction."""
        self.conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def set_bank_account_id(self, account: int, account_id: str) -> None:
        with self.transaction():
            self._set_bank_setting(f"bank_account_id_{int(account)}", account_id)
            self.audit("bank.account_id", account=account, account_id=account_id)

    def set_bank_csv_mapping(self, account: int, mapping_json: str) -> None:
        with self.transaction():
            self._set_bank_setting(f"bank_csv_mapping_{int(account)}", mapping_json)
            self.audit("bank.csv_mapping", account=account)

    # ------------------------------------------------------------------ statements
    def bank_statements(self, account: int | None = None) -> list[StoredStatement]:
        rows = self.conn.execute(
            "SELECT s.id, s.account, s.account_id, s.statement_ref, s.file_name, s.format, s.date_from, s.date_to, "
            "s.opening, s.closing, s.imported_at, (SELECT count(*) FROM bank_line l WHERE l.statement_id = s.id) "
            "FROM bank_statement s WHERE ?1 IS NULL OR s.account = ?1 ORDER BY s.account, s.date_from, s.id",
            (account,)).fetchall()
        return [StoredStatement(*r) for r in rows]

    def known_bank_keys(self, account: int, keys: Iterable[str]) -> set[str]:
        """Which of the dedup keys the account's imported lines already have."""
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            found.update(r[0] for r in self.conn.execute(
                f"SELECT dedup_key FROM bank_line WHERE account = ? AND dedup_key IN ({','.join('?' * len(part))})",
                (account, *part)))
        return found

    def insert_bank_statement(self, account: int, *, account_id: str, statement_ref: str, file_name: str,
                              format: str, date_from: str, date_to: str, opening: int | None,
                              closing: int | None, lines: Sequence[tuple]) -> tuple[int, list[int]]:
        """Inside the caller's transaction. Lines are (booking_date, value_date, amount,
        text, reference, ocr, counterparty, balance, dedup_key). Returns the statement's
        id and the new lines' ids."""
        c = self.conn
        sid = c.execute(
            "INSERT INTO bank_statement (account, account_id, statement_ref, file_name, format, date_from, date_to, "
            "opening, closing, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (account, account_id, statement_ref, file_name, format, date_from, date_to, opening, closing,
             now_iso())).lastrowid
        first = (c.execute("SELECT max(id) FROM bank_line").fetchone()[0] or 0) + 1
        c.executemany(
            "INSERT INTO bank_line (id, statement_id, account, booking_date, value_date, amount, text, reference, ocr, "
            "counterparty, balance, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + i, sid, account, *ln) for i, ln in enumerate(lines)])
        return sid, list(range(first, first + len(lines)))

    # ------------------------------------------------------------------ lines
    def bank_lines(self, account: int, date_from: str = "0000-01-01", date_to: str = "9999-12-31", *,
                   status: str | None = None) -> list[StoredLine]:
        """The account's bank lines in the period, with their matches, in date order.
        `status`: 'omatchad', 'förslag' or 'matchad' to keep only those."""
        rows = self.conn.execute(
            f"SELECT {_LINE_COLS}, group_concat(m.voucher_id), max(m.confirmed), max(m.kind) FROM bank_line l "
            "LEFT JOIN bank_match m ON m.line_id = l.id WHERE l.account = ? AND l.booking_date BETWEEN ? AND ? "
            "GROUP BY l.id ORDER BY l.booking_date, l.id", (account, date_from, date_to)).fetchall()
        out = []
        for r in rows:
            vids = tuple(int(v) for v in r[11].split(",")) if r[11] else ()
            line = StoredLine(*r[:11], vids, bool(r[12]), r[13] or "")
            if status is None or line.status == status:
                out.append(line)
        return out

    def bank_line(self, line_id: int) -> StoredLine:
        r = self.conn.execute(
            f"SELECT {_LINE_COLS}, group_concat(m.voucher_id), max(m.confirmed), max(m.kind) FROM bank_line l "
            "LEFT JOIN bank_match m ON m.line_id = l.id WHERE l.id = ? GROUP BY l.id", (line_id,)).fetchone()
        if r is None:
            raise RuleError(f"Bankraden {line_id} finns inte.", field="bankrad")
        vids = tuple(int(v) for v in r[11].split(",")) if r[11] else ()
        return StoredLine(*r[:11], vids, bool(r[12]), r[13] or "")

    def bank_movements(self, account: int, date_from: str, date_to: str) -> list[BankMovement]:
        """Every booked verifikation that moves the account in the period, with its net
        amount on the account and the bank line it is matched to (if any)."""
        rows = self.conn.execute(
            "SELECT v.id, v.series || ' ' || v.number, v.date, sum(r.amount), v.text, m.line_id, m.confirmed "
            "FROM voucher v JOIN voucher_row r ON r.voucher_id = v.id AND r.account = ? "
            "LEFT JOIN bank_match m ON m.voucher_id = v.id "
            "WHERE v.date BETWEEN ? AND ? GROUP BY v.id HAVING sum(r.amount) <> 0 ORDER BY v.date, v.id",
            (account, date_from, date_to)).fetchall()
        return [BankMovement(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def bank_voucher_amount(self, voucher_id: int, account: int) -> int | None:
        r = self.conn.execute("SELECT sum(amount) FROM voucher_row WHERE voucher_id = ? AND account = ?",
                              (voucher_id, account)).fetchone()
        return r[0]

    # ------------------------------------------------------------------ matches
    def add_bank_matches(self, matches: Iterable[tuple[int, int]], *, confirmed: bool, kind: str) -> int:
        """Inside the caller's transaction: (line_id, voucher_id) pairs."""
        cur = self.conn.executemany(
            "INSERT INTO bank_match (line_id, voucher_id, confirmed, kind) VALUES (?, ?, ?, ?)",
            [(lid, vid, int(confirmed), kind) for lid, vid in matches])
        return cur.rowcount

    def confirm_bank_matches(self, line_ids: Iterable[int] | None = None, *, account: int | None = None) -> int:
        """Inside the caller's transaction: confirm the proposals of these lines (None: all of the account)."""
        if line_ids is None:
            return self.conn.execute(
                "UPDATE bank_match SET confirmed = 1 WHERE confirmed = 0 AND line_id IN "
                "(SELECT id FROM bank_line WHERE account = ?)", (account,)).rowcount
        n = 0
        for lid in line_ids:
            n += self.conn.execute("UPDATE bank_match SET confirmed = 1 WHERE line_id = ? AND confirmed = 0",
                                   (lid,)).rowcount
        return n

    def remove_bank_matches(self, line_id: int | None = None, *, proposals_of: int | None = None) -> int:
        """Inside the caller's transaction: drop the matches of one line, or every
        unconfirmed proposal of an account."""
        if line_id is not None:
            return self.conn.execute("DELETE FROM bank_match WHERE line_id = ?", (line_id,)).rowcount
        return self.conn.execute(
            "DELETE FROM bank_match WHERE confirmed = 0 AND line_id IN (SELECT id FROM bank_line WHERE account = ?)",
            (proposals_of,)).rowcount

    def bank_history(self, account: int, limit: int = 2000) -> list[tuple[str, str, int, str, int]]:
        """Confirmed lines matched to one verifikation of two rows, newest first: (text,
        counterparty, voucher id, 'A 12', the other row's account); what a mall is made from."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT l.text, l.counterparty, v.id, v.series || ' ' || v.number, "
            "(SELECT r.account FROM voucher_row r WHERE r.voucher_id = v.id AND r.account <> l.account) "
            "FROM bank_line l JOIN bank_match m ON m.line_id = l.id AND m.confirmed = 1 "
            "JOIN voucher v ON v.id = m.voucher_id "
            "WHERE l.account = ? AND (SELECT count(*) FROM bank_match m2 WHERE m2.line_id = l.id) = 1 "
            "AND (SELECT count(*) FROM voucher_row r WHERE r.voucher_id = v.id) = 2 "
            "AND (SELECT count(*) FROM voucher_row r WHERE r.voucher_id = v.id AND r.account = l.account) = 1 "
            "ORDER BY l.booking_date DESC, l.id DESC LIMIT ?", (account, limit))]

    # ------------------------------------------------------------------ rules
    def bank_rules(self) -> list[BankRule]:
        return [BankRule(*r) for r in self.conn.execute(
            "SELECT id, pattern, account, text, sort FROM bank_rule ORDER BY sort, id")]

    def add_bank_rule(self, pattern: str, account: int, text: str = "") -> int:
        with self.transaction():
            sort = (self.conn.execute("SELECT max(sort) FROM bank_rule").fetchone()[0] or 0) + 1
            rid = self.execute("INSERT INTO bank_rule (pattern, account, text, sort) VALUES (?, ?, ?, ?)",
                               (pattern.strip(), account, text.strip(), sort)).lastrowid
            self.audit("bank.rule.add", id=rid, pattern=pattern, account=account)
        return rid

    def delete_bank_rule(self, rule_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM bank_rule WHERE id = ?", (rule_id,))
            self.audit("bank.rule.delete", id=rule_id)

    # ------------------------------------------------------------------ balances
    def bank_balance_at(self, account: int, date: str) -> int | None:
        """The bank's balance at the end of `date` by the imported statements: the last
        statement starting on or before the date, its opening balance plus its lines up
        to the date (its closing balance after its period). None when no statement with
        balances covers the date."""
        st = self.conn.execute(
            "SELECT id, date_from, date_to, opening, closing FROM bank_statement WHERE account = ? AND date_from <= ? "
            "ORDER BY date_from DESC, id DESC LIMIT 1", (account, date)).fetchone()
        if st is None:
            return None
        sid, date_from, date_to, opening, closing = st
        if date >= date_to and closing is not None:
            return closing
        if opening is None:
            r = self.conn.execute("SELECT balance FROM bank_line WHERE account = ? AND booking_date <= ? "
                                  "AND balance IS NOT NULL ORDER BY booking_date DESC, id DESC LIMIT 1",
                                  (account, date)).fetchone()
            return r[0] if r else None
        # Every line of the account from the statement's first day: an overlapping
        # statement's lines were stored once, with whichever statement came first.
        moved = self.conn.execute("SELECT ifnull(sum(amount), 0) FROM bank_line WHERE account = ? "
                                  "AND booking_date BETWEEN ? AND ?", (account, date_from, date)).fetchone()[0]
        return opening + moved

    def bank_statement_balance(self, account: int, date: str) -> int | None:
        """The bank's balance at the end of `date` when an imported statement covers that
        day (what the bokslut check compares with), else None."""
        covered = self.conn.execute("SELECT 1 FROM bank_statement WHERE account = ? AND ? BETWEEN date_from AND date_to",
                                    (account, date)).fetchone()
        return self.bank_balance_at(account, date) if covered else None

    def first_bank_date(self, account: int) -> str | None:
        r = self.conn.execute("SELECT min(date_from) FROM bank_statement WHERE account = ?", (account,)).fetchone()
        return r[0]
