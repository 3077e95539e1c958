"""Projektuppföljning: per projektägare and insats, beviljat, utfall, varav
interimsskuld, kvar, förbrukat. Rendered only from reports.projects' data.

In tkr the figures are rounded with money.round_to_total per projektägare, so the
printed insatser add up to the printed sum the follow-up gives.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer

from ..money import to_tkr
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading
from .pdf_styles import styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Line, _escape, amount_table, percent

FIELDS = ("granted", "outcome", "accrued", "remaining")


def _pins(ctx: Context) -> dict[tuple[str, int], int]:
    """The tkr figures the notes print for an insats (its cost in the note on
    verksamhetens kostnader, its interimsskuld in the interimsskulder note), for the
    insatser whose follow-up figure is the same in öre: the projektuppföljning prints
    them alike, never 27 in one table and 28 in the other."""
    exact, fu = ctx.exact, ctx.follow_up
    if exact is None or ctx.report.unit != "tkr" or fu is None:
        return {}
    by_pid = {l.project_id: l for l in fu.lines}
    pins: dict[tuple[str, int], int] = {}
    for note_id, field, sign in (("verksamhetens_kostnader", "outcome", -1), ("interimsskulder", "accrued", 1)):
        ore, tkr = exact.note(note_id), ctx.report.note(note_id)
        if ore is None or tkr is None or len(ore.lines) != len(tkr.lines):
            continue
        for lo, lt in zip(ore.lines, tkr.lines):
            line = by_pid.get(lo.project_id) if lo.project_id else None
            if line is not None and lo.amount is not None and sign * lo.amount == getattr(line, field):
                pins[(field, lo.project_id)] = sign * lt.amount
    return pins


def _figures(ctx: Context, lines, total) -> tuple[list[tuple[int, ...]], tuple[int, ...]]:
    """The amounts to print per line and for the total, in the report's unit. In tkr each
    insats is rounded once (to the notes' figure where they show it), kvar is beviljat
    less utfall as printed, and the sums are the sums of the printed lines."""
    if ctx.report.unit != "tkr":
        return ([tuple(getattr(l, f) for f in FIELDS) for l in lines],
                tuple(getattr(total, f) for f in FIELDS))
    pins = _pins(ctx)
    per_line = []
    for l in lines:
        granted = to_tkr(l.granted)
        outcome = pins.get(("outcome", l.project_id), to_tkr(l.outcome))
        accrued = pins.get(("accrued", l.project_id), to_tkr(l.accrued))
        per_line.append((granted, outcome, accrued, granted - outcome))
    return per_line, tuple(sum(col) for col in zip(*per_line)) if per_line else (0,) * len(FIELDS)


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
