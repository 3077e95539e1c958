"""Styrelsens underskrifter: place and date, a signature line per board member with name
and role, and the auditors' line when auditors are given."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .pdf_context import Context
from .pdf_fonts import SANS
from .pdf_doc import new_body_page, part_heading
from .pdf_styles import FRAME_WIDTH, INK, styles
from .pdf_tables import _escape

GAP = 14 * mm  # room to sign above each line


def underskrifter(ctx: Context) -> list:
    st = styles()
    board = [s for s in ctx.signatories if s.kind == "styrelse"]
    auditors = [s for s in ctx.signatories if s.kind == "revisor"]
    place = ctx.text("beslutsort") or ctx.text("ort") or ctx.report.forbund.ort
    date = ctx.text("beslutsdatum")
    parts = new_body_page()
    parts.append(part_heading("Underskrifter"))
    what = "årsredovisningen" if ctx.full_year else "delårsrapporten"
    parts.append(Paragraph(
        f"Styrelsen intygar att {what} ger en rättvisande bild av förbundets resultat och ekonomiska "
        "ställning.", st["body"]))
    parts.append(Spacer(1, 6))
    parts.append(Paragraph(_place_date(place, date), st["body"]))
    parts.append(Spacer(1, 4))
    if board:
        parts.append(signature_lines(board))
    elif ctx.draft:
        parts.append(Paragraph("[Styrelsens ledamöter saknas]", st["missing"]))
    if auditors and ctx.full_year:
        # A delårsrapport has no revisionsberättelse (the revisorer assess it apart).
        block = [Spacer(1, 10 * mm),
                 Paragraph("Vår revisionsberättelse har lämnats ______________________", st["body"]),
                 signature_lines(auditors)]
        parts.append(KeepTogether(block))
    return parts


def _place_date(place: str, date: str) -> str:
    place = _escape(place) if place else "_______________"
    date = _escape(date) if date else "_______________"
    return f"{place} den {date}"


def signature_lines(people) -> Table:
    """Two columns of signature lines; each a rule with the name and role beneath."""
    gutter = 16 * mm
    col = (FRAME_WIDTH - gutter) / 2
    data, commands = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), SANS, 9),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    for i in range(0, len(people), 2):
        pair = people[i:i + 2]
        r = len(data)
        data.append(["", "", ""])  # room for the signature
        data.append([_name_role(pair[0]), "", _name_role(pair[1]) if len(pair) > 1 else ""])
        commands.append(("LINEBELOW", (0, r), (0, r), 0.6, INK))
        if len(pair) > 1:
            commands.append(("LINEBELOW", (2, r), (2, r), 0.6, INK))
        commands.append(("TOPPADDING", (0, r + 1), (-1, r + 1), 3))
        commands.append(("BOTTOMPADDING", (0, r + 1), (-1, r + 1), 6))
    row_heights = [GAP if i % 2 == 0 else None for i in range(len(data))]
    table = Table(data, colWidths=[col, gutter, col], rowHeights=row_heights, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _name_role(s) -> list:
    st = styles()
    out = [Paragraph(_escape(s.name), st["sign_name"])]
    if s.role:
        out.append(Paragraph(_escape(s.role), st["sign_role"]))
    return out
