"""The report as a plain-text table in Swedish (the `finsam report` terminal output)."""

from __future__ import annotations

from ..money import format_kr
from .model import HEADING, SUM, AnnualReport

WIDTH = 60  # label column; long labels are cut here


def _amount(v: int | None, unit: str) -> str:
    if v is None:
        return ""
    return format_kr(v) if unit == "ore" else f"{v:,}".replace(",", " ").replace("-", "-")


def render_text(r: AnnualReport) -> str:
    unit = "kr" if r.unit == "ore" else "tkr"
    cur = r.year_label if r.extra.get("full_year", True) else "Perioden"
    prev = r.previous_period.label if r.previous_period else ""
    lines = [f"{r.forbund.namn} ({r.forbund.orgnr})",
             f"Period {r.period.label}" + (f", jämförelse {prev}" if prev else "") + f". Belopp i {unit}.", ""]

    def head(title: str, extra: str = "") -> None:
        lines.append(title.upper())
        lines.append(f"{'':{WIDTH}} {'Not':>5} {cur[:12]:>12} {'Föreg. år':>12}{extra}")

    for s in r.statements:
        budget = s.id == "resultatrakning" and r.has_budget
        head(s.title, f" {'Budget':>12} {'Utf/bud':>8}" if budget else "")
        for row in s.rows:
            if row.kind == HEADING:
                lines.append(row.label)
                continue
            label = row.label if row.kind != SUM else row.label.upper() if False else row.label
            note = " & ".join(map(str, row.notes))
            text = f"{label[:WIDTH]:{WIDTH}} {note:>5} {_amount(row.amount, r.unit):>12} " \
                   f"{_amount(row.previous, r.unit):>12}"
            if budget:
                pct = row.budget_percent
                text += f" {_amount(row.budget, r.unit):>12} {'' if pct is None else f'{pct:.0f} %':>8}"
            if row.kind == SUM:
                lines.append("-" * len(text))
            lines.append(text)
        lines.append("")
    if r.driftredovisning:
        lines.append("DRIFTREDOVISNING")
        lines.append(f"{'':{WIDTH}} {'Budget':>12} {'Utfall':>12} {'Avvikelse':>12} {'Utfall föreg.':>13}")
        for d in r.driftredovisning.rows:
            lines.append(f"{d.label[:WIDTH]:{WIDTH}} {_amount(d.budget, r.unit):>12} {_amount(d.utfall, r.unit):>12} "
                         f"{_amount(d.avvikelse, r.unit):>12} {_amount(d.previous_utfall, r.unit):>13}")
        lines.append("")
    lines.append("NOTER")
    for n in r.noter:
        lines.append(f"Not {n.number} {n.title}")
        if n.text:
            lines.append(f"  {n.text}")
        for ln in n.lines:
            indent = "  " * (ln.indent + 1)
            lbl = f"{indent}{ln.label}"
            if ln.kind == HEADING:
                lines.append(lbl)
            else:
                lines.append(f"{lbl[:WIDTH + 6]:{WIDTH + 6}} {_amount(ln.amount, r.unit):>12} "
                             f"{_amount(ln.previous, r.unit):>12}")
        if n.total is not None and n.id != "eget_kapital":
            lines.append(f"{'  Summa':{WIDTH + 6}} {_amount(n.total, r.unit):>12} "
                         f"{_amount(n.previous_total, r.unit):>12}")
        lines.append("")
    kf = r.nyckeltal
    lines.append("BALANSKRAVSRESULTAT")
    for k in kf.balanskrav:
        lines.append(f"{k.label[:WIDTH + 6]:{WIDTH + 6}} {_amount(k.amount, r.unit):>12} "
                     f"{_amount(k.previous, r.unit):>12}")
    e = kf.eget_kapital
    lines.append("")
    pct = "–" if e.andel_procent is None else f"{e.andel_procent:.2f} %".replace(".", ",")
    lines.append(f"Eget kapital {_amount(e.eget_kapital, r.unit)} {unit} = {pct} av tilldelade medel "
                 f"{_amount(e.tilldelade_medel, r.unit)} {unit} (rekommendation högst "
                 f"{e.rekommendation_procent:.0f} %).")
    lines.append("")
    lines.append("ÖVERSIKT ÖVER VERKSAMHETENS UTVECKLING")
    years = kf.femarsoversikt
    lines.append(f"{'':28}" + "".join(f"{y.year_label[:12]:>13}" for y in years))
    for attr, label in (("verksamhetens_intakter", "Verksamhetens intäkter"),
                        ("verksamhetens_kostnader", "Kostnader"), ("arets_resultat", "Årets resultat"),
                        ("eget_kapital", "Eget kapital"), ("likvida_medel", "Likvida medel")):
        lines.append(f"{label:28}" + "".join(f"{_amount(getattr(y, attr), r.unit):>13}" for y in years))
    for attr, label in (("andel_procent", "Eget kapital/tilldelat %"), ("soliditet_procent", "Soliditet %")):
        lines.append(f"{label:28}" + "".join(
            f"{'' if getattr(y, attr) is None else f'{getattr(y, attr):.1f}'.replace('.', ','):>13}" for y in years))
    lines.append("")
    lines.append("KONTROLLER")
    for c in r.kontroller:
        lines.append(f"[{'ok' if c.ok else 'FEL'}] {c.meddelande}")
    return "\n".join(lines)
