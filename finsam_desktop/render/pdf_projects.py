"""Projektuppföljning: per projektägare and insats, beviljat, utfall, varav
interimsskuld, kvar, förbrukat. Rendered only from reports.projects' data.

In tkr every figure is its own exact amount rounded once (reports.rounding); a table
whose rounded lines miss their rounded sums says so in a footnote.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer

from ..reports.rounding import in_unit, sums_miss
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading
from .pdf_rounding import rounding_footnote
from .pdf_styles import styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Line, _escape, amount_table, percent

FIELDS = ("granted", "outcome", "accrued", "remaining")


def _figures(ctx: Context, lines, total) -> tuple[list[tuple[int, ...]], tuple[int, ...]]:
    """The amounts to print per line and for the total, in the report's unit: in tkr
    each figure (sums too) is its own exact amount rounded once (reports.rounding)."""
    unit = ctx.report.unit
    per_line = [tuple(in_unit(getattr(l, f), unit) for f in FIELDS) for l in lines]
    tot = tuple(in_unit(getattr(total, f), unit) for f in FIELDS) if total is not None else (0,) * len(FIELDS)
    return per_line, tot


def figures_miss(per_line, tot) -> bool:
    """Rounded lines that miss their rounded sum (the table then gets the footnote)."""
    return any(sums_miss(col, t) for col, t in zip(zip(*per_line), tot)) if per_line else False


def _has_figures(line) -> bool:
    return any(getattr(line, f) for f in FIELDS)


def project_warnings(ctx: Context) -> list[str]:
    """One sentence per insats over its grant, with the amounts in the document's unit
    (the follow-up's own sentences are in kr, which a tkr document must not mix in)."""
    fu = ctx.follow_up
    if fu is None:
        return []
    kr = ctx.fmt.kr
    lines = [l for l in getattr(fu, "lines", ()) if l.over_grant]
    # The figures as the projektuppföljning prints them (in tkr: rounded once, pinned).
    figures = _figures(ctx, lines, None)[0] if ctx.report.unit == "tkr" else \
        [(l.granted, l.outcome) for l in lines]
    out = []
    for l, figs in zip(lines, figures):
        granted, outcome = figs[0], figs[1]
        name = f"{l.code} {l.name}".strip()
        if l.granted:
            out.append(f"Insats {name} har ett utfall på {kr(outcome)}, {kr(outcome - granted)} "
                       f"över beviljade {kr(granted)}.")
        else:
            out.append(f"Insats {name} har ett utfall på {kr(outcome)} men inga beviljade medel för året.")
    return out


def projektuppfoljning(ctx: Context) -> list:
    fu = ctx.follow_up
    if fu is None or not getattr(fu, "lines", ()):
        return []
    st = styles()
    fmt = ctx.fmt
    table_lines: list[Line] = []
    misses = False
    for owner in fu.owners:
        # An insats with nothing granted, booked or owed this year (one that has ended)
        # is left out, like a statement row with nothing in it; the sums are unchanged.
        shown = [(l, figs) for l, figs in zip(owner.lines, _figures(ctx, owner.lines, owner.total)[0])
                 if _has_figures(l)]
        if not shown:
            continue
        table_lines.append(Line(owner.owner, (), HEADING))
        per_line, tot = _figures(ctx, owner.lines, owner.total)
        misses = misses or figures_miss(per_line, tot)
        for l, figs in shown:
            table_lines.append(Line(f"{l.code} {l.name}".strip(), tuple(fmt.amount(v) for v in figs)
                                    + (percent(l.used_pct),), ROW, indent=1))
        # Every projektägare group ends with its sum, one insats or many.
        table_lines.append(Line(f"Summa {owner.owner}", tuple(fmt.amount(v) for v in tot)
                                + (percent(owner.total.used_pct),), SUM))
    per_owner = [_figures(ctx, o.lines, o.total)[1] for o in fu.owners]
    _, grand = _figures(ctx, fu.lines, fu.total)
    misses = misses or figures_miss(per_owner, grand)
    table_lines.append(Line("Summa insatser", tuple(fmt.amount(v) for v in grand)
                            + (percent(fu.total.used_pct),), TOTAL))
    heads = ["Beviljat", "Utfall", "varav<br/>interims-<br/>skuld", "Kvar", "Förbrukat"]
    parts = new_body_page()
    parts.append(part_heading("Projektuppföljning"))
    parts.append(Paragraph(
        f"Beviljade medel och utfall per insats och projektägare till och med {fu.date}. Utfallet "
        "omfattar bokförda interimsskulder för kostnader som ännu inte fakturerats.", st["lead"]))
    # Narrow amount columns leave the insats' name room for a line of its own.
    parts.append(amount_table(table_lines, heads, unit_label=fmt.unit_label, amount_width=47))
    parts += rounding_footnote(ctx, "projektuppfoljning", misses=misses)
    warnings = project_warnings(ctx)
    if warnings:
        parts.append(Spacer(1, 8))
    for w in warnings:
        parts.append(Paragraph(_escape(w), st["warning"], bulletText="\u2013"))
    return parts
