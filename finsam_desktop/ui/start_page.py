"""The start page of a book: how the year is going (result so far against budget), the
bank balance, the interimsskulder and the latest verifikationer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem,
                               QVBoxLayout, QWidget)

from ..book import Book, FiscalYear
from ..reports.charts import start_page_charts
from ..reports.engine import budget_by_row
from ..reports.ledger import PeriodLedger, compute
from .card_grid import CardGrid
from .charts import ChartWidget
from .common import MUTED_STYLE, heading, money_kr, table_view, today_iso
from .models import VOUCHER_COLUMNS, RecordTableModel

CARD_STYLE = ("QFrame#card { background: #ffffff; border: 1px solid #d9dee3; border-radius: 6px; }")


def current_year(book: Book) -> FiscalYear | None:
    """The year the user works in: the one holding today if open, else the latest open
    year, else the latest."""
    years = book.years()
    if not years:
        return None
    today = today_iso()
    for y in years:
        if y.start <= today <= y.end and not y.is_closed:
            return y
    open_years = [y for y in years if not y.is_closed]
    return (open_years or years)[-1]


def year_to_date(year: FiscalYear) -> str:
    today = today_iso()
    return today if year.start <= today <= year.end else year.end


class Card(QFrame):
    """A white box with a title, a big figure and a few lines of detail."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.title = QLabel(title)
        self.title.setStyleSheet("color: #4a5560; font-weight: 600;")
        self.figure = QLabel()
        f = self.figure.font()
        f.setPointSize(f.pointSize() + 9)
        f.setBold(True)
        self.figure.setFont(f)
        self.detail = QGridLayout()
        self.detail.setHorizontalSpacing(18)
        self.detail.setVerticalSpacing(3)
        self.note = QLabel()
        self.note.setStyleSheet(MUTED_STYLE)
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.title)
        lay.addWidget(self.figure)
        lay.addLayout(self.detail)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def set_lines(self, lines: list[tuple[str, ...]], header: tuple[str, ...] | None = None) -> None:
        while self.detail.count():
            w = self.detail.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        rows = ([header] if header else []) + lines
        for r, line in enumerate(rows):
            for c, text in enumerate(line):
                lab = QLabel(text)
                if c > 0:
                    lab.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if header and r == 0:
                    lab.setStyleSheet(MUTED_STYLE)
                self.detail.addWidget(lab, r, c)


# The result card's lines: (label, resultaträkning rows summed). The labels are the
# resultaträkning's own, so a figure here is the figure there under the same name.
OVERVIEW_ROWS = (
    ("Verksamhetens intäkter", ("verksamhetens_intakter",)),
    ("Verksamhetens kostnader", ("verksamhetens_kostnader",)),
    ("Avskrivningar", ("avskrivningar",)),
    ("Skatteintäkter och generella statsbidrag", ("skatteintakter", "generella_statsbidrag_och_utjamning")),
    ("Finansiella poster", ("finansiella_intakter", "finansiella_kostnader")),
    ("Extraordinära poster", ("extraordinara_poster",)),
)
OPTIONAL_ROWS = ("Avskrivningar", "Skatteintäkter och generella statsbidrag", "Extraordinära poster")
COST_ROWS = ("verksamhetens_kostnader", "avskrivningar")


class StartPage(QWidget):
    open_voucher = Signal(int)
    open_drafts = Signal()

    def __init__(self, book: Book, parent=None):
        super().__init__(parent)
        self.book = book
        self.year_id: int | None = None  # the working year; None: current_year()
        self.drafts_button = QPushButton()
        self.drafts_button.setCursor(Qt.PointingHandCursor)
        self.drafts_button.setStyleSheet(
            "QPushButton { text-align: left; background: #fff7e0; border: 1px solid #e8d49a; border-radius: 4px;"
            " padding: 7px 12px; color: #5a4300; } QPushButton:hover { background: #fff0c8; }")
        self.drafts_button.clicked.connect(self.open_drafts.emit)
        self.title = heading("", 18)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet(MUTED_STYLE)
        self.subtitle.setWordWrap(True)  # a narrow window breaks the line instead of cutting it
        self.result_card = Card("Årets resultat hittills")
        self.bank_card = Card("Kassa och bank")
        self.accrual_card = Card("Interimsskulder")
        # Side by side while they fit, wrapped onto a second row in a narrow window.
        cards = self.cards = CardGrid(spacing=14)
        cards.addWidget(self.result_card, 5)
        cards.addWidget(self.bank_card, 3)
        cards.addWidget(self.accrual_card, 4)
        self.latest_model = RecordTableModel(VOUCHER_COLUMNS[:4])
        self.latest = table_view(self.latest_model, stretch_column=2, widths={0: 8, 1: 11, 3: 16})
        self.latest.doubleClicked.connect(
            lambda ix: self.open_voucher.emit(self.latest_model.record(ix.row()).id))
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.drafts_button)
        lay.addSpacing(6)
        lay.addLayout(cards)
        lay.addSpacing(6)
        for card in (self.result_card, self.bank_card, self.accrual_card):  # the charts give way, not the cards
            card.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.charts = QWidget()  # costs against budget, five years; hidden when the page is too low
        self.cost_chart, self.five_year_chart = ChartWidget(), ChartWidget()
        row = QHBoxLayout(self.charts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cost_chart, 1)
        row.addWidget(self.five_year_chart, 1)
        lay.addWidget(self.charts, 3)
        self.latest_heading = heading("Senast bokförda verifikationer", 12)
        lay.addWidget(self.latest_heading)
        lay.addWidget(self.latest, 2)
        # Takes the room left when the charts and the list have given way (a low window),
        # so that it does not open gaps between the headings and the cards.
        self.filler = QSpacerItem(0, 0, QSizePolicy.Minimum, QSizePolicy.Minimum)
        lay.addItem(self.filler)
        self.reload()

    def reload(self) -> None:
        b = self.book
        f = b.forbund()
        self.title.setText(f.namn)
        drafts = len(b.drafts())
        self.drafts_button.setText(f"{drafts} utkast väntar på att göras färdiga och bokföras – öppna listan …"
                                   if drafts != 1 else "1 utkast väntar på att göras färdigt och bokföras – "
                                   "öppna listan …")
        self.drafts_button.setVisible(drafts > 0)
        y = (b.year(self.year_id) if self.year_id is not None else None) or current_year(b)
        if y is None:
            self.subtitle.setText("Boken har inget räkenskapsår.")
            return
        upto = year_to_date(y)
        status = "stängt" if y.is_closed else "öppet"
        self.subtitle.setText(f"Organisationsnummer {f.orgnr} · räkenskapsår {y.label} ({status}) · "
                              f"siffrorna avser {y.start} – {upto}")
        self._result(y, upto)
        self._bank(upto)
        self._accruals(upto)
        for widget, chart in zip((self.cost_chart, self.five_year_chart), start_page_charts(b, y.id, upto)):
            widget.set_chart(chart)
        # Newest booked first: a back-dated verifikation just booked shows at the top.
        self.latest_model.set_records(b.latest_booked(y.id, 12))

    CHART_ROOM = 280  # the charts' height and a usable list of verifikationer
    LIST_ROOM = 100   # the list's heading and its first rows

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width = self.layout().contentsRect().width() or self.width()
        above = (self.title.sizeHint().height() + self.subtitle.heightForWidth(width) + 90
                 + self.cards.heightForWidth(width)
                 + (self.drafts_button.sizeHint().height() if self.drafts_button.isVisible() else 0))
        room = self.height() - above
        self.charts.setVisible(room >= self.CHART_ROOM)
        # In a window too low for the cards on two rows and the list, the list gives way
        # (as the charts do): never drawn over the cards.
        self.latest_heading.setVisible(room >= self.LIST_ROOM)
        self.latest.setVisible(room >= self.LIST_ROOM)
        grow = QSizePolicy.Minimum if room >= self.LIST_ROOM else QSizePolicy.Expanding
        if self.filler.sizePolicy().verticalPolicy() != grow:
            self.filler.changeSize(0, 0, QSizePolicy.Minimum, grow)
            self.layout().invalidate()

    def set_year(self, year_id: int) -> None:
        self.year_id = year_id
        self.reload()

    def _result(self, y: FiscalYear, upto: str) -> None:
        """The year so far in the resultaträkning's rows and words: verksamhetens intäkter,
        verksamhetens kostnader and avskrivningar each as the resultaträkning shows them,
        finansiella poster, other rows when they carry an amount, årets resultat."""
        b = self.book
        accounts = {a.number: a for a in b.accounts()}
        rr = compute(PeriodLedger.read(b, y, y.start, upto, accounts)).rr
        budget, _spanning = budget_by_row(b, y, accounts)
        lines = [(label, sum(rr[r] for r in rows), *([sum(budget.get(r, 0) for r in rows)] if budget else []))
                 for label, rows in OVERVIEW_ROWS
                 if label not in OPTIONAL_ROWS or any(rr[r] or (budget or {}).get(r) for r in rows)]
        lines.append(("Årets resultat", rr["arets_resultat"],
                      *([sum(budget.values())] if budget else [])))
        self.result_card.figure.setText(f"{money_kr(rr['arets_resultat'])} kr")
        shown = [(label, *map(money_kr, amounts)) for label, *amounts in lines]
        if budget:
            self.result_card.set_lines(shown, header=("", "Utfall", "Budget helår"))
            costs = -sum(rr[r] for r in COST_ROWS)
            b_costs = -sum(budget.get(r, 0) for r in COST_ROWS)
            used = 100 * costs // b_costs if b_costs > 0 else 0
            self.result_card.note.setText(f"{used} % av årets budgeterade kostnader och avskrivningar "
                                          "är förbrukade.")
        else:
            self.result_card.set_lines(shown)
            self.result_card.note.setText("Ingen budget är inlagd för året.")

    def _bank(self, upto: str) -> None:
        b = self.book
        bank_accounts = [a for a in b.accounts() if a.row_id == "kassa_och_bank"]
        balances = b.balance_at(upto, accounts=[a.number for a in bank_accounts])
        total = sum(balances.values())
        self.bank_card.figure.setText(f"{money_kr(total)} kr")
        self.bank_card.set_lines([(f"{a.number} {a.name}", money_kr(balances[a.number]))
                                  for a in bank_accounts if balances.get(a.number)])
        self.bank_card.note.setText(f"Saldo {upto}.")

    def _accruals(self, upto: str) -> None:
        b = self.book
        number = b.account_role("accrual")
        per_project = b.balance_at(upto, accounts=[number], by_project=True)
        total = -sum(per_project.values())
        self.accrual_card.figure.setText(f"{money_kr(total)} kr")
        names = {p.id: p.name for p in b.projects()}
        lines = sorted(((names.get(pid, "Övrigt") if pid else "Utan insats", money_kr(-amt))
                        for (_acc, pid), amt in per_project.items()), key=lambda t: t[0])
        self.accrual_card.set_lines(lines[:6])
        acc = b.account(number)
        self.accrual_card.note.setText(f"Konto {number} {acc.name if acc else ''}, saldo {upto}.")
