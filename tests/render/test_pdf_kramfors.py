"""The Kramfors 2021 årsredovisning as PDF: the reference figures of the real report
print where they belong (built from the engine, never summed by the renderer)."""

from __future__ import annotations

import pytest

from finsam_desktop.money import format_kr
from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports import build_report
from finsam_desktop.render.json_out import to_json

from pdf_helpers import pages_text

kramfors = pytest.importorskip("kramfors")

MINUS = "\u2212"


def kr(whole_kr: int) -> str:
    return format_kr(whole_kr * 100, minus=MINUS)


@pytest.fixture(scope="module")
def kramfors_2021(tmp_path_factory):
    book = kramfors.build_kramfors(tmp_path_factory.mktemp("kramfors") / "kramfors.finsam")
    year = book.year_by_label("2021")
    report = build_report(book, year.id)
    data = render_pdf_bytes(build_document(book, year.id, report=report))
    pages = pages_text(data)
    yield book, report, pages
    book.close()


def _page(pages: list[str], heading: str) -> str:
    """The first page after the table of contents whose text carries the heading."""
    return next(p for p in pages[2:] if heading in p.splitlines()[:4])


def test_kramfors_reference_figures_are_in_the_statements(kramfors_2021):
    _, _, pages = kramfors_2021
    e = kramfors.EXPECTED
    rr = _page(pages, "Resultaträkning")
    assert kr(e["arets_resultat_2021"]) in rr and kr(e["arets_resultat_2020"]) in rr
    assert kr(e["verksamhetens_intakter_2021"]) in rr
    assert kr(e["finansiella_kostnader_2021"]) in rr
    br = _page(pages, "Balansräkning")
    for key in ("summa_tillgangar_2021", "summa_eget_kapital_2021", "kortfristiga_skulder_2021"):
        assert kr(e[key]) in br, key
    kfa = _page(pages, "Kassaflödesanalys")
    for key in ("kassaflode_lopande_2021", "fordringar_andring_2021", "skulder_andring_2021",
                "likvida_medel_ib_2021", "likvida_medel_ub_2021"):
        assert kr(e[key]) in kfa, key


def test_kramfors_budget_columns_print_the_verksamhetsplan(kramfors_2021):
    _, report, pages = kramfors_2021
    assert report.has_budget
    rr = _page(pages, "Resultaträkning")
    assert "Budget" in rr and "Utfall/" in rr
    budget = to_json(report)["budget"]
    assert format_kr(budget["arets_resultat"], minus=MINUS) in rr


def test_kramfors_interimsskulder_note_specifies_each_insats(kramfors_2021):
    _, _, pages = kramfors_2021
    text = "\n".join(pages)
    for amount in kramfors.NOTE_6.values():
        assert kr(amount) in text
    assert kr(kramfors.EXPECTED["interimsskulder_2021"]) in text


def test_kramfors_equity_share_prints_as_the_engine_computes_it(kramfors_2021):
    _, report, pages = kramfors_2021
    share = report.nyckeltal.eget_kapital
    text = "\n".join(pages)
    assert f"{share.andel_procent:.2f}".replace(".", ",") + " %" in text
    assert format_kr(share.eget_kapital, minus=MINUS) in text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_kramfors_insatser_have_the_grants_of_the_report(kramfors_2021):
    """Beviljade medel 2021 as the report's tables give them; no insats is reported as
    having an outcome without a grant, and Trappan, which had ended, is left out."""
    book, _, pages = kramfors_2021
    text = _flat("\n".join(pages))
    assert "inga beviljade medel" not in text
    follow = _flat(_page(pages, "Projektuppföljning"))
    for code, label, granted, outcome in (("SAMKRAFT", "koordinator/Coach Samkraft", 600_000, 590_000),
                                          ("STEGSAM", "StegSam", 950_000, 943_000),
                                          ("STEGSAMPLUS", "StegSam+", 330_000, 330_000),
                                          ("PSYK", "Psykiatridag", 30_000, 0)):
        assert f"{code} {label} {kr(granted)} {kr(outcome)}" in follow, code
    assert "TRAPPAN" not in follow
    y2020 = book.year_by_label("2020")
    assert book.project_grants(y2020.id)[book.project_by_code("STEGSAMPLUS").id] == 55_000_00


def test_kramfors_signature_page_names_the_board_that_signed(kramfors_2021):
    _, _, pages = kramfors_2021
    last = pages[-1]
    assert "[Styrelsens ledamöter saknas]" not in last
    for name, role in kramfors.BOARD_2021:
        assert name in last and role in last
    assert "Kramfors den 2022-03-25" in _flat(last)
