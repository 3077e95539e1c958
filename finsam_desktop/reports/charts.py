"""The chart data model: what a chart shows, drawn by reportlab's graphics in the PDFs
(render/pdf_charts.py) and by QPainter in the window (ui/charts.py). Values are tkr
(floats); None is a gap (a month not yet reached).

    chart = cumulative_chart(build_prognosis(book, year.id, "2025-09-30"))
    chart.title, chart.categories, chart.series[0].values, axis_ticks(chart)

Each series has a kind ('bar', 'line', 'dashed') and a style index 0–4: the drawers map
the index to a colour (0 the accent, 1 and 2 lighter tints of it, 3 a warm contrast, 4 a
neutral grey) of distinct lightness for grey-scale print, and lines also to a dash and a
marker, so that no two series rely on colour alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .budget_plan import BudgetPlanReport
from .engine import build_report
from .model import OverviewYear
from .prognosis import Prognosis, build_prognosis

MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
BAR, LINE, DASHED = "bar", "line", "dashed"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    kind: str = LINE
    style: int = 0


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str = "tkr"
    x_label: str = ""
    note: str = ""

    def values(self) -> list[float]:
        return [v for s in self.series for v in s.values if v is not None]


def tkr(ore: int | None) -> float | None:
    return None if ore is None else ore / 100_000


def axis_ticks(chart: Chart, count: int = 5) -> list[float]:
    """Round tick values covering the chart's values and 0 (1, 2, 2.5 or 5 × 10^n apart)."""
    vals = chart.values() + [0.0]
    lo, hi = min(vals), max(vals)
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step) * step
    last = math.ceil(hi / step) * step
    n = int(round((last - first) / step))
    return [round(first + i * step, 10) for i in range(n + 1)]


def tick_label(v: float) -> str:
    """'1 200' / '-250' / '2,5' (tkr, Swedish)."""
    if abs(v - round(v)) < 1e-9:
        s = f"{int(round(v)):,}".replace(",", "\u00a0")
    else:
        s = f"{v:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return s.replace("-", "\u2212")


def wrap_label(text: str, width: int, lines: int = 2) -> list[str]:
    """A category label in at most `lines` lines of at most `width` characters, broken
    between words; a word too long for a line, and the last line when words are left
    over, end in '…'."""
    width = max(width, 4)
    words = text.split()
    out: list[str] = []
    cur, i = "", 0
    while i < len(words) and len(out) < lines:
        w = words[i] if len(words[i]) <= width else words[i][:width - 1] + "…"
        cand = f"{cur} {w}" if cur else w
        if len(cand) <= width:
            cur, i = cand, i + 1
        else:
            out.append(cur)
            cur = ""
    if cur and len(out) < lines:
        out.append(cur)
    if i < len(words) and out:
        last = out[-1]
        out[-1] = (last if len(last) < width else last[:width - 1]) + "…"
    return out


def month_label(month: str) -> str:
    return MONTH_ABBR[int(month[5:7]) - 1]


def cumulative_chart(p: Prognosis) -> Chart:
    """Costs so far against the budget, month by month (cumulative)."""
    cats = tuple(month_label(m.month) for m in p.months)
    return Chart(
        "kostnader_ackumulerat", f"Kostnader ackumulerat mot budget {p.year_label}", cats,
        (Series("Budget", tuple(tkr(m.budget_costs) for m in p.months), DASHED, 1),
         Series("Utfall", tuple(tkr(m.outcome_costs) for m in p.months), LINE, 0)),
        x_label="Månad", note=f"Utfall till och med {p.to_date}.")


def insats_chart(p: Prognosis, grants: dict[int, int]) -> Chart:
    """Per insats: beviljat, utfall so far and prognosis for the year (costs, positive tkr).
    `grants`: beviljade medel per insats id (öre, book.project_grants)."""
    rows = [r for r in p.rows if r.project_id is not None]
    return Chart(
        "insatser", f"Insatser {p.year_label}: beviljat, utfall och prognos", tuple(r.label for r in rows),
        (Series("Beviljat", tuple(tkr(grants.get(r.project_id, -r.budget_year)) for r in rows), BAR, 2),
         Series(f"Utfall t.o.m. {p.to_date}", tuple(tkr(-r.outcome_to_date) for r in rows), BAR, 0),
         Series("Prognos helår", tuple(tkr(-r.prognosis) for r in rows), BAR, 1)),
        x_label="Insats")


def five_year_chart(overview: tuple[OverviewYear, ...] | list[OverviewYear], unit: str = "ore") -> Chart:
    """Intäkter, kostnader, resultat and eget kapital over (up to) five years, oldest
    first, with the 20 % line (20 % of each year's tilldelade medel). `unit`: the
    overview's amounts in öre ('ore') or already in tkr ('tkr')."""
    years = list(reversed(list(overview)))

    def conv(v):
        return tkr(v) if unit != "tkr" else (None if v is None else float(v))
    return Chart(
        "femarsoversikt", "Fem år i sammandrag", tuple(y.year_label for y in years),
        (Series("Intäkter", tuple(conv(y.verksamhetens_intakter) for y in years), BAR, 2),
         Series("Kostnader", tuple(None if y.verksamhetens_kostnader is None else conv(-y.verksamhetens_kostnader)
                                   for y in years), BAR, 4),
         Series("Årets resultat", tuple(conv(y.arets_resultat) for y in years), LINE, 1),
         Series("Eget kapital", tuple(conv(y.eget_kapital) for y in years), LINE, 0),
         Series("20 % av tilldelade medel", tuple(None if y.tilldelade_medel is None else conv(y.tilldelade_medel / 5)
                                                  for y in years), DASHED, 3)),
        x_label="Räkenskapsår")


def start_page_charts(book, year_id: int, to_date: str) -> tuple[Chart, Chart]:
    """The start page's two charts: costs so far against the budget, and the five years
    (the year's figures so far as its column)."""
    report = build_report(book, year_id)
    return cumulative_chart(build_prognosis(book, year_id, to_date)), five_year_chart(report.nyckeltal.femarsoversikt)


def balance_chart(plan: BudgetPlanReport) -> Chart:
    """The balansbudget: eget kapital at each year's end against 20 % of tilldelade medel
    and the förbund's floor."""
    b = plan.balance
    series = [Series("Eget kapital vid årets slut", tuple(tkr(x.eget_kapital_out) for x in b), BAR, 2),
              Series("20 % av tilldelade medel", tuple(tkr(x.tilldelade_medel / 5) for x in b), DASHED, 3)]
    if any(x.golv is not None for x in b):
        series.append(Series("Förbundets golv", tuple(tkr(x.golv) for x in b), LINE, 4))
    return Chart("balansbudget", "Eget kapital mot 20 %-gränsen och golvet", plan.columns, tuple(series),
                 x_label="Budget- och planår")
