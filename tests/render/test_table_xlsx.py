"""render/table_xlsx.py: a shown table as one sheet of real Excel values."""

from __future__ import annotations

import datetime as dt

import openpyxl

from finsam_desktop.render.table_xlsx import (DATE, INTEGER, KR_FORMAT, KRONOR, NUMBER, TEXT, TableColumn,
                                              TableExport, write_table_xlsx)


def test_values_formats_header_widths_and_bold_rows(tmp_path):
    cols = (TableColumn("Konto", INTEGER), TableColumn("Datum", DATE), TableColumn("Text"),
            TableColumn("Belopp", KRONOR), TableColumn("Andel", NUMBER))
    rows = [(1930, "2025-03-31", "Driftbidrag", 162_000_00, 12.5),
            (2440, "2025-04-01", "Leverantör <AB> & co", -2_062_50, None),
            ((TEXT, ""), None, "Summa", 159_937_50, (TEXT, "–"))]
    out = write_table_xlsx(TableExport("Saldobalans: 2025/Q1", "Förbundet, period 2025-01-01 – 2025-03-31",
                                       cols, iter(rows), frozenset({2})), tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws.title == "Saldobalans  2025 Q1"            # Excel forbids : and / in a sheet name
    assert ws["A1"].value == "Saldobalans: 2025/Q1" and ws["A1"].font.b
    assert [c.value for c in ws[4]] == ["Konto", "Datum", "Text", "Belopp", "Andel"]
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:E7"
    assert ws["A5"].value == 1930 and ws["B5"].value == dt.datetime(2025, 3, 31) and ws["B5"].is_date
    assert ws["D5"].value == 162_000 and ws["D5"].number_format == KR_FORMAT
    assert ws["D6"].value == -2_062.5 and ws["C6"].value == "Leverantör <AB> & co"
    assert ws["E5"].value == 12.5 and ws["E6"].value is None
    assert ws["C7"].font.b and ws["D7"].font.b and not ws["C6"].font.b
    assert ws["E7"].value == "–"
    assert ws.column_dimensions["C"].width >= len("Leverantör <AB> & co")
    assert 8 <= ws.column_dimensions["A"].width <= 12


def test_an_empty_table_still_has_its_header(tmp_path):
    out = write_table_xlsx(TableExport("Bank", "", (TableColumn("Datum", DATE),), []), tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[4]] == ["Datum"] and ws.max_row == 4
