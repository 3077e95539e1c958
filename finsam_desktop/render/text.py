"""The report as a plain-text table in Swedish (the `finsam report` terminal output).

Like the PDF it leaves out rows with nothing in any column, prints every note that
explains a row ("5, 6"), percentages with a decimal comma, and wraps running text; the
checks end the output, the failed ones spelled out.
"""

from __future__ import annotations

import re
import textwrap

from ..money import format_kr
from ..reports.engine import period_label
from ..reports.model import (HEADING, NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION, ROW, SUM, AnnualReport,
                             OPENING_OVERVIEW_CAPTION, is_balance_note,
                             opening_notes_caption, overview_label)
from ..reports.rounding import FOOTNOTE, differences
from ..reports.visible import visible_rows

MAX_LABEL = 60   # label column of a statement; longer labels are cut
AMOUNT = 12      # width of an amount column
TEXT_WIDTH = 96  # running text is wrapped here


def _amount(v: int | None, unit: str) -> str:
    if v is None:
        return ""
    return format_kr(v if unit == "ore" else v * 100)


def _pct(v: float | None, decimals: int = 1) -> str:
    return "" if v is None else f"{v:.{decimals}f} %".replace(".", ",")


def _wrap(text: str, indent: str, width: int = TEXT_WIDTH) -> list[str]:
    """Wrapped lines; continuation lines are indented as far as the first line's text.
    An amount ("1 234 kr") is never broken: its group spaces are held together while
    wrapping (textwrap does not break at a no-break space)."""
    held = re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=kr\b|tkr\b|%)", "\u00a0", text)
    out = textwrap.wrap(held, width, initial_indent=indent, subsequent_indent=" " * len(indent))
    return [ln.replace("\u00a0", " ") for ln in out] or [indent]


def _cut(label: str, width: int) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"


def render_text(r: AnnualReport) -> str:
    unit = "kr" if r.unit == "ore" else "tkr"
    full = r.full_year
    cur = r.year_label if full else period_label(r.period.fran, r.period.till)
    prev = period_label(r.previous_period.fran, r.previous_period.till) if r.previous_period else ""
    budget_head = "Budget" if full else "Budget helår"
    lines = [f"{r.forbund.namn} ({r.forbund.orgnr})",
             f"Period {r.period.label}"
             + (f", jämförelse {r.previous_period.label}" if r.previous_period else "")
             + f". Belopp i {unit}."]
    if not full and r.previous_balance_date and not r.previous_from_opening_balances:
        lines.append(f"Balansräkningen jämförs med föregående års bokslut per {r.previous_balance_date}. "
                     "Budgeten avser helåret.")
    lines.append("")

    shown = {s.id: visible_rows(s, budget=s.id == "resultatrakning" and r.has_budget) for s in r.statements}
    # The notes use the widest statement's label column; each statement its own.
    width = min(MAX_LABEL, max(len(row.label) for rows in shown.values() for row in rows))

    def amounts(*values) -> str:
        return "".join(f" {_amount(v, r.unit):>{AMOUNT}}" for v in values)

    for s in r.statements:
        budget = s.id == "resultatrakning" and r.has_budget
        sw = min(MAX_LABEL, max(len(row.label) for row in shown[s.id]))
        c, p = cur, prev
        if s.id == "balansrakning" and (not full or r.previous_from_opening_balances):
            c, p = r.period.till, r.previous_balance_date or ""
        # The book's first year: the balansräkning compares with the ingående balanser,
        # the other statements have no comparison.
        with_prev = r.has_previous_balance if s.id == "balansrakning" else bool(r.previous_period)
        head = f"{'':{sw}} {'Not':>5} {c[:AMOUNT]:>{AMOUNT}}"
        if with_prev:
            head += f" {p[:AMOUNT]:>{AMOUNT}}"
        if budget:
            head += f" {budget_head:>{AMOUNT}} {'Utf/bud':>8}"
        lines += [s.title.upper(), head]
        for row in shown[s.id]:
            if row.kind == HEADING:
                lines.append(row.label)
                continue
            note = ", ".join(map(str, row.notes))
            text = f"{_cut(row.label, sw):{sw}} {note:>5}{amounts(row.amount)}"
            if with_prev:
                text += amounts(row.previous)
            if budget:
                text += f"{amounts(row.budget)} {_pct(row.budget_percent):>8}"
            if row.kind == SUM:
                lines.append(" " * (sw + 6) + "-" * (len(text) - sw - 6))
            lines.append(text)
        if r.previous_from_opening_balances:
            lines += _wrap(OPENING_BALANCES_CAPTION if s.id == "balansrakning" else NO_PREVIOUS_CAPTION, "")
        lines.append("")

    if r.driftredovisning:
        dw = min(MAX_LABEL, max(len(d.label) for d in r.driftredovisning.rows))
        lines.append("DRIFTREDOVISNING")
        # A delårsrapport has no avvikelse: its outcome in % of the year's budget instead.
        last = "Avvikelse" if full else "Utf/bud"
        head = f"{'':{dw}} {budget_head:>{AMOUNT}} {('Utfall' if full else cur)[:AMOUNT]:>{AMOUNT}} {last:>{AMOUNT}}"
        if r.previous_period:
            head += f" {(('Utfall ' + prev) if full else prev)[:AMOUNT + 1]:>{AMOUNT + 1}}"
        lines.append(head)
        for d in r.driftredovisning.rows:
            third = amounts(d.avvikelse) if full else f" {_pct(d.andel_procent):>{AMOUNT}}"
            text = f"{_cut(d.label, dw):{dw}}{amounts(d.budget, d.utfall)}{third}"
            if r.previous_period:
                text += f" {_amount(d.previous_utfall, r.unit):>{AMOUNT + 1}}"
            if d.kind == SUM:
                lines.append(" " * dw + "-" * (len(text) - dw))
            lines.append(text)
        lines.append("")

    lines.append("NOTER")
    if r.previous_from_opening_balances:
        lines += _wrap(opening_notes_caption(r.previous_balance_date), "")
    nw = width + 6
    for n in r.noter:
        n_prev = r.has_previous_balance if is_balance_note(n) else bool(r.previous_period)
        lines.append(f"Not {n.number} {n.title}")
        if n.text:
            lines += _wrap(n.text, "  ")
        for ln in n.lines:
            if ln.kind == ROW and ln.amount in (None, 0) and ln.previous in (None, 0):
                continue
            indent = "  " * (ln.indent + 1)
            if ln.kind == HEADING:
                lines.append(indent + ln.label)
                continue
            # A long label (projektägare – insats) wraps; the amounts follow its last line.
            wrapped = textwrap.wrap(ln.label, nw - len(indent) - 1) or [""]
            lines += [indent + w for w in wrapped[:-1]]
            lines.append(f"{indent + wrapped[-1]:{nw}}{amounts(ln.amount)}"
                         + (amounts(ln.previous) if n_prev else ""))
        if n.total is not None and n.id != "eget_kapital":
            lines.append(f"{'  Summa ' + n.title[0].lower() + n.title[1:]:{nw}}"[:nw] + amounts(n.total)
                         + (amounts(n.previous_total) if n_prev else ""))
        lines.append("")

    kf = r.nyckeltal
    lines.append("BALANSKRAVSRESULTAT")
    bw = max(len(k.label) for k in kf.balanskrav)
    for k in kf.balanskrav:
        lines.append(f"{k.label:{bw}}{amounts(k.amount)}" + (amounts(k.previous) if r.previous_period else ""))
    e = kf.eget_kapital
    lines.append("")
    pct = "–" if e.andel_procent is None else _pct(e.andel_procent, 2)
    lines += _wrap(f"Eget kapital {_amount(e.eget_kapital, r.unit)} {unit} motsvarar {pct} av tilldelade medel "
                   f"{_amount(e.tilldelade_medel, r.unit)} {unit} (rekommendation högst "
                   f"{e.rekommendation_procent:.0f} %).", "")
    lines.append("")
    lines.append("ÖVERSIKT ÖVER VERKSAMHETENS UTVECKLING")
    years = kf.femarsoversikt
    lines.append(f"{'':36}" + "".join(f" {overview_label(y)[:AMOUNT]:>{AMOUNT}}" for y in years))
    for attr, label in (("verksamhetens_intakter", "Verksamhetens intäkter"),
                        ("verksamhetens_kostnader", "Summa kostnader"), ("arets_resultat", "Årets resultat" if full else "Periodens resultat"),
                        ("eget_kapital", "Eget kapital"), ("tilldelade_medel", "Tilldelade medel"),
                        ("likvida_medel", "Likvida medel")):
        lines.append(f"{label:36}" + amounts(*(getattr(y, attr) for y in years)))
    for attr, label, dec in (("andel_procent", "Eget kapital i % av tilldelade medel", 2),
                             ("soliditet_procent", "Soliditet", 1)):
        lines.append(f"{label:36}" + "".join(f" {_pct(getattr(y, attr), dec):>{AMOUNT}}" for y in years))
    if any(y.from_opening_balances for y in years):
        lines += _wrap(OPENING_OVERVIEW_CAPTION, "")
    lines.append("")

    if differences(r):
        lines += _wrap(FOOTNOTE, "")
        lines.append("")
    lines.append("KONTROLLER")
    failed = [c for c in r.kontroller if not c.ok]
    lines.append(f"{len(r.kontroller) - len(failed)} av {len(r.kontroller)} kontroller är uppfyllda.")
    for c in r.kontroller:
        lines += _wrap(c.message, "  [ok]  " if c.ok else "  [FEL] ")
    return "\n".join(lines)
