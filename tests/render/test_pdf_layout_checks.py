"""What reading every page of the demo's årsredovisning asked for: subheadings in the
balansräkning, a summa row per projektägare, revisorer with the member that appointed
them, a real CreationDate, one warning printed once, and the rounding footnote."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pdfplumber
import pypdf
import pytest

from finsam_desktop.render.pdf import render_pdf_bytes
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports.rounding import FOOTNOTE

from pdf_helpers import demo_book  # noqa: F401  (the fixture `demo`)


@pytest.fixture(scope="module")
def pdf(demo):
    y = demo.year_by_label("2025")
    data = render_pdf_bytes(build_document(demo, y.id, tkr=True))
    with pdfplumber.open(io.BytesIO(data)) as doc:
        pages = [" \n".join(" ".join(ln.split()) for ln in
                            (p.filter(lambda o: o.get("size", 0) < 30).extract_text() or "").splitlines())
                 for p in doc.pages]
    return data, pages


def _page(pages, title: str) -> list[str]:
    page = next(p for p in pages if f"\n{title} \n" in p or p.split(" \n")[1:2] == [title])
    return [ln.strip() for ln in page.split("\n")]


def test_the_balansrakning_has_eget_kapital_and_skulder_subheadings(pdf):
    _, pages = pdf
    lines = _page(pages, "Balansräkning")
    i = lines.index("Eget kapital, avsättningar och skulder")
    assert lines[i + 1] == "Eget kapital" and lines[i + 2].startswith("Årets resultat")
    j = lines.index("Skulder")
    assert lines[j + 1].startswith("Kortfristiga skulder")


def test_each_projektagare_group_ends_with_its_summa_and_the_footnote_where_rows_miss(pdf):
    _, pages = pdf
    lines = _page(pages, "Projektuppföljning")
    # Kramfors kommun has one insats and still its sum.
    k = lines.index("Kramfors kommun")
    assert lines[k + 1].startswith("SAMK Samkraft") and lines[k + 2].startswith("Summa Kramfors kommun 580 583")
    assert any(ln.startswith("Summa Region Västernorrland 150 133 25 17") for ln in lines)
    # 15 + 3 tkr kvar print against a sum of 17 tkr: the table says so.
    assert FOOTNOTE in " ".join(lines)


def test_revisorer_print_the_member_that_appointed_them(pdf):
    _, pages = pdf
    text = pages[-1]
    assert "Revisor, utsedd av Kramfors kommun" in text
    assert "Revisor, utsedd av Region Västernorrland" in text
    assert "Vår revisionsberättelse har lämnats" in text


def test_the_pdf_carries_the_time_it_was_made(pdf):
    data, _ = pdf
    made = pypdf.PdfReader(io.BytesIO(data)).metadata.creation_date
    assert abs((datetime.now(timezone.utc) - made.astimezone(timezone.utc)).total_seconds()) < 3600


def test_a_warning_of_the_kontroller_is_printed_once_in_the_documents_unit(demo):
    from finsam_desktop.closing.checks import run_checks
    y = demo.year_by_label("2025")
    warnings = [f.message for f in run_checks(demo, y.id) if f.is_warning]
    data = render_pdf_bytes(build_document(demo, y.id, tkr=True, warnings=warnings))
    front = pypdf.PdfReader(io.BytesIO(data)).pages[1].extract_text().replace("\u00a0", " ")
    assert front.count("Samkraft") == 1
    assert "583 tkr, 3 tkr över beviljade 580 tkr" in " ".join(front.split())
    assert "582 505 kr" not in front
