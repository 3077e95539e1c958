"""The delårsrapport of the demo per 2025-06-30: periodens resultat compared with the same
period last year, the helårsprognos from the one prognosis engine, no revisionsberättelse,
and the kontroll of the last bokslut's recurring accruals."""

from __future__ import annotations

import pytest

from finsam_desktop.closing.checks import run_checks
from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports.prognosis import build_prognosis
from finsam_desktop.reports.rounding import tkr

from pdf_helpers import MINUS, demo_book, pages_text  # noqa: F401  (the fixture `demo`)

DATE = "2025-06-30"


def _t(ore: int) -> str:
    v = tkr(ore)
    return f"{MINUS if v < 0 else ''}{abs(v):,}".replace(",", " ")


@pytest.fixture(scope="module")
def delar(demo):
    y = demo.year_by_label("2025")
    doc = build_document(demo, y.id, date_to=DATE, tkr=True)
    pages = [" ".join(p.replace("\u00a0", " ").split()) for p in pages_text(render_pdf_bytes(doc))]
    return demo, y, doc, pages


def test_the_overview_shows_periodens_resultat_against_the_same_period_last_year(delar):
    _, _, doc, pages = delar
    overview = doc.report.nyckeltal.femarsoversikt
    assert [o.year_label for o in overview] == ["jan–jun 2025", "jan–jun 2024"]
    assert overview[1].arets_resultat == doc.report.resultatrakning.row("arets_resultat").previous
    text = next(p for p in pages if "Översikt över verksamhetens utveckling" in p and "Belopp i tkr" in p)
    assert f"Periodens resultat {_t(doc.exact.resultatrakning.row('arets_resultat').amount)} " \
           f"{_t(doc.exact.resultatrakning.row('arets_resultat').previous)}" in text
    assert "Årets resultat −" not in text


def test_the_helarsprognos_is_the_prognosis_engines(delar):
    demo, y, doc, pages = delar
    p = build_prognosis(demo, y.id, DATE)
    assert doc.prognosis == p
    start = next(i for i, x in enumerate(pages) if "Helårsprognos Prognosen för helåret" in x)
    page = " ".join(pages[start:start + 2])
    assert f"Resultatprognos 2025-12-31 {_t(p.prognosis_result)}" in page
    assert f"Prognos eget kapital 2025-12-31 {_t(p.eget_kapital_out)}" in page
    assert f"Balanskravsresultat 2025, prognos {_t(p.balanskravsresultat)}" in page
    share = f"{p.andel_procent:.2f}".replace(".", ",")
    assert f"Eget kapital i procent av tilldelade medel, prognos {share} %" in page
    assert f"Resultat {_t(p.budget_result)} {_t(p.outcome_result)} {_t(p.prognosis_result)}" in page
    # A row the board set a prognosis for carries its reason.
    overridden = [r for r in p.rows if r.override is not None]
    for n, r in enumerate(overridden, 1):
        assert f"({n}) {r.label}: {r.comment}" in page
    # The period result is the resultaträkning's.
    assert p.outcome_result == doc.exact.resultatrakning.row("arets_resultat").amount


def test_a_delarsrapport_asks_for_no_revisionsberattelse(delar):
    _, _, _, pages = delar
    assert "Underskrifter" in pages[-1]
    assert not any("revisionsberättelse" in p for p in pages)


def test_the_recurring_accruals_of_the_last_bokslut_are_checked_at_the_delar_date(delar):
    demo, y, _, _ = delar
    found = [f for f in run_checks(demo, y.id, date_to=DATE) if f.check == "periodisering_aterkommande"]
    assert [f.severity for f in found] == ["warning", "warning"]
    assert found[0].message.startswith("Semesterlöneskuld bokades vid bokslutet 2024-12-31 (19 400 kr)")
    # At the year end the bokslut books it again: nothing to warn of.
    assert [f.severity for f in run_checks(demo, y.id) if f.check == "periodisering_aterkommande"] == ["ok"]
