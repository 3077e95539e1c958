"""Budget per räkenskapsår: positive kronor on screen, ledger sign in the book, the
budgeted result, and a range over two report rows refused next to the field."""

from __future__ import annotations

from finsam_desktop.ui.budget_form import BudgetDialog
from finsam_desktop.ui.main_window import MainWindow

from ui_helpers import booked, isolated_settings  # noqa: F401


def _fill(ed, label, section, accounts, amount):
    ed.new_record()
    ed.label.setText(label)
    ed.section.setCurrentIndex(ed.section.findText(section))
    ed.accounts.setText(accounts)
    ed.amount.setText(amount)
    return ed.save()


def test_budget_rows_are_typed_positive_and_stored_in_ledger_sign(qtbot, book):
    dlg = BudgetDialog(book)
    qtbot.addWidget(dlg)
    ed = dlg.editor
    y = book.years()[0]
    assert _fill(ed, "Driftbidrag", "Intäkter", "3000-3999", "1 200 000") is not None
    assert _fill(ed, "Insatser", "Insatser", "4500–4599", "900 000") is not None
    assert _fill(ed, "Kontor", "Kansli och personal", "6410", "50 000") is not None
    stored = {r.label: (r.section, r.account_from, r.account_to, r.amount) for r in book.budget(y.id)}
    assert stored == {"Driftbidrag": ("intakter", 3000, 3999, -1_200_000_00),
                      "Insatser": ("insatser", 4500, 4599, 900_000_00),
                      "Kontor": ("kansli", 6410, 6410, 50_000_00)}
    m = ed.model
    shown = [[m.index(r, c).data() for c in range(6)] for r in range(m.rowCount())]
    assert shown[0] == ["Driftbidrag", "Intäkter", "3000–3999", "", "1\u00a0200\u00a0000", ""]
    assert shown[2] == ["Kontor", "Kansli och personal", "6410", "", "", "50\u00a0000"]
    assert ed.totals() == (1_200_000_00, 950_000_00, 250_000_00)
    assert "Budgeterat resultat <b>250\u00a0000 kr</b>" in ed.result.text()


def test_budget_row_is_edited_and_deleted(qtbot, book, monkeypatch):
    y = book.years()[0]
    rid = book.add_budget_row(y.id, "Kontor", 40_000_00, account_from=6410, section="kansli")
    dlg = BudgetDialog(book, year_id=y.id)
    qtbot.addWidget(dlg)
    ed = dlg.editor
    ed.table.selectRow(0)
    assert ed.amount.text() == "40\u00a0000" and ed.accounts.text() == "6410"
    ed.amount.setText("45 000")
    ed.accounts.setText("6400-6499")
    assert ed.save() == rid
    r = book.budget(y.id)[0]
    assert (r.account_from, r.account_to, r.amount) == (6400, 6499, 45_000_00)
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    ed.table.selectRow(0)
    ed.delete_current()
    assert book.budget(y.id) == [] and ed.totals() == (0, 0, 0)


def test_a_range_over_two_report_rows_is_refused_next_to_the_field(qtbot, book):
    dlg = BudgetDialog(book)
    qtbot.addWidget(dlg)
    ed = dlg.editor
    assert _fill(ed, "Allt", "Övrigt", "3000-4999", "10 000") is None
    widget, err = ed.fields["konton"]
    assert err.isVisible() or not err.isHidden()
    assert "flera rader i resultaträkningen" in err.text()
    assert "Verksamhetens intäkter och Verksamhetens kostnader" in err.text()
    assert ed.accounts.text() == "3000-4999"               # what was typed stays
    assert book.budget(book.years()[0].id) == []
    assert _fill(ed, "Fel", "Övrigt", "abc", "1") is None
    assert "kontonummer" in ed.fields["konton"][1].text()


def test_budget_dialog_is_in_the_bokforing_menu_and_the_start_page_uses_it(qtbot, book):
    y = book.years()[0]
    book.add_budget_row(y.id, "Driftbidrag", -1_200_000_00, account_from=3000, account_to=3999,
                        section="intakter")
    book.add_budget_row(y.id, "Kostnader", 1_100_000_00, account_from=4000, account_to=6799, section="ovrigt")
    window = MainWindow(book)
    qtbot.addWidget(window)
    assert window.act_budget.shortcut().toString() == "Ctrl+B"
    card = window.pages["start"].result_card
    texts = [card.detail.itemAt(i).widget().text() for i in range(card.detail.count())]
    assert texts[:3] == ["", "Utfall", "Budget helår"]
    assert texts[3:6] == ["Verksamhetens intäkter", "100\u00a0000", "1\u00a0200\u00a0000"]
    assert "Årets resultat" in texts and "100\u00a0000" in texts
