"""Steps 6–8 of the bokslut wizard: the preview of every statement and note with last
year, producing the files (in the background), and closing the year."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTextBrowser, QVBoxLayout, QWizardPage)

from ..book.yearend import following_period
from ..closing.close import close_year
from ..closing.document_checks import UnconfirmedFigures, text_figures
from ..closing.produce import produce
from ..errors import FinsamError
from ..reports.model import NO_PREVIOUS_CAPTION, OPENING_BALANCES_CAPTION
from .common import ERROR_STYLE, money_kr, muted, show_error
from .tasks import run_book_job
from .wizard_reopen import ReopenYearDialog
from .wizard_page import page_title


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# ---------------------------------------------------------------------- step 6
def _caption(period) -> str:
    if period is None:
        return ""
    if period.fran[5:] == "01-01" and period.till[5:] == "12-31" and period.fran[:4] == period.till[:4]:
        return period.fran[:4]
    return f"{period.fran} – {period.till}"


def column_captions(report, balance: bool) -> tuple[str, str]:
    """(this period, comparison) captions. A balance-sheet table of a delårsrapport
    compares with last year's bokslutsdag (RKR R17, `previous_balance_date`), so both of
    its columns are dates; resultaträkning and kassaflödesanalys compare with the same
    period last year."""
    balance_date = report.previous_balance_date
    if balance and balance_date and report.previous_period is not None \
            and balance_date != report.previous_period.till:
        return report.period.till, balance_date
    if balance and balance_date and report.previous_from_opening_balances:
        return report.period.till, f"{balance_date} (IB)"
    return _caption(report.period), _caption(report.previous_period)


def _is_balance_note(note) -> bool:
    return any(sid == "balansrakning" for sid, _ in note.row_ids)


def report_html(report) -> str:
    """The statements and notes as simple HTML for the read-only preview."""
    css = ("<style>body{font-size:10pt} h2{margin:14px 0 4px 0;font-size:13pt} h3{margin:12px 0 2px 0;"
           "font-size:11pt} td{padding:2px 10px 2px 0} .num{text-align:right} .sum td{font-weight:bold;"
           "border-top:1px solid #888} th{text-align:right;padding-right:10px;color:#444} "
           ".muted{color:#5f6b76}</style>")
    what = f"Årsredovisning {report.year_label}" if report.full_year else f"Delårsrapport per {report.period.till}"
    parts = [css, f"<h2>{escape(report.forbund.namn)} – {escape(what)}</h2>",
             f"<p class='muted'>Period {report.period.fran} – {report.period.till}. Belopp i kronor."
             f"{'' if report.is_closed else ' Utkast: räkenskapsåret är inte stängt.'}</p>"]
    for st in report.statements:
        budget = st.id == "resultatrakning" and report.has_budget
        cur, prev = column_captions(report, st.id == "balansrakning")
        parts.append(f"<h3>{escape(st.title)}</h3>")
        if report.previous_from_opening_balances:
            caption = OPENING_BALANCES_CAPTION if st.id == "balansrakning" else NO_PREVIOUS_CAPTION
            parts.append(f"<p class='muted'>{escape(caption)}</p>")
        elif st.id == "balansrakning" and (cur, prev) != column_captions(report, False):
            parts.append(f"<p class='muted'>Jämförs med föregående års bokslut per {prev}.</p>")
        parts.append("<table width='100%' cellspacing='0'>")
        head = (f"<tr><th width='44%'></th><th width='6%'>Not</th><th width='16%'>{cur}</th>"
                f"<th width='16%'>{prev}</th>")
        budget_head = "Budget" if report.full_year else "Budget helår"
        parts.append(head + (f"<th>{budget_head}</th>" if budget else "") + "</tr>")
        for r in st.rows:
            cls = " class='sum'" if r.kind == "sum" else ""
            note = ", ".join(str(n) for n in r.notes)  # every note of the row ("5, 6")
            cells = [escape(r.label), note, money_kr(r.amount) if r.kind != "heading" else "",
                     money_kr(r.previous) if r.kind != "heading" else ""]
            if budget:
                cells.append(money_kr(r.budget))
            row = "".join(f"<td{' class=num' if i else ''}>{c}</td>" for i, c in enumerate(cells))
            parts.append(f"<tr{cls}>{row}</tr>")
        parts.append("</table>")
    parts.append("<h2>Noter</h2>")
    for n in report.noter:
        parts.append(f"<h3>Not {n.number}. {escape(n.title)}</h3>")
        if n.text:
            parts.append(f"<p>{escape(n.text)}</p>")
        if n.lines:
            cur, prev = column_captions(report, _is_balance_note(n))
            parts.append(f"<table width='100%' cellspacing='0'><tr><th width='60%'></th><th width='16%'>{cur}</th>"
                         f"<th width='16%'>{prev}</th></tr>")
            for ln in n.lines:
                cls = " class='sum'" if ln.kind == "sum" else ""
                pad = "&nbsp;" * 4 * ln.indent
                parts.append(f"<tr{cls}><td>{pad}{escape(ln.label)}</td><td class=num>{money_kr(ln.amount)}"
                             f"</td><td class=num>{money_kr(ln.previous)}</td></tr>")
            parts.append("</table>")
    return "".join(parts)


class PreviewPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 6, "Förhandsgranskning", "Resultaträkning, balansräkning, kassaflödesanalys och "
                                                  "noter, med föregående år. Inget kan ändras här.")
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)

    def initializePage(self) -> None:
        try:
            self.view.setHtml(report_html(self.wiz.report()))
        except FinsamError as exc:
            self.view.setPlainText(exc.message)


# ---------------------------------------------------------------------- step 7
def _produce_job(book, year_id, date_to, folder, options, warnings, progress=None):
    return produce(book, year_id, date_to, folder, warnings=warnings, progress=progress, **options)


def run_job(parent, title: str, book, fn, *args):
    """Run fn(book, *args) in the background, on the worker's own connection."""
    return run_book_job(parent, title, book, fn, *args)


class ProducePage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.outputs: list[tuple[str, Path]] = []
        page_title(self, 7, "Skapa filer", "Årsredovisningen som PDF, bokföringen som SIE 4, en Excel-bok "
                                           "för kommunens ekonom och ett överlämningspaket.")
        self.folder = QLineEdit()
        choose = QPushButton("Välj mapp …")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(QLabel("Spara i mappen"))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.pdf = QCheckBox("Årsredovisning som PDF")
        self.sie = QCheckBox("Bokföringen som SIE 4-fil")
        self.xlsx = QCheckBox("Excel-bok med rapporter, noter och huvudbok")
        self.package = QCheckBox("Överlämningspaket (mapp och zip-fil med kontrollsummor och kopia av boken)")
        for box in (self.pdf, self.sie, self.xlsx, self.package):
            box.setChecked(True)
        self.run = QPushButton("Skapa filerna")
        self.run.clicked.connect(self.produce)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.hint = muted("")
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addSpacing(8)
        for w in (self.pdf, self.sie, self.xlsx, self.package):
            lay.addWidget(w)
        lay.addWidget(self.hint)
        lay.addSpacing(8)
        lay.addWidget(self.run, 0, Qt.AlignLeft)
        lay.addSpacing(8)
        lay.addWidget(self.result)
        lay.addStretch(1)

    def initializePage(self) -> None:
        if not self.folder.text():
            self.folder.setText(str(Path(self.wiz.book.path).resolve().parent))
        whole = self.wiz.is_full_year
        self.pdf.setText("Årsredovisning som PDF" if whole else "Delårsrapport som PDF")
        self.sie.setEnabled(whole)
        self.package.setEnabled(whole)
        warnings = [f for f in self.wiz.findings if f.is_warning]
        notes = []
        if not self.wiz.year.is_closed:
            notes.append("Året är inte stängt, så PDF-filen blir ett utkast"
                         + (f" som listar kontrollernas {plural(len(warnings), 'varning', 'varningar')}."
                            if warnings else "."))
            if whole:
                notes.append("När året är stängt (nästa steg) kan du skapa det slutliga överlämningspaketet.")
        if not whole:
            notes.append("SIE-fil och överlämningspaket görs för hela räkenskapsår.")
        # The texts were written after the kontroller ran: their figures are checked now.
        try:
            stale = [f for f in text_figures(self.wiz.book, self.wiz.year, self.wiz.date_to, self.wiz.report())
                     if not f.ok]
        except FinsamError:
            stale = []
        if stale:
            notes.append("Texterna har siffror som inte stämmer med rapporten: "
                         + " ".join(f.message for f in stale))
        self.hint.setText(" ".join(notes))

    def _choose(self) -> None:
        d = QFileDialog.getExistingDirectory(self, "Välj mapp för filerna", self.folder.text())
        if d:
            self.folder.setText(d)

    def options(self) -> dict:
        whole = self.wiz.is_full_year
        return dict(pdf=self.pdf.isChecked(), sie=self.sie.isChecked() and whole,
                    xlsx=self.xlsx.isChecked(), package=self.package.isChecked() and whole)

    def confirm_figures(self, message: str) -> bool:
        """Ask whether figures in the texts that match nothing in the report are meant."""
        answer = QMessageBox.question(self, "Siffror i texterna", message + "\n\nÄr siffrorna avsedda?",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def produce(self, *, options: dict | None = None) -> list[tuple[str, Path]]:
        warnings = [f.message for f in self.wiz.findings if f.is_warning]
        options = dict(options or self.options())
        try:
            try:
                self.outputs = run_job(self, "Skapar filerna …", self.wiz.book, _produce_job, self.wiz.year_id,
                                       self.wiz.date_to, self.folder.text().strip(), options, warnings) or []
            except UnconfirmedFigures as exc:
                # A decided PDF: made only when the user confirms the figures are meant.
                if not self.confirm_figures(exc.message):
                    raise
                options["figures_confirmed"] = True
                self.outputs = run_job(self, "Skapar filerna …", self.wiz.book, _produce_job, self.wiz.year_id,
                                       self.wiz.date_to, self.folder.text().strip(), options, warnings) or []
        except FinsamError as exc:
            self.result.setStyleSheet(ERROR_STYLE)
            self.result.setText(exc.message)
            return []
        except Exception as exc:  # a bug: show it, keep the wizard alive
            show_error(self, exc)
            return []
        self.result.setStyleSheet("")
        self.result.setText("<b>Skapade filer:</b><br>" + "<br>".join(
            f"{escape(what)}: {escape(str(path))}" for what, path in self.outputs))
        return self.outputs


# ---------------------------------------------------------------------- step 8
def _close_job(book, year_id, progress=None):
    nxt = close_year(book, year_id, progress=progress)
    return nxt.id


class ClosePage(QWizardPage):
    """Closing the year (helår only), after an explicit confirmation."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 8, "Stäng räkenskapsåret", "Lås året, för årets resultat till eget kapital och "
                                                    "öppna nästa år med ingående balanser.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.confirm = QCheckBox()
        self.close_btn = QPushButton()
        self.close_btn.setEnabled(False)
        self.confirm.toggled.connect(lambda on: self.close_btn.setEnabled(on and self._can_close()))
        self.close_btn.clicked.connect(self.close_year)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.final_btn = QPushButton("Skapa slutligt överlämningspaket")
        self.final_btn.clicked.connect(self.final_package)
        self.final_btn.hide()
        # Re-opening is its own decision with a logged reason (ReopenYearDialog).
        self.reopen_btn = QPushButton("Öppna räkenskapsåret igen …")
        self.reopen_btn.clicked.connect(self.open_reopen_dialog)
        self.reopen_btn.hide()
        self.reopen_dialog = None
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addSpacing(10)
        lay.addWidget(self.confirm)
        lay.addWidget(self.close_btn, 0, Qt.AlignLeft)
        lay.addSpacing(10)
        lay.addWidget(self.status)
        lay.addWidget(self.final_btn, 0, Qt.AlignLeft)
        lay.addWidget(self.reopen_btn, 0, Qt.AlignLeft)
        lay.addStretch(1)

    def _can_close(self) -> bool:
        y = self.wiz.year
        return self.wiz.is_full_year and y is not None and not y.is_closed

    def initializePage(self) -> None:
        book, y = self.wiz.book, self.wiz.year
        self.status.setText("")
        self.final_btn.hide()
        self.reopen_btn.hide()
        self.confirm.setChecked(False)
        if not self.wiz.is_full_year:
            self.summary.setText("En delårsrapport stänger inte räkenskapsåret. Tryck på Klar för att "
                                 "avsluta guiden.")
            self.confirm.hide()
            self.close_btn.hide()
            return
        if y.is_closed:
            self.summary.setText(f"Räkenskapsåret {y.label} är redan stängt. Ett stängt år öppnas bara "
                                 "igen med ett eget beslut vars orsak skrivs i loggen.")
            self.confirm.hide()
            self.close_btn.hide()
            self.reopen_btn.setText(f"Öppna räkenskapsåret {y.label} igen …")
            self.reopen_btn.show()
            return
        self.confirm.show()
        self.close_btn.show()
        result = -book.year_result(y.id)
        word = "överskott" if result >= 0 else "underskott"
        nxt = book.next_year(y)
        next_label = nxt.label if nxt else " – ".join(following_period(y))
        pending = len({r.voucher_id for r in book.accruals_pending_reversal()}) \
            if hasattr(book, "accruals_pending_reversal") else 0
        equity = book.equity_account()
        items = [
            f"Räkenskapsåret {y.label} låses: inget mer kan bokföras i det.",
            f"Årets resultat, ett {word} på {money_kr(abs(result))} kr, förs till eget kapital "
            f"(konto {equity}) i nästa års ingående balanser.",
            f"Nästa räkenskapsår {next_label} {'öppnas med' if nxt is None else 'får'} ingående balanser "
            "lika med årets utgående balanser, interimsskulderna per insats.",
        ]
        if pending:
            items.append(f"{plural(pending, 'periodisering', 'periodiseringar')} återförs den första dagen i nästa år.")
        items.append("Vill du ändra något efteråt måste året öppnas igen med ett eget beslut vars orsak "
                     "skrivs i loggen (menyn Bokslut → Öppna stängt år igen).")
        self.summary.setText("<p>När du stänger året händer följande:</p><ul>"
                             + "".join(f"<li>{escape(t)}</li>" for t in items) + "</ul>")
        self.confirm.setText(f"Jag har granskat årsredovisningen och vill stänga räkenskapsåret {y.label}.")
        self.close_btn.setText(f"Stäng räkenskapsåret {y.label}")

    def close_year(self) -> bool:
        if not (self.confirm.isChecked() and self._can_close()):
            return False
        y = self.wiz.year
        try:
            next_id = run_job(self, f"Stänger räkenskapsåret {y.label} …", self.wiz.book, _close_job, y.id)
        except FinsamError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(exc.message)
            return False
        nxt = self.wiz.book.year(next_id)
        self.status.setStyleSheet("")
        self.status.setText(f"Räkenskapsåret {y.label} är stängt. {nxt.label} är öppet med ingående "
                            "balanser från årets bokslut.")
        self.confirm.hide()
        self.close_btn.hide()
        self.final_btn.show()
        self.wiz.yearClosed.emit(y.id)
        return True

    def open_reopen_dialog(self):
        """The separate, logged decision to re-open the year (the same dialog as the main
        window's Bokslut → Öppna stängt år igen). Returns the dialog, shown window-modal."""
        dlg = ReopenYearDialog(self.wiz.book, self.wiz.year_id, self)
        dlg.reopened.connect(lambda _year_id: self.initializePage())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        self.reopen_dialog = dlg
        dlg.open()
        return dlg

    def final_package(self) -> list:
        produce_page = self.wiz.page(6)
        out = produce_page.produce(options=dict(pdf=False, sie=False, xlsx=False, package=True))
        if out:
            self.status.setText(self.status.text() + "<br><br><b>Slutligt överlämningspaket:</b><br>"
                                + "<br>".join(escape(str(p)) for _w, p in out))
        return out
