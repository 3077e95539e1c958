"""The aggregates the reports engine reads. Everything is summed in SQL from
`opening_balance` and the per-day aggregate `balance_day`, never by reading voucher rows
into Python, so a report over a million verifikationsrader stays fast."""

from __future__ import annotations

from typing import Iterable


class ReportingMixin:
    def period_balances(self, year_id: int, date_from: str, date_to: str) -> list[tuple]:
        """Per (account, project_id or None): (account, project_id, opening, before, period).

        `opening` is the year's ingående balans, `before` the movement from the year's
        first day to the day before `date_from`, `period` the movement in
        [date_from, date_to]. Ledger sign. Rows whose three figures are all 0 are left out.
        """
        year_start = self.conn.execute("SELECT start FROM fiscal_year WHERE id = ?", (year_id,)).fetchone()[0]
        sql = """
            SELECT account, project_id, sum(ob), sum(bf), sum(pm) FROM (
                SELECT account, ifnull(project_id, 0) AS project_id, amount AS ob, 0 AS bf, 0 AS pm
                FROM opening_balance WHERE year_id = :year
                UNION ALL
                SELECT account, project_id, 0,
                       sum(CASE WHEN date < :dfrom THEN amount ELSE 0 END),
                       sum(CASE WHEN date >= :dfrom THEN amount ELSE 0 END)
                FROM balance_day WHERE date BETWEEN :ystart AND :dto
                GROUP BY account, project_id)
            GROUP BY account, project_id
            HAVING sum(ob) <> 0 OR sum(bf) <> 0 OR sum(pm) <> 0
            ORDER BY account, project_id"""
        return [(r[0], r[1] or None, r[2], r[3], r[4]) for r in self.conn.execute(
            sql, {"year": year_id, "dfrom": date_from, "ystart": year_start, "dto": date_to})]

    def counterpart_member_movements(self, date_from: str, date_to: str,
                                     accounts: Iterable[int]) -> dict[tuple[int, int], int]:
        """{(account, member_id): movement} in [date_from, date_to] of rows on `accounts`
        whose motpart is linked to a member (driftbidrag booked on a shared account)."""
        accs = sorted(set(accounts))
        if not accs:
            return {}
        marks = ",".join("?" * len(accs))
        sql = (f"SELECT r.account, c.member_id, sum(r.amount) FROM voucher_row r "
               f"JOIN counterpart c ON c.id = r.counterpart_id "
               f"JOIN voucher v ON v.id = r.voucher_id "
               f"WHERE r.account IN ({marks}) AND r.counterpart_id IS NOT NULL "
               f"AND c.member_id IS NOT NULL AND v.date BETWEEN ? AND ? "
               f"GROUP BY r.account, c.member_id")
        return {(r[0], r[1]): r[2] for r in self.conn.execute(sql, (*accs, date_from, date_to))
                if r[2]}
