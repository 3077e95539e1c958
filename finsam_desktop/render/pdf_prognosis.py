"""Helårsprognos of a delårsrapport (RKR R17; real delårsrapporter print a "Resultatprognos
31/12" and a "Prognos eget kapital"): per budget row the year's budget, the outcome so
far and the prognosis for the whole year, with the reason the board typed for a
prognosis of its own; then the prognosis of the result, eget kapital, the
balanskravsresultat and eget kapital against the 20 % line. Every figure is
reports.prognosis' (the same engine as the board's ekonomisk rapport), printed in the
document's unit, each rounded once."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer

from ..reports.rounding import in_unit, sums_miss
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading, section_heading
from .pdf_rounding import rounding_footnote
from .pdf_statements import DRIFT_SECTIONS
from .pdf_styles import FRAME_WIDTH, styles
from .pdf_tables import HEADING, ROW, TOTAL, Line, _escape, amount_table, percent, text_table


def helarsprognos(ctx: Context) -> list:
    p = ctx.prognosis
    if p is None or ctx.full_year:
        return []
    st = styles()
    fmt = ctx.fmt
    unit = ctx.report.unit

    def u(v):
        return in_unit(v, unit)

    heads = [f"Budget<br/>helår {p.year_label}", f"Utfall<br/>t.o.m. {p.to_date[5:]}",
             f"Prognos<br/>helår {p.year_label}", "Avvikelse<br/>mot budget"]
    lines: list[Line] = []
    section = None
    printed = []
    notes = []
    for r in p.rows:
        if r.section != section:
            lines.append(Line(DRIFT_SECTIONS.get(r.section, "Ej budgeterat"), (), HEADING))
            section = r.section
        figs = (u(r.budget_year), u(r.outcome_to_date), u(r.prognosis), u(r.deviation))
        printed.append(figs)
        label = r.label
        if r.override is not None:
            notes.append((len(notes) + 1, r.label, r.comment))
            label = f"{r.label} ({len(notes)})"
        lines.append(Line(label, tuple(fmt.amount(v) for v in figs), ROW))
    total = (u(p.budget_result), u(p.outcome_result), u(p.prognosis_result),
             u(p.prognosis_result - p.budget_result))
    lines.append(Line("Resultat", tuple(fmt.amount(v) for v in total), TOTAL))
    misses = any(sums_miss(col, t) for col, t in zip(zip(*printed), total)) if printed else False

    share_note = ""
    if p.andel_procent is not None and p.inom_rekommendation is not None:
        share_note = (f"Enligt prognosen motsvarar eget kapital vid årets slut {percent(p.andel_procent, 2)} av "
                      f"årets tilldelade medel och {'ryms inom' if p.inom_rekommendation else 'överstiger'} "
                      f"rekommendationen om högst {percent(p.rekommendation_procent, 0)}.")
    rows = [
        [f"Resultatprognos {p.year_end}", fmt.amount(u(p.prognosis_result))],
        [f"Budgeterat resultat {p.year_label}", fmt.amount(u(p.budget_result))],
        [f"Eget kapital {p.to_date}", fmt.amount(u(p.eget_kapital_now))],
        [f"Prognos eget kapital {p.year_end}", fmt.amount(u(p.eget_kapital_out))],
        [f"Balanskravsresultat {p.year_label}, prognos", fmt.amount(u(p.balanskravsresultat))],
        [f"Tilldelade medel {p.year_label}", fmt.amount(u(p.tilldelade_medel))],
        ["Eget kapital i procent av tilldelade medel, prognos", percent(p.andel_procent, 2)],
        ["Nationella rådets rekommendation, högst", percent(p.rekommendation_procent, 0)],
    ]
    summary = [text_table(rows, [FRAME_WIDTH - 110, 110], header=[f"Belopp i {fmt.unit_label}", "Prognos"],
                          bold_rows=(0, 3, 6))]
    if share_note:
        summary.append(Paragraph(share_note, st["caption"]))
    parts = new_body_page()
    parts.append(part_heading("Helårsprognos"))
    parts.append(Paragraph(
        f"Prognosen för helåret {p.year_label} bygger på utfallet till och med {p.to_date} och återstående "
        "budget för resten av året. Där styrelsen har gjort en egen bedömning av en budgetpost anges "
        "skälet under tabellen. Intäkter anges positiva och kostnader negativa; en positiv avvikelse är "
        "bättre än budget.", st["lead"]))
    parts += summary
    parts.append(Spacer(1, 8))
    parts.append(section_heading("Prognos per budgetpost"))
    parts.append(amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=66))
    parts += rounding_footnote(ctx, "helarsprognos", misses=misses)
    for n, label, comment in notes:
        parts.append(Paragraph(f"({n}) {_escape(label)}: {_escape(comment or 'Styrelsens bedömning.')}",
                               st["caption"]))

    return parts


__all__ = ["helarsprognos"]
