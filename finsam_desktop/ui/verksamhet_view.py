"""Verksamhet och SUS: deltagare per insats for a year (a form per insats and age group,
and a CSV import for figures taken from SUS), the goals with their verdicts, the
members' mellanhavanden and the figures to register in SUS, checked against the
resultaträkning. Everything shown is computed by reports/ from the book."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..book import Book
from ..book.annual import ORGANISATION_ROLES, HistoryYear, ParticipantFigures
from ..errors import FinsamError, InputError
from ..money import parse_kr
from ..ops.annual import import_participants_csv, save_goal, save_history_year, save_participants
from ..reports.document import build_document
from ..render.xlsx_sus import write_sus_xlsx
from ..reports.annual_extras import ROLE_LABELS
from ..reports.goals import JUDGEMENT_KEY
from ..reports.sus import sus_figures
from .common import ERROR_STYLE, MUTED_STYLE, heading, money_kr, show_error, table_view
from .models import Column, RecordTableModel

PARTICIPANT_COLUMNS = [
    Column("Insats", lambda r: r["code"]), Column("År", lambda r: r["year"]),
    Column("Mål", lambda r: r["target"], amount=True), Column("Kvinnor", lambda r: r["women"], amount=True),
    Column("Män", lambda r: r["men"], amount=True), Column("Deltagare", lambda r: r["total"], amount=True),
    Column("Avslutade", lambda r: r["ended"], amount=True), Column("Till arbete", lambda r: r["work"], amount=True),
    Column("Till studier", lambda r: r["studies"], amount=True),
    Column("Annan insats", lambda r: r["other_insats"], amount=True),
    Column("Annan anledning", lambda r: r["other"], amount=True),
    Column("Kostnad", lambda r: r["cost"], amount=True, tooltip="Insatsens kostnader enligt bokföringen"),
    Column("Kr per deltagare", lambda r: r["per"], amount=True),
]
GOAL_COLUMNS = [Column("Mål", lambda r: r["title"]), Column("Målvärde", lambda r: r["target"]),
                Column("Utfall", lambda r: r["outcome"]), Column("Bedömning", lambda r: r["verdict"])]
SUS_COLUMNS = [Column("Post", lambda r: r["label"]), Column("Budget", lambda r: r["budget"], amount=True),
               Column("Insatskostnad", lambda r: r["own"], amount=True),
               Column("Övrigt", lambda r: r["rest"], amount=True), Column("Belopp", lambda r: r["amount"], amount=True)]
MEMBER_COLUMNS = [Column("Medlem", lambda r: r["name"]), Column("Andel", lambda r: r["share"], amount=True),
                  Column("Driftbidrag", lambda r: r["drift"], amount=True),
                  Column("Köpta tjänster", lambda r: r["bought"], amount=True),
                  Column("Insatser", lambda r: r["ins"], amount=True),
                  Column("varav interimsskuld", lambda r: r["owed"], amount=True),
                  Column("Fordringar", lambda r: r["claims"], amount=True),
                  Column("Skulder", lambda r: r["debts"], amount=True),
                  Column("Andel eget kapital", lambda r: r["equity"], amount=True)]
HISTORY_LABELS = (("tilldelade_medel", "Tilldelade medel"), ("verksamhetens_intakter", "Verksamhetens intäkter"),
                  ("verksamhetens_kostnader", "Summa kostnader"), ("arets_resultat", "Årets resultat"),
                  ("eget_kapital", "Eget kapital"), ("summa_tillgangar", "Summa tillgångar"),
                  ("likvida_medel", "Likvida medel"))
HISTORY_COLUMNS = ([Column("År", lambda r: r["year"])]
                   + [Column(label, (lambda r, k=key: r[k]), amount=True) for key, label in HISTORY_LABELS]
                   + [Column("Källa", lambda r: r["source"])])
COUNT_FIELDS = (("target", "Mål antal deltagare"), ("women", "Kvinnor"), ("men", "Män"),
                ("ended_work", "Avslutade till arbete"), ("ended_studies", "Avslutade till studier"),
                ("ended_other_insats", "Avslutade till annan insats"), ("ended_other", "Avslutade av annan anledning"))


class VerksamhetView(QWidget):
    """The page 'Verksamhet och SUS'."""

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.year_id: int | None = None
        self.years = QComboBox()
        self.years.currentIndexChanged.connect(self._year_chosen)
        self.act_import = QAction("Läs in deltagare (CSV) …", self)
        self.act_import.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.act_import.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.act_import.triggered.connect(lambda _c=False: self.import_csv())
        self.act_sus_xlsx = QAction("Spara SUS-uppgifter (xlsx) …", self)
        self.act_sus_xlsx.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.act_sus_xlsx.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.act_sus_xlsx.triggered.connect(lambda _c=False: self.save_sus())
        self.addActions([self.act_import, self.act_sus_xlsx])
        import_btn = QPushButton("Läs in deltagare (CSV) … (Ctrl+Shift+T)")
        import_btn.clicked.connect(self.act_import.trigger)
        import_btn.setEnabled(not book.read_only)
        sus_btn = QPushButton("Spara SUS-uppgifter (xlsx) … (Ctrl+Shift+X)")
        sus_btn.clicked.connect(self.act_sus_xlsx.trigger)
        top = QHBoxLayout()
        top.addWidget(QLabel("Räkenskapsår"))
        top.addWidget(self.years)
        top.addStretch(1)
        top.addWidget(import_btn)
        top.addWidget(sus_btn)

        self.participants = RecordTableModel(PARTICIPANT_COLUMNS)
        self.goals = RecordTableModel(GOAL_COLUMNS)
        self.sus = RecordTableModel(SUS_COLUMNS)
        self.members = RecordTableModel(MEMBER_COLUMNS)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.sus_status = QLabel()
        self.sus_status.setWordWrap(True)
        self.judgement = QLabel()
        self.judgement.setWordWrap(True)

        self.tabs = QTabWidget()
        part = QWidget()
        pl = QVBoxLayout(part)
        table = table_view(self.participants, stretch_column=None)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # headers whole
        pl.addWidget(table, 1)
        pl.addWidget(self._form())
        self.tabs.addTab(part, "Deltagare per insats")
        goals = QWidget()
        gl = QVBoxLayout(goals)
        gl.addWidget(table_view(self.goals, stretch_column=2, widths={0: 52, 1: 40, 3: 18}), 1)
        gl.addWidget(self.judgement)
        gl.addWidget(self._goal_form())
        self.tabs.addTab(goals, "Måluppfyllelse")
        sus = QWidget()
        sl = QVBoxLayout(sus)
        sl.addWidget(table_view(self.sus, stretch_column=0), 1)
        sl.addWidget(self.sus_status)
        self.tabs.addTab(sus, "SUS")
        mem = QWidget()
        ml = QVBoxLayout(mem)
        ml.addWidget(table_view(self.members, stretch_column=0), 1)
        self.tabs.addTab(mem, "Mellanhavanden")
        self.tabs.addTab(self._organisation_tab(), "Organisation")
        self.tabs.addTab(self._history_tab(), "Tidigare år")

        lay = QVBoxLayout(self)
        lay.addWidget(heading("Verksamhet och SUS"))
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.status)
        self._fill_years()

    # ------------------------------------------------------------------ the form
    def _form(self) -> QGroupBox:
        box = QGroupBox("Ändra deltagare för en insats")
        form = QFormLayout(box)
        self.f_project = QComboBox()
        for p in self.book.projects():
            self.f_project.addItem(f"{p.code} {p.name}", p.id)
        self.f_age = QLineEdit()
        self.f_age.setPlaceholderText("tomt: hela insatsen, t.ex. 16–20 år")
        form.addRow("Insats", self.f_project)
        form.addRow("Åldersgrupp", self.f_age)
        self.f_counts: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(COUNT_FIELDS):
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setObjectName(f"count_{key}")
            spin.setToolTip(label)
            self.f_counts[key] = spin
            r, c = (0, 2 * i) if i < 3 else (1, 2 * (i - 3))
            grid.addWidget(QLabel(label), r, c)
            grid.addWidget(spin, r, c + 1)
        form.addRow(grid)
        self.f_save = QPushButton("Spara deltagare")
        self.f_save.clicked.connect(self.save_form)
        self.f_save.setEnabled(not self.book.read_only)
        form.addRow(self.f_save)
        self.f_project.currentIndexChanged.connect(self._load_form)
        self.f_age.editingFinished.connect(self._load_form)
        return box

    def _organisation_tab(self) -> QWidget:
        """The year's styrelse, revisorer and förbundschef: a table to edit and save."""
        w = QWidget()
        lay = QVBoxLayout(w)
        self.org_table = QTableWidget(0, 4)
        self.org_table.setHorizontalHeaderLabels(["Namn", "Roll", "Titel", "Utsedd av"])
        self.org_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        lay.addWidget(self.org_table, 1)
        row = QHBoxLayout()
        add = QPushButton("Ny rad")
        add.clicked.connect(lambda: self._org_row("", "ledamot", "", None))
        remove = QPushButton("Ta bort rad")
        remove.clicked.connect(lambda: self.org_table.removeRow(self.org_table.currentRow())
                               if self.org_table.currentRow() >= 0 else None)
        self.org_save = QPushButton("Spara organisationen")
        self.org_save.clicked.connect(self.save_organisation)
        for b in (add, remove, self.org_save):
            b.setEnabled(not self.book.read_only)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.org_save)
        lay.addLayout(row)
        self.org_error = QLabel()
        self.org_error.setWordWrap(True)
        lay.addWidget(self.org_error)
        return w

    def _history_tab(self) -> QWidget:
        """Key figures of years before the book, entered once from their årsredovisningar."""
        w = QWidget()
        lay = QVBoxLayout(w)
        self.history = RecordTableModel(HISTORY_COLUMNS)
        table = table_view(self.history, stretch_column=None)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # headers whole
        lay.addWidget(table, 1)
        box = QGroupBox("Mata in ett år före boken (belopp i kr; kostnader som positivt belopp)")
        grid = QGridLayout(box)
        self.h_year = QSpinBox()
        self.h_year.setRange(1990, 2200)
        self.h_year.setValue(int(self.book.years()[0].label[:4]) - 1 if self.book.years() else 2020)
        grid.addWidget(QLabel("År"), 0, 0)
        grid.addWidget(self.h_year, 0, 1)
        self.h_fields: dict[str, QLineEdit] = {}
        for i, (key, label) in enumerate(HISTORY_LABELS, 1):
            edit = QLineEdit()
            edit.setObjectName(f"history_{key}")
            self.h_fields[key] = edit
            grid.addWidget(QLabel(label), i // 4, 2 * (i % 4))
            grid.addWidget(edit, i // 4, 2 * (i % 4) + 1)
        self.h_source = QLineEdit()
        self.h_source.setPlaceholderText("t.ex. Årsredovisning 2023")
        grid.addWidget(QLabel("Källa"), 2, 0)
        grid.addWidget(self.h_source, 2, 1, 1, 5)
        self.h_save = QPushButton("Spara året")
        self.h_save.clicked.connect(self.save_history)
        self.h_save.setEnabled(not self.book.read_only)
        grid.addWidget(self.h_save, 2, 7)
        lay.addWidget(box)
        self.h_error = QLabel()
        self.h_error.setWordWrap(True)
        lay.addWidget(self.h_error)
        return w

    def _load_history(self) -> None:
        self.history.set_records([dict(year=str(h.year), **{k: money_kr(getattr(h, k)) for k, _l in HISTORY_LABELS},
                                       source=h.source) for h in reversed(self.book.history_years())])

    def save_history(self) -> None:
        try:
            values = {}
            for key, label in HISTORY_LABELS:
                raw = self.h_fields[key].text().strip()
                if not raw:
                    raise InputError(f"Fältet {label.lower()} är tomt.", field=key)
                values[key] = parse_kr(raw, field=label.lower())
            values["verksamhetens_kostnader"] = -abs(values["verksamhetens_kostnader"])
            save_history_year(self.book, HistoryYear(self.h_year.value(), **values, source=self.h_source.text().strip()))
        except FinsamError as exc:
            self.h_error.setStyleSheet(ERROR_STYLE)
            self.h_error.setText(exc.message)
            return
        self.h_error.setStyleSheet(MUTED_STYLE)
        self.h_error.setText(f"Nyckeltalen för {self.h_year.value()} sparades; de visas i femårsöversikten.")
        self._load_history()

    def _org_row(self, name: str, role: str, title: str, member_id: int | None) -> None:
        r = self.org_table.rowCount()
        self.org_table.insertRow(r)
        self.org_table.setItem(r, 0, QTableWidgetItem(name))
        roles = QComboBox()
        for key in ORGANISATION_ROLES:
            roles.addItem(ROLE_LABELS[key], key)
        roles.setCurrentIndex(max(roles.findData(role), 0))
        self.org_table.setCellWidget(r, 1, roles)
        self.org_table.setItem(r, 2, QTableWidgetItem(title))
        members = QComboBox()
        members.addItem("Förbundet", None)
        for m in self.book.members():
            members.addItem(m.name, m.id)
        members.setCurrentIndex(max(members.findData(member_id), 0))
        self.org_table.setCellWidget(r, 3, members)

    def _load_organisation(self) -> None:
        self.org_table.setRowCount(0)
        for p in self.book.organisation(self.year_id):
            self._org_row(p.name, p.role, p.title, p.member_id)

    def save_organisation(self) -> None:
        people = []
        for r in range(self.org_table.rowCount()):
            name = self.org_table.item(r, 0).text() if self.org_table.item(r, 0) else ""
            title = self.org_table.item(r, 2).text() if self.org_table.item(r, 2) else ""
            people.append((name, self.org_table.cellWidget(r, 1).currentData(), title,
                           self.org_table.cellWidget(r, 3).currentData()))
        try:
            self.book.set_organisation(self.year_id, people)
        except FinsamError as exc:
            self.org_error.setStyleSheet(ERROR_STYLE)
            self.org_error.setText(exc.message)
            return
        self.org_error.setStyleSheet(MUTED_STYLE)
        self.org_error.setText(f"Organisationen för {self.years.currentText()} sparades ({len(people)} personer).")
        self._load_organisation()

    def _goal_form(self) -> QGroupBox:
        box = QGroupBox("Lägg till mål och skriv styrelsens bedömning")
        form = QFormLayout(box)
        self.g_title = QLineEdit()
        self.g_kind = QComboBox()
        self.g_kind.addItem("Verksamhetsmål", "verksamhet")
        self.g_kind.addItem("Finansiellt mål", "finansiell")
        self.g_metric = QComboBox()
        for label, key in (("Bedöms av styrelsen", None), ("Eget kapital högst % av tilldelade medel",
                                                           "eget_kapital_max_andel"),
                           ("Eget kapital minst (kr)", "eget_kapital_golv"),
                           ("Individinriktade insatser minst % av insatserna", "individ_andel_min"),
                           ("Årets resultat minst (kr, budget)", "resultat_mot_budget"),
                           ("Deltagare minst % av insatsernas mål", "deltagare_mot_mal")):
            self.g_metric.addItem(label, key)
        self.g_target = QLineEdit()
        self.g_target.setPlaceholderText("procent (20) eller kronor (180 000)")
        self.g_outcome = QLineEdit()
        self.g_verdict = QComboBox()
        for label, key in (("Ej bedömt", None), ("Uppfyllt", "uppfyllt"), ("Delvis uppfyllt", "delvis"),
                           ("Ej uppfyllt", "ej_uppfyllt")):
            self.g_verdict.addItem(label, key)
        self.g_metric.currentIndexChanged.connect(self._metric_chosen)
        self.g_judgement = QLineEdit()
        self.g_error = QLabel()
        self.g_error.setStyleSheet(ERROR_STYLE)
        add = QPushButton("Lägg till målet")
        add.clicked.connect(self.add_goal)
        save_j = QPushButton("Spara bedömningen")
        save_j.clicked.connect(self.save_judgement)
        for w in (add, save_j):
            w.setEnabled(not self.book.read_only)
        row = QHBoxLayout()
        row.addWidget(self.g_kind)
        row.addWidget(self.g_metric, 1)
        row.addWidget(self.g_target)
        form.addRow("Mål", self.g_title)
        form.addRow("Typ och mått", row)
        row2 = QHBoxLayout()
        row2.addWidget(self.g_outcome, 1)
        row2.addWidget(self.g_verdict)
        row2.addWidget(add)
        form.addRow("Utfall och bedömning", row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.g_judgement, 1)
        row3.addWidget(save_j)
        form.addRow("Styrelsens bedömning", row3)
        form.addRow(self.g_error)
        self._metric_chosen()
        return box

    def _metric_chosen(self) -> None:
        computed = self.g_metric.currentData() is not None
        self.g_target.setEnabled(computed)
        self.g_verdict.setEnabled(not computed)   # a computed goal is judged from the figures

    def add_goal(self) -> None:
        if self.year_id is None:
            return
        metric = self.g_metric.currentData()
        raw = self.g_target.text().strip()
        try:
            target = None
            if metric in ("eget_kapital_golv", "resultat_mot_budget"):
                target = parse_kr(raw, field="målvärde") if raw else None
            elif metric is not None and raw:
                try:
                    target = round(float(raw.replace(",", ".").replace("%", "").strip()) * 100)
                except ValueError:
                    raise InputError(f"Målvärdet ska vara en procentsats, t.ex. 20, inte ”{raw}”.",
                                     field="målvärde") from None
            save_goal(self.book, None, self.year_id, kind=self.g_kind.currentData(), title=self.g_title.text(),
                      metric=metric, target=target, outcome=self.g_outcome.text().strip(),
                      verdict=self.g_verdict.currentData())
        except FinsamError as exc:
            self.g_error.setText(exc.message)
            return
        self.g_error.setText("")
        self.g_title.clear()
        self.g_target.clear()
        self.g_outcome.clear()
        self.reload()

    def save_judgement(self) -> None:
        if self.year_id is None:
            return
        try:
            self.book.set_year_text(self.year_id, JUDGEMENT_KEY, self.g_judgement.text().strip())
        except FinsamError as exc:
            self.g_error.setText(exc.message)
            return
        self.g_error.setText("")
        self.reload()

    def _load_form(self) -> None:
        if self.year_id is None or self.f_project.currentData() is None:
            return
        mine = [f for f in self.book.participant_figures(self.year_id, self.f_project.currentData())
                if f.age_group == self.f_age.text().strip()]
        for key, spin in self.f_counts.items():
            spin.setValue((getattr(mine[0], key) or 0) if mine else 0)

    def save_form(self) -> None:
        if self.year_id is None or self.f_project.currentData() is None:
            return
        values = {k: s.value() for k, s in self.f_counts.items()}
        values["target"] = values["target"] or None
        try:
            save_participants(self.book, ParticipantFigures(self.f_project.currentData(), self.year_id,
                                                            self.f_age.text().strip(), **values))
        except FinsamError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(exc.message)
            return
        self.reload()
        self.status.setStyleSheet(MUTED_STYLE)
        self.status.setText("Deltagarna sparades.")

    # ------------------------------------------------------------------ years
    def _fill_years(self, select_id: int | None = None) -> None:
        self.years.blockSignals(True)
        self.years.clear()
        for y in self.book.years():
            self.years.addItem(y.label, y.id)
        self.years.blockSignals(False)
        index = self.years.findData(select_id) if select_id is not None else self.years.count() - 1
        self.years.setCurrentIndex(max(index, 0))
        self._year_chosen()

    def _year_chosen(self) -> None:
        self.year_id = self.years.currentData()
        year = self.book.year(self.year_id) if self.year_id is not None else None
        # a closed year's deltagare are locked (the database refuses them too)
        self.f_save.setEnabled(not self.book.read_only and year is not None and not year.is_closed)
        self.f_save.setToolTip("Året är stängt; dess deltagare kan inte ändras." if year and year.is_closed else "")
        self.org_save.setEnabled(self.f_save.isEnabled())
        self.reload()

    def set_year(self, year_id: int) -> None:
        index = self.years.findData(year_id)
        if index < 0:
            self._fill_years(year_id)
        else:
            self.years.setCurrentIndex(index)

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        if self.year_id is None:
            return
        try:
            doc = build_document(self.book, self.year_id)
            sus = sus_figures(self.book, self.year_id)
        except FinsamError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(exc.message)
            return
        ex = doc.extras
        rows = []
        for ins in ex.verksamhet.insatser:
            for y in ins.years:
                # counts as text: an int in an amount column would print as kronor
                rows.append(dict(code=ins.code, year=y.year_label, target="" if y.target is None else str(y.target),
                                 women=str(y.women), men=str(y.men), total=str(y.total), ended=str(y.ended),
                                 work=str(y.ended_work), studies=str(y.ended_studies),
                                 other_insats=str(y.ended_other_insats), other=str(y.ended_other),
                                 cost=money_kr(y.cost), per=money_kr(y.cost_per_participant)))
        self.participants.set_records(rows)
        self.goals.set_records([dict(title=r.title, target=r.target_text, outcome=r.outcome_text,
                                     verdict=r.verdict_label + ("" if r.computed else " (bedömt)"))
                                for r in ex.goals.results])
        self.judgement.setText("Styrelsens samlade bedömning: " + (ex.goals.judgement or "[Text saknas]"))
        self.g_judgement.setText(ex.goals.judgement)
        self.g_judgement.setCursorPosition(0)
        srows, bold = [], set()

        def add(label, amount="", budget="", own="", rest="", is_bold=False):
            if is_bold:
                bold.add(len(srows))
            srows.append(dict(label=label, amount=amount, budget=budget, own=own, rest=rest))
        add("Finansiering", is_bold=True)
        for f in sus.funding:
            add(f.label, money_kr(f.amount))
        add("Summa finansiering", money_kr(sus.total_funding), is_bold=True)
        add("Insatser", is_bold=True)
        for i in sus.insatser:
            add(f"{i.code} {i.name}", money_kr(i.outcome), money_kr(i.budget), money_kr(i.insatskostnad),
                money_kr(i.ovrigt))
        add("Summa insatser", money_kr(sus.total_insatser), is_bold=True)
        add("Administration", is_bold=True)
        for a in sus.administration:
            add(a.label, money_kr(a.amount))
        add("Summa administration", money_kr(sus.total_administration), is_bold=True)
        add("Finansiella kostnader", money_kr(sus.finansiella_kostnader))
        self.sus.set_records(srows, bold)
        self.sus_status.setStyleSheet(MUTED_STYLE if sus.ok else ERROR_STYLE)
        self.sus_status.setText(" ".join(f"{'Stämmer' if c.ok else 'STÄMMER INTE'}: {c.label} "
                                         f"({money_kr(c.sus)} / {money_kr(c.statement)})." for c in sus.checks))
        self.members.set_records([dict(name=m.name, share=f"{m.share_bp / 100:.2f} %".replace(".", ","),
                                       drift=money_kr(m.driftbidrag), bought=money_kr(m.kopta_tjanster),
                                       ins=money_kr(m.insatser_kostnad), owed=money_kr(m.interimsskuld),
                                       claims=money_kr(m.fordringar), debts=money_kr(m.skulder),
                                       equity=money_kr(m.andel_eget_kapital))
                                  for m in ex.mellanhavanden.members])
        self._load_form()
        self._load_organisation()
        self._load_history()

    # ------------------------------------------------------------------ actions
    def import_csv(self, path: str | None = None) -> None:
        if self.book.read_only:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Läs in deltagare", "", "CSV-filer (*.csv);;Alla filer (*)")
            if not path:
                return
        try:
            rows = import_participants_csv(self.book, path)
        except FinsamError as exc:
            show_error(self, exc, "Deltagarna kunde inte läsas in")
            return
        self.reload()
        self.status.setStyleSheet(MUTED_STYLE)
        self.status.setText(f"Läste in {len(rows)} rader med deltagare. Inget annat ändrades.")

    def save_sus(self, path: str | None = None) -> None:
        if self.year_id is None:
            return
        label = self.years.currentText()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Spara SUS-uppgifter", f"SUS {label}.xlsx",
                                                  "Excel-filer (*.xlsx)")
            if not path:
                return
        try:
            write_sus_xlsx(sus_figures(self.book, self.year_id), self.book.forbund().namn, path)
        except FinsamError as exc:
            show_error(self, exc, "SUS-uppgifterna kunde inte sparas")
            return
        self.status.setStyleSheet(MUTED_STYLE)
        self.status.setText(f"Sparade {path}.")
