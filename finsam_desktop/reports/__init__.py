"""Reports: book -> resultaträkning, balansräkning, kassaflödesanalys, noter, key figures
and checks, as plain data (see reports/model.py for the contract). No Qt, no PDF.

    from finsam_desktop.reports import build_report, in_tkr
    report = build_report(book, year.id)                    # whole year, öre
    half = build_report(book, year.id, "2021-01-01", "2021-06-30")
    printed = in_tkr(report)                                # tkr, tables add up

The renderers of this data (PDF, xlsx, the terminal table, the --json contract) are in
render/; reports.document gathers everything a printed report needs.
"""

from __future__ import annotations

from .engine import build_report
from .model import (AnnualReport, DriftRow, Driftredovisning, EquityShare, KeyFigures, KeyRow, Note,
                    NoteLine, OverviewYear, Period, Statement, StatementRow, check_result,
                    interimsskulder_per_projekt)
from .rounding import in_tkr

__all__ = ["build_report", "in_tkr", "interimsskulder_per_projekt", "AnnualReport",
           "DriftRow", "Driftredovisning", "EquityShare", "KeyFigures", "KeyRow", "Note", "NoteLine",
           "OverviewYear", "Period", "Statement", "StatementRow", "check_result"]
