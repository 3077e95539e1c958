"""God ekonomisk hushållning and måluppfyllelse: each of the year's goals with its
target, outcome and verdict (uppfyllt / delvis / ej uppfyllt), and the board's overall
judgement.

A goal with a metric is judged from the figures, so the verdict cannot contradict the
statements; a goal without one (most verksamhetsmål) carries the outcome and verdict the
user typed.

    from finsam_desktop.reports.goals import goal_results
    g = goal_results(book, year_id, exact_report, split, verksamhet)
    for r in g.results: r.title, r.target_text, r.outcome_text, r.verdict, r.computed
"""

from __future__ import annotations

from dataclasses import dataclass

from ..money import format_kr
from .verksamhet import CostSplit, Verksamhet

VERDICT_LABELS = {"uppfyllt": "Uppfyllt", "delvis": "Delvis uppfyllt", "ej_uppfyllt": "Ej uppfyllt", None: "Ej bedömt"}
KIND_LABELS = {"verksamhet": "Verksamhetsmål", "finansiell": "Finansiella mål"}
JUDGEMENT_KEY = "maluppfyllelse_bedomning"   # year_text: the board's overall judgement
PARTLY_SHARE = 0.8   # a count goal reached to at least 80 % of its target is "delvis"


def _pct_text(hundredths: int | float | None) -> str:
    if hundredths is None:
        return "–"
    return f"{hundredths:.2f}".replace(".", ",").replace(",00", "") + " %"


@dataclass(frozen=True)
class GoalResult:
    goal_id: int
    kind: str
    title: str
    measure: str
    target_text: str
    outcome_text: str
    verdict: str | None
    computed: bool

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    def to_dict(self) -> dict:
        return {"typ": self.kind, "mal": self.title, "mats_genom": self.measure, "malvarde": self.target_text,
                "utfall": self.outcome_text, "bedomning": self.verdict, "beraknad": self.computed}


@dataclass(frozen=True)
class GoalReport:
    results: tuple[GoalResult, ...]
    judgement: str

    def of_kind(self, kind: str) -> tuple[GoalResult, ...]:
        return tuple(r for r in self.results if r.kind == kind)

    def to_dict(self) -> dict:
        return {"mal": [r.to_dict() for r in self.results], "styrelsens_bedomning": self.judgement}


def _judge(goal, equity: int, allotted: int, result: int, split: CostSplit | None,
           verk: Verksamhet | None) -> tuple[str, str, str]:
    """(target text, outcome text, verdict) of a goal with a metric."""
    m, t = goal.metric, goal.target
    if m == "eget_kapital_max_andel":
        share = round(10000 * equity / allotted) if allotted else None
        verdict = None if share is None else ("uppfyllt" if share <= t else "ej_uppfyllt")
        return (f"högst {_pct_text(t / 100)} av tilldelade medel",
                f"{_pct_text(None if share is None else share / 100)} ({format_kr(equity)} kr av "
                f"{format_kr(allotted)} kr)", verdict)
    if m == "eget_kapital_golv":
        return (f"minst {format_kr(t)} kr", f"{format_kr(equity)} kr",
                "uppfyllt" if equity >= t else "ej_uppfyllt")
    if m == "individ_andel_min":
        share = split.individ_pct if split else None
        verdict = None if share is None else ("uppfyllt" if share * 100 >= t else "ej_uppfyllt")
        return (f"minst {_pct_text(t / 100)} av insatsernas kostnader till individinriktade insatser",
                _pct_text(share), verdict)
    if m == "resultat_mot_budget":
        return (f"årets resultat minst {format_kr(t)} kr (budget)", f"{format_kr(result)} kr",
                "uppfyllt" if result >= t else "ej_uppfyllt")
    if m == "deltagare_mot_mal":
        pairs = [(i.current.total, i.current.target) for i in (verk.insatser if verk else ())
                 if i.current.target]
        reached, aimed = sum(a for a, _ in pairs), sum(b for _, b in pairs)
        if not aimed:
            return (f"minst {_pct_text(t / 100)} av insatsernas mål för antal deltagare",
                    "inga mål för antal deltagare", None)
        share = 10000 * reached / aimed
        verdict = ("uppfyllt" if share >= t else "delvis" if share >= PARTLY_SHARE * t else "ej_uppfyllt")
        return (f"minst {_pct_text(t / 100)} av insatsernas mål för antal deltagare ({aimed})",
                f"{reached} deltagare, {_pct_text(round(share) / 100)}", verdict)
    raise ValueError(f"unknown metric {m}")


def goal_results(book, year_id: int, exact, split: CostSplit | None, verk: Verksamhet | None) -> GoalReport:
    """The year's goals judged against `exact` (the report in öre)."""
    ek = exact.nyckeltal.eget_kapital
    result = exact.resultatrakning.amounts()["arets_resultat"]
    out = []
    for g in book.goals(year_id):
        if g.metric:
            target_text, outcome_text, verdict = _judge(g, ek.eget_kapital, ek.tilldelade_medel, result, split, verk)
            if g.outcome.strip():
                outcome_text = f"{outcome_text}. {g.outcome.strip()}"
            out.append(GoalResult(g.id, g.kind, g.title, g.measure, target_text, outcome_text, verdict, True))
        else:
            out.append(GoalResult(g.id, g.kind, g.title, g.measure, "", g.outcome.strip(), g.verdict, False))
    return GoalReport(tuple(out), book.year_text(year_id, JUDGEMENT_KEY, "").strip())
