"""Förvaltningsberättelsen: the user's texts per section and the computed tables
(five-year overview, eget kapital against tilldelade medel, balanskravsresultat).

In the final document an empty section without a table is left out; in a draft it is
kept with a visible "[Text saknas]" so nothing is forgotten before the board meeting.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..reports.charts import five_year_chart
from ..reports.model import OPENING_OVERVIEW_CAPTION, overview_label
from ..reports.model import SUM as M_SUM
from .pdf_charts import chart_drawing
from .pdf_context import FB_SECTIONS, Context
from .pdf_doc import new_body_page, part_heading, section_heading
from .pdf_rounding import rounding_footnote
from .pdf_styles import FRAME_WIDTH, styles
from .pdf_tables import ROW, SUM, Line, _escape, amount_table, percent, text_table
from .pdf_text import missing_text, user_text


def forvaltningsberattelse(ctx: Context) -> list:
    st = styles()
    parts = new_body_page()
    parts.append(part_heading("Förvaltningsberättelse"))
    p = ctx.report.period
    intro = (f"Styrelsen för {_escape(ctx.forbund_name)} avger härmed "
             f"{'årsredovisning' if ctx.full_year else 'delårsrapport'} för perioden {p.fran} – {p.till}.")
    parts.append(Paragraph(intro, st["body"]))
    for key, title, table in FB_SECTIONS:
        if key == "disposition" and not ctx.full_year:
            continue  # a delårsrapport proposes no disposition of the result
        text = ctx.text(key)
        tables = _table(ctx, table) if table else []
        if not text and not tables and not ctx.draft:
            continue
        body: list = user_text(text) if text else ([missing_text()] if ctx.draft and key != "balanskrav" else [])
        # The heading stays with the first paragraph, a table stays whole (KeepTogether
        # must not be nested: an inner one forces the outer to break the page).
        # A table stays with the paragraph before it, so it never opens a page on its own,
        # cut off from the section it belongs to.
        if body and tables:
            if len(body) == 1:
                parts.append(KeepTogether([section_heading(title)] + body + tables))
            else:
                parts.append(KeepTogether([section_heading(title)] + body[:1]))
                parts.extend(body[1:-1])
                parts.append(KeepTogether(body[-1:] + tables))
        elif body:
            parts.append(KeepTogether([section_heading(title)] + body[:1]))
            parts.extend(body[1:])
        else:
            parts.append(KeepTogether([section_heading(title)] + tables))
    return parts


def _table(ctx: Context, which: str) -> list:
    if which == "femarsoversikt":
        return five_year_overview(ctx)
    if which == "eget_kapital":
        return equity_share(ctx)
    if which == "balanskrav":
        return balanskrav(ctx)
    return []


def five_year_overview(ctx: Context) -> list:
    years = ctx.report.nyckeltal.femarsoversikt
    if not years:
        return []
    fmt = ctx.fmt
    rows = [
        ["Verksamhetens intäkter"] + [fmt.amount(y.verksamhetens_intakter) for y in years],
        # Not "Verksamhetens kostnader": that row of the resultaträkning excludes the
        # financial costs, and one label must not stand for two figures.
        ["Summa kostnader"] + [fmt.amount(y.verksamhetens_kostnader) for y in years],
        ["Årets resultat" if ctx.full_year else "Periodens resultat"] + [fmt.amount(y.arets_resultat) for y in years],
        ["Eget kapital"] + [fmt.amount(y.eget_kapital) for y in years],
        ["Tilldelade medel"] + [fmt.amount(y.tilldelade_medel) for y in years],
        ["Eget kapital i % av tilldelade medel"] + [percent(y.andel_procent, 2) for y in years],
        ["Soliditet"] + [percent(y.soliditet_procent, 1) for y in years],
        ["Likvida medel"] + [fmt.amount(y.likvida_medel) for y in years],
    ]
    col = 62
    label_w = FRAME_WIDTH - col * len(years)
    header = [f"Belopp i {fmt.unit_label}"] + [overview_label(y) for y in years]
    caption = Paragraph("Summa kostnader omfattar verksamhetens kostnader, avskrivningar och finansiella "
                        "kostnader. Soliditet är eget kapital i procent av summa tillgångar."
                        + (" * Året ligger före bokens första räkenskapsår; nyckeltalen är inmatade ur dess "
                           "årsredovisning." if any(y.entered for y in years) else "")
                        + (" " + OPENING_OVERVIEW_CAPTION if any(y.from_opening_balances for y in years) else ""),
                        styles()["caption"])
    chart = chart_drawing(five_year_chart(years, ctx.report.unit), FRAME_WIDTH, 185)
    return [Spacer(1, 4), text_table(rows, [label_w] + [col] * len(years), header=header, bold_rows=(2,)),
            caption, Spacer(1, 8), chart]


def equity_share(ctx: Context) -> list:
    eq = ctx.report.nyckeltal.eget_kapital
    fmt = ctx.fmt
    st = styles()
    till = ctx.report.period.till
    rows = [
        [f"Eget kapital {till}", fmt.amount(eq.eget_kapital)],
        [f"Tilldelade medel (driftbidrag) {ctx.year.label}", fmt.amount(eq.tilldelade_medel)],
        ["Eget kapital i procent av tilldelade medel", percent(eq.andel_procent, 2)],
        ["Nationella rådets rekommendation, högst", percent(eq.rekommendation_procent, 0)],
    ]
    parts: list = [text_table(rows, [FRAME_WIDTH - 110, 110],
                              header=[f"Belopp i {fmt.unit_label}", ctx.year.label], bold_rows=(2,))]
    if eq.andel_procent is not None and eq.inom_rekommendation is not None and not ctx.full_year:
        parts.append(Paragraph(
            f"Det egna kapitalet motsvarar {percent(eq.andel_procent, 2)} av årets tilldelade medel. "
            f"Rekommendationen om högst {percent(eq.rekommendation_procent, 0)} avser eget kapital vid "
            "årets slut.", st["caption"]))
    elif eq.andel_procent is not None and eq.inom_rekommendation is not None:
        verdict = ("ryms inom" if eq.inom_rekommendation else "överstiger")
        parts.append(Paragraph(
            f"Det egna kapitalet motsvarar {percent(eq.andel_procent, 2)} av årets tilldelade medel och "
            f"{verdict} rekommendationen om högst {percent(eq.rekommendation_procent, 0)}.", st["caption"]))
    return [Spacer(1, 4)] + parts


def balanskrav(ctx: Context) -> list:
    rows = ctx.report.nyckeltal.balanskrav
    if not rows:
        return []
    fmt = ctx.fmt
    heads = [ctx.current_caption] + ([ctx.previous_caption] if ctx.has_previous else [])
    lines = []
    for r in rows:
        cells = [fmt.amount(r.amount)] + ([fmt.amount(r.previous)] if ctx.has_previous else [])
        lines.append(Line(r.label, tuple(cells), SUM if r.kind == M_SUM else ROW))
    return ([Spacer(1, 2), amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=76)]
            + rounding_footnote(ctx, "balanskrav") + [Spacer(1, 6)])
