"""The delårsrapport as PDF: its balansräkning beside last year's bokslut (RKR R17), the
year's budget named "Budget helår" with no avvikelse against half a year, and its own
förvaltningsberättelse instead of the year's."""

from __future__ import annotations

import pytest

from finsam_desktop.money import format_kr
from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports import build_report

from pdf_helpers import demo_book, pages_text  # noqa: F401  (the fixture `demo`)

MINUS = "\u2212"


def page_of(pages: list[str], heading: str) -> str:
    """The page a part starts on (not the table of contents that names it)."""
    return next(p for p in pages if f"\n{heading}\n" in f"\n{p}\n" and "Innehållsförteckning" not in p)


@pytest.fixture(scope="module")
def interim(demo):
    year = demo.year_by_label("2025")
    report = build_report(demo, year.id, "2025-01-01", "2025-06-30")
    data = render_pdf_bytes(build_document(demo, year.id, date_from="2025-01-01", date_to="2025-06-30", report=report))
    return report, pages_text(data)


def test_interim_balance_sheet_prints_last_years_bokslut_column(interim):
    report, pages = interim
    br = page_of(pages, "Balansräkning")
    assert "2025-06-30" in br and "2024-12-31" in br and "2024-06-30" not in br
    assert "jämfört med föregående års bokslut per 2024-12-31" in br
    # 2024-12-31: kassa och bank 1 169 082, summa tillgångar 1 174 060 (the 2024 saldobalans).
    assert "1 169 082" in br and "1 174 060" in br
    assert report.balansrakning.row("kassa_och_bank").previous == 1_169_082_00


def test_interim_income_statement_names_the_budget_helar(interim):
    _report, pages = interim
    rr = page_of(pages, "Resultaträkning")
    assert "Budget helår" in rr and "jan–jun 2025" in rr and "jan–jun 2024" in rr
    assert "Periodens resultat" in rr and "Årets resultat" not in rr


def test_interim_driftredovisning_shows_share_of_budget_not_avvikelse(interim):
    report, pages = interim
    drift = page_of(pages, "Driftredovisning")
    assert "Avvikelse" not in drift and "avvikelse" not in drift
    assert "Budget helår" in drift and "helårsbudgeten" in drift
    staten = report.driftredovisning.rows[0]
    assert staten.andel_procent == 50.0 and "50,0 %" in drift


def test_interim_report_prints_its_own_forvaltningsberattelse(demo, interim):
    """The demo's year texts describe the whole 2025 (eget kapital 389 900 kr at the year
    end); the delårsrapport prints its own texts (saved as KEY@2025-06-30), whose figures
    are the half year's."""
    report, pages = interim
    text = " ".join(pages).replace("\n", " ")
    ek = report.nyckeltal.eget_kapital.eget_kapital
    assert f"Per den 2025-06-30 uppgår eget kapital till {format_kr(ek)} kr" in text
    assert "389 900" not in text
    assert "Styrelsen beslutade i oktober" not in text   # an event after the period


def test_interim_report_without_own_texts_keeps_the_years_texts(book):
    y = book.years()[0]
    book.set_year_text(y.id, "viktiga_forhallanden", "Halvåret har gått enligt plan.")
    data = render_pdf_bytes(build_document(book, y.id, date_to=y.start[:4] + "-06-30"))
    assert "Halvåret har gått enligt plan." in " ".join(pages_text(data))


def test_interim_five_year_overview_names_the_period(interim):
    report, pages = interim
    assert report.nyckeltal.femarsoversikt[0].year_label == "jan–jun 2025"
    fb = page_of(pages, "Förvaltningsberättelse")
    assert "jan–jun 2025" in fb


def test_balance_sheet_refers_to_the_ansvarsforbindelser_note(interim):
    report, pages = interim
    number = report.note("ansvarsforbindelser").number
    assert f"Ansvarsförbindelser: se not {number}." in page_of(pages, "Balansräkning")
