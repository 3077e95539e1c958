"""The chart data model: the figures each chart shows (from the prognosis and the
five-year overview), round axis ticks, Swedish tick labels and wrapped category labels."""

from __future__ import annotations

import pytest

from finsam_desktop.reports import build_report
from finsam_desktop.reports.charts import (BAR, DASHED, LINE, Chart, Series, axis_ticks, cumulative_chart,
                                           five_year_chart, insats_chart, tick_label, wrap_label)
from finsam_desktop.reports.prognosis import build_prognosis

from kramfors import KR, kramfors_book  # noqa: F401  (the fixture `kramfors`)


def _chart(*values) -> Chart:
    return Chart("t", "T", tuple(str(i) for i in range(len(values))), (Series("s", tuple(values)),))


@pytest.mark.parametrize("values,ticks", [
    ((0.0, 2845.0), [0, 1000, 2000, 3000]),
    ((-420.0, 2910.0), [-1000, 0, 1000, 2000, 3000]),
    ((12.0, 38.0), [0, 10, 20, 30, 40]),
    ((0.0, 2.2), [0, 0.5, 1.0, 1.5, 2.0, 2.5]),
    ((-199.0, 54.0), [-200, -100, 0, 100]),
])
def test_axis_ticks_are_round_and_cover_the_values_and_zero(values, ticks):
    assert axis_ticks(_chart(*values)) == ticks


def test_tick_labels_and_wrapped_categories():
    assert tick_label(-1000) == "\u22121\u00a0000" and tick_label(2.5) == "2,5" and tick_label(0) == "0"
    assert wrap_label("StegVidare – unga vuxna 16–29 år", 20) == ["StegVidare – unga", "vuxna 16–29 år"]
    assert wrap_label("Aktivitetscoach & samordnare StegSam Plus", 14) == ["Aktivitetscoa…", "& samordnare…"]
    assert wrap_label("Samkraft – teamkoordinator/coach", 20) == ["Samkraft –", "teamkoordinator/coa…"]
    assert wrap_label("jan", 20) == ["jan"]


def test_kramfors_charts(kramfors):
    y = kramfors.years()[-1]
    p = build_prognosis(kramfors, y.id, "2021-06-30")
    c = cumulative_chart(p)
    assert c.categories[:3] == ("jan", "feb", "mar") and len(c.categories) == 12
    budget, outcome = c.series
    assert (budget.kind, outcome.kind) == (DASHED, LINE)
    assert budget.values[5] == pytest.approx(2_845_000 / 2 / 1000)  # half the year's costs by June, tkr
    assert outcome.values[6] is None and outcome.values[5] == pytest.approx(p.months[5].outcome_costs / 100_000)
    assert c.title == "Kostnader ackumulerat mot budget 2021" and c.y_label == "tkr"
    ins = insats_chart(p, kramfors.project_grants(y.id))
    assert [s.name for s in ins.series] == ["Beviljat", "Utfall t.o.m. 2021-06-30", "Prognos helår"]
    assert all(s.kind == BAR for s in ins.series)
    i = ins.categories.index("Aktivitetscoach StegSam Plus")
    assert ins.series[0].values[i] == 330.0  # beviljat 330 000 kr
    five = five_year_chart(build_report(kramfors, y.id).nyckeltal.femarsoversikt)
    assert five.categories == ("2020", "2021")
    series = {s.name: s.values for s in five.series}
    assert series["Årets resultat"] == (pytest.approx(40.56), pytest.approx(-198.735))
    assert series["Eget kapital"][1] == pytest.approx(389.901)
    assert series["20 % av tilldelade medel"] == (518.4, 518.4)
    tkr_five = five_year_chart(build_report(kramfors, y.id).nyckeltal.femarsoversikt[:1], "tkr")
    assert tkr_five.series[0].values[0] == 2_591_997 * KR  # already tkr: taken as it is
