"""Verksamhet per insats: deltagare (kvinnor/män, per åldersgrupp where the insats has
one), how many ended and how, kostnad per deltagare from the ledger, and the
cost split individ / struktur / administration.

    from finsam_desktop.reports.verksamhet import verksamhet, cost_split
    v = verksamhet(book, year_id)          # Verksamhet: one InsatsVerksamhet per insats with figures
    for ins in v.insatser:
        ins.code, ins.name, ins.kind, ins.years   # years: this year first, then earlier book years
    cost_split(book, year_id)              # CostSplit: individ, struktur, administration (öre)

Costs are the insats' rows on every account of the row Verksamhetens kostnader (the same
rule as the projektuppföljning), in öre, positive. Kostnad per deltagare is the insats'
cost divided by its deltagare, rounded to whole kronor as the real reports print it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..book.annual import ParticipantCounts, ParticipantFigures

INDIVID_KINDS = ("individinriktad",)
STRUKTUR_KINDS = ("strukturövergripande", "samverkansstödjande")
HISTORY_YEARS = 4   # the year and up to three earlier years, as Kramfors prints them


def per_head(cost: int, heads: int) -> int | None:
    """Kostnad per deltagare in öre, rounded to whole kronor (half up); None without deltagare."""
    if heads <= 0:
        return None
    kr = (cost + 50 * heads) // (100 * heads) if cost >= 0 else -((-cost + 50 * heads) // (100 * heads))
    return kr * 100


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


@dataclass(frozen=True)
class AgeGroupLine:
    age_group: str
    women: int
    men: int
    ended: int


@dataclass(frozen=True)
class InsatsYear(ParticipantCounts):
    """One insats in one year: the sums over its age groups, and its cost."""
    year_label: str
    target: int | None
    women: int
    men: int
    ended_work: int
    ended_studies: int
    ended_other_insats: int
    ended_other: int
    cost: int                       # öre, from the ledger
    age_groups: tuple[AgeGroupLine, ...] = ()

    @property
    def cost_per_participant(self) -> int | None:
        return per_head(self.cost, self.total)

    @property
    def cost_per_ended(self) -> int | None:
        return per_head(self.cost, self.ended)

    @property
    def target_pct(self) -> float | None:
        return pct(self.total, self.target) if self.target else None

    def to_dict(self) -> dict:
        return {"ar": self.year_label, "mal_antal": self.target, "kvinnor": self.women, "man": self.men,
                "totalt": self.total, "avslutade": self.ended, "till_arbete": self.ended_work,
                "till_studier": self.ended_studies, "till_annan_insats": self.ended_other_insats,
                "annan_anledning": self.ended_other, "kostnad": self.cost,
                "kostnad_per_deltagare": self.cost_per_participant,
                "kostnad_per_avslutad": self.cost_per_ended,
                "aldersgrupper": [{"aldersgrupp": a.age_group, "kvinnor": a.women, "man": a.men,
                                   "avslutade": a.ended} for a in self.age_groups]}


@dataclass(frozen=True)
class InsatsVerksamhet:
    project_id: int
    code: str
    name: str
    kind: str
    text: str                       # the insats' own text for the year (year_text 'insats:CODE')
    years: tuple[InsatsYear, ...]   # the report's year first

    @property
    def current(self) -> InsatsYear:
        return self.years[0]


@dataclass(frozen=True)
class Verksamhet:
    year_label: str
    insatser: tuple[InsatsVerksamhet, ...]

    def to_dict(self) -> list[dict]:
        return [{"kod": i.code, "namn": i.name, "typ": i.kind, "text": i.text,
                 "ar": [y.to_dict() for y in i.years]} for i in self.insatser]


def insats_text_key(code: str) -> str:
    """The year_text key of an insats' text in the årsredovisning."""
    return f"insats:{code}"


def _insats_year(label: str, figs: list[ParticipantFigures], cost: int) -> InsatsYear:
    targets = [f.target for f in figs if f.target is not None]
    groups = tuple(AgeGroupLine(f.age_group, f.women, f.men, f.ended) for f in figs if f.age_group)
    return InsatsYear(label, sum(targets) if targets else None, sum(f.women for f in figs),
                      sum(f.men for f in figs), sum(f.ended_work for f in figs),
                      sum(f.ended_studies for f in figs), sum(f.ended_other_insats for f in figs),
                      sum(f.ended_other for f in figs), cost, groups)


def verksamhet(book, year_id: int) -> Verksamhet:
    """Every insats with deltagare figures in the year, with the year and up to three
    earlier räkenskapsår of the book that have figures for it."""
    year = book.year(year_id)
    earlier = [y for y in book.years() if y.end < year.start][-(HISTORY_YEARS - 1):]
    years = [year] + list(reversed(earlier))
    figures = {y.id: book.participant_figures(y.id) for y in years}
    costs = {y.id: book.project_costs(y.start, y.end) for y in years}
    texts = book.year_texts(year_id)
    out = []
    for p in book.projects():
        own = [f for f in figures[year.id] if f.project_id == p.id]
        if not own:
            continue
        rows = []
        for y in years:
            figs = [f for f in figures[y.id] if f.project_id == p.id]
            if figs:
                rows.append(_insats_year(y.label, figs, costs[y.id].get(p.id, 0)))
        out.append(InsatsVerksamhet(p.id, p.code, p.name, p.kind, texts.get(insats_text_key(p.code), "").strip(),
                                    tuple(rows)))
    return Verksamhet(year.label, tuple(out))


@dataclass(frozen=True)
class CostSplit:
    """Verksamhetens kostnader split as Nationella rådet's template does (öre, positive):
    individinriktade insatser, strukturövergripande (and samverkansstödjande) insatser,
    and administration (every cost without an insats: kansli, styrelse, revision)."""
    year_label: str
    tilldelade_medel: int
    individ: int
    struktur: int
    administration: int

    @property
    def insatser(self) -> int:
        return self.individ + self.struktur

    @property
    def total(self) -> int:
        return self.insatser + self.administration

    @property
    def total_pct_of_allotted(self) -> float | None:
        return pct(self.total, self.tilldelade_medel)

    @property
    def administration_pct(self) -> float | None:
        return pct(self.administration, self.total)

    @property
    def insatser_pct(self) -> float | None:
        return pct(self.insatser, self.total)

    @property
    def individ_pct(self) -> float | None:
        """Individinriktade insatser as a share of all insatser."""
        return pct(self.individ, self.insatser)

    @property
    def struktur_pct(self) -> float | None:
        return pct(self.struktur, self.insatser)

    def to_dict(self) -> dict:
        return {"ar": self.year_label, "tilldelade_medel": self.tilldelade_medel, "individ": self.individ,
                "struktur": self.struktur, "administration": self.administration, "totalt": self.total,
                "andel_administration": self.administration_pct, "andel_insatser": self.insatser_pct,
                "andel_individ": self.individ_pct, "andel_struktur": self.struktur_pct,
                "totalt_av_tilldelade_medel": self.total_pct_of_allotted}


def cost_split(book, year_id: int, *, date_to: str | None = None, total_costs: int | None = None) -> CostSplit:
    """The split of räkenskapsår `year_id` up to `date_to` (default its end). `total_costs`
    (öre, positive) is the row Verksamhetens kostnader; read from the ledger when not given."""
    year = book.year(year_id)
    till = date_to or year.end
    by_project = book.project_costs(year.start, till)
    if total_costs is None:
        total_costs = book.row_movement(year.start, till, "verksamhetens_kostnader")
    kinds = {p.id: p.kind for p in book.projects()}
    individ = sum(v for pid, v in by_project.items() if kinds.get(pid) in INDIVID_KINDS)
    struktur = sum(v for pid, v in by_project.items() if kinds.get(pid) not in INDIVID_KINDS)
    return CostSplit(year.label, book.allotted_funds(year.id), individ, struktur,
                     total_costs - individ - struktur)
