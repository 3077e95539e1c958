"""Everything a part of the PDF needs to know: the document's data (reports.document),
column captions, draft or final."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..reports.document import interim_key
from ..reports.engine import period_label
from ..reports.model import AnnualReport, FiscalYear, Period, Signatory
from ..reports.textfields import fill
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
    """'2021' for a calendar year, 'jan–jun 2021' for whole months, else
    '2021-01-01 – 2021-06-15' (broken in two in tables)."""
    if period is None:
        return ""
    label = period_label(period.fran, period.till)
    if " – " not in label:
        return label
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
    # The bokslut's kontroller that warn (closing.checks, Swedish messages): a draft lists
    # them apart from the report engine's own checks, as what to fix before the decision.
    warnings: tuple[str, ...] = ()
    prognosis: object | None = None  # reports.prognosis.Prognosis of a delårsrapport
    extras: object | None = None  # reports.annual_extras.AnnualExtras (pdf_verksamhet)
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
    def balance_captions(self) -> list[str]:
        """The balansräkning's column dates: the period's last day and, when there is a
        comparison, last year's bokslutsdag in a delårsrapport (RKR R17)."""
        heads = [self.report.period.till]
        if self.has_previous_balance and self.report.previous_balance_date:
            heads.append(self.report.previous_balance_date)
        return heads

    @property
    def budget_caption(self) -> str:
        """The budget is the whole year's, also in a delårsrapport: the header says so."""
        return f"Budget<br/>{self.year.label}" if self.full_year else f"Budget helår<br/>{self.year.label}"

    @property
    def has_previous(self) -> bool:
        return self.report.previous_period is not None

    @property
    def has_previous_balance(self) -> bool:
        """The balansräkning and the notes on its rows have a comparison column: the
        previous year's, or in the book's first year its ingående balanser."""
        return self.report.has_previous_balance

    def text(self, key: str) -> str:
        """The user's text of a section. A delårsrapport takes its own texts, saved under
        'KEY@YYYY-MM-DD' (its last day), when the book has any for that date: the year's
        texts describe the whole year and would contradict the period's figures. A book
        without delår texts keeps the year's texts (what the bokslut wizard writes)."""
        if not self.full_year and self.has_interim_texts:
            raw = (self.texts.get(interim_key(key, self.report.period.till)) or "").strip()
        else:
            raw = (self.texts.get(key) or "").strip()
        # Fields ({årets_resultat} ...) are filled from the report now, in the printed unit.
        exact = self.exact if self.exact is not None else self.report
        return fill(raw, exact, self.report.unit) if exact.unit == "ore" else raw

    @property
    def has_interim_texts(self) -> bool:
        suffix = "@" + self.report.period.till
        return any(k.endswith(suffix) and self.texts[k].strip() for k in self.texts)
