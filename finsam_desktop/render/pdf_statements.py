"""Resultaträkning, balansräkning, kassaflödesanalys, driftredovisning and noter.

Row labels, order and every amount come from the report; this module decides only what
is shown: rows with nothing in either year are left out (and a sum whose rows were all
left out and that is zero), captions are added where a Swedish report has them.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from ..reports.model import HEADING as M_HEADING
from ..reports.model import SUM as M_SUM
from ..reports.model import (NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION, Note, Statement, StatementRow,
                             is_balance_note, opening_notes_caption)
from ..reports.visible import visible_rows
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading
from .pdf_rounding import rounding_footnote
from .pdf_styles import styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Line, _escape, amount_table, percent
from .pdf_text import user_text

# The last line of each statement is ruled as a total.
TOTALS = {
    "resultatrakning": {"arets_resultat"},
    "balansrakning": {"summa_tillgangar", "summa_eget_kapital_avsattningar_och_skulder"},
    "kassaflodesanalys": {"arets_kassaflode"},
}
# Captions a Swedish statement prints above a group of rows (the engine has no heading
# rows): (caption, first row id of the group). The caption goes above the group's first
# printed row, so it stays when the first rows of the group are left out.
CAPTIONS = {
    "balansrakning": (("Tillgångar", "immateriella_anlaggningstillgangar"),
                      ("Eget kapital, avsättningar och skulder", "arets_resultat")),
    "kassaflodesanalys": (("Den löpande verksamheten", "arets_resultat"),
                          ("Likvida medel", "likvida_medel_vid_arets_borjan")),
}


# Sub-captions within a captioned group, as a kommun's balansräkning prints them.
SUBCAPTIONS = {
    "balansrakning": (("Eget kapital", "arets_resultat"), ("", "avsattningar"),
                      ("Skulder", "langfristiga_skulder"), ("", "summa_eget_kapital_avsattningar_och_skulder")),
}


def _captions_by_row(statement: Statement, shown: list[StatementRow], table=CAPTIONS) -> dict[str, str]:
    """{row id: caption} for the first printed row of each captioned group."""
    order = [r.id for r in statement.rows]
    starts = [(order.index(first), caption) for caption, first in table.get(statement.id, ())
              if first in order]
    out: dict[str, str] = {}
    for k, (start, caption) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(order)
        first = next((r for r in shown if start <= order.index(r.id) < end and r.kind != M_HEADING), None)
        if first is not None and caption and (table is CAPTIONS or first.kind != M_SUM):
            out[first.id] = caption
    return out


def statement_lines(ctx: Context, statement: Statement) -> list[Line]:
    fmt = ctx.fmt
    budget = ctx.report.has_budget and statement.id == "resultatrakning"
    totals = TOTALS.get(statement.id, set())
    shown = visible_rows(statement, budget=budget)
    captions = _captions_by_row(statement, shown)
    subcaptions = _captions_by_row(statement, shown, SUBCAPTIONS)
    lines: list[Line] = []
    for r in shown:
        if r.id in captions and r.kind != M_HEADING:
            lines.append(Line(captions[r.id], (), HEADING))
        if r.id in subcaptions and r.kind != M_HEADING:
            lines.append(Line(subcaptions[r.id], (), HEADING))
        if r.kind == M_HEADING:
            lines.append(Line(r.label, (), HEADING))
            continue
        cells = [fmt.amount(r.amount)]
        if ctx.has_previous_balance if statement.id == "balansrakning" else ctx.has_previous:
            cells.append(fmt.amount(r.previous))
        if budget:
            cells += [fmt.amount(r.budget), percent(r.budget_percent) if r.budget_percent is not None else ""]
        kind = TOTAL if r.id in totals else SUM if r.kind == M_SUM else ROW
        lines.append(Line(r.label, tuple(cells), kind, note=_notes(r)))
    return lines


def _notes(r: StatementRow) -> str:
    """Every note that explains the row: '5, 6' (never only the first)."""
    return ", ".join(str(n) for n in r.notes)


def statement_headers(ctx: Context, statement: Statement) -> list[str]:
    if statement.id == "balansrakning":
        return ctx.balance_captions
    heads = [f"Utfall<br/>{ctx.current_caption}"]
    if ctx.has_previous:
        heads.append(f"Utfall<br/>{ctx.previous_caption}")
    if ctx.report.has_budget and statement.id == "resultatrakning":
        # The budget is the whole räkenskapsår's, also in a delårsrapport.
        heads += [ctx.budget_caption, "Utfall/<br/>budget"]
    return heads


def statement_part(ctx: Context, statement: Statement, lead: str) -> list:
    st = styles()
    heads = statement_headers(ctx, statement)
    amount_w = 64 if len(heads) > 2 else 76
    parts = new_body_page()
    parts.append(part_heading(statement.title))
    parts.append(Paragraph(_escape(lead), st["lead"]))
    lines = statement_lines(ctx, statement)
    # No "Not" column on a statement that no note explains (the kassaflödesanalys).
    parts.append(amount_table(lines, heads, unit_label=ctx.fmt.unit_label,
                              note_column=any(ln.note for ln in lines), amount_width=amount_w))
    parts += rounding_footnote(ctx, statement.id)
    if ctx.report.previous_from_opening_balances:
        # The book's first year: the balansräkning compares with its ingående balanser;
        # the statements of flows have nothing to compare with, and say so.
        caption = OPENING_BALANCES_CAPTION if statement.id == "balansrakning" else NO_PREVIOUS_CAPTION
        parts += [Spacer(1, 4), Paragraph(_escape(caption), st["caption"])]
    return parts


def statements(ctx: Context) -> list:
    p = ctx.report.period
    rr, br, kfa = ctx.report.statements
    rr_lead = f"Perioden {p.fran} – {p.till}"
    br_lead = f"Ställning per {p.till}"
    if not ctx.full_year:
        if ctx.report.has_budget:
            rr_lead += (". Budgeten avser helåret; utfall/budget visar hur stor del av årets budget "
                        "som har använts")
        if ctx.report.previous_balance_date and ctx.has_previous:
            br_lead += f", jämfört med föregående års bokslut per {ctx.report.previous_balance_date}"
    return (statement_part(ctx, rr, rr_lead + ".")
            + statement_part(ctx, br, br_lead + ".") + contingent_line(ctx)
            + statement_part(ctx, kfa, f"Perioden {p.fran} – {p.till}. Indirekt metod; endast "
                                       "transaktioner som medför in- eller utbetalningar ingår."))


def contingent_line(ctx: Context) -> list:
    """Ansvarsförbindelser are reported below the balansräkning (LKBR 5 kap. 5 §, RKR
    R4), with a reference to their note."""
    note = ctx.report.note("ansvarsforbindelser")
    if note is None:
        return []
    return [Spacer(1, 10), Paragraph(f"Ansvarsförbindelser: se not {note.number}.", styles()["caption"])]


# ---------------------------------------------------------------- driftredovisning
DRIFT_SECTIONS = {"intakter": "Intäkter", "insatser": "Insatser", "kansli": "Kansli och personal",
                  "styrelse": "Styrelse", "ovrigt": "Övriga kostnader", "finansiellt": "Finansiella poster"}
def driftredovisning(ctx: Context) -> list:
    drift = ctx.report.driftredovisning
    if drift is None or not drift.rows:
        return []
    st = styles()
    fmt = ctx.fmt
    # A delårsrapport shows how much of the year's budget is used, not an avvikelse.
    heads = [ctx.budget_caption, f"Utfall<br/>{ctx.current_caption}",
             "Avvikelse" if ctx.full_year else "Utfall/<br/>budget"]
    if ctx.has_previous:
        heads.append(f"Utfall<br/>{ctx.previous_caption}")
    lines = []
    section = None
    for r in drift.rows:
        if r.kind == M_HEADING:
            lines.append(Line(r.label, (), HEADING))
            continue
        if r.kind != M_SUM and r.section != section:
            # Budget rows grouped as in the verksamhetsplan; outcome without a budget
            # row stands apart, after an empty caption line.
            lines.append(Line(DRIFT_SECTIONS.get(r.section, ""), (), HEADING))
            section = r.section
        cells = [fmt.amount(r.budget), fmt.amount(r.utfall),
                 fmt.amount(r.avvikelse) if ctx.full_year else percent(r.andel_procent)]
        if ctx.has_previous:
            cells.append(fmt.amount(r.previous_utfall))
        is_last = r is drift.rows[-1]
        kind = TOTAL if (r.kind == M_SUM and is_last) else SUM if r.kind == M_SUM else ROW
        lines.append(Line(r.label, tuple(cells), kind))
    parts = new_body_page()
    parts.append(part_heading("Driftredovisning"))
    lead = ("Budget och utfall per budgetpost. Intäkter anges positiva och kostnader negativa; en "
            "positiv avvikelse är bättre än budget." if ctx.full_year else
            f"Årets budget och utfall för perioden {ctx.report.period.fran} – {ctx.report.period.till} "
            f"per budgetpost, och utfallet i procent av helårsbudgeten. Intäkter anges positiva och "
            f"kostnader negativa.")
    parts.append(Paragraph(lead, st["lead"]))
    parts.append(amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=70))
    parts += rounding_footnote(ctx, "driftredovisning")
    return parts


# ---------------------------------------------------------------- noter
def note_block(ctx: Context, note: Note) -> list:
    st = styles()
    fmt = ctx.fmt
    block: list = [Paragraph(f"Not {note.number}\u2002{_escape(note.title)}", st["h3"])]
    if note.text:
        block += user_text(note.text)
    if note.lines:
        with_prev = ctx.has_previous_balance if is_balance_note(note) else ctx.has_previous
        lines = []
        for ln in note.lines:
            if ln.kind not in (M_HEADING, M_SUM) and ln.amount in (None, 0) and ln.previous in (None, 0):
                continue  # nothing in either year
            if ln.kind == M_HEADING:
                lines.append(Line(ln.label, (), HEADING, indent=ln.indent))
                continue
            cells = [fmt.amount(ln.amount)]
            if with_prev:
                cells.append(fmt.amount(ln.previous))
            lines.append(Line(ln.label, tuple(cells), SUM if ln.kind == M_SUM else ROW, indent=ln.indent))
        lines = [ln for i, ln in enumerate(lines)
                 if ln.kind != HEADING or (i + 1 < len(lines) and lines[i + 1].kind not in (HEADING, SUM))]
        grouped = sum(ln.kind == M_SUM for ln in note.lines) > 1
        if note.total is not None and (note.lines[-1].kind != M_SUM or grouped):
            # A note in groups (insatser, styrelse, kansli ...) ends with its grand total,
            # the figure of the statement row; its last group sum is not that figure.
            cells = [fmt.amount(note.total)]
            if with_prev:
                cells.append(fmt.amount(note.previous_total))
            label = f"Summa {note.title[0].lower()}{note.title[1:]}" if grouped else "Summa"
            lines.append(Line(label, tuple(cells), TOTAL if grouped else SUM))
        if is_balance_note(note):
            heads = ctx.balance_captions
        else:
            heads = [ctx.current_caption] + ([ctx.previous_caption] if ctx.has_previous else [])
        block.append(amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=76))
        block += rounding_footnote(ctx, f"not_{note.id}")
    block.append(Spacer(1, 8))
    return block


def noter(ctx: Context) -> list:
    if not ctx.report.noter:
        return []
    parts = new_body_page()
    parts.append(part_heading("Noter"))
    if ctx.report.previous_from_opening_balances:
        parts.append(Paragraph(_escape(opening_notes_caption(ctx.report.previous_balance_date)),
                               styles()["lead"]))
    for note in ctx.report.noter:
        block = note_block(ctx, note)
        # A short table note stays on one page; a long one and a text note may break, but
        # not right after the title (a paragraph leaves no single line behind).
        parts.append(CondPageBreak(90 if note.lines else 64))
        # A text note (principles, ansvarsförbindelser) is a few lines: split over two
        # pages it leaves a stub of a paragraph alone on the next page.
        # A note with its total fits a page: its rows are kept together with their sums.
        if not note.lines or len(note.lines) <= 44:
            parts.append(KeepTogether(block))
        else:
            parts.extend(block)
    return parts
