"""Insatser (the projects the förbund finances, with beviljade medel per year) and
projektägare (who runs them and invoices the costs)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QTabWidget, QVBoxLayout

from ..book import Book
from ..book.registers import PROJECT_KINDS
from ..book.validate import parse_account_number, parse_date
from ..money import parse_kr
from ..ops.registers import save_project, save_project_owner
from .common import close_bar, heading, money
from .models import Column
from .record_editor import RecordEditor
from .start_page import current_year


def _optional_date(text: str, field: str) -> str | None:
    return parse_date(text, field=field) if text.strip() else None


class ProjectsEditor(RecordEditor):
    title = "Insats"
    new_title = "Ny insats"

    def __init__(self, book: Book, parent=None):
        self.book = book
        self.year = current_year(book)
        year_label = self.year.label if self.year else ""
        owners = lambda p: self._owner_names.get(p.owner_id, "") if p.owner_id else ""  # noqa: E731
        columns = [
            Column("Kod", lambda p: p.code),
            Column("Insats", lambda p: p.name if p.active else f"{p.name} (avslutad)"),
            Column("Projektägare", owners),
            Column("Typ", lambda p: p.kind.capitalize()),
            Column(f"Beviljat {year_label}", lambda p: self._grants.get(p.id, 0), amount=True),
        ]
        self._owner_names: dict[int, str] = {}
        self._grants: dict[int, int] = {}
        super().__init__(columns, {0: 6, 2: 22, 3: 20, 4: 13}, stretch=1, parent=parent)
        self.code = self.add_field("kod", "Kod", QLineEdit())
        self.code.setMaximumWidth(120)
        self.name = self.add_field("namn", "Namn", QLineEdit())
        self.owner = self.add_field("projektägare", "Projektägare", QComboBox())
        self.kind = self.add_field("typ", "Typ", QComboBox())
        for k in PROJECT_KINDS:
            self.kind.addItem(k.capitalize(), k)
        self.start = self.add_field("start", "Startdatum", QLineEdit())
        self.end = self.add_field("slut", "Slutdatum", QLineEdit())
        for w in (self.start, self.end):
            w.setPlaceholderText("ÅÅÅÅ-MM-DD (kan lämnas tomt)")
        self.account = self.add_field("konto", "Kostnadskonto", QLineEdit())
        self.account.setPlaceholderText(str(self.book.account_role("project_cost")))
        self.grant = self.add_field("beviljat", f"Beviljat {year_label} (kr)", QLineEdit())
        self.active = self.add_field("aktiv", "", QCheckBox("Pågående"))
        self.active.setToolTip("Bara pågående insatser kan väljas i nya verifikationer.")
        self.reload()

    def records(self):
        owners = self.book.counterparts()
        self._owner_names = {c.id: c.name for c in owners}
        self._grants = self.book.project_grants(self.year.id) if self.year else {}
        self.owner.clear()
        self.owner.addItem("(ingen)", None)
        for c in owners:
            self.owner.addItem(c.name, c.id)
        return self.book.projects()

    def fill(self, p) -> None:
        self.code.setText(p.code)
        self.name.setText(p.name)
        self.owner.setCurrentIndex(max(self.owner.findData(p.owner_id), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(p.kind), 0))
        self.start.setText(p.start or "")
        self.end.setText(p.end or "")
        self.account.setText(str(p.account) if p.account else "")
        self.grant.setText(money(self._grants.get(p.id, 0)))
        self.active.setChecked(p.active)

    def clear_fields(self) -> None:
        for w in (self.code, self.name, self.start, self.end, self.account, self.grant):
            w.clear()
        self.owner.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.active.setChecked(True)
        self.code.setFocus()

    def store(self, p):
        fields = dict(
            code=self.code.text().strip(), name=self.name.text(), owner_id=self.owner.currentData(),
            kind=self.kind.currentData(), start=_optional_date(self.start.text(), "start"),
            end=_optional_date(self.end.text(), "slut"),
            account=parse_account_number(self.account.text(), field="konto") if self.account.text().strip() else None)
        grant = parse_kr(self.grant.text(), field="beviljat") if self.grant.text().strip() else 0
        return save_project(self.book, p.id if p is not None else None, active=self.active.isChecked(),
                            year_id=self.year.id if self.year else None, grant=grant, **fields).id


class OwnersEditor(RecordEditor):
    title = "Projektägare"
    new_title = "Ny projektägare"

    def __init__(self, book: Book, parent=None):
        self.book = book
        self._members: dict[int, str] = {}
        columns = [Column("Projektägare", lambda c: c.name),
                   Column("Organisationsnummer", lambda c: c.orgnr),
                   Column("Medlem", lambda c: self._members.get(c.member_id, "") if c.member_id else "")]
        super().__init__(columns, {1: 20, 2: 26}, stretch=0, parent=parent)
        self.name = self.add_field("namn", "Namn", QLineEdit())
        self.orgnr = self.add_field("organisationsnummer", "Organisationsnummer", QLineEdit())
        self.orgnr.setPlaceholderText("t.ex. 212000-2411 (kan lämnas tomt)")
        self.member = self.add_field("medlem", "Är medlemmen", QComboBox())
        self.reload()

    def records(self):
        members = self.book.members()
        self._members = {m.id: m.name for m in members}
        self.member.clear()
        self.member.addItem("(inte en medlem)", None)
        for m in members:
            self.member.addItem(m.name, m.id)
        return self.book.counterparts()

    def fill(self, c) -> None:
        self.name.setText(c.name)
        self.orgnr.setText(c.orgnr)
        self.member.setCurrentIndex(max(self.member.findData(c.member_id), 0))

    def clear_fields(self) -> None:
        self.name.clear()
        self.orgnr.clear()
        self.member.setCurrentIndex(0)
        self.name.setFocus()

    def store(self, c):
        return save_project_owner(self.book, c.id if c is not None else None, name=self.name.text(),
                                  orgnr=self.orgnr.text(), member_id=self.member.currentData()).id


class RegistersDialog(QDialog):
    """Insatser and projektägare, one tab each."""

    def __init__(self, book: Book, parent=None, *, tab: int = 0):
        super().__init__(parent)
        self.setWindowTitle("Insatser och projektägare")
        self.resize(1280, 680)
        self.projects = ProjectsEditor(book)
        self.owners = OwnersEditor(book)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.projects, "Insatser")
        self.tabs.addTab(self.owners, "Projektägare")
        self.tabs.setCurrentIndex(tab)
        # A new or renamed projektägare must show up in the insats form at once.
        self.owners.saved.connect(lambda _id: self.projects.reload(
            select=self.projects.current.id if self.projects.current else None))
        bottom = close_bar(self, "Beviljade medel gäller det räkenskapsår som visas i kolumnrubriken.")
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Insatser och projektägare"))
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
