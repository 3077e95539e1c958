"""The streaming xlsx writer: what it writes reads back as the same values and styles."""

from datetime import date, datetime

from openpyxl import load_workbook

from finsam_desktop.render.xlsx_file import Alignment, Border, Fill, Font, XlsxFile, column_letter, excel_serial


def _write(path, build):
    with open(path, "wb") as fh:
        wb = XlsxFile(fh, title="Test & <prov>", creator="Finsam Bokföring")
        build(wb)
        wb.close()
    return load_workbook(path)


def test_text_that_xml_cannot_hold_as_is_reads_back_unchanged(tmp_path):
    texts = ["Kaffe & kaka <3", "  indraget", "slut ", 'citat "så"', "=SUMMA(A1)", "åäö ÅÄÖ – …"]
    wb = _write(tmp_path / "t.xlsx", lambda wb: wb.sheet("Text").row(texts))
    assert [c.value for c in wb["Text"][1]] == texts


def test_control_characters_are_escaped_as_excel_does_not_dropped(tmp_path):
    """XML cannot hold U+0001: Excel writes it as _x0001_ and reads that back as the
    character; a text that already looks like such an escape keeps its underscore."""
    import zipfile
    _write(tmp_path / "c.xlsx", lambda wb: wb.sheet("Text").row(["a\x01b", "kod_x0041_"]))
    xml = zipfile.ZipFile(tmp_path / "c.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<t>a_x0001_b</t>" in xml and "<t>kod_x005F_x0041_</t>" in xml


def test_dates_are_real_excel_dates_and_amounts_real_numbers(tmp_path):
    def build(wb):
        s = wb.sheet("Huvudbok")
        money = wb.style(num_format="#,##0.00")
        s.row([date(2024, 2, 29), (s.date_serial("2025-12-31"), wb.date_style), (1234.5, money), 7, None, -0.01])
    ws = _write(tmp_path / "d.xlsx", build)["Huvudbok"]
    row = [c.value for c in ws[1]]
    assert row[:4] == [datetime(2024, 2, 29), datetime(2025, 12, 31), 1234.5, 7]
    assert row[5] == -0.01
    assert ws["A1"].number_format == "yyyy-mm-dd" and ws["C1"].number_format == "#,##0.00"
    assert excel_serial(date(1900, 3, 1)) == 61 and excel_serial(date(2024, 1, 1)) == 45292


def test_styles_widths_frozen_header_and_filter_read_back(tmp_path):
    def build(wb):
        s = wb.sheet("Blad", widths=[8, 34.5], freeze_rows=4)
        head = wb.style(font=Font(bold=True), fill=Fill("DDE4EE"), align=Alignment("right", "center", True))
        total = wb.style(font=Font(bold=True, size=14), border=Border(), num_format='#,##0;-#,##0;"–"')
        for _ in range(3):
            s.row([])
        s.row([("Konto", head), ("Saldo", head)])
        s.row([("Summa", total), (None, total), (-5, total)])
        s.autofilter(4, s.rows, 1)
        wb.sheet("Andra").row(["x"])
    wb = _write(tmp_path / "s.xlsx", build)
    ws = wb["Blad"]
    assert wb.sheetnames == ["Blad", "Andra"]
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:B5"
    assert ws.column_dimensions["A"].width == 8 and ws.column_dimensions["B"].width == 34.5
    assert ws["A4"].font.b and ws["A4"].fill.fgColor.rgb == "FFDDE4EE" and ws["A4"].alignment.horizontal == "right"
    assert ws["A4"].alignment.wrap_text
    assert ws["A5"].font.sz == 14 and ws["A5"].border.top.style == "thin" and ws["B5"].border.top.style == "thin"
    assert ws["C5"].value == -5 and ws["C5"].number_format == '#,##0;-#,##0;"–"'
    assert wb.properties.title == "Test & <prov>" and wb.properties.creator == "Finsam Bokföring"


def test_column_letters_go_past_z():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
