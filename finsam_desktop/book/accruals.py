"""Book methods for period-end accruals (interimsskulder): the remembered accruals per
period end, what the projektägare reported, and the aggregates of what each insats has
booked (on every cost account, as the notes count it, or on its own cost account). The
period-end policy lives in finsam_desktop.closing.accruals.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import RuleError


@dataclass(frozen=True)
class AccrualRecord:
    """One remembered accrual line of a period end. `amount` is positive (debit the
    debit account, credit the credit account); 0 records an explicit "nothing to accrue"."""
    id: int
    period_end: str
    kind: str                      # 'insats' or one of accruals.OTHER_KINDS
    project_id: int | None
    counterpart_id: int | None
    label: str
    debit_account: int | None
    credit_account: int | None
    amount: int
    comment: str
    voucher_id: int | None
    reversal_voucher_id: int | None


_COLS = ("id, period_end, kind, project_id, counterpart_id, label, debit_account, credit_account, "
         "amount, comment, voucher_id, reversal_voucher_id")


class AccrualsMixin:
    # ------------------------------------------------------------------ remembered accruals
    def accruals(self, period_end: str | None = None) -> list[AccrualRecord]:
        """The remembered accrual lines, of one period end or of all, in booking order."""
        if period_end is None:
            rows = self.conn.execute(f"SELECT {_COLS} FROM accrual ORDER BY period_end, id")
        else:
            rows = self.conn.execute(f"SELECT {_COLS} FROM accrual WHERE period_end = ? ORDER BY id",
                                     (period_end,))
        return [AccrualRecord(*r) for r in rows]

    def accrual_period_ends(self) -> list[str]:
        """Every period end that has accruals, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT period_end FROM accrual ORDER BY period_end")]

    def accruals_pending_reversal(self) -> list[AccrualRecord]:
        """Booked accrual lines whose reversal is not booked yet."""
        return [AccrualRecord(*r) for r in self.conn.execute(
            f"SELECT {_COLS} FROM accrual WHERE voucher_id IS NOT NULL AND reversal_voucher_id IS NULL "
            "ORDER BY period_end, id")]

    def insert_accrual(self, *, period_end: str, kind: str, project_id: int | None,
                       counterpart_id: int | None, label: str, debit_account: int | None,
                       credit_account: int | None, amount: int, comment: str,
                       voucher_id: int | None) -> int:
        """Remember one accrual line (one transaction, or the caller's). A second line with
        the same period end, kind, insats and label is refused by the unique index."""
        with self.transaction():
            cur = self.execute(
                "INSERT INTO accrual (period_end, kind, project_id, counterpart_id, label, debit_account, "
                "credit_account, amount, comment, voucher_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (period_end, kind, project_id, counterpart_id, label, debit_account, credit_account,
                 amount, comment, voucher_id))
        return cur.lastrowid

    def forget_zero_accrual(self, accrual_id: int) -> None:
        """Forget a line decided as 0 (nothing booked) so it can be decided again
        (one transaction, or the caller's). A booked line is never forgotten."""
        with self.transaction():
            self.execute("DELETE FROM accrual WHERE id = ? AND voucher_id IS NULL AND amount = 0", (accrual_id,))

    def set_accrual_reversal(self, voucher_id: int, reversal_voucher_id: int) -> None:
        """Record the reversal of an accrual verifikation on all its lines (one transaction,
        or the caller's)."""
        with self.transaction():
            self.execute("UPDATE accrual SET reversal_voucher_id = ? WHERE voucher_id = ?",
                         (reversal_voucher_id, voucher_id))

    # ------------------------------------------------------------------ what projektägare report
    def accrual_reports(self, period_end: str) -> dict[int, tuple[int, str]]:
        """{project_id: (amount reported by the projektägare, comment)} for a period end."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT project_id, amount, comment FROM accrual_report WHERE period_end = ?", (period_end,))}

    def set_accrual_report(self, period_end: str, project_id: int, amount: int | None,
                           comment: str = "") -> None:
        """Save (or with amount None, forget) what the projektägare reported as used but not
        yet invoiced for an insats at a period end."""
        if amount is not None and amount < 0:
            raise RuleError("Det rapporterade beloppet kan inte vara negativt.", field="rapporterat")
        with self.transaction():
            if amount is None:
                self.conn.execute("DELETE FROM accrual_report WHERE period_end = ? AND project_id = ?",
                                  (period_end, project_id))
            else:
                self.execute(
                    "INSERT INTO accrual_report (period_end, project_id, amount, comment) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (period_end, project_id) DO UPDATE SET amount = excluded.amount, "
                    "comment = excluded.comment", (period_end, project_id, amount, comment))
            self.audit("accrual.report", period_end=period_end, project_id=project_id, amount=amount)

    # ------------------------------------------------------------------ aggregates
    def project_cost_booked(self, date_from: str, date_to: str, *, default_account: int) -> dict[int, int]:
        """{project_id: sum of booked rows in [date_from, date_to] on the insats' own cost
        account (its `account`, else `default_account`) carrying that insats}. Ledger sign,
        read from the daily aggregate."""
        return dict(self.conn.execute(
            "SELECT b.project_id, sum(b.amount) FROM balance_day b JOIN project p ON p.id = b.project_id "
            "WHERE b.date BETWEEN ? AND ? AND b.account = ifnull(p.account, ?) GROUP BY b.project_id",
            (date_from, date_to, default_account)).fetchall())

    def project_costs(self, date_from: str, date_to: str, *,
                      row_id: str = "verksamhetens_kostnader") -> dict[int, int]:
        """{project_id: sum of booked rows in [date_from, date_to] carrying that insats on
        every account of the resultaträkning row `row_id`}, ledger sign, from the daily
        aggregate. The same rule as the note "Verksamhetens kostnader" per insats: an insats
        booked on 4530 and on 5010 counts both; the interimsskuld (a balance account) does
        not, only its cost side."""
        return dict(self.conn.execute(
            "SELECT b.project_id, sum(b.amount) FROM balance_day b JOIN account a ON a.number = b.account "
            "WHERE b.date BETWEEN ? AND ? AND a.row_id = ? AND b.project_id <> 0 GROUP BY b.project_id",
            (date_from, date_to, row_id)).fetchall())

    def project_credits_on(self, account: int, date: str) -> dict[int, int]:
        """{project_id: net amount booked on `account` on exactly `date` with that insats}
        (ledger sign): shows an interimsskuld booked at a period end by any verifikation."""
        return dict(self.conn.execute(
            "SELECT project_id, amount FROM balance_day WHERE date = ? AND account = ? AND project_id <> 0 "
            "AND amount <> 0", (date, account)).fetchall())

    def account_balance_by_project(self, account: int, date: str) -> dict[int | None, int]:
        """{project_id or None: closing balance of one account at the end of `date`}
        (ingående balans per insats plus the year's movements). Ledger sign."""
        return {pid: amt for (_acc, pid), amt in
                self.balance_at(date, accounts=[account], by_project=True).items()}
