"""Reports: book -> resultaträkning, balansräkning, kassaflödesanalys, noter, key figures
and checks, as plain data (see reports/model.py for the contract). No Qt, no PDF.

    from finsam_desktop.reports import build_report, in_tkr, to_json
    report = build_report(book, year.id)                    # whole year, öre
    half = build_report(book, year.id, "2021-01-01", "2021-06-30")
    printed = in_tkr(report)                                # tkr, tables add up
    data = to_json(report)                                  # the --json contract
"""

from __future__ import annotations

from .engine import build_report
from .json_out import interimsskulder_per_projekt, to_json
from .model import (AnnualReport, Check, DriftRow, Driftredovisning, EquityShare, KeyFigures, KeyRow, Note,
                    NoteLine, OverviewYear, Period, Statement, StatementRow)
from .rounding import in_tkr

__all__ = ["build_report", "to_json", "in_tkr", "interimsskulder_per_projekt", "AnnualReport", "Check",
           "DriftRow", "Driftredovisning", "EquityShare", "KeyFigures", "KeyRow", "Note", "NoteLine",
           "OverviewYear", "Period", "Statement", "StatementRow"]
