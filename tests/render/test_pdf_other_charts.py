"""The årsredovisning PDF of books with other charts of accounts (Örnsköldsvik with a
Kommun-BAS chart, Degerfors-Karlskoga with a company BAS chart and the result booked into
equity): every non-zero statement row prints exactly as the JSON report gives it, and the
interimsskulder per insats print as the note computes them."""

from __future__ import annotations

import pytest

from pdf_helpers import pages_text
from pdf_helpers import _toc_entries, kr
from other_charts import build_degerfors_karlskoga, build_ornskoldsvik

from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports import build_report
from finsam_desktop.render.json_out import to_json

HEADINGS = {"resultatrakning": "Resultaträkning", "balansrakning": "Balansräkning",
            "kassaflodesanalys": "Kassaflödesanalys"}


@pytest.fixture(scope="module", params=[("ovik", build_ornskoldsvik, "2020"),
                                        ("dk", build_degerfors_karlskoga, "2021")], ids=["kommun_bas", "company_bas"])
def rendered(request, tmp_path_factory):
    name, build, label = request.param
    book = build(tmp_path_factory.mktemp(name) / f"{name}.finsam")
    year = book.year_by_label(label)
    report = build_report(book, year.id)
    data = render_pdf_bytes(build_document(book, year.id, report=report))
    yield report, data, pages_text(data)
    book.close()


def test_every_statement_row_prints_as_the_json_report(rendered):
    report, _data, pages = rendered
    data = to_json(report)
    text = "\n".join(pages)
    for sid, heading in HEADINGS.items():
        page = next(p for p in pages if f"\n{heading}\n" in f"\n{p}\n" and "Belopp i kr" in p)
        for rid, amount in data[sid].items():
            if amount:
                assert kr(amount) in page, (sid, rid)
            if data["foregaende_ar"][sid][rid]:
                assert kr(data["foregaende_ar"][sid][rid]) in page, (sid, rid, "föregående år")
    for name, amount in data["noter"]["interimsskulder_per_projekt"].items():
        assert f"{name}" in text and kr(amount) in text
    assert report.ok


def test_table_of_contents_agrees_with_the_pages(rendered):
    _report, data, pages = rendered
    for title, number in _toc_entries(data):
        assert title in pages[number - 1], f"{title} is not on page {number}"
    assert f"Sida {len(pages)} av {len(pages)}" in pages[-1]
