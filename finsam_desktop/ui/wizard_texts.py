"""Steps 3–5 of the bokslut wizard: interimsskulder (the period-end form), the
förvaltningsberättelse with the computed figures beside it, and the styrelse who adopts
and signs the report.

A delårsrapport has its own förvaltningsberättelse: its texts (and place and date of
the decision) are saved under the interim keys ('oversikt@2025-06-30', see
render/pdf_context.interim_key), so the årsredovisning keeps the year's plain keys.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
                               QWizardPage)

from ..closing.accruals import undecided_projects
from ..errors import FinsamError, InputError
from ..ops.annual_report import save_signing, save_year_texts
from ..reports.document import interim_key
from ..reports.textfields import SECTION_HEADINGS, field_list, stale_figures
from .accruals_form import AccrualsForm
from .common import DateEdit, ERROR_STYLE, heading, iso, money_kr, muted, qdate, show_error, style_table
from .wizard_page import page_title

# (year_text key, heading) in the order of the förvaltningsberättelse.
SECTIONS = (
    ("oversikt", "Översikt över verksamhetens utveckling"),
    ("viktiga_forhallanden", "Viktiga förhållanden för resultat och ekonomisk ställning"),
    ("handelser", "Händelser av väsentlig betydelse"),
    ("styrning", "Styrning och uppföljning av verksamheten"),
    ("god_ekonomisk_hushallning", "God ekonomisk hushållning och ekonomisk ställning"),
    ("personal", "Väsentliga personalförhållanden"),
    ("forvantad_utveckling", "Förväntad utveckling"),
    ("disposition", "Förslag till disposition av årets resultat"),
    # Asked only when the balanskravsresultat is negative (LKBR 11 kap. 12 §).
    ("balanskrav_atgard", "Balanskravsresultatet är negativt: hur det återställs, eller de synnerliga skälen"),
)


# ---------------------------------------------------------------------- step 3
class AccrualsPage(QWizardPage):
    """The period-end form of the accruals; the step is done when every active insats has
    its interimsskuld decided (an explicit 0 counts)."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 3, "Interimsskulder och andra periodiseringar",
                   "Bestäm vad varje insats har förbrukat men inte fakturerat (även 0 kr) och boka "
                   "övriga upplupna kostnader.")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.refresh_btn = QPushButton("Kontrollera igen")
        self.refresh_btn.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_btn)
        self.lay = QVBoxLayout(self)
        self.lay.addLayout(top)
        self.form = None
        self.form_period = None

    def initializePage(self) -> None:
        if self.form_period != self.wiz.date_to:
            if self.form is not None:
                self.lay.removeWidget(self.form)
                self.form.deleteLater()
            self.form = self._make_form()
            self.form_period = self.wiz.date_to
            self.lay.addWidget(self.form, 1)
        self.refresh()

    def _make_form(self) -> QWidget:
        form = AccrualsForm(self.wiz.book, self.wiz.date_to)
        for name in ("booked", "changed", "saved"):
            sig = getattr(form, name, None)
            if sig is not None and hasattr(sig, "connect"):
                sig.connect(lambda *a: self.refresh())
        return form

    def undecided(self) -> list:
        return undecided_projects(self.wiz.book, self.wiz.date_to)

    def refresh(self) -> None:
        try:
            left = self.undecided()
        except FinsamError as exc:
            show_error(self, exc)
            left = []
        if left:
            names = ", ".join(f"{p.code} {p.name}" for p in left[:5])
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(f"{len(left)} {'insats saknar' if len(left) == 1 else 'insatser saknar'} beslut om interimsskuld per "
                                f"{self.wiz.date_to}: {names}.")
        else:
            self.status.setStyleSheet("")
            self.status.setText(f"Interimsskulden per {self.wiz.date_to} är bestämd för alla aktiva insatser.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        try:
            return not self.undecided()
        except FinsamError:
            return False


# ---------------------------------------------------------------------- step 4
def text_key(wiz, key: str) -> str:
    """The year_text key the wizard reads and writes: the plain key for the årsredovisning,
    the interim key of the period end for a delårsrapport."""
    return key if wiz.is_full_year else interim_key(key, wiz.date_to)


def previous_text_key(wiz, prev_year, key: str) -> str:
    """The key of last year's text to prefill from: the same delårsrapport date a year
    earlier for a delår, else the plain key."""
    if wiz.is_full_year:
        return key
    return interim_key(key, f"{prev_year.end[:4]}{wiz.date_to[4:]}")


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


def report_figures(report) -> list[tuple[str, str]]:
    """(label, value) pairs for the figures beside the förvaltningsberättelse. A
    delårsrapport shows the period's result against the same period last year and how
    much of the year's budget is used (a part of a year has no avvikelse)."""
    rr = report.resultatrakning
    full = report.full_year
    out = [("Årets resultat" if full else "Periodens resultat",
            f"{money_kr(rr.row('arets_resultat').amount)} kr")]
    prev = rr.row("arets_resultat").previous
    if prev is not None:
        out.append(("Föregående år" if full else "Samma period föregående år", f"{money_kr(prev)} kr"))
    ek = report.nyckeltal.eget_kapital
    out.append(("Eget kapital", f"{money_kr(ek.eget_kapital)} kr"))
    out.append(("Tilldelade medel", f"{money_kr(ek.tilldelade_medel)} kr"))
    if ek.andel_procent is not None:
        share = f"{ek.andel_procent:.2f}".replace(".", ",")
        out.append(("Eget kapital / tilldelade medel", f"{share} %"))
        if ek.inom_rekommendation is not None:
            limit = f"{ek.rekommendation_procent:.0f} %"
            out.append((f"Rekommendation högst {limit}", "uppfylld" if ek.inom_rekommendation else "överskriden"))
    if report.nyckeltal.balanskrav:
        out.append(("Balanskravsresultat", f"{money_kr(report.nyckeltal.balanskrav[-1].amount)} kr"))
    if report.driftredovisning is not None:
        total = [r for r in report.driftredovisning.rows if r.section == "summa"]
        if total:
            t = total[-1]
            out.append(("Budget (resultat)" if full else "Budget helår (resultat)", f"{money_kr(t.budget)} kr"))
            if full or t.avvikelse is not None:
                out.append(("Avvikelse mot budget", f"{money_kr(t.avvikelse)} kr"))
            elif t.andel_procent is not None:
                out.append(("Utfall i procent av årets budget", _percent(t.andel_procent)))
    return out


def disposition_text(result_ore: int = 0) -> str:
    """A proposal for the disposition of the year's result. The figure is a field,
    filled from the report when the document is made, so it follows the bookkeeping."""
    return ("Årets verksamhet visar {resultatet}. Styrelsen föreslår att årets resultat överförs i "
            "ny räkning till eget kapital.")


class TextsPage(QWizardPage):
    """A text field per section of the förvaltningsberättelse, prefilled from last year's
    texts when this year has none, with the computed figures beside it."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 4, "Förvaltningsberättelse", "Skriv eller uppdatera texterna. Siffrorna till "
                                                      "höger räknas fram ur bokföringen.")
        self.edits: dict[str, QPlainTextEdit] = {}
        self.origin: dict[str, QLabel] = {}
        self.section_widgets: dict[str, list[QWidget]] = {}
        host = QWidget()
        col = QVBoxLayout(host)
        col.setContentsMargins(0, 0, 8, 0)
        for key, title in SECTIONS:
            row = QHBoxLayout()
            caption = QLabel(f"<b>{title}</b>")
            row.addWidget(caption)
            row.addStretch(1)
            origin = muted("")
            row.addWidget(origin)
            widgets = [caption, origin]
            if key == "disposition":
                suggest = QPushButton("Föreslå text")
                suggest.clicked.connect(self._suggest_disposition)
                row.addWidget(suggest)
                widgets.append(suggest)
            col.addLayout(row)
            edit = QPlainTextEdit()
            edit.setObjectName(f"text_{key}")
            edit.setMinimumHeight(96)
            edit.setTabChangesFocus(True)
            col.addWidget(edit)
            col.addSpacing(6)
            self.edits[key] = edit
            self.origin[key] = origin
            self.section_widgets[key] = widgets + [edit]
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(host)
        self.figures = QFrame()
        self.figures.setObjectName("figures")
        self.figures.setStyleSheet("#figures { background: #f3f6f9; border: 1px solid #d5dbe1; "
                                   "border-radius: 6px; }")
        self.figures.setFixedWidth(300)
        self.fig_grid = QGridLayout(self.figures)
        # The fields a text may hold, filled from the report when the document is made.
        self.fields = QLabel("<b>Fält i texterna</b><br>Skriv ett fält i stället för en siffra, så "
                             "följer texten bokföringen:<br>" + "<br>".join(
                                 f"<code>{name}</code> – {what}" for name, what in field_list()))
        self.fields.setObjectName("text_fields")
        self.fields.setWordWrap(True)
        self.fields.setFixedWidth(300)
        self.fields.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.stale = QLabel()
        self.stale.setObjectName("stale_figures")
        self.stale.setWordWrap(True)
        self.stale.setFixedWidth(300)
        self.stale.setStyleSheet(ERROR_STYLE)
        side_host = QWidget()
        side = QVBoxLayout(side_host)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.figures)
        side.addWidget(self.stale)
        side.addWidget(self.fields)
        side.addStretch(1)
        # The figures, the figures that match nothing and the field list scroll together
        # in a low window.
        side_scroll = QScrollArea()
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        side_scroll.setWidget(side_host)
        side_scroll.setFixedWidth(318)
        lay = QHBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(side_scroll)
        self.result_ore = 0
        self.balanskrav_negative = False

    def sections(self) -> list[str]:
        """The sections of this report: a delårsrapport proposes no disposition; the
        balanskrav statement is asked when the year's balanskravsresultat is negative."""
        return [k for k, _t in SECTIONS if (self.wiz.is_full_year or k not in ("disposition", "balanskrav_atgard"))
                and (k != "balanskrav_atgard" or self.balanskrav_negative)]

    def initializePage(self) -> None:
        self._fill_figures()   # first: which sections are asked depends on the figures
        book, year = self.wiz.book, self.wiz.year
        texts = book.year_texts(year.id)
        prev = book.previous_year(year)
        prev_texts = book.year_texts(prev.id) if prev else {}
        shown = self.sections()
        if prev is None:
            source = ""
        elif self.wiz.is_full_year:
            source = prev.label
        else:
            source = f"delårsrapporten {prev.end[:4]}{self.wiz.date_to[4:]}"
        for key, _title in SECTIONS:
            for w in self.section_widgets[key]:
                w.setVisible(key in shown)
            mine = texts.get(text_key(self.wiz, key))
            before = prev_texts.get(previous_text_key(self.wiz, prev, key)) if prev else None
            if mine:
                self.edits[key].setPlainText(mine)
                self.origin[key].setText("")
            elif before:
                self.edits[key].setPlainText(before)
                self.origin[key].setText(f"Förifylld från {source} – uppdatera")
            else:
                self.edits[key].setPlainText("")
                self.origin[key].setText("")
        self.show_stale()

    def show_stale(self) -> list:
        """List the figures written by hand that match nothing in the report (the same
        kontroll as in the list of kontroller)."""
        texts = {key: self.edits[key].toPlainText() for key in self.sections()}
        try:
            found = stale_figures(texts, SECTION_HEADINGS, self.wiz.report())
        except (FinsamError, ImportError):
            found = []
        self.stale.setText("" if not found else "<b>Siffror som inte stämmer med rapporten</b><br>"
                           + "<br>".join(escape(f.message) for f in found))
        self.stale.setVisible(bool(found))
        return found

    def _fill_figures(self) -> None:
        while self.fig_grid.count():
            item = self.fig_grid.takeAt(0)
            if item.widget():
                item.widget().setParent(None)  # gone at once, not at the next event loop turn
                item.widget().deleteLater()
        self.fig_grid.addWidget(heading("Beräknade siffror", 12), 0, 0, 1, 2)
        try:
            report = self.wiz.report()
        except (FinsamError, ImportError) as exc:
            msg = exc.message if isinstance(exc, FinsamError) else "Rapportmotorn saknas."
            self.fig_grid.addWidget(muted(msg), 1, 0, 1, 2)
            return
        self.result_ore = report.resultatrakning.row("arets_resultat").amount or 0
        self.balanskrav_negative = bool(report.nyckeltal.balanskrav) and report.nyckeltal.balanskrav[-1].amount < 0
        for i, (label, value) in enumerate(report_figures(report), 1):
            lab = QLabel(label)
            lab.setWordWrap(True)
            val = QLabel(value)
            val.setWordWrap(True)
            val.setAlignment(Qt.AlignRight | Qt.AlignTop)
            val.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fig_grid.addWidget(lab, i, 0, Qt.AlignTop)
            self.fig_grid.addWidget(val, i, 1)
        self.fig_grid.setRowStretch(self.fig_grid.rowCount(), 1)

    def _suggest_disposition(self) -> None:
        self.edits["disposition"].setPlainText(disposition_text(self.result_ore))
        self.origin["disposition"].setText("")

    def validatePage(self) -> bool:
        if "balanskrav_atgard" in self.sections() and not self.edits["balanskrav_atgard"].toPlainText().strip():
            show_error(self, FinsamError("Balanskravsresultatet är negativt. Skriv hur det ska återställas, eller "
                                         "vilka synnerliga skäl som finns för att inte återställa det (t.ex. "
                                         "planerad användning av eget kapital); årsredovisningen ska redovisa "
                                         "det.", field="balanskrav_atgard"))
            return False
        texts = {text_key(self.wiz, key): self.edits[key].toPlainText() for key in self.sections()}
        try:
            save_year_texts(self.wiz.book, self.wiz.year.id, texts)
        except FinsamError as exc:
            show_error(self, exc)
            return False
        self.show_stale()
        return True


# ---------------------------------------------------------------------- step 5
def _people_table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    style_table(t)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
    t.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
    return t


class BoardPage(QWizardPage):
    """Styrelsen with roles, place and date of adoption, and the revisorer."""

    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        page_title(self, 5, "Styrelsen", "Vem som beslutar om och skriver under årsredovisningen, var "
                                         "och när, och förbundets revisorer.")
        self.board = _people_table(["Namn", "Roll"])
        self.auditors = _people_table(["Namn", "Uppdrag"])
        self.place = QLineEdit()
        self.place.setMaximumWidth(260)
        self.when = DateEdit()
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setCalendarPopup(True)
        self.when.setMaximumWidth(140)
        self.note = muted("")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow("Beslutsort", self.place)
        form.addRow("Beslutsdatum", self.when)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Styrelsens ledamöter</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Revisorer</b>"), 0, 1)
        grid.addWidget(self.board, 1, 0)
        grid.addWidget(self.auditors, 1, 1)
        grid.addLayout(self._buttons(self.board, "Lägg till ledamot", "Ledamot"), 2, 0)
        grid.addLayout(self._buttons(self.auditors, "Lägg till revisor", "Revisor"), 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addLayout(grid, 1)
        lay.addWidget(self.error)

    def _buttons(self, table: QTableWidget, add_text: str, role: str) -> QHBoxLayout:
        add = QPushButton(add_text)
        remove = QPushButton("Ta bort markerad")
        add.clicked.connect(lambda: self._add(table, "", role, edit=True))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    @staticmethod
    def _add(table: QTableWidget, name: str, role: str, *, edit: bool = False) -> None:
        r = table.rowCount()
        table.insertRow(r)
        table.setItem(r, 0, QTableWidgetItem(name))
        table.setItem(r, 1, QTableWidgetItem(role))
        if edit:
            table.setCurrentCell(r, 0)
            table.editItem(table.item(r, 0))

    def initializePage(self) -> None:
        book, year = self.wiz.book, self.wiz.year
        people = book.signatories(year.id)
        prev = book.previous_year(year)
        self.note.setText("")
        if not people and prev is not None:
            people = book.signatories(prev.id)
            if people:
                self.note.setText(f"Förifyllt från {prev.label}. Kontrollera att styrelsen är densamma.")
        for table in (self.board, self.auditors):
            table.setRowCount(0)
        for s in people:
            self._add(self.board if s.kind == "styrelse" else self.auditors, s.name, s.role)
        texts = book.year_texts(year.id)
        prev_texts = book.year_texts(prev.id) if prev else {}
        self.place.setText(texts.get(text_key(self.wiz, "beslutsort")) or texts.get("beslutsort")
                           or prev_texts.get("beslutsort") or book.forbund().ort)
        when = texts.get(text_key(self.wiz, "beslutsdatum"))
        if when:
            self.when.setDate(qdate(when))
        elif self.wiz.is_full_year:
            self.when.setDate(qdate(f"{int(year.end[:4]) + 1}-03-31"))
        else:  # a delårsrapport is adopted some two months after its period end
            self.when.setDate(qdate(self.wiz.date_to).addMonths(2))

    @staticmethod
    def _people(table: QTableWidget, kind: str) -> list[tuple[str, str, str]]:
        out = []
        for r in range(table.rowCount()):
            name = (table.item(r, 0).text() if table.item(r, 0) else "").strip()
            role = (table.item(r, 1).text() if table.item(r, 1) else "").strip()
            if name:
                out.append((name, role, kind))
        return out

    def validatePage(self) -> bool:
        board = [(n, r) for n, r, _k in self._people(self.board, "styrelse")]
        auditors = [(n, r) for n, r, _k in self._people(self.auditors, "revisor")]
        try:
            # A delårsrapport's decision is its own: the årsredovisning's stays as it is.
            save_signing(self.wiz.book, self.wiz.year.id, board, auditors, place=self.place.text(),
                         date=iso(self.when.date()), place_key=text_key(self.wiz, "beslutsort"),
                         date_key=text_key(self.wiz, "beslutsdatum"), full_year=self.wiz.is_full_year)
        except InputError as exc:
            if exc.field in ("styrelse", "beslutsort"):
                self.error.setText(exc.message)
                return False
            show_error(self, exc)
            return False
        except FinsamError as exc:
            show_error(self, exc)
            return False
        self.error.setText("")
        return True
