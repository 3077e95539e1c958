"""The SUS figures (reports.sus) as an Excel workbook of one sheet, laid out in the
order SUS asks for them: finansiering, insatser (budget, insatskostnad, övrigt, utfall),
administration by kind, and the checks against the resultaträkning. Real numbers in
kronor with öre, so the cells can be copied into SUS as they are."""

from __future__ import annotations

from pathlib import Path

from ..reports.sus import SusFigures
from .xlsx_file import Fill, Font, xlsx_written

KR = '#,##0.00;-#,##0.00;"–"'
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = Fill("DDE4EE")


def write_sus_xlsx(figures: SusFigures, forbund: str, path: str | Path) -> Path:
    target = Path(path)
    with xlsx_written(target, f"SUS {forbund} {figures.year_label}") as wb:
        ws = wb.sheet("SUS", widths=[46, 16, 16, 16, 16])
        money = wb.style(num_format=KR)
        bold_money = wb.style(font=BOLD, num_format=KR)
        bold = wb.style(font=BOLD)
        head = wb.style(font=BOLD, fill=HEAD_FILL)

        def kr(ore: int, style=money):
            return (ore / 100, style)

        ws.row([(f"Uppgifter till SUS {figures.year_label} – {forbund}", wb.style(font=TITLE))])
        ws.row(["Belopp i kronor, ur bokföringen."])
        ws.row([])
        ws.row([("Finansiering", head), ("Belopp", head)])
        for f in figures.funding:
            ws.row([f.label, kr(f.amount)])
        ws.row([("Summa finansiering", bold), kr(figures.total_funding, bold_money)])
        ws.row([])
        ws.row([("Insats", head), ("Budget", head), ("Insatskostnad", head), ("Övrigt", head), ("Utfall", head)])
        for i in figures.insatser:
            ws.row([f"{i.code} {i.name}", kr(i.budget), kr(i.insatskostnad), kr(i.ovrigt), kr(i.outcome)])
        ws.row([("Summa insatser", bold), kr(sum(i.budget for i in figures.insatser), bold_money),
                kr(sum(i.insatskostnad for i in figures.insatser), bold_money),
                kr(sum(i.ovrigt for i in figures.insatser), bold_money), kr(figures.total_insatser, bold_money)])
        ws.row([])
        ws.row([("Administration", head), ("Belopp", head)])
        for a in figures.administration:
            ws.row([a.label, kr(a.amount)])
        ws.row([("Summa administration", bold), kr(figures.total_administration, bold_money)])
        if figures.avskrivningar:
            ws.row(["Avskrivningar", kr(figures.avskrivningar)])
        ws.row(["Finansiella kostnader", kr(figures.finansiella_kostnader)])
        ws.row([])
        ws.row([("Kontroll mot resultaträkningen", head), ("SUS", head), ("Resultaträkningen", head),
                ("Stämmer", head)])
        for c in figures.checks:
            ws.row([c.label, kr(c.sus), kr(c.statement), "Ja" if c.ok else "NEJ"])
    return target
