"""Everything a part of the PDF needs to know, gathered once: the report data, the
user's texts and signatories from the book, column captions, draft or final."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..book.model import FiscalYear, Signatory
from ..reports.model import AnnualReport, Period
from .pdf_tables import Formatter

# The förvaltningsberättelse's sections: (year_text key, heading), in the order of the
# domain (LKBR 11 kap.). Sections with a computed table are marked by what they show.
FB_SECTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("oversikt", "Översikt över verksamhetens utveckling", "femarsoversikt"),
    ("viktiga_forhallanden", "Viktiga förhållanden för resultat och ekonomisk ställning", None),
    ("handelser", "Händelser av väsentlig betydelse", None),
    ("styrning", "Styrning och uppföljning av verksamheten", None),
    ("god_ekonomisk_hushallning", "God ekonomisk hushållning och ekonomisk ställning", "eget_kapital"),
    ("balanskrav", "Balanskravsresultat", "balanskrav"),
    ("personal", "Väsentliga personalförhållanden", None),
    ("forvantad_utveckling", "Förväntad utveckling", None),
    ("disposition", "Förslag till disposition av årets resultat", None),
)


def period_caption(period: Period | None, *, html: bool = True) -> str:
    """'2021' for a calendar year, else '2021-01-01 – 2021-06-30' (broken in two in tables)."""
    if period is None:
        return ""
    if period.fran[5:] == "01-01" and period.till[5:] == "12-31" and period.fran[:4] == period.till[:4]:
        return period.fran[:4]
    sep = " –<br/>" if html else " – "
    return f"{period.fran}{sep}{period.till}"


@dataclass
class Context:
    report: AnnualReport          # amounts in the unit that is printed
    year: FiscalYear
    texts: dict[str, str]
    signatories: list[Signatory]
    follow_up: object | None = None  # reports.projects.ProjectFollowUp when available
    exact: AnnualReport | None = None  # the report in öre when `report` is in tkr
    fmt: Formatter = field(init=False)

    def __post_init__(self):
        self.fmt = Formatter(self.report.unit)

    @property
    def draft(self) -> bool:
        return not self.report.is_closed

    @property
    def forbund_name(self) -> str:
        return self.report.forbund.namn

    @property
    def full_year(self) -> bool:
        p = self.report.period
        return p.fran == self.year.start and p.till == self.year.end

    @property
    def title(self) -> str:
        if self.full_year:
            return f"Årsredovisning {self.year.label}"
        return f"Delårsrapport per {self.report.period.till}"

    @property
    def current_caption(self) -> str:
        return period_caption(self.report.period)

    @property
    def previous_caption(self) -> str:
        return period_caption(self.report.previous_period)

    @property
    def has_previous(self) -> bool:
        return self.report.previous_period is not None

    def text(self, key: str) -> str:
        return (self.texts.get(key) or "").strip()
