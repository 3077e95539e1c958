"""A new räkenskapsår with last year's figures as proposals: the budget (as
`finsam budget --copy-from budget`), the members' driftbidrag and the insatser's beviljade
medel. They are proposals: ordinary figures of the new year that the styrelse's decision
replaces (in the budget, Medlemmar and Insatser forms). Adding the year and copying is
one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..book import Book, FiscalYear
from ..money import format_kr
from .budget import copy_budget
from .years import add_following_year


@dataclass
class YearProposals:
    """What was copied into the new year from the one before."""
    year: FiscalYear
    budget_rows: int = 0
    contributions: dict[int, int] = field(default_factory=dict)   # member_id -> öre
    grants: dict[int, int] = field(default_factory=dict)          # project_id -> öre
    notes: list[str] = field(default_factory=list)                # what could not be copied, and why

    def lines(self, asked: tuple[bool, bool, bool] = (True, True, True)) -> list[str]:
        """What was copied, in Swedish, one line per kind the user asked for."""
        budget, contributions, grants = asked
        out = []
        if budget and self.budget_rows:
            out.append(f"Budget: {self.budget_rows} rader kopierade som förslag.")
        if contributions and self.contributions:
            out.append(f"Driftbidrag: {len(self.contributions)} medlemmar, sammanlagt "
                       f"{format_kr(sum(self.contributions.values()))} kr.")
        if grants and self.grants:
            out.append(f"Beviljade medel: {len(self.grants)} insatser, sammanlagt "
                       f"{format_kr(sum(self.grants.values()))} kr.")
        return out + self.notes


def available_proposals(book: Book, last: FiscalYear | None, new_start: str | None = None) -> dict[str, str]:
    """What the year `last` has to copy into the year after it, described for a
    checkbox: {'budget' | 'driftbidrag' | 'beviljat': description}; a kind with nothing to
    copy is left out."""
    if last is None:
        return {}
    out = {}
    rows = book.budget(last.id)
    if rows:
        out["budget"] = f"{len(rows)} rader"
    contrib = {k: v for k, v in book.contributions(last.id).items() if v}
    if contrib:
        out["driftbidrag"] = f"{len(contrib)} medlemmar, {format_kr(sum(contrib.values()))} kr"
    running = {p.id for p in book.projects() if p.active and (not p.end or not new_start or p.end >= new_start)}
    grants = {k: v for k, v in book.project_grants(last.id).items() if v and k in running}
    if grants:
        out["beviljat"] = f"{len(grants)} insatser, {format_kr(sum(grants.values()))} kr"
    return out


def copy_year_proposals(book: Book, year_id: int, *, budget: bool = True, contributions: bool = True,
                        grants: bool = True) -> YearProposals:
    """Copy into `year_id` (a new, open year) the previous year's budget, driftbidrag per
    member and beviljade medel per insats still running in the new year. Figures the
    new year already has are kept. One transaction."""
    year = book.existing_year(year_id)
    result = YearProposals(year)
    prev = book.previous_year(year)
    if prev is None:
        if budget or contributions or grants:
            result.notes.append("Det finns inget tidigare räkenskapsår att kopiera från.")
        return result
    with book.transaction():
        if budget:
            if book.budget(year.id):
                result.notes.append(f"Budgeten för {year.label} finns redan; den är inte ändrad.")
            elif not book.budget(prev.id):
                result.notes.append(f"Räkenskapsåret {prev.label} har ingen budget att kopiera.")
            else:
                result.budget_rows = copy_budget(book, year.id, "budget")
        if contributions:
            have = book.contributions(year.id)
            for member_id, amount in book.contributions(prev.id).items():
                if member_id not in have and amount:
                    book.set_contribution(member_id, year.id, amount)
                    result.contributions[member_id] = amount
            if not result.contributions:
                result.notes.append(f"Inga driftbidrag att kopiera från {prev.label}.")
        if grants:
            have = book.project_grants(year.id)
            running = {p.id for p in book.projects() if p.active and (not p.end or p.end >= year.start)}
            for project_id, amount in book.project_grants(prev.id).items():
                if project_id in running and project_id not in have and amount:
                    book.set_project_grant(project_id, year.id, amount)
                    result.grants[project_id] = amount
            ended = sorted(p.code for p in book.projects()
                           if p.id in book.project_grants(prev.id) and p.id not in running)
            if ended:
                result.notes.append(f"Avslutade före {year.start}, utan beviljade medel: {', '.join(ended)}.")
            if not result.grants:
                result.notes.append(f"Inga beviljade medel att kopiera från {prev.label}.")
    return result


def add_year_with_proposals(book: Book, start: str, end: str, *, carry: bool = True, budget: bool = False,
                            contributions: bool = False, grants: bool = False) -> YearProposals:
    """Add the following räkenskapsår (ops.years.add_following_year) and copy the chosen
    proposals into it, in one transaction: either all of it is saved or nothing."""
    with book.transaction():
        year = add_following_year(book, start, end, carry=carry)
        result = copy_year_proposals(book, year.id, budget=budget, contributions=contributions, grants=grants)
    result.year = book.year(year.id)
    return result
