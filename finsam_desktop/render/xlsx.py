"""Report data -> an Excel workbook for kommunens ekonom.

    write_xlsx(build_document(book, year_id, with_ledger=True), "2024.xlsx")

Sheets: Resultaträkning, Balansräkning, Kassaflödesanalys, Noter, Huvudbok and
Saldobalans. Amounts are numbers in kronor (the exact öre as decimals) with a Swedish
number format, so the ekonom can sum and compare them; headers are Swedish, header rows
are frozen and columns have widths that fit their content. The statements carry the
row id of the JSON report in their last column, so a script can find a row.

In a delårsrapport the balansräkning and the notes on its rows compare with the previous
räkenskapsår's bokslutsdag (RKR R17, `AnnualReport.previous_balance_date`); their column
captions say so, while resultaträkning and kassaflödesanalys compare with the same
period last year.

Dates in the huvudbok are real Excel dates and amounts real numbers, so the ekonom can
filter, sort and sum them.

The workbook is streamed (render/xlsx_file.py): each row goes to the file as it is
added, so a huvudbok of a million rows needs little memory and a few seconds. Column
widths and the frozen header are therefore set when a sheet is started; a styled cell is
a (value, style) pair, each style made once per workbook.
"""

from __future__ import annotations

from pathlib import Path

from ..reports.document import AnnualDocument, Ledger
from ..reports.model import (NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION, OPENING_OVERVIEW_CAPTION,
                             opening_notes_caption, overview_label)
from .xlsx_file import Alignment, Border, Fill, Font, XlsxFile, xlsx_written

KR = '#,##0;-#,##0;"–"'            # whole kronor in the statements (exact value kept)
KR_ORE = '#,##0.00;-#,##0.00;"–"'  # kronor and öre in the huvudbok
PERCENT = "0.0"
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = Fill("DDE4EE")
SUM_TOP = Border(top="thin")
WRAP_TOP = Alignment(wrap=True, vertical="top")
HEAD_LEFT = Alignment(horizontal="left", vertical="center", wrap=True)
HEAD_RIGHT = Alignment(horizontal="right", vertical="center", wrap=True)

SHEETS = ("Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter", "Huvudbok", "Saldobalans",
          "Mellanhavanden", "Verksamhet per insats", "Driftredovisning", "Projektuppföljning", "Femårsöversikt")
HEADER_ROW = 4  # title, subtitle, an empty row, then the column captions


def kr(ore: int | None) -> float | int | None:
    """Öre as a number of kronor for a cell: an int when whole, else two decimals."""
    if ore is None:
        return None
    return ore // 100 if ore % 100 == 0 else ore / 100


def notes_cell(notes: tuple[int, ...]) -> int | str | None:
    """The Not column: the number of the one note, or every note ("5, 6") when a row has
    more than one (never only the first)."""
    if not notes:
        return None
    return notes[0] if len(notes) == 1 else ", ".join(str(n) for n in notes)


def write_xlsx(doc: AnnualDocument, path: str | Path) -> Path:
    """Write the workbook of `doc` (built with_ledger=True) to `path`: the statements and
    notes in öre (`doc.exact`), the huvudbok and saldobalans of the report's period."""
    if doc.ledger is None or doc.trial_balance is None:
        raise ValueError("write_xlsx needs a document built with_ledger=True")
    report = doc.exact
    target = Path(path)
    with xlsx_written(target, f"{report.forbund.namn} {report.year_label}") as wb:
        for st in report.statements:
            _statement_sheet(wb, report, st)
        _notes_sheet(wb, report)
        _ledger_sheet(wb, report, doc.ledger)
        _trial_balance_sheet(wb, report, doc.trial_balance)
        if doc.extras is not None:
            _mellanhavanden_sheet(wb, report, doc.extras.mellanhavanden)
            _verksamhet_sheet(wb, report, doc.extras.verksamhet)
        _drift_sheet(wb, report)
        _follow_up_sheet(wb, report, doc.follow_up)
        _overview_sheet(wb, report)
    return target


# ---------------------------------------------------------------------- a streamed sheet
class _Sheet:
    """A streamed sheet with its column widths, frozen header and auto filter, and the
    styles its cells use. Rows are appended; nothing written can be changed."""

    def __init__(self, wb: XlsxFile, name: str, widths: list[float]):
        self.wb = wb
        self.ws = wb.sheet(name, widths=widths, freeze_rows=HEADER_ROW)
        self.rows = 0
        self._styles: dict[tuple, int] = {}

    def style(self, *, font=None, fmt=None, fill=None, border=None, align=None) -> int:
        key = (font, fmt, fill, border, align)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.wb.style(font=font, num_format=fmt, fill=fill, border=border,
                                                      align=align)
        return style

    def cell(self, value, *, font=None, fmt=None, fill=None, border=None, align=None) -> tuple:
        """A cell with a style (made once per combination)."""
        return (value, self.style(font=font, fmt=fmt, fill=fill, border=border, align=align))

    def add(self, values) -> int:
        """Append a row and return its number."""
        self.rows = self.ws.row(values)
        return self.rows

    def title(self, report, title: str) -> None:
        self.add([self.cell(f"{title} – {report.forbund.namn}", font=TITLE)])
        self.add([f"Organisationsnummer {report.forbund.orgnr}. Period {report.period.fran} – "
                  f"{report.period.till}. Belopp i kronor."])
        self.add([])

    def header(self, labels: list[str]) -> None:
        self.add([self.cell(text, font=BOLD, fill=HEAD_FILL, align=HEAD_LEFT if i == 0 else HEAD_RIGHT)
                  for i, text in enumerate(labels)])


def _period_label(p) -> str:
    if p is None:
        return "Föregående år"
    if p.fran[5:] == "01-01" and p.till[5:] == "12-31" and p.fran[:4] == p.till[:4]:
        return p.fran[:4]
    return f"{p.fran} – {p.till}"


def column_labels(report, balance: bool) -> tuple[str, str]:
    """(this period, comparison) captions of a table. A balance-sheet table of a
    delårsrapport compares with last year's bokslutsdag, so both columns are dates."""
    cur, prev = _period_label(report.period), _period_label(report.previous_period)
    balance_date = getattr(report, "previous_balance_date", None)
    if balance and balance_date and report.previous_period is not None \
            and balance_date != report.previous_period.till:
        return report.period.till, balance_date
    if balance and balance_date and report.previous_from_opening_balances:
        # The book's first year: the comparison is its ingående balanser.
        return report.period.till, f"{balance_date} (IB)"
    return cur, prev


def _is_balance_note(note) -> bool:
    return any(sid == "balansrakning" for sid, _ in note.row_ids)


# ---------------------------------------------------------------------- sheets
def _statement_sheet(wb, report, st) -> None:
    name = {"resultatrakning": "Resultaträkning", "balansrakning": "Balansräkning",
            "kassaflodesanalys": "Kassaflödesanalys"}.get(st.id, st.title)
    with_budget = st.id == "resultatrakning" and report.has_budget
    s = _Sheet(wb, name, [52, 6, 16, 16] + ([16, 16] if with_budget else []) + [44])
    s.title(report, st.title)
    labels = ["Post", "Not", *column_labels(report, st.id == "balansrakning")]
    if with_budget:
        labels += ["Budget", "Utfall/budget %"]
    labels.append("Rad-id")
    s.header(labels)
    for r in st.rows:
        bold = BOLD if r.kind in ("sum", "heading") else None
        top = SUM_TOP if r.kind == "sum" else None
        money = r.kind != "heading"
        cells = [s.cell(r.label, font=bold, border=top), s.cell(notes_cell(r.notes), font=bold, border=top),
                 s.cell(kr(r.amount) if money else None, font=bold, border=top, fmt=KR),
                 s.cell(kr(r.previous) if money else None, font=bold, border=top, fmt=KR)]
        if with_budget:
            cells += [s.cell(kr(r.budget), font=bold, border=top, fmt=KR),
                      s.cell(r.budget_percent, font=bold, border=top, fmt=PERCENT)]
        cells.append(s.cell(r.id, font=bold))  # the id column carries no rule
        s.add(cells)
    if report.previous_from_opening_balances:
        s.add([])
        s.add([s.cell(OPENING_BALANCES_CAPTION if st.id == "balansrakning" else NO_PREVIOUS_CAPTION,
                      font=ITALIC)])


def _notes_sheet(wb, report) -> None:
    s = _Sheet(wb, "Noter", [70, 16, 16, 24])
    s.title(report, "Noter")
    cur, prev = column_labels(report, False)
    s.header(["Not / post", cur, prev, "Not-id"])
    if report.previous_from_opening_balances:
        s.add([s.cell(opening_notes_caption(report.previous_balance_date), font=ITALIC)])
    for n in report.noter:
        # A balance-sheet note of a delårsrapport compares with last year's bokslutsdag,
        # not with the columns of the sheet's header: it names its own columns.
        heads = column_labels(report, _is_balance_note(n))
        if heads == (cur, prev) or not (n.lines or n.total is not None):
            heads = (None, None)
        s.add([s.cell(f"Not {n.number}. {n.title}", font=BOLD),
               s.cell(heads[0], font=ITALIC, align=HEAD_RIGHT), s.cell(heads[1], font=ITALIC, align=HEAD_RIGHT),
               n.id])
        if n.text:
            s.add([s.cell(n.text, align=WRAP_TOP)])
        for ln in n.lines:
            bold = BOLD if ln.kind in ("sum", "heading") else None
            s.add([s.cell(("   " * ln.indent) + ln.label, font=bold),
                   s.cell(kr(ln.amount), font=bold, fmt=KR), s.cell(kr(ln.previous), font=bold, fmt=KR)])
        if n.total is not None and not any(ln.kind == "sum" for ln in n.lines):
            s.add([s.cell("Summa", font=BOLD, border=SUM_TOP),
                   s.cell(kr(n.total), font=BOLD, border=SUM_TOP, fmt=KR),
                   s.cell(kr(n.previous_total), font=BOLD, border=SUM_TOP, fmt=KR)])
        s.add([])


def _ledger_sheet(wb, report, ledger: Ledger) -> None:
    s = _Sheet(wb, "Huvudbok", [8, 34, 12, 13, 44, 10, 15, 15, 16])
    s.title(report, "Huvudbok")
    s.header(["Konto", "Kontonamn", "Datum", "Verifikation", "Text", "Insats", "Debet", "Kredit", "Saldo"])
    fran, till = report.period.fran, report.period.till
    projects = ledger.projects
    money, day = s.style(fmt=KR_ORE), wb.date_style
    serial = s.ws.date_serial
    add = s.ws.row   # the lines are most of the workbook: straight to the sheet
    for acc in ledger:
        number, name, opening = acc.number, acc.name, acc.opening
        add([number, name, (serial(fran), day), None, s.cell("Ingående balans", font=ITALIC), None, None, None,
             (kr(opening), money)])
        balance = opening
        for ln in acc.lines():
            amount = ln.amount
            balance += amount
            if amount > 0:
                debit, credit = (kr(amount), money), None
            else:
                debit, credit = None, (kr(-amount), money) if amount < 0 else None
            add([number, name, (serial(ln.date), day), ln.ref, ln.text, projects.get(ln.project_id), debit,
                 credit, (kr(balance), money)])
        bold_day = wb.date_style_with(font=BOLD)
        add([s.cell(number, font=BOLD), s.cell(name, font=BOLD), (serial(till), bold_day), s.cell(None, font=BOLD),
             s.cell("Utgående saldo", font=BOLD), s.cell(None, font=BOLD), s.cell(None, font=BOLD),
             s.cell(None, font=BOLD), s.cell(kr(balance), font=BOLD, fmt=KR_ORE)])
    s.rows = s.ws.rows
    s.ws.autofilter(HEADER_ROW, s.rows, 8)


def _trial_balance_sheet(wb, report, lines) -> None:
    s = _Sheet(wb, "Saldobalans", [8, 40, 34, 18, 20, 18])
    s.title(report, "Saldobalans")
    s.header(["Konto", "Kontonamn", "Rapportrad", "Ingående balans", "Periodens förändring", "Utgående balans"])
    for ln in lines:
        s.add([ln.account, ln.name, ln.row_id or "", s.cell(kr(ln.opening), fmt=KR_ORE),
               s.cell(kr(ln.period), fmt=KR_ORE), s.cell(kr(ln.closing), fmt=KR_ORE)])


# ---------------------------------------------------------------------- the members' and the insatser's sheets
def _mellanhavanden_sheet(wb, report, mh) -> None:
    """One row per member: what its ekonomer copy into the sammanställda räkenskaper."""
    s = _Sheet(wb, "Mellanhavanden", [28, 10, 15, 15, 15, 17, 15, 15, 15, 15])
    s.title(report, "Mellanhavanden med medlemmarna")
    s.header(["Medlem", "Andel %", "Driftbidrag", "Övriga intäkter", "Köpta tjänster", "Insatser (projektägare)",
              "varav interimsskuld", "Fordringar", "Skulder", "Andel eget kapital"])
    for m in mh.members:
        s.add([m.name, m.share_bp / 100] + [s.cell(kr(v), fmt=KR) for v in (
            m.driftbidrag, m.ovriga_intakter, m.kopta_tjanster, m.insatser_kostnad, m.interimsskuld,
            m.fordringar, m.skulder, m.andel_eget_kapital)])


def _verksamhet_sheet(wb, report, verk) -> None:
    """Deltagare, avslutade and kostnad per deltagare per insats and year."""
    s = _Sheet(wb, "Verksamhet per insats", [10, 40, 8, 8, 8, 8, 10, 10, 10, 12, 12, 15, 15, 15])
    s.title(report, "Verksamhet per insats")
    s.header(["Insats", "Namn", "År", "Mål", "Kvinnor", "Män", "Avslutade", "Till arbete", "Till studier",
              "Annan insats", "Annan anledning", "Kostnad", "Kr per deltagare", "Kr per avslutad"])
    for ins in verk.insatser:
        for y in ins.years:
            s.add([ins.code, ins.name, int(y.year_label), y.target, y.women, y.men, y.ended, y.ended_work,
                   y.ended_studies, y.ended_other_insats, y.ended_other, s.cell(kr(y.cost), fmt=KR),
                   s.cell(kr(y.cost_per_participant), fmt=KR), s.cell(kr(y.cost_per_ended), fmt=KR)])


def _drift_sheet(wb, report) -> None:
    """Budget, utfall and avvikelse per budget row (the driftredovisning, with the budget)."""
    s = _Sheet(wb, "Driftredovisning", [44, 16, 16, 16, 16])
    s.title(report, "Driftredovisning")
    s.header(["Post", "Budget", "Utfall", "Avvikelse", "Utfall föregående år"])
    for d in (report.driftredovisning.rows if report.driftredovisning is not None else ()):
        bold = BOLD if d.kind == "sum" else None
        s.add([s.cell(d.label, font=bold)] + [s.cell(kr(v), font=bold, fmt=KR)
                                              for v in (d.budget, d.utfall, d.avvikelse, d.previous_utfall)])


def _follow_up_sheet(wb, report, fu) -> None:
    """Beviljat, utfall, varav interimsskuld and kvar per insats (the projektuppföljning)."""
    s = _Sheet(wb, "Projektuppföljning", [10, 40, 34, 16, 16, 16, 16, 12])
    s.title(report, "Projektuppföljning")
    s.header(["Insats", "Namn", "Projektägare", "Beviljat", "Utfall", "varav interimsskuld", "Kvar", "Förbrukat %"])
    for ln in (fu.lines if fu is not None else ()):
        s.add([ln.code, ln.name, ln.owner] + [s.cell(kr(v), fmt=KR) for v in
                                              (ln.granted, ln.outcome, ln.accrued, ln.remaining)]
              + [s.cell(ln.used_pct, fmt=PERCENT)])
    if fu is not None:
        t = fu.total
        s.add([s.cell("Summa", font=BOLD), "", ""] + [s.cell(kr(v), font=BOLD, fmt=KR, border=SUM_TOP) for v in
                                                      (t.granted, t.outcome, t.accrued, t.remaining)]
              + [s.cell(t.used_pct, font=BOLD, fmt=PERCENT)])


def _overview_sheet(wb, report) -> None:
    """The five-year overview, a column per year; years entered from old reports marked *."""
    years = report.nyckeltal.femarsoversikt
    s = _Sheet(wb, "Femårsöversikt", [40] + [14] * len(years))
    s.title(report, "Översikt över verksamhetens utveckling")
    s.header(["Nyckeltal"] + [overview_label(y) for y in years])
    for attr, label in (("verksamhetens_intakter", "Verksamhetens intäkter"), ("verksamhetens_kostnader",
                        "Summa kostnader"), ("arets_resultat", "Årets resultat"), ("eget_kapital", "Eget kapital"),
                        ("tilldelade_medel", "Tilldelade medel"), ("likvida_medel", "Likvida medel")):
        s.add([label] + [s.cell(kr(getattr(y, attr)), fmt=KR) for y in years])
    for attr, label in (("andel_procent", "Eget kapital i % av tilldelade medel"), ("soliditet_procent", "Soliditet %")):
        s.add([label] + [s.cell(getattr(y, attr), fmt="0.00") for y in years])
    if any(y.entered for y in years):
        s.add([])
        s.add(["* Året ligger före bokens första räkenskapsår; nyckeltalen är inmatade ur dess årsredovisning."])
    if any(y.from_opening_balances for y in years):
        s.add([OPENING_OVERVIEW_CAPTION])
