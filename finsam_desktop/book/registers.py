"""Registers: projektägare/motparter, insatser, medlemmar with driftbidrag, budget,
texts per year and the signatories."""

from __future__ import annotations

from ..errors import InputError, RuleError
from .chart import INCOME_ROWS, ROW_LABELS
from .model import BudgetRow, Counterpart, Member, Project, Signatory
from .validate import normalize_orgnr

PROJECT_KINDS = ("individinriktad", "strukturövergripande", "samverkansstödjande")
MEMBER_KINDS = ("stat", "region", "kommun")
BUDGET_SECTIONS = ("intakter", "insatser", "kansli", "styrelse", "ovrigt", "finansiellt")

_PROJECT_COLS = "id, code, name, owner_id, kind, start, end, account, active"


def _project(r) -> Project:
    return Project(id=r[0], code=r[1], name=r[2], owner_id=r[3], kind=r[4], start=r[5], end=r[6],
                   account=r[7], active=bool(r[8]))


class RegistersMixin:
    # ------------------------------------------------------------------ counterparts
    def counterparts(self) -> list[Counterpart]:
        return [Counterpart(*r) for r in self.conn.execute(
            "SELECT id, name, orgnr, member_id FROM counterpart ORDER BY name")]

    def counterpart(self, cid: int) -> Counterpart | None:
        r = self.conn.execute("SELECT id, name, orgnr, member_id FROM counterpart WHERE id = ?",
                              (cid,)).fetchone()
        return Counterpart(*r) if r else None

    def counterpart_by_name(self, name: str) -> Counterpart | None:
        r = self.conn.execute("SELECT id, name, orgnr, member_id FROM counterpart WHERE name = ?",
                              (name.strip(),)).fetchone()
        return Counterpart(*r) if r else None

    def add_counterpart(self, name: str, orgnr: str = "", member_id: int | None = None) -> Counterpart:
        if not name or not name.strip():
            raise InputError("Projektägaren/motparten saknar namn.", field="namn")
        if orgnr:
            orgnr = normalize_orgnr(orgnr)
        with self.transaction():
            cur = self.execute("INSERT INTO counterpart (name, orgnr, member_id) VALUES (?, ?, ?)",
                               (name.strip(), orgnr, member_id))
            self.audit("counterpart.add", name=name)
        return self.counterpart(cur.lastrowid)

    def update_counterpart(self, cid: int, *, name: str, orgnr: str = "", member_id: int | None = None) -> None:
        if not name.strip():
            raise InputError("Projektägaren/motparten saknar namn.", field="namn")
        if orgnr:
            orgnr = normalize_orgnr(orgnr)
        with self.transaction():
            self.execute("UPDATE counterpart SET name = ?, orgnr = ?, member_id = ? WHERE id = ?",
                         (name.strip(), orgnr, member_id, cid))
            self.audit("counterpart.update", id=cid, name=name)

    # ------------------------------------------------------------------ projects (insatser)
    def projects(self, *, active_only: bool = False) -> list[Project]:
        sql = f"SELECT {_PROJECT_COLS} FROM project"
        if active_only:
            sql += " WHERE active = 1"
        return [_project(r) for r in self.conn.execute(sql + " ORDER BY code")]

    def project(self, pid: int) -> Project | None:
        r = self.conn.execute(f"SELECT {_PROJECT_COLS} FROM project WHERE id = ?", (pid,)).fetchone()
        return _project(r) if r else None

    def project_by_code(self, code: str) -> Project | None:
        r = self.conn.execute(f"SELECT {_PROJECT_COLS} FROM project WHERE code = ?",
                              (str(code).strip(),)).fetchone()
        return _project(r) if r else None

    def add_project(self, code: str, name: str, *, owner_id: int | None = None,
                    kind: str = "individinriktad", start: str | None = None, end: str | None = None,
                    account: int | None = None) -> Project:
        code = str(code).strip()
        if not code:
            raise InputError("Insatsen saknar kod.", field="kod")
        if not name or not name.strip():
            raise InputError(f"Insats {code} saknar namn.", field="namn")
        if kind not in PROJECT_KINDS:
            raise InputError(f"Okänd insatstyp ”{kind}” (individinriktad, strukturövergripande "
                             "eller samverkansstödjande).", field="typ")
        if self.project_by_code(code):
            raise RuleError(f"Det finns redan en insats med koden {code}.", field="kod")
        with self.transaction():
            cur = self.execute(
                "INSERT INTO project (code, name, owner_id, kind, start, end, account) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (code, name.strip(), owner_id, kind, start, end, account))
            self.audit("project.add", code=code, name=name)
        return self.project(cur.lastrowid)

    def update_project(self, pid: int, **fields) -> Project:
        p = self.project(pid)
        if p is None:
            raise RuleError(f"Insatsen {pid} finns inte.")
        allowed = {"code", "name", "owner_id", "kind", "start", "end", "account", "active"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown project fields {bad}")
        if "kind" in fields and fields["kind"] not in PROJECT_KINDS:
            raise InputError(f"Okänd insatstyp ”{fields['kind']}”.", field="typ")
        if "name" in fields and not str(fields["name"]).strip():
            raise InputError("Insatsen måste ha ett namn.", field="namn")
        if not fields:
            return p
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            self.execute(f"UPDATE project SET {sets} WHERE id = ?", (*fields.values(), pid))
            self.audit("project.update", id=pid, **fields)
        return self.project(pid)

    def project_grants(self, year_id: int) -> dict[int, int]:
        """{project_id: beviljade medel} for the year."""
        return self._amounts_of_year("project_grant", "project_id", year_id)

    def set_project_grant(self, project_id: int, year_id: int, amount: int) -> None:
        if amount < 0:
            raise InputError("Beviljade medel kan inte vara negativa.", field="beviljat")
        self._set_amount_of_year("project_grant", "project_id", project_id, year_id, amount, "project.grant")

    # ------------------------------------------------------------------ amounts per year
    # Beviljade medel per insats and driftbidrag per medlem are both one amount per
    # (owner, year) row: `table` has the columns `key`, year_id and amount.
    def _amounts_of_year(self, table: str, key: str, year_id: int) -> dict[int, int]:
        return dict(self.conn.execute(f"SELECT {key}, amount FROM {table} WHERE year_id = ?",
                                      (year_id,)).fetchall())

    def _set_amount_of_year(self, table: str, key: str, key_id: int, year_id: int, amount: int,
                            action: str) -> None:
        with self.transaction():
            self.conn.execute(f"INSERT INTO {table} ({key}, year_id, amount) VALUES (?, ?, ?) "
                              f"ON CONFLICT ({key}, year_id) DO UPDATE SET amount = excluded.amount",
                              (key_id, year_id, amount))
            self.audit(action, **{key: key_id}, year_id=year_id, amount=amount)

    # ------------------------------------------------------------------ members
    def members(self) -> list[Member]:
        return [Member(*r) for r in self.conn.execute(
            "SELECT id, name, kind, share_bp, account, sort FROM member ORDER BY sort, id")]

    def member(self, mid: int) -> Member | None:
        r = self.conn.execute("SELECT id, name, kind, share_bp, account, sort FROM member WHERE id = ?",
                              (mid,)).fetchone()
        return Member(*r) if r else None

    def add_member(self, name: str, kind: str, share_bp: int, *, account: int | None = None,
                   sort: int | None = None) -> Member:
        if not name or not name.strip():
            raise InputError("Medlemmen saknar namn.", field="namn")
        if kind not in MEMBER_KINDS:
            raise InputError(f"Okänd medlemstyp ”{kind}” (stat, region eller kommun).", field="typ")
        if not 0 <= share_bp <= 10000:
            raise InputError("Andelen måste ligga mellan 0 och 100 %.", field="andel")
        if sort is None:
            sort = (self.conn.execute("SELECT max(sort) FROM member").fetchone()[0] or 0) + 1
        with self.transaction():
            cur = self.execute("INSERT INTO member (name, kind, share_bp, account, sort) VALUES (?, ?, ?, ?, ?)",
                               (name.strip(), kind, share_bp, account, sort))
            self.audit("member.add", name=name, kind=kind, share_bp=share_bp)
        return self.member(cur.lastrowid)

    def update_member(self, mid: int, *, name: str, kind: str, share_bp: int,
                      account: int | None = None) -> Member:
        if not name.strip():
            raise InputError("Medlemmen saknar namn.", field="namn")
        if kind not in MEMBER_KINDS:
            raise InputError(f"Okänd medlemstyp ”{kind}”.", field="typ")
        if not 0 <= share_bp <= 10000:
            raise InputError("Andelen måste ligga mellan 0 och 100 %.", field="andel")
        with self.transaction():
            self.execute("UPDATE member SET name = ?, kind = ?, share_bp = ?, account = ? WHERE id = ?",
                         (name.strip(), kind, share_bp, account, mid))
            self.audit("member.update", id=mid, name=name, share_bp=share_bp)
        return self.member(mid)

    def contributions(self, year_id: int) -> dict[int, int]:
        """{member_id: driftbidrag (tilldelade medel)} decided for the year."""
        return self._amounts_of_year("member_contribution", "member_id", year_id)

    def set_contribution(self, member_id: int, year_id: int, amount: int) -> None:
        if amount < 0:
            raise InputError("Driftbidraget kan inte vara negativt.", field="driftbidrag")
        self._set_amount_of_year("member_contribution", "member_id", member_id, year_id, amount,
                                 "member.contribution")

    def allotted_funds(self, year_id: int) -> int:
        """Tilldelade medel: the sum of the members' driftbidrag for the year."""
        return self.conn.execute("SELECT ifnull(sum(amount), 0) FROM member_contribution WHERE year_id = ?",
                                 (year_id,)).fetchone()[0]

    # ------------------------------------------------------------------ budget
    def budget(self, year_id: int) -> list[BudgetRow]:
        return [BudgetRow(*r) for r in self.conn.execute(
            "SELECT id, year_id, label, section, account_from, account_to, project_id, amount, sort "
            "FROM budget_row WHERE year_id = ? ORDER BY sort, id", (year_id,))]

    def _checked_budget_range(self, label: str, section: str, account_from: int, account_to: int | None) -> int:
        """The rules of a budget line (a known budgetdel; accounts on one row of the
        resultaträkning); returns its last account (account_from when none is given)."""
        if section not in BUDGET_SECTIONS:
            raise InputError(f"Okänd budgetdel ”{section}”.", field="del")
        account_to = account_from if account_to is None else account_to
        rows = self.result_rows_in_range(account_from, account_to)
        if len(rows) > 1:
            names = " och ".join(ROW_LABELS.get(r, r) for r in rows)
            raise RuleError(f"Budgetraden ”{label}” (konto {account_from}–{account_to}) omfattar konton på "
                            f"flera rader i resultaträkningen ({names}); dela upp den så att varje "
                            "budgetrad hör till en rad.", field="konton")
        return account_to

    def add_budget_row(self, year_id: int, label: str, amount: int, *, account_from: int,
                       account_to: int | None = None, section: str = "ovrigt",
                       project_id: int | None = None, sort: int | None = None) -> int:
        """Add a budget line. Amount in ledger sign (income negative, cost positive)."""
        account_to = self._checked_budget_range(label, section, account_from, account_to)
        if sort is None:
            sort = (self.conn.execute("SELECT max(sort) FROM budget_row WHERE year_id = ?",
                                      (year_id,)).fetchone()[0] or 0) + 1
        with self.transaction():
            cur = self.execute(
                "INSERT INTO budget_row (year_id, label, section, account_from, account_to, project_id, amount, sort) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (year_id, label, section, account_from, account_to, project_id, amount, sort))
            self.audit("budget.add", year_id=year_id, label=label, amount=amount)
        return cur.lastrowid

    def update_budget_row(self, row_id: int, label: str, amount: int, *, account_from: int,
                          account_to: int | None = None, section: str = "ovrigt",
                          project_id: int | None = None) -> None:
        """Change a budget line (same rules as add_budget_row; amount in ledger sign)."""
        account_to = self._checked_budget_range(label, section, account_from, account_to)
        with self.transaction():
            cur = self.execute(
                "UPDATE budget_row SET label = ?, section = ?, account_from = ?, account_to = ?, project_id = ?, "
                "amount = ? WHERE id = ?", (label, section, account_from, account_to, project_id, amount, row_id))
            if cur.rowcount != 1:
                raise RuleError(f"Budgetraden {row_id} finns inte.")
            self.audit("budget.update", id=row_id, label=label, amount=amount)

    def result_rows_in_range(self, account_from: int, account_to: int) -> list[str]:
        """The resultaträkning rows that the book's accounts in a range carry, in report
        order (a budget row must stay within one of them)."""
        found = {r for (r,) in self.conn.execute(
            "SELECT DISTINCT row_id FROM account WHERE (number BETWEEN ?1 AND ?2 OR (number > 9999 AND "
            "CAST(substr(number, 1, 4) AS INTEGER) BETWEEN ?1 AND ?2)) AND row_id IS NOT NULL",
            (account_from, account_to))}
        return [r for r in INCOME_ROWS if r in found]

    def delete_budget_row(self, row_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM budget_row WHERE id = ?", (row_id,))
            self.audit("budget.delete", id=row_id)

    # ------------------------------------------------------------------ texts per year
    def year_texts(self, year_id: int) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, text FROM year_text WHERE year_id = ?", (year_id,)).fetchall())

    def year_text(self, year_id: int, key: str, default: str = "") -> str:
        r = self.conn.execute("SELECT text FROM year_text WHERE year_id = ? AND key = ?",
                              (year_id, key)).fetchone()
        return r[0] if r else default

    def set_year_text(self, year_id: int, key: str, text: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO year_text (year_id, key, text) VALUES (?, ?, ?) "
                              "ON CONFLICT (year_id, key) DO UPDATE SET text = excluded.text",
                              (year_id, key, text))
            self.audit("year.text", year_id=year_id, key=key)

    # ------------------------------------------------------------------ signatories
    def signatories(self, year_id: int) -> list[Signatory]:
        return [Signatory(*r) for r in self.conn.execute(
            "SELECT id, year_id, name, role, kind, sort FROM signatory WHERE year_id = ? ORDER BY kind, sort, id",
            (year_id,))]

    def set_signatories(self, year_id: int, people: list[tuple[str, str, str]]) -> None:
        """Replace the year's signatories: [(name, role, 'styrelse'|'revisor'), ...]."""
        with self.transaction():
            self.conn.execute("DELETE FROM signatory WHERE year_id = ?", (year_id,))
            for i, (name, role, kind) in enumerate(people):
                if not name.strip():
                    raise InputError("En ledamot saknar namn.", field="namn")
                self.execute("INSERT INTO signatory (year_id, name, role, kind, sort) VALUES (?, ?, ?, ?, ?)",
                             (year_id, name.strip(), role.strip(), kind, i))
            self.audit("year.signatories", year_id=year_id, count=len(people))
