"""The Bank page: lines and their status, keyboard confirmation, matching by hand,
booking from a rule, the reconciliation and reading a statement by menu or drop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.book import Book
from finsam_desktop.ops import bank
from finsam_desktop.ui import bank_view
from finsam_desktop.ui.bank_view import BankView, HandMatchDialog
from finsam_desktop.ui.main_window import MainWindow

from ui_helpers import VALID_ORGNR, isolated_settings  # noqa: F401
from bank_samples import CAMT_02, HANDELSBANKEN


@pytest.fixture
def ledger_book(tmp_path):
    b = Book.create(tmp_path / "bank.finsam", namn="Bankförbundet", orgnr=VALID_ORGNR,
                    year_start="2021-01-01", year_end="2021-12-31")
    b.set_opening_balances(b.years()[0].id, {(1930, None): 100_000_00, (2010, None): -100_000_00})
    b.book_voucher("2021-01-14", "Driftbidrag del 1", [(1930, 150_000_00), (3010, -150_000_00)])
    b.book_voucher("2021-01-15", "Driftbidrag del 2", [(1930, 100_000_00), (3010, -100_000_00)])
    (tmp_path / "jan.xml").write_text(CAMT_02, encoding="utf-8")
    return b


@pytest.fixture
def told(monkeypatch):
    """Message boxes answered without a person: what they said is collected."""
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: said.append(a[1:3]) or QMessageBox.Yes)
    return said


def test_menu_import_then_keyboard_confirm_and_book_by_rule(qtbot, ledger_book, tmp_path, told):
    w = MainWindow(ledger_book)
    qtbot.addWidget(w)
    assert w.act_bank_import.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert w.page_actions["bank"].shortcut() == QKeySequence("Ctrl+9")
    assert "Läs in kontoutdrag" in w.act_bank_import.text().replace("&", "")
    res = bank_view.choose_and_import(w, str(tmp_path / "jan.xml"))
    assert (res.new, res.matched) == (2, 1)
    assert told[-1][0] == "Kontoutdraget är inläst" and "2 rader, 2 nya" in told[-1][1]
    page = w.area.current()
    assert isinstance(page, BankView)
    assert page.model.rowCount() == 2 and "0 avstämda, 1 med förslag" in page.summary.text()
    assert page.model.data(page.model.index(0, 4)) == "Förslag"
    assert page.model.data(page.model.index(0, 5)) == "A 1, A 2"
    assert page.rec_date.date().toString("yyyy-MM-dd") == "2021-01-31"
    assert (page.rec_bank.text(), page.rec_book.text(), page.rec_diff.text()) == (
        "349\u00a0375,50", "350\u00a0000,00", "\u2212624,50")
    assert page.rec_verdict.text() == "Förklaras av 2 bankrader och 2 verifikationer som inte är avstämda."

    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert ledger_book.bank_lines(1930)[0].status == "matchad"
    # The "att göra" filter now shows only the fee, already selected.
    assert page.model.rowCount() == 1 and page.selected().amount == -624_50
    assert "Ingen bokförd verifikation passar och ingen regel" in page.detail.text()
    bank.add_rule(ledger_book, "BANKAVGIFT", 8570)
    page.reload()
    assert "Regeln ”BANKAVGIFT” föreslår en verifikation mot 8570 Bankkostnader" in page.detail.text()
    page.book_selected()
    assert ledger_book.count_vouchers() == 3
    assert page.model.rowCount() == 0
    assert page.rec_verdict.text() == "Stämmer: allt är avstämt."
    assert page.rec_bank.text() == page.rec_book.text() == "349\u00a0375,50"
    pdf = page.write_pdf(str(tmp_path / "avst.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_hand_match_dialog_needs_the_amounts_to_add_up(qtbot, ledger_book, tmp_path, told):
    bank.import_statement(ledger_book, tmp_path / "jan.xml")
    line = ledger_book.bank_lines(1930)[0]
    bank.unmatch(ledger_book, line.id)
    dlg = HandMatchDialog(ledger_book, ledger_book.bank_line(line.id))
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "differens 250 000,00" in dlg.sum_label.text()
    dlg.table.selectRow(0)
    dlg.table.selectRow(1)
    assert ok.isEnabled() and len(dlg.voucher_ids()) == 2
    bank.match_by_hand(ledger_book, line.id, dlg.voucher_ids())
    assert ledger_book.bank_line(line.id).status == "matchad"


def test_dropping_a_csv_asks_for_the_bank_once_and_a_bad_file_is_refused(qtbot, ledger_book, tmp_path, told,
                                                                         monkeypatch):
    w = MainWindow(ledger_book)
    qtbot.addWidget(w)
    csv = tmp_path / "hb.csv"
    csv.write_bytes(HANDELSBANKEN)
    asked = []
    monkeypatch.setattr(bank_view, "_ask", lambda _w, title, label, **k: asked.append((title, k["items"]))
                        or ("Handelsbanken", True))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv))])
    assert bank_view.statement_path(mime) == str(csv)
    event = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    w.dropEvent(event)
    assert asked == [("Bankens CSV-format", ["Handelsbanken", "Swedbank", "SEB", "Nordea"])]
    assert ledger_book.bank_csv_mapping(1930) is not None
    assert len(ledger_book.bank_lines(1930)) == 2
    bad = tmp_path / "bad.xml"
    bad.write_text(CAMT_02[:900], encoding="utf-8")
    assert bank_view.choose_and_import(w, str(bad)) is None
    assert told[-1][0] == "Kontoutdraget lästes inte in" and "bad.xml, rad " in told[-1][1]
    assert len(ledger_book.bank_lines(1930)) == 2


def test_delete_removes_a_match_and_the_filter_shows_it_again(qtbot, ledger_book, tmp_path, told):
    bank.import_statement(ledger_book, tmp_path / "jan.xml")
    bank.confirm_matches(ledger_book)
    page = BankView(ledger_book)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 1  # att göra: only the unmatched fee
    page.filter.setCurrentIndex(4)     # avstämda
    assert [page.model.record(r).amount for r in range(page.model.rowCount())] == [250_000_00]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert ledger_book.bank_lines(1930)[0].status == "omatchad"
    assert page.model.rowCount() == 0 and "0 avstämda, 0 med förslag att bekräfta, 2 omatchade" in page.summary.text()


def test_month_ends_of_the_demo_year(qtbot, tmp_path):
    from finsam_desktop.demo import build_demo
    book = build_demo(tmp_path / "demo.finsam")
    page = BankView(book)
    qtbot.addWidget(page)
    page.set_year(next(y.id for y in book.years() if y.label == "2025"))
    assert page.rec_date.date().toString("yyyy-MM-dd") == "2025-12-31"
    dlg = page.show_month_ends()
    assert dlg.model.rowCount() == 12
    assert [dlg.model.data(dlg.model.index(r, 4)) for r in range(12)] == ["Stämmer"] * 12
    assert dlg.model.data(dlg.model.index(11, 1)).replace("\u00a0", " ") == "926 388,00"
    dlg._choose(dlg.model.index(5, 0))
    assert page.rec_date.date().toString("yyyy-MM-dd") == "2025-06-30"
    assert page.rec_bank.text() == page.rec_book.text() == "1\u00a0060\u00a0205,00"
    book.close()


def test_a_second_bank_account_is_chosen_on_the_page(qtbot, ledger_book, tmp_path, told):
    from bank_samples import CAMT_08
    ledger_book.add_account(1940, "Placeringskonto", "T")
    ledger_book.set_bank_account_id(1930, "SE3550000000054910000003")
    ledger_book.set_bank_account_id(1940, "3300-1234567")
    (tmp_path / "feb.xml").write_text(CAMT_08, encoding="utf-8")
    bank.import_statement(ledger_book, tmp_path / "feb.xml")
    page = BankView(ledger_book)
    qtbot.addWidget(page)
    page.show()
    assert page.account_box.isVisible()
    assert [page.account_box.itemData(i) for i in range(page.account_box.count())] == [1930, 1940]
    page.filter.setCurrentIndex(1)
    page.set_account(1940)
    assert [page.model.record(r).amount for r in range(page.model.rowCount())] == [12_50]
    assert "Konto 1940 Placeringskonto · 3300-1234567" in page.account_label.text()
    assert page.rec_bank.text() == "5\u00a0012,50"
