"""Resultaträkning, balansräkning, kassaflödesanalys, driftredovisning and noter.

Row labels, order and every amount come from the report; this module decides only what
is shown: rows with nothing in either year are left out (and a sum whose rows were all
left out and that is zero), captions are added where a Swedish report has them.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from ..reports.model import HEADING as M_HEADING
from ..reports.model import SUM as M_SUM
from ..reports.model import Note, Statement, StatementRow
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading
from .pdf_styles import styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Line, _escape, amount_table, percent
from .pdf_text import user_text

# The last line of each statement is ruled as a total.
TOTALS = {
    "resultatrakning": {"arets_resultat"},
    "balansrakning": {"summa_tillgangar", "summa_eget_kapital_avsattningar_och_skulder"},
    "kassaflodesanalys": {"arets_kassaflode"},
}
# Captions a Swedish statement prints before these rows (the engine has no heading rows).
CAPTIONS = {
    "balansrakning": {"immateriella_anlaggningstillgangar": "Tillgångar",
                      "arets_resultat": "Eget kapital, avsättningar och skulder"},
    "kassaflodesanalys": {"arets_resultat": "Den löpande verksamheten",
                          "likvida_medel_vid_arets_borjan": "Likvida medel"},
}


# Cash at the start and the end always print: the reader checks the year's cash flow
# against them, even when one of them is zero.
ALWAYS_SHOWN = {"likvida_medel_vid_arets_borjan", "likvida_medel_vid_arets_slut"}


def _empty(v) -> bool:
    return v in (None, 0)


def visible_rows(statement: Statement, *, budget: bool = False) -> list[StatementRow]:
    """The rows to print: an account row with nothing in either year (nor in the budget)
    is left out; so is a sum that is zero in both years when every row since the
    previous sum was left out. Headings stay only when a row under them stays."""
    kept: list[StatementRow] = []
    group_has_rows = False
    for r in statement.rows:
        values = (r.amount, r.previous) + ((r.budget,) if budget else ())
        if r.kind == M_HEADING:
            kept.append(r)
            continue
        if r.kind == M_SUM:
            if group_has_rows or not all(_empty(v) for v in values):
                kept.append(r)
            group_has_rows = False
            continue
        if r.id in ALWAYS_SHOWN or not all(_empty(v) for v in values):
            kept.append(r)
            group_has_rows = True
    # Drop headings followed by nothing (or by another heading).
    out = []
    for i, r in enumerate(kept):
        if r.kind == M_HEADING and (i + 1 == len(kept) or kept[i + 1].kind == M_HEADING):
            continue
        out.append(r)
    return out


def statement_lines(ctx: Context, statement: Statement) -> list[Line]:
    fmt = ctx.fmt
    budget = ctx.report.has_budget and statement.id == "resultatrakning"
    totals = TOTALS.get(statement.id, set())
    captions = CAPTIONS.get(statement.id, {})
    lines: list[Line] = []
    for r in visible_rows(statement, budget=budget):
        if r.id in captions and r.kind != M_HEADING:
            lines.append(Line(captions[r.id], (), HEADING))
        if r.kind == M_HEADING:
            lines.append(Line(r.label, (), HEADING))
            continue
        cells = [fmt.amount(r.amount)]
        if ctx.has_previous:
            cells.append(fmt.amount(r.previous))
        if budget:
            cells += [fmt.amount(r.budget), percent(r.budget_percent) if r.budget_percent is not None else ""]
        kind = TOTAL if r.id in totals else SUM if r.kind == M_SUM else ROW
        lines.append(Line(r.label, tuple(cells), kind, note=_notes(r)))
    return lines


def _notes(r: StatementRow) -> str:
    numbers = getattr(r, "notes", None)
    if numbers is None:
        numbers = (r.note,) if getattr(r, "note", None) else ()
    return ", ".join(str(n) for n in numbers)


def statement_headers(ctx: Context, statement: Statement) -> list[str]:
    if statement.id == "balansrakning":
        heads = [ctx.report.period.till]
        if ctx.has_previous:
            heads.append(ctx.report.previous_period.till)
        return heads
    heads = [f"Utfall<br/>{ctx.current_caption}"]
    if ctx.has_previous:
        heads.append(f"Utfall<br/>{ctx.previous_caption}")
    if ctx.report.has_budget and statement.id == "resultatrakning":
        # The budget is the whole räkenskapsår's, also in a delårsrapport.
        heads += [f"Budget<br/>{ctx.year.label}", "Utfall/<br/>budget"]
    return heads


def statement_part(ctx: Context, statement: Statement, lead: str) -> list:
    st = styles()
    heads = statement_headers(ctx, statement)
    amount_w = 64 if len(heads) > 2 else 76
    parts = new_body_page()
    parts.append(part_heading(statement.title))
    parts.append(Paragraph(_escape(lead), st["lead"]))
    parts.append(amount_table(statement_lines(ctx, statement), heads, unit_label=ctx.fmt.unit_label,
                              note_column=True, amount_width=amount_w))
    return parts


def statements(ctx: Context) -> list:
    p = ctx.report.period
    rr, br, kfa = ctx.report.statements
    return (statement_part(ctx, rr, f"Perioden {p.fran} – {p.till}")
            + statement_part(ctx, br, f"Ställning per {p.till}")
            + statement_part(ctx, kfa, f"Perioden {p.fran} – {p.till}. Indirekt metod; endast "
                                       "transaktioner som medför in- eller utbetalningar ingår."))


# ---------------------------------------------------------------- driftredovisning
def driftredovisning(ctx: Context) -> list:
    drift = ctx.report.driftredovisning
    if drift is None or not drift.rows:
        return []
    st = styles()
    fmt = ctx.fmt
    heads = [f"Budget<br/>{ctx.year.label}", f"Utfall<br/>{ctx.current_caption}", "Avvikelse"]
    if ctx.has_previous:
        heads.append(f"Utfall<br/>{ctx.previous_caption}")
    lines = []
    for r in drift.rows:
        if r.kind == M_HEADING:
            lines.append(Line(r.label, (), HEADING))
            continue
        cells = [fmt.amount(r.budget), fmt.amount(r.utfall), fmt.amount(r.avvikelse)]
        if ctx.has_previous:
            cells.append(fmt.amount(r.previous_utfall))
        is_last = r is drift.rows[-1]
        kind = TOTAL if (r.kind == M_SUM and is_last) else SUM if r.kind == M_SUM else ROW
        lines.append(Line(r.label, tuple(cells), kind))
    parts = new_body_page()
    parts.append(part_heading("Driftredovisning"))
    parts.append(Paragraph("Budget och utfall per budgetpost. Intäkter anges positiva och kostnader "
                           "negativa; en positiv avvikelse är bättre än budget.", st["lead"]))
    parts.append(amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=70))
    return parts


# ---------------------------------------------------------------- noter
def note_block(ctx: Context, note: Note) -> list:
    st = styles()
    fmt = ctx.fmt
    block: list = [Paragraph(f"Not {note.number}\u2002{_escape(note.title)}", st["h3"])]
    if note.text:
        block += user_text(note.text)
    if note.lines:
        lines = []
        for ln in note.lines:
            if ln.kind not in (M_HEADING, M_SUM) and _empty(ln.amount) and _empty(ln.previous):
                continue  # nothing in either year
            if ln.kind == M_HEADING:
                lines.append(Line(ln.label, (), HEADING, indent=ln.indent))
                continue
            cells = [fmt.amount(ln.amount)]
            if ctx.has_previous:
                cells.append(fmt.amount(ln.previous))
            lines.append(Line(ln.label, tuple(cells), SUM if ln.kind == M_SUM else ROW, indent=ln.indent))
        lines = [ln for i, ln in enumerate(lines)
                 if ln.kind != HEADING or (i + 1 < len(lines) and lines[i + 1].kind not in (HEADING, SUM))]
        if note.total is not None and note.lines[-1].kind != M_SUM:
            cells = [fmt.amount(note.total)]
            if ctx.has_previous:
                cells.append(fmt.amount(note.previous_total))
            lines.append(Line("Summa", tuple(cells), SUM))
        heads = [ctx.report.period.till if _is_balance_note(note) else ctx.current_caption]
        if ctx.has_previous:
            heads.append(ctx.report.previous_period.till if _is_balance_note(note) else ctx.previous_caption)
        block.append(amount_table(lines, heads, unit_label=fmt.unit_label, amount_width=76))
    block.append(Spacer(1, 8))
    return block


def _is_balance_note(note: Note) -> bool:
    return any(sid == "balansrakning" for sid, _ in note.row_ids)


def noter(ctx: Context) -> list:
    if not ctx.report.noter:
        return []
    parts = new_body_page()
    parts.append(part_heading("Noter"))
    for note in ctx.report.noter:
        block = note_block(ctx, note)
        # A short table note stays on one page; a long one and a text note may break, but
        # not right after the title (a paragraph leaves no single line behind).
        parts.append(CondPageBreak(90 if note.lines else 64))
        if note.lines and len(note.lines) <= 14:
            parts.append(KeepTogether(block))
        else:
            parts.extend(block)
    return parts
