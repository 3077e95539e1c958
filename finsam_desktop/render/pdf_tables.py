"""Amount tables in the annual report's style, and the formatting of figures.

A table is a list of `Line`s (label, note, amounts, kind). This module only formats:
every amount and every sum comes from the report data as it is; nothing is added up
here. Amounts are right-aligned with Swedish grouping, sums get a thin rule above,
totals a rule above and a stronger one below, section captions are set in the accent
colour, and there are no boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from ..money import format_kr
from .pdf_fonts import SANS, SANS_BOLD
from .pdf_styles import (ACCENT, FRAME_WIDTH, INK, MUTED, RULE, TABLE_LEADING, TABLE_SIZE,
                         styles)

MINUS = "\u2212"
NBSP = "\u00a0"

ROW, SUM, TOTAL, HEADING = "row", "sum", "total", "heading"


class Formatter:
    """Prints the report's amounts: whole kronor or tkr, grouped with spaces, a real
    minus sign, and '–' for "nothing" (None)."""

    def __init__(self, unit: str):
        self.unit = unit  # 'ore' or 'tkr'

    @property
    def unit_label(self) -> str:
        return "tkr" if self.unit == "tkr" else "kr"

    def amount(self, value: int | None) -> str:
        if value is None:
            return "\u2013"
        # tkr values are whole thousands: printed as they are, grouped like kronor.
        ore = value * 100 if self.unit == "tkr" else value
        return format_kr(ore, minus=MINUS)

    def kr(self, value: int | None) -> str:
        """An amount followed by its unit, for running text: '389 901 kr', held together
        by no-break spaces so that a line never breaks inside it."""
        return f"{self.amount(value)} {self.unit_label}".replace(" ", NBSP)


def percent(value: float | None, decimals: int = 1) -> str:
    """15.04 -> '15,04 %' (Swedish decimal comma), None -> '–'."""
    if value is None:
        return "\u2013"
    text = f"{abs(value):.{decimals}f}".replace(".", ",")
    return f"{MINUS if value < 0 and float(text.replace(',', '.')) != 0 else ''}{text} %"


@dataclass(frozen=True)
class Line:
    label: str
    cells: tuple[str, ...]   # already formatted amounts (or '' for none)
    kind: str = ROW          # row | sum | total | heading
    note: str = ""
    indent: int = 0


def _label_cell(text: str, kind: str, indent: int, width: float):
    """The label as plain text when it fits (fast), else as a wrapping paragraph."""
    font = SANS_BOLD if kind in (SUM, TOTAL, HEADING) else SANS
    pad = 10 * indent
    if stringWidth(text, font, TABLE_SIZE) + pad <= width - 8:
        return text
    st = styles()
    base = st["cell_section"] if kind == HEADING else st["cell_bold"] if kind in (SUM, TOTAL) else st["cell"]
    # The cell's LEFTPADDING already indents it.
    return Paragraph(_escape(text), base)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def amount_table(lines: Sequence[Line], headers: Sequence[str], *, unit_label: str,
                 note_column: bool = False, label_width: float | None = None,
                 amount_width: float = 66, width: float = FRAME_WIDTH) -> Table:
    """A table of labelled amounts.

    headers: the amount columns' captions (one per cell of each Line). The first header
    cell says the unit ("Belopp i kr"). With note_column a narrow "Not" column follows
    the label.
    """
    n = len(headers)
    note_w = 26 if note_column else 0
    if label_width is None:
        label_width = width - note_w - n * amount_width
    col_widths = [label_width] + ([note_w] if note_column else []) + [amount_width] * n
    st = styles()
    head = [Paragraph(f"Belopp i {unit_label}", st["cell_head_left"])]
    if note_column:
        head.append(Paragraph("Not", st["cell_head"]))
    head += [Paragraph(h, st["cell_head"]) for h in headers]
    data = [head]
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, TABLE_SIZE, TABLE_LEADING),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
    ]
    if note_column:
        commands.append(("TEXTCOLOR", (1, 1), (1, -1), MUTED))
        commands.append(("FONT", (1, 1), (1, -1), SANS, TABLE_SIZE - 0.8, TABLE_LEADING))
    for i, line in enumerate(lines, start=1):
        row = [_label_cell(line.label, line.kind, line.indent, label_width)]
        if note_column:
            row.append(line.note)
        row += list(line.cells) if line.kind != HEADING else [""] * n
        data.append(row)
        if line.indent:
            commands.append(("LEFTPADDING", (0, i), (0, i), 10 * line.indent))
        if line.kind == HEADING:
            commands += [("FONT", (0, i), (-1, i), SANS_BOLD, TABLE_SIZE, TABLE_LEADING),
                         ("TEXTCOLOR", (0, i), (-1, i), ACCENT),
                         ("TOPPADDING", (0, i), (-1, i), 7 if i > 1 else 4)]
        elif line.kind == SUM:
            commands += [("FONT", (0, i), (0, i), SANS_BOLD, TABLE_SIZE, TABLE_LEADING),
                         ("FONT", (2 if note_column else 1, i), (-1, i), SANS_BOLD, TABLE_SIZE,
                          TABLE_LEADING),
                         ("LINEABOVE", (0, i), (-1, i), 0.5, RULE),
                         ("BOTTOMPADDING", (0, i), (-1, i), 4.5)]
        elif line.kind == TOTAL:
            commands += [("FONT", (0, i), (0, i), SANS_BOLD, TABLE_SIZE, TABLE_LEADING),
                         ("FONT", (2 if note_column else 1, i), (-1, i), SANS_BOLD, TABLE_SIZE,
                          TABLE_LEADING),
                         ("LINEABOVE", (0, i), (-1, i), 0.6, INK),
                         ("LINEBELOW", (0, i), (-1, i), 1.1, INK),
                         ("BOTTOMPADDING", (0, i), (-1, i), 3)]
    last = len(data) - 1
    for i, line in enumerate(lines, start=1):
        if line.kind == HEADING and i < last:
            # A caption never ends a page: it stays with the first two rows under it.
            commands.append(("NOSPLIT", (0, i), (-1, min(i + 2, last))))
    if last >= 2:
        # Nor does a sum or total start one alone: it keeps the two rows above it.
        commands.append(("NOSPLIT", (0, max(1, last - 2)), (-1, last)))
    table = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def text_table(rows: Sequence[Sequence[str]], col_widths: Sequence[float], *,
               header: Sequence[str] | None = None, right_from: int = 1,
               bold_rows: Sequence[int] = (), ruled_rows: Sequence[int] = ()) -> Table:
    """A small table of already formatted cells (key figures, overviews)."""
    st = styles()
    data = []
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, TABLE_SIZE, TABLE_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (right_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    offset = 0
    if header is not None:
        data.append([Paragraph(_escape(h), st["cell_head_left"] if j < right_from else st["cell_head"])
                     for j, h in enumerate(header)])
        commands += [("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                     ("BOTTOMPADDING", (0, 0), (-1, 0), 4)]
        offset = 1
    for r in rows:
        data.append([c if stringWidth(c, SANS, TABLE_SIZE) <= col_widths[j] - 4 or j >= right_from
                     else Paragraph(_escape(c), st["cell"]) for j, c in enumerate(r)])
    for i in bold_rows:
        commands.append(("FONT", (0, i + offset), (-1, i + offset), SANS_BOLD, TABLE_SIZE, TABLE_LEADING))
    for i in ruled_rows:
        commands += [("LINEABOVE", (0, i + offset), (-1, i + offset), 0.5, RULE),
                     ("BOTTOMPADDING", (0, i + offset), (-1, i + offset), 4.5)]
    table = Table(data, colWidths=list(col_widths), repeatRows=offset, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table
