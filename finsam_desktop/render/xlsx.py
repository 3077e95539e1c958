"""Report data -> an Excel workbook for kommunens ekonom.

    write_xlsx(report, book, "2024.xlsx")

Sheets: Resultaträkning, Balansräkning, Kassaflödesanalys, Noter, Huvudbok and
Saldobalans. Amounts are numbers in kronor (the exact öre as decimals) with a Swedish
number format, so the ekonom can sum and compare them; headers are Swedish, header rows
are frozen and columns have widths that fit their content. The statements carry the
row id of the JSON report in their last column, so a script can find a row.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..errors import BookFileError

KR = '#,##0;-#,##0;"–"'            # whole kronor in the statements (exact value kept)
KR_ORE = '#,##0.00;-#,##0.00;"–"'  # kronor and öre in the huvudbok
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
SUM_TOP = Border(top=Side(style="thin"))

SHEETS = ("Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter", "Huvudbok", "Saldobalans")


def kr(ore: int | None) -> float | int | None:
    """Öre as a number of kronor for a cell: an int when whole, else two decimals."""
    if ore is None:
        return None
    return ore // 100 if ore % 100 == 0 else ore / 100


def write_xlsx(report, book, path: str | Path) -> Path:
    """Write the workbook for `report` (an AnnualReport in öre) to `path`; the huvudbok
    and saldobalans come from `book` for the report's period."""
    if getattr(report, "unit", "ore") != "ore":
        raise ValueError("write_xlsx needs the report in öre")
    target = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for st in report.statements:
        _statement_sheet(wb, report, st)
    _notes_sheet(wb, report)
    _ledger_sheet(wb, report, book)
    _trial_balance_sheet(wb, report, book)
    wb.properties.title = f"{report.forbund.namn} {report.year_label}"
    wb.properties.creator = "Finsam Bokföring"
    try:
        wb.save(target)
    except OSError as exc:
        raise BookFileError(f"Excel-filen {target} kunde inte skrivas: {exc}.", path=str(target)) from exc
    return target


# ---------------------------------------------------------------------- helpers
def _add(ws, values) -> int:
    """Append a row and return its number. (Worksheet.max_row scans every cell, which
    makes a huvudbok of 100 000 rows quadratic; we only ever append, so we count.)"""
    ws.append(values)
    ws.finsam_rows = getattr(ws, "finsam_rows", 0) + 1
    return ws.finsam_rows


def _title(ws, report, title: str, ncols: int) -> None:
    _add(ws, [f"{title} – {report.forbund.namn}"])
    ws["A1"].font = TITLE
    _add(ws, [f"Organisationsnummer {report.forbund.orgnr}. Period {report.period.fran} – "
              f"{report.period.till}. Belopp i kronor."])
    _add(ws, [])


def _header(ws, labels: list[str]) -> None:
    row = _add(ws, labels)
    for col in range(1, len(labels) + 1):
        c = ws.cell(row=row, column=col)
        c.font = BOLD
        c.fill = HEAD_FILL
        c.alignment = Alignment(horizontal="left" if col == 1 else "right", vertical="center", wrap_text=True)
    ws.freeze_panes = f"A{row + 1}"  # a string: ws.cell() would create the cell and move append()


def _widths(ws, widths: list[float]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _period_label(p) -> str:
    if p is None:
        return "Föregående år"
    if p.fran[5:] == "01-01" and p.till[5:] == "12-31" and p.fran[:4] == p.till[:4]:
        return p.fran[:4]
    return f"{p.fran} – {p.till}"


# ---------------------------------------------------------------------- sheets
def _statement_sheet(wb, report, st) -> None:
    name = {"resultatrakning": "Resultaträkning", "balansrakning": "Balansräkning",
            "kassaflodesanalys": "Kassaflödesanalys"}.get(st.id, st.title)
    ws = wb.create_sheet(name)
    with_budget = st.id == "resultatrakning" and report.has_budget
    _title(ws, report, st.title, 6)
    labels = ["Post", "Not", _period_label(report.period), _period_label(report.previous_period)]
    if with_budget:
        labels += ["Budget", "Utfall/budget %"]
    labels.append("Rad-id")
    _header(ws, labels)
    for r in st.rows:
        cells = [r.label, r.note, kr(r.amount) if r.kind != "heading" else None,
                 kr(r.previous) if r.kind != "heading" else None]
        if with_budget:
            cells += [kr(r.budget), r.budget_percent]
        cells.append(r.id)
        row = _add(ws, cells)
        for col in (3, 4) + ((5,) if with_budget else ()):
            ws.cell(row=row, column=col).number_format = KR
        if with_budget:
            ws.cell(row=row, column=6).number_format = "0.0"
        if r.kind in ("sum", "heading"):
            for col in range(1, len(cells) + 1):
                ws.cell(row=row, column=col).font = BOLD
                if r.kind == "sum" and col < len(cells):
                    ws.cell(row=row, column=col).border = SUM_TOP
    _widths(ws, [52, 6, 16, 16] + ([16, 16] if with_budget else []) + [44])


def _notes_sheet(wb, report) -> None:
    ws = wb.create_sheet("Noter")
    _title(ws, report, "Noter", 4)
    _header(ws, ["Not / post", _period_label(report.period), _period_label(report.previous_period), "Not-id"])
    for n in report.noter:
        row = _add(ws, [f"Not {n.number}. {n.title}", None, None, n.id])
        ws.cell(row=row, column=1).font = BOLD
        if n.text:
            row = _add(ws, [n.text])
            ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        for ln in n.lines:
            row = _add(ws, [("   " * ln.indent) + ln.label, kr(ln.amount), kr(ln.previous)])
            ws.cell(row=row, column=2).number_format = KR
            ws.cell(row=row, column=3).number_format = KR
            if ln.kind in ("sum", "heading"):
                for col in (1, 2, 3):
                    ws.cell(row=row, column=col).font = BOLD
        if n.total is not None and not any(ln.kind == "sum" for ln in n.lines):
            row = _add(ws, ["Summa", kr(n.total), kr(n.previous_total)])
            for col in (1, 2, 3):
                ws.cell(row=row, column=col).font = BOLD
                ws.cell(row=row, column=col).border = SUM_TOP
            ws.cell(row=row, column=2).number_format = KR
            ws.cell(row=row, column=3).number_format = KR
        _add(ws, [])
    _widths(ws, [70, 16, 16, 24])


def _ledger_sheet(wb, report, book) -> None:
    ws = wb.create_sheet("Huvudbok")
    _title(ws, report, "Huvudbok", 9)
    _header(ws, ["Konto", "Kontonamn", "Datum", "Verifikation", "Text", "Insats", "Debet", "Kredit", "Saldo"])
    fran, till = report.period.fran, report.period.till
    projects = {p.id: p.code for p in book.projects()}
    for acc in book.accounts():
        opening, lines = book.ledger(acc.number, fran, till)
        if not acc.is_balance:
            opening = 0
        if not lines and not opening:
            continue
        row = _add(ws, [acc.number, acc.name, fran, None, "Ingående balans", None, None, None, kr(opening)])
        _money_cols(ws, row, (9,))
        ws.cell(row=row, column=5).font = Font(italic=True)
        balance = opening
        for ln in lines:
            balance += ln.amount
            row = _add(ws, [acc.number, acc.name, ln.date, ln.ref, ln.text, projects.get(ln.project_id),
                            kr(ln.amount) if ln.amount > 0 else None,
                            kr(-ln.amount) if ln.amount < 0 else None, kr(balance)])
            _money_cols(ws, row, (7, 8, 9))
        row = _add(ws, [acc.number, acc.name, till, None, "Utgående saldo", None, None, None, kr(balance)])
        _money_cols(ws, row, (9,))
        for col in range(1, 10):
            ws.cell(row=row, column=col).font = BOLD
    _widths(ws, [8, 34, 12, 13, 44, 10, 15, 15, 16])
    ws.auto_filter.ref = f"A4:I{ws.finsam_rows}"


def _trial_balance_sheet(wb, report, book) -> None:
    ws = wb.create_sheet("Saldobalans")
    _title(ws, report, "Saldobalans", 6)
    _header(ws, ["Konto", "Kontonamn", "Rapportrad", "Ingående balans", "Periodens förändring", "Utgående balans"])
    for ln in book.trial_balance(report.year_id, report.period.fran, report.period.till):
        row = _add(ws, [ln.account, ln.name, ln.row_id or "", kr(ln.opening), kr(ln.period), kr(ln.closing)])
        _money_cols(ws, row, (4, 5, 6))
    _widths(ws, [8, 40, 34, 18, 20, 18])


def _money_cols(ws, row: int, cols) -> None:
    for col in cols:
        ws.cell(row=row, column=col).number_format = KR_ORE
