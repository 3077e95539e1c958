"""Any table the program shows, as an Excel workbook of one sheet.

    write_table_xlsx(TableExport("Huvudbok 1930", "Förbundet, 2025-01-01 – 2025-12-31",
                                 (TableColumn("Datum", DATE), TableColumn("Saldo", KRONOR)), rows), "x.xlsx")

Each cell is a real Excel value: kronor (given in öre) as numbers with two decimals and
a Swedish number format, dates as Excel dates, whole numbers as numbers, text as text.
A title and a subtitle above the header row, the header frozen, an auto filter over the
table and column widths that fit what the first rows hold. The rows are streamed
(render/xlsx_file.py), so a table of a million rows needs little memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Iterable, Sequence

from .xlsx_file import Alignment, Fill, Font, xlsx_written

TEXT, INTEGER, KRONOR, DATE, NUMBER = "text", "integer", "kronor", "date", "number"
KR_FORMAT = '#,##0.00;-#,##0.00;"–"'
NUMBER_FORMAT = "#,##0.0#"
HEADER_ROW = 4       # title, subtitle, an empty row, then the captions
SAMPLE = 500         # rows looked at for the column widths


@dataclass(frozen=True)
class TableColumn:
    title: str
    kind: str = TEXT     # what the column holds: TEXT, INTEGER, KRONOR (öre), DATE (ISO text), NUMBER


@dataclass(frozen=True)
class TableExport:
    title: str
    subtitle: str
    columns: tuple[TableColumn, ...]
    rows: Iterable[Sequence]          # a value per column; a cell of another kind than its column's is
                                      # given as a (kind, value) pair; None is an empty cell
    bold_rows: frozenset[int] = frozenset()   # 0-based rows to set in bold (sum lines)


def _shown_len(kind: str, value) -> int:
    if value is None:
        return 0
    if kind == KRONOR:
        return len(f"{value / 100:,.2f}") + 1
    if kind == DATE:
        return 10
    return max((len(part) for part in str(value).split("\n")), default=0)


def write_table_xlsx(table: TableExport, path: str | Path) -> Path:
    """Write the table to `path` (through a temporary file: a failure leaves nothing)."""
    cols = table.columns
    rows = iter(table.rows)
    head = list(islice(rows, SAMPLE))
    widths = []
    for i, c in enumerate(cols):
        longest = max([len(c.title)] + [_shown_len(*_kind_value(c.kind, r[i] if i < len(r) else None))
                                        for r in head])
        widths.append(min(max(longest + 2, 8), 60))
    with xlsx_written(path, table.title) as wb:
        sheet = wb.sheet(_sheet_name(table.title), widths=widths, freeze_rows=HEADER_ROW)
        title = wb.style(font=Font(bold=True, size=14))
        caption_left = wb.style(font=Font(bold=True), fill=Fill("DDE4EE"),
                                align=Alignment(horizontal="left", vertical="center", wrap=True))
        caption_right = wb.style(font=Font(bold=True), fill=Fill("DDE4EE"),
                                 align=Alignment(horizontal="right", vertical="center", wrap=True))
        styles = {False: {KRONOR: wb.style(num_format=KR_FORMAT), DATE: wb.date_style,
                          NUMBER: wb.style(num_format=NUMBER_FORMAT), INTEGER: 0, TEXT: 0},
                  True: {KRONOR: wb.style(num_format=KR_FORMAT, font=Font(bold=True)),
                         DATE: wb.date_style_with(font=Font(bold=True)),
                         NUMBER: wb.style(num_format=NUMBER_FORMAT, font=Font(bold=True)),
                         INTEGER: wb.style(font=Font(bold=True)), TEXT: wb.style(font=Font(bold=True))}}
        sheet.row([(table.title, title)])
        sheet.row([table.subtitle])
        sheet.row([])
        sheet.row([(c.title, caption_right if c.kind in (KRONOR, NUMBER, INTEGER) else caption_left)
                   for c in cols])
        serial = sheet.date_serial
        bold_rows = table.bold_rows
        for n, r in enumerate(_chain(head, rows)):
            style = styles[n in bold_rows]
            cells = []
            for i, c in enumerate(cols):
                kind, value = _kind_value(c.kind, r[i] if i < len(r) else None)
                if value is None or value == "":
                    cells.append(None)
                elif kind == KRONOR:
                    cells.append((value // 100 if value % 100 == 0 else value / 100, style[KRONOR]))
                elif kind == DATE:
                    cells.append((serial(value) if isinstance(value, str) else value, style[DATE]))
                elif kind in (INTEGER, NUMBER):
                    cells.append((value, style[kind]))
                else:
                    cells.append((str(value), style[TEXT]))
            sheet.row(cells)
        sheet.autofilter(HEADER_ROW, max(sheet.rows, HEADER_ROW), len(cols) - 1)
    return Path(path)


def _kind_value(kind: str, value):
    if type(value) is tuple:
        return value
    if kind == DATE and isinstance(value, date):
        return DATE, value
    return kind, value


def _chain(head: list, rest) -> Iterable:
    yield from head
    yield from rest


def _sheet_name(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "Tabell"
    return name[:31]
