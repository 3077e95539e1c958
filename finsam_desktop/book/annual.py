"""Storage of the årsredovisning's registers beyond the ledger: deltagare per insats and
year, the förbund's goals, key figures of years before the book and the organisation.

Only SQL and the shape of a row live here; the rules (what a figure must be, what a
CSV line means) are the operations' (ops/annual.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

GOAL_KINDS = ("verksamhet", "finansiell")
GOAL_METRICS = ("eget_kapital_max_andel", "eget_kapital_golv", "individ_andel_min", "resultat_mot_budget",
                "deltagare_mot_mal")
VERDICTS = ("uppfyllt", "delvis", "ej_uppfyllt")
ORGANISATION_ROLES = ("ledamot", "ersattare", "revisor", "forbundschef")
HISTORY_FIELDS = ("tilldelade_medel", "verksamhetens_intakter", "verksamhetens_kostnader", "arets_resultat",
                  "eget_kapital", "summa_tillgangar", "likvida_medel")


class ParticipantCounts:
    """What deltagare figures give, for any record with women, men and the four ended_*."""

    @property
    def total(self) -> int:
        return self.women + self.men

    @property
    def ended(self) -> int:
        return self.ended_work + self.ended_studies + self.ended_other_insats + self.ended_other


@dataclass(frozen=True)
class ParticipantFigures(ParticipantCounts):
    """Deltagare of one insats in one year (one age group, '' for the whole insats).

    women + men are every deltagare the insats worked with in the year (handlagda
    ärenden); the ended_* are those who ended in the year, by where they went."""
    project_id: int
    year_id: int
    age_group: str = ""
    target: int | None = None
    women: int = 0
    men: int = 0
    ended_work: int = 0
    ended_studies: int = 0
    ended_other_insats: int = 0
    ended_other: int = 0


@dataclass(frozen=True)
class Goal:
    """A verksamhetsmål or finansiellt mål of a year. A goal with a `metric` is judged
    from the figures (target in hundredths of a percent, or öre for a floor); one
    without is judged by the `verdict` the user typed."""
    id: int
    year_id: int
    kind: str
    sort: int
    title: str
    measure: str = ""
    metric: str | None = None
    target: int | None = None
    outcome: str = ""
    verdict: str | None = None


@dataclass(frozen=True)
class HistoryYear:
    """Key figures of a year before the book, entered once from its årsredovisning (öre)."""
    year: int
    tilldelade_medel: int
    verksamhetens_intakter: int
    verksamhetens_kostnader: int
    arets_resultat: int
    eget_kapital: int
    summa_tillgangar: int
    likvida_medel: int
    source: str = ""


@dataclass(frozen=True)
class OrganisationPerson:
    id: int
    year_id: int
    name: str
    role: str
    title: str = ""
    member_id: int | None = None
    sort: int = 0


_PF_COLS = ("project_id, year_id, age_group, target, women, men, ended_work, ended_studies, "
            "ended_other_insats, ended_other")
_GOAL_COLS = "id, year_id, kind, sort, title, measure, metric, target, outcome, verdict"
_ORG_COLS = "id, year_id, name, role, title, member_id, sort"


class AnnualRegistersMixin:
    def row_movement(self, date_from: str, date_to: str, row_id: str) -> int:
        """The booked movement in [date_from, date_to] on every account of the report row
        `row_id` (ledger sign: a cost row is positive)."""
        return self.conn.execute(
            "SELECT ifnull(sum(b.amount), 0) FROM balance_day b JOIN account a ON a.number = b.account "
            "WHERE b.date BETWEEN ? AND ? AND a.row_id = ?", (date_from, date_to, row_id)).fetchone()[0]

    def account_movement(self, date_from: str, date_to: str, account: int) -> int:
        """The booked movement on one account in [date_from, date_to] (ledger sign)."""
        return self.conn.execute("SELECT ifnull(sum(amount), 0) FROM balance_day WHERE account = ? "
                                 "AND date BETWEEN ? AND ?", (account, date_from, date_to)).fetchone()[0]

    def member_movements(self, date_from: str, date_to: str) -> dict[tuple[int, int, int | None], int]:
        """{(member_id, account, project_id or None): movement} in [date_from, date_to] of
        booked rows whose motpart is linked to a member (ledger sign)."""
        return {(r[0], r[1], r[2]): r[3] for r in self.conn.execute(
            "SELECT c.member_id, r.account, r.project_id, sum(r.amount) FROM voucher_row r "
            "JOIN counterpart c ON c.id = r.counterpart_id JOIN voucher v ON v.id = r.voucher_id "
            "WHERE c.member_id IS NOT NULL AND v.date BETWEEN ? AND ? "
            "GROUP BY c.member_id, r.account, r.project_id", (date_from, date_to)) if r[3]}

    def member_balances(self, date: str, accounts) -> dict[tuple[int, int], int]:
        """{(member_id, account): balance at the end of `date`} of the rows on the balance
        `accounts` whose motpart is linked to a member (ledger sign), summed over every
        booked verifikation up to `date` (ingående balanser carry no motpart). Rows with an
        insats are left out: they are the interimsskulder per insats, reported apart."""
        accs = sorted(set(accounts))
        if not accs:
            return {}
        marks = ",".join("?" * len(accs))
        return {(r[0], r[1]): r[2] for r in self.conn.execute(
            f"SELECT c.member_id, r.account, sum(r.amount) FROM voucher_row r "
            f"JOIN counterpart c ON c.id = r.counterpart_id JOIN voucher v ON v.id = r.voucher_id "
            f"WHERE c.member_id IS NOT NULL AND v.date <= ? AND r.account IN ({marks}) AND r.project_id IS NULL "
            f"GROUP BY c.member_id, r.account", (date, *accs)) if r[2]}

    # ------------------------------------------------------------------ deltagare
    def participant_figures(self, year_id: int, project_id: int | None = None) -> list[ParticipantFigures]:
        sql = f"SELECT {_PF_COLS} FROM participant_figures WHERE year_id = ?"
        args: tuple = (year_id,)
        if project_id is not None:
            sql += " AND project_id = ?"
            args += (project_id,)
        return [ParticipantFigures(*r) for r in self.conn.execute(sql + " ORDER BY project_id, age_group", args)]

    def set_participant_figures(self, rows: list[ParticipantFigures]) -> None:
        """Save (insert or replace) each row, in one transaction."""
        with self.transaction():
            for f in rows:
                self.execute(
                    f"INSERT INTO participant_figures ({_PF_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (project_id, year_id, age_group) DO UPDATE SET target = excluded.target, "
                    "women = excluded.women, men = excluded.men, ended_work = excluded.ended_work, "
                    "ended_studies = excluded.ended_studies, ended_other_insats = excluded.ended_other_insats, "
                    "ended_other = excluded.ended_other",
                    (f.project_id, f.year_id, f.age_group, f.target, f.women, f.men, f.ended_work,
                     f.ended_studies, f.ended_other_insats, f.ended_other))
            self.audit("participants.set", rows=len(rows))

    def delete_participant_figures(self, project_id: int, year_id: int, age_group: str = "") -> None:
        with self.transaction():
            self.execute("DELETE FROM participant_figures WHERE project_id = ? AND year_id = ? AND age_group = ?",
                         (project_id, year_id, age_group))
            self.audit("participants.delete", project_id=project_id, year_id=year_id, age_group=age_group)

    # ------------------------------------------------------------------ goals
    def goals(self, year_id: int) -> list[Goal]:
        return [Goal(*r) for r in self.conn.execute(
            f"SELECT {_GOAL_COLS} FROM goal WHERE year_id = ? ORDER BY kind DESC, sort, id", (year_id,))]

    def add_goal(self, year_id: int, kind: str, title: str, *, measure: str = "", metric: str | None = None,
                 target: int | None = None, outcome: str = "", verdict: str | None = None,
                 sort: int | None = None) -> Goal:
        if sort is None:
            sort = self.conn.execute("SELECT ifnull(max(sort), 0) + 1 FROM goal WHERE year_id = ?",
                                     (year_id,)).fetchone()[0]
        with self.transaction():
            cur = self.execute(
                "INSERT INTO goal (year_id, kind, sort, title, measure, metric, target, outcome, verdict) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (year_id, kind, sort, title.strip(), measure, metric, target, outcome, verdict))
            self.audit("goal.add", year_id=year_id, title=title)
        return self.goal(cur.lastrowid)

    def goal(self, goal_id: int) -> Goal | None:
        r = self.conn.execute(f"SELECT {_GOAL_COLS} FROM goal WHERE id = ?", (goal_id,)).fetchone()
        return Goal(*r) if r else None

    def update_goal(self, goal_id: int, **fields) -> Goal:
        allowed = {"kind", "sort", "title", "measure", "metric", "target", "outcome", "verdict"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown goal fields {bad}")
        if fields:
            with self.transaction():
                self.execute(f"UPDATE goal SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                             (*fields.values(), goal_id))
                self.audit("goal.update", id=goal_id, **{k: v for k, v in fields.items() if k != "outcome"})
        return self.goal(goal_id)

    def delete_goal(self, goal_id: int) -> None:
        with self.transaction():
            self.execute("DELETE FROM goal WHERE id = ?", (goal_id,))
            self.audit("goal.delete", id=goal_id)

    # ------------------------------------------------------------------ earlier years
    def history_years(self) -> list[HistoryYear]:
        return [HistoryYear(*r) for r in self.conn.execute(
            f"SELECT year, {', '.join(HISTORY_FIELDS)}, source FROM history_year ORDER BY year")]

    def set_history_year(self, h: HistoryYear) -> None:
        if any(y.label == str(h.year) for y in self.years()):
            raise InputError(f"År {h.year} finns redan i boken som räkenskapsår; dess nyckeltal räknas "
                             "fram ur bokföringen och kan inte matas in.", field="år")
        with self.transaction():
            self.execute(
                f"INSERT INTO history_year (year, {', '.join(HISTORY_FIELDS)}, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET "
                + ", ".join(f"{k} = excluded.{k}" for k in (*HISTORY_FIELDS, "source")),
                (h.year, *(getattr(h, k) for k in HISTORY_FIELDS), h.source))
            self.audit("history.set", year=h.year)

    def delete_history_year(self, year: int) -> None:
        with self.transaction():
            self.execute("DELETE FROM history_year WHERE year = ?", (year,))
            self.audit("history.delete", year=year)

    # ------------------------------------------------------------------ organisation
    def organisation(self, year_id: int) -> list[OrganisationPerson]:
        return [OrganisationPerson(*r) for r in self.conn.execute(
            f"SELECT {_ORG_COLS} FROM organisation_person WHERE year_id = ? ORDER BY sort, id", (year_id,))]

    def set_organisation(self, year_id: int, people: list[tuple[str, str, str, int | None]]) -> None:
        """Replace the year's organisation: [(name, role, title, member_id), ...]."""
        with self.transaction():
            self.execute("DELETE FROM organisation_person WHERE year_id = ?", (year_id,))
            for i, (name, role, title, member_id) in enumerate(people):
                if not name.strip():
                    raise InputError(f"Person {i + 1} i organisationen saknar namn.", field="namn")
                if role not in ORGANISATION_ROLES:
                    raise InputError(f"Okänd roll '{role}' för {name} (ledamot, ersattare, revisor, "
                                     "forbundschef).", field="roll")
                self.execute("INSERT INTO organisation_person (year_id, name, role, title, member_id, sort) "
                             "VALUES (?, ?, ?, ?, ?, ?)", (year_id, name.strip(), role, title.strip(), member_id, i))
            self.audit("organisation.set", year_id=year_id, count=len(people))
