"""Which rows of a statement print: one rule for the PDF, the terminal table, the Excel
workbook's reader and the desktop view, so they never show different rows.

    from finsam_desktop.reports.visible import visible_rows
    for row in visible_rows(report.resultatrakning, budget=report.has_budget): ...
"""

from __future__ import annotations

from .model import HEADING, SUM, Statement, StatementRow

# Cash at the start and the end always print: the reader checks the year's cash flow
# against them, even when one of them is zero.
ALWAYS_SHOWN = {"likvida_medel_vid_arets_borjan", "likvida_medel_vid_arets_slut"}


def _empty(v) -> bool:
    return v in (None, 0)


def visible_rows(statement: Statement, *, budget: bool = False) -> list[StatementRow]:
    """The rows to print: an account row with nothing in either year (nor in the budget,
    when `budget`) is left out; so is a sum that is zero in both years when every row
    since the previous sum was left out. Headings stay only when a row under them stays."""
    kept: list[StatementRow] = []
    group_has_rows = False
    for r in statement.rows:
        values = (r.amount, r.previous) + ((r.budget,) if budget else ())
        if r.kind == HEADING:
            kept.append(r)
            continue
        if r.kind == SUM:
            if group_has_rows or not all(_empty(v) for v in values):
                kept.append(r)
            group_has_rows = False
            continue
        if r.id in ALWAYS_SHOWN or not all(_empty(v) for v in values):
            kept.append(r)
            group_has_rows = True
    # Drop headings followed by nothing (or by another heading).
    return [r for i, r in enumerate(kept)
            if r.kind != HEADING or (i + 1 < len(kept) and kept[i + 1].kind != HEADING)]
