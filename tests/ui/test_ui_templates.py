"""Mallar in the desktop program (Ctrl+M), Fyll i differensen (Ctrl+D) in the
verifikation form, and Nytt räkenskapsår with last year's figures as proposals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from finsam_desktop.book import VoucherFilter
from finsam_desktop.demo import build_demo
from finsam_desktop.ops import templates as T
from finsam_desktop.ui.entry_model import ACCOUNT, CREDIT, DEBIT
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.templates_dialog import TemplatesDialog
from finsam_desktop.ui.year_dialog import NewYearDialog

from ui_helpers import booked, isolated_settings, voucher_form  # noqa: F401


@pytest.fixture
def demo(tmp_path):
    b = build_demo(tmp_path / "demo.finsam")
    yield b
    b.close()


@pytest.fixture
def window(qtbot, demo):
    w = MainWindow(demo)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_ctrl_m_is_mallar_in_the_bokforing_menu(window):
    assert window.act_templates.shortcut().toString() == "Ctrl+M"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Bokföring")
    assert window.act_templates in menu.actions()


def test_enter_in_the_mall_dialog_books_nothing_and_bokfor_books_the_filled_form(qtbot, qapp, window, demo):
    n = demo.count_vouchers(VoucherFilter())
    opened = []
    real_open = window.open_template
    window.open_template = lambda use: opened.append(real_open(use)) or opened[-1]
    dlg = window.show_templates()
    qtbot.waitExposed(dlg)
    assert [dlg.list.item(i).text() for i in range(dlg.list.count())] == ["Arvoden styrelsen", "Hyra", "Löner"]
    dlg.list.setCurrentRow(2)
    assert "får differensen" in dlg.note.text()
    dlg.date_edit.setFocus()
    dlg.date_edit.selectAll()
    qtbot.keyClicks(dlg.date_edit, "2025-11-25")
    qtbot.keyClick(dlg.date_edit, Qt.Key_Return)            # Enter: opens the form, never books
    assert demo.count_vouchers(VoucherFilter()) == n
    assert not dlg.isVisible() and len(opened) == 1
    form = opened[0]
    assert form.date_edit.text() == "2025-11-25" and form.text_edit.text() == "Lön förbundschef"
    assert [(r.account, r.amount) for r in form.model.voucher_rows()] == [
        (5010, 45_500_00), (5410, 14_296_10), (2710, -13_650_00), (2730, -14_296_10), (1930, -31_850_00)]
    assert form.can_book() and form.model.difference() == 0
    qtbot.keyClick(form.text_edit, Qt.Key_Return)            # Enter in the form does not book either
    assert demo.count_vouchers(VoucherFilter()) == n
    form.book_button.click()                                 # the explicit Bokför
    v = form.last_booked
    assert v is not None and v.date == "2025-11-25" and v.text == "Lön förbundschef"
    assert sum(r.amount for r in v.rows) == 0 and (1930, -31_850_00) in [(r.account, r.amount) for r in v.rows]
    assert demo.count_vouchers(VoucherFilter()) == n + 1
    form.close()


def test_a_mall_with_amounts_to_fill_opens_with_the_cursor_in_the_first_empty_amount(qtbot, qapp, window, demo):
    dlg = TemplatesDialog(demo, window)
    qtbot.addWidget(dlg)
    dlg.list.setCurrentRow(0)                                # Arvoden styrelsen
    dlg.date_edit.setText("2025-10-25")
    use = dlg.open_voucher()
    form = window.open_template(use)
    qtbot.waitExposed(form)
    assert [r.account for r in form.model.used_rows()] == [5050, 5410, 2710, 2730, 1930]
    assert form.model.totals() == (0, 0) and not form.can_book()
    assert (form.table.currentIndex().row(), form.table.currentIndex().column()) == (0, DEBIT)
    form.close()


def test_a_date_in_a_closed_year_is_refused_in_the_mall_dialog(qtbot, demo):
    dlg = TemplatesDialog(demo)
    qtbot.addWidget(dlg)
    dlg.date_edit.setText("2024-03-01")
    assert dlg.open_voucher() is None
    assert "2024 är stängt" in dlg.message.text() and dlg.use is None


def test_rename_and_delete_in_the_mall_dialog(qtbot, demo, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    dlg = TemplatesDialog(demo)
    qtbot.addWidget(dlg)
    dlg.list.setCurrentRow(1)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Lokalhyra", True)))
    dlg.rename()
    assert [t.name for t in T.templates(demo)] == ["Arvoden styrelsen", "Lokalhyra", "Löner"]
    assert dlg.current().name == "Lokalhyra"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    dlg.delete()
    assert [t.name for t in T.templates(demo)] == ["Arvoden styrelsen", "Löner"]


def _type(qtbot, qapp, text):
    qtbot.keyClicks(qapp.focusWidget(), text)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key_Return)


def test_fyll_i_differensen_puts_the_exact_ore_on_the_current_row(qtbot, qapp, form, book):
    form.model.autofill = False      # only the explicit Fyll i differensen fills here
    form.text_edit.setText("Kontorsmaterial med moms")
    form._to_rows()
    _type(qtbot, qapp, "6410")
    _type(qtbot, qapp, "1 000,30")   # debet
    _type(qtbot, qapp, "1640")
    _type(qtbot, qapp, "250,07")     # debet
    _type(qtbot, qapp, "1930")       # konto; now in its debet cell
    assert (form.table.currentIndex().row(), form.table.currentIndex().column()) == (2, DEBIT)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key_D, Qt.ControlModifier)
    r = form.model.rows[2]
    assert (r.debit, r.credit) == (None, 1_250_37)
    assert form.model.difference() == 0 and form.can_book(), form.problem.text()
    assert "Ctrl+D fyller i differensen" in form.info.text()
    # A row with an amount on the wrong side is turned over; a row without konto is refused.
    form.model.setData(form.model.index(1, DEBIT), "300,00")
    form.table.setCurrentIndex(form.model.index(1, ACCOUNT))
    assert form.fill_difference() == 250_07 and form.model.rows[1].debit == 250_07
    empty = form.model.append_row()
    form.table.setCurrentIndex(form.model.index(empty, ACCOUNT))
    assert form.fill_difference() is None and f"Rad {empty + 1} har inget konto" in form.problem.text()
    form.book_button.click()
    v = form.last_booked
    assert sorted((r.account, r.amount) for r in v.rows) == [(1640, 250_07), (1930, -1_250_37), (6410, 1_000_30)]


def test_spara_som_mall_keeps_the_rows_and_leaves_empty_amounts_empty(qtbot, qapp, form, book, monkeypatch):
    form.text_edit.setText("Hyra kontor")
    form.model.autofill = False
    form.model.setData(form.model.index(0, ACCOUNT), "5010")
    form.model.setData(form.model.index(0, DEBIT), "8 000,00")
    form.model.setData(form.model.index(1, ACCOUNT), "1930")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Hyra", True)))
    t = form.save_as_template()
    assert t.name == "Hyra" and t.text == "Hyra kontor"
    assert [(r.account, r.amount) for r in t.rows] == [(5010, 8_000_00), (1930, None)]
    assert "Mallen ”Hyra” är sparad med 2 rader" in form.info.text()
    assert book.count_vouchers(VoucherFilter()) == 3          # saving a mall books nothing
    use = T.use_template(book, "Hyra", "2021-04-01")
    assert [(r.account, r.amount) for r in use.rows] == [(5010, 8_000_00), (1930, -8_000_00)]


def test_new_year_dialog_offers_last_years_figures_and_copies_them(qtbot, demo):
    dlg = NewYearDialog(demo)
    qtbot.addWidget(dlg)
    boxes = (dlg.copy_budget, dlg.copy_contributions, dlg.copy_grants)
    assert all(b.isChecked() and b.isEnabled() for b in boxes)
    assert "(14 rader)" in dlg.copy_budget.text()
    assert "(4 medlemmar, 2 592 000 kr)" in dlg.copy_contributions.text()
    assert "(3 insatser, 1 480 000 kr)" in dlg.copy_grants.text()
    dlg.copy_budget.setChecked(False)
    dlg.create()
    y25, y26 = demo.year_by_label("2025"), dlg.year
    assert y26.label == "2026"
    assert demo.contributions(y26.id) == demo.contributions(y25.id)
    grants25 = demo.project_grants(y25.id)
    assert demo.project_grants(y26.id) == {k: grants25[k] for k in demo.project_grants(y26.id)}
    assert sum(demo.project_grants(y26.id).values()) == 1_480_000_00
    assert demo.budget(y26.id) == []
    lines = dlg.copied_lines()
    assert "Driftbidrag: 4 medlemmar, sammanlagt 2 592 000 kr." in lines and not any("Budget" in x for x in lines)


def test_the_new_dialogs_fit_a_1366x768_laptop_with_their_buttons(qtbot, demo, monkeypatch):
    from PySide6.QtCore import QRect
    from finsam_desktop.ui import screen_fit
    free = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w=None: free)
    mallar, year = TemplatesDialog(demo), NewYearDialog(demo)
    for dlg, button in ((mallar, mallar.open_button), (year, year.create_button)):
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        assert dlg.width() + screen_fit.FRAME.width() <= free.width()
        assert dlg.height() + screen_fit.FRAME.height() <= free.height(), type(dlg).__name__
        assert dlg.sizeHint().height() <= dlg.height() and button.isVisible()
        assert dlg.rect().contains(button.geometry().bottomRight())


def _voucher_with_motpart(demo):
    y = demo.year_by_label("2025")
    for s in demo.list_vouchers(VoucherFilter(year_id=y.id)):
        v = demo.voucher(s.id)
        if v.corrects_id is None and any(r.counterpart_id for r in v.rows):
            return v
    raise AssertionError("the demo has verifikationer with a motpart")


def test_a_mall_keeps_each_rows_motpart_through_the_form_into_the_booked_verifikation(qtbot, qapp, window, demo):
    v = _voucher_with_motpart(demo)
    T.save_template_from_voucher(demo, v.id, "Med motpart")
    form = window.open_template(T.use_template(demo, "Med motpart", "2025-12-30"))
    qtbot.waitExposed(form)
    kommun = {c.id: c.name for c in demo.counterparts()}
    shown = [form.model.index(i, 1).data() for i in range(len(v.rows))]
    assert any(f"motpart {kommun[r.counterpart_id]}" in s for r, s in zip(v.rows, shown) if r.counterpart_id)
    form.book_button.click()
    booked_v = form.last_booked
    assert booked_v is not None and booked_v.date == "2025-12-30"
    assert [(r.account, r.amount, r.counterpart_id) for r in booked_v.rows] == \
        [(r.account, r.amount, r.counterpart_id) for r in v.rows]
    form.close()


def test_a_rattelse_in_the_form_reverses_each_row_with_its_motpart(qtbot, qapp, window, demo):
    v = _voucher_with_motpart(demo)
    window.new_voucher()
    form = window.voucher_dialog
    form.show_voucher(v.id)
    form.start_correction()
    form.book_button.click()
    c = form.last_booked
    assert c is not None and c.corrects_id == v.id
    assert [(r.account, r.amount, r.counterpart_id) for r in c.rows] == \
        [(r.account, -r.amount, r.counterpart_id) for r in v.rows]
    assert any(r.counterpart_id for r in c.rows)
    form.close()
