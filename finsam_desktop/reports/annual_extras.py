"""The parts of the årsredovisning beyond the statements, gathered once for a document:
verksamhet per insats, the cost split individ / struktur / administration, the goals
with their verdicts, mellanhavanden per medlem, the organisation, earlier years' key
figures entered from old reports, and the balanskrav statement. Amounts in öre; the renderers print them in kronor.

    extras = build_extras(book, year_id, exact_report, follow_up)
    extras.to_dict()    # the JSON parts: "verksamhet", "kostnadsfordelning", "maluppfyllelse",
                        # "mellanhavanden", "organisation", "tidigare_ar"
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..book.annual import HistoryYear, OrganisationPerson
from .goals import GoalReport, goal_results
from .members_balances import Mellanhavanden, mellanhavanden
from .projects import project_follow_up
from .verksamhet import CostSplit, Verksamhet, cost_split, verksamhet

BALANSKRAV_STATEMENT_KEY = "balanskrav_atgard"   # year_text: how a negative result is restored

ROLE_LABELS = {"ledamot": "Ledamot", "ersattare": "Ersättare", "revisor": "Revisor",
               "forbundschef": "Förbundschef"}


@dataclass(frozen=True)
class OrganisationLine:
    name: str
    role: str
    title: str
    appointed_by: str      # the member that appointed the person ('' for the förbund's own staff)


@dataclass(frozen=True)
class AnnualExtras:
    verksamhet: Verksamhet
    cost_split: CostSplit
    goals: GoalReport
    mellanhavanden: Mellanhavanden
    organisation: tuple[OrganisationLine, ...]
    history: tuple[HistoryYear, ...]     # earlier years entered from old reports, oldest first
    balanskrav_statement: str            # the statement when the balanskravsresultat is negative
    balanskrav_negative: bool

    def to_dict(self) -> dict:
        return {
            "verksamhet": self.verksamhet.to_dict(),
            "kostnadsfordelning": self.cost_split.to_dict(),
            "maluppfyllelse": self.goals.to_dict(),
            "mellanhavanden": self.mellanhavanden.to_list(),
            "organisation": [{"namn": o.name, "roll": o.role, "titel": o.title, "utsedd_av": o.appointed_by}
                             for o in self.organisation],
            "tidigare_ar": [{**asdict(h), "inmatad": True} for h in self.history],
            "balanskrav_atgard": self.balanskrav_statement or None,
            # these parts are always in öre, also when the statements are printed in tkr
            "enhet_verksamhet_och_mellanhavanden": "ore",
        }


def _organisation(book, people: list[OrganisationPerson]) -> tuple[OrganisationLine, ...]:
    names = {m.id: m.name for m in book.members()}
    return tuple(OrganisationLine(p.name, p.role, p.title, names.get(p.member_id, "")) for p in people)


def build_extras(book, year_id: int, exact, follow_up) -> AnnualExtras:
    """Everything above for räkenskapsår `year_id`; `exact` is the report in öre."""
    till = exact.period.till
    verk = verksamhet(book, year_id)
    split = cost_split(book, year_id, date_to=till, total_costs=-exact.resultatrakning.amounts()["verksamhetens_kostnader"])
    goals = goal_results(book, year_id, exact, split, verk)
    equity = exact.balansrakning.amounts()["summa_eget_kapital"]
    mh = mellanhavanden(book, year_id, follow_up, equity, date_to=till)
    first_year = min(int(y.label) for y in book.years())
    history = tuple(h for h in book.history_years() if h.year < first_year)
    bk = {k.id: k.amount for k in exact.nyckeltal.balanskrav}
    texts = book.year_texts(year_id)
    return AnnualExtras(
        verksamhet=verk, cost_split=split, goals=goals, mellanhavanden=mh,
        organisation=_organisation(book, book.organisation(year_id)), history=history,
        balanskrav_statement=(texts.get(BALANSKRAV_STATEMENT_KEY) or "").strip(),
        balanskrav_negative=bk.get("balanskravsresultat", 0) < 0)


def annual_extras_json(book, year_id: int, exact) -> dict:
    """The JSON parts of the report beyond the statements (amounts in öre), for the
    `finsam report --json` object and the handover package."""
    follow_up = project_follow_up(book, year_id, date=exact.period.till) if book.projects() else None
    return build_extras(book, year_id, exact, follow_up).to_dict()
