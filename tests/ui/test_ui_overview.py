"""The overview (Översikt): its figures carry the resultaträkning's names and equal its
rows (avskrivningar on their own line, not hidden in the kostnader), and its cards are
never cut: in a narrow window they wrap onto more rows instead of being squeezed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel

from finsam_desktop.book import Book
from finsam_desktop.reports.engine import build_report
from finsam_desktop.ui.common import money_kr
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.start_page import StartPage

from pdf_helpers import demo_book  # noqa: F401  (the fixture `demo`)
from ui_helpers import booked, isolated_settings  # noqa: F401


def card_lines(card) -> dict[str, list[str]]:
    grid = card.detail
    out = {}
    for r in range(grid.rowCount()):
        cells = [grid.itemAtPosition(r, c) for c in range(grid.columnCount())]
        texts = [c.widget().text() for c in cells if c is not None and c.widget() is not None]
        if texts:
            out[texts[0]] = texts[1:]
    return out


@pytest.fixture
def with_avskrivning(book):
    y = book.years()[0]
    book.add_account(6810, "Avskrivningar inventarier")
    book.book_voucher("2021-06-30", "Avskrivning inventarier", [(6810, 5_000_00), (1930, -5_000_00)])
    book.book_voucher("2021-07-01", "Ränteintäkt", [(1930, 120_00), (8440, -120_00)])
    book.add_budget_row(y.id, "Avskrivningar", 8_000_00, account_from=6810)
    book.add_budget_row(y.id, "Kostnader", 300_000_00, account_from=4000, account_to=6799)
    book.add_budget_row(y.id, "Bidrag", -400_000_00, account_from=3000, account_to=3999)
    return book


def test_the_overview_uses_the_resultatrakning_rows_and_names(qtbot, with_avskrivning):
    book = with_avskrivning
    y = book.years()[0]
    page = StartPage(book)
    qtbot.addWidget(page)
    page.set_year(y.id)
    lines = card_lines(page.result_card)
    rr = build_report(book, y.id, y.start, y.end).resultatrakning
    for row_id, label in (("verksamhetens_intakter", "Verksamhetens intäkter"),
                          ("verksamhetens_kostnader", "Verksamhetens kostnader"),
                          ("avskrivningar", "Avskrivningar"),
                          ("arets_resultat", "Årets resultat")):
        assert lines[label][0] == money_kr(rr.row(row_id).amount), label
    assert lines["Verksamhetens kostnader"][0] == money_kr(-(25_000_00 + 1_250_50))
    assert lines["Avskrivningar"] == [money_kr(-5_000_00), money_kr(-8_000_00)]
    assert lines["Finansiella poster"] == [money_kr(120_00), money_kr(0)]
    assert lines["Årets resultat"][0] == money_kr(100_000_00 - 25_000_00 - 1_250_50 - 5_000_00 + 120_00)
    assert lines["Verksamhetens kostnader"][1] == money_kr(-300_000_00)
    # The share of the budget used counts kostnader and avskrivningar alike.
    assert page.result_card.note.text() == "10 % av årets budgeterade kostnader och avskrivningar är förbrukade."


@pytest.mark.parametrize("width, height", [(900, 680), (1000, 728), (1100, 728), (1366, 728)])
def test_every_card_is_whole_inside_the_page(qtbot, demo, tmp_path, width, height):
    """The demo book: long insats names and a budget column make the widest cards."""
    demo.backup_to(tmp_path / "demo.finsam")
    window = MainWindow(Book.open(tmp_path / "demo.finsam"))
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("start")
    page = window.pages["start"]
    qtbot.wait(50)
    assert window.width() == width
    # Nothing below the cards is drawn over them: the list starts under the last card, or
    # gives way in a window too low for both (the window's smallest size, cards on two rows).
    assert page.latest.isVisible() or width < 1366     # the list gives way first when the cards wrap
    if page.latest.isVisible():
        below = page.latest_heading.mapTo(page, QPoint(0, 0)).y()
        for card in (page.result_card, page.bank_card, page.accrual_card):
            assert card.mapTo(page, QPoint(0, card.height())).y() < below, (width, height, card.title.text())
    assert page.layout().minimumSize().height() <= page.height(), "nothing is squeezed over anything"
    for card in (page.result_card, page.bank_card, page.accrual_card):      # nor cut at the foot
        assert card.mapTo(page, QPoint(0, card.height())).y() <= page.height(), (width, height, card.title.text())
    inside = page.rect()
    for card in (page.result_card, page.bank_card, page.accrual_card):
        where = QRect(card.mapTo(page, QPoint(0, 0)), card.size())
        assert inside.contains(where), (width, card.title.text(), where, inside)
        assert card.width() >= card.minimumSizeHint().width(), (width, card.title.text())
        for label in card.findChildren(QLabel):
            if label.isVisible() and not label.wordWrap():
                assert label.width() >= label.sizeHint().width(), (width, label.text())
    assert page.height() <= window.height()
