"""The bank reconciliation (avstämning) as a signed PDF for the internal control."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from ..bank.reconcile import Reconciliation
from ..errors import FinsamError
from ..files import write_atomically
from ..money import format_ore
from .pdf_fonts import SANS, SANS_BOLD
from .pdf_styles import styles


def _kr(ore: int | None) -> str:
    return "–" if ore is None else format_ore(ore, minus="\u2212")


def _table(rows: list[list], widths: list[float], *, head: bool = True, bold_last: bool = False) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    style = [("FONT", (0, 0), (-1, -1), SANS, 8.6), ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5)]
    if head:
        style += [("FONT", (0, 0), (-1, 0), SANS_BOLD, 8), ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor("#555f69")),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#8a949e"))]
    if bold_last:
        style += [("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.6),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.HexColor("#8a949e"))]
    t.setStyle(TableStyle(style))
    return t


def render_reconciliation_bytes(rec: Reconciliation, *, printed: str | None = None) -> bytes:
    s = styles()
    story = [Paragraph("Bankavstämning", s["part"]),
             Paragraph(escape(f"{rec.forbund}, organisationsnummer {rec.orgnr}"), s["lead"]),
             Paragraph(escape(f"Konto {rec.account} {rec.account_name} per {rec.date}"), s["h2"])]
    summary = [["Saldo enligt kontoutdraget", _kr(rec.bank_balance)],
               ["Saldo enligt bokföringen", _kr(rec.book_balance)],
               ["Differens (bank − bokföring)", _kr(rec.difference)],
               ["förklaras av bankrader utan verifikation", _kr(sum(x.amount for x in rec.open_lines))],
               ["förklaras av verifikationer utan bankrad", _kr(-sum(x.amount for x in rec.open_movements))],
               ["Oförklarad differens", _kr(rec.unexplained)]]
    story.append(_table(summary, [120 * mm, 40 * mm], head=False, bold_last=True))
    if rec.bank_balance is None:
        verdict = "Inget inläst kontoutdrag täcker datumet; banksaldot är okänt."
    elif rec.ok:
        verdict = "Avstämningen stämmer: saldona är lika och varje bankrad har sin verifikation."
    elif rec.unexplained == 0:
        verdict = "Differensen förklaras helt av raderna nedan."
    else:
        verdict = f"Det finns en oförklarad differens på {_kr(rec.unexplained)} kr som måste utredas."
    story += [Spacer(1, 4 * mm), Paragraph(escape(verdict), s["body"])]
    if rec.open_lines:
        story.append(Paragraph("Bankrader utan bokförd verifikation", s["h3"]))
        story.append(_table([["Datum", "Text", "Belopp"]] + [[x.date, Paragraph(escape(x.text), s["cell"]), _kr(x.amount)]
                                                           for x in rec.open_lines], [24 * mm, 106 * mm, 30 * mm]))
    if rec.open_movements:
        story.append(Paragraph("Verifikationer på bankkontot utan bankrad", s["h3"]))
        story.append(_table([["Ver", "Datum", "Text", "Belopp"]]
                            + [[x.ref, x.date, Paragraph(escape(x.text), s["cell"]), _kr(x.amount)]
                               for x in rec.open_movements], [18 * mm, 24 * mm, 88 * mm, 30 * mm]))
    story += [Spacer(1, 14 * mm), Paragraph("Underskrifter", s["h3"])]
    sign = Table([["Avstämd av", "", "Granskad av"], ["", "", ""],
                  ["Namnförtydligande och datum", "", "Namnförtydligande och datum"]],
                 colWidths=[70 * mm, 20 * mm, 70 * mm], rowHeights=[5 * mm, 14 * mm, 5 * mm])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8), ("LINEBELOW", (0, 1), (0, 1), 0.6, colors.black),
                              ("LINEBELOW", (2, 1), (2, 1), 0.6, colors.black),
                              ("TEXTCOLOR", (0, 2), (-1, 2), colors.HexColor("#555f69"))]))
    story.append(sign)
    printed = printed or datetime.now().strftime("%Y-%m-%d %H:%M")
    story += [Spacer(1, 8 * mm), Paragraph(escape(f"Utskriven {printed} ur Finsam Bokföring. {rec.statements} "
                                                  "inlästa kontoutdrag ligger till grund för banksaldot."),
                                           s["small"])]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=f"Bankavstämning {rec.account} {rec.date}",
                            author=rec.forbund)
    doc.build(story)
    return buf.getvalue()


def render_reconciliation(rec: Reconciliation, path) -> Path:
    path = Path(path)
    if not path.parent.exists():
        raise FinsamError(f"Mappen {path.parent} finns inte; PDF-filen kan inte sparas där.", path=str(path))
    write_atomically(path, render_reconciliation_bytes(rec), f"PDF-filen {path} kunde inte sparas: {{reason}}.")
    return path
