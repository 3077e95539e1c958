"""The board's ekonomisk rapport at any date: the prognosis (reports/prognosis.py) with
its charts, as plain data for the PDF, the JSON and the desktop view.

    r = build_board_report(book, year.id, "2025-09-30")
    r.prognosis.prognosis_result, r.charts[0].title
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .charts import Chart, cumulative_chart, insats_chart
from .prognosis import SECTION_TITLES, Prognosis, build_prognosis


@dataclass(frozen=True)
class BoardReport:
    forbund: str
    year_label: str
    to_date: str
    is_closed: bool
    has_budget: bool
    prognosis: Prognosis
    charts: tuple[Chart, ...]
    warnings: tuple[str, ...] = ()   # what makes the prognosis unreliable, in Swedish

    def to_dict(self) -> dict:
        d = asdict(self)
        d["prognosis"] = self.prognosis.to_dict()
        return d


def build_board_report(book, year_id: int, to_date: str | None = None) -> BoardReport:
    year = book.existing_year(year_id)
    p = build_prognosis(book, year.id, to_date)
    charts = [cumulative_chart(p)]
    if any(r.project_id is not None for r in p.rows):
        charts.append(insats_chart(p, book.project_grants(year.id)))
    return BoardReport(book.forbund().namn, year.label, p.to_date, year.is_closed, bool(book.budget(year.id)),
                       p, tuple(charts), tuple(warnings(p)))


def warnings(p: Prognosis) -> list[str]:
    """A cost row whose outcome so far is a net income: last year's interimsskulder were
    reversed at the year's start but this period's are not booked, so outcome + remaining
    budget overstates the result."""
    odd = [r.label for r in p.rows if r.budget_year < 0 and r.outcome_to_date > 0]
    if not odd or p.to_date == p.year_end:
        return []
    names = ", ".join(f"”{n}”" for n in odd)
    return [f"Utfallet t.o.m. {p.to_date} är en intäkt på kostnadsrader ({names}): förra årets "
            "interimsskulder är återförda men periodens upplupna kostnader är inte bokade. Boka "
            "periodavslutet per rapportdagen eller ange styrelsens prognos för raderna."]


def sections(p: Prognosis) -> list[tuple[str, str, list]]:
    """The prognosis rows grouped by budget section in the report's order: (id, title, rows)."""
    out = []
    for sid, title in SECTION_TITLES.items():
        rows = [r for r in p.rows if r.section == sid]
        if rows:
            out.append((sid, title, rows))
    return out
