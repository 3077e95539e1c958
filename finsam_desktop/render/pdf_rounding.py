"""The rounding footnote under a tkr table whose rounded rows miss its rounded total
(reports.rounding: every figure is rounded once and never nudged)."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from ..reports.rounding import FOOTNOTE, differences
from .pdf_styles import styles


def rounding_footnote(ctx, table_id: str, misses: bool | None = None) -> list:
    """[the footnote] when table `table_id` (see rounding.differences) misses, or when
    `misses` says so for a table the report does not hold (the projektuppföljning)."""
    if ctx.report.unit != "tkr":
        return []
    if misses is None:
        found = getattr(ctx, "_rounding_differences", None)
        if found is None:
            found = differences(ctx.report)
            ctx._rounding_differences = found
        misses = table_id in found
    return [Paragraph(FOOTNOTE, styles()["caption"])] if misses else []
