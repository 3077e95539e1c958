"""Projektuppföljning: per projektägare and insats, beviljat, utfall, varav
interimsskuld, kvar, förbrukat. Rendered only from reports.projects' data.

In tkr the figures are rounded with money.round_to_total per projektägare, so the
printed insatser add up to the printed sum the follow-up gives.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer

from ..money import round_to_total, to_tkr
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading
from .pdf_styles import styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Line, _escape, amount_table, percent

FIELDS = ("granted", "outcome", "accrued", "remaining")


def _figures(ctx: Context, lines, total) -> tuple[list[tuple[int, ...]], tuple[int, ...]]:
    """The amounts to print per line and for the total, in the report's unit."""
    if ctx.report.unit != "tkr":
        return ([tuple(getattr(l, f) for f in FIELDS) for l in lines],
                tuple(getattr(total, f) for f in FIELDS))
    cols = []
    for f in FIELDS:
        rounded = round_to_total([getattr(l, f) for l in lines], getattr(total, f), 100_000)
        cols.append([v // 100_000 for v in rounded])
    per_line = [tuple(c[i] for c in cols) for i in range(len(lines))]
    return per_line, tuple(to_tkr(getattr(total, f)) for f in FIELDS)


def _has_figures(line) -> bool:
    return any(getattr(line, f) for f in FIELDS)


def project_warnings(ctx: Context) -> list[str]:
    """One sentence per insats over its grant, with the amounts in the document's unit
    (the follow-up's own sentences are in kr, which a tkr document must not mix in)."""
    fu = ctx.follow_up
    if fu is None:
        return []
    tkr = ctx.report.unit == "tkr"
    kr = (lambda ore: ctx.fmt.kr(to_tkr(ore))) if tkr else ctx.fmt.kr  # noqa: E731
    out = []
    for l in getattr(fu, "lines", ()):
        if not l.over_grant:
            continue
        name = f"{l.code} {l.name}".strip()
        if l.granted:
            out.append(f"Insats {name} har ett utfall på {kr(l.outcome)}, {kr(l.outcome - l.granted)} "
                       f"över beviljade {kr(l.granted)}.")
        else:
            out.append(f"Insats {name} har ett utfall på {kr(l.outcome)} men inga beviljade medel för året.")
    return out


def projektuppfoljning(ctx: Context) -> list:
    fu = ctx.follow_up
    if fu is None or not getattr(fu, "lines", ()):
        return []
    st = styles()
    fmt = ctx.fmt
    table_lines: list[Line] = []
    for owner in fu.owners:
        # An insats with nothing granted, booked or owed this year (one that has ended)
        # is left out, like a statement row with nothing in it; the sums are unchanged.
        shown = [(l, figs) for l, figs in zip(owner.lines, _figures(ctx, owner.lines, owner.total)[0])
                 if _has_figures(l)]
        if not shown:
            continue
        table_lines.append(Line(owner.owner, (), HEADING))
        _, tot = _figures(ctx, owner.lines, owner.total)
        for l, figs in shown:
            table_lines.append(Line(f"{l.code} {l.name}".strip(), tuple(fmt.amount(v) for v in figs)
                                    + (percent(l.used_pct),), ROW, indent=1))
        if len(shown) > 1:
            table_lines.append(Line("Summa", tuple(fmt.amount(v) for v in tot)
                                    + (percent(owner.total.used_pct),), SUM))
    _, grand = _figures(ctx, fu.lines, fu.total)
    table_lines.append(Line("Summa insatser", tuple(fmt.amount(v) for v in grand)
                            + (percent(fu.total.used_pct),), TOTAL))
    heads = ["Beviljat", "Utfall", "varav<br/>interimsskuld", "Kvar", "Förbrukat"]
    parts = new_body_page()
    parts.append(part_heading("Projektuppföljning"))
    parts.append(Paragraph(
        f"Beviljade medel och utfall per insats och projektägare till och med {fu.date}. Utfallet "
        "omfattar bokförda interimsskulder för kostnader som ännu inte fakturerats.", st["lead"]))
    parts.append(amount_table(table_lines, heads, unit_label=fmt.unit_label, amount_width=55))
    warnings = project_warnings(ctx)
    if warnings:
        parts.append(Spacer(1, 8))
    for w in warnings:
        parts.append(Paragraph(_escape(w), st["warning"], bulletText="\u2013"))
    return parts
