"""The board report's and the verksamhetsplan's PDFs: embedded fonts only (the charts
too), the figures as the reports give them, and charts whose series stay apart in
grey-scale print."""

from __future__ import annotations

import io

import pypdf
import pytest

from finsam_desktop.render.pdf_budget import board_report_pdf_bytes, budget_plan_pdf_bytes
from finsam_desktop.render.pdf_charts import STYLES
from finsam_desktop.reports import build_report
from finsam_desktop.reports.board_report import build_board_report
from finsam_desktop.reports.budget_plan import build_budget_plan
from finsam_desktop.reports.charts import BAR, five_year_chart

from pdf_helpers import demo_book, kr, pages_text  # noqa: F401  (the fixture `demo`)


@pytest.fixture(scope="module")
def board(demo):
    return build_board_report(demo, demo.year_by_label("2025").id, "2025-09-30")


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            assert font.get("/FontDescriptor") is not None, f"{font['/BaseFont']} is a base-14 font"
            names.add(font["/BaseFont"])
    return names


def test_board_report_pdf(board):
    data = board_report_pdf_bytes(board)
    assert all("DejaVu" in n for n in _fonts(data))
    pages = pages_text(data)
    p = board.prognosis
    assert "Sammanfattning" in pages[0] and kr(p.prognosis_result) in pages[0]
    text = "\n".join(pages)
    row = next(r for r in p.rows if r.label == "Löner kansli")
    lines = text.splitlines()
    at = lines.index("Löner kansli")
    assert lines[at + 1:at + 7] == [kr(v) for v in (row.budget_year, row.budget_to_date, row.outcome_to_date,
                                                    row.deviation_to_date, row.prognosis, row.deviation)]
    assert "(1)" in text and "styrelsens prognos" in text


def test_plan_pdf(demo):
    plan = build_budget_plan(demo, demo.year_by_label("2025").id)
    data = budget_plan_pdf_bytes(plan)
    assert all("DejaVu" in n for n in _fonts(data))
    text = "\n".join(pages_text(data))
    for head in ("Budget 2024", "Budget 2025", "Plan 2026", "Plan 2027", "Resultatbudget", "Balansbudget"):
        assert head in text
    assert kr(-330_000_00) in text and "11,86 %" in text and "hålls" in text


def test_chart_series_stay_apart_in_grey(board, demo):
    """In every chart the bars' fills differ by at least 12 % in luminance, and the
    lines differ in dash or marker, so grey print keeps the series apart."""
    def lum(c):
        return 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue
    charts = list(board.charts) + [five_year_chart(build_report(demo, demo.year_by_label("2025").id)
                                                   .nyckeltal.femarsoversikt)]
    assert len(charts) == 3
    for chart in charts:
        bars = [lum(STYLES[s.style][0]) for s in chart.series if s.kind == BAR]
        assert all(abs(a - b) >= 0.12 for i, a in enumerate(bars) for b in bars[i + 1:]), chart.id
        lines = [(s.kind, STYLES[s.style][1], STYLES[s.style][2]) for s in chart.series if s.kind != BAR]
        assert len(set(lines)) == len(lines), chart.id
